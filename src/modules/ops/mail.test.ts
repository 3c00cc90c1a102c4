// Mail that could not be sent, end to end with a real SMTP server stopped and started: invitations sent
// during an outage longer than the give-up time are kept, shown to administrators (page and API, with
// the reason), counted in /metrics; sending one again and then all again delivers each once, audited.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { FORM, form, sessionFor } from '../../../test/support/auth.ts';
import { freePort } from '../../../test/support/net.ts';
import { startSmtp } from '../../../test/support/smtp.ts';
import { smtpTransport } from '../../platform/mail.ts';

const METRICS_TOKEN = 'metrics-token-for-the-mail-test-0123456789';
let now = new Date('2026-03-02T08:00:00Z').getTime();
const clock = () => new Date(now);
let port: number;
let t: TestApp;
const transport = () => smtpTransport(`smtp://127.0.0.1:${port}`, 'cybernorms <no-reply@cybernorms.invalid>');

before(async () => {
  port = await freePort();
  t = await testApp({
    clock,
    mail: transport(),
    config: { METRICS_TOKEN, MAIL_GIVE_UP_HOURS: 2, MAIL_RETRY_SECONDS: 30, MAIL_RETRY_MAX_MINUTES: 30 },
  });
  // Only this test's mail.
  await t.db.query('delete from outbox');
});
after(() => t.close());

const JSON_BODY = { 'content-type': 'application/json' };
const admin = async () => (await sessionFor(t.db, 'admin@demo.cybernorms.example', { at: clock() })).cookie;
const invitees = ['lost-1@example.org', 'lost-2@example.org', 'lost-3@example.org'];

test('mail given up during a long outage is shown to administrators, counted, and sent again once', async () => {
  // SMTP is down (nothing listens on the port) while an administrator invites three people.
  let cookie = await admin();
  for (const email of invitees) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/invitations',
      headers: { cookie, 'content-type': 'application/json' },
      payload: JSON.stringify({ state: 'XAA', email, roles: ['poc_technical'] }),
    });
    assert.equal(res.statusCode, 201, res.body);
  }
  // Three hours of outage, the outbox ticking every 30 s: past the give-up time of two hours.
  for (let i = 0; i < (3 * 3_600_000) / 30_000; i++) {
    await t.app.outbox.flush();
    now += 30_000;
  }
  const [{ n }] = await t.db.query<{ n: number }>('select count(*)::int as n from outbox where given_up_at is not null');
  assert.equal(n, 3, 'given up, kept');

  cookie = await admin();
  // The API lists them with the reason; others may not see it.
  const list = await t.app.inject({ url: '/api/v1/mail/undelivered', headers: { cookie } });
  assert.equal(list.statusCode, 200, list.body);
  const body = list.json() as {
    counts: { pending: number; givenUp: number };
    givenUp: { id: string; to: string; reason: string; attempts: number; givenUpAt: string }[];
  };
  assert.deepEqual(body.counts, { pending: 0, failing: 0, givenUp: 3 });
  assert.deepEqual(body.givenUp.map((m) => m.to).sort(), invitees);
  for (const m of body.givenUp) {
    assert.match(m.reason, /ECONNREFUSED/);
    assert.ok(m.attempts > 5);
  }
  const member = (await sessionFor(t.db, 'member@demo.cybernorms.example', { at: clock() })).cookie;
  assert.equal((await t.app.inject({ url: '/api/v1/mail/undelivered', headers: { cookie: member } })).statusCode, 403);

  // /metrics counts them.
  const metrics = await t.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  assert.equal(metrics.statusCode, 200);
  assert.match(metrics.body, /^cybernorms_mail_outbox\{state="given_up"\} 3$/m);
  assert.match(metrics.body, /^cybernorms_mail_given_up_total 3$/m);

  // The page shows them, with the reason and a button each.
  const page = await t.app.inject({ url: '/admin/mail', headers: { cookie } });
  assert.equal(page.statusCode, 200);
  for (const email of invitees) assert.ok(page.body.includes(email), email);
  assert.match(page.body, /ECONNREFUSED/);
  assert.equal(page.body.match(/action="\/admin\/mail\/\d+\/send-again"/g)?.length, 3);
  assert.match(page.body, /action="\/admin\/mail\/send-again"/);

  // Bad input is refused by name, and changes nothing.
  assert.equal((await t.app.inject({ url: '/admin/mail?before=x', headers: { cookie } })).statusCode, 400);
  assert.equal((await t.app.inject({ url: '/api/v1/mail/undelivered?before=x', headers: { cookie } })).statusCode, 400);
  const bad = await t.app.inject({
    method: 'POST',
    url: '/api/v1/mail/undelivered/x/send-again',
    headers: { cookie, ...JSON_BODY },
    payload: '{}',
  });
  assert.equal(bad.statusCode, 400);
  const unknown = await t.app.inject({
    method: 'POST',
    url: '/api/v1/mail/undelivered/999999999/send-again',
    headers: { cookie, ...JSON_BODY },
    payload: '{}',
  });
  assert.equal(unknown.statusCode, 404);

  const smtp = await startSmtp(port);
  try {
    // Nothing goes by itself once given up, even with the server back.
    now += 3_600_000;
    await t.app.outbox.flush();
    assert.equal(smtp.received.length, 0);

    // One, from the page.
    const first = body.givenUp.find((m) => m.to === invitees[0]);
    assert.ok(first);
    const s = await sessionFor(t.db, 'admin@demo.cybernorms.example', { at: clock() });
    const one = await t.app.inject({
      method: 'POST',
      url: `/admin/mail/${first.id}/send-again`,
      headers: { cookie: s.cookie, ...FORM },
      payload: form(s),
    });
    assert.equal(one.statusCode, 303, one.body);
    assert.equal(one.headers.location, '/admin/mail?requeued=1');
    await smtp.waitFor(invitees[0]);
    const notice = await t.app.inject({ url: '/admin/mail?requeued=1', headers: { cookie: s.cookie } });
    assert.match(notice.body, /role="status"/);

    // The rest, from the API.
    const all = await t.app.inject({
      method: 'POST',
      url: '/api/v1/mail/undelivered/send-again',
      headers: { cookie: s.cookie, ...JSON_BODY },
      payload: '{}',
    });
    assert.equal(all.statusCode, 200, all.body);
    assert.deepEqual(all.json(), { requeued: 2 });
    for (const email of invitees.slice(1)) await smtp.waitFor(email);
    await t.app.outbox.flush();
    assert.deepEqual(smtp.received.map((m) => m.to).sort(), invitees, 'each once');
    assert.match(smtp.received[0].text, /\/invitations\/[A-Za-z0-9_-]+/);

    // Sent: nothing more to send again.
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/mail/undelivered/${first.id}/send-again`,
      headers: { cookie: s.cookie, ...JSON_BODY },
      payload: '{}',
    });
    assert.equal(again.statusCode, 404);
    const none = await t.app.inject({
      method: 'POST',
      url: '/api/v1/mail/undelivered/send-again',
      headers: { cookie: s.cookie, ...JSON_BODY },
      payload: '{}',
    });
    assert.deepEqual(none.json(), { requeued: 0 });
    assert.equal(smtp.received.length, 3);

    // Both sends again are in the audit log, by the administrator.
    const audit = await t.db.query<{ actor: string; entity_id: string | null; details: { all?: boolean; count?: number } }>(
      "select actor, entity_id, details from audit_log where action = 'mail.send_again' order by id",
    );
    assert.equal(audit.length, 2);
    assert.equal(audit[0].entity_id, first.id);
    assert.equal(audit[0].actor, `user:${s.userId}`);
    assert.deepEqual([audit[1].details.all, audit[1].details.count], [true, 2]);
    const after = await t.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    assert.match(after.body, /^cybernorms_mail_outbox\{state="given_up"\} 0$/m);
  } finally {
    await smtp.close();
  }
});
