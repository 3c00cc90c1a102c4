// The TAXII 2.1 server at scale (issue 18): 10 000 published incidents with three claims each (two States and a
// company, each attributing to a State), about 50 000 STIX objects in the public collection. The first read
// copies the whole record into the store (timed once); then pages of 1 000 objects, 200 of them, followed
// by `next` from start to end and again, by `added_after`, and with `match[type]=relationship`; and a read
// when nothing changed. Runs on PGlite, or PostgreSQL when TEST_DATABASE_URL is set. Prints Markdown.
import { performance } from 'node:perf_hooks';
import { buildApp } from '../src/app.ts';
import { createIncidentsService } from '../src/modules/incidents/index.ts';
import { createTaxiiService, PUBLIC_COLLECTION_ID, TAXII_ROOT } from '../src/modules/taxii/index.ts';
import { ANONYMOUS } from '../src/platform/access.ts';
import { seededDb } from '../test/support/db.ts';
import { median, percentile } from './support.ts';

const INCIDENTS = Number(process.env.INCIDENTS ?? 10_000);
const REQUESTS = 200;
const mode = process.env.TEST_DATABASE_URL ? 'PostgreSQL 15' : 'PGlite';
const ACCEPT = { accept: 'application/taxii+json;version=2.1' };
const objects = `${TAXII_ROOT}collections/${PUBLIC_COLLECTION_ID}/objects/`;

const db = await seededDb();
const app = await buildApp({ config: { LOG_LEVEL: 'silent', TRUST_PROXY: false }, db, jobsIntervalMs: 3_600_000 });
await app.ready();

await db.query(
  `insert into incidents (title, status, started_on, started_precision, created_at, updated_at, published_at)
   select 'Bench incident ' || g, 'published', date '2020-01-01' + (g % 1500), 'day', now(), now(), now()
     from generate_series(1, $1::int) g`,
  [INCIDENTS],
);
await db.query(
  `insert into incident_claims (incident_id, position, claimant_kind, claimant_states, claimant_name, claimed_on, basis,
                                attributed_kind, attributed_state, source_url, created_at)
   select i.id, p, case when p = 2 then 'company' else 'state' end,
          case when p = 2 then '{}'::text[] else array[case when p = 0 then 'XAA' else 'XAB' end] end,
          case when p = 2 then 'Bench Security' else '' end, '2024-01-02', 'political_statement', 'state', 'KEN',
          'https://example.org/claim/' || p, now()
     from incidents i cross join generate_series(0, 2) p where i.title like 'Bench incident %'`,
);
// Told as the app tells it, and waited for: on PostgreSQL the event comes back through NOTIFY a moment later.
const heard = new Promise<void>((resolve) => {
  const off = app.events.subscribe((e) => {
    if (e.topic === 'incidents') {
      off();
      resolve();
    }
  });
});
await app.events.publish({ topic: 'incidents', id: '', states: [] });
await heard;

const get = (url: string) => app.inject({ url, headers: ACCEPT });
const t0 = performance.now();
const first = await get(`${objects}?limit=1`);
const copy = performance.now() - t0;
if (first.statusCode !== 200) throw new Error(first.body);
const [{ n: stored }] = await db.query<{ n: number }>('select count(*)::int as n from taxii_objects');

/** p50 and p95 of REQUESTS pages of 1 000, walking the collection with `how` and starting over at its end. */
async function pages(how: 'next' | 'added_after' | 'type') {
  const times: number[] = [];
  let cursor = '';
  let bytes = 0;
  while (times.length < REQUESTS) {
    const q =
      how === 'next'
        ? cursor && `&next=${cursor}`
        : how === 'added_after'
          ? cursor && `&added_after=${cursor}`
          : `&match[type]=relationship${cursor && `&next=${cursor}`}`;
    const s = performance.now();
    const res = await get(`${objects}?limit=1000${q}`);
    times.push(performance.now() - s);
    if (res.statusCode !== 200) throw new Error(res.body);
    bytes += res.rawPayload.length;
    const body = JSON.parse(res.body) as { more?: boolean; next?: string };
    cursor = !body.more ? '' : how === 'added_after' ? String(res.headers['x-taxii-date-added-last']) : (body.next as string);
  }
  return { p50: median(times), p95: percentile(times, 95), kb: bytes / times.length / 1024 };
}

const rows: string[] = [];
for (const how of ['next', 'added_after', 'type'] as const) {
  const r = await pages(how);
  const label =
    how === 'next' ? 'following `next`' : how === 'added_after' ? 'polling `added_after`' : '`match[type]=relationship`, `next`';
  rows.push(
    `| ${mode} | ${stored} | 1 000 objects, ${label} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${Math.round(r.kb)} |`,
  );
}
const idle: number[] = [];
for (let i = 0; i < REQUESTS; i++) {
  const s = performance.now();
  await get(`${objects}?limit=1`);
  idle.push(performance.now() - s);
}
rows.push(
  `| ${mode} | ${stored} | 1 object, nothing changed since | ${median(idle).toFixed(1)} | ${percentile(idle, 95).toFixed(1)} | — |`,
);

// One incident changed (a new modified), then the read that copies it: the record is exported whole again and
// compared with what the store holds. Side by side in one run, alternating: a copy that remembers the versions
// the store holds and writes only what changed (the server's), and one that sends every object to the store
// to be refused there (before stop 17). Each copy is timed from the change to the read's answer.
const incidents = createIncidentsService({ db, clock: () => new Date(), publicUrl: 'http://localhost' });
const copier = (remember: boolean) =>
  createTaxiiService({
    db,
    clock: () => new Date(),
    events: app.events,
    remember,
    sources: {
      incidents: async () => (await incidents.stixAll()).objects,
      communications: async () => [],
      states: async () => [],
    },
  });
const copiers = { remembering: copier(true), 'sending all': copier(false) };
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const copyTimes: Record<string, number[]> = { remembering: [], 'sending all': [] };
for (let round = -1; round < ROUNDS; round++) {
  for (const [name, taxii] of Object.entries(copiers)) {
    await db.query(
      `update incidents set title = title || '.', updated_at = now()
        where id = (select id from incidents where title like 'Bench incident %' order by random() limit 1)`,
    );
    taxii.changed('incidents');
    const s = performance.now();
    await taxii.objects(ANONYMOUS, PUBLIC_COLLECTION_ID, { limit: '1' });
    if (round >= 0) copyTimes[name].push(performance.now() - s); // round -1 warms each up
  }
}
const [mine, base] = [median(copyTimes.remembering), median(copyTimes['sending all'])];

console.log(
  `First read after ${INCIDENTS} incidents were published, copying them into the store (${mode}): ${(copy / 1000).toFixed(1)} s.`,
);
console.log();
console.log('| database | objects | page | p50 ms | p95 ms | KB per page |');
console.log('| --- | ---: | --- | ---: | ---: | ---: |');
for (const r of rows) console.log(r);
console.log();
console.log(`One incident changed, then a read (${mode}, median of ${ROUNDS} alternated rounds each):`);
console.log();
console.log('| copy | median s | min s | max s |');
console.log('| --- | ---: | ---: | ---: |');
for (const [name, times] of Object.entries(copyTimes))
  console.log(
    `| ${name === 'remembering' ? 'remembering what the store holds (now)' : 'sending every object to the store (before)'} | ${(median(times) / 1000).toFixed(2)} | ${(Math.min(...times) / 1000).toFixed(2)} | ${(Math.max(...times) / 1000).toFixed(2)} |`,
  );
console.log();
console.log(`Ratio, now to before: ${(mine / base).toFixed(2)}.`);
await app.close();
await db.dispose();
