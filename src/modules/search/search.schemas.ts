// Search inputs and outputs: one zod schema each, shared by validation, types and the OpenAPI document.
import { z } from 'zod';
import { LOCALES } from '../../platform/i18n/locales.ts';

export const MAX_QUERY_LENGTH = 500;
export const PAGE_SIZE = 10;

/** The kinds of document in the index, in the order the filters list them. */
export const SEARCH_KINDS = [
  'norm',
  'norm-implementation',
  'pillar',
  'cbm',
  'framework',
  'actor',
  'forum',
  'sector',
  'glossary',
  'timeline',
  'lesson',
] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];
export const isSearchKind = (k: string): k is SearchKind => (SEARCH_KINDS as readonly string[]).includes(k);

/** Control characters cannot be typed meaningfully and PostgreSQL refuses NUL; they become spaces. */
const cleanText = (s: string) => s.toWellFormed().replace(/[\u0000-\u001f\u007f]/g, ' ');

/** `kind=norm,cbm` or `kind=norm&kind=cbm`, as a list without repeats; an unknown kind is refused. */
const kinds = z.union([z.string(), z.array(z.string()).max(SEARCH_KINDS.length * 2)]).transform((v, ctx) => {
  const list = [...new Set((Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()))].filter(Boolean);
  const unknown = list.filter((k) => !isSearchKind(k));
  if (unknown.length) {
    ctx.addIssue({ code: 'custom', message: 'choice', params: { options: SEARCH_KINDS.join(', ') } });
    return z.NEVER;
  }
  return list as SearchKind[];
});

export const searchQuery = z.object({
  q: z
    .string()
    .max(MAX_QUERY_LENGTH, `must be at most ${MAX_QUERY_LENGTH} characters`)
    .transform(cleanText)
    .refine((s) => s.trim().length > 0, 'must not be empty')
    .describe('Words to look for; quotes, OR and a leading - work as in web search engines.'),
  lang: z
    .enum(LOCALES)
    .optional()
    .describe(
      'The language to search in (default: the request’s language). When nothing matches in it, English is searched and `fallback` says so.',
    ),
  kind: kinds.optional().describe(`Only these kinds of content, comma-separated or repeated: ${SEARCH_KINDS.join(', ')}.`),
  exact: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true')
    .describe('true: search the words as typed, even when nothing matches and a correction would.'),
  cursor: z
    .string()
    .regex(/^[0-9]{1,4}$/, 'must be a cursor returned by a previous page')
    .optional()
    .describe('The next_cursor of the previous page.'),
});

export type SearchInput = z.output<typeof searchQuery>;

export const searchHit = z.object({
  kind: z.string().describe(`What the hit is: ${SEARCH_KINDS.join(', ')}`),
  ref: z.string(),
  lang: z.enum(LOCALES).describe('The language of the indexed document (its untranslated parts are in English)'),
  title: z.string(),
  url: z.string().describe('Path of the page (and section anchor) the hit belongs to'),
  title_html: z.string().describe('Escaped HTML title with the matched words in <mark> elements'),
  snippet_html: z.string().describe('Escaped HTML excerpt with the matched words in <mark> elements'),
  rank: z.number(),
});

export const searchResult = z.object({
  query: z.string().describe('The query as asked'),
  lang: z.enum(LOCALES).describe('The language searched first'),
  results_lang: z.enum(LOCALES).describe('The language of the hits: `lang`, or English when `fallback`'),
  fallback: z.boolean().describe('Nothing matched in `lang`: the hits are English documents'),
  suggestion: z
    .string()
    .nullable()
    .describe('The query with the words the index does not know replaced by the closest words it does, or null'),
  corrected: z.boolean().describe('Nothing matched the query: the hits are those of `suggestion`'),
  kinds: z.array(z.enum(SEARCH_KINDS)).describe('The kinds the hits were limited to (empty: all)'),
  counts: z
    .array(z.object({ kind: z.enum(SEARCH_KINDS), count: z.number().int() }))
    .describe('Matches of each kind, before the kind filter, in the order of the filters'),
  total: z.number().int().describe('Matches of the wanted kinds'),
  hits: z.array(searchHit),
  next_cursor: z.string().nullable(),
});

export type SearchResult = z.output<typeof searchResult>;
