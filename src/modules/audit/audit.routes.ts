// The audit chain's signed checkpoint, for administrators: as JSON through the API, and as a file to
// download from the audit page. Either is what `audit verify --checkpoint <file>` reads. Both are audited.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { originOf } from '../../platform/http/auth.ts';
import { problemResponses } from '../../platform/http/openapi.ts';
import type { AuditService } from './audit.service.ts';

const checkpoint = z.object({
  type: z.literal('cybernorms-audit-checkpoint'),
  version: z.literal(1),
  id: z.string().describe("The id of the chain's last entry (this request's own audit entry)"),
  hash: z.string().describe("That entry's HMAC-SHA-256"),
  entry_at: z.string().nullable(),
  legacy: z.number().int().describe('Entries from before the audit key, hashed without it'),
  at: z.string().describe('When the checkpoint was taken'),
  key_id: z.string().describe('A fingerprint of the audit key (not the key)'),
  mac: z.string().describe('HMAC-SHA-256 of the other fields under the audit key'),
});

export function auditRoutes(deps: { audit: AuditService }) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get(
      '/api/v1/audit/checkpoint',
      {
        schema: {
          tags: ['audit'],
          summary:
            "The audit chain's head signed with the audit key, to keep outside the platform and check with `audit verify --checkpoint` (administrators only; audited)",
          response: { 200: checkpoint, ...problemResponses(401, 403) },
        },
      },
      async (req, reply) => {
        const cp = await deps.audit.checkpoint(req.actor, originOf(req));
        reply.header('cache-control', 'no-store');
        return cp;
      },
    );

    app.get('/admin/audit/checkpoint', { schema: { hide: true } }, async (req, reply) => {
      const cp = await deps.audit.checkpoint(req.actor, originOf(req));
      return reply
        .header('content-disposition', `attachment; filename="cybernorms-audit-checkpoint-${cp.at.slice(0, 10)}-${cp.id}.json"`)
        .header('cache-control', 'no-store')
        .type('application/json; charset=utf-8')
        .send(`${JSON.stringify(cp, null, 2)}\n`);
    });
  };
}
