// The incident record's translations through the API (decision 77): an incident in the reader's language
// (`?lang=`, as elsewhere) says which of its texts are translated, which are the English original and which are
// outdated; editors read and save a published incident's translations into one language.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { originOf } from '../../platform/http/auth.ts';
import { problemResponses } from '../../platform/http/openapi.ts';
import { LOCALES } from '../../platform/i18n/locales.ts';
import { incidentSchema, presentIncident } from './incidents.schemas.ts';
import type { IncidentsService } from './incidents.service.ts';
import { type LocalisedView, MAX_LINE, MAX_TEXT, TRANSLATED } from './incidents.translations.ts';

export const langQuery = z.object({
  lang: z
    .string()
    .max(35)
    .optional()
    .describe(`The record's language, one of ${LOCALES.join(', ')}; anything else falls back to Accept-Language, then English`),
});

/** An incident in a language: the record, and how each of its texts is shown. */
export const localisedIncident = incidentSchema.extend({
  lang: z.enum(LOCALES).describe('The language asked for; each text says whether it is in it (texts)'),
  translation: z
    .object({
      madeHere: z
        .literal(true)
        .describe('Translations are made for this platform from the English original: never an official text'),
      texts: z.array(
        z.object({
          field: z.string().describe('title, summary, effects, source.<n>.title, claim.<id>.summary, response.<id>.summary…'),
          lang: z.enum(LOCALES).describe('The language the text is in: the one asked for, or the English original'),
          outdated: z.boolean().describe('Translated from an English text that has changed since (an approved change)'),
        }),
      ),
    })
    .nullable()
    .describe('Null in English, the original'),
});

export function presentLocalised(l: LocalisedView, lang: string): z.infer<typeof localisedIncident> {
  const texts = [...l.shows.entries()].map(([field, s]) => ({ field, lang: s.lang, outdated: s.outdated }));
  return {
    ...presentIncident(l.view),
    lang: lang as 'en',
    translation: lang === 'en' ? null : { madeHere: true, texts },
  };
}

const params = z.object({ id: z.uuid('must be an id'), lang: z.string().describe(TRANSLATED.join(', ')) });

const unit = z.object({
  field: z.string(),
  english: z.string().describe('The English original now'),
  value: z.string().describe('Its translation now; empty when there is none (the English is shown)'),
  outdated: z.boolean().describe('The English has changed since this was translated'),
  oneLine: z.boolean(),
  max: z.number().int(),
  required: z.boolean().describe('The title must be translated whenever anything else is'),
  quoted: z.boolean().describe("A summary of a claimant's statement: its source is authoritative"),
});

export function translationRoutes(deps: { incidents: IncidentsService }) {
  const { incidents } = deps;
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['incidents'];

    r.get(
      '/api/v1/incidents/:id/translations/:lang',
      {
        schema: {
          tags,
          summary: "A published incident's texts in English beside their translations into a language (editors)",
          params,
          response: {
            200: z.object({ id: z.string(), lang: z.enum(TRANSLATED), fields: z.array(unit) }),
            ...problemResponses(400, 401, 403, 404),
          },
        },
      },
      async (req) => {
        const form = await incidents.translations.form(req.actor, req.params.id, req.params.lang);
        return {
          id: form.view.incident.id,
          lang: form.lang,
          fields: form.units.map((x) => ({
            field: x.key,
            english: x.english,
            value: x.value,
            outdated: x.outdated,
            oneLine: x.line,
            max: x.line ? MAX_LINE : MAX_TEXT,
            required: x.required,
            quoted: x.quoted,
          })),
        };
      },
    );

    r.put(
      '/api/v1/incidents/:id/translations/:lang',
      {
        schema: {
          tags,
          summary: "Save a published incident's translations into a language, published at once and audited (editors)",
          description:
            'fields: { <field>: text }. A field left out or blank removes its translation (the English is shown); the title is required whenever another field is translated. Only the fields whose text changes are written; an outdated translation sent unchanged stays outdated unless listed in confirm.',
          params,
          body: z.object({
            fields: z.record(z.string(), z.unknown()).optional(),
            confirm: z
              .array(z.string())
              .optional()
              .describe('Outdated translations left as they are, confirmed as still right for the English now'),
          }),
          response: {
            200: z.object({
              id: z.string(),
              lang: z.enum(TRANSLATED),
              fields: z.array(z.string()).describe('The fields written'),
              removed: z.array(z.string()).describe('Of those, the translations removed'),
            }),
            ...problemResponses(400, 401, 403, 404),
          },
        },
      },
      async (req) =>
        incidents.translations.save(
          req.actor,
          req.params.id,
          { lang: req.params.lang, fields: req.body.fields, confirm: req.body.confirm },
          originOf(req),
        ),
    );
  };
}
