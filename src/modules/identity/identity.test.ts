// Accounts, sessions, two-factor, invitations, e-mail links, tokens and CSRF, through the pages and the
// API, with mail delivered to a real SMTP server and a clock the tests move.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { codeFor, DEMO_PASSWORD } from '../../../test/support/auth.ts';
import { Client, fieldsOf } from '../../../test/support/client.ts';
import { linkIn, startSmtp } from '../../../test/support/smtp.ts';
import { verifyAudit } from '../../platform/audit.ts';
import { passwordProblem } from './passwords.ts';
import { totpCode } from './totp.ts';

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let now = Date.parse('2026-11-24T09:00:00Z');
const clock = () => new Date(now);
/** Moves the clock on; TOTP codes are per 30 seconds, so each sign-in in a test moves at least that. */
const advance = (ms: number) => {
  now += ms;
};

const FOCAL = 'focal@xaa.demo.cybernorms.example';
const ADMIN = 'admin@demo.cybernorms.example';
const POC = 'poc@xaa.demo.cybernorms.example';
const GOOD = 'lantern orchard velvet 42';

before(async () => {
  smtp = await startSmtp();
  t = await testApp({ clock, mail: smtp.transport, publicUrl: 'http://cybernorms.test' });
});
after(async () => {
  await t.close();
  await smtp.close();
});

async function official(email: string) {
  advance(31_000);
  const c = new Client(t.app);
  const res = await c.signIn(email, DEMO_PASSWORD, () => codeFor(email, clock()));
  assert.equal(res.statusCode, 303, res.body.slice(0, 300));
  return c;
}

const count = async (sql: string, params: unknown[] = []) => (await t.db.query<{ n: number }>(sql, params))[0].n;

describe('passwords', () => {
  test('at least 12 characters, not common, not the address', async () => {
    assert.deepEqual(await passwordProblem('short'), { code: 'tooShort', params: { n: 12 } });
    assert.equal((await passwordProblem('password1234'))?.code, 'common');
    assert.equal((await passwordProblem('qwertyuiop123'))?.code, 'common');
    assert.match(String((await passwordProblem('aaaaaaaaaaaaaaaa'))?.code), /repetitive|common/);
    assert.equal((await passwordProblem('farah.focal 2026 xyz', 'farah.focal@example.org'))?.code, 'containsEmail');
    assert.equal(await passwordProblem(GOOD), null);
  });

  test('stored as argon2id, never in clear', async () => {
    const rows = await t.db.query<{ password_hash: string }>('select password_hash from users where email_key = $1', [FOCAL]);
    assert.match(rows[0].password_hash, /^\$argon2id\$v=19\$m=65536,t=3,p=1\$/);
  });
});

describe('signing in', () => {
  test('a wrong password and an unknown address get the same answer, audited, and nothing else happens', async () => {
    const c = new Client(t.app);
    await c.get('/sign-in');
    const before = await count('select count(*)::int as n from sessions');
    const wrong = await c.post('/sign-in', { email: POC, password: 'not the password at all' });
    const unknown = await c.post('/sign-in', { email: 'nobody@example.org', password: 'not the password at all' });
    assert.equal(wrong.statusCode, 401);
    assert.equal(unknown.statusCode, 401);
    const message = (b: string) => /role="alert"[\s\S]*?<\/div>/.exec(b)?.[0];
    assert.equal(message(wrong.body), message(unknown.body));
    assert.match(wrong.body, /The e-mail address or the password is wrong/);
    assert.equal(await count('select count(*)::int as n from sessions'), before);
    assert.equal(await count("select count(*)::int as n from audit_log where action = 'auth.sign_in_refused'"), 2);
  });

  test('the refusal is in the reader’s language', async () => {
    const c = new Client(t.app);
    await c.get('/sign-in?lang=fr');
    const res = await c.post('/sign-in', { email: 'nobody@example.org', password: 'not the password at all' });
    assert.match(res.body, /L’adresse électronique ou le mot de passe est incorrect/);
  });

  test('repeated failures for one account slow it down, growing, and say how long', async () => {
    const c = new Client(t.app);
    await c.get('/sign-in');
    const target = 'editor@demo.cybernorms.example';
    for (let i = 0; i < 3; i++)
      assert.equal((await c.post('/sign-in', { email: target, password: `wrong password ${i}x` })).statusCode, 401);
    const slowed = await c.post('/sign-in', { email: target, password: DEMO_PASSWORD });
    assert.equal(slowed.statusCode, 429);
    assert.match(slowed.body, /Wait \d+ seconds/);
    advance(1_500);
    assert.equal((await c.post('/sign-in', { email: target, password: 'wrong again, 4th' })).statusCode, 401);
    advance(1_500);
    const again = await c.post('/sign-in', { email: target, password: DEMO_PASSWORD });
    assert.equal(again.statusCode, 429, 'the fourth failure asks for a longer wait than the third');
    advance(60_000);
    const ok = await c.signIn(target, DEMO_PASSWORD, () => codeFor(target, clock()));
    assert.equal(ok.statusCode, 303);
  });

  test('password then code; the session is renewed at each step; a code works once', async () => {
    advance(31_000);
    const c = new Client(t.app);
    await c.get('/sign-in');
    const first = await c.post('/sign-in', { email: FOCAL, password: DEMO_PASSWORD });
    assert.equal(first.headers.location, '/sign-in/code');
    const pendingSid = c.cookies.get('sid');
    // Half signed in is not signed in.
    assert.equal((await c.get('/account')).statusCode, 303);
    await c.get('/sign-in/code');
    assert.equal((await c.post('/sign-in/code', { code: '000000' })).statusCode, 400);
    const code = codeFor(FOCAL, clock());
    const done = await c.post('/sign-in/code', { code });
    assert.equal(done.headers.location, '/desk', 'signed in, an official lands on what needs them');
    assert.notEqual(c.cookies.get('sid'), pendingSid);
    const cookie = done.cookies.find((x) => x.name === 'sid');
    assert.equal(cookie?.httpOnly, true);
    assert.equal(cookie?.sameSite, 'Lax');
    assert.equal((await c.get('/states/XAA/people')).statusCode, 200);

    // The same code, replayed in another sign-in within its 30 seconds, is refused.
    const other = new Client(t.app);
    await other.get('/sign-in');
    await other.post('/sign-in', { email: FOCAL, password: DEMO_PASSWORD });
    await other.get('/sign-in/code');
    const replay = await other.post('/sign-in/code', { code });
    assert.equal(replay.statusCode, 400);
    assert.match(replay.body, /already used/);
    assert.ok(await count("select count(*)::int as n from audit_log where action = 'auth.second_factor_refused'"));
  });

  test('sessions end after an idle hour, and after twelve hours whatever happens', async () => {
    const c = await official(POC);
    assert.equal((await c.get('/account')).statusCode, 200);
    advance(61 * 60_000);
    assert.equal((await c.get('/account')).statusCode, 303, 'idle for over an hour');
    const d = await official(POC);
    for (let h = 0; h < 24; h++) {
      advance(30 * 60_000);
      const res = await d.get('/account');
      if (h < 23) assert.equal(res.statusCode, 200, `still active after ${(h + 1) / 2} h`);
      else assert.equal(res.statusCode, 303, 'gone after 12 h');
    }
  });

  test('sign out, and sign out of every device', async () => {
    const a = await official(POC);
    const b = await official(POC);
    await a.get('/account');
    const out = await a.post('/account/sign-out-everywhere');
    assert.equal(out.statusCode, 200);
    assert.equal((await a.get('/account')).statusCode, 303);
    assert.equal((await b.get('/account')).statusCode, 303);
    const c = await official(POC);
    await c.get('/account');
    await c.post('/sign-out');
    assert.equal((await c.get('/account')).statusCode, 303);
  });

  test('a recovery code signs in once', async () => {
    // Enrol a fresh official through the pages to get real recovery codes.
    const admin = await official(ADMIN);
    await admin.get('/admin');
    const email = 'rapporteur.kenya@example.org';
    assert.equal(
      (await admin.post('/invitations', { state: 'KEN', email, roles: ['focal_point', 'rapporteur'] })).statusCode,
      200,
    );
    const mail = await smtp.waitFor(email);
    const link = new URL(linkIn(mail, '/invitations'));
    const c = new Client(t.app);
    await c.get(link.pathname);
    const accepted = await c.post(link.pathname, { displayName: 'Wanjiru K.', password: GOOD });
    assert.equal(accepted.statusCode, 303);
    await c.get(String(accepted.headers.location));
    const secret = /<code class="secret">([A-Z2-7]+)<\/code>/.exec(c.last?.body ?? '')?.[1] as string;
    const enrolled = await c.post(String(accepted.headers.location), { code: totpCode(secret, clock()) });
    const codes = [...enrolled.body.matchAll(/<li>([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})<\/li>/g)].map((m) => m[1]);
    assert.equal(codes.length, 10);
    const stored = await t.db.query<{ code_hash: string }>(
      'select code_hash from recovery_codes r join users u on u.id = r.user_id where u.email_key = $1',
      [email],
    );
    assert.equal(stored.length, 10);
    assert.ok(
      stored.every((s) => !codes.includes(s.code_hash)),
      'only hashes are stored',
    );

    const first = new Client(t.app);
    assert.equal((await first.signIn(email, GOOD, () => codes[0].toUpperCase())).statusCode, 303);
    const second = new Client(t.app);
    const again = await second.signIn(email, GOOD, () => codes[0]);
    assert.equal(again.statusCode, 400);

    // Renewing takes a code from the app (not a recovery code) and retires every old code.
    await first.get('/account');
    assert.equal((await first.post('/account/recovery-codes', { code: codes[1] })).statusCode, 400);
    advance(31_000);
    const renewed = await first.post('/account/recovery-codes', { code: totpCode(secret, clock()) });
    assert.equal(renewed.statusCode, 200);
    assert.match(renewed.body, /Here are ten new ones/);
    const fresh = [...renewed.body.matchAll(/<li>([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})<\/li>/g)].map((m) => m[1]);
    assert.equal(fresh.length, 10);
    assert.equal((await new Client(t.app).signIn(email, GOOD, () => codes[2])).statusCode, 400, 'old codes are gone');
    assert.equal((await new Client(t.app).signIn(email, GOOD, () => fresh[0])).statusCode, 303);
  });
});

describe('registration, verification and reset', () => {
  test('a member registers, confirms the address from the mail, and signs in', async () => {
    const c = new Client(t.app);
    await c.get('/register');
    const email = 'new.member@example.org';
    const weak = await c.post('/register', { displayName: 'New Member', email, password: 'password1234' });
    assert.equal(weak.statusCode, 400);
    assert.match(weak.body, /id="f-password-error"/);
    assert.equal(await count('select count(*)::int as n from users where email_key = $1', [email]), 0);
    const done = await c.post('/register', { displayName: 'New Member', email, password: GOOD });
    assert.equal(done.statusCode, 200);
    const unverified = await new Client(t.app).signIn(email, GOOD);
    assert.equal(unverified.statusCode, 403);
    const mail = await smtp.waitFor(email);
    assert.equal(mail.subject, 'Confirm your e-mail address for cybernorms');
    const link = new URL(linkIn(mail, '/verify'));
    assert.equal(link.origin, 'http://cybernorms.test');
    assert.equal((await c.get(link.pathname)).statusCode, 200);
    assert.equal((await c.get(link.pathname)).statusCode, 410, 'a link works once');
    const signedIn = await new Client(t.app).signIn(email, GOOD);
    assert.equal(signedIn.headers.location, '/desk');
  });

  test('registering an address that has an account says the same, and tells the owner instead', async () => {
    const c = new Client(t.app);
    await c.get('/register');
    const res = await c.post('/register', { displayName: 'Impostor', email: POC, password: GOOD });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /We have sent a mail/);
    const mail = await smtp.waitFor(POC, (m) => /already has an account/.test(m.text));
    assert.match(mail.subject, /Someone tried to register/);
  });

  test('a password reset link sets a new password once and signs out everywhere', async () => {
    const email = 'new.member@example.org';
    const signedIn = new Client(t.app);
    await signedIn.signIn(email, GOOD);
    const c = new Client(t.app);
    await c.get('/password/forgot');
    assert.equal((await c.post('/password/forgot', { email: 'nobody.at.all@example.org' })).statusCode, 200);
    assert.equal((await c.post('/password/forgot', { email })).statusCode, 200);
    const mail = await smtp.waitFor(email, (m) => /new password/.test(m.text));
    const path = new URL(linkIn(mail, '/password/reset')).pathname;
    await c.get(path);
    assert.equal((await c.post(path, { password: 'short' })).statusCode, 400);
    const newPassword = 'quiet harbour copper 77';
    assert.equal((await c.post(path, { password: newPassword })).statusCode, 200);
    assert.equal((await signedIn.get('/account')).statusCode, 303, 'other sessions ended');
    assert.equal((await new Client(t.app).signIn(email, GOOD)).statusCode, 401);
    assert.equal((await new Client(t.app).signIn(email, newPassword)).statusCode, 303);
    assert.equal((await c.get(path)).statusCode, 410);
    assert.equal(smtp.received.filter((m) => m.to === 'nobody.at.all@example.org').length, 0);
  });
});

describe('invitations', () => {
  test('the focal point invites the State’s officials, but not a focal point, and not for another State', async () => {
    const c = await official(FOCAL);
    await c.get('/states/XAA/people');
    const sent = await c.post('/invitations', {
      state: 'XAA',
      email: 'analyst@xaa.example.org',
      roles: ['poc_technical', 'rapporteur'],
    });
    assert.equal(sent.statusCode, 200);
    assert.match(sent.body, /Invitation sent to analyst@xaa.example.org/);
    assert.match(sent.body, /analyst@xaa.example.org/);
    const mail = await smtp.waitFor('analyst@xaa.example.org');
    assert.match(mail.text, /Demoland/);
    assert.equal(
      (await c.post('/invitations', { state: 'XAA', email: 'boss@xaa.example.org', roles: ['focal_point'] })).statusCode,
      403,
    );
    assert.equal(
      (await c.post('/invitations', { state: 'XAB', email: 'spy@xab.example.org', roles: ['poc_technical'] })).statusCode,
      403,
    );
    assert.equal(
      await count("select count(*)::int as n from invitations where email in ('boss@xaa.example.org', 'spy@xab.example.org')"),
      0,
    );
  });

  test('a POC cannot invite; bad input is named', async () => {
    const poc = await official(POC);
    const res = await poc.json(
      'POST',
      '/api/v1/invitations',
      { state: 'XAA', email: 'x@example.org', roles: ['rapporteur'] },
      { 'accept-language': 'ru' },
    );
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().detail, 'У вашей учётной записи нет прав на эту страницу или действие.');
    const admin = await official(ADMIN);
    const bad = await admin.json('POST', '/api/v1/invitations', { state: 'XA1', email: 'not-an-address', roles: [] });
    assert.equal(bad.statusCode, 400);
    const fields = fieldsOf(bad).sort();
    assert.deepEqual(fields, ['email', 'roles', 'state']);
    const noState = await admin.json('POST', '/api/v1/invitations', {
      state: null,
      email: 'x@example.org',
      roles: ['rapporteur'],
    });
    assert.equal(noState.statusCode, 400);
    assert.equal(noState.json().errors[0].field, 'state');
  });

  test('an invitation link expires, and works once', async () => {
    const admin = await official(ADMIN);
    const email = 'late@example.org';
    assert.equal(
      (await admin.json('POST', '/api/v1/invitations', { state: 'FRA', email, roles: ['focal_point'] })).statusCode,
      201,
    );
    const path = new URL(linkIn(await smtp.waitFor(email), '/invitations')).pathname;
    assert.equal((await new Client(t.app).get(path)).statusCode, 200);
    advance(8 * 24 * 3600_000);
    const late = await new Client(t.app).get(path);
    assert.equal(late.statusCode, 410);
    assert.match(late.body, /expired/);
    assert.equal((await new Client(t.app).get('/invitations/not-a-real-link-at-all-xxxxxxxxxxxxxxxxxxxxxxxx')).statusCode, 410);
  });
});

describe('API tokens', () => {
  test('shown once, stored hashed, scoped, revocable and expiring', async () => {
    const c = await official(ADMIN);
    const created = await c.json('POST', '/api/v1/tokens', { name: 'reporting script', scope: 'read', expiresInDays: 30 });
    assert.equal(created.statusCode, 201);
    const { token, id } = created.json();
    assert.match(token, /^cn_/);
    assert.equal(
      await count('select count(*)::int as n from api_tokens where token_hash = $1', [token]),
      0,
      'not stored in clear',
    );
    assert.ok(!JSON.stringify((await c.json('GET', '/api/v1/tokens')).json()).includes(token), 'never listed');

    const bearer = { authorization: `Bearer ${token}` };
    const me = await t.app.inject({ url: '/api/v1/me', headers: bearer });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().via, 'token');
    assert.equal((await t.app.inject({ url: '/api/v1/audit', headers: bearer })).statusCode, 200);
    const write = await t.app.inject({
      method: 'POST',
      url: '/api/v1/invitations',
      headers: { ...bearer, 'content-type': 'application/json' },
      payload: JSON.stringify({ state: 'XAA', email: 'y@example.org', roles: ['rapporteur'] }),
    });
    assert.equal(write.statusCode, 403);
    assert.equal(write.json().code, 'TOKEN_SCOPE');
    const fromToken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { ...bearer, 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x', scope: 'write' }),
    });
    assert.equal(fromToken.statusCode, 403, 'a token cannot make tokens');

    assert.equal((await c.json('DELETE', `/api/v1/tokens/${id}`)).statusCode, 204);
    const revoked = await t.app.inject({ url: '/api/v1/me', headers: bearer });
    assert.equal(revoked.statusCode, 401);
    assert.equal(revoked.json().code, 'BAD_TOKEN');

    const short = (await c.json('POST', '/api/v1/tokens', { name: 'short-lived', scope: 'write', expiresInDays: 1 })).json()
      .token;
    assert.equal((await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${short}` } })).statusCode, 200);
    advance(25 * 3600_000);
    assert.equal((await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${short}` } })).statusCode, 401);
    assert.equal((await t.app.inject({ url: '/api/v1/me', headers: { authorization: 'Basic abc' } })).statusCode, 401);
  });

  test('the tokens page shows a new token once and revokes it', async () => {
    const c = new Client(t.app);
    await c.signIn('member@demo.cybernorms.example', DEMO_PASSWORD);
    await c.get('/account/tokens');
    const bad = await c.post('/account/tokens', { name: '', scope: 'admin', expiresInDays: '30' });
    assert.equal(bad.statusCode, 400);
    const made = await c.post('/account/tokens', { name: 'my notebook', scope: 'write', expiresInDays: '30' });
    const token = /<code class="secret" id="new-token">([^<]+)<\/code>/.exec(made.body)?.[1] as string;
    assert.match(token, /^cn_/);
    assert.ok(!(await c.get('/account/tokens')).body.includes(token));
    const id = /action="\/account\/tokens\/([0-9a-f-]{36})\/revoke"/.exec(c.last?.body ?? '')?.[1];
    assert.equal((await c.post(`/account/tokens/${id}/revoke`)).statusCode, 303);
    assert.equal((await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })).statusCode, 401);
  });
});

describe('CSRF', () => {
  test('a form without its token is refused and changes nothing', async () => {
    const c = new Client(t.app);
    await c.get('/register');
    const res = await c.post('/register', { displayName: 'X', email: 'csrf@example.org', password: GOOD }, { csrf: null });
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /The form has expired/);
    const forged = await c.post(
      '/register',
      { displayName: 'X', email: 'csrf@example.org', password: GOOD },
      { csrf: 'x'.repeat(43) },
    );
    assert.equal(forged.statusCode, 403);
    assert.equal(await count("select count(*)::int as n from users where email_key = 'csrf@example.org'"), 0);
    // A signed-in form needs the session's token, not another one.
    const s = await official(POC);
    await s.get('/account');
    assert.equal((await s.post('/account/sign-out-everywhere', {}, { csrf: 'y'.repeat(43) })).statusCode, 403);
    assert.equal((await s.get('/account')).statusCode, 200);
  });
});

describe('audit', () => {
  test('every step above is in the chain, the chain verifies, and administrators browse and export it', async () => {
    assert.deepEqual((await verifyAudit(t.db)).ok, true);
    for (const action of [
      'auth.sign_in',
      'auth.second_factor',
      'invitation.create',
      'invitation.accept',
      'token.create',
      'token.revoke',
      'auth.password_reset',
      'state.people.read',
      'auth.totp_enrolled',
      'user.register',
      'auth.email_verified',
    ]) {
      assert.ok(await count('select count(*)::int as n from audit_log where action = $1', [action]), `${action} is audited`);
    }
    const admin = await official(ADMIN);
    const page = await admin.get('/admin/audit?action=invitation.');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /invitation\.create/);
    assert.doesNotMatch(page.body, /<td>auth\.sign_in<\/td>/);
    assert.equal((await admin.get('/admin/audit?from=yesterday')).statusCode, 400);
    const csv = await admin.get('/admin/audit/export?format=csv&action=token.');
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    const lines = csv.body.trim().split('\r\n');
    assert.equal(lines[0], 'id,at,actor,action,entity,entity_id,origin,details,prev_hash,hash,hash_alg');
    assert.ok(lines.slice(1).every((l) => /,token\.(create|revoke),/.test(l)));
    const json = await admin.get('/admin/audit/export?format=json');
    assert.ok(json.json().data.length > 20);
    assert.ok(
      await count("select count(*)::int as n from audit_log where action = 'audit.export'"),
      'an export is itself audited',
    );
    const api = await admin.json('GET', '/api/v1/audit?action=auth.&cursor=999999');
    assert.equal(api.statusCode, 200);
    assert.ok(api.json().data.every((e: { action: string }) => e.action.startsWith('auth.')));
  });
});
