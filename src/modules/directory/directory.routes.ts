// The directory and its communication checks through the API. Contact details are returned only to
// officials of participating States and the directory manager, and every read is audited.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { originOf } from '../../platform/http/auth.ts';
import { problemResponses } from '../../platform/http/openapi.ts';
import { stateCodeParams } from '../registry/index.ts';
import { vcard } from './directory.exports.ts';
import type { DirectoryService } from './directory.service.ts';
import { CONTACT_KINDS, type Contact, NETWORKS } from './directory.validate.ts';
import type { PingService } from './pings.service.ts';

const iso = z.string().describe('ISO 8601 date-time');
const toIso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

const contact = z.object({
  id: z.string(),
  state: z.string(),
  state_name: z.string(),
  kind: z.enum(CONTACT_KINDS),
  name: z.string(),
  position: z.string(),
  institution: z.string(),
  email: z.string(),
  phone: z.string(),
  languages: z.array(z.string()),
  time_zone: z.string(),
  all_day: z.boolean(),
  hours: z.string(),
  networks: z.array(z.string()),
  version: z.number().int(),
  effective_from: iso,
  has_account: z.boolean(),
});

export const presentContact = (c: Contact) => ({
  id: c.id,
  state: c.state,
  state_name: c.stateName,
  kind: c.kind,
  name: c.name,
  position: c.position,
  institution: c.institution,
  email: c.email,
  phone: c.phone,
  languages: c.languages,
  time_zone: c.timeZone,
  all_day: c.allDay,
  hours: c.hours,
  networks: c.networks,
  version: c.version,
  effective_from: toIso(c.effectiveFrom) as string,
  has_account: c.userId !== null,
});

/** Loose on purpose: the service validates every field and names each problem. */
const contactInput = z
  .object({
    kind: z.unknown(),
    name: z.unknown(),
    position: z.unknown(),
    institution: z.unknown(),
    email: z.unknown(),
    phone: z.unknown(),
    languages: z.unknown(),
    timeZone: z.unknown(),
    allDay: z.unknown(),
    hours: z.unknown(),
    networks: z.unknown(),
    effectiveFrom: z.unknown(),
  })
  .partial()
  .describe(
    'kind (diplomatic|technical), name, position, institution, email, phone (+E.164), languages (ISO 639 codes), timeZone (IANA), allDay, hours (unless allDay), networks (GLOBAL, OSCE, OAS, ASEAN, AU, EU), effectiveFrom (optional date)',
  );

const filterQuery = z.object({
  state: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 3166-1 alpha-3 code')
    .optional(),
  group: z.enum(['african', 'asia-pacific', 'eastern-european', 'latin-american-caribbean', 'weog']).optional(),
  network: z.enum(NETWORKS).optional(),
  kind: z.enum(CONTACT_KINDS).optional(),
  language: z
    .string()
    .regex(/^[a-z]{2,3}$/, 'must be an ISO 639 code such as en')
    .optional(),
  all_day: z.enum(['true', 'false']).optional(),
});

const idParams = z.object({ id: z.uuid('must be an id') });
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

export function directoryRoutes(deps: { directory: DirectoryService; pings: PingService }) {
  const { directory, pings } = deps;
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['directory'];

    r.get(
      '/api/v1/directory',
      {
        schema: {
          tags,
          summary:
            'Browse the points-of-contact directory (officials of participating States and the directory manager; audited)',
          querystring: filterQuery,
          response: { 200: z.object({ data: z.array(contact) }), ...problemResponses(400, 401, 403) },
        },
      },
      async (req) => {
        const { all_day, ...f } = req.query;
        const contacts = await directory.browse(
          req.actor,
          { ...f, allDay: all_day === undefined ? undefined : all_day === 'true' },
          req.locale,
          originOf(req),
        );
        return { data: contacts.map(presentContact) };
      },
    );

    r.get(
      '/api/v1/directory/participation',
      {
        schema: {
          tags,
          summary:
            'Public figures: States taking part by UN regional group, and response rates of past communication checks (never a contact)',
          response: {
            200: z.object({
              by_group: z.array(z.object({ un_group: z.string().nullable(), states: z.number().int() })),
              rounds: z.array(
                z.object({
                  title: z.string(),
                  started_at: iso,
                  tasks: z.number().int(),
                  confirmed: z.number().int(),
                  states: z.number().int(),
                  states_confirmed: z.number().int(),
                }),
              ),
            }),
          },
        },
      },
      async () => {
        const p = await directory.participation();
        return {
          by_group: p.byGroup,
          rounds: p.rounds.map((x) => ({
            title: x.title,
            started_at: toIso(x.started_at) as string,
            tasks: x.tasks,
            confirmed: x.confirmed,
            states: x.states,
            states_confirmed: x.states_confirmed,
          })),
        };
      },
    );

    r.post(
      '/api/v1/directory/states/:code/contacts',
      {
        schema: {
          tags,
          summary: "Nominate a point of contact (the State's focal point); the contact gets the POC role, or an invitation",
          params: stateCodeParams,
          body: contactInput,
          response: {
            201: z.object({ id: z.string(), account: z.enum(['linked', 'invited']), effective_from: iso }),
            ...problemResponses(400, 401, 403),
          },
        },
      },
      async (req, reply) => {
        const { effectiveFrom, ...input } = req.body;
        const made = await directory.nominate(req.actor, req.params.code, input, effectiveFrom, originOf(req), req.t);
        return reply.status(201).send({ id: made.id, account: made.account, effective_from: made.effectiveFrom.toISOString() });
      },
    );

    r.put(
      '/api/v1/directory/contacts/:id',
      {
        schema: {
          tags,
          summary: 'Update a point of contact (all fields), at once or from effectiveFrom (focal point of its State)',
          params: idParams,
          body: contactInput,
          response: {
            200: z.object({ changed: z.boolean(), version: z.number().int(), effective_from: iso }),
            ...problemResponses(400, 401, 403, 404),
          },
        },
      },
      async (req) => {
        const { effectiveFrom, ...input } = req.body;
        const u = await directory.update(req.actor, req.params.id, input, effectiveFrom, originOf(req), req.t);
        return { changed: u.changed, version: u.version, effective_from: u.effectiveFrom.toISOString() };
      },
    );

    r.delete(
      '/api/v1/directory/contacts/:id',
      {
        schema: {
          tags,
          summary: 'Remove a point of contact, at once or from ?effective_from= (focal point of its State)',
          params: idParams,
          querystring: z.object({ effective_from: z.string().max(40).optional() }),
          response: {
            200: z.object({
              effective_from: iso,
              role_removed: z
                .object({ user_id: z.string(), email: z.string(), role: z.string(), state: z.string() })
                .nullable()
                .describe("The POC role this entry gave, taken from the person's account when the removal takes effect"),
            }),
            ...problemResponses(400, 401, 403, 404),
          },
        },
      },
      async (req) => {
        const done = await directory.remove(req.actor, req.params.id, req.query.effective_from, originOf(req));
        return {
          effective_from: done.effectiveFrom.toISOString(),
          role_removed: done.role
            ? { user_id: done.role.userId, email: done.role.email, role: done.role.role, state: done.role.state }
            : null,
        };
      },
    );

    r.get(
      '/api/v1/directory/contacts/:id/history',
      {
        schema: {
          tags,
          summary:
            "Every version of a contact: who changed what, when, effective from when (the State's officials and the manager)",
          params: idParams,
          response: {
            200: z.object({
              data: z.array(
                z.object({
                  version: z.number().int(),
                  effective_from: iso,
                  removed: z.boolean(),
                  changed_by: z.string(),
                  changed_at: iso,
                  changes: z.record(z.string(), z.unknown()),
                }),
              ),
            }),
            ...problemResponses(400, 401, 403, 404),
          },
        },
      },
      async (req) => {
        const h = await directory.history(req.actor, req.params.id, originOf(req));
        return {
          data: h.versions.map((v) => ({
            version: v.version,
            effective_from: toIso(v.effective_from) as string,
            removed: v.removed,
            changed_by: v.changed_by_email ?? v.changed_by,
            changed_at: toIso(v.changed_at) as string,
            changes: v.changes,
          })),
        };
      },
    );

    r.get(
      '/api/v1/directory/contacts/:id/vcard',
      {
        schema: {
          tags,
          summary: 'One contact as a vCard 4.0 (audited)',
          params: idParams,
          produces: ['text/vcard'],
          response: { 200: z.string(), ...problemResponses(400, 401, 403, 404) },
        },
      },
      async (req, reply) => {
        const c = await directory.getContact(req.actor, req.params.id, req.locale, originOf(req));
        return reply
          .type('text/vcard; charset=utf-8')
          .header('content-disposition', `attachment; filename="contact-${c.id}.vcf"`)
          .send(vcard(c));
      },
    );

    r.post(
      '/api/v1/ping-rounds',
      {
        schema: {
          tags: ['communication checks'],
          summary:
            'Start a communication check over all States, a regional group, a network or chosen States (directory manager)',
          body: z
            .object({ title: z.unknown(), scope: z.unknown(), deadline: z.unknown(), reminderHours: z.unknown() })
            .partial()
            .describe(
              'title; scope {kind: all} | {kind: group, group} | {kind: network, network} | {kind: states, states: [ISO3…]}; deadline (date-time); reminderHours',
            ),
          response: { 201: z.object({ id: z.string(), contacts: z.number().int() }), ...problemResponses(400, 401, 403) },
        },
      },
      async (req, reply) => reply.status(201).send(await pings.startRound(req.actor, req.body, originOf(req))),
    );

    r.get(
      '/api/v1/ping-rounds/:id',
      {
        schema: {
          tags: ['communication checks'],
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
          tags: ['communication checks'],
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
          tags: ['communication checks'],
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
