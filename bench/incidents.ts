// The incident record at scale (issue 18): 10 000 published incidents with three claims each (two States and a
// company), targets, types, sectors and a norm at stake, beside the shipped ones. Times, in one run: the
// filtered list page and API (by year, type, target, norm, contested), an incident page, and the STIX 2.1 export
// of the whole public record; the baseline is the norm page (cached) in the same run. Runs on PGlite, or on
// PostgreSQL when TEST_DATABASE_URL is set (scripts/with-postgres.sh). Prints Markdown rows.
import { performance } from 'node:perf_hooks';
import { buildApp } from '../src/app.ts';
import { seededDb } from '../test/support/db.ts';
import { median, percentile } from './support.ts';

const INCIDENTS = Number(process.env.INCIDENTS ?? 10_000);
const REQUESTS = Number(process.env.REQUESTS ?? 100);
const mode = process.env.TEST_DATABASE_URL ? 'PostgreSQL 15' : 'PGlite';

const db = await seededDb();
const app = await buildApp({ config: { LOG_LEVEL: 'silent', TRUST_PROXY: false }, db, jobsIntervalMs: 3_600_000 });
await app.ready();

const TYPES = ['data_theft', 'disruption', 'ransomware', 'hijacking_with_misuse'];
const SECTORS = ['energy', 'healthcare', 'government', 'finance'];
const TARGETS = ['KEN', 'FRA', 'BRA', 'IND', 'UKR', 'XAA'];
await db.query(
  `insert into incidents (title, summary, status, types, targets, sectors, started_on, started_precision, created_at, updated_at, published_at)
   select 'Bench incident ' || g, 'A generated incident for the benchmark, number ' || g || '.', 'published',
          array[($2::text[])[1 + g % 4]], array[($4::text[])[1 + g % 6]], array[($3::text[])[1 + g % 4]],
          date '2016-01-01' + (g % 3650), 'day', now(), now(), now()
     from generate_series(1, $1::int) g`,
  [INCIDENTS, TYPES, SECTORS, TARGETS],
);
await db.query(
  `insert into incident_claims (incident_id, position, claimant_kind, claimant_states, claimant_name, claimed_on, basis,
                                attributed_kind, attributed_state, source_url, created_at)
   select i.id, p, case when p = 2 then 'company' else 'state' end,
          case when p = 2 then '{}'::text[] else array[case when p = 0 then 'XAA' else 'XAB' end] end,
          case when p = 2 then 'Bench Security' else '' end, '2024-01-02', 'political_statement', 'state',
          case when p = 1 and i.title like '%3' then 'CHN' else 'RUS' end,
          'https://example.org/claim/' || p, now()
     from incidents i cross join generate_series(0, 2) p where i.title like 'Bench incident %'`,
);
await db.query(
  `insert into incident_norms (incident_id, norm_letter, basis, rationale)
   select id, (array['b','c','f','h','k'])[1 + (abs(hashtext(title)) % 5)], 'editors', 'Generated.'
     from incidents where title like 'Bench incident %'`,
);
// Written behind the service's back, so each incident's stored contested mark is set as migration 0024 sets it
// (decision 75; the service sets it on every write): one in ten is contested (its second claim names CHN).
await db.query(
  `update incidents i set contested =
     coalesce((select count(distinct coalesce(c.attributed_state, lower(c.attributed_actor))) > 1
                 from incident_claims c where c.incident_id = i.id and c.attributed_kind <> 'unknown'), false)
     or exists (select 1 from incident_responses r where r.incident_id = i.id and r.stance = 'denies')
   where i.title like 'Bench incident %'`,
);
if (db.kind === 'pglite') await db.query('analyze');

const [{ id: one }] = await db.query<{ id: string }>("select id::text from incidents where title = 'Bench incident 5000'");
const urls: Record<string, string[]> = {
  'norm page /norms/c (baseline, cached)': ['/norms/c'],
  'list page, filtered (year, type, target, norm, contested)': [
    '/incidents?year=2020',
    '/incidents?type=ransomware',
    '/incidents?target=KEN',
    '/incidents?norm=f',
    '/incidents?contested=yes',
    '/incidents?year=2019&type=disruption',
  ],
  'list API, same filters': [
    '/api/v1/incidents?year=2020',
    '/api/v1/incidents?type=ransomware',
    '/api/v1/incidents?target=KEN',
    '/api/v1/incidents?norm=f',
    '/api/v1/incidents?contested=yes',
  ],
  'incident page': [`/incidents/${one}`],
  'incident API': [`/api/v1/incidents/${one}`],
};

console.log(`| ${mode}, ${INCIDENTS} incidents × 3 claims | requests | p50 ms | p95 ms | KB |`);
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const [label, list] of Object.entries(urls)) {
  const times: number[] = [];
  let bytes = 0;
  for (const url of list) {
    const warm = await app.inject(url);
    if (warm.statusCode !== 200) throw new Error(`${url}: ${warm.statusCode} ${warm.body.slice(0, 200)}`);
  }
  for (let i = 0; i < REQUESTS; i++) {
    const url = list[i % list.length];
    const s = performance.now();
    const res = await app.inject(url);
    times.push(performance.now() - s);
    bytes += res.rawPayload.length;
  }
  console.log(
    `| ${label} | ${REQUESTS} | ${median(times).toFixed(1)} | ${percentile(times, 95).toFixed(1)} | ${Math.round(bytes / REQUESTS / 1024)} |`,
  );
}
const exports: number[] = [];
let size = 0;
for (let i = 0; i < 3; i++) {
  const s = performance.now();
  const res = await app.inject('/api/v1/incidents/stix');
  exports.push(performance.now() - s);
  if (res.statusCode !== 200) throw new Error(`stix: ${res.statusCode}`);
  size = res.rawPayload.length;
}
console.log(
  `| STIX 2.1 export of the whole public record | 3 | ${median(exports).toFixed(0)} | ${Math.max(...exports).toFixed(0)} | ${Math.round(size / 1024)} |`,
);
await app.close();
await db.dispose();
