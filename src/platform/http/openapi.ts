// The OpenAPI 3.1 document, generated from the routes' zod schemas (never written by hand).
import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { REASONS, type ReasonCode } from '../i18n/reasons.ts';

export const problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z
      .string()
      .describe(
        'Stable error code: BAD_INPUT, BAD_CODE, UNAUTHENTICATED, BAD_CREDENTIALS, BAD_TOKEN, FORBIDDEN, SECOND_FACTOR_REQUIRED, TOKEN_SCOPE, CSRF, BANNED, NOT_FOUND, CONFLICT, EDIT_WINDOW_CLOSED, LAST_ADMINISTRATOR, LINK_INVALID, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, TOO_MANY_ATTEMPTS, RATE_LIMITED, INTERNAL, UNAVAILABLE (docs/architecture.md, Errors)',
      ),
    instance: z.string(),
    detail: z.string().optional().describe("What went wrong, in the reader's language (Accept-Language or ?lang=)"),
    errors: z
      .array(
        z.object({
          field: z.string(),
          code: z.enum(Object.keys(REASONS) as [ReasonCode, ...ReasonCode[]]),
          params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
          reason: z.string(),
        }),
      )
      .optional(),
  })
  .describe('RFC 9457 problem details');
// One component in the document, referenced by every route's error answers.
z.globalRegistry.add(problem, { id: 'Problem' });

/** Response entries for the error statuses a route can answer, all as problem+json. */
export function problemResponses(...statuses: number[]) {
  return Object.fromEntries(statuses.map((s) => [s, problem]));
}

export async function registerOpenApi(app: FastifyInstance, version: string) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'cybernorms API',
        version,
        description:
          'The UN framework of responsible State behaviour in cyberspace. Errors are application/problem+json (RFC 9457).',
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
      },
      servers: [{ url: '/' }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
}
