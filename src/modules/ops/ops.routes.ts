// Operations endpoints: liveness, readiness (database reachable and migrated), Prometheus metrics (only
// to the bearer of METRICS_TOKEN), and the generated OpenAPI document.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Registry } from 'prom-client';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { pendingMigrations } from '../../db/migrate.ts';
import { errors } from '../../platform/errors.ts';

/** Whether the Authorization header carries exactly this bearer token, compared in constant time. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(\S{1,200})$/i.exec(header ?? '');
  // Compared as digests: equal lengths whatever was sent, so the time says nothing about the token.
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(m ? m[1] : ''), digest(token)) && m !== null;
}

/** How long /readyz waits on the database before it answers not ready. */
const READY_WITHIN_MS = 900;

const health = z.object({
  status: z.string(),
  database: z.string().optional(),
  pending_migrations: z.array(z.string()).optional(),
});

export function opsRoutes(deps: { db: Db; metrics: Registry; metricsToken?: string }) {
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
        // Answered within a second whatever the database does: a check that has not finished by then is a no.
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<'late'>((resolve) => {
          timer = setTimeout(() => resolve('late'), READY_WITHIN_MS);
        });
        const check = async () => {
          const health = (await deps.db.health?.()) ?? { ok: true };
          if (!health.ok) return { status: 'not ready', database: health.problem ?? 'unavailable' };
          const pending = await pendingMigrations(deps.db);
          if (pending.length) return { status: 'not ready', database: deps.db.kind, pending_migrations: pending };
          return { status: 'ready', database: deps.db.kind };
        };
        try {
          const result = await Promise.race([check(), late]);
          if (result === 'late') return reply.status(503).send({ status: 'not ready', database: 'not answering' });
          return result.status === 'ready' ? result : reply.status(503).send(result);
        } catch {
          return reply.status(503).send({ status: 'not ready', database: 'unreachable' });
        } finally {
          clearTimeout(timer);
        }
      },
    );

    // The counts by route say how many communications are sent and acknowledged: not for everyone.
    app.get(
      '/metrics',
      {
        schema: {
          tags: ['operations'],
          summary:
            'Prometheus metrics (text exposition format), with `Authorization: Bearer <METRICS_TOKEN>`; 404 when no METRICS_TOKEN is configured',
        },
      },
      async (req, reply) => {
        const token = deps.metricsToken;
        if (!token) throw errors.notFound('The page /metrics');
        if (!bearerMatches(req.headers.authorization, token))
          return reply
            .status(401)
            .header('www-authenticate', 'Bearer realm="metrics"')
            .header('cache-control', 'no-store')
            .type('text/plain; charset=utf-8')
            .send('The metrics need the bearer token configured as METRICS_TOKEN.\n');
        return reply
          .header('cache-control', 'no-store')
          .type(deps.metrics.contentType)
          .send(await deps.metrics.metrics());
      },
    );

    app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  };
}
