// Full-text search over all content in the reader's language: ranking, highlighted snippets that are safe to
// show, English when nothing matches in that language, a correction for words the index does not know, and
// the index itself (documents and vocabulary, per language).
import { createHash } from 'node:crypto';
import type { Queryable } from '../../db/client.ts';
import { LOCALES, type Locale } from '../../platform/i18n/locales.ts';
import { escapeHtml } from '../../views/html.ts';
import * as q from './search.queries.ts';
import { PAGE_SIZE, SEARCH_KINDS, type SearchKind, type SearchResult } from './search.schemas.ts';
import {
  checkableWords,
  highlightTerms,
  indexQuery,
  markTerms,
  replaceWords,
  segmented,
  segmentText,
  TS_CONFIG,
  vocabularyWords,
} from './search.text.ts';

/** Escapes text from the database, then turns the highlight markers into <mark> elements. */
export function markHighlights(text: string): string {
  return escapeHtml(text).replaceAll(q.MARK_START, '<mark>').replaceAll(q.MARK_END, '</mark>');
}

/** How long a Chinese excerpt is, in characters (about what ts_headline's 35 words are elsewhere). */
const EXCERPT_CHARS = 120;

export interface SearchOptions {
  /** The language to search first; English when nothing matches in it. Default English. */
  lang?: Locale;
  /** Only these kinds (all when empty or absent). */
  kinds?: SearchKind[];
  /** The offset of the page, as next_cursor gave it. */
  cursor?: string;
  /** Search the words as typed even when nothing matches and a correction would. */
  exact?: boolean;
}

type Found = { lang: Locale; query: string; row: q.MatchesRow };

export function createSearchService(deps: { db: Queryable }) {
  const { db } = deps;

  /**
   * One page of one language's matches, or null when nothing at all (of any kind) matches there; and which
   * of `words` the language's vocabulary does not hold.
   */
  async function matchesIn(query: string, lang: Locale, kinds: SearchKind[], offset: number, words: string[] = []) {
    const row = await q.rankedMatches(db, {
      config: TS_CONFIG[lang],
      lang,
      query: indexQuery(query, lang),
      kinds: kinds.length ? kinds : null,
      limit: PAGE_SIZE,
      offset,
      headline: !segmented(lang),
      words,
    });
    return { found: row.counts.some((c) => c.n > 0) ? ({ lang, query, row } as Found) : null, unknown: row.unknown };
  }

  /** The query's matches in English, for a reader whose language has none. */
  const inEnglish = async (query: string, lang: Locale, kinds: SearchKind[], offset: number) =>
    lang === 'en' ? null : (await matchesIn(query, 'en', kinds, offset)).found;

  /** The reader's language first, then English. */
  const find = async (query: string, lang: Locale, kinds: SearchKind[], offset: number) =>
    (await matchesIn(query, lang, kinds, offset)).found ?? (await inEnglish(query, lang, kinds, offset));

  /**
   * The query with each word the language's index does not know (`unknown`, if already asked) replaced by
   * the closest one it does; null when there is none to replace or nothing close.
   */
  async function suggest(query: string, lang: Locale, unknown?: string[]): Promise<string | null> {
    const words = checkableWords(query);
    if (!words.length) return null;
    const closest = new Map<string, string>();
    for (const word of unknown ?? (await q.wordsNotIndexed(db, lang, [...new Set(words.map((w) => w.word))]))) {
      const found = await q.closestWord(db, { config: TS_CONFIG[lang], lang, word });
      if (!found.matches && found.closest && found.closest !== word) closest.set(word, found.closest);
    }
    if (!closest.size) return null;
    return replaceWords(query, new Map(words.flatMap((w) => (closest.has(w.word) ? [[w, closest.get(w.word) as string]] : []))));
  }

  return {
    /** One page of results for a query; the cursor is the offset of the page. */
    async search(asked: string, opts: SearchOptions = {}): Promise<SearchResult> {
      const lang = opts.lang ?? 'en';
      const kinds = opts.kinds ?? [];
      const offset = opts.cursor ? Number.parseInt(opts.cursor, 10) : 0;
      const query = asked.normalize('NFC');
      const words = [...new Set(checkableWords(query).map((w) => w.word))];
      const first = await matchesIn(query, lang, kinds, offset, words);
      let suggestion = first.unknown.length ? await suggest(query, lang, first.unknown) : null;
      let found = first.found ?? (await inEnglish(query, lang, kinds, offset));
      let corrected = false;
      if (!found) {
        // Nothing matches as typed: the correction's results, if it finds any (in the language, else English),
        // unless the reader asked for the words as typed. A correction that finds nothing either is no help.
        suggestion ??= lang === 'en' ? null : await suggest(query, 'en');
        const better = suggestion ? await find(suggestion, lang, kinds, offset) : null;
        if (!better) suggestion = null;
        else if (!opts.exact) {
          found = better;
          corrected = true;
        }
      }
      const row = found?.row ?? { counts: [], hits: [] };
      const resultsLang = found?.lang ?? lang;
      const terms = segmented(resultsLang) ? highlightTerms(found?.query ?? query) : [];
      const marks: [string, string] = [q.MARK_START, q.MARK_END];
      const count = new Map(row.counts.map((c) => [c.kind, c.n]));
      const total = row.counts.reduce((n, c) => n + (kinds.length && !kinds.includes(c.kind as SearchKind) ? 0 : c.n), 0);
      const nextOffset = offset + row.hits.length;
      return {
        query: asked,
        lang,
        results_lang: resultsLang,
        fallback: resultsLang !== lang,
        suggestion,
        corrected,
        kinds,
        counts: SEARCH_KINDS.map((kind) => ({ kind, count: count.get(kind) ?? 0 })),
        total,
        hits: row.hits.map((r) => ({
          kind: r.kind,
          ref: r.ref,
          lang: r.lang as Locale,
          title: r.title,
          url: r.url,
          snippet_html: markHighlights(segmented(resultsLang) ? markTerms(r.snippet, terms, marks, EXCERPT_CHARS) : r.snippet),
          title_html: markHighlights(segmented(resultsLang) ? markTerms(r.title_marked, terms, marks) : r.title_marked),
          rank: Number(r.rank),
        })),
        next_cursor: row.hits.length === PAGE_SIZE && nextOffset < total && nextOffset <= 9999 ? String(nextOffset) : null,
      };
    },
  };
}

export type SearchService = ReturnType<typeof createSearchService>;

/** A page or section to index, in one language (its untranslated parts in English). */
export interface IndexDocument {
  kind: string;
  ref: string;
  lang: Locale;
  title: string;
  body: string;
  url: string;
}

/** Bumped when how documents are indexed changes, so that the next rebuild rewrites every one of them. */
const INDEXING = 'search-1';

const keyOf = (d: { kind: string; ref: string; lang: string }) => `${d.kind}\u0000${d.ref}\u0000${d.lang}`;

/** How often each word of the vocabulary changes, (lang, word, kind), when these texts come in (+1) or go (-1). */
function wordDeltas(texts: { kind: string; lang: string; title: string; body: string; sign: 1 | -1 }[]) {
  const deltas = new Map<string, { lang: string; word: string; kind: string; delta: number }>();
  for (const d of texts) {
    for (const word of vocabularyWords(`${d.title}\n${d.body}`)) {
      const key = `${d.lang}\u0000${d.kind}\u0000${word}`;
      const entry = deltas.get(key);
      if (entry) entry.delta += d.sign;
      else deltas.set(key, { lang: d.lang, word, kind: d.kind, delta: d.sign });
    }
  }
  return [...deltas.values()].filter((w) => w.delta !== 0);
}

/**
 * Makes the index hold exactly these documents for the given kinds in the given languages (all by default),
 * and the vocabulary their words; call inside the transaction that changed them. Only the documents whose
 * text changed are rewritten, so an editor's save costs little however many languages are indexed.
 */
export async function replaceDocuments(
  tx: Queryable,
  kinds: string[],
  docs: IndexDocument[],
  langs: readonly Locale[] = LOCALES,
) {
  const stray = docs.find((d) => !kinds.includes(d.kind) || !langs.includes(d.lang));
  if (stray) throw new Error(`document ${stray.kind}/${stray.ref}/${stray.lang} is outside the kinds and languages replaced`);
  const wanted = new Map(
    docs.map((d) => [
      keyOf(d),
      { doc: d, digest: createHash('sha256').update(`${INDEXING}\n${d.url}\n${d.title}\n${d.body}`).digest('base64url') },
    ]),
  );
  const indexed = await q.indexedDigests(tx, kinds, langs);
  const kept = new Set(indexed.filter((r) => wanted.get(keyOf(r))?.digest === r.digest).map(keyOf));
  const stale = indexed.filter((r) => !kept.has(keyOf(r))).map((r) => r.id);
  const fresh = [...wanted.values()].filter((w) => !kept.has(keyOf(w.doc)));
  const gone = stale.length ? await q.indexedTexts(tx, stale) : [];
  if (stale.length) await q.deleteDocumentsById(tx, stale);
  await q.insertDocuments(
    tx,
    fresh.map(({ doc, digest }) => {
      const segment = segmented(doc.lang);
      return {
        ...doc,
        config: TS_CONFIG[doc.lang],
        digest,
        title_terms: segment ? segmentText(doc.title) : null,
        body_terms: segment ? segmentText(doc.body) : null,
      };
    }),
  );
  await q.adjustWords(
    tx,
    wordDeltas([...gone.map((g) => ({ ...g, sign: -1 as const })), ...fresh.map((f) => ({ ...f.doc, sign: 1 as const }))]),
  );
}
