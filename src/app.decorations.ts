// What buildApp (app.ts) decorates the Fastify instance with, for tests and operations to reach.
import type { RouteEntry } from './app.ts';
import type { ContentCache } from './platform/cache.ts';
import type { EventBus } from './platform/events.ts';
import type { JobRunner } from './platform/jobs.ts';
import type { Outbox } from './platform/mail.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Dropped whenever content changes (the seed, an editor's save or restore). */
    contentCache: ContentCache;
    routeTable: RouteEntry[];
    /** Mail waiting to go out; tests flush it. */
    outbox: Outbox;
    /** Live events between instances (tests publish changes to check who is told). */
    events: EventBus;
    /** Durable jobs; tests run them after moving the clock. */
    jobs: JobRunner;
  }
}
