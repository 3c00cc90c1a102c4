// The incident record through the API: parse → the service → present. The service decides who may.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { originOf } from '../../platform/http/auth.ts';
import { problemResponses } from '../../platform/http/openapi.ts';
import { positionRoutes } from './incidents.positions.routes.ts';
import { revisionsRoutes } from './incidents.revisions.routes.ts';
import {
  filterOf,
  filterQuery,
  idParams,
  importResult,
  incidentBody,
  incidentSchema,
  positionBody,
  positionParams,
  presentIncident,
  stixBody,
  stixBundleSchema,
} from './incidents.schemas.ts';
import type { IncidentsService } from './incidents.service.ts';
import { langQuery, localisedIncident, presentLocalised, translationRoutes } from './incidents.translations.routes.ts';

/** Computes a text once until the record changes (app.ts's content cache, dropped on every change to the record). */
type Memo = (key: string, compute: () => Promise<string>) => Promise<string>;

export function incidentsRoutes(deps: { incidents: IncidentsService; memo?: Memo }) {
  const { incidents } = deps;
  // The whole record's exports cost seconds at 10 000 incidents: made once per change of the record, not per
  // request, so anyone may ask for them without making the server work for each ask.
  const memo: Memo = deps.memo ?? ((_key, compute) => compute());
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['incidents'];
    // A State's positions drafted by its points of contact, for its focal point (incidents.positions.routes.ts).
    await positionRoutes({ incidents })(app);

    r.get(
      '/api/v1/incidents',
      {
        schema: {
          tags,
          summary: 'Published incidents, each with every attribution claim made about it, filtered; 50 a page',
          querystring: filterQuery.extend(langQuery.shape),
          response: {
            200: z.object({
              data: z.array(localisedIncident).describe('In the language asked for where translated (lang)'),
              total: z.number().int().describe('How many incidents match, on all pages'),
              page: z.number().int(),
              perPage: z.number().int(),
            }),
            ...problemResponses(400),
          },
        },
      },
      async (req) => {
        const { views, ...rest } = await incidents.page(filterOf(req.query), req.query.page ?? 1);
        const shown = await incidents.translations.inLanguage(views, req.locale);
        return { data: shown.map((l) => presentLocalised(l, req.locale)), ...rest };
      },
    );

    r.get(
      '/api/v1/incidents/pending',
      {
        schema: {
          tags,
          summary: 'Drafts and proposals waiting for a second editor (editors)',
          response: { 200: z.object({ data: z.array(incidentSchema) }), ...problemResponses(401, 403) },
        },
      },
      async (req) => ({ data: (await incidents.pending(req.actor)).map(presentIncident) }),
    );

    r.get(
      '/api/v1/incidents/stix',
      {
        schema: {
          tags,
          summary: 'The whole public record as one STIX 2.1 bundle (published incidents only)',
          response: { 200: stixBundleSchema },
        },
      },
      async (_req, reply) =>
        reply
          .type('application/json; charset=utf-8')
          .header('content-disposition', 'attachment; filename="incidents.stix.json"')
          // Already JSON: Fastify sends a string with a JSON type as it is (the schema above documents it).
          .send((await memo('incidents:stix', async () => JSON.stringify(await incidents.stixAll()))) as never),
    );

    r.get(
      '/api/v1/incidents/csv',
      {
        schema: {
          tags,
          summary: 'Published incidents matching the filter as CSV, a row per attribution claim (never merged)',
          description:
            'Headings first. The incident\'s facts repeat on each of its rows; an incident with no claim is one row. Codes, not words: incident types, sectors, bases and kinds from the vocabulary, States as ISO 3166-1 alpha-3, norms as their letters in A/70/174 para 13; lists separated by a space; responses as "<State> <stance> <date>" separated by "; ". The text is the record\'s English. Columns: docs/incidents.md.',
          querystring: filterQuery.omit({ page: true }),
          response: { 200: z.any().describe('text/csv'), ...problemResponses(400) },
        },
      },
      async (req, reply) =>
        reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="incidents.csv"')
          .send(
            Object.values(req.query).some((v) => v !== undefined)
              ? await incidents.csv(filterOf(req.query))
              : await memo('incidents:csv', () => incidents.csv(filterOf({}))),
          ),
    );

    r.get(
      '/api/v1/incidents/:id/stix',
      {
        schema: {
          tags,
          summary: 'One incident as a STIX 2.1 bundle: the incident, each claim, each response, its TLP 2.0 marking',
          params: idParams,
          response: { 200: stixBundleSchema, ...problemResponses(400, 404) },
        },
      },
      async (req, reply) => {
        reply.header('content-disposition', `attachment; filename="incident-${req.params.id}.stix.json"`);
        return incidents.stixOne(req.actor, req.params.id);
      },
    );

    r.post(
      '/api/v1/incidents/import',
      {
        schema: {
          tags,
          summary: 'Import a STIX 2.1 bundle as a draft incident for review, every claim kept on its own (editors)',
          description:
            'A bundle whose incident is already in the record (imported before, or exported from here) is a 409 naming that record.',
          body: stixBody,
          response: { 201: importResult, ...problemResponses(400, 401, 403, 409) },
        },
      },
      async (req, reply) => reply.status(201).send(await incidents.importStix(req.actor, req.body, originOf(req))),
    );

    r.get(
      '/api/v1/incidents/:id',
      {
        schema: {
          tags,
          summary: 'One incident: what happened, every claim side by side, the responses, the norms at stake',
          params: idParams,
          querystring: langQuery,
          response: { 200: localisedIncident, ...problemResponses(400, 404) },
        },
      },
      async (req) => {
        const [shown] = await incidents.translations.inLanguage([await incidents.get(req.actor, req.params.id)], req.locale);
        return presentLocalised(shown, req.locale);
      },
    );

    r.post(
      '/api/v1/incidents',
      {
        schema: {
          tags,
          summary: 'Create a draft incident with its claims and norms (editors)',
          body: incidentBody,
          response: { 201: z.object({ id: z.string() }), ...problemResponses(400, 401, 403) },
        },
      },
      async (req, reply) => reply.status(201).send(await incidents.create(req.actor, req.body, originOf(req))),
    );

    r.put(
      '/api/v1/incidents/:id',
      {
        schema: {
          tags,
          summary: 'Change a draft or a proposal, which is a draft again (editors)',
          params: idParams,
          body: incidentBody,
          response: { 200: z.object({ id: z.string() }), ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req) => incidents.update(req.actor, req.params.id, req.body, originOf(req)),
    );

    r.post(
      '/api/v1/incidents/:id/propose',
      {
        schema: {
          tags,
          summary: 'Propose a draft for publication (editors)',
          params: idParams,
          response: { 200: z.object({ status: z.string() }), ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req) => incidents.propose(req.actor, req.params.id, originOf(req)),
    );

    r.post(
      '/api/v1/incidents/:id/approve',
      {
        schema: {
          tags,
          summary: 'Approve and publish a proposal (an editor who neither changed nor proposed it)',
          params: idParams,
          response: { 200: z.object({ status: z.string() }), ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req) => incidents.approve(req.actor, req.params.id, originOf(req)),
    );

    r.post(
      '/api/v1/incidents/:id/states/:code/positions',
      {
        schema: {
          tags,
          summary:
            "A State's own position on a published incident: its focal point publishes it; a POC's waits for the focal point",
          params: positionParams,
          body: positionBody,
          response: {
            201: z.object({
              id: z.string().describe('The claim or response published, or the draft kept (status pending)'),
              kind: z.string(),
              status: z.enum(['published', 'pending']),
            }),
            ...problemResponses(400, 401, 403, 404),
          },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await incidents.position(req.actor, req.params.id, req.params.code, req.body, originOf(req))),
    );

    // Changes to published incidents and their history (incidents.revisions.routes.ts).
    await revisionsRoutes({ incidents })(app);
    // A published incident's translations, for editors (incidents.translations.routes.ts).
    await translationRoutes({ incidents })(app);
  };
}
