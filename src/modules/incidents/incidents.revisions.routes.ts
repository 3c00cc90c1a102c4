// Changes to published incidents and their history through the API: parse → the service → present. The
// service decides who may; approving goes through the service's one `approve`, which app.ts hears.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { originOf } from '../../platform/http/auth.ts';
import { problemResponses } from '../../platform/http/openapi.ts';
import {
  changeBody,
  changeParams,
  changeResult,
  changeSchema,
  decisionBody,
  diffQuery,
  diffSchema,
  fieldDiffSchema,
  historySchema,
  restoreBody,
} from './incidents.revisions.schemas.ts';
import { idParams } from './incidents.schemas.ts';
import type { IncidentsService } from './incidents.service.ts';

export function revisionsRoutes(deps: { incidents: IncidentsService }) {
  const { incidents } = deps;
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['incidents'];

    r.get(
      '/api/v1/incidents/:id/history',
      {
        schema: {
          tags,
          summary: "A published incident's approved versions: number, date, who proposed and approved, the note",
          params: idParams,
          response: { 200: historySchema, ...problemResponses(400, 404) },
        },
      },
      async (req) => incidents.history(req.actor, req.params.id),
    );

    r.get(
      '/api/v1/incidents/:id/diff',
      {
        schema: {
          tags,
          summary: 'What changed between two versions of an incident, field by field',
          params: idParams,
          querystring: diffQuery,
          response: { 200: diffSchema, ...problemResponses(400, 404) },
        },
      },
      async (req) => incidents.diff(req.actor, req.params.id, req.query),
    );

    r.get(
      '/api/v1/incidents/:id/change',
      {
        schema: {
          tags,
          summary: 'The change waiting on a published incident, and what it changes (editors)',
          params: idParams,
          response: {
            200: z.object({
              incident: z.object({ id: z.string(), title: z.string() }),
              change: changeSchema,
              diff: z.array(fieldDiffSchema),
            }),
            ...problemResponses(400, 401, 403, 404),
          },
        },
      },
      async (req) => incidents.change(req.actor, req.params.id),
    );

    r.post(
      '/api/v1/incidents/:id/change',
      {
        schema: {
          tags,
          summary: 'Propose a change to a published incident, or change the change waiting (editors)',
          params: idParams,
          body: changeBody,
          response: { 200: changeResult, ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req) => incidents.proposeChange(req.actor, req.params.id, req.body, originOf(req)),
    );

    r.post(
      '/api/v1/incidents/:id/changes/:change/approve',
      {
        schema: {
          tags,
          summary: 'Approve a change, which replaces the published record (an editor who took no part in it)',
          params: changeParams,
          body: decisionBody,
          response: {
            200: z.object({ status: z.string(), version: z.number().int().optional() }),
            ...problemResponses(400, 401, 403, 404, 409),
          },
        },
      },
      async (req) =>
        incidents.approve(req.actor, req.params.id, originOf(req), { id: req.params.change, edition: req.body?.edition }),
    );

    r.post(
      '/api/v1/incidents/:id/changes/:change/return',
      {
        schema: {
          tags,
          summary: 'Send a change back to its editors with a reason (an editor who took no part in it)',
          params: changeParams,
          body: decisionBody,
          response: { 200: z.object({ status: z.string() }), ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req) => incidents.sendBack(req.actor, req.params.id, req.params.change, req.body, originOf(req)),
    );

    r.post(
      '/api/v1/incidents/:id/changes/:change/discard',
      {
        schema: {
          tags,
          summary: 'Discard a change waiting on a published incident (editors)',
          params: changeParams,
          body: decisionBody,
          response: { 200: z.object({ status: z.string() }), ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req) => incidents.discard(req.actor, req.params.id, req.params.change, req.body, originOf(req)),
    );

    r.post(
      '/api/v1/incidents/:id/restore',
      {
        schema: {
          tags,
          summary: 'Bring back an earlier version as a new change, waiting for another editor (editors)',
          params: idParams,
          body: restoreBody,
          response: { 200: changeResult, ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req) => incidents.restore(req.actor, req.params.id, req.body, originOf(req)),
    );
  };
}
