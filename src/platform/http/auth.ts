// Who is asking: a bearer token, a session cookie, or nobody. Also the CSRF check: a POST that a page on
// another site could make (a form: urlencoded, multipart or text) must carry the form's token.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type Actor, ANONYMOUS } from '../access.ts';
import { AppError, errors, fieldProblem } from '../errors.ts';
import type { Origin } from '../kernel.ts';
import { newSecret, sameSecret } from '../kernel.ts';
import { nulField } from './request-context.ts';

export const SESSION_COOKIE = 'sid';
export const CSRF_COOKIE = 'csrf';
export const CSRF_FIELD = '_csrf';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    /** Signed in with a password, the second factor still owed. */
    pending: { sessionId: string; userId: string } | null;
    sessionCsrf: string | null;
    /**
     * Who is asking now: the same credentials looked up again, for long-lived answers (event streams) that
     * must stop when the session or token ends or a role is removed. Signed out if they no longer hold.
     */
    currentActor: () => Promise<Actor>;
    /** Who is signed in, as the page header shows them (set by the app for signed-in requests; null otherwise). */
    viewer: Viewer | null;
    /** The platform's public address (PUBLIC_URL), for absolute links such as the language alternates. */
    publicUrl: string;
  }
}

/** The signed-in person as pages show them: their name, their States' names, the form token to sign out. */
export interface Viewer {
  name: string;
  states: string[];
  csrf: string | null;
}

export function originOf(req: FastifyRequest): Origin {
  return { ip: req.ip, userAgent: String(req.headers['user-agent'] ?? '') };
}

export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string, maxHours: number) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: req.protocol === 'https',
    maxAge: maxHours * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** The token a form on this page must carry; for a signed-out visitor it is set in a cookie on first use. */
export function csrfToken(req: FastifyRequest, reply: FastifyReply): string {
  if (req.sessionCsrf) return req.sessionCsrf;
  const existing = req.cookies[CSRF_COOKIE];
  if (existing && existing.length >= 32 && existing.length <= 64) return existing;
  const token = newSecret();
  reply.setCookie(CSRF_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: req.protocol === 'https' });
  req.cookies[CSRF_COOKIE] = token;
  return token;
}

/** What authentication needs from the accounts feature (identity.service.ts provides it); platform imports no feature. */
export interface Authenticator {
  fromToken(token: string): Promise<Actor>;
  fromSession(
    token: string,
    opts?: { touch?: boolean },
  ): Promise<{ actor: Actor; pending: { sessionId: string; userId: string } | null; csrfToken: string | null }>;
  recordRefusal(actor: Actor, origin: Origin, code: string, route: string): Promise<void>;
}

export function authentication(identity: Authenticator) {
  return fp(async (app: FastifyInstance) => {
    app.decorateRequest('actor', null as unknown as Actor);
    app.decorateRequest('pending', null);
    app.decorateRequest('sessionCsrf', null);
    app.decorateRequest('currentActor', null as unknown as () => Promise<Actor>);
    app.decorateRequest('viewer', null);

    app.addHook('onRequest', async (req, reply) => {
      req.actor = ANONYMOUS;
      req.currentActor = async () => ANONYMOUS;
      if (req.url.startsWith('/static/')) return;
      // /metrics checks its own bearer token (METRICS_TOKEN, modules/ops), which is not an API token.
      if (req.routeOptions.url === '/metrics') return;
      const auth = req.headers.authorization;
      if (auth !== undefined) {
        const m = /^Bearer\s+(\S{1,200})$/i.exec(auth);
        if (!m) throw new AppError('BAD_TOKEN', 401, 'The Authorization header must be "Bearer <token>".');
        req.actor = await identity.fromToken(m[1]);
        req.currentActor = () => identity.fromToken(m[1]).catch(() => ANONYMOUS);
        return;
      }
      const sid = req.cookies[SESSION_COOKIE];
      if (!sid) return;
      req.currentActor = async () => (await identity.fromSession(sid, { touch: false })).actor;
      // A live page's stream, reconnecting by itself, is not activity: an unattended tab must still idle out.
      const info = await identity.fromSession(sid, { touch: !req.url.startsWith('/communications/events') });
      req.actor = info.actor;
      req.pending = info.pending;
      req.sessionCsrf = info.csrfToken;
      if (!info.actor.userId && !info.pending) clearSessionCookie(reply);
    });

    app.addHook('preValidation', async (req) => {
      // Only a POST can come from another site without a CORS preflight (which this server never grants):
      // other methods, and POSTs of JSON, cannot be forged by a page elsewhere.
      if (req.method !== 'POST' || req.actor.via === 'token') return;
      const type = String(req.headers['content-type'] ?? '');
      if (/^application\/(problem\+)?json\b/i.test(type)) return;
      const sent = (req.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
      const expected = req.sessionCsrf ?? req.cookies[CSRF_COOKIE];
      if (typeof sent !== 'string' || !expected || !sameSecret(sent, expected)) {
        throw new AppError('CSRF', 403, 'The form is out of date or did not come from this site: reload the page and try again.');
      }
    });

    // A signed-in user refused by the access rules is recorded: probing another State's data leaves a trace.
    app.addHook('onError', async (req, _reply, err) => {
      if (!(err instanceof AppError) || !req.actor?.userId) return;
      if (err.code !== 'FORBIDDEN' && err.code !== 'TOKEN_SCOPE') return;
      await identity
        .recordRefusal(req.actor, originOf(req), err.code, `${req.method} ${req.url.split('?')[0]}`)
        .catch((err) => req.log.warn({ err }, 'could not record a refusal in the audit log'));
    });

    // After the CSRF check: no text anywhere may carry a NUL character (PostgreSQL cannot store one).
    app.addHook('preValidation', async (req) => {
      const field = nulField(req.body) ?? nulField(req.query);
      if (field) throw errors.badInput([fieldProblem(field, 'nul')]);
    });
  });
}
