// The search index's SQL: ranked full-text matches per language with highlighted snippets and counts per
// kind, the vocabulary's suggestions for mistyped words, and index maintenance.
import type { Queryable } from '../../db/client.ts';

export interface HitRow {
  id: number;
  kind: string;
  ref: string;
  lang: string;
  title: string;
  url: string;
  rank: number;
  snippet: string;
  title_marked: string;
}

export interface MatchesRow {
  /** Matches per kind, before the kind filter. */
  counts: { kind: string; n: number }[];
  hits: HitRow[];
  /** Those of the words asked about that are not in the language's vocabulary. */
  unknown: string[];
}

// Markers that never occur in our content; the presenter escapes the text, then turns them into <mark>.
export const MARK_START = '\u27e6';
export const MARK_END = '\u27e7';
const HEADLINE = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "`;

/**
 * One language's documents matching a web-style query: how many of each kind (the total follows from them),
 * and one page of those of the wanted kinds (all when null), best first. With `headline` false the title and body come back unmarked
 * (Chinese, which PostgreSQL cannot highlight: the service does). In the same statement, which of `words`
 * the language's vocabulary does not hold (most queries: none), so that a search costs one round trip.
 */
export const rankedMatches = async (
  db: Queryable,
  p: {
    config: string;
    lang: string;
    query: string;
    kinds: string[] | null;
    limit: number;
    offset: number;
    headline: boolean;
    words: string[];
  },
) =>
  (
    await db.query<MatchesRow>(
      `with query as (select websearch_to_tsquery($1::regconfig, $3) as q),
       matches as (
         select d.id, d.kind, ts_rank_cd(d.tsv, query.q) as rank
           from search_documents d, query
          where d.lang = $2 and d.tsv @@ query.q
       ),
       page as (
         select * from matches m where $4::text[] is null or m.kind = any($4::text[]) order by rank desc, id limit $5 offset $6
       ),
       hits as (
         select d.id, d.kind, d.ref, d.lang, d.title, d.url, p.rank::float8 as rank,
                case when $7 then ts_headline($1::regconfig, d.body, query.q, '${HEADLINE}') else d.body end as snippet,
                case when $7 then ts_headline($1::regconfig, d.title, query.q,
                  'StartSel=${MARK_START}, StopSel=${MARK_END}, HighlightAll=true') else d.title end as title_marked
           from page p join search_documents d on d.id = p.id, query
       )
       select coalesce((select json_agg(json_build_object('kind', kind, 'n', n))
                          from (select kind, count(*)::int as n from matches group by kind) c), '[]'::json) as counts,
              coalesce((select json_agg(h order by h.rank desc, h.id) from hits h), '[]'::json) as hits,
              array(select w.word from unnest($8::text[]) as w(word)
                     where not exists (select 1 from search_words v where v.word = w.word and v.lang = $2)) as unknown`,
      [p.config, p.lang, p.query, p.kinds, p.limit, p.offset, p.headline, p.words],
    )
  )[0];

/** The words that are not in the language's vocabulary as they are (most queries have none). */
export const wordsNotIndexed = async (db: Queryable, lang: string, words: string[]) =>
  (
    await db.query<{ word: string }>(
      `select w.word from unnest($2::text[]) as w(word)
        where not exists (select 1 from search_words v where v.word = w.word and v.lang = $1)`,
      [lang, words],
    )
  ).map((r) => r.word);

/**
 * For a word not in the vocabulary: whether it matches documents of the language all the same (another form
 * of an indexed word does, once stemmed), and the closest indexed word by trigram similarity (0.3 at least,
 * pg_trgm's usual threshold), the more frequent first among equals.
 */
export const closestWord = async (db: Queryable, p: { config: string; lang: string; word: string }) =>
  (
    await db.query<{ matches: boolean; closest: string | null }>(
      // A count, not exists(): looking for a first match, the planner scans every document when there is none.
      `select (select count(*) from search_documents d
                where d.tsv @@ plainto_tsquery($1::regconfig, $3) and d.lang = $2) > 0 as matches,
              (select c.word
                 from (select v.word, v.uses from search_words v where v.lang = $2 order by v.word <-> $3 limit 20) c
                group by c.word
               having similarity(c.word, $3) >= 0.3
                order by similarity(c.word, $3) desc, sum(c.uses) desc, c.word
                limit 1) as closest`,
      [p.config, p.lang, p.word],
    )
  )[0];

/** The documents of these kinds and languages as indexed: their key and the digest of what they hold. */
export const indexedDigests = (db: Queryable, kinds: string[], langs: readonly string[]) =>
  db.query<{ id: string; kind: string; ref: string; lang: string; digest: string | null }>(
    `select id::text as id, kind, ref, lang, digest from search_documents
      where kind = any($1::text[]) and lang = any($2::text[])`,
    [kinds, langs],
  );

/** The text of some indexed documents, by id (to take their words out of the vocabulary). */
export const indexedTexts = (db: Queryable, ids: string[]) =>
  db.query<{ kind: string; lang: string; title: string; body: string }>(
    'select kind, lang, title, body from search_documents where id = any($1::bigint[])',
    [ids],
  );

export async function deleteDocumentsById(db: Queryable, ids: string[]) {
  await db.query('delete from search_documents where id = any($1::bigint[])', [ids]);
}

/** A document as the index stores it; `title_terms`/`body_terms` are what to index instead, when segmented. */
export interface IndexRow {
  kind: string;
  ref: string;
  lang: string;
  config: string;
  title: string;
  body: string;
  url: string;
  digest: string;
  title_terms: string | null;
  body_terms: string | null;
}

const COLUMNS = ['kind', 'ref', 'lang', 'config', 'title', 'body', 'url', 'digest', 'title_terms', 'body_terms'] as const;

/** Stores documents with their tsvector, title weighted above body, in the language's configuration. */
export async function insertDocuments(db: Queryable, rows: IndexRow[]) {
  for (let i = 0; i < rows.length; i += 500) {
    const part = rows.slice(i, i + 500);
    await db.query(
      `insert into search_documents (kind, ref, lang, title, body, url, digest, tsv)
       select v.kind, v.ref, v.lang, v.title, v.body, v.url, v.digest,
              setweight(to_tsvector(v.config::regconfig, coalesce(v.title_terms, v.title)), 'A')
              || setweight(to_tsvector(v.config::regconfig, coalesce(v.body_terms, v.body)), 'B')
         from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                     $9::text[], $10::text[])
           as v(kind, ref, lang, config, title, body, url, digest, title_terms, body_terms)`,
      COLUMNS.map((c) => part.map((r) => r[c])),
    );
  }
}

/**
 * Changes how often words occur in the vocabulary, (lang, word, kind) by `delta`; a word no longer used
 * leaves it.
 */
export async function adjustWords(db: Queryable, words: { lang: string; word: string; kind: string; delta: number }[]) {
  for (let i = 0; i < words.length; i += 5000) {
    const part = words.slice(i, i + 5000);
    const columns = [part.map((w) => w.lang), part.map((w) => w.word), part.map((w) => w.kind), part.map((w) => w.delta)];
    await db.query(
      `insert into search_words (lang, word, kind, uses)
       select * from unnest($1::text[], $2::text[], $3::text[], $4::int[])
       on conflict (lang, word, kind) do update set uses = search_words.uses + excluded.uses`,
      columns,
    );
    const shrunk = part.filter((w) => w.delta < 0);
    if (shrunk.length)
      await db.query(
        `delete from search_words w using unnest($1::text[], $2::text[], $3::text[]) as k(lang, word, kind)
          where w.lang = k.lang and w.word = k.word and w.kind = k.kind and w.uses <= 0`,
        [shrunk.map((w) => w.lang), shrunk.map((w) => w.word), shrunk.map((w) => w.kind)],
      );
  }
}
