// buildApp(deps) assembles the HTTP application from its parts and returns it; it never listens,
// so tests drive it with inject() and main.ts decides where it serves.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { type Config, DEFAULTS } from './config.ts';
import type { Db } from './db/client.ts';
import { deskSources } from './desk.ts';
import { auditRoutes, createAuditService } from './modules/audit/index.ts';
import {
  communicationsPages,
  communicationsRoutes,
  createCommunicationsService,
  stateFeeds,
} from './modules/communications/index.ts';
import { deskPages } from './modules/desk/index.ts';
import { createDirectoryService, createPingService, directoryPages, directoryRoutes } from './modules/directory/index.ts';
import { commentsPages, commentsRoutes, createCommentsService, type Target } from './modules/discussion/index.ts';
import { createEditorialService, editorialPages, editorialRoutes, feedRoutes } from './modules/editorial/index.ts';
import { createIdentityService, identityActions, identityPages, identityRoutes } from './modules/identity/index.ts';
import {
  createIncidentsService,
  createRelatedIncidents,
  type IncidentsService,
  incidentsPages,
  incidentsRoutes,
} from './modules/incidents/index.ts';
import { createKnowledgeService, isNormLetter, knowledgePages, knowledgeRoutes } from './modules/knowledge/index.ts';
import { createLearningService, learningPages, learningRoutes } from './modules/learning/index.ts';
import {
  backupPages,
  backupRoutes,
  createBackupService,
  createMailAdminService,
  mailAdminPages,
  mailAdminRoutes,
  opsRoutes,
} from './modules/ops/index.ts';
import { createRegistryService, registryPages, registryRoutes } from './modules/registry/index.ts';
import {
  capacityPages,
  capacityRoutes,
  createCapacityService,
  createReportsService,
  reportsPages,
  reportsRoutes,
} from './modules/reports/index.ts';
import { createSearchService, searchPages, searchRoutes } from './modules/search/index.ts';
import { createTaxiiService, taxiiRoutes } from './modules/taxii/index.ts';
import { decide } from './platform/access.ts';
import type { BackupScheduler, BackupSource } from './platform/backup.ts';
import { ContentCache } from './platform/cache.ts';
import { createEventBus, RESYNC } from './platform/events.ts';
import { authentication } from './platform/http/auth.ts';
import { handleFrameworkError, installErrorHandling } from './platform/http/error-handler.ts';
import { FrontCache } from './platform/http/front-cache.ts';
import { jsonBody } from './platform/http/json-body.ts';
import { multipartBody } from './platform/http/multipart-body.ts';
import { registerOpenApi } from './platform/http/openapi.ts';
import { requestContext } from './platform/http/request-context.ts';
import { securityHeaders } from './platform/http/security-headers.ts';
import type { Locale } from './platform/i18n/locales.ts';
import { createJobRunner } from './platform/jobs.ts';
import { createOutbox, fileTransport, type MailTransport } from './platform/mail.ts';
import { installMetrics, registerFrontCache, registerMailMetrics } from './platform/metrics.ts';
import { renderErrorPage } from './views/pages/error.tsx';

export const VERSION = '0.1.0';
const publicDir = fileURLToPath(new URL('../public/', import.meta.url));

export interface RouteEntry {
  method: string;
  url: string;
  /** False for pages and other routes kept out of the OpenAPI document. */
  documented: boolean;
}

export interface AppDeps {
  config: Pick<Config, 'LOG_LEVEL' | 'TRUST_PROXY'> &
    Partial<
      Pick<
        Config,
        | 'SESSION_IDLE_MINUTES'
        | 'SESSION_MAX_HOURS'
        | 'ACK_HOURS_URGENT'
        | 'ACK_HOURS_PRIORITY'
        | 'ACK_HOURS_ROUTINE'
        | 'MAX_ATTACHMENT_MB'
        | 'PENDING_KEEP_HOURS'
        | 'METRICS_TOKEN'
        | 'MAIL_RETRY_SECONDS'
        | 'MAIL_RETRY_MAX_MINUTES'
        | 'MAIL_GIVE_UP_HOURS'
      >
    >;
  db: Db;
  /** The time, injectable so tests can move it (expiry, deadlines). */
  clock?: () => Date;
  /** Where mail goes; by default, files in a temporary directory. */
  mail?: MailTransport;
  /** The start of links in mail. */
  publicUrl?: string;
  /** How often due jobs (reminders, deadlines) are looked for. */
  jobsIntervalMs?: number;
  /**
   * Backups: what to back up and the schedule (main.ts). Without it an embedded database is still backed up
   * on an administrator's request (without mail files); PostgreSQL is backed up with pg_dump.
   */
  backups?: { source: BackupSource | null; scheduler: BackupScheduler | null };
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const assetVersion = createHash('sha256')
    .update(readFileSync(`${publicDir}app.css`))
    .digest('hex')
    .slice(0, 10);
  // The error page comes from views/; platform/http draws it through this, never importing a page.
  const errorPages = { assetVersion, renderErrorPage };
  // A signed-out reader's repeat request for a whole cached page is answered before Fastify (front-cache.ts).
  const front = new FrontCache();
  const app = Fastify({
    serverFactory: (handler) => {
      const server = createServer((req, res) => {
        if (!front.serve(req, res)) handler(req, res);
      });
      // What Fastify sets on a server it makes itself, with its default options.
      server.keepAliveTimeout = 72_000;
      server.requestTimeout = 0;
      return server;
    },
    // Errors raised before routing (a malformed or over-long URL) get the same answers as any other.
    frameworkErrors: (err, req, reply) => handleFrameworkError(err, req, reply, errorPages),
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
  registerFrontCache(app, metrics, front);
  // Settings not given take their defaults from config.ts, the one place they are written.
  const config = { ...DEFAULTS, ...deps.config };
  const publicUrl = deps.publicUrl ?? `http://localhost:${config.PORT}`;
  const clock = deps.clock ?? (() => new Date());
  const outbox = createOutbox({
    db: deps.db,
    transport: deps.mail ?? fileTransport(path.join(tmpdir(), 'cybernorms-mail'), config.MAIL_FROM),
    log: app.log,
    clock,
    schedule: {
      firstRetryMs: config.MAIL_RETRY_SECONDS * 1000,
      maxRetryMs: config.MAIL_RETRY_MAX_MINUTES * 60_000,
      giveUpMs: config.MAIL_GIVE_UP_HOURS * 3_600_000,
    },
  });
  registerMailMetrics(metrics, outbox);
  const events = createEventBus(deps.db, app.log);
  const sessionMaxHours = config.SESSION_MAX_HOURS;
  const identity = createIdentityService({
    db: deps.db,
    clock,
    sessions: { idleMinutes: config.SESSION_IDLE_MINUTES, maxHours: sessionMaxHours },
    publicUrl: publicUrl,
    flushMail: () => void outbox.flush(),
    // Open event streams of that user (on every instance) look up their access again at once.
    onAccessChange: (userId) => void events.publish({ topic: 'access', id: userId, states: [] }),
  });
  const registry = createRegistryService(deps.db);
  const audit = createAuditService({ db: deps.db, clock });
  const directory = createDirectoryService({ db: deps.db, clock, identity, flushMail: () => void outbox.flush() });
  const pings = createPingService({
    db: deps.db,
    clock,
    publicUrl: publicUrl,
    directory,
    flushMail: () => void outbox.flush(),
  });
  const maxAttachmentBytes = Math.round(config.MAX_ATTACHMENT_MB * 1024 * 1024);
  const communications = createCommunicationsService({
    db: deps.db,
    clock,
    publicUrl: publicUrl,
    ackHours: {
      urgent: config.ACK_HOURS_URGENT,
      priority: config.ACK_HOURS_PRIORITY,
      routine: config.ACK_HOURS_ROUTINE,
    },
    maxAttachmentBytes: maxAttachmentBytes,
    keepHours: config.PENDING_KEEP_HOURS,
    flushMail: () => void outbox.flush(),
    onChange: (id, states) => void events.publish({ topic: 'communication', id, states }),
  });
  const reports = createReportsService({
    db: deps.db,
    clock,
    // The norm pages list the States that reported on each norm: a report published or taken offline redraws them.
    onPublicChange: () => contentChanged('reports', ''),
  });
  const learning = createLearningService({ db: deps.db, clock });
  // The published incidents on the norm and State pages and in the feed (issue 18).
  const relatedIncidents = createRelatedIncidents({ db: deps.db });
  const targetUrl = async (t: Target) =>
    t.kind === 'norm' ? (isNormLetter(t.id) ? `/norms/${t.id}` : null) : relatedIncidents.commentPage(t, learning.lessonUrl);
  const comments = createCommentsService({
    db: deps.db,
    clock,
    targetUrl,
    onChange: () => void events.publish({ topic: 'comments', id: '', states: [] }),
  });
  const editorial = createEditorialService({
    db: deps.db,
    clock,
    onChange: (kind, id) => contentChanged(kind, id),
  });
  /** Drops the pages kept for readers: the content cache, and the composed pages and discussions. */
  const dropPages = () => {
    cache.invalidate();
    comments.forget();
  };
  /** This instance drops its cached pages at once; the others when they hear the event. */
  function contentChanged(kind: string, id: string) {
    dropPages();
    void events.publish({ topic: 'content', id: `${kind}:${id}`, states: [] });
  }
  events.subscribe((e) => {
    // After a resync, changes another instance announced may have gone unheard: drop what they would have. The
    // norm pages list the published incidents: a change to the record ('incidents') drops them too.
    if (e.topic === 'content' || e.topic === RESYNC || e.topic === 'incidents') dropPages();
    if (e.topic === 'comments') comments.forget();
  });
  const jobs = createJobRunner({
    db: deps.db,
    clock,
    handlers: { ...directory.handlers, ...pings.handlers, ...communications.handlers },
    afterRun: () => void outbox.flush(),
    log: app.log,
  });
  app.addHook('onReady', async () => {
    await events.start();
    outbox.start();
    jobs.start(deps.jobsIntervalMs ?? config.JOBS_INTERVAL_MS);
  });
  app.addHook('onClose', async () => {
    await jobs.stop();
    await outbox.stop();
    await events.stop();
  });

  await app.register(securityHeaders);
  await app.register(compress, { threshold: 1024 });
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 64 * 1024 });
  await app.register(jsonBody);
  // Forms with files (a communication's attachments): fields become the body as text, files as bytes; a
  // malformed multipart request is a 400 naming the problem (platform/http/multipart-body.ts).
  await app.register(multipartBody, { maxFileBytes: maxAttachmentBytes });
  await app.register(fastifyStatic, { root: publicDir, prefix: '/static/', maxAge: '365d', immutable: true });
  await registerOpenApi(app, VERSION);
  await app.register(requestContext);
  await app.register(authentication(identity));
  // Absolute links (language alternates) and the header's "who is signed in" on every page a person sees.
  app.decorateRequest('publicUrl', publicUrl.replace(/\/$/, ''));
  const stateNames = new Map<string, string>();
  const stateName = async (code: string, locale: Locale) => {
    const key = `${code}:${locale}`;
    let name = stateNames.get(key);
    if (name === undefined) {
      name = (await registry.getState(code, locale))?.name ?? code;
      stateNames.set(key, name);
    }
    return name;
  };
  app.addHook('preHandler', async (req) => {
    const actor = req.actor;
    if (!actor?.userId || actor.via !== 'session') return;
    const codes = [...new Set(actor.grants.flatMap((g) => (g.state ? [g.state] : [])))];
    req.viewer = {
      name: actor.displayName || actor.email || '',
      states: await Promise.all(codes.map((c) => stateName(c, req.locale))),
      csrf: req.sessionCsrf,
    };
  });
  installErrorHandling(app, errorPages);

  await app.register(opsRoutes({ db: deps.db, metrics, metricsToken: deps.config.METRICS_TOKEN }));
  const mailAdmin = createMailAdminService({ db: deps.db, clock, flushMail: () => void outbox.flush() });
  await app.register(mailAdminRoutes({ mail: mailAdmin }));
  await app.register(mailAdminPages({ mail: mailAdmin, assetVersion }));
  await app.register(knowledgeRoutes(knowledge, relatedIncidents.onNorm));
  await app.register(
    knowledgePages({
      knowledge,
      comments,
      cache,
      assetVersion,
      reportersOn: (letter, locale) => reports.reportersOn(letter, locale),
      incidentsOn: relatedIncidents.onNorm,
    }),
  );
  await app.register(learningRoutes({ learning }));
  await app.register(learningPages({ learning, comments, assetVersion }));
  await app.register(commentsRoutes({ comments }));
  await app.register(commentsPages({ comments, assetVersion, targetUrl }));
  await app.register(editorialRoutes({ editorial }));
  await app.register(editorialPages({ editorial, assetVersion }));
  await app.register(feedRoutes({ editorial, knowledge, learning, publicUrl: publicUrl, incidents: relatedIncidents.feed }));
  await app.register(searchRoutes(search));
  await app.register(searchPages({ search, assetVersion }));
  await app.register(registryRoutes(registry));
  await app.register(
    registryPages({
      registry,
      assetVersion,
      canSeePeople: (actor, state) => decide(actor, identityActions['state.people.read'], { state }).ok,
      incidents: relatedIncidents.ofState,
      profile: async (code) => {
        const reportsOf = await reports.published(code);
        return {
          reports: reportsOf,
          participates: (await directory.participatingStates()).has(code),
          lastUpdate: reportsOf.reduce<Date | null>((m, r) => (!m || r.updated_at > m ? r.updated_at : m), null),
        };
      },
    }),
  );
  await app.register(identityRoutes({ identity, audit }));
  await app.register(auditRoutes({ audit }));
  const backups = createBackupService({
    source: deps.backups ? deps.backups.source : deps.db.kind === 'pglite' ? { db: deps.db, mailDir: null } : null,
    scheduler: deps.backups?.scheduler ?? null,
    clock,
  });
  await app.register(backupRoutes({ backups, scheduler: deps.backups?.scheduler }));
  await app.register(backupPages({ backups, assetVersion }));
  await app.register(identityPages({ identity, registry, audit, assetVersion, sessionMaxHours }));
  await app.register(directoryRoutes({ directory, pings }));
  await app.register(
    deskPages({
      sources: deskSources({
        communications,
        pings,
        directory,
        reports,
        identity,
        stateName: (code, locale) => stateName(code, locale as Locale),
        positions: (...a) => incidentsService.drafts.forReader(...a),
      }),
      assetVersion,
      clock,
    }),
  );
  await app.register(communicationsRoutes({ communications, maxAttachmentBytes }));
  await app.register(reportsRoutes({ reports }));
  const capacity = createCapacityService({ db: deps.db, clock });
  await app.register(capacityRoutes({ capacity }));
  await app.register(capacityPages({ capacity, registry, assetVersion }));
  await app.register(reportsPages({ reports, registry, assetVersion, knowledge }));
  await app.register(communicationsPages({ communications, registry, events, assetVersion, maxAttachmentBytes }));
  await app.register(directoryPages({ directory, pings, registry, assetVersion }));
  const incidentsService = createIncidentsService({ db: deps.db, clock, publicUrl, onPublicChange: () => recordChanged() });
  // The public record changes when an incident is approved or a State publishes its position: TAXII hears it.
  const recordChanged = () => {
    // The norm pages drawn from the record are dropped here at once; other instances when they hear the event.
    dropPages();
    void events.publish({ topic: 'incidents', id: '', states: [] });
  };
  const incidents: IncidentsService = {
    ...incidentsService,
    approve: async (...a) => incidentsService.approve(...a).finally(recordChanged),
    position: async (...a) => incidentsService.position(...a).finally(recordChanged),
  };
  await app.register(incidentsRoutes({ incidents, memo: (key, compute) => cache.get(key, compute) }));
  await app.register(incidentsPages({ threads: communications.links.onIncident, incidents, registry, assetVersion, comments }));
  // TAXII 2.1 (issue 18): the public record and each State's indicators, from the two modules' STIX exports.
  const taxiiSources = {
    incidents: async () => (await incidents.stixAll()).objects,
    communications: (threadIds: string[] | null) => stateFeeds(deps.db, threadIds),
    states: async () => (await registry.listStates({}, 'en')).map((s) => ({ code: s.code, name: s.name })),
  };
  const taxii = createTaxiiService({ db: deps.db, clock, events, sources: taxiiSources, log: app.log });
  // The copy after a start runs once the app is ready, not in the first TAXII read (decision 76).
  app.addHook('onReady', async () => void taxii.start());
  app.addHook('onClose', () => taxii.stop());
  await app.register(taxiiRoutes({ taxii }));

  app.decorate('contentCache', cache);
  app.decorate('routeTable', routeTable);
  app.decorate('outbox', outbox);
  app.decorate('events', events);
  app.decorate('jobs', jobs);
  return app;
}
