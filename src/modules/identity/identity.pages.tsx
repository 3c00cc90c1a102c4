// The identity pages: sign-in with a second factor, registration, e-mail links, invitations, the account,
// two-factor enrolment, API tokens, a State's people and the administrator's pages. Forms work without
// JavaScript; a refused form comes back with the problems named, in the reader's language, and what was
// typed (never a password).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h, type VNode } from 'preact';
import { decide, isStateRole, PLATFORM_ROLES, ROLES, type Role, STATE_ROLES } from '../../platform/access.ts';
import { AppError, errors } from '../../platform/errors.ts';
import { clearSessionCookie, csrfToken, originOf, setSessionCookie } from '../../platform/http/auth.ts';
import { FIELD_LABELS, formProblems } from '../../platform/http/form-problems.ts';
import { pageContext } from '../../platform/http/request-context.ts';
import type { Translate } from '../../platform/i18n/i18n.ts';
import type { PageContext } from '../../views/context.ts';
import type { FormProblem } from '../../views/forms.tsx';
import { MessagePage } from '../../views/pages/message.tsx';
import { renderDocument } from '../../views/render.ts';
import { type AuditFilter, AuditPage, type AuditService, auditCsv, isCalendarDate } from '../audit/index.ts';
import type { RegistryService } from '../registry/index.ts';
import { AccountPage, TokensPage, TwoFactorPage } from './account.views.tsx';
import { FOCAL_POINT_INVITES, type IdentityService, identityActions, ThrottledError } from './identity.service.ts';
import { MAX_PASSWORD_LENGTH } from './passwords.ts';
import { AdminPage, PeoplePage, ROLE_KEYS } from './people.views.tsx';
import { AcceptInvitationPage, CodePage, ForgotPage, RegisterPage, ResetPage, SignInPage } from './sign-in.views.tsx';
import { qrSvg, totpUri } from './totp.ts';

const hidden = { schema: { hide: true } };
type Body = Record<string, string | string[] | undefined>;

/** The status of a refused form; a throttled one also says, in Retry-After, when to try again. */
function refusalStatus(reply: FastifyReply, err: unknown): number {
  if (err instanceof ThrottledError) reply.header('retry-after', String(err.retryAfter));
  return err instanceof AppError ? err.status : 400;
}

const str = (v: unknown, max = 1000) => (typeof v === 'string' ? v.slice(0, max) : '');
const list = (v: unknown) =>
  (Array.isArray(v) ? v : typeof v === 'string' ? [v] : []).filter((x): x is string => typeof x === 'string');

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,253}\.[^\s@]{2,}$/;
function checkEmail(email: string): FormProblem[] {
  return EMAIL.test(email) && email.length <= 320 ? [] : [{ field: 'email', message: '' }];
}

/** A local path to go to after signing in; anything else (another site, a scheme) becomes the account page. */
export function safeNext(next: unknown): string | undefined {
  return typeof next === 'string' && /^\/(?![/\\])[^\s]*$/.test(next) && next.length <= 500 ? next : undefined;
}

export function identityPages(deps: {
  identity: IdentityService;
  registry: RegistryService;
  audit: AuditService;
  assetVersion: string;
  sessionMaxHours: number;
}) {
  const { identity, registry } = deps;

  const send = (reply: FastifyReply, vnode: VNode<any>, status = 200) =>
    reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderDocument(vnode));

  const ctxOf = (req: FastifyRequest): PageContext => pageContext(req, deps.assetVersion);

  const badEmail = (t: Translate): FormProblem[] => [{ field: 'email', message: `${t('auth.email')}: ${t('reason.email')}` }];

  return async (app: FastifyInstance) => {
    // ---- sign in / out ----------------------------------------------------------------------------------
    app.get<{ Querystring: { next?: string } }>('/sign-in', hidden, async (req, reply) => {
      if (req.actor.userId) return reply.redirect(safeNext(req.query.next) ?? '/account', 303);
      return send(reply, h(SignInPage, { ctx: ctxOf(req), csrf: csrfToken(req, reply), next: safeNext(req.query.next) }));
    });

    app.post<{ Body: Body; Querystring: { next?: string } }>('/sign-in', hidden, async (req, reply) => {
      const ctx = ctxOf(req);
      const next = safeNext(req.query.next);
      const email = str(req.body?.email, 320).trim();
      const password = str(req.body?.password, MAX_PASSWORD_LENGTH + 1);
      const again = (problems: FormProblem[], status: number) =>
        send(reply, h(SignInPage, { ctx, csrf: csrfToken(req, reply), next, email, problems }), status);
      if (checkEmail(email).length || !password) {
        return again(
          [
            ...(checkEmail(email).length ? badEmail(ctx.t) : []),
            ...(!password ? [{ field: 'password', message: `${ctx.t('auth.password')}: ${ctx.t('reason.required')}` }] : []),
          ],
          400,
        );
      }
      try {
        const result = await identity.signIn({ email, password }, originOf(req));
        if (result.kind === 'unverified') {
          return send(reply, h(MessagePage, { ctx, title: ctx.t('auth.verify.title'), body: ctx.t('auth.verify.resent') }), 403);
        }
        setSessionCookie(req, reply, result.token, deps.sessionMaxHours);
        if (result.kind === 'code-needed')
          return reply.redirect(`/sign-in/code${next ? `?next=${encodeURIComponent(next)}` : ''}`, 303);
        if (result.needsEnrolment)
          return reply.redirect(`/account/two-factor${next ? `?next=${encodeURIComponent(next)}` : ''}`, 303);
        return reply.redirect(next ?? '/account', 303);
      } catch (err) {
        const problems = formProblems(ctx.t, err);
        return again(problems, refusalStatus(reply, err));
      }
    });

    app.get<{ Querystring: { next?: string } }>('/sign-in/code', hidden, async (req, reply) => {
      if (!req.pending) return reply.redirect('/sign-in', 303);
      return send(reply, h(CodePage, { ctx: ctxOf(req), csrf: csrfToken(req, reply), next: safeNext(req.query.next) }));
    });

    app.post<{ Body: Body; Querystring: { next?: string } }>('/sign-in/code', hidden, async (req, reply) => {
      const ctx = ctxOf(req);
      const next = safeNext(req.query.next);
      if (!req.pending) throw new AppError('UNAUTHENTICATED', 401, 'Sign in first.');
      try {
        const token = await identity.completeSignIn(req.pending, str(req.body?.code, 40), originOf(req));
        setSessionCookie(req, reply, token, deps.sessionMaxHours);
        return reply.redirect(next ?? '/account', 303);
      } catch (err) {
        const problems = formProblems(ctx.t, err);
        return send(reply, h(CodePage, { ctx, csrf: csrfToken(req, reply), next, problems }), refusalStatus(reply, err));
      }
    });

    app.post('/sign-out', hidden, async (req, reply) => {
      const sessionId = req.actor.sessionId ?? req.pending?.sessionId;
      if (sessionId)
        await identity.signOut(sessionId, req.actor.userId ? `user:${req.actor.userId}` : 'anonymous', originOf(req));
      clearSessionCookie(reply);
      const ctx = ctxOf(req);
      return send(
        reply,
        h(MessagePage, {
          ctx,
          title: ctx.t('auth.signedOut.title'),
          body: ctx.t('auth.signedOut.body'),
          ok: true,
          link: { href: '/sign-in', text: ctx.t('auth.signIn.title') },
        }),
      );
    });

    // ---- registration and e-mail links ------------------------------------------------------------------
    app.get('/register', hidden, async (req, reply) =>
      send(reply, h(RegisterPage, { ctx: ctxOf(req), csrf: csrfToken(req, reply) })),
    );

    app.post<{ Body: Body }>('/register', hidden, async (req, reply) => {
      const ctx = ctxOf(req);
      const email = str(req.body?.email, 320).trim();
      const displayName = str(req.body?.displayName, 200).trim();
      const password = str(req.body?.password, MAX_PASSWORD_LENGTH + 1);
      const again = (problems: FormProblem[], status: number) =>
        send(reply, h(RegisterPage, { ctx, csrf: csrfToken(req, reply), email, displayName, problems }), status);
      const problems: FormProblem[] = [];
      if (!displayName || displayName.length > 120)
        problems.push({
          field: 'displayName',
          message: `${ctx.t('auth.name')}: ${ctx.t(displayName ? 'reason.tooLong' : 'reason.required', { n: 120 })}`,
        });
      if (checkEmail(email).length) problems.push(...badEmail(ctx.t));
      if (problems.length) return again(problems, 400);
      try {
        await identity.register({ email, displayName, password }, originOf(req), ctx.t);
        return send(reply, h(RegisterPage, { ctx, csrf: '', done: true }));
      } catch (err) {
        return again(formProblems(ctx.t, err), refusalStatus(reply, err));
      }
    });

    app.get<{ Params: { token: string } }>('/verify/:token', hidden, async (req, reply) => {
      const ctx = ctxOf(req);
      const ok = await identity.verifyEmail(req.params.token, originOf(req));
      return ok
        ? send(
            reply,
            h(MessagePage, {
              ctx,
              title: ctx.t('auth.verify.title'),
              body: ctx.t('auth.verify.done'),
              ok: true,
              link: { href: '/sign-in', text: ctx.t('auth.signIn.title') },
            }),
          )
        : send(reply, h(MessagePage, { ctx, title: ctx.t('error.link.title'), body: ctx.t('error.link.body') }), 410);
    });

    app.get('/password/forgot', hidden, async (req, reply) =>
      send(reply, h(ForgotPage, { ctx: ctxOf(req), csrf: csrfToken(req, reply) })),
    );

    app.post<{ Body: Body }>('/password/forgot', hidden, async (req, reply) => {
      const ctx = ctxOf(req);
      const email = str(req.body?.email, 320).trim();
      if (checkEmail(email).length)
        return send(reply, h(ForgotPage, { ctx, csrf: csrfToken(req, reply), email, problems: badEmail(ctx.t) }), 400);
      try {
        await identity.requestReset(email, originOf(req), ctx.t);
        return send(reply, h(ForgotPage, { ctx, csrf: '', done: true }));
      } catch (err) {
        return send(
          reply,
          h(ForgotPage, { ctx, csrf: csrfToken(req, reply), email, problems: formProblems(ctx.t, err) }),
          refusalStatus(reply, err),
        );
      }
    });

    app.get<{ Params: { token: string } }>('/password/reset/:token', hidden, async (req, reply) => {
      const ctx = ctxOf(req);
      if (!(await identity.linkIsValid(req.params.token, 'reset'))) {
        return send(
          reply,
          h(MessagePage, {
            ctx,
            title: ctx.t('error.link.title'),
            body: ctx.t('error.link.body'),
            link: { href: '/password/forgot', text: ctx.t('auth.forgot.title') },
          }),
          410,
        );
      }
      return send(reply, h(ResetPage, { ctx, csrf: csrfToken(req, reply), token: req.params.token }));
    });

    app.post<{ Params: { token: string }; Body: Body }>('/password/reset/:token', hidden, async (req, reply) => {
      const ctx = ctxOf(req);
      try {
        await identity.resetPassword(req.params.token, str(req.body?.password, MAX_PASSWORD_LENGTH + 1), originOf(req));
        clearSessionCookie(reply);
        return send(
          reply,
          h(MessagePage, {
            ctx,
            title: ctx.t('auth.reset.title'),
            body: ctx.t('auth.reset.done'),
            ok: true,
            link: { href: '/sign-in', text: ctx.t('auth.signIn.title') },
          }),
        );
      } catch (err) {
        if (err instanceof AppError && err.code === 'LINK_INVALID') {
          return send(reply, h(MessagePage, { ctx, title: ctx.t('error.link.title'), body: ctx.t('error.link.body') }), 410);
        }
        return send(
          reply,
          h(ResetPage, { ctx, csrf: csrfToken(req, reply), token: req.params.token, problems: formProblems(ctx.t, err) }),
          err instanceof ThrottledError ? refusalStatus(reply, err) : 400,
        );
      }
    });

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
      extra: { problems?: FormProblem[]; notice?: string; email?: string } = {},
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
      extra: { problems?: FormProblem[]; notice?: string; email?: string } = {},
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
      const back = (extra: { problems?: FormProblem[]; notice?: string; email?: string }, status = 200) =>
        state && /^[A-Z]{3}$/.test(state) && decide(req.actor, identityActions['state.people.read'], { state }).ok
          ? peoplePage(req, reply, state, extra, status)
          : adminPage(req, reply, extra, status);
      if (!req.actor.userId) throw new AppError('UNAUTHENTICATED', 401, 'Sign in first.');
      if (checkEmail(email).length) return back({ problems: badEmail(ctx.t), email }, 400);
      try {
        await identity.invite(req.actor, { email, state, roles }, originOf(req), ctx.t);
        return back({ notice: ctx.t('invite.sent', { email }) });
      } catch (err) {
        if (err instanceof AppError && (err.status === 401 || err.status === 403)) throw err;
        return back({ problems: formProblems(ctx.t, err), email }, 400);
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

    // ---- the account ------------------------------------------------------------------------------------
    const accountPage = async (req: FastifyRequest, reply: FastifyReply, notice?: string, problems?: FormProblem[]) => {
      const ctx = ctxOf(req);
      const user = await identity.me(req.actor);
      const sessions = await identity.listSessions(req.actor);
      const recoveryLeft = user.totp_enabled_at ? await identity.remainingRecoveryCodes(req.actor) : 0;
      const stateNames: Record<string, string> = {};
      for (const code of new Set(user.grants.map((g) => g.state).filter((s): s is string => Boolean(s)))) {
        stateNames[code] = (await registry.getState(code, ctx.locale))?.name ?? code;
      }
      return send(
        reply,
        h(AccountPage, {
          ctx,
          csrf: csrfToken(req, reply),
          notice,
          problems,
          account: {
            email: user.email,
            displayName: user.display_name,
            state: user.state_code,
            grants: user.grants,
            totpEnabled: Boolean(user.totp_enabled_at),
            mfa: req.actor.mfa,
            recoveryLeft,
            demo: user.demo,
            stateNames,
            sessions: sessions.map((s) => ({ ...s, current: s.id === req.actor.sessionId })),
          },
        }),
        problems?.length ? 400 : 200,
      );
    };

    app.get('/account', hidden, (req, reply) => accountPage(req, reply));

    app.post('/account/sign-out-everywhere', hidden, async (req, reply) => {
      await identity.signOutEverywhere(req.actor, originOf(req));
      clearSessionCookie(reply);
      const ctx = ctxOf(req);
      return send(
        reply,
        h(MessagePage, {
          ctx,
          title: ctx.t('auth.signedOut.title'),
          body: ctx.t('auth.signedOutEverywhere'),
          ok: true,
          link: { href: '/sign-in', text: ctx.t('auth.signIn.title') },
        }),
      );
    });

    const twoFactorPage = async (
      req: FastifyRequest<{ Querystring: { next?: string } }>,
      reply: FastifyReply,
      problems?: FormProblem[],
    ) => {
      const ctx = ctxOf(req);
      const pending = await identity.pendingTotpSecret(req.actor);
      const qr = pending.enabled ? '' : await qrSvg(totpUri(pending.secret, pending.email));
      return send(
        reply,
        h(TwoFactorPage, {
          ctx,
          csrf: csrfToken(req, reply),
          secret: pending.secret,
          qr,
          enabled: pending.enabled,
          required: req.actor.grants.some((g) => g.role !== 'member'),
          next: safeNext(req.query.next),
          problems,
        }),
        problems?.length ? 400 : 200,
      );
    };

    app.get<{ Querystring: { next?: string } }>('/account/two-factor', hidden, (req, reply) => twoFactorPage(req, reply));

    app.post<{ Body: Body; Querystring: { next?: string } }>('/account/two-factor', hidden, async (req, reply) => {
      const ctx = ctxOf(req);
      try {
        const result = await identity.confirmTotp(req.actor, str(req.body?.code, 20).trim(), originOf(req));
        setSessionCookie(req, reply, result.token, deps.sessionMaxHours);
        const fresh = await identity.fromSession(result.token);
        const csrf = fresh.csrfToken ?? '';
        return send(
          reply,
          h(TwoFactorPage, {
            ctx,
            csrf,
            secret: '',
            qr: '',
            enabled: true,
            required: false,
            recoveryCodes: result.recoveryCodes,
            next: safeNext(req.query.next),
          }),
        );
      } catch (err) {
        if (err instanceof AppError && (err.status === 401 || err.status === 403)) throw err;
        return twoFactorPage(req, reply, formProblems(ctx.t, err));
      }
    });

    app.post<{ Body: Body }>('/account/recovery-codes', hidden, async (req, reply) => {
      const ctx = ctxOf(req);
      try {
        const codes = await identity.renewRecoveryCodes(req.actor, str(req.body?.code, 20), originOf(req));
        return send(
          reply,
          h(TwoFactorPage, {
            ctx,
            csrf: csrfToken(req, reply),
            secret: '',
            qr: '',
            enabled: true,
            required: false,
            recoveryCodes: codes,
            renewed: true,
            next: '/account',
          }),
        );
      } catch (err) {
        if (err instanceof AppError && err.code === 'BAD_CODE')
          return accountPage(req, reply, undefined, formProblems(ctx.t, err));
        throw err;
      }
    });

    const tokensPage = async (
      req: FastifyRequest,
      reply: FastifyReply,
      extra: { problems?: FormProblem[]; created?: { token: string; name: string }; name?: string } = {},
      status = 200,
    ) => {
      const ctx = ctxOf(req);
      const tokens = await identity.listTokens(req.actor);
      return send(reply, h(TokensPage, { ctx, csrf: csrfToken(req, reply), tokens, ...extra }), status);
    };

    app.get('/account/tokens', hidden, (req, reply) => tokensPage(req, reply));

    app.post<{ Body: Body }>('/account/tokens', hidden, async (req, reply) => {
      const ctx = ctxOf(req);
      const name = str(req.body?.name, 200).trim();
      const scope = str(req.body?.scope);
      const days = Number(str(req.body?.expiresInDays) || '90');
      const problems: FormProblem[] = [];
      if (!name || name.length > 100)
        problems.push({
          field: 'name',
          message: `${ctx.t('tokens.name')}: ${ctx.t(name ? 'reason.tooLong' : 'reason.required', { n: 100 })}`,
        });
      if (scope !== 'read' && scope !== 'write')
        problems.push({ field: 'scope', message: `${ctx.t('tokens.scope')}: ${ctx.t('reason.choice')}` });
      if (!Number.isInteger(days))
        problems.push({ field: 'expiresInDays', message: `${ctx.t('tokens.expires')}: ${ctx.t('reason.choice')}` });
      if (problems.length) {
        if (!req.actor.userId) throw new AppError('UNAUTHENTICATED', 401, 'Sign in first.');
        return tokensPage(req, reply, { problems, name }, 400);
      }
      try {
        const created = await identity.createToken(
          req.actor,
          { name, scope: scope as 'read' | 'write', expiresInDays: days },
          originOf(req),
        );
        return tokensPage(req, reply, { created: { token: created.token, name: created.name } });
      } catch (err) {
        if (err instanceof AppError && (err.status === 401 || err.status === 403)) throw err;
        return tokensPage(req, reply, { problems: formProblems(ctx.t, err), name }, 400);
      }
    });

    app.post<{ Params: { id: string } }>('/account/tokens/:id/revoke', hidden, async (req, reply) => {
      if (!/^[0-9a-f-]{36}$/.test(req.params.id)) throw errors.notFound('The token');
      await identity.revokeToken(req.actor, req.params.id, originOf(req));
      return reply.redirect('/account/tokens', 303);
    });

    // ---- administration ---------------------------------------------------------------------------------
    app.get('/admin', hidden, (req, reply) => adminPage(req, reply));

    const auditFilter = (q: Record<string, unknown>, t: Translate): { filter: AuditFilter; problems: FormProblem[] } => {
      const filter: AuditFilter = {
        actor: str(q.actor, 200).trim() || undefined,
        action: str(q.action, 100).trim() || undefined,
        entity: str(q.entity, 100).trim() || undefined,
        entityId: str(q.entityId, 200).trim() || undefined,
        from: str(q.from, 10) || undefined,
        to: str(q.to, 10) || undefined,
        before: /^\d{1,18}$/.test(str(q.before, 20)) ? str(q.before, 20) : undefined,
      };
      const problems: FormProblem[] = [];
      for (const f of ['from', 'to'] as const) {
        const v = filter[f];
        if (v && !isCalendarDate(v)) {
          problems.push({ field: f, message: `${t(FIELD_LABELS[f])}: ${t('reason.date')}` });
          filter[f] = undefined;
        }
      }
      return { filter, problems };
    };

    app.get<{ Querystring: Record<string, unknown> }>('/admin/audit', hidden, async (req, reply) => {
      const ctx = ctxOf(req);
      const { filter, problems } = auditFilter(req.query, ctx.t);
      const page = await deps.audit.list(req.actor, filter);
      return send(
        reply,
        h(AuditPage, { ctx, filter, entries: page.entries, next: page.next, problems }),
        problems.length ? 400 : 200,
      );
    });

    app.get<{ Querystring: Record<string, unknown> }>('/admin/audit/export', hidden, async (req, reply) => {
      const ctx = ctxOf(req);
      const format = req.query.format === 'json' ? 'json' : req.query.format === 'csv' ? 'csv' : null;
      const { filter, problems } = auditFilter(req.query, ctx.t);
      if (!format) throw errors.badInput([{ field: 'format', reason: 'must be csv or json' }]);
      if (problems.length)
        throw errors.badInput(problems.map((p) => ({ field: p.field, reason: 'must be a date (YYYY-MM-DD)' })));
      const rows = await deps.audit.export(req.actor, filter, format, originOf(req));
      const stamp = new Date().toISOString().slice(0, 10);
      reply
        .header('content-disposition', `attachment; filename="cybernorms-audit-${stamp}.${format}"`)
        .header('cache-control', 'no-store');
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(auditCsv(rows));
      return reply.type('application/json; charset=utf-8').send(JSON.stringify({ data: rows }));
    });
  };
}
