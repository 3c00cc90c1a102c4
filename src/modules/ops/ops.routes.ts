// Operations endpoints: liveness, readiness (database reachable and migrated), Prometheus metrics,
// and the generated OpenAPI document.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Registry } from 'prom-client';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { pendingMigrations } from '../../db/migrate.ts';

const health = z.object({
  status: z.string(),
  database: z.string().optional(),
  pending_migrations: z.array(z.string()).optional(),
});

export function opsRoutes(deps: { db: Db; metrics: Registry }) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get(
      '/healthz',
      { schema: { tags: ['operations'], summary: 'The process is up', response: { 200: health } } },
      async () => ({ status: 'ok' }),
    );

    r.get(
      '/readyz',
      {
        schema: {
          tags: ['operations'],
          summary: 'The database is reachable and every migration is applied',
          response: { 200: health, 503: health },
        },
      },
      async (_req, reply) => {
        try {
          const pending = await pendingMigrations(deps.db);
          if (pending.length)
            return reply.status(503).send({ status: 'not ready', database: deps.db.kind, pending_migrations: pending });
          return { status: 'ready', database: deps.db.kind };
        } catch {
          return reply.status(503).send({ status: 'not ready', database: 'unreachable' });
        }
      },
    );

    app.get(
      '/metrics',
      { schema: { tags: ['operations'], summary: 'Prometheus metrics (text exposition format)' } },
      async (_req, reply) => reply.type(deps.metrics.contentType).send(await deps.metrics.metrics()),
    );

    app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  };
}
