// What access that follows roles at every moment costs (issue 13), side by side in one run through the
// whole app (inject): the same API read with a session cookie (baseline) and with a token (which now also
// checks that its owner still has the second factor); an official's inbox, whose every view is now audited
// (one audit entry per view), against the same official's /api/v1/me (no audit); and taking a role back
// (the locks, the role, open invitations, the audit entry). Runs on PGlite, or PostgreSQL when
// TEST_DATABASE_URL is set. Prints Markdown.
import { performance } from 'node:perf_hooks';
import { buildApp } from '../src/app.ts';
import { sha256 } from '../src/modules/identity/totp.ts';
import { sessionFor } from '../test/support/auth.ts';
import { seededDb } from '../test/support/db.ts';
import { median, percentile } from './support.ts';

const REQUESTS = 300;
const REMOVALS = 100;
const mode = process.env.TEST_DATABASE_URL ? 'PostgreSQL 15' : 'PGlite';

const db = await seededDb();
const app = await buildApp({ config: { LOG_LEVEL: 'silent', TRUST_PROXY: false }, db, jobsIntervalMs: 3_600_000 });
await app.ready();
const POC = 'poc@xab.demo.cybernorms.example';
const session = await sessionFor(db, POC);
const [poc] = await db.query<{ id: string }>('select id from users where email_key = $1', [POC]);
const token = 'cn_bench_token_0123456789abcdefghijklmnopqrstuvwxyz';
await db.query(
  `insert into api_tokens (user_id, name, token_hash, scope, mfa, created_at, expires_at)
   values ($1, 'bench', $2, 'read', true, now(), now() + interval '1 day')`,
  [poc.id, sha256(token)],
);
// An inbox of 200 communications to Samplestan, so the list returns a full page of 50.
await db.query(
  `with t as (
     insert into threads (sender_state, created_by, type, urgency, tlp, subject, status, created_at, sent_at)
     select 'XAA', (select id from users where email_key = 'poc@xaa.demo.cybernorms.example'), 'notification', 'routine', 'amber',
            'Bench ' || g, 'open', now() - g * interval '1 minute', now() - g * interval '1 minute'
     from generate_series(1, 200) g returning id, sent_at)
   insert into thread_recipients (thread_id, state_code, status, ack_due, sent_at)
   select id, 'XAB', 'sent', sent_at + interval '3 days', sent_at from t`,
);

async function timed(url: string, headers: Record<string, string>) {
  const times: number[] = [];
  for (let i = 0; i < 20; i++) await app.inject({ url, headers });
  for (let i = 0; i < REQUESTS; i++) {
    const s = performance.now();
    const res = await app.inject({ url, headers });
    times.push(performance.now() - s);
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
  }
  return times;
}

const row = (name: string, times: number[], base?: number[]) =>
  `| ${name} | ${median(times).toFixed(2)} | ${percentile(times, 95).toFixed(2)} | ${base ? `${(median(times) / median(base)).toFixed(2)}×` : 'baseline'} |`;

const meSession = await timed('/api/v1/me', { cookie: session.cookie });
const meToken = await timed('/api/v1/me', { authorization: `Bearer ${token}` });
const inbox = await timed('/api/v1/communications?box=inbox', { cookie: session.cookie });

// Taking a role back: a fresh official each time, removed by Samplestan's focal point.
const focal = await sessionFor(db, 'focal@xab.demo.cybernorms.example');
const removals: number[] = [];
for (let i = 0; i < REMOVALS; i++) {
  const [u] = await db.query<{ id: string }>(
    `insert into users (email, email_key, display_name, state_code, email_verified_at) values ($1, $1, 'Bench', 'XAB', now()) returning id`,
    [`bench-${i}@example.org`],
  );
  await db.query(`insert into user_roles (user_id, role, state_code, granted_by) values ($1, 'poc_technical', 'XAB', 'bench')`, [
    u.id,
  ]);
  const s = performance.now();
  const res = await app.inject({
    method: 'DELETE',
    url: `/api/v1/states/XAB/people/${u.id}/roles/poc_technical`,
    headers: { cookie: focal.cookie },
  });
  removals.push(performance.now() - s);
  if (res.statusCode !== 200) throw new Error(`removal: ${res.statusCode} ${res.body}`);
}

console.log(`### Access per request (${mode}; ${REQUESTS} requests each, ${REMOVALS} removals, ms)\n`);
console.log('| request | p50 | p95 | p50 vs baseline |');
console.log('| --- | ---: | ---: | ---: |');
console.log(row('`GET /api/v1/me`, session cookie', meSession));
console.log(row('`GET /api/v1/me`, API token (second factor checked)', meToken, meSession));
console.log(row('`GET /api/v1/communications`, inbox of 50 (view audited)', inbox, meSession));
console.log(row('`DELETE …/people/<id>/roles/poc_technical` (locks, role, invitations, audit)', removals, meSession));
console.log();
await app.close();
await db.dispose();
