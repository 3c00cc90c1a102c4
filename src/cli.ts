// The command line: serve, migrate, seed, search. Commands that touch the embedded database refuse to
// run while a server holds it (the data directory is locked); with DATABASE_URL they run alongside.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { auditCheckpointFile, auditKeyFile, type Config, loadConfig } from './config.ts';
import { BackupError, type RestoreResult, restoreBackup } from './db/backup.ts';
import type { Db, Queryable } from './db/client.ts';
import { migrate, pendingMigrations } from './db/migrate.ts';
import { removeDemoAccounts } from './demo.ts';
import { exitOnStartupError, openConfiguredDb, serve } from './main.ts';
import { totpCode } from './modules/identity/index.ts';
import { createSearchService, searchQuery } from './modules/search/index.ts';
import { type AuditCheckpoint, keyFingerprint, loadAuditKey, parseCheckpoint, verifyAudit } from './platform/audit.ts';
import { createBackup, saveBackup } from './platform/backup.ts';
import { seedContent, seedShippedIncidents } from './seed.ts';

const HELP = `cybernorms — the UN framework of responsible State behaviour in cyberspace

Usage: npm run cli -- <command> [options]

Commands:
  serve              Start the web platform (migrates and seeds an empty database first)
  migrate            Apply pending database migrations
  seed               Load the shipped knowledge content, replacing the current content
                     (refused once editors have saved revisions, unless --force), and add the
                     shipped incidents the record lacks (never twice; those it holds are kept)
  search "<query>"   Search the knowledge base and print ranked results
  audit verify [--checkpoint <file>]
                     Check the audit log's keyed hash chain, and that it still reaches the head
                     recorded by the checkpoint (AUDIT_CHECKPOINT_FILE by default, or a checkpoint
                     an administrator downloaded); prints OK or what is wrong (exit 1)
  totp <secret>      Print the current two-factor code for a base32 secret (for the demo accounts)
  demo remove        Delete the demo accounts and what they made (before running with PRODUCTION=true)
  backup [--out DIR] Write a backup of the embedded database (server stopped; a running server backs
                     itself up: BACKUP_DIR, or /admin/backup) into DIR (BACKUP_DIR, else here)
  restore <file> [--data-dir DIR]
                     Restore a backup into a new, empty data directory (DATA_DIR by default), then check
                     the audit chain if the key is there (AUDIT_KEY, AUDIT_KEY_FILE or DIR/audit.key)
  help               Show this text

Configuration comes from the environment (see README): DATABASE_URL, DATA_DIR, PORT, HOST, LOG_LEVEL…
Exit codes: 0 done, 1 failed, 2 bad configuration or usage.`;

function stripMarks(html: string) {
  return html
    .replace(/<\/?mark>/g, '*')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
}

/** Runs fn on the configured database (with the audit key), then brings the audit checkpoint up to date. */
async function withDb<T>(config: Config, fn: (db: Db) => Promise<T>): Promise<T> {
  const { db, checkpoint, keyNotice } = await openConfiguredDb(config);
  if (keyNotice) console.error(keyNotice);
  try {
    const result = await fn(db);
    await checkpoint.flush();
    return result;
  } finally {
    await checkpoint.close();
    await db.close();
  }
}

/** audit verify: the chain, then the checkpoint; 0 when both hold, 1 when not, 2 when it cannot check. */
async function auditVerify(config: Config, checkpointArg: string | undefined): Promise<number> {
  const file = checkpointArg ?? auditCheckpointFile(config);
  const { db, checkpoint } = await openConfiguredDb(config, { createKey: false, checkKey: false });
  try {
    const pending = await pendingMigrations(db);
    if (pending.length) {
      console.error(`audit verify: the database needs its migrations first (npm run cli -- migrate): ${pending.join(', ')}.`);
      return 2;
    }
    const key = db.audit?.key as Buffer;
    let cp: AuditCheckpoint | undefined;
    if (existsSync(file)) {
      const parsed = parseCheckpoint(readFileSync(file, 'utf8'), key);
      if (!parsed.ok) {
        console.error(`BROKEN: the checkpoint ${file} cannot be used: ${parsed.reason}.`);
        return 1;
      }
      cp = parsed.checkpoint;
    } else if (checkpointArg) {
      console.error(`audit verify: no checkpoint file at ${file}.`);
      return 2;
    } else {
      console.error(`warning: no checkpoint at ${file}: entries removed from the end of the log cannot be detected without one.`);
    }
    const verdict = await verifyAudit(db, { key, checkpoint: cp });
    const legacy = verdict.legacy ? ` (${verdict.legacy} of them from before the key, hashed without it)` : '';
    if (verdict.ok && !cp && verdict.legacy) {
      // Without a checkpoint, a chain rewritten without the key looks exactly like one from before the key.
      console.error(
        `UNVERIFIED: ${verdict.legacy} of ${verdict.entries} entries are hashed without the key, and there is no checkpoint to tell them from a rewritten log: run again with --checkpoint <a checkpoint kept elsewhere>.`,
      );
      return 1;
    }
    if (verdict.ok) {
      console.log(
        `OK: ${verdict.entries} audit entries${legacy}, chain intact` +
          (cp ? `; it still holds entry ${cp.id} recorded by the checkpoint of ${cp.at} (${file}).` : '.'),
      );
      return 0;
    }
    console.error(
      `BROKEN${verdict.brokenId ? ` at entry ${verdict.brokenId}` : ''}: ${verdict.reason}. ${verdict.entries} entries before it verify${legacy}.`,
    );
    return 1;
  } finally {
    await checkpoint.close();
    await db.close();
  }
}

/** restore: the archive into a new data directory, then the audit chain checked if the key is at hand. */
async function restore(config: Config, file: string, dataDirArg: string | undefined): Promise<number> {
  const dir = dataDirArg ?? (config.DATABASE_URL ? null : config.DATA_DIR);
  if (!dir) {
    console.error(
      'restore: DATABASE_URL is set; a cybernorms backup restores the embedded database: give --data-dir DIR (for PostgreSQL, pg_restore: see README).',
    );
    return 2;
  }
  if (!existsSync(file)) {
    console.error(`restore: there is no file ${file}.`);
    return 2;
  }
  const keyFile = auditKeyFile({ ...config, DATA_DIR: dir });
  const key =
    config.AUDIT_KEY || existsSync(keyFile) ? loadAuditKey({ key: config.AUDIT_KEY, file: keyFile, create: false }).key : null;
  const check = async (q: Queryable, text: string | null): Promise<string> => {
    if (!key)
      return `not checked: no audit key (set AUDIT_KEY or AUDIT_KEY_FILE, or put it at ${keyFile}), then run \`audit verify\``;
    const parsed = text ? parseCheckpoint(text, key) : null;
    if (parsed && !parsed.ok)
      return `BROKEN: the backup's checkpoint cannot be used with this key (${keyFingerprint(key)}): ${parsed.reason}`;
    const v = await verifyAudit(q, { key, checkpoint: parsed?.checkpoint });
    return v.ok
      ? `OK: ${v.entries} entries, chain intact, up to entry ${v.head.id}${parsed ? ", the head the backup's checkpoint recorded" : ''}`
      : `BROKEN${v.brokenId ? ` at entry ${v.brokenId}` : ''}: ${v.reason}`;
  };
  let result: RestoreResult;
  try {
    result = await restoreBackup(file, dir, { check });
  } catch (err) {
    if (!(err instanceof BackupError)) throw err;
    console.error(`restore: ${file} was not restored: ${err.message}.`);
    return 1;
  }
  const rows = Object.values(result.tables).reduce((a, b) => a + b, 0);
  console.log(
    `Restored the backup of ${result.manifest.created_at} into ${dir}: ${Object.keys(result.tables).length} tables, ${rows} rows, ${result.mailFiles} mail files, the audit checkpoint.`,
  );
  console.log(`Audit chain: ${result.checked}.`);
  console.log(
    `Start the platform with DATA_DIR=${dir} and the audit key the backup was made with (key id ${result.manifest.audit.key_id}); it is not in the backup.`,
  );
  if (config.AUDIT_CHECKPOINT_FILE)
    console.log(
      `AUDIT_CHECKPOINT_FILE is set: the restored checkpoint is ${path.join(dir, 'audit.checkpoint')}; copy it there (a checkpoint taken after the backup would report the entries the restore lost).`,
    );
  return String(result.checked).startsWith('BROKEN') ? 1 : 0;
}

async function main(argv: string[]) {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      force: { type: 'boolean' },
      checkpoint: { type: 'string' },
      out: { type: 'string' },
      'data-dir': { type: 'string' },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command || command === 'help') {
    console.log(HELP);
    return command || values.help ? 0 : 2;
  }
  const config = loadConfig();
  switch (command) {
    case 'serve':
      await serve(config);
      return null;
    case 'migrate': {
      await withDb(config, async (db) => {
        const applied = await migrate(db);
        console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
      });
      return 0;
    }
    case 'seed':
      return withDb(config, async (db) => {
        await migrate(db);
        // Editors' saved work is never replaced without being asked (their revisions stay either way).
        const [{ n }] = await db.query<{ n: number }>(
          'select count(*)::int as n from content_revisions where author_id is not null',
        );
        if (n > 0 && !values.force) {
          console.error(
            `seed: editors have saved ${n} revision(s); seeding would replace the current texts with the shipped edition. Run \`seed --force\` to do it anyway (the revisions stay and can be restored).`,
          );
          return 2;
        }
        const by = { actor: 'system:cli', origin: 'cli' };
        const { documents } = await seedContent(db, by);
        console.log(`Knowledge base loaded; ${documents} documents indexed for search.`);
        // The shipped incidents the record lacks; those it holds passed four eyes and are not replaced.
        const incidents = await seedShippedIncidents(db, by);
        console.log(
          incidents === null
            ? 'Incident record: not loaded, the registry of States is empty (the first start loads both).'
            : `Incident record: ${incidents} shipped incident(s) added.`,
        );
        return 0;
      });
    case 'search': {
      const parsed = searchQuery.safeParse({ q: rest.join(' ') });
      if (!parsed.success) {
        console.error(`search: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'query'} ${i.message}`).join('; ')}`);
        return 2;
      }
      const { db } = await openConfiguredDb(config);
      try {
        const result = await createSearchService({ db }).search(parsed.data.q);
        console.log(`${result.total} result(s) for "${parsed.data.q}"\n`);
        for (const hit of result.hits) {
          console.log(`${stripMarks(hit.title_html)}\n  ${hit.url}\n  ${stripMarks(hit.snippet_html).replace(/\s+/g, ' ')}\n`);
        }
      } finally {
        await db.close();
      }
      return 0;
    }
    case 'audit': {
      if (rest[0] !== 'verify' || rest.length > 1) {
        console.error('Usage: audit verify [--checkpoint <file>]');
        return 2;
      }
      return auditVerify(config, values.checkpoint);
    }
    case 'totp': {
      const secret = (rest[0] ?? '').toUpperCase();
      if (!/^[A-Z2-7]{16,128}=*$/.test(secret)) {
        console.error('Usage: totp <base32 secret>, e.g. totp ADMINDEMOADMINDEMOADMINDEMOADMIN');
        return 2;
      }
      const now = Date.now();
      console.log(`${totpCode(secret, new Date(now))}  (valid for ${30 - Math.floor((now / 1000) % 30)} more seconds)`);
      return 0;
    }
    case 'demo': {
      if (rest[0] !== 'remove') {
        console.error('Usage: demo remove');
        return 2;
      }
      await withDb(config, async (db) => {
        await migrate(db);
        const removed = await removeDemoAccounts(db, { actor: 'system:cli', origin: 'cli' });
        console.log(`Removed ${removed} demo accounts.`);
      });
      return 0;
    }
    case 'backup': {
      if (config.DATABASE_URL) {
        console.error('backup: DATABASE_URL is set: back up a PostgreSQL server with pg_dump (see README: Backups).');
        return 2;
      }
      return withDb(config, async (db) => {
        const entry = {
          actor: 'system:cli',
          origin: 'cli',
          action: 'backup.create',
          entity: 'database',
          details: { to: 'file' },
        };
        const backup = await createBackup({ db, mailDir: path.join(config.DATA_DIR, 'mail') }, entry, new Date());
        const file = saveBackup(values.out ?? config.BACKUP_DIR ?? '.', backup);
        console.log(`Backup written to ${file} (${(backup.archive.length / 1024 / 1024).toFixed(1)} MB).`);
        console.log(`The audit key is not in it: keep ${config.AUDIT_KEY ? 'AUDIT_KEY' : auditKeyFile(config)} separately.`);
        return 0;
      });
    }
    case 'restore':
      if (rest.length !== 1) {
        console.error('Usage: restore <backup file> [--data-dir DIR]');
        return 2;
      }
      return restore(config, rest[0], values['data-dir']);
    default:
      console.error(`Unknown command "${command}".\n\n${HELP}`);
      return 2;
  }
}

try {
  const code = await main(process.argv.slice(2));
  if (code !== null) process.exit(code);
} catch (err) {
  exitOnStartupError(err);
}
