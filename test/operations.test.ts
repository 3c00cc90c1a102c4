// Health, readiness, metrics, security headers and the strict Content-Security-Policy on every response.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildApp } from '../src/app.ts';
import { openDb } from '../src/db/client.ts';
import { createCheckpointWriter, loadAuditKey, recordAudit, withAudit } from '../src/platform/audit.ts';
import { type TestApp, testApp } from './support/app.ts';
import { clientAs } from './support/client.ts';
import { createPostgresDatabase, onPostgres, recomputeChain } from './support/db.ts';
import { root, tsxCli } from './support/process.ts';

const METRICS_TOKEN = 'metrics-token-for-tests-0123456789abcdef';

let t: TestApp;
before(async () => {
  t = await testApp({ config: { METRICS_TOKEN } });
});
after(() => t.close());

test('/healthz and /readyz answer; readiness reports the database', async () => {
  assert.deepEqual((await t.app.inject('/healthz')).json(), { status: 'ok' });
  const ready = await t.app.inject('/readyz');
  assert.equal(ready.statusCode, 200);
  assert.equal(ready.json().status, 'ready');
});

test('/readyz is 503 while a migration is pending', async () => {
  await t.db.query("delete from schema_migrations where name = '0001_knowledge.sql'");
  try {
    const res = await t.app.inject('/readyz');
    assert.equal(res.statusCode, 503);
    assert.deepEqual(res.json().pending_migrations, ['0001_knowledge.sql']);
  } finally {
    await t.db.query("insert into schema_migrations (name) values ('0001_knowledge.sql')");
  }
});

test('/metrics answers the bearer of METRICS_TOKEN only: request durations by route', async () => {
  await t.app.inject('/norms/c');
  const res = await t.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  assert.equal(res.statusCode, 200);
  assert.match(res.headers['content-type'] as string, /^text\/plain/);
  assert.equal(res.headers['cache-control'], 'no-store');
  assert.match(res.body, /http_request_duration_seconds_count\{method="GET",route="\/norms\/:letter",status="200"\} \d+/);
  assert.match(res.body, /process_resident_memory_bytes/);
});

test('/metrics refuses the signed-out, a wrong token, an API token and a signed-in administrator', async () => {
  const refused = async (headers: Record<string, string>, why: string) => {
    const res = await t.app.inject({ url: '/metrics', headers });
    assert.equal(res.statusCode, 401, why);
    assert.equal(res.headers['www-authenticate'], 'Bearer realm="metrics"', why);
    assert.doesNotMatch(res.body, /http_request_duration_seconds/, why);
  };
  await refused({}, 'signed out');
  await refused({ authorization: `Bearer ${METRICS_TOKEN}x` }, 'a longer token');
  await refused({ authorization: `Bearer ${METRICS_TOKEN.slice(0, -1)}` }, 'a shorter token');
  await refused({ authorization: METRICS_TOKEN }, 'without "Bearer"');
  await refused({ authorization: 'Bearer cn_not-an-api-token' }, 'an unknown bearer token');
  const admin = await clientAs(t, 'admin@demo.cybernorms.example');
  assert.equal((await admin.get('/metrics')).statusCode, 401, 'a signed-in administrator');
  // The metrics token is not an API token either.
  const api = await t.app.inject({ url: '/api/v1/norms', headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  assert.equal(api.statusCode, 401);
});

test('/metrics does not exist without METRICS_TOKEN', async () => {
  const bare = await buildApp({ config: { LOG_LEVEL: 'silent', TRUST_PROXY: false }, db: t.db });
  try {
    assert.equal((await bare.inject('/metrics')).statusCode, 404);
    assert.equal(
      (await bare.inject({ url: '/metrics', headers: { authorization: 'Bearer anything-at-all-here-000000' } })).statusCode,
      404,
    );
  } finally {
    await bare.close();
  }
});

test('every kind of response carries the security headers and a CSP without unsafe-inline', async () => {
  for (const url of [
    '/',
    '/norms/c',
    '/norms/zz',
    '/search?q=x',
    '/api/v1/norms',
    '/api/v1/norms/zz',
    '/static/app.css',
    '/healthz',
  ]) {
    const res = await t.app.inject(url);
    const csp = res.headers['content-security-policy'] as string;
    assert.ok(csp, `${url} has a CSP`);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, url);
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff', url);
    assert.ok(res.headers['strict-transport-security'], url);
    assert.equal(res.headers['referrer-policy'], 'same-origin', url);
  }
});

test('pages use no inline script or style, so the CSP never blocks them', async () => {
  for (const url of ['/', '/norms/c', '/frameworks', '/timeline', '/cbms']) {
    const body = (await t.app.inject(url)).body;
    assert.doesNotMatch(body, /<script|<style| style=| on[a-z]+=/i, url);
  }
});

test('pages and assets are compressed for slow links', async () => {
  const res = await t.app.inject({ url: '/norms/c', headers: { 'accept-encoding': 'br, gzip' } });
  assert.ok(['br', 'gzip'].includes(res.headers['content-encoding'] as string));
});

// The operator's check of the audit log, as run from the command line: the chain with its key, against the
// checkpoint of its head kept in the data directory (or one given with --checkpoint).
describe('audit verify on the command line', () => {
  let dataDir: string;
  let env: Record<string, string>;
  let dropDb: (() => Promise<void>) | undefined;
  before(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'cn-audit-cli-'));
    env = { ...(process.env as Record<string, string>), LOG_LEVEL: 'warn', DATA_DIR: dataDir, DEMO_DATA: 'false' };
    delete env.DATABASE_URL;
    delete env.AUDIT_KEY;
    delete env.AUDIT_KEY_FILE;
    delete env.AUDIT_CHECKPOINT_FILE;
    if (onPostgres) {
      const created = await createPostgresDatabase();
      env.DATABASE_URL = created.url;
      dropDb = created.drop;
    }
  });
  after(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await dropDb?.();
  });
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, [tsxCli, path.join(root, 'src/cli.ts'), ...args], { env, encoding: 'utf8', timeout: 120_000 });
  const raw = () => openDb(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir });
  const checkpointFile = () => path.join(dataDir, 'audit.checkpoint');

  test('an honest chain verifies; the key and checkpoint files are made, readable by their owner only', async () => {
    for (const command of ['migrate', 'seed']) {
      const res = cli(command);
      assert.equal(res.status, 0, res.stderr);
    }
    assert.equal(statSync(path.join(dataDir, 'audit.key')).mode & 0o777, 0o600);
    assert.equal(statSync(checkpointFile()).mode & 0o777, 0o600);
    // More entries, as the server would write them: with the key, the checkpoint following.
    const key = loadAuditKey({ file: path.join(dataDir, 'audit.key'), create: false }).key;
    const db = await raw();
    try {
      const checkpoint = createCheckpointWriter({ db, key, file: checkpointFile(), log: { error() {}, warn() {} } });
      const keyed = withAudit(db, { key });
      for (let n = 0; n < 5; n++)
        await keyed.transaction((tx) =>
          recordAudit(tx, { actor: 'system:test', action: 'test.write', entity: 'thing', entityId: String(n), origin: 'test' }),
        );
      assert.equal(await checkpoint.flush(), 'written');
    } finally {
      await db.close();
    }
    const ok = cli('audit', 'verify');
    assert.equal(ok.status, 0, ok.stderr);
    const cp = JSON.parse(readFileSync(checkpointFile(), 'utf8'));
    assert.match(
      ok.stdout,
      new RegExp(`^OK: \\d+ audit entries, chain intact; it still holds entry ${cp.id} recorded by the checkpoint`),
    );
    copyFileSync(checkpointFile(), path.join(dataDir, 'kept.checkpoint'));
  });

  test('entries removed from the end fail against the checkpoint, exit 1', async () => {
    const db = await raw();
    try {
      await db.query('delete from audit_log where id in (select id from audit_log order by id desc limit 1)');
    } finally {
      await db.close();
    }
    const res = cli('audit', 'verify');
    assert.equal(res.status, 1);
    assert.match(
      res.stderr,
      /BROKEN at entry \d+: the chain ends at entry \d+, but the checkpoint of .* records entry \d+: entries were removed from the end/,
    );
  });

  test('a chain recomputed without the key fails, exit 1; a missing checkpoint file or another key is refused', async () => {
    const db = await raw();
    try {
      const [victim] = await db.query<{ id: string }>(
        'select id::text as id from audit_log order by audit_log.id offset 2 limit 1',
      );
      await db.query('delete from audit_log where id = $1::bigint', [victim.id]);
      await recomputeChain(db, { fromId: victim.id, alg: 'sha256', label: 'hmac-sha256' });
    } finally {
      await db.close();
    }
    const res = cli('audit', 'verify', '--checkpoint', path.join(dataDir, 'kept.checkpoint'));
    assert.equal(res.status, 1);
    assert.match(
      res.stderr,
      /BROKEN at entry \d+: its hash does not match its content under the audit key .*recomputed without the key/,
    );
    const missing = cli('audit', 'verify', '--checkpoint', path.join(dataDir, 'nothing-here'));
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /no checkpoint file at/);
    env.AUDIT_KEY = 'cd'.repeat(32);
    try {
      const other = cli('audit', 'verify');
      assert.equal(other.status, 1);
      assert.match(other.stderr, /BROKEN: the checkpoint .* cannot be used: it was signed with another audit key/);
      // And the server or a writing command refuses to extend the chain with it.
      const seed = cli('seed');
      assert.equal(seed.status, 2);
      assert.match(seed.stderr, /AUDIT_KEY: the audit log's last keyed entry does not verify with this key/);
    } finally {
      delete env.AUDIT_KEY;
    }
  });
});
