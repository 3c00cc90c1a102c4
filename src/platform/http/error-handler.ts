// One place turns every failure into an answer: problem+json under /api, an error page elsewhere.
// Validation failures become 400 BAD_INPUT naming each field; a lost database becomes 503; nothing else leaks.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, errors, fieldProblem, type ProblemCode, problemBody, problemTitleKey } from '../errors.ts';
import { type MessageKey, translator } from '../i18n/i18n.ts';
import { negotiate } from '../i18n/locales.ts';
import { REASONS, type ReasonCode, type ReasonParams } from '../i18n/reasons.ts';
import { type PageContext, pageContext } from './request-context.ts';

/** How the error page for people is drawn, as a whole HTML document: given by app.ts (from views/), so that
 *  platform never imports a page. */
export interface ErrorPages {
  /** Cache-busting suffix for the stylesheet, as every page has it. */
  assetVersion: string;
  renderErrorPage: (ctx: PageContext, code: ProblemCode, detail: string) => string;
}

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
  // The database did not answer in time (db/client.ts), or its disk is full (SQLSTATE disk_full).
  'DB_UNAVAILABLE',
  '53100',
]);

/** True when an error means the database cannot be reached, so the answer is 503 and retrying helps. */
export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return (
    (typeof e?.code === 'string' && DB_DOWN_CODES.has(e.code)) ||
    /Connection terminated|connect ECONNREFUSED|Client has encountered a connection error|pool after calling end|PGlite is closed|Query read timeout|timeout exceeded when trying to connect|No space left on device/i.test(
      e?.message ?? '',
    )
  );
}

/** The log line for a database that cannot serve: what is wrong and what happens until it is mended. */
function unavailableReason(err: unknown): string | null {
  if (!isDatabaseUnavailable(err)) return null;
  const e = err as { code?: string; message?: string };
  if (e.code === '53100' || /No space left on device/i.test(e.message ?? ''))
    return 'database disk full: writes are answered 503 until space is freed on the data directory';
  return 'database unavailable: answered 503 with Retry-After';
}

/** What a schema (zod) says about one value, as much as the issue tells. */
interface SchemaIssue {
  expected?: string;
  input?: unknown;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  values?: unknown[];
  format?: string;
  pattern?: string;
  keys?: string[];
  /** The tags a discriminated union knows, when the one given matches none. */
  options?: unknown[];
  params?: ReasonParams;
}

/** A schema issue as a reason of the catalogue: the one place zod's wording is turned into codes. */
function schemaReason(keyword: string, issue: SchemaIssue = {}, message?: string): [ReasonCode, ReasonParams?] {
  const n = (v: number | bigint | undefined) => Number(v ?? 0);
  switch (keyword) {
    case 'invalid_type':
      // zod does not report the value itself: its message says whether there was one ("received NaN" for `year=abc`).
      return (message === undefined ? issue.input === undefined : /received undefined/.test(message))
        ? ['required']
        : ['type', { expected: issue.expected ?? 'another type' }];
    case 'too_small':
      if (issue.origin === 'string') return n(issue.minimum) <= 1 ? ['required'] : ['tooShort', { n: n(issue.minimum) }];
      if (issue.origin === 'array' || issue.origin === 'set') return ['tooFew', { n: n(issue.minimum) }];
      return ['min', { n: n(issue.minimum) }];
    case 'too_big':
      if (issue.origin === 'string') return ['tooLong', { n: n(issue.maximum) }];
      if (issue.origin === 'array' || issue.origin === 'set') return ['tooMany', { n: n(issue.maximum) }];
      return ['max', { n: n(issue.maximum) }];
    case 'invalid_value':
      return ['choice', { options: (issue.values ?? []).map(String).join(', ') }];
    case 'invalid_format':
      if (issue.format === 'email') return ['email'];
      if (issue.format === 'url') return ['url'];
      if (issue.format === 'datetime') return ['dateTime'];
      if (issue.format === 'date') return ['date'];
      // Say what shape was expected: a schema's own message is English and is not shown.
      if (issue.format === 'uuid' || issue.format === 'guid')
        return ['format', { example: '00000000-0000-0000-0000-000000000000' }];
      if (issue.format === 'regex' && issue.pattern) return ['format', { example: issue.pattern }];
      return ['invalid'];
    case 'invalid_union':
      return issue.options?.length ? ['choice', { options: issue.options.map(String).join(', ') }] : ['invalid'];
    case 'unrecognized_keys':
      return ['unknown', { values: (issue.keys ?? []).join(', ') }];
    case 'custom':
      // A refinement names its reason by code in its message, with its parameters in `params`.
      return message && message in REASONS ? [message as ReasonCode, issue.params] : ['invalid'];
    default:
      return ['invalid'];
  }
}

/**
 * A schema's refusals of a value parsed outside a route's schema (a page reading its query with the API's schema),
 * named and coded exactly as the API's answer names them.
 */
export function schemaProblems(issues: readonly ({ code: string; path: PropertyKey[]; message: string } & object)[]) {
  return issues.map((issue) => {
    const { code, path, message, ...rest } = issue;
    const [reason, params] = schemaReason(code, rest as SchemaIssue, message);
    return fieldProblem(path.map(String).join('.') || 'input', reason, params);
  });
}

function toAppError(err: FastifyError | AppError | Error): AppError {
  if (err instanceof AppError) return err;
  const fe = err as FastifyError;
  if (fe.validation) {
    // Fields are named as the client sent them (`email`, `roles.0`), wherever they were: the query, the path or the body.
    const where = fe.validationContext === 'headers' ? 'headers.' : '';
    return errors.badInput(
      fe.validation.map((v) => {
        const field = `${where}${v.instancePath.replace(/^\//, '').replaceAll('/', '.') || fe.validationContext || 'input'}`;
        const [code, params] = schemaReason(v.keyword, v.params as SchemaIssue, v.message);
        return fieldProblem(field, code, params);
      }),
    );
  }
  if (isDatabaseUnavailable(err)) return errors.unavailable();
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    // Fastify's own client errors keep their meaning under a catalogue code: a body too large, a content
    // type the route does not read, anything else (bad JSON, a wrong Content-Length) is bad input.
    if (fe.statusCode === 413) return errors.payloadTooLarge(fe.message);
    if (fe.statusCode === 415) return errors.unsupportedMediaType(fe.message);
    if (fe.statusCode === 404) return new AppError('NOT_FOUND', 404, fe.message);
    return errors.badInput([
      fieldProblem(
        fe.code?.startsWith('FST_ERR_CTP_') ? 'body' : 'request',
        fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || /JSON/.test(fe.message) ? 'json' : 'invalid',
      ),
    ]);
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
export function sendError(req: FastifyRequest, reply: FastifyReply, err: AppError, pages: ErrorPages) {
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
  const ctx = pageContext(req, pages.assetVersion);
  return reply.type('text/html; charset=utf-8').send(pages.renderErrorPage(ctx, err.code, err.message));
}

/** Answers errors Fastify raises before routing: an over-long path is simply not a page; a malformed one is bad input. */
export function handleFrameworkError(err: FastifyError, req: FastifyRequest, reply: FastifyReply, pages: ErrorPages) {
  const appError =
    err.code === 'FST_ERR_BAD_URL'
      ? errors.badInput([fieldProblem('path', 'invalid')])
      : err.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? errors.notFound(`The page ${req.url.split('?')[0].slice(0, 100)}`)
        : toAppError(err);
  return sendError(req, reply, appError, pages);
}

export function installErrorHandling(app: FastifyInstance, pages: ErrorPages) {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const appError = toAppError(err);
    if (appError.status >= 500) req.log.error({ err }, unavailableReason(err) ?? 'request failed');
    return sendError(req, reply, appError, pages);
  });
  app.setNotFoundHandler((req, reply) => sendError(req, reply, errors.notFound(`The page ${req.url.split('?')[0]}`), pages));
}
