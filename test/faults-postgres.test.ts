// PostgreSQL faults on a cluster of the test's own (issue 15, defects 3 and 8): a frozen server (SIGSTOP to
// the postmaster and every backend, like a network black hole) answers 503 with Retry-After within a few
// seconds, /readyz within a second, and all recovers after SIGCONT without a restart; a server that is down
// when the app starts is waited for, with a line in the log, for DB_START_TIMEOUT_SECONDS.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { PUBLIC_COLLECTION_ID, TAXII_ROOT } from '../src/modules/taxii/index.ts';
import { havePostgresBinaries, ownCluster, ready, type Server, sleep, spawnServer, stopServer, until } from './faults-support.ts';

const skip = !havePostgresBinaries && 'no PostgreSQL 15 binaries on this machine';
let cluster: Awaited<ReturnType<typeof ownCluster>> | undefined;
let server: Server | undefined;
const dataDir = mkdtempSync(path.join(tmpdir(), 'cn-faults-pgdir-'));

before(async () => {
  if (skip) return;
  cluster = await ownCluster();
});
after(async () => {
  if (server?.child.exitCode === null) server.child.kill('SIGKILL');
  cluster?.thaw?.();
  cluster?.remove();
  rmSync(dataDir, { recursive: true, force: true });
});

const timed = async (url: string, init: RequestInit = {}) => {
  const start = Date.now();
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
  await res.arrayBuffer();
  return { res, ms: Date.now() - start };
};

test('PostgreSQL down at start: the app waits, says so, and starts once the server is up', { skip }, async () => {
  const c = cluster as NonNullable<typeof cluster>;
  server = await spawnServer({ DATABASE_URL: c.url, DATA_DIR: dataDir, DB_START_TIMEOUT_SECONDS: '60', DEMO_DATA: 'false' });
  await until(() => /the database is not reachable yet/.test(server?.log() ?? ''), 'the waiting line', 20_000);
  await sleep(2500);
  assert.equal(server.child.exitCode, null, 'the app gave up while the server was down');
  c.start();
  await ready(server, 120_000);
  assert.equal(await stopServer(server), 0);

  // And a short DB_START_TIMEOUT_SECONDS gives up with exit 1 and a sentence naming it.
  c.stop();
  const started = Date.now();
  server = await spawnServer({ DATABASE_URL: c.url, DATA_DIR: dataDir, DB_START_TIMEOUT_SECONDS: '2' });
  assert.equal(await server.exited, 1);
  assert.ok(Date.now() - started < 20_000);
  assert.match(server.log(), /did not answer within DB_START_TIMEOUT_SECONDS \(2 s\)/);
  c.start();
});

test('a frozen PostgreSQL: 503 with Retry-After within a few seconds, /readyz within a second, recovery after SIGCONT', {
  skip,
}, async () => {
  const c = cluster as NonNullable<typeof cluster>;
  server = await spawnServer({ DATABASE_URL: c.url, DATA_DIR: dataDir, DEMO_DATA: 'false' });
  await ready(server);
  const { base } = server;
  assert.equal((await timed(`${base}/api/v1/search?q=attribution`)).res.status, 200);
  assert.equal((await timed(`${base}/search?q=attribution`)).res.status, 200);

  c.freeze();
  try {
    // The first request finds the pooled connections silent; a probe tells the server answers nothing.
    for (const url of [`${base}/api/v1/search?q=cooperation+1`, `${base}/search?q=cooperation+2`]) {
      const { res, ms } = await timed(url);
      assert.equal(res.status, 503, url);
      assert.ok(res.headers.get('retry-after'), 'Retry-After');
      assert.ok(ms < 5000, `${url} answered after ${ms} ms`);
    }
    // The incident record's exports and TAXII (issue 18) answer the same way, never hang.
    for (const [url, accept] of [
      [`${base}/api/v1/incidents/stix`, 'application/json'],
      [`${base}/api/v1/incidents?year=2017`, 'application/json'],
      [`${base}/incidents?year=2017`, 'text/html'],
      [`${base}${TAXII_ROOT}collections/${PUBLIC_COLLECTION_ID}/objects/?limit=5`, 'application/taxii+json;version=2.1'],
    ]) {
      const { res, ms } = await timed(url, { headers: { accept } });
      assert.equal(res.status, 503, url);
      assert.ok(res.headers.get('retry-after'), `Retry-After on ${url}`);
      assert.ok(ms < 5000, `${url} answered after ${ms} ms`);
    }
    const api = await timed(`${base}/api/v1/search?q=cooperation+3`);
    assert.equal(api.res.headers.get('content-type')?.split(';')[0], 'application/problem+json');
    for (let i = 0; i < 3; i++) {
      const { res, ms } = await timed(`${base}/readyz`);
      assert.equal(res.status, 503);
      assert.ok(ms < 1200, `/readyz answered after ${ms} ms`);
    }
    assert.equal((await timed(`${base}/healthz`)).res.status, 200);
    assert.match(server.log(), /database unavailable: answered 503/);
  } finally {
    c.thaw();
  }
  await until(async () => (await timed(`${base}/readyz`)).res.status === 200, '/readyz after SIGCONT', 15_000);
  assert.equal((await timed(`${base}/api/v1/search?q=attribution`)).res.status, 200);
  assert.equal((await timed(`${base}/search?q=cooperation`)).res.status, 200);
  assert.equal(await stopServer(server), 0);
});
