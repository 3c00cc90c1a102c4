// Backups of a running embedded instance: taken while it writes, restored into a new data directory by the
// one CLI command, every table and row back and the audit chain verifying with the key and the backup's
// checkpoint; refused into a directory in use or not empty, or from a damaged file; downloaded only by an
// administrator with the second factor (audited); scheduled into a folder that keeps the last N.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { buildApp } from '../src/app.ts';
import { BackupError, readArchive, restoreBackup } from '../src/db/backup.ts';
import { openDb, type Queryable } from '../src/db/client.ts';
import { acquireDirLock } from '../src/db/lock.ts';
import { parseCheckpoint, recordAudit, verifyAudit } from '../src/platform/audit.ts';
import { createBackup, createBackupScheduler, listBackups } from '../src/platform/backup.ts';
import { type TestApp, testApp } from './support/app.ts';
import { sessionFor } from './support/auth.ts';
import { onPostgres, TEST_AUDIT_KEY, withTestAuditKey } from './support/db.ts';
import { root, tsxCli } from './support/process.ts';

const work = mkdtempSync(path.join(tmpdir(), 'cybernorms-backup-test-'));
let t: TestApp;
before(async () => {
  t = await testApp();
});
after(async () => {
  await t.close();
  rmSync(work, { recursive: true, force: true });
});

const embedded = { skip: onPostgres ? 'backups from the platform are for the embedded database (PostgreSQL: pg_dump)' : false };

/** Every table's row count and a digest of all its rows, read in one go. */
async function snapshot(db: Queryable): Promise<Record<string, { rows: number; digest: string }>> {
  const tables = await db.query<{ name: string }>(
    "select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1",
  );
  const out: Record<string, { rows: number; digest: string }> = {};
  for (const { name } of tables) {
    const [r] = await db.query<{ rows: number; digest: string }>(
      `select count(*)::int as rows, coalesce(md5(string_agg(t::text, E'\\n' order by t::text)), '') as digest from ${name} t`,
    );
    out[name] = r;
  }
  return out;
}

const cli = (args: string[], env: Record<string, string> = {}) =>
  promisify(execFile)(process.execPath, [tsxCli, path.join(root, 'src/cli.ts'), ...args], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'silent', AUDIT_KEY: TEST_AUDIT_KEY.toString('hex'), ...env },
  }).then(
    (r) => ({ code: 0, out: r.stdout, err: r.stderr }),
    (e) => ({ code: e.code as number, out: e.stdout as string, err: e.stderr as string }),
  );

test(
  'a backup taken while the instance writes restores consistently: rows as of one moment, the chain verifying',
  embedded,
  async () => {
    const mailDir = path.join(work, 'mail-src');
    mkdirSync(mailDir);
    writeFileSync(path.join(mailDir, '2026-05-06T10-00-00-000Z-1.eml'), 'To: someone@example.org\n\nA notice.\n');
    // Audited writes, one after another, for as long as the backup runs.
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        await t.db.transaction(async (tx) => {
          await recordAudit(tx, {
            actor: 'system:test',
            action: 'test.write',
            entity: 'test',
            origin: 'test',
            details: { n: written },
          });
        });
        written++;
        // A turn of the event loop between writes, as between requests (PGlite answers without one).
        await new Promise((r) => setImmediate(r));
      }
    })();
    await new Promise((r) => setTimeout(r, 50));
    const backup = await createBackup(
      { db: t.db, mailDir },
      { actor: 'system:test', origin: 'test', action: 'backup.create', entity: 'database' },
      new Date(),
    );
    await new Promise((r) => setTimeout(r, 50));
    writing = false;
    await writer;
    assert.ok(written > 5, `writes went on around the backup (${written})`);

    const file = path.join(work, backup.name);
    writeFileSync(file, backup.archive);
    const dir = path.join(work, 'restored-under-load');
    const restored = await restoreBackup(file, dir, {
      check: async (q, text) => {
        const parsed = parseCheckpoint(text as string, TEST_AUDIT_KEY);
        assert.ok(parsed.ok);
        return { verdict: await verifyAudit(q, { key: TEST_AUDIT_KEY, checkpoint: parsed.checkpoint }), snap: await snapshot(q) };
      },
    });
    const { verdict, snap } = restored.checked as {
      verdict: Awaited<ReturnType<typeof verifyAudit>>;
      snap: Awaited<ReturnType<typeof snapshot>>;
    };
    assert.ok(verdict.ok, !verdict.ok ? verdict.reason : '');
    assert.equal(verdict.checkpoint, 'matched');
    // Every table but the log is as it is now (only the log was written meanwhile) …
    const now = await snapshot(t.db);
    for (const table of Object.keys(now).filter((n) => n !== 'audit_log')) assert.deepEqual(snap[table], now[table], table);
    // … and the log is the source's, up to a point at or after the backup's own entry: a prefix, nothing half-done.
    const head = verdict.ok ? verdict.head.id : '0';
    assert.ok(BigInt(head) >= BigInt(restored.manifest.audit.head_id));
    const [prefix] = await t.db.query<{ rows: number; digest: string }>(
      `select count(*)::int as rows, coalesce(md5(string_agg(t::text, E'\\n' order by t::text)), '') as digest from audit_log t where id <= $1::bigint`,
      [head],
    );
    assert.deepEqual(snap.audit_log, prefix);
    assert.ok(snap.audit_log.rows < now.audit_log.rows, 'writes after the dump are not in it');
    // The mail file and the checkpoint are beside the database; the key is nowhere in the archive.
    assert.equal(
      readFileSync(path.join(dir, 'mail', '2026-05-06T10-00-00-000Z-1.eml'), 'utf8'),
      'To: someone@example.org\n\nA notice.\n',
    );
    assert.ok(parseCheckpoint(readFileSync(path.join(dir, 'audit.checkpoint'), 'utf8'), TEST_AUDIT_KEY).ok);
    assert.equal(backup.archive.includes(TEST_AUDIT_KEY), false);
    assert.equal(backup.archive.includes(Buffer.from(TEST_AUDIT_KEY.toString('hex'))), false);
    assert.deepEqual(
      (await readArchive(backup.archive)).manifest.members.map((m) => m.path),
      ['pgdata.tar', 'audit.checkpoint', 'mail/000001'],
    );
  },
);

test('an administrator downloads a backup; one command restores it into a new instance with every record', embedded, async () => {
  const admin = await sessionFor(t.db, 'admin@demo.cybernorms.example');
  const res = await t.app.inject({ url: '/admin/backup/download', headers: { cookie: admin.cookie } });
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['content-type'], 'application/gzip');
  assert.equal(res.headers['cache-control'], 'no-store');
  const name = /^attachment; filename="(cybernorms-backup-\d{8}T\d{9}Z\.tar\.gz)"$/.exec(
    String(res.headers['content-disposition']),
  )?.[1];
  assert.ok(name, String(res.headers['content-disposition']));
  const source = await snapshot(t.db);
  const [entry] = await t.db.query<{ actor: string; action: string }>(
    'select actor, action from audit_log order by id desc limit 1',
  );
  assert.deepEqual(entry, { actor: `user:${admin.userId}`, action: 'backup.download' });

  const file = path.join(work, name);
  writeFileSync(file, res.rawPayload);
  const dir = path.join(work, 'restored');
  const run = await cli(['restore', file, '--data-dir', dir]);
  assert.equal(run.code, 0, run.err);
  assert.match(run.out, /Audit chain: OK: \d+ entries, chain intact/);

  // A new instance on the restored directory: every table, every row, the chain and its checkpoint.
  const db = withTestAuditKey(await openDb({ dataDir: dir }));
  try {
    assert.deepEqual(await snapshot(db), source);
    const parsed = parseCheckpoint(readFileSync(path.join(dir, 'audit.checkpoint'), 'utf8'), TEST_AUDIT_KEY);
    assert.ok(parsed.ok);
    const verdict = await verifyAudit(db, { key: TEST_AUDIT_KEY, checkpoint: parsed.checkpoint });
    assert.ok(verdict.ok && verdict.checkpoint === 'matched', !verdict.ok ? verdict.reason : '');
    const app = await buildApp({ config: { LOG_LEVEL: 'silent', TRUST_PROXY: false }, db });
    try {
      assert.equal((await app.inject('/api/v1/norms/c')).statusCode, 200);
    } finally {
      await app.close();
    }
  } finally {
    await db.close();
  }
});

test(
  'restore refuses a directory that is not empty or that a server holds, and a damaged file, changing nothing',
  embedded,
  async () => {
    const backup = await createBackup(
      { db: t.db, mailDir: null },
      { actor: 'system:test', origin: 'test', action: 'backup.create', entity: 'database' },
      new Date(),
    );
    const file = path.join(work, 'refusals.tar.gz');
    writeFileSync(file, backup.archive);

    const full = path.join(work, 'not-empty');
    mkdirSync(full);
    writeFileSync(path.join(full, 'notes.txt'), 'mine');
    const refused = await cli(['restore', file, '--data-dir', full]);
    assert.equal(refused.code, 1);
    assert.match(refused.err, /is not empty \(notes\.txt\)/);
    assert.deepEqual(readdirSync(full), ['notes.txt']);

    // The lock a running server holds (this process, alive).
    const held = path.join(work, 'held');
    mkdirSync(held);
    const lock = acquireDirLock(held);
    try {
      const busy = await cli(['restore', file, '--data-dir', held]);
      assert.equal(busy.code, 1);
      assert.match(busy.err, new RegExp(`in use by process ${process.pid}`));
      assert.deepEqual(readdirSync(held), ['.lock']);
    } finally {
      lock.release();
    }

    const damaged = Buffer.from(backup.archive);
    damaged[Math.floor(damaged.length / 2)] ^= 0xff;
    const bad = path.join(work, 'damaged.tar.gz');
    writeFileSync(bad, damaged);
    const target = path.join(work, 'from-damaged');
    mkdirSync(target);
    await assert.rejects(restoreBackup(bad, target), BackupError);
    assert.deepEqual(readdirSync(target), []);
    writeFileSync(bad, 'not a backup');
    await assert.rejects(restoreBackup(bad, target), /not a cybernorms backup/);
  },
);

test('only an administrator with the second factor downloads a backup', async () => {
  assert.equal((await t.app.inject('/api/v1/backup')).statusCode, 401);
  const page = await t.app.inject('/admin/backup/download');
  assert.equal(page.statusCode, 303);
  assert.match(String(page.headers.location), /^\/sign-in\?next=/);
  assert.equal((await t.app.inject('/admin/backup')).statusCode, 303);
  const before = (await t.db.query<{ n: number }>("select count(*)::int as n from audit_log where action = 'backup.download'"))[0]
    .n;
  for (const email of [
    'member@demo.cybernorms.example',
    'focal@xaa.demo.cybernorms.example',
    'manager@demo.cybernorms.example',
    'editor@demo.cybernorms.example',
  ]) {
    const s = await sessionFor(t.db, email);
    for (const url of ['/api/v1/backup', '/admin/backup/download', '/admin/backup']) {
      const res = await t.app.inject({ url, headers: { cookie: s.cookie } });
      assert.equal(res.statusCode, 403, `${email} ${url}: ${res.body.slice(0, 200)}`);
    }
  }
  // An administrator between password and code is not signed in yet …
  const halfway = await sessionFor(t.db, 'admin@demo.cybernorms.example', { mfa: false });
  assert.equal((await t.app.inject({ url: '/api/v1/backup', headers: { cookie: halfway.cookie } })).statusCode, 401);
  // … and one who has not set up two-factor sign-in has no role until they do.
  const [u] = await t.db.query<{ id: string }>(
    "insert into users (email, email_key, display_name, email_verified_at) values ('new-admin@example.org', 'new-admin@example.org', 'New', now()) returning id",
  );
  await t.db.query("insert into user_roles (user_id, role, granted_by) values ($1, 'administrator', 'test')", [u.id]);
  const noFactor = await sessionFor(t.db, 'new-admin@example.org', { mfa: false });
  const api = await t.app.inject({ url: '/api/v1/backup', headers: { cookie: noFactor.cookie } });
  assert.equal(api.statusCode, 403);
  assert.equal(api.json().code, 'SECOND_FACTOR_REQUIRED');
  const viaPage = await t.app.inject({ url: '/admin/backup/download', headers: { cookie: noFactor.cookie } });
  assert.equal(viaPage.statusCode, 303);
  assert.match(String(viaPage.headers.location), /^\/account\/two-factor/);
  const after = (await t.db.query<{ n: number }>("select count(*)::int as n from audit_log where action = 'backup.download'"))[0]
    .n;
  assert.equal(after, before, 'no refused request took a backup');

  const admin = await sessionFor(t.db, 'admin@demo.cybernorms.example');
  const pageOk = await t.app.inject({ url: '/admin/backup', headers: { cookie: admin.cookie } });
  assert.equal(pageOk.statusCode, 200);
  assert.match(pageOk.body, onPostgres ? /pg_dump/ : /href="\/admin\/backup\/download"/);
  assert.match(pageOk.body, /audit key is not in any backup/);
  const got = await t.app.inject({ url: '/api/v1/backup', headers: { cookie: admin.cookie } });
  if (onPostgres) {
    assert.equal(got.statusCode, 409);
    assert.match(got.json().detail ?? got.body, /pg_dump/);
  } else {
    assert.equal(got.statusCode, 200);
    assert.equal((await readArchive(got.rawPayload)).manifest.type, 'cybernorms-backup');
  }
});

test(
  'scheduled backups go into the folder, which keeps the newest; a failure is logged and changes nothing',
  embedded,
  async () => {
    const dir = path.join(work, 'scheduled');
    const logged: string[] = [];
    const log = { info: (_: object, m: string) => logged.push(m), error: (_: object, m: string) => logged.push(`error: ${m}`) };
    const scheduler = createBackupScheduler({ source: { db: t.db, mailDir: null }, dir, intervalMs: 400, keep: 2, log });
    scheduler.start();
    const start = Date.now();
    while (logged.filter((m) => m === 'backup written').length < 3 && Date.now() - start < 120_000)
      await new Promise((r) => setTimeout(r, 50));
    await scheduler.stop();
    const written = logged.filter((m) => m === 'backup written').length;
    assert.ok(written >= 3, logged.join('; '));
    const files = listBackups(dir);
    assert.equal(files.length, 2);
    assert.deepEqual(readdirSync(dir).sort(), files.map((f) => f.name).sort(), 'no temporary file left');
    for (const f of files)
      assert.equal((await readArchive(readFileSync(path.join(dir, f.name)))).manifest.type, 'cybernorms-backup');
    const [last] = await t.db.query<{ actor: string; action: string }>(
      "select actor, action from audit_log where action = 'backup.create' order by id desc limit 1",
    );
    assert.deepEqual(last, { actor: 'system:backup', action: 'backup.create' });

    // After a restart the schedule follows the folder: the next one is due an interval after the newest.
    const later = createBackupScheduler({ source: { db: t.db, mailDir: null }, dir, intervalMs: 3_600_000, keep: 2, log });
    later.start();
    const next = later.status().next as Date;
    assert.ok(Math.abs(next.getTime() - (files[0].at.getTime() + 3_600_000)) < 5_000);
    await later.stop();

    // A folder that cannot be written: an error logged, the status says why, the existing backups stay.
    const blocked = path.join(work, 'blocked');
    writeFileSync(blocked, 'a file, not a folder');
    const failing = createBackupScheduler({
      source: { db: t.db, mailDir: null },
      dir: blocked,
      intervalMs: 60_000,
      keep: 1,
      log,
    });
    failing.start();
    const t0 = Date.now();
    while (!failing.status().last && Date.now() - t0 < 60_000) await new Promise((r) => setTimeout(r, 50));
    await failing.stop();
    const status = failing.status().last;
    assert.ok(status && !status.ok);
    assert.ok(logged.includes('error: scheduled backup failed; it will be tried again'));
    assert.equal(readFileSync(blocked, 'utf8'), 'a file, not a folder');
  },
);
