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

const inLang = z
  .enum(LOCALES)
  .describe("The language the item's text is in: the one asked for, or English where it is not translated yet");

const normLetters = z.array(z.string()).describe('Letters of the norms this item maps to (editorial reading)');

export const normSummary = z.object({
  letter: z.string(),
  title: text,
  summary: text,
  url: z.string(),
});

export const normDetail = normSummary.extend({
  citation: z.string().describe('Where the official text comes from, e.g. A/70/174, para. 13 (c)'),
  official_text: z.string().describe('The official text as adopted in English, quoted word for word'),
  official_versions: z
    .array(z.object({ lang: z.enum(LOCALES), url: z.string() }))
    .describe("The UN's official version of the source document in each of its six languages (the UN's document system)"),
  about: z.array(text),
  relevance: z.array(text),
  implementation: z.array(z.object({ id: z.string(), title: z.string(), description: z.string(), lang: inLang })),
  actors: z.array(z.object({ slug: z.string(), name: z.string(), kind: z.string(), role: z.string(), lang: inLang })),
  forums: z.array(z.object({ slug: z.string(), name: z.string(), kind: z.string(), note: z.string(), lang: inLang })),
  sectors: z.array(z.object({ slug: z.string(), name: z.string(), lang: inLang })),
  cbms: z.array(
    z.object({
      id: z.string(),
      source: z.string(),
      number: z.number().int(),
      title: z.string(),
      verified: z.boolean(),
      lang: inLang,
    }),
  ),
  framework_elements: z.array(
    z.object({ id: z.string(), framework: z.string(), number: z.number().int(), title: z.string(), lang: inLang }),
  ),
  incidents: z
    .array(
      z.object({
        id: z.string(),
        title: z.string(),
        year: z.number().int().nullable().describe('The year the incident started, when known'),
        contested: z.boolean().describe('Claims name different perpetrators, or a State denies a claim'),
        lang: inLang.describe('The language of its title: the one asked for where translated, else English'),
        url: z.string(),
        readings: z.array(
          z.object({
            basis: z
              .enum(['invoked', 'editors'])
              .describe("invoked: a State invoked the norm in its own statement; editors: the editors' reading"),
            invoked_by: z.string().nullable().describe('The State that invoked it (ISO 3166-1 alpha-3)'),
            rationale: z.string(),
            lang: inLang,
          }),
        ),
      }),
    )
    .describe('The published incidents of the incident record with this norm at stake, the latest first'),
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
  verified: z
    .boolean()
    .describe(
      "False while the item's place in its source has not been checked against the document: not to be cited as confirmed",
    ),
  norms: normLetters,
  lang: inLang,
});

export const framework = z.object({
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  adopted: z.string(),
  source_url: z.string(),
  lang: inLang,
  elements: z.array(
    z.object({
      id: z.string(),
      number: z.number().int(),
      title: z.string(),
      description: z.string(),
      norms: normLetters,
      lang: inLang,
    }),
  ),
});

export const actor = z.object({ slug: z.string(), name: z.string(), kind: z.string(), description: z.string(), lang: inLang });
export const forum = z.object({
  slug: z.string(),
  name: z.string(),
  kind: z.string(),
  description: z.string(),
  url: z.string().nullable(),
  lang: inLang,
});
export const sector = z.object({
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  sources: z.string(),
  lang: inLang,
});
export const glossaryTerm = z.object({ slug: z.string(), term: z.string(), definition: z.string(), lang: inLang });
export const timelineEvent = z.object({
  id: z.string(),
  date: z.string().describe('The date at the precision the sources give: YYYY, YYYY-MM or YYYY-MM-DD (ISO 8601)'),
  date_precision: z.enum(['day', 'month', 'year']),
  lang: inLang,
  date_label: z.string(),
  title: z.string(),
  description: z.string(),
  symbol: z.string().nullable().describe('UN document symbol, where there is one'),
  status: z.enum(['confirmed', 'partial', 'unconfirmed']).describe('How well the sources confirm the entry'),
});

/** Wraps a list schema in the { data: [...] } envelope every list endpoint uses. */
export const listOf = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item) });
