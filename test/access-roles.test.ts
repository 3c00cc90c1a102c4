// Access that follows an official's roles at every moment (issue 13): a token never carries more than its
// owner's session could; roles and officials can be taken back, effective on the very next request of every
// session, token and event stream; invitations are revoked and re-sent; a removed directory entry takes the
// role it gave; a share shows the manager exactly what the sharing State sees; signing out everywhere and a
// password reset end tokens too. Each test drives the real app (pages, API and a listening server for the
// event stream) on the database under test.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { type TestApp, testApp } from './support/app.ts';
import { codeFor, DEMO_PASSWORD, sessionFor } from './support/auth.ts';
import { Client, clientAs } from './support/client.ts';
import { linkIn, startSmtp } from './support/smtp.ts';

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let base = '';

const FOCAL_A = 'focal@xaa.demo.cybernorms.example';
const POC_A = 'poc@xaa.demo.cybernorms.example';
const FOCAL_B = 'focal@xab.demo.cybernorms.example';
const POC_B = 'poc@xab.demo.cybernorms.example';
const ADMIN = 'admin@demo.cybernorms.example';
const MANAGER = 'manager@demo.cybernorms.example';
const GOOD = 'lantern orchard velvet 42';

before(async () => {
  smtp = await startSmtp();
  t = await testApp({ mail: smtp.transport, publicUrl: 'http://cybernorms.test' });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
after(async () => {
  await t.close();
  await smtp.close();
});

const fresh = (what = 'person') => `${what}-${randomBytes(5).toString('hex')}@example.org`;

/** An API client for a session (with the second factor unless said) or a bearer token. */
async function as(who: { email?: string; mfa?: boolean; token?: string }) {
  const headers: Record<string, string> = who.token
    ? { authorization: `Bearer ${who.token}` }
    : { cookie: (await sessionFor(t.db, who.email as string, { mfa: who.mfa !== false })).cookie };
  return (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: { ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      payload: body !== undefined ? JSON.stringify(body) : undefined,
    });
}

/** A new official of the State with the second factor set up, holding these roles. */
async function official(state: string, roles: string[], email = fresh()): Promise<{ id: string; email: string }> {
  const [u] = await t.db.query<{ id: string }>(
    `insert into users (email, email_key, display_name, state_code, email_verified_at, totp_enabled_at)
     values ($1, $1, 'Official', $2, now(), now()) returning id`,
    [email, state],
  );
  await t.db.query(`insert into user_roles (user_id, role, granted_by) values ($1, 'member', 'test')`, [u.id]);
  for (const role of roles)
    await t.db.query('insert into user_roles (user_id, role, state_code, granted_by) values ($1, $2, $3, $4)', [
      u.id,
      role,
      state,
      'test',
    ]);
  return { id: u.id, email };
}

/** A token made through the API in a session with (or without) the second factor. */
async function tokenOf(email: string, scope: 'read' | 'write', mfa = true): Promise<string> {
  const api = await as({ email, mfa });
  const res = await api('POST', '/api/v1/tokens', { name: 'script', scope, expiresInDays: 30 });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().token;
}

const COMMUNICATION = {
  type: 'notification',
  urgency: 'routine',
  tlp: 'amber',
  subject: 'Scanning from a range in your territory',
  body: 'We observed scanning of our energy sector.',
};

async function auditCount(action: string, entityId: string): Promise<number> {
  const [r] = await t.db.query<{ n: number }>('select count(*)::int as n from audit_log where action = $1 and entity_id = $2', [
    action,
    entityId,
  ]);
  return r.n;
}

describe('tokens and the second factor', () => {
  test('a token made without the second factor never carries roles, even after they are granted and the factor set up', async () => {
    // A member without two-factor sign-in makes a read-write token …
    const email = fresh('member');
    const [u] = await t.db.query<{ id: string }>(
      `insert into users (email, email_key, display_name, email_verified_at) values ($1, $1, 'Member', now()) returning id`,
      [email],
    );
    await t.db.query(`insert into user_roles (user_id, role, granted_by) values ($1, 'member', 'test')`, [u.id]);
    const token = await tokenOf(email, 'write', false);
    // … then becomes a POC of Demoland (an accepted invitation gives the role).
    await t.db.query(
      `insert into user_roles (user_id, role, state_code, granted_by) values ($1, 'poc_technical', 'XAA', 'invitation:test')`,
      [u.id],
    );
    await t.db.query(`update users set state_code = 'XAA' where id = $1`, [u.id]);
    const api = await as({ token });
    for (const [method, url, body] of [
      ['GET', '/api/v1/communications'],
      ['POST', '/api/v1/communications', { ...COMMUNICATION, recipients: ['XAB'] }],
      ['GET', '/api/v1/directory'],
      ['GET', '/api/v1/states/XAA/people'],
    ] as const) {
      const res = await api(method, url, body);
      assert.equal(res.statusCode, 403, `${method} ${url}`);
      assert.equal(res.json().code, 'SECOND_FACTOR_REQUIRED', `${method} ${url}`);
    }
    assert.equal((await api('GET', '/api/v1/me')).json().second_factor, false);
    // Setting the factor up later does not silently upgrade the old token; a new one made with it works.
    await t.db.query('update users set totp_enabled_at = now() where id = $1', [u.id]);
    assert.equal((await api('GET', '/api/v1/communications')).statusCode, 403);
    const fresher = await tokenOf(email, 'write', true);
    const ok = await (await as({ token: fresher }))('GET', '/api/v1/communications');
    assert.equal(ok.statusCode, 200);
    // The token list says which of the two carries the roles.
    const list = (await (await as({ email }))('GET', '/api/v1/tokens')).json().data as { mfa: boolean }[];
    assert.deepEqual(list.map((x) => x.mfa).sort(), [false, true]);
  });

  test('a token cannot set up the second factor, see its secret or renew recovery codes: no token becomes a session', async () => {
    const email = fresh('member');
    const [u] = await t.db.query<{ id: string }>(
      `insert into users (email, email_key, display_name, email_verified_at, state_code) values ($1, $1, 'Member', now(), 'XAA') returning id`,
      [email],
    );
    await t.db.query(`insert into user_roles (user_id, role, granted_by) values ($1, 'member', 'test')`, [u.id]);
    const read = await tokenOf(email, 'read', false);
    const write = await tokenOf(email, 'write', false);
    await t.db.query(
      `insert into user_roles (user_id, role, state_code, granted_by) values ($1, 'poc_technical', 'XAA', 'test')`,
      [u.id],
    );
    const page = await t.app.inject({ url: '/account/two-factor', headers: { authorization: `Bearer ${read}` } });
    assert.equal(page.statusCode, 403);
    const [after] = await t.db.query<{ totp_secret: string | null }>('select totp_secret from users where id = $1', [u.id]);
    assert.equal(after.totp_secret, null, 'no secret was made for the token');
    for (const url of ['/account/two-factor', '/account/recovery-codes']) {
      const res = await t.app.inject({
        method: 'POST',
        url,
        headers: { authorization: `Bearer ${write}`, 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'code=123456',
      });
      assert.equal(res.statusCode, 403, url);
      assert.equal(res.headers['set-cookie'], undefined, url);
    }
  });

  test('a token made with the second factor stops carrying roles when its owner no longer has it set up', async () => {
    const poc = await official('XAA', ['poc_technical']);
    const token = await tokenOf(poc.email, 'read');
    const api = await as({ token });
    assert.equal((await api('GET', '/api/v1/directory')).statusCode, 200);
    await t.db.query('update users set totp_enabled_at = null where id = $1', [poc.id]);
    assert.equal((await api('GET', '/api/v1/directory')).statusCode, 403);
  });
});

describe('taking roles back', () => {
  test('a focal point removes a POC role: the next request of every session and token is refused, and no more mail comes', async () => {
    const poc = await official('XAA', ['poc_technical']);
    const session = await as({ email: poc.email });
    const token = await as({ token: await tokenOf(poc.email, 'write') });
    assert.equal((await session('GET', '/api/v1/communications')).statusCode, 200);
    assert.equal((await token('GET', '/api/v1/directory')).statusCode, 200);

    const focal = await as({ email: FOCAL_A });
    const res = await focal('DELETE', `/api/v1/states/XAA/people/${poc.id}/roles/poc_technical`);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json().removed, [{ role: 'poc_technical', state: 'XAA' }]);
    assert.equal(await auditCount('user.role_remove', poc.id), 1);

    for (const api of [session, token]) {
      assert.equal((await api('GET', '/api/v1/communications')).statusCode, 403);
      assert.equal((await api('GET', '/api/v1/directory')).statusCode, 403);
      assert.equal((await api('GET', '/api/v1/states/XAA/people')).statusCode, 403);
    }
    const opened = await session('POST', '/api/v1/communications', { ...COMMUNICATION, recipients: ['XAB'] });
    assert.equal(opened.statusCode, 403);
    // The account no longer belongs to Demoland: it can be invited by another State.
    const [u] = await t.db.query<{ state_code: string | null }>('select state_code from users where id = $1', [poc.id]);
    assert.equal(u.state_code, null);

    // A communication to Demoland: "communication waiting" goes to its remaining POCs, not to the removed one.
    smtp.received.length = 0;
    const sender = await as({ email: POC_B });
    const sent = await sender('POST', '/api/v1/communications', { ...COMMUNICATION, recipients: ['XAA'] });
    assert.equal(sent.statusCode, 201, sent.body);
    await smtp.waitFor(POC_A);
    await t.app.outbox.flush();
    const to = smtp.received.flatMap((m) => m.to.split(','));
    assert.ok(!to.includes(poc.email), `mail went to ${to.join(', ')}`);
  });

  test('who may remove what: a focal point only its own State’s POCs and rapporteurs; never the last administrator', async () => {
    const pocB = await official('XAB', ['poc_technical']);
    const focalA = await as({ email: FOCAL_A });
    const other = await focalA('DELETE', `/api/v1/states/XAB/people/${pocB.id}/roles/poc_technical`);
    assert.equal(other.statusCode, 403);
    const [focal] = await t.db.query<{ id: string }>('select id from users where email_key = $1', [FOCAL_A]);
    const own = await focalA('DELETE', `/api/v1/states/XAA/people/${focal.id}/roles/focal_point`);
    assert.equal(own.statusCode, 403);
    const member = await (await as({ email: 'member@demo.cybernorms.example' }))(
      'DELETE',
      `/api/v1/states/XAB/people/${pocB.id}`,
    );
    assert.equal(member.statusCode, 403);
    const signedOut = await t.app.inject({ method: 'DELETE', url: `/api/v1/states/XAB/people/${pocB.id}` });
    assert.equal(signedOut.statusCode, 401);
    const readOnly = await (await as({ token: await tokenOf(FOCAL_B, 'read') }))(
      'DELETE',
      `/api/v1/states/XAB/people/${pocB.id}`,
    );
    assert.equal(readOnly.statusCode, 403);
    assert.equal(readOnly.json().code, 'TOKEN_SCOPE');
    const bad = await focalA('DELETE', `/api/v1/states/XAA/people/not-a-uuid/roles/poc_technical`);
    assert.equal(bad.statusCode, 400);
    const [still] = await t.db.query<{ n: number }>('select count(*)::int as n from user_roles where user_id = $1', [pocB.id]);
    assert.equal(still.n, 2);

    // An administrator removes any role, but never the last administrator.
    const admin = await as({ email: ADMIN });
    const editor = await official('XAA', []);
    await t.db.query(`insert into user_roles (user_id, role, granted_by) values ($1, 'editor', 'test')`, [editor.id]);
    assert.equal((await admin('DELETE', `/api/v1/users/${editor.id}/roles/editor`)).statusCode, 200);
    const [me] = await t.db.query<{ id: string }>('select id from users where email_key = $1', [ADMIN]);
    const last = await admin('DELETE', `/api/v1/users/${me.id}/roles/administrator`);
    assert.equal(last.statusCode, 409);
    assert.equal(last.json().code, 'LAST_ADMINISTRATOR');
    // Removing a whole official takes every role they hold for the State.
    const both = await official('XAB', ['poc_diplomatic', 'rapporteur']);
    const gone = await admin('DELETE', `/api/v1/states/XAB/people/${both.id}`);
    assert.equal(gone.statusCode, 200);
    assert.equal(gone.json().removed.length, 2);
  });

  test('removing an official also revokes their other open invitations to the State', async () => {
    const poc = await official('XAA', ['poc_technical']);
    const focal = await as({ email: FOCAL_A });
    const invited = await focal('POST', '/api/v1/invitations', { email: poc.email, state: 'XAA', roles: ['rapporteur'] });
    assert.equal(invited.statusCode, 201, invited.body);
    assert.equal((await focal('DELETE', `/api/v1/states/XAA/people/${poc.id}`)).statusCode, 200);
    const [inv] = await t.db.query<{ revoked_at: Date | null }>('select revoked_at from invitations where id = $1', [
      invited.json().id,
    ]);
    assert.ok(inv.revoked_at, 'the rapporteur invitation would bring the person back');
  });

  test('two administrators removing each other at once: one wins, the other is refused', async () => {
    const a = await official('XAA', []);
    const b = await official('XAA', []);
    for (const u of [a, b])
      await t.db.query(`insert into user_roles (user_id, role, granted_by) values ($1, 'administrator', 'test')`, [u.id]);
    const [asA, asB] = [await as({ email: a.email }), await as({ email: b.email })];
    const results = await Promise.all([
      asA('DELETE', `/api/v1/users/${b.id}/roles/administrator`),
      asB('DELETE', `/api/v1/users/${a.id}/roles/administrator`),
    ]);
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [200, 403]);
    const [left] = await t.db.query<{ n: number }>(
      "select count(*)::int as n from user_roles where role = 'administrator' and user_id = any($1::uuid[])",
      [[a.id, b.id]],
    );
    assert.equal(left.n, 1);
  });

  test('invitations are revoked and re-sent: the old link stops working, the new one works, all audited', async () => {
    const focal = await as({ email: FOCAL_A });
    smtp.received.length = 0;
    const email = fresh('invitee');
    const made = await focal('POST', '/api/v1/invitations', { email, state: 'XAA', roles: ['poc_diplomatic'] });
    assert.equal(made.statusCode, 201);
    const first = linkIn(await smtp.waitFor(email), '/invitations');
    smtp.received.length = 0;
    const resent = await focal('POST', `/api/v1/invitations/${made.json().id}/resend`, {});
    assert.equal(resent.statusCode, 201, resent.body);
    const second = linkIn(await smtp.waitFor(email), '/invitations');
    assert.notEqual(first, second);
    assert.equal((await t.app.inject(new URL(first).pathname)).statusCode, 410);
    assert.equal((await t.app.inject(new URL(second).pathname)).statusCode, 200);
    assert.equal(await auditCount('invitation.revoke', made.json().id), 1);
    // Another State's focal point cannot touch it; revoking it ends the new link too.
    // Another State's focal point cannot touch it: for them it does not exist.
    const other = await (await as({ email: FOCAL_B }))('DELETE', `/api/v1/invitations/${resent.json().id}`);
    assert.equal(other.statusCode, 404);
    const missing = await (await as({ email: FOCAL_B }))('DELETE', '/api/v1/invitations/00000000-0000-4000-8000-000000000000');
    assert.equal(missing.statusCode, 404);
    assert.equal((await t.app.inject({ method: 'DELETE', url: `/api/v1/invitations/${resent.json().id}` })).statusCode, 401);
    assert.equal((await focal('DELETE', `/api/v1/invitations/${resent.json().id}`)).statusCode, 200);
    assert.equal((await t.app.inject(new URL(second).pathname)).statusCode, 410);
    assert.equal(await auditCount('invitation.revoke', resent.json().id), 1);
  });

  test('removing a directory entry takes the POC role it gave, and says so', async () => {
    const poc = await official('XAA', ['poc_technical']);
    const focal = await as({ email: FOCAL_A });
    const nominated = await focal('POST', '/api/v1/directory/states/XAA/contacts', {
      kind: 'technical',
      name: 'Removable POC',
      institution: 'National CERT',
      email: poc.email,
      phone: '+41 22 917 12 34',
      languages: ['en'],
      timeZone: 'Europe/Zurich',
      allDay: true,
      networks: ['GLOBAL'],
    });
    assert.equal(nominated.statusCode, 201, nominated.body);
    const id = nominated.json().id;
    // The edit page says what removal will do to the account.
    const page = await (await clientAs(t, FOCAL_A)).get(`/directory/contacts/${id}/edit`);
    assert.match(page.body, new RegExp(poc.email.replace('.', '\\.')));
    const removed = await focal('DELETE', `/api/v1/directory/contacts/${id}`);
    assert.equal(removed.statusCode, 200, removed.body);
    assert.deepEqual(removed.json().role_removed, { user_id: poc.id, email: poc.email, role: 'poc_technical', state: 'XAA' });
    const roles = await t.db.query('select role from user_roles where user_id = $1 and state_code is not null', [poc.id]);
    assert.equal(roles.length, 0);
  });

  test('a removal from a later date takes the role when it takes effect', async () => {
    const poc = await official('XAA', ['poc_diplomatic']);
    const focal = await as({ email: FOCAL_A });
    const nominated = await focal('POST', '/api/v1/directory/states/XAA/contacts', {
      kind: 'diplomatic',
      name: 'Leaving Diplomat',
      institution: 'Ministry of Foreign Affairs',
      email: poc.email,
      phone: '+41 22 917 12 35',
      languages: ['fr'],
      timeZone: 'Europe/Zurich',
      allDay: true,
      networks: ['GLOBAL'],
    });
    const id = nominated.json().id;
    const later = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const removed = await focal('DELETE', `/api/v1/directory/contacts/${id}?effective_from=${later}`);
    assert.equal(removed.statusCode, 200, removed.body);
    assert.equal(removed.json().role_removed.role, 'poc_diplomatic');
    const held = () => t.db.query('select 1 from user_roles where user_id = $1 and role = $2', [poc.id, 'poc_diplomatic']);
    assert.equal((await held()).length, 1);
    // The job runs when it is due (moved to now here, as the clock would).
    await t.db.query("update jobs set run_at = now() - interval '1 second' where kind = 'directory.entry_removed'");
    await t.app.jobs.runDue();
    assert.equal((await held()).length, 0);
  });
});

describe('sharing with the directory manager', () => {
  test('a recipient’s share shows the manager what that recipient sees, never another recipient’s response', async () => {
    const a = await as({ email: POC_A });
    const sent = await a('POST', '/api/v1/communications', { ...COMMUNICATION, recipients: ['XAB', 'KEN'] });
    assert.equal(sent.statusCode, 201, sent.body);
    const id = sent.json().id;
    const b = await as({ email: POC_B });
    const answer = await b('POST', `/api/v1/communications/${id}/messages`, { body: 'Response only Demoland may read.' });
    assert.equal(answer.statusCode, 201, answer.body);
    // Kenya's official shares the thread (Kenya sees Demoland's messages and its own, not Samplestan's).
    const ken = await official('KEN', ['poc_technical']);
    const k = await as({ email: ken.email });
    assert.equal((await k('POST', `/api/v1/communications/${id}/share`, {})).statusCode, 200);
    const manager = await as({ email: MANAGER });
    const seen = await manager('GET', `/api/v1/communications/${id}`);
    assert.equal(seen.statusCode, 200);
    const bodies = (seen.json().messages as { body: string }[]).map((m) => m.body);
    assert.deepEqual(bodies, [COMMUNICATION.body]);
    assert.deepEqual(
      (seen.json().recipients as { state: string }[]).map((r) => r.state),
      ['KEN'],
    );
    const kenSees = (await k('GET', `/api/v1/communications/${id}`)).json().messages as { body: string }[];
    assert.deepEqual(
      kenSees.map((m) => m.body),
      bodies,
    );
    // Once the sender shares too, the manager sees what the sender sees: everything.
    assert.equal((await a('POST', `/api/v1/communications/${id}/share`, {})).statusCode, 200);
    const all = (await manager('GET', `/api/v1/communications/${id}`)).json();
    assert.equal(all.messages.length, 2);
    assert.equal(all.recipients.length, 2);
  });
});

describe('signing out everywhere and resetting the password', () => {
  test('both end every API token, and the account page says so', async () => {
    const poc = await official('XAB', ['poc_technical']);
    const token = await tokenOf(poc.email, 'read');
    const api = await as({ token });
    assert.equal((await api('GET', '/api/v1/me')).statusCode, 200);
    const c = await clientAs(t, poc.email);
    const account = await c.get('/account');
    assert.match(account.body, /revokes every API token/);
    assert.equal((await c.post('/account/sign-out-everywhere')).statusCode, 200);
    assert.equal((await api('GET', '/api/v1/me')).statusCode, 401);

    // A password reset ends them too.
    const [u] = await t.db.query<{ id: string }>('select id from users where email_key = $1', [POC_A]);
    const again = await tokenOf(POC_A, 'read');
    smtp.received.length = 0;
    const anon = new Client(t.app);
    await anon.get('/password/forgot');
    await anon.post('/password/forgot', { email: POC_A });
    const link = new URL(linkIn(await smtp.waitFor(POC_A), '/password/reset')).pathname;
    await anon.get(link);
    assert.equal((await anon.post(link, { password: GOOD })).statusCode, 200);
    assert.equal((await (await as({ token: again }))('GET', '/api/v1/me')).statusCode, 401);
    const [n] = await t.db.query<{ n: number }>(
      'select count(*)::int as n from api_tokens where user_id = $1 and revoked_at is null',
      [u.id],
    );
    assert.equal(n.n, 0);
  });
});

/** Reads an event stream over a real connection; resolves with what arrived when the server ends it. */
function stream(url: string, headers: Record<string, string>) {
  const controller = new AbortController();
  const events: string[] = [];
  let resolveOpen = () => {};
  const opened = new Promise<void>((r) => {
    resolveOpen = r;
  });
  const done = (async () => {
    const res = await fetch(base + url, { headers, signal: controller.signal });
    assert.equal(res.status, 200);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return events;
      buffer += decoder.decode(value, { stream: true });
      if (buffer.includes(': ready')) resolveOpen();
      for (const m of buffer.matchAll(/data: (\{[^\n]*\})/g)) events.push(JSON.parse(m[1]).id);
      buffer = buffer.slice(buffer.lastIndexOf('\n') + 1);
    }
  })();
  return { opened, done, abort: () => controller.abort() };
}

const within = <T>(p: Promise<T>, ms: number, what: string) =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms))]);

describe('the live event stream', () => {
  test('tells a party about its threads only, and ends when the role is removed or the session signs out', async () => {
    const poc = await official('XAB', ['poc_technical']);
    const s1 = await sessionFor(t.db, poc.email);
    const token = await tokenOf(poc.email, 'read');
    const bySession = stream('/communications/events?seconds=60', { cookie: s1.cookie });
    const byToken = stream('/communications/events?seconds=60', { authorization: `Bearer ${token}` });
    const outsider = stream('/communications/events?seconds=5', { cookie: (await sessionFor(t.db, FOCAL_A)).cookie });
    await within(Promise.all([bySession.opened, byToken.opened, outsider.opened]), 5000, 'streams open');

    // A thread to Samplestan reaches both of the POC's streams; Demoland's focal point (the sender side) too.
    const a = await as({ email: POC_A });
    const toB = (await a('POST', '/api/v1/communications', { ...COMMUNICATION, recipients: ['XAB'] })).json().id;
    // A RED thread naming someone else is not told to this POC.
    const [other] = await t.db.query<{ email_key: string }>('select email_key from users where email_key = $1', [POC_B]);
    const red = await a('POST', '/api/v1/communications', {
      ...COMMUNICATION,
      tlp: 'red',
      recipients: ['XAB'],
      people: [other.email_key],
    });
    assert.equal(red.statusCode, 201, red.body);
    await new Promise((r) => setTimeout(r, 500));

    // The focal point takes the role back: both streams end at once.
    const focal = await as({ email: FOCAL_B });
    assert.equal((await focal('DELETE', `/api/v1/states/XAB/people/${poc.id}/roles/poc_technical`)).statusCode, 200);
    const [viaSession, viaToken] = await within(Promise.all([bySession.done, byToken.done]), 5000, 'streams end');
    assert.deepEqual(viaSession, [toB]);
    assert.deepEqual(viaToken, [toB]);
    assert.ok(!(await within(outsider.done, 8000, 'outsider ends')).includes(red.json().id));

    // Signing out ends a stream too.
    const s2 = await sessionFor(t.db, POC_A);
    const mine = stream('/communications/events?seconds=60', { cookie: s2.cookie });
    await within(mine.opened, 5000, 'stream opens');
    const form = await t.app.inject({ url: '/account', headers: { cookie: s2.cookie } });
    const csrf = /name="_csrf" value="([^"]*)"/.exec(form.body)?.[1] as string;
    const out = await t.app.inject({
      method: 'POST',
      url: '/sign-out',
      headers: { cookie: s2.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${encodeURIComponent(csrf)}`,
    });
    assert.equal(out.statusCode, 200);
    await within(mine.done, 5000, 'stream ends at sign-out');
  });
});

test('the demo password still signs in after the reset above changed another account', async () => {
  const c = new Client(t.app);
  const res = await c.signIn(FOCAL_B, DEMO_PASSWORD, () => codeFor(FOCAL_B));
  assert.equal(res.statusCode, 303);
});
