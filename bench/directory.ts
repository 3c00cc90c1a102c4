// The directory at world scale: 193 States × 4 points of contact. (1) A communication check over all of
// them, through the API: time to create the round, and until every mail has reached a local SMTP server,
// against the baseline of sending the same number of mails straight to that server (no database, no
// outbox). (2) With ten years of monthly rounds in the database (120 rounds, 92 640 tasks): the round
// report page and a State's history page, each rendered 200 times through the whole app, against the
// norm page as the baseline in the same run. Runs on PGlite, or PostgreSQL when TEST_DATABASE_URL is set.
// Prints Markdown.
import { performance } from 'node:perf_hooks';
import { buildApp } from '../src/app.ts';
import { smtpTransport } from '../src/platform/mail.ts';
import { sessionFor } from '../test/support/auth.ts';
import { seededDb } from '../test/support/db.ts';
import { startSmtp } from '../test/support/smtp.ts';
import { median, percentile } from './support.ts';

const REQUESTS = 200;
const PER_STATE = 4;
const YEARS = 10;
const mode = process.env.TEST_DATABASE_URL ? 'PostgreSQL 15' : 'PGlite';

const smtp = await startSmtp();
const db = await seededDb();
const app = await buildApp({
  config: { LOG_LEVEL: 'silent', TRUST_PROXY: false },
  db,
  mail: smtp.transport,
  publicUrl: 'http://127.0.0.1:3000',
  jobsIntervalMs: 3_600_000,
});
await app.ready();

// Four contacts for each UN member State, two diplomatic and two technical, as the directory would hold.
const states = (await db.query<{ code: string }>("select code from states where status = 'member' order by code")).map(
  (s) => s.code,
);
const since = new Date(Date.now() - (YEARS * 12 + 1) * 30 * 86_400_000).toISOString();
await db.query(
  `with made as (
     insert into contacts (state_code, created_at, created_by)
     select s, $2, 'system:bench' from unnest($1::text[]) s, generate_series(1, ${PER_STATE}) n returning id, state_code)
   insert into contact_versions (contact_id, version, effective_from, kind, name, position, institution, email, phone, languages,
                                 time_zone, all_day, hours, networks, changed_by, changed_at)
   select id, 1, $2, case when row_number() over (partition by state_code order by id) <= 2 then 'diplomatic' else 'technical' end,
          'Contact ' || lower(state_code) || ' ' || row_number() over (partition by state_code order by id), 'Officer', 'Ministry',
          'poc' || row_number() over (partition by state_code order by id) || '@' || lower(state_code) || '.bench.example',
          '+41000000000', '{en}', 'UTC', true, '', '{GLOBAL}', 'system:bench', $2
   from made`,
  [states, since],
);
const [{ n: contacts }] = await db.query<{ n: number }>('select count(*)::int as n from contacts');

const manager = await sessionFor(db, 'manager@demo.cybernorms.example');
const headers = { cookie: manager.cookie, 'content-type': 'application/json' };

// (1) The round over every contact, and its mail.
const mailsBefore = smtp.received.length;
const t0 = performance.now();
const started = await app.inject({
  method: 'POST',
  url: '/api/v1/ping-rounds',
  headers,
  payload: {
    title: 'World check',
    scope: { kind: 'all' },
    deadline: new Date(Date.now() + 14 * 86_400_000).toISOString(),
    reminderHours: 72,
  },
});
const created = performance.now() - t0;
if (started.statusCode !== 201) throw new Error(`round: ${started.statusCode} ${started.body}`);
const { id: roundId, contacts: asked } = started.json();
while (smtp.received.length - mailsBefore < asked) await new Promise((r) => setTimeout(r, 20));
const delivered = performance.now() - t0;

// Baselines: the same number of mails sent one after another straight to the SMTP server, on one pooled
// connection as the platform does, and with a new connection for each mail as it did before.
async function directly(pool: boolean) {
  const direct = smtpTransport(smtp.url, 'bench <bench@cybernorms.invalid>', { pool });
  const s = performance.now();
  for (let i = 0; i < asked; i++)
    await direct.send({ id: String(i), to: `poc${i}@bench.example`, subject: 'Direct', text: 'Baseline.' });
  direct.close?.();
  return performance.now() - s;
}
const baseline = await directly(true);
const unpooled = await directly(false);

console.log(`### Communication check over ${states.length} States × ${PER_STATE} contacts (${mode})\n`);
console.log('| step | contacts | time (s) |');
console.log('| --- | ---: | ---: |');
console.log(`| create the round (API, one transaction: tasks, mails queued, jobs) | ${asked} | ${(created / 1000).toFixed(2)} |`);
console.log(`| … until every mail reached the SMTP server | ${asked} | ${(delivered / 1000).toFixed(2)} |`);
console.log(
  `| baseline: the same number of mails sent directly on one connection, no database | ${asked} | ${(baseline / 1000).toFixed(2)} |`,
);
console.log(
  `| baseline: sent directly with a new connection for each mail (the platform before pooling) | ${asked} | ${(unpooled / 1000).toFixed(2)} |`,
);
console.log(
  `\nRatio through the outbox / direct on one connection: **${(delivered / baseline).toFixed(2)}×**; ` +
    `a new connection per mail / pooled: **${(unpooled / baseline).toFixed(1)}×** (${contacts} contacts in the directory).\n`,
);

// (2) Ten years of monthly rounds over the same contacts, about 85 % answered within days.
await db.query(`select setseed(0.42)`);
await db.query(
  `insert into ping_rounds (title, scope, started_at, deadline, reminder_hours, created_by, closed_at)
   select 'Monthly check ' || to_char(d, 'YYYY-MM'), '{"kind":"all"}', d, d + interval '14 days', 72, 'system:bench', d + interval '14 days'
   from generate_series(now() - interval '${YEARS * 12} months', now() - interval '1 month', interval '1 month') d`,
);
await db.query(
  `insert into ping_tasks (round_id, contact_id, state_code, kind, email, name, token_hash, created_at, confirmed_at, confirmed_via, reminders)
   select r.id, c.id, c.state_code, v.kind, v.email, v.name, md5(r.id::text || c.id::text) || md5(c.id::text || r.id::text), r.started_at,
          case when x.p < 0.85 then r.started_at + x.q * interval '10 days' end,
          case when x.p < 0.85 then case when x.p < 0.5 then 'link' else 'platform' end end,
          case when x.p < 0.85 then 0 else 4 end
   from ping_rounds r cross join contacts c
   join contact_versions v on v.contact_id = c.id and v.version = 1
   cross join lateral (select random() as p, random() * random() as q) x
   where r.created_by = 'system:bench'`,
);
await db.query('analyze ping_tasks');
await db.query('analyze ping_rounds');
const [{ n: tasks }] = await db.query<{ n: number }>('select count(*)::int as n from ping_tasks');
const [old] = await db.query<{ id: string }>(
  "select id from ping_rounds where created_by = 'system:bench' order by started_at desc limit 1",
);

async function timed(url: string) {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 20; i++) await app.inject({ url, headers }); // warm-up, not counted
  for (let i = 0; i < REQUESTS; i++) {
    const s = performance.now();
    const res = await app.inject({ url, headers });
    times.push(performance.now() - s);
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode}`);
    bytes = res.rawPayload.length;
  }
  return { p50: median(times), p95: percentile(times, 95), max: Math.max(...times), bytes };
}

const rows: [string, Awaited<ReturnType<typeof timed>>][] = [
  ['baseline: norm page /norms/c', await timed('/norms/c')],
  ['round report page (last month, 772 contacts)', await timed(`/directory/rounds/${old.id}`)],
  ['round report page (the world check just sent)', await timed(`/directory/rounds/${roundId}`)],
  ['round report, API', await timed(`/api/v1/ping-rounds/${old.id}`)],
  ['State history page (KEN, 121 rounds)', await timed('/directory/states/KEN/pings')],
  ['State history, API', await timed('/api/v1/directory/states/KEN/pings')],
];
console.log(
  `### Report and history pages, ${YEARS} years of monthly rounds: ${tasks} tasks (${mode}, ${REQUESTS} requests each, ms)\n`,
);
console.log('| page | p50 | p95 | max | bytes | p95 / baseline |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
const basis = rows[0][1].p95;
for (const [label, r] of rows)
  console.log(
    `| ${label} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.max.toFixed(1)} | ${r.bytes} | ${(r.p95 / basis).toFixed(1)}× |`,
  );
const report = rows[1][1].p95;
console.log(`\nGoal report page p95 ≤ 100 ms: **${report <= 100 ? 'met' : 'not met'}** (${report.toFixed(1)} ms).`);

await app.close();
await db.dispose();
await smtp.close();
