// Start-up faults (issue 15, defect 8): a DATA_DIR that is a file or cannot be written stops the process
// with exit code 2 naming the variable; a data-directory lock left by a process whose id now belongs to
// another live process is recognised as stale by the start time recorded with the id.
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { acquireDirLock, DataDirLockedError, processStartTime } from '../src/db/lock.ts';
import { ready, seededEnv, spawnServer, stopServer } from './faults-support.ts';
import { onPostgres } from './support/db.ts';
import { root, tsxCli } from './support/process.ts';

const scratch = mkdtempSync(path.join(tmpdir(), 'cn-faults-start-'));
const cleanups: (() => void)[] = [];
after(() => {
  for (const c of cleanups.reverse()) c();
  rmSync(scratch, { recursive: true, force: true });
});

const start = (env: Record<string, string>) =>
  spawnSync(process.execPath, [tsxCli, path.join(root, 'src/main.ts')], {
    env: { ...(process.env as Record<string, string>), LOG_LEVEL: 'warn', PORT: '0', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });

test('a DATA_DIR that is a file, or cannot be written, exits 2 naming DATA_DIR', () => {
  const file = path.join(scratch, 'a-file');
  writeFileSync(file, 'not a directory');
  const asFile = start({ DATA_DIR: file });
  assert.equal(asFile.status, 2, asFile.stderr);
  assert.match(asFile.stderr, /DATA_DIR: is not a directory/);

  // Unwritable: a read-only file system where the test runs as root (root writes through any mode), else a
  // directory without the write bit.
  const locked = path.join(scratch, 'read-only');
  if (process.getuid?.() === 0) {
    execFileSync('mkdir', ['-p', locked]);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'tmpfs', locked]);
    cleanups.push(() => execFileSync('umount', [locked]));
  } else {
    execFileSync('mkdir', ['-p', locked]);
    chmodSync(locked, 0o500);
  }
  const unwritable = start({ DATA_DIR: locked });
  assert.equal(unwritable.status, 2, unwritable.stderr);
  assert.match(unwritable.stderr, /DATA_DIR: cannot be used as the data directory: E(ROFS|ACCES)/);
});

test('a lock records the process start time; an id now held by another live process is a stale lock', async () => {
  const dir = path.join(scratch, 'locks');
  execFileSync('mkdir', ['-p', dir]);
  const lock = acquireDirLock(dir);
  const written = readFileSync(path.join(dir, '.lock'), 'utf8');
  const mine = processStartTime(process.pid);
  assert.ok(mine, 'no start time in /proc');
  assert.equal(written, `${process.pid} ${mine}`);
  lock.release();

  // Another live process: with its own start time the lock is held; with another one it is stale.
  const other = spawn('sleep', ['60']);
  cleanups.push(() => other.kill());
  const pid = other.pid as number;
  for (let i = 0; i < 50 && !processStartTime(pid); i++) await new Promise((r) => setTimeout(r, 20));
  writeFileSync(path.join(dir, '.lock'), `${pid} ${processStartTime(pid)}`);
  assert.throws(() => acquireDirLock(dir), DataDirLockedError);
  writeFileSync(path.join(dir, '.lock'), `${pid} 1`); // the process that wrote it started at tick 1: long gone
  const taken = acquireDirLock(dir);
  assert.match(readFileSync(path.join(dir, '.lock'), 'utf8'), new RegExp(`^${process.pid} `));
  taken.release();
  // A lock from before start times were recorded holds while its process id lives.
  writeFileSync(path.join(dir, '.lock'), String(pid));
  assert.throws(() => acquireDirLock(dir), DataDirLockedError);
  rmSync(path.join(dir, '.lock'));
});

test('the server starts over a stale lock whose process id now belongs to an unrelated live process', {
  skip: onPostgres && 'the embedded database only',
}, async () => {
  const setup = await seededEnv({ postgres: false });
  cleanups.push(() => void setup.dispose());
  const other = spawn('sleep', ['120']);
  cleanups.push(() => other.kill());
  writeFileSync(path.join(setup.dataDir, '.lock'), `${other.pid} 1`);
  const server = await spawnServer(setup.env);
  await ready(server);
  assert.match(readFileSync(path.join(setup.dataDir, '.lock'), 'utf8'), new RegExp(`^${server.child.pid} \\d+$`));
  assert.equal(await stopServer(server), 0);
});
