// The account pages: the account, its language and its sessions, two-factor enrolment and recovery codes,
// and personal API tokens.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { AppError, errors } from '../../platform/errors.ts';
import { clearSessionCookie, csrfToken, originOf, setSessionCookie } from '../../platform/http/auth.ts';
import { fieldMessage, formProblems } from '../../platform/http/form-problems.ts';
import { LOCALE_NAMES, type Locale } from '../../platform/i18n/locales.ts';
import { reasonText } from '../../platform/i18n/reasons.ts';
import type { FormProblem } from '../../views/forms.tsx';
import { MessagePage } from '../../views/pages/message.tsx';
import { AccountPage, TokensPage, TwoFactorPage } from './account.views.tsx';
import { type Body, hidden, type PageKit, safeNext, str } from './pages.common.ts';
import { qrSvg, totpUri } from './totp.ts';

/** The lifetimes the tokens form offers, in days. */
const TOKEN_DAY_CHOICES = '30, 90, 365';

export function accountPages(app: FastifyInstance, deps: PageKit) {
  const { identity, registry, send, ctxOf } = deps;

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
          language: user.language,
          stateNames,
          sessions: sessions.map((s) => ({ ...s, current: s.id === req.actor.sessionId })),
        },
      }),
      problems?.length ? 400 : 200,
    );
  };

  app.get('/account', hidden, (req, reply) => accountPage(req, reply));

  // The language the platform writes to the person in (mail); the service refuses anything but the six.
  app.post<{ Body: Body }>('/account/language', hidden, async (req, reply) => {
    const { t } = ctxOf(req);
    try {
      const language = str(req.body?.language, 10);
      await identity.updateAccount(req.actor, { language }, originOf(req));
      return accountPage(req, reply, t('account.language.saved', { language: LOCALE_NAMES[language as Locale] }));
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'BAD_INPUT') throw err;
      const problems = err.fields.map((f) => ({
        field: f.field,
        message: `${t('account.language')}: ${reasonText(t.locale, f.code, f.params)}`,
      }));
      return accountPage(req, reply, undefined, problems);
    }
  });

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
      if (err instanceof AppError && err.code === 'BAD_CODE') return accountPage(req, reply, undefined, formProblems(ctx.t, err));
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
        message: name ? fieldMessage(ctx.t, 'name', 'tooLong', { n: 100 }) : fieldMessage(ctx.t, 'name', 'required'),
      });
    if (scope !== 'read' && scope !== 'write')
      problems.push({ field: 'scope', message: fieldMessage(ctx.t, 'scope', 'choice', { options: 'read, write' }) });
    if (!Number.isInteger(days))
      problems.push({
        field: 'expiresInDays',
        message: fieldMessage(ctx.t, 'expiresInDays', 'choice', { options: TOKEN_DAY_CHOICES }),
      });
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
}
