// The administrator's audit log: impossible dates are a 400 naming the field (pages, export, API, service),
// and the signed checkpoint of the chain's head is for administrators only, audited, and verifies.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { type Client, clientAs } from '../../../test/support/client.ts';
import { TEST_AUDIT_KEY } from '../../../test/support/db.ts';
import type { Actor } from '../../platform/access.ts';
import { parseCheckpoint, verifyAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { createAuditService, isCalendarDate } from './audit.service.ts';

const ADMIN = 'admin@demo.cybernorms.example';

let t: TestApp;
let admin: Client;
before(async () => {
  t = await testApp();
  admin = await clientAs(t, ADMIN);
});
after(() => t.close());

test('only real calendar days are dates', () => {
  for (const d of ['2026-04-30', '2024-02-29', '2000-02-29', '1999-12-31']) assert.ok(isCalendarDate(d), d);
  for (const d of ['2026-04-31', '2026-02-29', '1900-02-29', '2026-13-01', '2026-00-10', '2026-1-1', '20260101', '2026-04-30x'])
    assert.ok(!isCalendarDate(d), d);
});

test('an impossible date in the audit page filter is a 400 page naming the field, not a 500', async () => {
  for (const [query, field] of [
    ['to=2026-04-31', 'To'],
    ['from=2026-02-30', 'From'],
  ] as const) {
    const res = await admin.get(`/admin/audit?${query}`);
    assert.equal(res.statusCode, 400, query);
    assert.match(res.headers['content-type'] as string, /^text\/html/);
    assert.match(res.body, new RegExp(`${field}: `), query);
  }
  assert.equal((await admin.get('/admin/audit?from=2026-04-01&to=2026-04-30')).statusCode, 200);
});

test('an impossible date in the audit export is a 400 naming the field, not a 500', async () => {
  for (const format of ['csv', 'json']) {
    const res = await admin.get(`/admin/audit/export?format=${format}&to=2026-04-31`);
    assert.equal(res.statusCode, 400, format);
    assert.match(res.body, /to: must be a date/);
  }
  const api = await admin.json('GET', '/api/v1/audit?to=2026-04-31');
  assert.equal(api.statusCode, 400);
  assert.equal(api.json().errors[0].field, 'to');
});

test('the audit service itself refuses an impossible date, whoever calls it', async () => {
  const service = createAuditService({ db: t.db, clock: () => new Date() });
  const [{ id }] = await t.db.query<{ id: string }>('select id from users where email = $1', [ADMIN]);
  const actor: Actor = {
    userId: id,
    email: ADMIN,
    displayName: 'Admin',
    grants: [{ role: 'administrator', state: null }],
    mfa: true,
    via: 'session',
    scope: 'write',
    sessionId: null,
    tokenId: null,
  };
  await assert.rejects(service.list(actor, { from: '2026-02-30', to: '2026-04-31' }), (err: unknown) => {
    assert.ok(err instanceof AppError);
    assert.equal(err.status, 400);
    assert.deepEqual(
      err.fields.map((f) => f.field),
      ['from', 'to'],
    );
    return true;
  });
  await assert.rejects(
    service.export(actor, { to: "2026-01-01'; drop table users; --" }, 'csv', { ip: '127.0.0.1', userAgent: 'test' }),
    {
      status: 400,
    },
  );
});

test('an administrator downloads a signed checkpoint of the chain head, itself audited, that verifies', async () => {
  const res = await admin.json('GET', '/api/v1/audit/checkpoint');
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['cache-control'], 'no-store');
  const parsed = parseCheckpoint(res.body, TEST_AUDIT_KEY);
  assert.ok(parsed.ok, !parsed.ok ? parsed.reason : '');
  const cp = parsed.checkpoint;
  const [head] = await t.db.query<{ id: string; hash: string; action: string }>(
    'select id::text as id, hash, action from audit_log order by audit_log.id desc limit 1',
  );
  assert.deepEqual({ id: cp.id, hash: cp.hash }, { id: head.id, hash: head.hash });
  assert.equal(head.action, 'audit.checkpoint');
  assert.equal((await verifyAudit(t.db, { checkpoint: cp })).ok, true);

  const page = await admin.get('/admin/audit/checkpoint');
  assert.equal(page.statusCode, 200);
  assert.match(page.headers['content-disposition'] as string, /^attachment; filename="cybernorms-audit-checkpoint-.*\.json"$/);
  const fromPage = parseCheckpoint(page.body, TEST_AUDIT_KEY);
  assert.ok(fromPage.ok && BigInt(fromPage.checkpoint.id) > BigInt(cp.id));
  assert.match((await admin.get('/admin/audit')).body, /href="\/admin\/audit\/checkpoint"/);
});

test('nobody else gets a checkpoint', async () => {
  assert.equal((await t.app.inject('/api/v1/audit/checkpoint')).statusCode, 401);
  assert.equal((await t.app.inject('/admin/audit/checkpoint')).statusCode, 303);
  for (const email of [
    'member@demo.cybernorms.example',
    'focal@xaa.demo.cybernorms.example',
    'manager@demo.cybernorms.example',
  ]) {
    const c = await clientAs(t, email);
    assert.equal((await c.json('GET', '/api/v1/audit/checkpoint')).statusCode, 403, email);
    assert.equal((await c.get('/admin/audit/checkpoint')).statusCode, 403, email);
  }
});
