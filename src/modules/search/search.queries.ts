// The search index's SQL: ranked full-text matches with highlighted snippets, and index maintenance.
import type { Queryable } from '../../db/client.ts';

export interface HitRow {
  kind: string;
  ref: string;
  title: string;
  url: string;
  rank: number;
  total: number;
  snippet: string;
  title_marked: string;
}

// Markers that never occur in our content; the presenter escapes the text, then turns them into <mark>.
export const MARK_START = '\u27e6';
export const MARK_END = '\u27e7';
const HEADLINE = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "`;

/** Documents matching a web-style query, best first, with the total number of matches. */
export const rankedMatches = (db: Queryable, query: string, limit: number, offset: number) =>
  db.query<HitRow>(
    `with query as (select websearch_to_tsquery('english', $1) as q),
     ranked as (
       select d.id, ts_rank_cd(d.tsv, query.q) as rank, count(*) over () as total
         from search_documents d, query
        where d.tsv @@ query.q
        order by rank desc, d.id
        limit $2 offset $3
     )
     select d.kind, d.ref, d.title, d.url, r.rank::float8 as rank, r.total::int as total,
            ts_headline('english', d.body, query.q, '${HEADLINE}') as snippet,
            ts_headline('english', d.title, query.q, 'StartSel=${MARK_START}, StopSel=${MARK_END}, HighlightAll=true') as title_marked
       from ranked r join search_documents d on d.id = r.id, query
      order by r.rank desc, d.id`,
    [query, limit, offset],
  );

export async function deleteDocumentsOfKinds(db: Queryable, kinds: string[]) {
  await db.query('delete from search_documents where kind = any($1)', [kinds]);
}

export async function insertDocuments(
  db: Queryable,
  docs: { kind: string; ref: string; title: string; body: string; url: string }[],
) {
  for (let i = 0; i < docs.length; i += 200) {
    const part = docs.slice(i, i + 200);
    const values = part.map((_, r) => `($${r * 5 + 1}, $${r * 5 + 2}, $${r * 5 + 3}, $${r * 5 + 4}, $${r * 5 + 5})`).join(', ');
    await db.query(
      `insert into search_documents (kind, ref, title, body, url) values ${values}`,
      part.flatMap((d) => [d.kind, d.ref, d.title, d.body, d.url]),
    );
  }
}
