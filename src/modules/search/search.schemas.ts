// Search inputs and outputs: one zod schema each, shared by validation, types and the OpenAPI document.
import { z } from 'zod';

export const MAX_QUERY_LENGTH = 500;
export const PAGE_SIZE = 10;

/** Control characters cannot be typed meaningfully and PostgreSQL refuses NUL; they become spaces. */
const cleanText = (s: string) => s.toWellFormed().replace(/[\u0000-\u001f\u007f]/g, ' ');

export const searchQuery = z.object({
  q: z
    .string()
    .max(MAX_QUERY_LENGTH, `must be at most ${MAX_QUERY_LENGTH} characters`)
    .transform(cleanText)
    .refine((s) => s.trim().length > 0, 'must not be empty')
    .describe('Words to look for; quotes, OR and a leading - work as in web search engines.'),
  cursor: z
    .string()
    .regex(/^[0-9]{1,4}$/, 'must be a cursor returned by a previous page')
    .optional()
    .describe('The next_cursor of the previous page.'),
});

export const searchHit = z.object({
  kind: z.string().describe('norm, norm-implementation, pillar, cbm, framework, actor, forum, sector, glossary or timeline'),
  ref: z.string(),
  title: z.string(),
  url: z.string().describe('Path of the page (and section anchor) the hit belongs to'),
  title_html: z.string().describe('Escaped HTML title with the matched words in <mark> elements'),
  snippet_html: z.string().describe('Escaped HTML excerpt with the matched words in <mark> elements'),
  rank: z.number(),
});

export const searchResult = z.object({
  query: z.string(),
  total: z.number().int(),
  hits: z.array(searchHit),
  next_cursor: z.string().nullable(),
});

export type SearchResult = z.output<typeof searchResult>;
