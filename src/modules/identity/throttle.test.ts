// The sign-in throttle against parallel requests: each attempt is counted before the slow check, atomically,
// so a burst of requests sent at once for one account is limited exactly as the same requests sent one by
// one. Driven over a real listening port with fetch, on PGlite and on PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { anonymous, DEMO_PASSWORD, demo, FORM, form, sessionFor, type TestSession } from '../../../test/support/auth.ts';
import { byAccount, byAddress, createThrottle, ThrottledError, throttleDelayMs } from './throttle.ts';
import { sha256, totpCode } from './totp.ts';

let t: TestApp;
let base: string;
let now = Date.parse('2026-11-24T09:00:00Z');
const clock = () => new Date(now);

const EDITOR = 'editor@demo.cybernorms.example';
const FOCAL = 'focal@xaa.demo.cybernorms.example';
const ADMIN = 'admin@demo.cybernorms.example';
const POC = 'poc@xaa.demo.cybernorms.example';
const GOOD = 'lantern orchard velvet 42';
const BURST = 12;

before(async () => {
  t = await testApp({ clock });
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
after(async () => {
  await t.close();
});
beforeEach(async () => {
  // Each test starts from no failures, and a minute later than the last (TOTP codes are per 30 seconds).
  await t.db.query('delete from throttle');
  now += 60_000;
});

/** A form post over the network, as a browser sends it. */
async function post(path: string, s: TestSession, fields: Record<string, string> = {}) {
  const res = await fetch(base + path, {
    method: 'POST',
    headers: { ...FORM, cookie: s.cookie },
    body: form(s, fields),
    redirect: 'manual',
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.text() };
}

/** Sends every request at once and counts the answers by status. */
async function burst(make: (i: number) => Promise<{ status: number; retryAfter: string | null }>) {
  const answers = await Promise.all(Array.from({ length: BURST }, (_, i) => make(i)));
  const tally: Record<number, number> = {};
  for (const a of answers) tally[a.status] = (tally[a.status] ?? 0) + 1;
  for (const a of answers.filter((x) => x.status === 429)) assert.ok(Number(a.retryAfter) >= 1, 'a 429 says how long to wait');
  return tally;
}

const count = async (sql: string, params: unknown[] = []) => (await t.db.query<{ n: number }>(sql, params))[0].n;
const failures = async (key: string) =>
  (await t.db.query<{ failures: number }>('select failures from throttle where key = $1', [key]))[0]?.failures ?? 0;

/** Six-digit codes that are wrong for the secret now (not the code of this step nor of its neighbours). */
function wrongCodes(secret: string, n: number): string[] {
  const valid = new Set([-2, -1, 0, 1, 2].map((k) => totpCode(secret, new Date(now + k * 30_000))));
  const out: string[] = [];
  for (let i = 0; out.length < n; i++) {
    const c = String(100_000 + i * 7919).padStart(6, '0');
    if (!valid.has(c)) out.push(c);
  }
  return out;
}

describe('the throttle holds against parallel requests', () => {
  test('sign-in: twelve wrong passwords at once for one account: three are checked (401), nine are slowed (429)', async () => {
    const anon = anonymous();
    const refusedBefore = await count("select count(*)::int as n from audit_log where action = 'auth.sign_in_refused'");
    const tally = await burst(() => post('/sign-in', anon, { email: EDITOR, password: 'not the password at all' }));
    assert.deepEqual(tally, { 401: 3, 429: 9 });
    // Every refusal that was checked is audited; the slowed ones were not checked and count for nothing.
    assert.equal(
      await count("select count(*)::int as n from audit_log where action = 'auth.sign_in_refused'"),
      refusedBefore + 3,
    );
    assert.equal(await failures(`sign-in:account:${EDITOR}`), 3);
    assert.equal(await failures('sign-in:ip:127.0.0.1'), 3);

    // A second later one more try is allowed; then the wait doubles.
    now += 1_000;
    assert.equal((await post('/sign-in', anon, { email: EDITOR, password: DEMO_PASSWORD })).status, 303);
    // Success forgives the account, and the address's count is as it was.
    assert.equal(await failures(`sign-in:account:${EDITOR}`), 0);
    assert.equal(await failures('sign-in:ip:127.0.0.1'), 3);
  });

  test('sign-in: a burst from one address over many accounts is limited after ten', async () => {
    const anon = anonymous();
    const tally = await burst((i) =>
      post('/sign-in', anon, { email: `nobody${i}@example.org`, password: 'not the password at all' }),
    );
    assert.deepEqual(tally, { 401: 10, 429: 2 });
  });

  test('the two-factor step: twelve wrong codes at once: three are checked (400), nine are slowed (429)', async () => {
    const pending = await sessionFor(t.db, FOCAL, { mfa: false, at: clock() });
    const codes = wrongCodes(demo(FOCAL).totpSecret as string, BURST);
    const tally = await burst((i) => post('/sign-in/code', pending, { code: codes[i] }));
    assert.deepEqual(tally, { 400: 3, 429: 9 });
    const user = demo(FOCAL);
    const [{ id }] = await t.db.query<{ id: string }>('select id from users where email_key = $1', [user.email]);
    assert.equal(
      await count("select count(*)::int as n from audit_log where action = 'auth.second_factor_refused' and entity_id = $1", [
        id,
      ]),
      3,
    );
    now += 1_000;
    const ok = await post('/sign-in/code', pending, { code: totpCode(user.totpSecret as string, clock()) });
    assert.equal(ok.status, 303);
    assert.equal(await failures(`code:account:${id}`), 0);
  });

  test('recovery codes: twelve wrong codes at once to renew them: three are checked, nine are slowed', async () => {
    const session = await sessionFor(t.db, ADMIN, { at: clock() });
    const before = await t.db.query<{ code_hash: string }>(
      'select code_hash from recovery_codes r join users u on u.id = r.user_id where u.email_key = $1 order by 1',
      [ADMIN],
    );
    const codes = wrongCodes(demo(ADMIN).totpSecret as string, BURST);
    const tally = await burst((i) => post('/account/recovery-codes', session, { code: codes[i] }));
    assert.deepEqual(tally, { 400: 3, 429: 9 });
    const afterwards = await t.db.query<{ code_hash: string }>(
      'select code_hash from recovery_codes r join users u on u.id = r.user_id where u.email_key = $1 order by 1',
      [ADMIN],
    );
    assert.deepEqual(afterwards, before);
  });

  test('registration: twelve at once from one address: ten are accepted, two are slowed', async () => {
    const anon = anonymous();
    const users = await count('select count(*)::int as n from users');
    const tally = await burst((i) =>
      post('/register', anon, { email: `burst${i}@example.org`, displayName: `Burst ${i}`, password: GOOD }),
    );
    assert.deepEqual(tally, { 200: 10, 429: 2 });
    assert.equal(await count('select count(*)::int as n from users'), users + 10);
  });

  test('password reset request: twelve at once for one account: three links are sent, nine are slowed', async () => {
    const anon = anonymous();
    const links = `select count(*)::int as n from email_links l join users u on u.id = l.user_id
                   where u.email_key = $1 and l.purpose = 'reset'`;
    const before = await count(links, [POC]);
    const tally = await burst(() => post('/password/forgot', anon, { email: POC }));
    assert.deepEqual(tally, { 200: 3, 429: 9 });
    assert.equal(await count(links, [POC]), before + 3);
  });

  test('password reset: twelve wrong links at once from one address: ten are refused (410), two are slowed', async () => {
    const anon = anonymous();
    const tally = await burst((i) => post(`/password/reset/not-a-real-link-${i}`, anon, { password: GOOD }));
    assert.deepEqual(tally, { 410: 10, 429: 2 });
  });

  test('password reset: one link used twelve times at once: one sets the password, two more are checked, nine are slowed', async () => {
    const anon = anonymous();
    const token = `reset-link-for-the-burst-test-${now}`;
    await t.db.query(
      `insert into email_links (token_hash, purpose, user_id, created_at, expires_at)
       select $1, 'reset', id, $2, $3 from users where email_key = $4`,
      [sha256(token), clock().toISOString(), new Date(now + 3600_000).toISOString(), POC],
    );
    const tally = await burst(() => post(`/password/reset/${token}`, anon, { password: GOOD }));
    assert.deepEqual(tally, { 200: 1, 410: 2, 429: 9 });
    assert.equal(
      await count(
        "select count(*)::int as n from audit_log where action = 'auth.password_reset' and entity_id = (select id::text from users where email_key = $1)",
        [POC],
      ),
      1,
    );
  });
});

describe('the throttle itself', () => {
  let at = Date.parse('2026-12-01T09:00:00Z');
  const throttle = () => createThrottle({ db: t.db, clock: () => new Date(at) });
  /** The seconds reserve asks to wait, or 0 when the attempt was counted. */
  const attempt = async (keys: Parameters<ReturnType<typeof createThrottle>['reserve']>[0]) => {
    try {
      await throttle().reserve(keys);
      return 0;
    } catch (err) {
      if (err instanceof ThrottledError) return err.retryAfter;
      throw err;
    }
  };

  test('the delays in SQL are throttleDelayMs: 3 free, then 1 s, 2 s, 4 s … up to 15 minutes; an hour forgets', async () => {
    const key = byAccount('unit', 'sequence');
    for (let i = 0; i < 3; i++) assert.equal(await attempt([key]), 0);
    for (let failures = 3; failures < 20; failures++) {
      const delay = throttleDelayMs(failures, 3);
      assert.equal(delay, Math.min(1000 * 2 ** (failures - 3), 15 * 60_000));
      assert.equal(await attempt([key]), delay / 1000, `after ${failures} failures`);
      at += delay - 1;
      assert.equal(await attempt([key]), 1, `1 ms before the end of ${delay} ms`);
      at += 1;
      assert.equal(await attempt([key]), 0, `${delay} ms after ${failures} failures`);
    }
    assert.equal(await failures(key.key), 20);
    at += 3600_000 + 1;
    assert.equal(await attempt([key]), 0);
    assert.equal(await failures(key.key), 1, 'failures older than an hour are forgotten');
  });

  test('an address has ten free failures', async () => {
    const key = byAddress('unit', '192.0.2.1');
    for (let i = 0; i < 10; i++) assert.equal(await attempt([key]), 0);
    assert.equal(await attempt([key]), 1);
  });

  test('forty reservations at once on one account: exactly three are counted', async () => {
    const key = byAccount('unit', 'parallel');
    const waits = await Promise.all(Array.from({ length: 40 }, () => attempt([key])));
    assert.equal(waits.filter((w) => w === 0).length, 3);
    assert.equal(await failures(key.key), 3);
  });

  test('a reservation over two keys counts on both or on neither', async () => {
    const address = byAddress('unit', '192.0.2.2');
    const account = byAccount('unit', 'both');
    const waits = await Promise.all(Array.from({ length: 20 }, () => attempt([address, account])));
    assert.equal(waits.filter((w) => w === 0).length, 3);
    assert.equal(await failures(account.key), 3);
    assert.equal(await failures(address.key), 3, 'the refused ones counted nothing on the address');
    // Success forgives the account and gives back one attempt of the address.
    await throttle().succeeded([address, account]);
    assert.equal(await failures(account.key), 0);
    assert.equal(await failures(address.key), 2);
  });
});
