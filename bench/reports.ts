// National reports at world scale: 193 States × 4 cycles of full reports (every question answered, public),
// about 63 000 answers. The map page and the compare page (10 States) rendered 200 times each through the
// whole app, against the norm page as the baseline in the same run; and the PDF export of a full report,
// 20 times. Runs on PGlite, or PostgreSQL when TEST_DATABASE_URL is set. Prints Markdown.
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { buildApp } from '../src/app.ts';
import { seededDb } from '../test/support/db.ts';
import { median, percentile } from './support.ts';

const REQUESTS = 200;
const PDFS = 20;
const mode = process.env.TEST_DATABASE_URL ? 'PostgreSQL 15' : 'PGlite';

const db = await seededDb();
const app = await buildApp({ config: { LOG_LEVEL: 'silent', TRUST_PROXY: false }, db, jobsIntervalMs: 3_600_000 });
await app.ready();

const t0 = performance.now();
await db.query('insert into report_cycles (year, opened_at) values (2023, now()) on conflict do nothing');
await db.query(
  `insert into reports (state_code, cycle, version, status, visibility, created_at, updated_at, submitted_at)
   select s.code, c.year, 1, 'submitted', 'public', now(), now(), now()
   from states s cross join report_cycles c where s.status = 'member' and c.year between 2023 and 2026
   on conflict (state_code, cycle) do nothing`,
);
// Every question answered: all options but a few (varying by State), a paragraph, two pieces of evidence.
await db.query(
  `insert into report_answers (report_id, question, value, updated_at, updated_by)
   select r.id, q->>'key',
     case q->>'kind'
       when 'text' then to_jsonb('The State adopted measures, consulted stakeholders and reviewed them in ' || r.cycle || '. '
                                 || repeat('Further detail on the implementation and its results. ', 4))
       when 'choices' then coalesce((select jsonb_agg(o->'id') from jsonb_array_elements(q->'options') with ordinality as x(o, n)
                                     where (n + ascii(r.state_code)) % 3 <> 0), '[]'::jsonb)
       else jsonb_build_array(
         jsonb_build_object('title', 'National strategy ' || r.cycle, 'url', 'https://example.org/' || lower(r.state_code) || '/strategy', 'date', r.cycle || '-03-01', 'inProgress', false),
         jsonb_build_object('title', 'Implementation plan', 'url', 'https://example.org/' || lower(r.state_code) || '/plan', 'date', null, 'inProgress', true))
     end,
     now(), 'system:bench'
   from reports r cross join jsonb_array_elements((select questions from questionnaire_versions where version = 1)) q
   where r.cycle between 2023 and 2026
   on conflict do nothing`,
);
await db.query('analyze report_answers');
await db.query('analyze reports');
const [{ n: answers }] = await db.query<{ n: number }>('select count(*)::int as n from report_answers');
const [{ n: reports }] = await db.query<{ n: number }>('select count(*)::int as n from reports');
const filled = (performance.now() - t0) / 1000;

async function timed(url: string) {
  const times: number[] = [];
  let bytes = 0;
  let gz = 0;
  for (let i = 0; i < 20; i++) await app.inject(url);
  for (let i = 0; i < REQUESTS; i++) {
    const s = performance.now();
    const res = await app.inject(url);
    times.push(performance.now() - s);
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode}`);
    bytes = res.rawPayload.length;
    gz = gzipSync(res.rawPayload).length;
  }
  return { p50: median(times), p95: percentile(times, 95), bytes, gz };
}

const ten = ['KEN', 'FRA', 'BRA', 'IND', 'AUS', 'CAN', 'EGY', 'JPN', 'MEX', 'NGA'].join(',');
const rows: [string, Awaited<ReturnType<typeof timed>>][] = [
  ['baseline: norm page /norms/c', await timed('/norms/c')],
  ['map, norm c, 2026 (193 shapes, chart, table)', await timed('/map?norm=c&cycle=2026')],
  ['compare, 10 States, 2026', await timed(`/compare?states=${ten}&cycle=2026`)],
  ['a full public report page (KEN 2026)', await timed('/states/KEN/reports/2026')],
];

const pdfTimes: number[] = [];
let pdfBytes = 0;
for (let i = 0; i < PDFS; i++) {
  const s = performance.now();
  const res = await app.inject('/states/KEN/reports/2026/export?format=pdf');
  pdfTimes.push(performance.now() - s);
  if (res.statusCode !== 200) throw new Error(`pdf: ${res.statusCode}`);
  pdfBytes = res.rawPayload.length;
}

console.log(
  `### Reports: ${reports} full reports (193 States × 4 cycles), ${answers} answers (${mode}; written in ${filled.toFixed(0)} s)\n`,
);
console.log('| page | p50 (ms) | p95 (ms) | bytes | gzip | p95 / baseline |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const [label, r] of rows)
  console.log(
    `| ${label} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.bytes} | ${r.gz} | ${(r.p95 / rows[0][1].p95).toFixed(1)}× |`,
  );
console.log(
  `\nPDF export of a full report (${PDFS} times): median **${median(pdfTimes).toFixed(0)} ms**, p95 ${percentile(pdfTimes, 95).toFixed(0)} ms, ${Math.round(pdfBytes / 1024)} KB.`,
);
const worst = Math.max(rows[1][1].p95, rows[2][1].p95);
console.log(
  `\nGoals: map and compare p95 ≤ 100 ms **${worst <= 100 ? 'met' : 'not met'}** (${worst.toFixed(1)} ms); PDF ≤ 1 s **${median(pdfTimes) <= 1000 ? 'met' : 'not met'}**.`,
);
await app.close();
await db.dispose();
