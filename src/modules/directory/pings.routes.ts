// The communication checks through the API: the directory manager starts a round and reads its report; a
// contact confirms their own task; a State's officials read its record. The round's body is `roundInput`
// (pings.validate.ts), so the contract names its fields; the service checks the rest.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { originOf } from '../../platform/http/auth.ts';
import { problemResponses } from '../../platform/http/openapi.ts';
import { stateCodeParams } from '../registry/index.ts';
import { idParams, iso, toIso } from './directory.schemas.ts';
import type { PingService } from './pings.service.ts';
import { roundInput } from './pings.validate.ts';

const stats = z.object({
  key: z.string(),
  tasks: z.number().int(),
  confirmed: z.number().int(),
  rate: z.number(),
  median_minutes: z.number().nullable(),
  p95_minutes: z.number().nullable(),
});
const presentStats = (s: {
  key: string;
  tasks: number;
  confirmed: number;
  rate: number;
  medianMinutes: number | null;
  p95Minutes: number | null;
}) => ({
  key: s.key,
  tasks: s.tasks,
  confirmed: s.confirmed,
  rate: s.rate,
  median_minutes: s.medianMinutes,
  p95_minutes: s.p95Minutes,
});

export function pingRoutes(pings: PingService) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['communication checks'];

    r.post(
      '/api/v1/ping-rounds',
      {
        schema: {
          tags,
          summary:
            'Start a communication check over all States, a regional group, a network or chosen States (directory manager)',
          body: roundInput,
          response: { 201: z.object({ id: z.string(), contacts: z.number().int() }), ...problemResponses(400, 401, 403) },
        },
      },
      async (req, reply) => reply.status(201).send(await pings.startRound(req.actor, req.body, originOf(req))),
    );

    r.get(
      '/api/v1/ping-rounds/:id',
      {
        schema: {
          tags,
          summary:
            "A round's report: response rate and median and 95th-percentile minutes overall and by State, region and type; who did not answer",
          params: idParams,
          response: {
            200: z.object({
              id: z.string(),
              title: z.string(),
              started_at: iso,
              deadline: iso,
              closed: z.boolean(),
              overall: stats,
              by_state: z.array(stats),
              by_region: z.array(stats),
              by_kind: z.array(stats),
              unanswered: z.array(
                z.object({
                  state: z.string(),
                  kind: z.string(),
                  name: z.string(),
                  email: z.string(),
                  reminders: z.number().int(),
                }),
              ),
            }),
            ...problemResponses(400, 401, 403, 404),
          },
        },
      },
      async (req) => {
        const rep = await pings.report(req.actor, req.params.id, originOf(req));
        return {
          id: rep.round.id,
          title: rep.round.title,
          started_at: toIso(rep.round.started_at) as string,
          deadline: toIso(rep.round.deadline) as string,
          closed: rep.round.closed_at !== null,
          overall: presentStats(rep.overall),
          by_state: rep.byState.map(presentStats),
          by_region: rep.byRegion.map(presentStats),
          by_kind: rep.byKind.map(presentStats),
          unanswered: rep.unanswered,
        };
      },
    );

    r.post(
      '/api/v1/ping-tasks/:id/confirm',
      {
        schema: {
          tags,
          summary: 'Confirm your own communication-check task',
          params: idParams,
          response: {
            200: z.object({ outcome: z.enum(['confirmed', 'already']), at: iso }),
            ...problemResponses(400, 401, 404, 410),
          },
        },
      },
      async (req) => {
        const res = await pings.confirmInPlatform(req.actor, req.params.id, originOf(req));
        return { outcome: res.outcome, at: toIso(res.at) as string };
      },
    );

    r.get(
      '/api/v1/directory/states/:code/pings',
      {
        schema: {
          tags,
          summary: "A State's record of communication checks (its officials and the manager)",
          params: stateCodeParams,
          response: {
            200: z.object({
              data: z.array(
                z.object({
                  id: z.string(),
                  title: z.string(),
                  started_at: iso,
                  closed: z.boolean(),
                  stats,
                  contacts: z.array(z.object({ kind: z.string(), name: z.string(), minutes: z.number().nullable() })),
                }),
              ),
            }),
            ...problemResponses(400, 401, 403),
          },
        },
      },
      async (req) => ({
        data: (await pings.stateHistory(req.actor, req.params.code, originOf(req))).map((h) => ({
          id: h.id,
          title: h.title,
          started_at: toIso(h.startedAt) as string,
          closed: h.closed,
          stats: presentStats(h.stats),
          contacts: h.contacts,
        })),
      }),
    );
  };
}
