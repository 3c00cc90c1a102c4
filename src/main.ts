// Process entry: configuration → database → migrations (and first seed) → HTTP server; graceful shutdown.

import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildApp } from './app.ts';
import { auditCheckpointFile, auditKeyFile, type Config, ConfigError, loadConfig, publicUrl, wantsDemo } from './config.ts';
import { type Db, dbTimeouts, openDb } from './db/client.ts';
import { DataDirLockedError } from './db/lock.ts';
import { migrate } from './db/migrate.ts';
import {
  AuditKeyError,
  type CheckpointLog,
  createCheckpointWriter,
  hasKeyedEntries,
  keyFingerprint,
  keyMatchesChain,
  loadAuditKey,
  withAudit,
} from './platform/audit.ts';
import { createBackupScheduler } from './platform/backup.ts';
import { isDatabaseUnavailable } from './platform/http/error-handler.ts';
import { fileTransport, smtpTransport } from './platform/mail.ts';
import { cjkFont, configurePdf } from './platform/pdf.ts';
import { demoAccountCount, ensureSeeded } from './seed.ts';

/** Messages of the CLI, and of the server until its logger exists. */
export const consoleLog: CheckpointLog = {
  error: (_obj, msg) => console.error(`error: ${msg}`),
  warn: (_obj, msg) => console.error(`warning: ${msg}`),
};

/**
 * DATA_DIR must be a directory this process can write (the embedded database, the audit key and checkpoint,
 * mail files live there): created if missing, else refused as a configuration error naming the variable.
 */
export function checkDataDir(dir: string) {
  const problem = (why: string) => new ConfigError([`DATA_DIR: ${why} (got ${JSON.stringify(dir)})`]);
  try {
    if (existsSync(dir) && !statSync(dir).isDirectory()) throw problem('is not a directory');
    mkdirSync(dir, { recursive: true });
    const probe = path.join(dir, `.write-test-${process.pid}`);
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    const e = err as NodeJS.ErrnoException;
    throw problem(`cannot be used as the data directory: ${e.code ?? ''} ${e.message}`.replace(/\s+/g, ' '));
  }
}

/**
 * Waits for PostgreSQL to answer, trying again every two seconds for up to DB_START_TIMEOUT_SECONDS and saying
 * so each time: a server that starts after the app (a reboot, a compose file) is not a failure to start.
 */
export async function waitForDatabase(db: Db, config: Config, log: CheckpointLog = consoleLog) {
  const deadline = Date.now() + config.DB_START_TIMEOUT_SECONDS * 1000;
  for (let attempt = 1; ; attempt++) {
    try {
      await db.query('select 1');
      if (attempt > 1) log.warn({}, `the database answers now (after ${attempt} attempts)`);
      return;
    } catch (err) {
      const left = Math.ceil((deadline - Date.now()) / 1000);
      if (!isDatabaseUnavailable(err)) throw err;
      if (left <= 0)
        throw new Error(
          `the database did not answer within DB_START_TIMEOUT_SECONDS (${config.DB_START_TIMEOUT_SECONDS} s): ${(err as Error).message}`,
          { cause: err },
        );
      log.warn(
        { err },
        `the database is not reachable yet (${(err as Error).message}); trying again for up to ${left} s more (DB_START_TIMEOUT_SECONDS)`,
      );
      await new Promise((r) => setTimeout(r, Math.min(2000, left * 1000)));
    }
  }
}

/**
 * Opens the configured database (PostgreSQL when DATABASE_URL is set, else PGlite under DATA_DIR) with the
 * audit key attached, and the writer that keeps the audit checkpoint at the chain's head. The key comes from
 * AUDIT_KEY, else AUDIT_KEY_FILE, which is created at first start (`createKey`), never once the audit log
 * holds keyed entries, and a key the chain's last keyed entry does not verify with is refused (`checkKey`,
 * unless the point is to verify the chain, which then says what is wrong).
 */
export async function openConfiguredDb(
  config: Config,
  opts: { createKey?: boolean; checkKey?: boolean; log?: CheckpointLog; wait?: boolean } = {},
): Promise<{ db: Db; checkpoint: ReturnType<typeof createCheckpointWriter>; keyNotice: string | null }> {
  checkDataDir(config.DATA_DIR);
  const raw = await openDb(
    config.DATABASE_URL ? { url: config.DATABASE_URL, timeouts: dbTimeouts(config) } : { dataDir: config.DATA_DIR },
  );
  try {
    if (opts.wait && raw.kind === 'postgres') await waitForDatabase(raw, config, opts.log);
    const file = auditKeyFile(config);
    if (!config.AUDIT_KEY && !existsSync(file) && (await hasKeyedEntries(raw)))
      throw new ConfigError([
        `AUDIT_KEY_FILE: ${file} does not exist, but the audit log holds entries made with a key: restore the key from your backup (a new key would break the chain), or set AUDIT_KEY`,
      ]);
    let loaded: ReturnType<typeof loadAuditKey>;
    try {
      loaded = loadAuditKey({ key: config.AUDIT_KEY, file, create: opts.createKey ?? true });
    } catch (err) {
      if (err instanceof AuditKeyError) throw new ConfigError([`AUDIT_KEY_FILE: ${err.message}`]);
      throw err;
    }
    if ((opts.checkKey ?? true) && (await keyMatchesChain(raw, loaded.key)) === false)
      throw new ConfigError([
        `${config.AUDIT_KEY ? 'AUDIT_KEY' : 'AUDIT_KEY_FILE'}: the audit log's last keyed entry does not verify with this key (${keyFingerprint(loaded.key)}): it is not the key the log was written with, or that entry was altered (run \`audit verify\`)`,
      ]);
    const log = opts.log ?? consoleLog;
    if (loaded.warning) log.warn({}, loaded.warning);
    const checkpoint = createCheckpointWriter({ db: raw, key: loaded.key, file: auditCheckpointFile(config), log });
    const db = withAudit(raw, { key: loaded.key, appended: () => checkpoint.schedule() });
    const keyNotice = loaded.created
      ? `audit key created in ${loaded.source}: keep a copy of it safe, apart from the database backups (see README)`
      : null;
    return { db, checkpoint, keyNotice };
  } catch (err) {
    await raw.close();
    throw err;
  }
}

/** Starts the platform and resolves once it listens; SIGTERM and SIGINT close it cleanly. */
export async function serve(config: Config) {
  // Until the app's logger exists, the audit checkpoint's messages go to the console.
  let logTo: CheckpointLog = consoleLog;
  const log: CheckpointLog = { error: (o, m) => logTo.error(o, m), warn: (o, m) => logTo.warn(o, m) };
  const { db, checkpoint, keyNotice } = await openConfiguredDb(config, { log, wait: true });
  const applied = await migrate(db);
  const seeded = await ensureSeeded(db, { demo: wantsDemo(config) });
  if (config.PRODUCTION && (await demoAccountCount(db)) > 0) {
    await checkpoint.flush();
    await db.close();
    throw new ConfigError([
      'PRODUCTION: the database holds demo accounts; remove them (npm run cli -- demo remove) or unset PRODUCTION',
    ]);
  }
  const mail = config.SMTP_URL
    ? smtpTransport(config.SMTP_URL, config.MAIL_FROM)
    : fileTransport(path.join(config.DATA_DIR, 'mail'), config.MAIL_FROM);
  // Backups of the embedded database: downloaded by administrators, and scheduled into BACKUP_DIR if set.
  const source = db.kind === 'pglite' ? { db, mailDir: path.join(config.DATA_DIR, 'mail') } : null;
  const scheduler =
    source && config.BACKUP_DIR
      ? createBackupScheduler({
          source,
          dir: config.BACKUP_DIR,
          intervalMs: config.BACKUP_INTERVAL_HOURS * 3_600_000,
          keep: config.BACKUP_KEEP,
          startDelayMs: 30_000,
          log: { info: (o, m) => app.log.info(o, m), error: (o, m) => app.log.error(o, m) },
        })
      : null;
  const backups = { source, scheduler };
  const app = await buildApp({
    config,
    db,
    mail,
    publicUrl: publicUrl(config),
    jobsIntervalMs: config.JOBS_INTERVAL_MS,
    backups,
  });
  if (source && !scheduler) app.log.info('no scheduled backups: set BACKUP_DIR (see README: Backups)');
  configurePdf({ cjkFont: config.PDF_CJK_FONT });
  if (!cjkFont())
    app.log.warn(
      config.PDF_CJK_FONT
        ? `PDF_CJK_FONT ${config.PDF_CJK_FONT} does not exist: Chinese in exported PDFs will not show`
        : 'no CJK font found: Chinese in exported PDFs will not show (install fonts-noto-cjk, or set PDF_CJK_FONT)',
    );
  logTo = app.log;
  if (keyNotice) app.log.warn(keyNotice);
  // The checkpoint follows the chain: after appends here, and every minute for other instances' appends.
  await checkpoint.flush();
  const checkpointTimer = setInterval(() => checkpoint.schedule(), 60_000);
  checkpointTimer.unref();
  if (applied.length) app.log.info({ applied }, 'migrations applied');
  if (seeded.knowledge) app.log.info('knowledge base seeded');
  if (seeded.registry) app.log.info('States and organisations registry seeded');
  if (seeded.demoAccounts) app.log.info(`${seeded.demoAccounts} demo accounts created (see README: Demo accounts)`);
  app.log.info(`mail goes to ${mail.describe}`);

  // Responses still being written, so that shutdown can end the live event streams among them.
  const responses = new Set<ServerResponse>();
  app.server.on('request', (_req, res: ServerResponse) => {
    responses.add(res);
    res.once('close', () => responses.delete(res));
  });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing requests in flight');
    const timer = setTimeout(() => {
      app.log.error('shutdown timed out; exiting');
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    // A live event stream never finishes by itself: it is ended cleanly now, and the browser reconnects (to
    // another instance, or to this one once it is back). Requests in flight finish; a kept-alive connection
    // is closed as soon as it is idle, so that nobody waits for the keep-alive timeout.
    const streams = [...responses].filter(isEventStream);
    for (const res of streams) res.end();
    if (streams.length) app.log.info({ streams: streams.length }, 'live event streams ended');
    const idle = setInterval(() => app.server.closeIdleConnections(), 50);
    try {
      await app.close();
    } finally {
      clearInterval(idle);
    }
    clearInterval(checkpointTimer);
    await checkpoint.flush().catch(() => {});
    await db.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.PORT, host: config.HOST });
  app.log.info(
    `cybernorms is ready at http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${config.PORT} (database: ${db.kind})`,
  );
  return app;
}

/** Whether a response is a Server-Sent Events stream (its header says so once it is sent). */
function isEventStream(res: ServerResponse): boolean {
  if (res.writableEnded) return false;
  const type =
    res.getHeader('content-type') ?? /^content-type:\s*([^\r\n]*)/im.exec((res as { _header?: string })._header ?? '')?.[1];
  return /^text\/event-stream/i.test(String(type ?? ''));
}

/** Prints a startup failure people can act on, and exits with 2 for configuration problems. */
export function exitOnStartupError(err: unknown): never {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(2);
  }
  if (err instanceof DataDirLockedError) {
    console.error(err.message);
    process.exit(1);
  }
  console.error('cybernorms could not start:', err);
  process.exit(1);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    await serve(loadConfig());
  } catch (err) {
    exitOnStartupError(err);
  }
}
