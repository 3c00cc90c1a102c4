// API inputs and outputs of the knowledge base: one zod schema each, for validation, types and OpenAPI.
import { z } from 'zod';
import { LOCALES } from '../../platform/i18n/locales.ts';

export const langQuery = z.object({
  lang: z
    .string()
    .max(35)
    .optional()
    .describe(`Content language, one of ${LOCALES.join(', ')}; anything else falls back to Accept-Language, then English`),
});

export const letterParams = z.object({
  letter: z.string().describe('The norm letter, a to k; any other value is a 404'),
});

export const cbmQuery = langQuery.extend({
  source: z.enum(['un', 'osce', 'oas']).optional().describe('Only the measures of this body'),
});

const text = z.object({
  text: z.string(),
  lang: z.enum(LOCALES).describe('The language the text is actually in; English when no translation exists yet'),
});

const normLetters = z.array(z.string()).describe('Letters of the norms this item maps to (editorial reading)');

export const normSummary = z.object({
  letter: z.string(),
  title: text,
  summary: text,
  url: z.string(),
});

export const normDetail = normSummary.extend({
  citation: z.string().describe('Where the official text comes from, e.g. A/70/174, para. 13 (c)'),
  official_text: z.string().describe('The official text, quoted word for word'),
  about: z.array(text),
  relevance: z.array(text),
  implementation: z.array(z.object({ id: z.string(), title: z.string(), description: z.string() })),
  actors: z.array(z.object({ slug: z.string(), name: z.string(), kind: z.string(), role: z.string() })),
  forums: z.array(z.object({ slug: z.string(), name: z.string(), kind: z.string(), note: z.string() })),
  sectors: z.array(z.object({ slug: z.string(), name: z.string() })),
  cbms: z.array(z.object({ id: z.string(), source: z.string(), number: z.number().int(), title: z.string() })),
  framework_elements: z.array(z.object({ id: z.string(), framework: z.string(), number: z.number().int(), title: z.string() })),
  updated_at: z.string(),
});

export const pillar = z.object({ slug: z.string(), title: text, summary: text, body: z.array(text) });

export const cbm = z.object({
  id: z.string(),
  source: z.enum(['un', 'osce', 'oas']),
  number: z.number().int(),
  title: z.string(),
  description: z.string(),
  adopted: z.string(),
  norms: normLetters,
});

export const framework = z.object({
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  adopted: z.string(),
  source_url: z.string(),
  elements: z.array(
    z.object({ id: z.string(), number: z.number().int(), title: z.string(), description: z.string(), norms: normLetters }),
  ),
});

export const actor = z.object({ slug: z.string(), name: z.string(), kind: z.string(), description: z.string() });
export const forum = z.object({
  slug: z.string(),
  name: z.string(),
  kind: z.string(),
  description: z.string(),
  url: z.string().nullable(),
});
export const sector = z.object({ slug: z.string(), name: z.string(), description: z.string(), sources: z.string() });
export const glossaryTerm = z.object({ slug: z.string(), term: z.string(), definition: z.string() });
export const timelineEvent = z.object({
  id: z.string(),
  date: z.string().describe('ISO date used for ordering; date_label says how precise it is'),
  date_label: z.string(),
  title: z.string(),
  description: z.string(),
  symbol: z.string().nullable().describe('UN document symbol, where there is one'),
  status: z.enum(['confirmed', 'partial', 'unconfirmed']).describe('How well the sources confirm the entry'),
});

/** Wraps a list schema in the { data: [...] } envelope every list endpoint uses. */
export const listOf = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item) });
