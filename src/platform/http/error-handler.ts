// One place turns every failure into an answer: problem+json under /api, an error page elsewhere.
// Validation failures become 400 BAD_INPUT naming each field; a lost database becomes 503; nothing else leaks.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { ErrorPage } from '../../views/pages/error.tsx';
import { renderDocument } from '../../views/render.ts';
import { AppError, errors, type ProblemCode, problemBody, problemTitleKey } from '../errors.ts';
import { type MessageKey, translator } from '../i18n/i18n.ts';
import { negotiate } from '../i18n/locales.ts';
import { pageContext } from './request-context.ts';

const DB_DOWN_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08003',
  '08006',
  '08001',
  '08004',
]);

/** True when an error means the database cannot be reached, so the answer is 503 and retrying helps. */
export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return (
    (typeof e?.code === 'string' && DB_DOWN_CODES.has(e.code)) ||
    /Connection terminated|connect ECONNREFUSED|Client has encountered a connection error|pool after calling end|PGlite is closed/i.test(
      e?.message ?? '',
    )
  );
}

function toAppError(err: FastifyError | AppError | Error): AppError {
  if (err instanceof AppError) return err;
  const fe = err as FastifyError;
  if (fe.validation) {
    // Fields are named as the client sent them (`email`, `roles.0`), wherever they were: the query, the path or the body.
    const where = fe.validationContext === 'headers' ? 'headers.' : '';
    return errors.badInput(
      fe.validation.map((v) => ({
        field: `${where}${v.instancePath.replace(/^\//, '').replaceAll('/', '.') || fe.validationContext || 'input'}`,
        reason: v.message ?? 'is not valid',
      })),
    );
  }
  if (isDatabaseUnavailable(err)) return errors.unavailable();
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    // Fastify's own client errors keep their meaning under a catalogue code: a body too large, a content
    // type the route does not read, anything else (bad JSON, a wrong Content-Length) is bad input.
    if (fe.statusCode === 413) return errors.payloadTooLarge(fe.message);
    if (fe.statusCode === 415) return errors.unsupportedMediaType(fe.message);
    if (fe.statusCode === 404) return new AppError('NOT_FOUND', 404, fe.message);
    return errors.badInput([{ field: fe.code?.startsWith('FST_ERR_CTP_') ? 'body' : 'request', reason: fe.message }]);
  }
  return errors.internal();
}

const API_DETAILS: Partial<Record<ProblemCode, MessageKey>> = {
  UNAUTHENTICATED: 'error.unauthenticated.body',
  FORBIDDEN: 'error.forbidden.body',
  TOKEN_SCOPE: 'error.forbidden.body',
  BAD_CREDENTIALS: 'auth.error.credentials',
  BAD_CODE: 'auth.error.code',
  LINK_INVALID: 'error.link.body',
  TOO_MANY_ATTEMPTS: 'auth.error.throttled',
  CSRF: 'error.csrf.body',
  SECOND_FACTOR_REQUIRED: 'totp.required',
};

export function isApiRequest(req: FastifyRequest) {
  return req.url.startsWith('/api/');
}

/** Sends an AppError in the form the client reads: problem+json for the API, HTML for pages. */
export function sendError(req: FastifyRequest, reply: FastifyReply, err: AppError, assetVersion: string) {
  if (!isApiRequest(req) && req.method === 'GET') {
    // A page that needs a signed-in user (or a second factor) sends the person where they can give it.
    const next = encodeURIComponent(req.url.slice(0, 500));
    if (err.code === 'UNAUTHENTICATED') return reply.redirect(`/sign-in?next=${next}`, 303);
    if (err.code === 'SECOND_FACTOR_REQUIRED') return reply.redirect(`/account/two-factor?next=${next}`, 303);
  }
  reply.status(err.status);
  const retryAfter = err.retryAfter ?? (err.status === 503 ? 5 : undefined);
  if (retryAfter) reply.header('retry-after', String(retryAfter));
  if (err.status === 401 && isApiRequest(req)) reply.header('www-authenticate', 'Bearer realm="cybernorms"');
  if (!req.t) {
    // Failed before the request-context hook ran: read the language from the headers alone.
    req.locale = negotiate(undefined, undefined, req.headers['accept-language']);
    req.t = translator(req.locale);
  }
  if (isApiRequest(req)) {
    // `title` names the code in the reader's language; `detail` says what happened: in the reader's language
    // where the catalogue has a sentence for the code, otherwise the error's own (English) sentence.
    const key = API_DETAILS[err.code];
    const detail = key ? req.t(key, { seconds: retryAfter ?? '' }) : err.message;
    const body = problemBody(err, req.url.split('?')[0], req.t(problemTitleKey(err.code)), detail);
    return reply.type('application/problem+json; charset=utf-8').send(JSON.stringify(body));
  }
  const ctx = pageContext(req, assetVersion);
  return reply.type('text/html; charset=utf-8').send(renderDocument(h(ErrorPage, { ctx, code: err.code, detail: err.message })));
}

/** Answers errors Fastify raises before routing: an over-long path is simply not a page; a malformed one is bad input. */
export function handleFrameworkError(err: FastifyError, req: FastifyRequest, reply: FastifyReply, assetVersion: string) {
  const appError =
    err.code === 'FST_ERR_BAD_URL'
      ? errors.badInput([{ field: 'path', reason: 'is not a valid URL' }])
      : err.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? errors.notFound(`The page ${req.url.split('?')[0].slice(0, 100)}`)
        : toAppError(err);
  return sendError(req, reply, appError, assetVersion);
}

export function installErrorHandling(app: FastifyInstance, assetVersion: string) {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const appError = toAppError(err);
    if (appError.status >= 500) req.log.error({ err }, 'request failed');
    return sendError(req, reply, appError, assetVersion);
  });
  app.setNotFoundHandler((req, reply) =>
    sendError(req, reply, errors.notFound(`The page ${req.url.split('?')[0]}`), assetVersion),
  );
}
