// Prometheus metrics for one app instance: default process metrics and request durations by route.
import type { FastifyInstance } from 'fastify';
import client from 'prom-client';
import type { FrontCache } from './http/front-cache.ts';
import type { Outbox, OutboxStats } from './mail-outbox.ts';

export function installMetrics(app: FastifyInstance) {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const duration = new client.Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer HTTP requests, by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  app.addHook('onResponse', async (req, reply) => {
    duration.observe(
      { method: req.method, route: req.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
  return registry;
}

/**
 * The outbox in /metrics: what waits and what was given up, from the database (so every instance reports
 * the same figures; a scrape while the database does not answer within 2 s leaves them out), and what
 * this instance sent, failed and gave up since it started. Alert on `cybernorms_mail_outbox{state="given_up"} > 0`.
 */
export function registerMailMetrics(registry: client.Registry, outbox: Pick<Outbox, 'stats' | 'counters'>): void {
  // One query per scrape: the gauges below collect at the same time and share the query in flight.
  let inflight: Promise<OutboxStats | null> | null = null;
  const stats = () => {
    if (inflight) return inflight;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), 2000);
    });
    inflight = Promise.race([outbox.stats().catch(() => null), timeout]).finally(() => {
      clearTimeout(timer);
      inflight = null;
    });
    return inflight;
  };
  new client.Gauge({
    name: 'cybernorms_mail_outbox',
    help: 'Mail not sent, by state: pending (waiting for its first or next attempt), failing (pending, tried without success), given_up (kept for administrators at /admin/mail; alert when above 0)',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      const s = await stats();
      if (!s) return;
      this.set({ state: 'pending' }, s.pending);
      this.set({ state: 'failing' }, s.failing);
      this.set({ state: 'given_up' }, s.givenUp);
    },
  });
  new client.Gauge({
    name: 'cybernorms_mail_oldest_pending_seconds',
    help: 'Age of the oldest mail waiting to be sent (0 when none)',
    registers: [registry],
    async collect() {
      const s = await stats();
      if (s) this.set(s.oldestPendingSeconds);
    },
  });
  for (const [name, help, key] of [
    ['cybernorms_mail_sent_total', 'Mail this instance sent', 'sent'],
    ['cybernorms_mail_failed_attempts_total', 'Attempts at sending mail that failed on this instance', 'failedAttempts'],
    ['cybernorms_mail_given_up_total', 'Mail this instance gave up', 'givenUp'],
  ] as const) {
    new client.Counter({
      name,
      help,
      registers: [registry],
      collect() {
        this.reset();
        this.inc(outbox.counters[key]);
      },
    });
  }
}

/**
 * The front cache's part: it keeps answers as the app sends them (on Fastify's onResponse), stops answering
 * once the app starts closing, and counts what it answered, which the request histogram does not see.
 */
export function registerFrontCache(app: FastifyInstance, registry: client.Registry, front: FrontCache): void {
  app.addHook('onResponse', async (req, reply) => front.remember(req, reply));
  app.addHook('preClose', async () => {
    front.closing = true;
  });
  new client.Counter({
    name: 'cybernorms_http_front_cache_hits_total',
    help: 'Requests for a cached page answered before the framework (not in http_request_duration_seconds)',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(front.hits);
    },
  });
}
