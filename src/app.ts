// buildApp(deps) assembles the HTTP application from its parts and returns it; it never listens,
// so tests drive it with inject() and main.ts decides where it serves.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import type { Db } from './db/client.ts';
import { knowledgePages } from './modules/knowledge/knowledge.pages.tsx';
import { knowledgeRoutes } from './modules/knowledge/knowledge.routes.ts';
import { createKnowledgeService } from './modules/knowledge/knowledge.service.ts';
import { opsRoutes } from './modules/ops/ops.routes.ts';
import { searchPages } from './modules/search/search.pages.tsx';
import { searchRoutes } from './modules/search/search.routes.ts';
import { createSearchService } from './modules/search/search.service.ts';
import { ContentCache } from './platform/cache.ts';
import { handleFrameworkError, installErrorHandling } from './platform/http/error-handler.ts';
import { registerOpenApi } from './platform/http/openapi.ts';
import { requestContext } from './platform/http/request-context.ts';
import { securityHeaders } from './platform/http/security-headers.ts';
import { installMetrics } from './platform/metrics.ts';

export const VERSION = '0.1.0';
const publicDir = fileURLToPath(new URL('../public/', import.meta.url));

export interface RouteEntry {
  method: string;
  url: string;
  /** False for pages and other routes kept out of the OpenAPI document. */
  documented: boolean;
}

export interface AppDeps {
  config: Pick<Config, 'LOG_LEVEL' | 'TRUST_PROXY'>;
  db: Db;
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const assetVersion = createHash('sha256')
    .update(readFileSync(`${publicDir}app.css`))
    .digest('hex')
    .slice(0, 10);
  const app = Fastify({
    // Errors raised before routing (a malformed or over-long URL) get the same answers as any other.
    frameworkErrors: (err, req, reply) => handleFrameworkError(err, req, reply, assetVersion),
    logger: { level: deps.config.LOG_LEVEL },
    trustProxy: deps.config.TRUST_PROXY,
    // Per-request lines only at debug: at info they cost more than serving a cached page.
    logController: new LogController({
      disableRequestLogging: deps.config.LOG_LEVEL !== 'debug' && deps.config.LOG_LEVEL !== 'trace',
    }),
    routerOptions: { maxParamLength: 200 },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Every route the app serves, for the tests that check each one is documented (and, later, authorised).
  const routeTable: RouteEntry[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat())
      routeTable.push({ method, url: route.url, documented: !(route.schema as { hide?: boolean } | undefined)?.hide });
  });

  const cache = new ContentCache();
  const knowledge = createKnowledgeService({ db: deps.db, cache });
  const search = createSearchService({ db: deps.db });
  const metrics = installMetrics(app);

  await app.register(securityHeaders);
  await app.register(compress, { threshold: 1024 });
  await app.register(cookie);
  await app.register(fastifyStatic, { root: publicDir, prefix: '/static/', maxAge: '365d', immutable: true });
  await registerOpenApi(app, VERSION);
  await app.register(requestContext);
  installErrorHandling(app, assetVersion);

  await app.register(opsRoutes({ db: deps.db, metrics }));
  await app.register(knowledgeRoutes(knowledge));
  await app.register(knowledgePages({ knowledge, cache, assetVersion }));
  await app.register(searchRoutes(search));
  await app.register(searchPages({ search, assetVersion }));

  app.decorate('contentCache', cache);
  app.decorate('routeTable', routeTable);
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Dropped whenever content changes (seed now; editors later). */
    contentCache: ContentCache;
    routeTable: RouteEntry[];
  }
}
