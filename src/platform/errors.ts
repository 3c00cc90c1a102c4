// Errors carry a stable code from one catalogue (PROBLEMS); the API answers them as problem+json (RFC 9457).
// Tests match the code, never the wording. A code missing from the catalogue does not compile; each code's
// title is translated as `problem.<CODE>` in every language, and errors.test.ts checks that the catalogue,
// the translations, the codes used in src and the table in docs/architecture.md agree.

import { type ReasonCode, type ReasonParams, reasonText } from './i18n/reasons.ts';

/**
 * Why one field is refused: a reason code from the catalogue (i18n/reasons.ts) and its parameters. `reason`
 * is the same said in English, for a person reading the API's answer; pages say it in the reader's language.
 */
export interface FieldProblem {
  field: string;
  code: ReasonCode;
  params?: ReasonParams;
  reason: string;
}

/** Refuses a field with a reason of the catalogue: the one way to write a field problem. */
export function fieldProblem(field: string, code: ReasonCode, params?: ReasonParams): FieldProblem {
  return { field, code, ...(params && { params }), reason: reasonText('en', code, params) };
}

/**
 * Every problem code, once: its HTTP status and what it means. Two codes may share a status when a client
 * would act differently on them (several 403s, two 429s: see docs/decisions.md 45).
 */
export const PROBLEMS = {
  BAD_INPUT: {
    status: 400,
    meaning: 'a query, parameter or body field fails its schema; `errors[]` names each field and why',
  },
  BAD_CODE: { status: 400, meaning: 'a two-factor or recovery code is wrong, expired or already used' },
  UNAUTHENTICATED: { status: 401, meaning: 'sign in first (pages: a 303 to `/sign-in?next=…`)' },
  BAD_CREDENTIALS: {
    status: 401,
    meaning: 'wrong e-mail or password (the same answer whether or not the account exists)',
  },
  BAD_TOKEN: { status: 401, meaning: 'an API token that is wrong, expired or revoked' },
  FORBIDDEN: {
    status: 403,
    meaning: "the actor's roles do not allow it (another State's resource, a role they lack)",
  },
  SECOND_FACTOR_REQUIRED: {
    status: 403,
    meaning: 'the user holds roles but has not set up or given the second factor (pages: a 303 to `/account/two-factor`)',
  },
  TOKEN_SCOPE: { status: 403, meaning: 'a read-only token tried to write' },
  CSRF: { status: 403, meaning: "a form without this site's token" },
  BANNED: { status: 403, meaning: 'a moderator has banned the member from commenting' },
  NOT_FOUND: { status: 404, meaning: 'no such page, norm or route' },
  CONFLICT: {
    status: 409,
    meaning: 'the change cannot apply to the current state (two-factor already set up, a report already submitted)',
  },
  EDIT_WINDOW_CLOSED: { status: 409, meaning: 'a comment can only be edited for a short time after posting' },
  LAST_ADMINISTRATOR: { status: 409, meaning: 'the last administrator cannot lose the role' },
  LINK_INVALID: { status: 410, meaning: 'an invitation, verification or reset link that is wrong, expired or used' },
  PAYLOAD_TOO_LARGE: { status: 413, meaning: 'the request body is larger than the server accepts' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, meaning: 'the request body has a content type the route does not read' },
  TOO_MANY_ATTEMPTS: {
    status: 429,
    meaning: 'repeated failures (sign-in, a code, a reset): wait (`Retry-After` says how long)',
  },
  RATE_LIMITED: {
    status: 429,
    meaning: 'too many successful writes in a short time (a comment flood): wait (`Retry-After` says how long)',
  },
  INTERNAL: { status: 500, meaning: 'anything else; logged, never shown' },
  UNAVAILABLE: { status: 503, meaning: 'the database cannot be reached (with `Retry-After`); it recovers by itself' },
} as const satisfies Record<string, { status: number; meaning: string }>;

export type ProblemCode = keyof typeof PROBLEMS;

export const PROBLEM_CODES = Object.keys(PROBLEMS) as ProblemCode[];

/** The message key of a code's title, translated in every language. */
export const problemTitleKey = <C extends ProblemCode>(code: C) => `problem.${code}` as const;

export class AppError extends Error {
  constructor(
    readonly code: ProblemCode,
    readonly status: number,
    message: string,
    readonly fields: FieldProblem[] = [],
    /** Seconds after which trying again can succeed; sent as `Retry-After`. */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

export const errors = {
  notFound: (what: string) => new AppError('NOT_FOUND', 404, `${what} was not found.`),
  badInput: (fields: FieldProblem[]) =>
    new AppError('BAD_INPUT', 400, fields.map((f) => `${f.field}: ${f.reason}`).join('; '), fields),
  /** Too many writes in a short time: `retryAfter` is when the limit surely lets the next one through. */
  rateLimited: (retryAfter: number, message: string) => new AppError('RATE_LIMITED', 429, message, [], retryAfter),
  payloadTooLarge: (message: string) => new AppError('PAYLOAD_TOO_LARGE', 413, message),
  unsupportedMediaType: (message: string) => new AppError('UNSUPPORTED_MEDIA_TYPE', 415, message),
  unavailable: () => new AppError('UNAVAILABLE', 503, 'The database is unreachable; try again shortly.'),
  internal: () => new AppError('INTERNAL', 500, 'Something went wrong on our side; it has been logged.'),
};

/**
 * The RFC 9457 body for an error. `title` is the code's title in the reader's language (given `title`),
 * `detail` what happened in this case.
 */
export function problemBody(err: AppError, instance: string, title: string, detail?: string) {
  return {
    type: `urn:cybernorms:problem:${err.code.toLowerCase()}`,
    title,
    status: err.status,
    code: err.code,
    instance,
    ...(detail ? { detail } : {}),
    ...(err.fields.length ? { errors: err.fields } : {}),
  };
}
