// National implementation reports through the API: the questionnaire, a State's report for a cycle, saving
// answers (one at a time as they are typed, or several), submitting, reopening, starting from another
// cycle, and the focal point's choice of who may read it.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { originOf } from '../../platform/http/auth.ts';
import { problemResponses } from '../../platform/http/openapi.ts';
import type { ReportsService } from './reports.service.ts';
import type { ReportView } from './reports.types.ts';

const params = z.object({
  code: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 3166-1 alpha-3 code in capitals, e.g. KEN'),
  cycle: z.string().regex(/^\d{4}$/, 'must be a year such as 2026'),
});
const iso = z.string().describe('ISO 8601 date-time');
const toIso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const question = z.object({
  key: z.string(),
  part: z.string(),
  norm: z.string().optional(),
  kind: z.enum(['choices', 'text', 'evidence']),
  title: z.string(),
  options: z.array(z.object({ id: z.string(), label: z.string() })).optional(),
});

const present = (v: ReportView) => ({
  state: v.state,
  cycle: v.cycle,
  version: v.version,
  status: v.report?.status ?? 'not started',
  visibility: v.report?.visibility ?? 'private',
  shared_with: v.sharedWith,
  updated_at: toIso(v.report?.updated_at ?? null),
  submitted_at: toIso(v.report?.submitted_at ?? null),
  completion: v.completion,
  answers: v.answers,
});

export function reportsRoutes(deps: { reports: ReportsService }) {
  const { reports } = deps;
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['reports'];

    r.get(
      '/api/v1/questionnaire',
      {
        schema: {
          tags,
          summary:
            'The current questionnaire: four parts; for each norm, measures (from its implementation actions), gaps, practices, evidence',
          response: { 200: z.object({ version: z.number().int(), questions: z.array(question) }) },
        },
      },
      async () => {
        const v = await reports.questionnaire();
        return { version: v.version, questions: v.questions };
      },
    );

    r.post(
      '/api/v1/questionnaire/versions',
      {
        schema: {
          tags,
          summary:
            'Publish a new questionnaire version (editors): the questions given, or rebuilt from the knowledge base; drafts move to it and keep unchanged answers',
          body: z.object({ note: z.unknown(), questions: z.unknown() }).partial(),
          response: {
            201: z.object({
              version: z.number().int(),
              questions: z.number().int(),
              drafts: z.number().int(),
              dropped: z.number().int(),
            }),
            ...problemResponses(400, 401, 403),
          },
        },
      },
      async (req, reply) => reply.status(201).send(await reports.publishVersion(req.actor, req.body, originOf(req))),
    );

    r.get(
      '/api/v1/states/:code/reports/:cycle',
      {
        schema: {
          tags,
          summary: "A State's report for a cycle: its answers and how complete each part is (its officials; others if published)",
          params,
          response: {
            200: z.object({
              state: z.string(),
              cycle: z.number().int(),
              version: z.number().int(),
              status: z.string(),
              visibility: z.string(),
              shared_with: z.array(z.string()),
              updated_at: iso.nullable(),
              submitted_at: iso.nullable(),
              completion: z.array(z.object({ part: z.string(), answered: z.number().int(), total: z.number().int() })),
              answers: z.record(z.string(), z.unknown()),
            }),
            ...problemResponses(400, 401, 404),
          },
        },
      },
      async (req) => present(await reports.get(req.actor, req.params.code, req.params.cycle, originOf(req))),
    );

    r.put(
      '/api/v1/states/:code/reports/:cycle/answers',
      {
        schema: {
          tags,
          summary: 'Save answers: {answers: {question key: value}}; null clears one (the rapporteur or focal point)',
          params,
          body: z.object({ answers: z.unknown() }).partial(),
          response: { 200: z.object({ saved: z.number().int(), updated_at: iso }), ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req) => {
        const res = await reports.saveAnswers(req.actor, req.params.code, req.params.cycle, req.body.answers, originOf(req));
        return { saved: res.saved, updated_at: res.updatedAt };
      },
    );

    for (const [path, summary, run] of [
      ['submit', 'Submit the report', reports.submit],
      ['reopen', 'Reopen a submitted report to revise it', reports.reopen],
    ] as const)
      r.post(
        `/api/v1/states/:code/reports/:cycle/${path}`,
        {
          schema: {
            tags,
            summary: `${summary} (the rapporteur or focal point)`,
            params,
            response: { 200: z.object({ status: z.string() }), ...problemResponses(400, 401, 403, 404) },
          },
        },
        async (req) => run(req.actor, req.params.code, req.params.cycle, originOf(req)),
      );

    r.post(
      '/api/v1/states/:code/reports/:cycle/start-from',
      {
        schema: {
          tags,
          summary: "Copy another cycle's answers into this report, where this report has none yet",
          params,
          body: z.object({ from: z.unknown() }).partial(),
          response: { 200: z.object({ copied: z.number().int() }), ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req) => reports.startFrom(req.actor, req.params.code, req.params.cycle, req.body.from, originOf(req)),
    );

    r.put(
      '/api/v1/states/:code/reports/:cycle/visibility',
      {
        schema: {
          tags,
          summary: 'Who may read the report once submitted: private, shared (with states), or public (the focal point)',
          params,
          body: z.object({ visibility: z.unknown(), states: z.unknown() }).partial(),
          response: {
            200: z.object({ visibility: z.string(), states: z.array(z.string()) }),
            ...problemResponses(400, 401, 403, 404),
          },
        },
      },
      async (req) => reports.setVisibility(req.actor, req.params.code, req.params.cycle, req.body, originOf(req)),
    );
  };
}
