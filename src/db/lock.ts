// An exclusive lock on the embedded data directory, so a second server or CLI refuses to open it.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';

export interface DirLock {
  release(): void;
}

export class DataDirLockedError extends Error {
  readonly code = 'DATA_DIR_LOCKED';
  constructor(dir: string, pid: number) {
    super(
      `The data directory ${dir} is in use by process ${pid}. Stop that process first ` +
        '(the embedded database allows one process at a time), or use DATABASE_URL for a PostgreSQL server.',
    );
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * When the process started, in clock ticks since boot (field 22 of /proc/<pid>/stat), or null where there
 * is no /proc. A process id is reused by the system; the pair of id and start time is not.
 */
export function processStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces or parentheses: count after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null; // field 22 overall: the 20th after the name and the state
  } catch {
    return null;
  }
}

/** Whether the lock's process still runs: the same id, and, where the lock recorded it, the same start time. */
function holderRuns(pid: number, startTime: string | undefined): boolean {
  if (!isAlive(pid)) return false;
  if (!startTime) return true; // a lock written before start times were recorded: the id is all there is
  const now = processStartTime(pid);
  return now === null || now === startTime;
}

const heldHere = new Set<string>();

/** Takes dir/.lock, or throws DataDirLockedError if a live process holds it; a stale lock is replaced. */
export function acquireDirLock(dir: string): DirLock {
  const file = path.resolve(dir, '.lock');
  if (heldHere.has(file)) throw new DataDirLockedError(dir, process.pid);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, `${process.pid} ${processStartTime(process.pid) ?? ''}`.trim());
      closeSync(fd);
      heldHere.add(file);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        heldHere.delete(file);
        try {
          unlinkSync(file);
        } catch {}
      };
      process.once('exit', release);
      return { release };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const [pidText, startTime] = readFileSync(file, 'utf8').trim().split(/\s+/);
      const pid = Number.parseInt(pidText, 10);
      if (Number.isInteger(pid) && pid !== process.pid && holderRuns(pid, startTime)) throw new DataDirLockedError(dir, pid);
      unlinkSync(file); // stale: its process is gone, or the id now belongs to another process
    }
  }
  throw new Error(`Could not lock ${dir}`);
}
