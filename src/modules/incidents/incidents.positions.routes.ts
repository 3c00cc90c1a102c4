// A State's positions drafted by its points of contact, through the API (incidents.positions.ts): the focal
// point lists, approves or declines them; the POC lists and withdraws their own. To anyone of another State a
// draft does not exist (404). Parse → the service → present; the service decides who may.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { originOf } from '../../platform/http/auth.ts';
import { problemResponses } from '../../platform/http/openapi.ts';
import type { DraftView } from './incidents.positions.ts';
import type { IncidentsService } from './incidents.service.ts';

const draftParams = z.object({ draft: z.uuid('must be an id') });
const draftSchema = z.object({
  id: z.string(),
  incident: z.string(),
  incidentTitle: z.string(),
  state: z.string(),
  kind: z.enum(['attribution', 'supports', 'denies', 'comments']),
  position: z.record(z.string(), z.string()).describe('The fields as drafted (kind, claim, statedOn, summary, sourceUrl…)'),
  status: z.enum(['pending', 'approved', 'declined', 'withdrawn']),
  draftedBy: z.string(),
  draftedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  reason: z.string().describe('Why the focal point declined it'),
  published: z.string().nullable().describe('The claim or response it became, once approved'),
});
const decision = z.object({
  id: z.string(),
  incident: z.string(),
  status: z.enum(['approved', 'declined', 'withdrawn']),
  published: z.string().nullable(),
});
const iso = (s: string | null) => (s === null ? null : new Date(s).toISOString());

const present = (d: DraftView): z.infer<typeof draftSchema> => ({
  id: d.id,
  incident: d.incident_id,
  incidentTitle: d.incident_title,
  state: d.state_code,
  kind: d.kind,
  position: d.body,
  status: d.status,
  draftedBy: d.drafted_by,
  draftedAt: iso(d.drafted_at) as string,
  decidedBy: d.decided_by,
  decidedAt: iso(d.decided_at),
  reason: d.reason,
  published: d.published_id,
});

export function positionRoutes(deps: { incidents: IncidentsService }) {
  const drafts = deps.incidents.drafts;
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['incidents'];

    r.get(
      '/api/v1/incidents/positions',
      {
        schema: {
          tags,
          summary: "A State's positions drafted by its points of contact: all waiting (focal point), one's own (POC)",
          response: { 200: z.object({ data: z.array(draftSchema) }), ...problemResponses(401, 403) },
        },
      },
      async (req) => ({ data: (await drafts.list(req.actor)).map(present) }),
    );

    r.get(
      '/api/v1/incidents/positions/:draft',
      {
        schema: {
          tags,
          summary: "One drafted position (the State's focal point, or the POC who drafted it; 404 to anyone else)",
          params: draftParams,
          response: { 200: draftSchema, ...problemResponses(400, 401, 403, 404) },
        },
      },
      async (req) => present(await drafts.get(req.actor, req.params.draft)),
    );

    const step = (path: 'approve' | 'decline' | 'withdraw', summary: string) =>
      r.post(
        `/api/v1/incidents/positions/:draft/${path}`,
        {
          schema: {
            tags,
            summary,
            params: draftParams,
            ...(path === 'decline'
              ? { body: z.object({ reason: z.unknown().describe('Why (its author sees it)') }).partial() }
              : {}),
            response: { 200: decision, ...problemResponses(400, 401, 403, 404, 409) },
          },
        },
        async (req) =>
          path === 'approve'
            ? drafts.approve(req.actor, req.params.draft, originOf(req))
            : path === 'decline'
              ? drafts.decline(req.actor, req.params.draft, req.body, originOf(req))
              : drafts.withdraw(req.actor, req.params.draft, originOf(req)),
      );
    step('approve', "Approve a drafted position, which publishes it as the State's statement (its focal point)");
    step('decline', 'Decline a drafted position with a reason its author sees (its focal point)');
    step('withdraw', 'Withdraw one’s own drafted position while it waits (the POC who drafted it)');
  };
}
