// Errors as factories with a stable code and HTTP status; the API answers them as problem+json (RFC 9457).
// Tests match the code, never the wording. Codes are listed in docs/architecture.md.

export interface FieldProblem {
  field: string;
  reason: string;
}

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super(message);
  }
}

export const errors = {
  notFound: (what: string) => new AppError('NOT_FOUND', 404, `${what} was not found.`),
  badInput: (fields: FieldProblem[]) =>
    new AppError('BAD_INPUT', 400, fields.map((f) => `${f.field}: ${f.reason}`).join('; '), fields),
  unavailable: () => new AppError('UNAVAILABLE', 503, 'The database is unreachable; try again shortly.'),
  internal: () => new AppError('INTERNAL', 500, 'Something went wrong on our side; it has been logged.'),
};

/** The RFC 9457 body for an error. */
export function problemBody(err: AppError, instance: string) {
  return {
    type: `urn:cybernorms:problem:${err.code.toLowerCase()}`,
    title: err.message,
    status: err.status,
    code: err.code,
    instance,
    ...(err.fields.length ? { errors: err.fields } : {}),
  };
}
