// Backups of a running embedded (PGlite) instance, without stopping it: the archive (db/backup.ts) built from
// PGlite's dump of its data directory, the audit checkpoint signed at the backup's own audit entry, and the
// mail written to files. Scheduled into a folder (BACKUP_DIR, every BACKUP_INTERVAL_HOURS, the last
// BACKUP_KEEP kept) and downloaded by administrators (modules/ops). On PostgreSQL, pg_dump does this job.
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { type BackupManifest, writeArchive } from '../db/backup.ts';
import type { Db } from '../db/client.ts';
import { type AuditEntry, keyFingerprint, recordAudit } from './audit.ts';
import { takeCheckpoint } from './audit-checkpoint.ts';

export interface BackupSource {
  /** The embedded database, with the audit key attached (withAudit). */
  db: Db;
  /** Where mail is written as files (DATA_DIR/mail without SMTP_URL); null when mail goes over SMTP. */
  mailDir: string | null;
}

export interface Backup {
  /** The file name to save it under: cybernorms-backup-<UTC time>.tar.gz */
  name: string;
  archive: Buffer;
  manifest: BackupManifest;
}

export class BackupUnsupportedError extends Error {
  constructor() {
    super('Backups from the platform are for the embedded database; on PostgreSQL use pg_dump (see README: Backups).');
  }
}

const NAME = /^cybernorms-backup-(\d{8}T\d{6}(?:\d{3})?Z)\.tar\.gz$/;

export function backupFileName(at: Date): string {
  return `cybernorms-backup-${at.toISOString().replace(/[-:]/g, '').replace('.', '')}.tar.gz`;
}

/**
 * Takes a backup while the instance runs. The audit entry (`entry`, e.g. backup.download by an
 * administrator) is recorded first, then the chain's head is signed, then the database is dumped, so the
 * backup holds its own entry and a checkpoint the restored log satisfies. PGlite dumps its data directory
 * between two statements (never inside one), a crash-consistent copy that opens like a restart after a
 * power cut: every committed transaction is in it, nothing half-done.
 */
export async function createBackup(source: BackupSource, entry: AuditEntry, now: Date): Promise<Backup> {
  const { db } = source;
  if (db.kind !== 'pglite' || !db.dump) throw new BackupUnsupportedError();
  const key = db.audit?.key;
  if (!key) throw new Error('the database handle has no audit key');
  const checkpoint = await db.transaction(async (tx) => {
    await recordAudit(tx, entry, now);
    return takeCheckpoint(tx, key, now);
  });
  const migrations = (await db.query<{ name: string }>('select name from schema_migrations order by name')).map((r) => r.name);
  const pgdata = Buffer.from(await (await db.dump()).arrayBuffer());
  const { archive, manifest } = await writeArchive({
    createdAt: now,
    migrations,
    audit: { head_id: checkpoint.id, key_id: keyFingerprint(key) },
    pgdata,
    checkpoint: `${JSON.stringify(checkpoint, null, 2)}\n`,
    mail: mailFiles(source.mailDir),
  });
  return { name: backupFileName(now), archive, manifest };
}

function mailFiles(dir: string | null): { name: string; data: Buffer }[] {
  if (!dir || !existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort()
    .map((name) => ({ name, data: readFileSync(path.join(dir, name)) }));
}

// ---- the backup folder -------------------------------------------------------------------------------

export interface BackupFile {
  name: string;
  size: number;
  at: Date;
}

/** The backups in a folder, newest first (only files named as this platform names them). */
export function listBackups(dir: string): BackupFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => NAME.test(n))
    .sort()
    .reverse()
    .map((name) => ({ name, size: statSync(path.join(dir, name)).size, at: parseStamp(NAME.exec(name)?.[1] as string) }));
}

function parseStamp(s: string): Date {
  const iso = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}${s.length > 16 ? `.${s.slice(15, 18)}` : ''}Z`;
  return new Date(iso);
}

/** Writes a backup into the folder: a temporary file, flushed to disk, then renamed, so none is ever half there. */
export function saveBackup(dir: string, backup: Backup): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, backup.name);
  const tmp = path.join(dir, `.${backup.name}.${process.pid}.tmp`);
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, backup.archive);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    unlinkSync(tmp);
    throw err;
  }
  closeSync(fd);
  renameSync(tmp, file);
  try {
    const dfd = openSync(dir, 'r');
    fsyncSync(dfd);
    closeSync(dfd);
  } catch {}
  return file;
}

/** Removes all but the newest `keep` backups of the folder; returns the names removed. */
export function pruneBackups(dir: string, keep: number): string[] {
  const old = listBackups(dir).slice(keep);
  for (const b of old) unlinkSync(path.join(dir, b.name));
  return old.map((b) => b.name);
}

// ---- the schedule ------------------------------------------------------------------------------------

export interface BackupLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface BackupStatus {
  dir: string;
  intervalMs: number;
  keep: number;
  /** The last scheduled backup this process attempted. */
  last: { at: Date; ok: true; file: string } | { at: Date; ok: false; error: string } | null;
  next: Date | null;
}

/**
 * Takes a backup into `dir` every `intervalMs`, keeping the newest `keep`. The schedule follows the folder,
 * not the process: after a restart, the next backup is due one interval after the newest one there (at
 * once if that has passed). A failure is logged at error level and tried again after a tenth of the interval
 * (at most an hour); nothing of the folder is removed unless the new backup was written.
 */
export function createBackupScheduler(deps: {
  source: BackupSource;
  dir: string;
  intervalMs: number;
  keep: number;
  log: BackupLog;
  clock?: () => Date;
  /** The first backup waits at least this long after start (the server comes up first). */
  startDelayMs?: number;
}) {
  const clock = deps.clock ?? (() => new Date());
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = true;
  const status: BackupStatus = { dir: deps.dir, intervalMs: deps.intervalMs, keep: deps.keep, last: null, next: null };

  const plan = (delayMs: number) => {
    if (stopped) return;
    const ms = Math.min(Math.max(delayMs, 0), 2 ** 31 - 1);
    status.next = new Date(clock().getTime() + ms);
    timer = setTimeout(() => {
      timer = null;
      running = runOnce().finally(() => {
        running = null;
      });
    }, ms);
    timer.unref();
  };

  async function runOnce(): Promise<void> {
    const now = clock();
    try {
      const backup = await createBackup(
        deps.source,
        { actor: 'system:backup', origin: 'schedule', action: 'backup.create', entity: 'database', details: { to: 'folder' } },
        now,
      );
      const file = saveBackup(deps.dir, backup);
      const removed = pruneBackups(deps.dir, deps.keep);
      status.last = { at: now, ok: true, file };
      deps.log.info({ file, bytes: backup.archive.length, removed }, 'backup written');
      plan(deps.intervalMs);
    } catch (err) {
      status.last = { at: now, ok: false, error: (err as Error).message };
      deps.log.error({ err, dir: deps.dir }, 'scheduled backup failed; it will be tried again');
      plan(Math.min(deps.intervalMs / 10, 3_600_000));
    }
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      let newest: BackupFile | undefined;
      try {
        newest = listBackups(deps.dir)[0];
      } catch {} // an unreadable folder: the first attempt says why
      const due = newest ? newest.at.getTime() + deps.intervalMs - clock().getTime() : 0;
      plan(Math.max(due, deps.startDelayMs ?? 0));
    },
    /** Stops the schedule; a backup under way is finished first. */
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      status.next = null;
      await running;
    },
    status: (): BackupStatus => ({ ...status }),
  };
}

export type BackupScheduler = ReturnType<typeof createBackupScheduler>;
