// The pages of a State's people and the administrator's accounts page: accepting an invitation, inviting,
// and taking roles back or revoking and re-sending invitations, each then back to the page it came from with
// what happened, or why not.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { decide, isStateRole, PLATFORM_ROLES, ROLES, type Role, STATE_ROLES } from '../../platform/access.ts';
import { AppError, errors } from '../../platform/errors.ts';
import { csrfToken, originOf, setSessionCookie } from '../../platform/http/auth.ts';
import { formProblems } from '../../platform/http/form-problems.ts';
import type { FormProblem } from '../../views/forms.tsx';
import { MessagePage } from '../../views/pages/message.tsx';
import { FOCAL_POINT_INVITES, identityActions } from './identity.policy.ts';
import { type Body, badEmail, emailLooksValid, hidden, list, type PageKit, str } from './pages.common.ts';
import { MAX_PASSWORD_LENGTH } from './passwords.ts';
import { AdminPage, PeoplePage, ROLE_KEYS } from './people.views.tsx';
import { AcceptInvitationPage } from './sign-in.views.tsx';

export function peoplePages(app: FastifyInstance, deps: PageKit) {
  const { identity, registry, send, ctxOf } = deps;

  // ---- invitations ------------------------------------------------------------------------------------
  const invitationPage = async (
    req: FastifyRequest<{ Params: { token: string } }>,
    reply: FastifyReply,
    problems?: FormProblem[],
    displayName?: string,
  ) => {
    const ctx = ctxOf(req);
    const found = await identity.invitationByToken(req.params.token);
    if (!found.ok) {
      const body =
        found.reason === 'expired'
          ? ctx.t('invite.expired')
          : found.reason === 'used'
            ? ctx.t('invite.used')
            : ctx.t('error.link.body');
      return send(reply, h(MessagePage, { ctx, title: ctx.t('error.link.title'), body }), 410);
    }
    const inv = found.invitation;
    return send(
      reply,
      h(AcceptInvitationPage, {
        ctx,
        csrf: csrfToken(req, reply),
        token: req.params.token,
        email: inv.email,
        stateName: inv.state_name ? (inv.state_name[ctx.locale] ?? inv.state_name.en) : null,
        roles: inv.roles.map((r) => (inv.state_code && isStateRole(r) ? `${r}@${inv.state_code}` : r)),
        hasAccount: found.hasAccount,
        signedInAs: req.actor.email,
        problems,
        displayName,
      }),
      problems?.length ? 400 : 200,
    );
  };

  app.get<{ Params: { token: string } }>('/invitations/:token', hidden, (req, reply) => invitationPage(req, reply));

  app.post<{ Params: { token: string }; Body: Body }>('/invitations/:token', hidden, async (req, reply) => {
    const ctx = ctxOf(req);
    const displayName = str(req.body?.displayName, 200).trim();
    try {
      const result = await identity.acceptInvitation(
        req.params.token,
        { displayName, password: str(req.body?.password, MAX_PASSWORD_LENGTH + 1) },
        req.actor,
        originOf(req),
        ctx.locale,
      );
      const landing = result.state ? `/states/${result.state}/people` : '/account';
      if (result.token) setSessionCookie(req, reply, result.token, deps.sessionMaxHours);
      // A new official sets up the second factor before anything else; an existing one may need to as well.
      return reply.redirect(`/account/two-factor?next=${encodeURIComponent(landing)}`, 303);
    } catch (err) {
      if (err instanceof AppError && err.code === 'LINK_INVALID') return invitationPage(req, reply);
      if (err instanceof AppError && err.code === 'UNAUTHENTICATED') throw err;
      return invitationPage(req, reply, formProblems(ctx.t, err), displayName);
    }
  });

  /** Who the signed-in user may invite, and for which State. */
  const invitableRoles = (req: FastifyRequest, state: string | null): Role[] => {
    if (decide(req.actor, identityActions['platform.invite']).ok)
      return state ? [...STATE_ROLES] : [...STATE_ROLES, ...PLATFORM_ROLES];
    if (state && decide(req.actor, identityActions['state.people.invite'], { state }).ok) return FOCAL_POINT_INVITES;
    return [];
  };

  /** The State roles the signed-in user may take back from the State's officials. */
  const removableRoles = (req: FastifyRequest, state: string): Role[] => {
    if (decide(req.actor, identityActions['users.manage']).ok) return [...STATE_ROLES];
    if (decide(req.actor, identityActions['state.people.manage'], { state }).ok) return FOCAL_POINT_INVITES;
    return [];
  };

  const peoplePage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    code: string,
    extra: { problems?: FormProblem[]; notice?: string; email?: string; language?: string } = {},
    status = 200,
  ) => {
    const ctx = ctxOf(req);
    const state = await registry.getState(code, ctx.locale);
    if (!state) throw errors.notFound(`The State ${code}`);
    const view = await identity.statePeople(req.actor, code, originOf(req));
    return send(
      reply,
      h(PeoplePage, {
        ctx,
        csrf: csrfToken(req, reply),
        state,
        view,
        invitableRoles: invitableRoles(req, code),
        removableRoles: removableRoles(req, code),
        ...extra,
      }),
      status,
    );
  };

  const adminPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    extra: { problems?: FormProblem[]; notice?: string; email?: string; language?: string } = {},
    status = 200,
  ) => {
    const ctx = ctxOf(req);
    const users = await identity.listUsers(req.actor, originOf(req));
    const states = (await registry.listStates({}, ctx.locale)).map((s) => ({ code: s.code, name: s.name }));
    return send(
      reply,
      h(AdminPage, { ctx, csrf: csrfToken(req, reply), users, states, roles: invitableRoles(req, null), ...extra }),
      status,
    );
  };

  app.post<{ Body: Body }>('/invitations', hidden, async (req, reply) => {
    const ctx = ctxOf(req);
    const state = str(req.body?.state, 10) || null;
    const email = str(req.body?.email, 320).trim();
    const roles = list(req.body?.roles).filter((r): r is Role => (ROLES as readonly string[]).includes(r));
    // The language of the invitation (the service refuses one that is not of the six); the page's by default.
    const language = str(req.body?.language, 10) || ctx.locale;
    const back = (extra: { problems?: FormProblem[]; notice?: string; email?: string; language?: string }, status = 200) =>
      state && /^[A-Z]{3}$/.test(state) && decide(req.actor, identityActions['state.people.read'], { state }).ok
        ? peoplePage(req, reply, state, extra, status)
        : adminPage(req, reply, extra, status);
    if (!req.actor.userId) throw new AppError('UNAUTHENTICATED', 401, 'Sign in first.');
    if (!emailLooksValid(email)) return back({ problems: badEmail(ctx.t), email, language }, 400);
    try {
      await identity.invite(req.actor, { email, state, roles, language }, originOf(req), ctx.t);
      return back({ notice: ctx.t('invite.sent', { email }) });
    } catch (err) {
      if (err instanceof AppError && (err.status === 401 || err.status === 403)) throw err;
      return back({ problems: formProblems(ctx.t, err), email, language }, 400);
    }
  });

  app.get<{ Params: { code: string } }>('/states/:code/people', hidden, async (req, reply) => {
    if (!/^[A-Z]{3}$/.test(req.params.code)) throw errors.notFound(`The State ${req.params.code}`);
    return peoplePage(req, reply, req.params.code);
  });

  // Taking roles back, and revoking or re-sending invitations: then back to the State's people page (or
  // the administrator's page) with what happened, or why not.
  const peopleAction = async (req: FastifyRequest, reply: FastifyReply, state: string | null, act: () => Promise<string>) => {
    const ctx = ctxOf(req);
    if (!req.actor.userId) throw new AppError('UNAUTHENTICATED', 401, 'Sign in first.');
    const back = (extra: { problems?: FormProblem[]; notice?: string }, status = 200) =>
      state && decide(req.actor, identityActions['state.people.read'], { state }).ok
        ? peoplePage(req, reply, state, extra, status)
        : adminPage(req, reply, extra, status);
    try {
      return back({ notice: await act() });
    } catch (err) {
      if (!(err instanceof AppError) || err.status === 401 || err.status === 403 || err.status === 404) throw err;
      const message = err.code === 'LAST_ADMINISTRATOR' ? ctx.t('error.lastAdministrator') : err.message;
      return back({ problems: [{ field: 'people', message }] }, err.status);
    }
  };
  const roleNames = (ctx: ReturnType<typeof ctxOf>, removed: { role: string; state: string | null }[]) =>
    removed.map((r) => ctx.t(ROLE_KEYS[r.role] ?? 'role.member') + (r.state ? ` · ${r.state}` : '')).join(', ');
  const nameOf = async (userId: string) => (await identity.displayName(userId)) ?? '';

  app.post<{ Params: { code: string; userId: string; role: string } }>(
    '/states/:code/people/:userId/roles/:role/remove',
    hidden,
    async (req, reply) => {
      const { code, userId, role } = req.params;
      if (!/^[A-Z]{3}$/.test(code) || !(ROLES as readonly string[]).includes(role)) throw errors.notFound('The role');
      return peopleAction(req, reply, code, async () => {
        const name = await nameOf(userId);
        const done = await identity.removeRole(req.actor, { userId, role: role as Role, state: code }, originOf(req));
        return ctxOf(req).t('people.removed', { name, roles: roleNames(ctxOf(req), done.removed) });
      });
    },
  );

  app.post<{ Params: { code: string; userId: string } }>('/states/:code/people/:userId/remove', hidden, async (req, reply) => {
    const { code, userId } = req.params;
    if (!/^[A-Z]{3}$/.test(code)) throw errors.notFound('The official');
    return peopleAction(req, reply, code, async () => {
      const name = await nameOf(userId);
      const done = await identity.removeOfficial(req.actor, code, userId, originOf(req));
      return ctxOf(req).t('people.removed', { name, roles: roleNames(ctxOf(req), done.removed) });
    });
  });

  app.post<{ Params: { id: string; role: string } }>('/admin/users/:id/roles/:role/remove', hidden, async (req, reply) => {
    const { id, role } = req.params;
    if (!(ROLES as readonly string[]).includes(role)) throw errors.notFound('The role');
    return peopleAction(req, reply, null, async () => {
      const name = await nameOf(id);
      const done = await identity.removeRole(req.actor, { userId: id, role: role as Role, state: null }, originOf(req));
      return ctxOf(req).t('people.removed', { name, roles: roleNames(ctxOf(req), done.removed) });
    });
  });

  app.post<{ Params: { id: string } }>('/invitations/:id/revoke', hidden, async (req, reply) => {
    const inv = await identity.invitationById(req.actor, req.params.id);
    return peopleAction(req, reply, inv.state_code, async () => {
      await identity.revokeInvitation(req.actor, req.params.id, originOf(req));
      return ctxOf(req).t('people.invitation.revoked', { email: inv.email });
    });
  });

  app.post<{ Params: { id: string } }>('/invitations/:id/resend', hidden, async (req, reply) => {
    const inv = await identity.invitationById(req.actor, req.params.id);
    return peopleAction(req, reply, inv.state_code, async () => {
      await identity.resendInvitation(req.actor, req.params.id, originOf(req), ctxOf(req).t);
      return ctxOf(req).t('people.invitation.resent', { email: inv.email });
    });
  });

  app.get('/admin', hidden, (req, reply) => adminPage(req, reply));
}
