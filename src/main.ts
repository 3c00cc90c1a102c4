// Process entry: configuration → database → migrations (and first seed) → HTTP server; graceful shutdown.

import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildApp } from './app.ts';
import { type Config, ConfigError, loadConfig, publicUrl, wantsDemo } from './config.ts';
import { type Db, openDb } from './db/client.ts';
import { DataDirLockedError } from './db/lock.ts';
import { migrate } from './db/migrate.ts';
import { fileTransport, smtpTransport } from './platform/mail.ts';
import { demoAccountCount, ensureSeeded } from './seed.ts';

/** Opens the configured database: PostgreSQL when DATABASE_URL is set, else PGlite under DATA_DIR. */
export function openConfiguredDb(config: Config): Promise<Db> {
  return openDb(config.DATABASE_URL ? { url: config.DATABASE_URL } : { dataDir: config.DATA_DIR });
}

/** Starts the platform and resolves once it listens; SIGTERM and SIGINT close it cleanly. */
export async function serve(config: Config) {
  const db = await openConfiguredDb(config);
  const applied = await migrate(db);
  const seeded = await ensureSeeded(db, { demo: wantsDemo(config) });
  if (config.PRODUCTION && (await demoAccountCount(db)) > 0) {
    await db.close();
    throw new ConfigError([
      'PRODUCTION: the database holds demo accounts; remove them (npm run cli -- demo remove) or unset PRODUCTION',
    ]);
  }
  const mail = config.SMTP_URL
    ? smtpTransport(config.SMTP_URL, config.MAIL_FROM)
    : fileTransport(path.join(config.DATA_DIR, 'mail'), config.MAIL_FROM);
  const app = await buildApp({ config, db, mail, publicUrl: publicUrl(config), jobsIntervalMs: config.JOBS_INTERVAL_MS });
  if (applied.length) app.log.info({ applied }, 'migrations applied');
  if (seeded.knowledge) app.log.info('knowledge base seeded');
  if (seeded.registry) app.log.info('States and organisations registry seeded');
  if (seeded.demoAccounts) app.log.info(`${seeded.demoAccounts} demo accounts created (see README: Demo accounts)`);
  app.log.info(`mail goes to ${mail.describe}`);

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
    await app.close();
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
