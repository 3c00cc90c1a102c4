// Text as each language's index sees it: the text-search configuration per language, Chinese segmented into
// overlapping Han bigrams (documents and queries alike), the words of the vocabulary, the words of a query
// that may be mistyped, and highlighting done here where PostgreSQL cannot (Chinese). No SQL here.
import type { Locale } from '../../platform/i18n/locales.ts';

/** PostgreSQL's text-search configuration per language; Chinese has none, so 'simple' over segmented text. */
export const TS_CONFIG: Record<Locale, string> = {
  en: 'english',
  fr: 'french',
  es: 'spanish',
  ru: 'russian',
  ar: 'arabic',
  zh: 'simple',
};

/** Languages written without spaces between words, which the application segments before PostgreSQL. */
export const segmented = (lang: Locale) => lang === 'zh';

const HAN_RUN = /\p{Script=Han}+/gu;
const HAN = /\p{Script=Han}/u;
// Punctuation outside ASCII (、，。（）…) separates words. ASCII is left to PostgreSQL's parser, and to the
// web-search syntax of queries (quotes, a leading minus).
const WIDE_PUNCTUATION = /[^\p{L}\p{M}\p{N}\u0000-\u007f]+/gu;

/** A run of Han characters as its overlapping bigrams (a single character stays itself). */
function bigrams(run: string): string[] {
  const chars = [...run];
  if (chars.length < 2) return chars;
  return chars.slice(1).map((c, i) => chars[i] + c);
}

/**
 * Chinese text as the index sees it: each run of Han characters becomes its overlapping bigrams
 * (关键基础设施 → 关键 键基 基础 础设 设施), so that any substring of two characters or more is a phrase of
 * consecutive bigrams; Latin words and numbers stay as they are.
 */
export function segmentText(text: string): string {
  return text.replace(WIDE_PUNCTUATION, ' ').replace(HAN_RUN, (run) => ` ${bigrams(run).join(' ')} `);
}

/**
 * A web-style query as the index sees it. In Chinese each run of Han characters becomes a quoted phrase of
 * its bigrams, so 关键基础设施 matches only where those characters stand together; inside quotes the phrase
 * is already there. Other languages are left to websearch_to_tsquery.
 */
export function indexQuery(query: string, lang: Locale): string {
  if (!segmented(lang)) return query;
  let quoted = false;
  let out = '';
  for (const [piece] of query.replace(WIDE_PUNCTUATION, ' ').matchAll(/"|\p{Script=Han}+|[^"\p{Script=Han}]+/gu)) {
    if (piece === '"') {
      quoted = !quoted;
      out += piece;
    } else if (HAN.test(piece)) {
      const grams = bigrams(piece).join(' ');
      const phrase = quoted || !grams.includes(' ') ? grams : `"${grams}"`;
      // A leading minus must stay attached to what it excludes.
      out += out.endsWith('-') ? phrase : ` ${phrase} `;
    } else {
      out += piece;
    }
  }
  return out;
}

/** The words the vocabulary keeps from a text: lower-cased letters, three or more, no Han characters. */
export function vocabularyWords(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{M}]{3,40}/gu) ?? []).filter((w) => !HAN.test(w));
}

/** A word of a query that may be mistyped, with where it stands in the query. */
export interface QueryWord {
  word: string;
  start: number;
  end: number;
}

/** The words of a query worth checking against the vocabulary: letters only, three or more, not OR, not Han. */
export function checkableWords(query: string): QueryWord[] {
  const words: QueryWord[] = [];
  for (const m of query.matchAll(/[\p{L}\p{M}\p{N}]+/gu)) {
    const word = m[0].toLowerCase();
    if (word === 'or' || HAN.test(word) || /\p{N}/u.test(word) || [...word].length < 3) continue;
    words.push({ word, start: m.index, end: m.index + m[0].length });
  }
  return words;
}

/** The query with some of its words replaced (keeping a capital letter where the reader typed one). */
export function replaceWords(query: string, replacements: Map<QueryWord, string>): string {
  let out = '';
  let at = 0;
  for (const [w, better] of [...replacements].sort(([a], [b]) => a.start - b.start)) {
    const typed = query.slice(w.start, w.end);
    const capital = typed[0] !== typed[0].toLowerCase();
    out += query.slice(at, w.start) + (capital ? better[0].toUpperCase() + better.slice(1) : better);
    at = w.end;
  }
  return out + query.slice(at);
}

/** What to highlight in a Chinese document for a query: the Han runs and other words not excluded by a minus. */
export function highlightTerms(query: string): string[] {
  const terms = new Set<string>();
  for (const m of query.replace(WIDE_PUNCTUATION, ' ').matchAll(/(-?)(\p{Script=Han}+|[\p{L}\p{M}\p{N}]+)/gu)) {
    if (m[1] === '-' || /^or$/i.test(m[2])) continue;
    terms.add(m[2].toLowerCase());
  }
  return [...terms].sort((a, b) => b.length - a.length);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Marks the terms in a text with the given markers: Han runs wherever they occur, other words where they
 * stand whole. With `around`, only an excerpt of about that many characters, from a little before the
 * first match, is kept (ellipses where it was cut).
 */
export function markTerms(text: string, terms: string[], marks: [string, string], around?: number): string {
  const pattern = terms.length
    ? new RegExp(
        terms.map((t) => (HAN.test(t) ? escapeRegExp(t) : `(?<![\\p{L}\\p{N}])${escapeRegExp(t)}(?![\\p{L}\\p{N}])`)).join('|'),
        'giu',
      )
    : null;
  let excerpt = text;
  if (around !== undefined) {
    const first = pattern ? text.search(pattern) : -1;
    const chars = [...text];
    // Where the first match is, counted in characters rather than UTF-16 units.
    const at = first < 0 ? 0 : [...text.slice(0, first)].length;
    const start = Math.max(0, Math.min(at - Math.floor(around / 5), chars.length - around));
    excerpt = chars
      .slice(start, start + around)
      .join('')
      .trim();
    if (start > 0) excerpt = `… ${excerpt}`;
    if (start + around < chars.length) excerpt = `${excerpt} …`;
  }
  return pattern ? excerpt.replace(pattern, (m) => marks[0] + m + marks[1]) : excerpt;
}
