// The directory through the API: browsing, the public participation figures, and a State's focal point
// nominating, updating and removing its points of contact. Contact details are returned only to officials of
// participating States and the directory manager, and every read is audited. The communication checks'
// routes are in pings.routes.ts; the shapes in directory.schemas.ts.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { originOf } from '../../platform/http/auth.ts';
import { problemResponses } from '../../platform/http/openapi.ts';
import { stateCodeParams } from '../registry/index.ts';
import { vcard } from './directory.exports.ts';
import { contact, contactInput, filterQuery, idParams, iso, presentContact, toIso } from './directory.schemas.ts';
import type { DirectoryService } from './directory.service.ts';
import { pingRoutes } from './pings.routes.ts';
import type { PingService } from './pings.service.ts';

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

    await pingRoutes(pings)(app);
  };
}
