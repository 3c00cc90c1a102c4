// Health, readiness, metrics, security headers and the strict Content-Security-Policy on every response.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type TestApp, testApp } from './support/app.ts';

let t: TestApp;
before(async () => {
  t = await testApp();
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

test('/metrics exposes Prometheus metrics, including request durations by route', async () => {
  await t.app.inject('/norms/c');
  const res = await t.app.inject('/metrics');
  assert.equal(res.statusCode, 200);
  assert.match(res.headers['content-type'] as string, /^text\/plain/);
  assert.match(res.body, /http_request_duration_seconds_count\{method="GET",route="\/norms\/:letter",status="200"\} \d+/);
  assert.match(res.body, /process_resident_memory_bytes/);
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
