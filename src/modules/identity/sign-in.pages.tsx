// The sign-in pages: signing in with a second factor and out, registering, confirming the address, and
// choosing a new password by an e-mailed link. Forms work without JavaScript; a refused form comes back with
// the problems named, in the reader's language, and what was typed (never a password).
import type { FastifyInstance } from 'fastify';
import { h } from 'preact';
import { AppError } from '../../platform/errors.ts';
import { clearSessionCookie, csrfToken, originOf, setSessionCookie } from '../../platform/http/auth.ts';
import { fieldMessage, formProblems } from '../../platform/http/form-problems.ts';
import type { FormProblem } from '../../views/forms.tsx';
import { MessagePage } from '../../views/pages/message.tsx';
import { type Body, badEmail, emailLooksValid, hidden, type PageKit, refusalStatus, safeNext, str } from './pages.common.ts';
import { MAX_PASSWORD_LENGTH } from './passwords.ts';
import { CodePage, ForgotPage, RegisterPage, ResetPage, SignInPage } from './sign-in.views.tsx';
import { ThrottledError } from './throttle.ts';

/** Where a person lands after signing in when they were not on their way somewhere: what needs them. */
const HOME = '/desk';

export function signInPages(app: FastifyInstance, deps: PageKit) {
  const { identity, send, ctxOf } = deps;

  // ---- sign in / out ----------------------------------------------------------------------------------
  app.get<{ Querystring: { next?: string } }>('/sign-in', hidden, async (req, reply) => {
    if (req.actor.userId) return reply.redirect(safeNext(req.query.next) ?? HOME, 303);
    return send(reply, h(SignInPage, { ctx: ctxOf(req), csrf: csrfToken(req, reply), next: safeNext(req.query.next) }));
  });

  app.post<{ Body: Body; Querystring: { next?: string } }>('/sign-in', hidden, async (req, reply) => {
    const ctx = ctxOf(req);
    const next = safeNext(req.query.next);
    const email = str(req.body?.email, 320).trim();
    const password = str(req.body?.password, MAX_PASSWORD_LENGTH + 1);
    const again = (problems: FormProblem[], status: number) =>
      send(reply, h(SignInPage, { ctx, csrf: csrfToken(req, reply), next, email, problems }), status);
    if (!emailLooksValid(email) || !password) {
      return again(
        [
          ...(!emailLooksValid(email) ? badEmail(ctx.t) : []),
          ...(!password ? [{ field: 'password', message: fieldMessage(ctx.t, 'password', 'required') }] : []),
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
      return reply.redirect(next ?? HOME, 303);
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
      return reply.redirect(next ?? HOME, 303);
    } catch (err) {
      const problems = formProblems(ctx.t, err);
      return send(reply, h(CodePage, { ctx, csrf: csrfToken(req, reply), next, problems }), refusalStatus(reply, err));
    }
  });

  app.post('/sign-out', hidden, async (req, reply) => {
    const sessionId = req.actor.sessionId ?? req.pending?.sessionId;
    if (sessionId) await identity.signOut(sessionId, req.actor.userId ? `user:${req.actor.userId}` : 'anonymous', originOf(req));
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
        message: displayName
          ? fieldMessage(ctx.t, 'displayName', 'tooLong', { n: 120 })
          : fieldMessage(ctx.t, 'displayName', 'required'),
      });
    if (!emailLooksValid(email)) problems.push(...badEmail(ctx.t));
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
    if (!emailLooksValid(email))
      return send(reply, h(ForgotPage, { ctx, csrf: csrfToken(req, reply), email, problems: badEmail(ctx.t) }), 400);
    try {
      await identity.requestReset(email, originOf(req));
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
}
