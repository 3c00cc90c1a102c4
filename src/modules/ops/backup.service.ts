// Backups for administrators: what the backup page shows (the schedule, the folder) and a backup to
// download, taken from the running instance and audited (`backup.download`). One backup at a time: a second
// request waits for the first, so two administrators never hold two copies of the database in memory.
import { type Actor, authorize } from '../../platform/access.ts';
import {
  type Backup,
  type BackupFile,
  type BackupScheduler,
  type BackupSource,
  type BackupStatus,
  BackupUnsupportedError,
  createBackup,
  listBackups,
} from '../../platform/backup.ts';
import { AppError } from '../../platform/errors.ts';
import type { Origin } from '../../platform/kernel.ts';
import { backupActions } from './backup.policy.ts';

export interface BackupOverview {
  /** Whether this instance can make backups itself (the embedded database); on PostgreSQL, pg_dump. */
  available: boolean;
  schedule: BackupStatus | null;
  /** The backups in the scheduled folder, newest first. */
  files: BackupFile[];
}

export function createBackupService(deps: { source: BackupSource | null; scheduler: BackupScheduler | null; clock: () => Date }) {
  let queue: Promise<unknown> = Promise.resolve();
  return {
    overview(actor: Actor): BackupOverview {
      authorize(actor, backupActions['backup.download']);
      const schedule = deps.scheduler?.status() ?? null;
      return { available: deps.source !== null, schedule, files: schedule ? listBackups(schedule.dir) : [] };
    },

    async download(actor: Actor, origin: Origin): Promise<Backup> {
      authorize(actor, backupActions['backup.download']);
      const source = deps.source;
      if (!source) throw new AppError('CONFLICT', 409, new BackupUnsupportedError().message);
      const entry = {
        actor: `user:${actor.userId}`,
        origin: origin.ip,
        action: 'backup.download',
        entity: 'database',
        details: { via: actor.via },
      };
      const run = queue.then(() => createBackup(source, entry, deps.clock()));
      queue = run.catch(() => {});
      return run;
    },
  };
}

export type BackupService = ReturnType<typeof createBackupService>;
