// Identity through the API: who am I (and my language), a State's people, invitations, personal tokens, and
// the audit log.
// Authenticated by `Authorization: Bearer <token>` (or the browser session, for JSON requests).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Actor, effectiveGrants, ROLES } from '../../platform/access.ts';
import { originOf } from '../../platform/http/auth.ts';
import { problemResponses } from '../../platform/http/openapi.ts';
import { LOCALES } from '../../platform/i18n/locales.ts';
import { AUDIT_PAGE, type AuditService } from '../audit/index.ts';
import { stateCodeParams } from '../registry/index.ts';
import type { IdentityService } from './identity.service.ts';

const grant = z.object({ role: z.enum(ROLES), state: z.string().nullable() });
const email = z.string().trim().max(320).email('must be a valid e-mail address');
const iso = z.string().describe('ISO 8601 date-time');

/** Dates from the database become ISO strings, at any depth of plain objects and arrays. */
function isoDates<T>(value: T): Jsonified<T> {
  if (value instanceof Date) return value.toISOString() as Jsonified<T>;
  if (Array.isArray(value)) return value.map(isoDates) as Jsonified<T>;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, isoDates(v)])) as Jsonified<T>;
  }
  return value as Jsonified<T>;
}
type Jsonified<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Jsonified<U>[]
    : T extends object
      ? { [K in keyof T]: Jsonified<T[K]> }
      : T;

const me = z.object({
  id: z.string(),
  email: z.string(),
  display_name: z.string(),
  state: z.string().nullable(),
  roles: z.array(grant),
  language: z.enum(LOCALES).describe('The language the platform writes to this person in (mail)'),
  two_factor: z.boolean(),
  via: z.enum(['session', 'token']),
  scope: z.enum(['read', 'write']),
  second_factor: z.boolean().describe('This session gave the second factor, or this token carries it now'),
  effective_roles: z
    .array(grant)
    .describe('The roles that count for this request: roles other than member need the second factor'),
});

const tokenInput = z.object({
  name: z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters'),
  scope: z.enum(['read', 'write']),
  expiresInDays: z.number().int().min(1).max(366).default(90),
});

const tokenView = z.object({
  id: z.string(),
  name: z.string(),
  scope: z.enum(['read', 'write']),
  created_at: iso,
  expires_at: iso,
  last_used_at: iso.nullable(),
  revoked_at: iso.nullable(),
  mfa: z.boolean().describe("The token carries the second factor: its owner's roles count for it"),
});

const auditEntry = z.object({
  id: z.string(),
  at: iso,
  actor: z.string(),
  action: z.string(),
  entity: z.string(),
  entity_id: z.string().nullable(),
  origin: z.string(),
  details: z.record(z.string(), z.unknown()),
  prev_hash: z.string(),
  hash: z.string(),
});

const auditQuery = z.object({
  actor: z.string().max(200).optional(),
  action: z.string().max(100).optional().describe('Prefix, e.g. "auth." or "invitation.create"'),
  entity: z.string().max(100).optional(),
  entityId: z.string().max(200).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  cursor: z
    .string()
    .regex(/^\d{1,18}$/, 'must be the cursor of a previous page')
    .optional(),
});

export function identityRoutes(deps: { identity: IdentityService; audit: AuditService }) {
  const { identity } = deps;
  const presentMe = async (actor: Actor) => {
    const user = await identity.me(actor);
    return {
      id: user.id,
      email: user.email,
      display_name: user.display_name,
      state: user.state_code,
      roles: user.grants,
      language: user.language,
      two_factor: Boolean(user.totp_enabled_at),
      via: actor.via as 'session' | 'token',
      scope: actor.scope,
      second_factor: actor.mfa,
      effective_roles: effectiveGrants(actor),
    };
  };
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['identity'];

    r.get(
      '/api/v1/me',
      { schema: { tags, summary: 'The signed-in user, with roles', response: { 200: me, ...problemResponses(401) } } },
      async (req) => presentMe(req.actor),
    );

    r.patch(
      '/api/v1/me',
      {
        schema: {
          tags,
          summary: 'Change your account settings: the language the platform writes to you in (audited)',
          body: z.object({
            language: z.enum(LOCALES).optional().describe('One of the six UN languages, for the mail you receive'),
          }),
          response: { 200: me, ...problemResponses(400, 401, 403) },
        },
      },
      async (req) => {
        await identity.updateAccount(req.actor, req.body, originOf(req));
        return presentMe(req.actor);
      },
    );

    r.get(
      '/api/v1/states/:code/people',
      {
        schema: {
          tags,
          summary: "A State's officials and open invitations (the State's own officials and administrators only; audited)",
          params: stateCodeParams,
          response: {
            200: z.object({
              people: z.array(
                z.object({
                  id: z.string(),
                  display_name: z.string(),
                  email: z.string(),
                  roles: z.array(z.string()),
                  two_factor: z.boolean(),
                }),
              ),
              invitations: z.array(
                z.object({
                  id: z.string(),
                  email: z.string(),
                  roles: z.array(z.string()),
                  created_at: iso,
                  expires_at: iso,
                  expired: z.boolean(),
                }),
              ),
            }),
            ...problemResponses(400, 401, 403),
          },
        },
      },
      async (req) => {
        const view = await identity.statePeople(req.actor, req.params.code, originOf(req));
        return {
          people: view.people.map(({ totp, ...p }) => ({ ...p, two_factor: totp })),
          invitations: isoDates(view.invitations),
        };
      },
    );

    r.post(
      '/api/v1/invitations',
      {
        schema: {
          tags,
          summary: 'Invite someone by e-mail: a focal point for their State; an administrator for any State or a platform role',
          body: z.object({
            email,
            state: z
              .string()
              .regex(/^[A-Z]{3}$/, 'must be an ISO 3166-1 alpha-3 code')
              .nullable()
              .default(null),
            roles: z.array(z.enum(ROLES)).min(1, 'choose at least one role').max(8),
            language: z
              .enum(LOCALES)
              .optional()
              .describe(
                "The invitation mail's language, for someone without an account (one with an account gets their own); by default the request's",
              ),
          }),
          response: { 201: z.object({ id: z.string(), expires_at: iso }), ...problemResponses(400, 401, 403) },
        },
      },
      async (req, reply) => {
        const created = await identity.invite(req.actor, req.body, originOf(req), req.t);
        return reply.status(201).send({ id: created.id, expires_at: created.expiresAt.toISOString() });
      },
    );

    const userParams = z.object({ id: z.uuid('must be a user id') });
    const statePerson = stateCodeParams.extend({ userId: z.uuid('must be a user id') });

    r.delete(
      '/api/v1/states/:code/people/:userId',
      {
        schema: {
          tags,
          summary:
            "Remove an official from a State: every role they hold for it, at once, for every session, token and stream (the State's focal point, or an administrator)",
          params: statePerson,
          response: { 200: z.object({ removed: z.array(grant) }), ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req) => identity.removeOfficial(req.actor, req.params.code, req.params.userId, originOf(req)),
    );

    r.delete(
      '/api/v1/states/:code/people/:userId/roles/:role',
      {
        schema: {
          tags,
          summary:
            "Remove one State role of an official (the State's focal point for POCs and rapporteurs; an administrator for any)",
          params: statePerson.extend({ role: z.enum(ROLES) }),
          response: { 200: z.object({ removed: z.array(grant) }), ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req) =>
        identity.removeRole(
          req.actor,
          { userId: req.params.userId, role: req.params.role, state: req.params.code },
          originOf(req),
        ),
    );

    r.delete(
      '/api/v1/users/:id/roles/:role',
      {
        schema: {
          tags,
          summary: 'Remove a platform role (editor, directory manager, administrator) from an account (administrators only)',
          params: userParams.extend({ role: z.enum(ROLES) }),
          response: { 200: z.object({ removed: z.array(grant) }), ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req) => identity.removeRole(req.actor, { userId: req.params.id, role: req.params.role, state: null }, originOf(req)),
    );

    r.delete(
      '/api/v1/invitations/:id',
      {
        schema: {
          tags,
          summary: 'Revoke an invitation not yet accepted: its link stops working',
          params: z.object({ id: z.uuid('must be an invitation id') }),
          response: { 200: z.object({ revoked: z.boolean() }), ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req) => identity.revokeInvitation(req.actor, req.params.id, originOf(req)),
    );

    r.post(
      '/api/v1/invitations/:id/resend',
      {
        schema: {
          tags,
          summary: 'Send an invitation again with a new link (the old link stops working)',
          params: z.object({ id: z.uuid('must be an invitation id') }),
          response: { 201: z.object({ id: z.string(), expires_at: iso }), ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req, reply) => {
        const created = await identity.resendInvitation(req.actor, req.params.id, originOf(req), req.t);
        return reply.status(201).send({ id: created.id, expires_at: created.expiresAt.toISOString() });
      },
    );

    r.get(
      '/api/v1/tokens',
      {
        schema: {
          tags,
          summary: 'Your API tokens (never their values)',
          response: { 200: z.object({ data: z.array(tokenView) }), ...problemResponses(401) },
        },
      },
      async (req) => ({
        data: isoDates(await identity.listTokens(req.actor)),
      }),
    );

    r.post(
      '/api/v1/tokens',
      {
        schema: {
          tags,
          summary: 'Create a personal API token; its value is shown in this answer only',
          body: tokenInput,
          response: {
            201: z.object({
              id: z.string(),
              token: z.string(),
              name: z.string(),
              scope: z.enum(['read', 'write']),
              expires_at: iso,
            }),
            ...problemResponses(400, 401, 403),
          },
        },
      },
      async (req, reply) => {
        const t = await identity.createToken(req.actor, req.body, originOf(req));
        return reply
          .status(201)
          .send({ id: t.id, token: t.token, name: t.name, scope: t.scope, expires_at: t.expiresAt.toISOString() });
      },
    );

    r.delete(
      '/api/v1/tokens/:id',
      {
        schema: {
          tags,
          summary: 'Revoke one of your tokens',
          params: z.object({ id: z.uuid('must be a token id') }),
          response: { 204: z.null(), ...problemResponses(400, 401, 403, 404) },
        },
      },
      async (req, reply) => {
        await identity.revokeToken(req.actor, req.params.id, originOf(req));
        return reply.status(204).send(null);
      },
    );

    r.get(
      '/api/v1/audit',
      {
        schema: {
          tags: ['audit'],
          summary: `The audit log, newest first, ${AUDIT_PAGE} entries a page (administrators only)`,
          querystring: auditQuery,
          response: {
            200: z.object({ data: z.array(auditEntry), next_cursor: z.string().nullable() }),
            ...problemResponses(400, 401, 403),
          },
        },
      },
      async (req) => {
        const { cursor, ...filter } = req.query;
        const page = await deps.audit.list(req.actor, { ...filter, before: cursor });
        return { data: isoDates(page.entries), next_cursor: page.next };
      },
    );
  };
}
