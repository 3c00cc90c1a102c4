// Discussion, lessons and editing at scale: 200 published comments (threaded) under norm (c) and under a
// lesson. Side by side in one run, through the whole app: the norm page for a signed-out reader (cached
// page + cached discussion), for a signed-in member (discussion rendered per request), and the pillars
// page (a cached page with no discussion) as the baseline; a lesson page; an editor's save (revision,
// search index rebuilt, audit); and the Markdown renderer on a 5 000-character comment. Runs on PGlite, or
// PostgreSQL when TEST_DATABASE_URL is set. Prints Markdown.
import { performance } from 'node:perf_hooks';
import { buildApp } from '../src/app.ts';
import { renderComment } from '../src/platform/markdown.ts';
import { sessionFor } from '../test/support/auth.ts';
import { seededDb } from '../test/support/db.ts';
import { median, percentile } from './support.ts';

const REQUESTS = 300;
const COMMENTS = 200;
const mode = process.env.TEST_DATABASE_URL ? 'PostgreSQL 15' : 'PGlite';

const db = await seededDb();
const app = await buildApp({ config: { LOG_LEVEL: 'silent', TRUST_PROXY: false }, db, jobsIntervalMs: 3_600_000 });
await app.ready();
const [{ id: memberId }] = await db.query<{ id: string }>(
  "select id from users where email_key = 'member@demo.cybernorms.example'",
);
for (const [kind, id] of [
  ['norm', 'c'],
  ['lesson', 'un-process-origins'],
]) {
  // Every fifth comment is a reply to the one before it.
  await db.query(
    `insert into comments (target_kind, target_id, author_id, body, status, created_at)
     select $1, $2, $3, 'Comment ' || g || ': our **CERT** acknowledges within two hours; see https://example.org/' || g, 'published', now()
     from generate_series(1, $4) g`,
    [kind, id, memberId, COMMENTS],
  );
}
await db.query(
  `update comments c set parent_id = c.id - 1 where c.id % 5 = 0 and exists (select 1 from comments p where p.id = c.id - 1 and p.target_id = c.target_id)`,
);
const member = await sessionFor(db, 'member@demo.cybernorms.example');
const editor = await sessionFor(db, 'editor@demo.cybernorms.example');

async function timed(url: string, cookie?: string) {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 20; i++) await app.inject({ url, headers: cookie ? { cookie } : {} });
  for (let i = 0; i < REQUESTS; i++) {
    const s = performance.now();
    const res = await app.inject({ url, headers: cookie ? { cookie } : {} });
    times.push(performance.now() - s);
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode}`);
    bytes = res.rawPayload.length;
  }
  return { p50: median(times), p95: percentile(times, 95), bytes };
}

const rows: [string, Awaited<ReturnType<typeof timed>>][] = [
  ['baseline: /pillars (cached page, no discussion)', await timed('/pillars')],
  [`/norms/c, ${COMMENTS} comments, signed out`, await timed('/norms/c')],
  [`/norms/c, ${COMMENTS} comments, signed-in member`, await timed('/norms/c', member.cookie)],
  [`lesson page, ${COMMENTS} comments, signed out`, await timed('/learn/un-process/un-process-origins')],
  [`lesson page, ${COMMENTS} comments, signed-in member`, await timed('/learn/un-process/un-process-origins', member.cookie)],
];

const saves: number[] = [];
const [{ definition }] = await db.query<{ definition: string }>("select definition from glossary_terms where slug = 'poc'");
for (let i = 0; i < 30; i++) {
  const s = performance.now();
  const res = await app.inject({
    method: 'PUT',
    url: '/api/v1/content/glossary/poc',
    headers: { cookie: editor.cookie, 'content-type': 'application/json' },
    payload: JSON.stringify({ fields: { term: 'Point of contact', definition: `${definition} (${i})` }, note: `Bench ${i}` }),
  });
  saves.push(performance.now() - s);
  if (res.statusCode !== 200) throw new Error(`save: ${res.statusCode} ${res.body}`);
}

const long = Array.from(
  { length: 50 },
  (_, i) => `Paragraph ${i} with *emphasis*, a [link](https://example.org/${i}) and \`code\`.`,
)
  .join('\n\n')
  .slice(0, 5000);
const renders: number[] = [];
for (let i = 0; i < 2000; i++) {
  const s = performance.now();
  renderComment(`${long.slice(0, 4990)} ${i}`); // a new text each time: the renderer remembers texts it has seen
  renders.push(performance.now() - s);
}

console.log(`### Discussion, lessons and editing (${mode}; ${COMMENTS} comments per page, ${REQUESTS} requests each)\n`);
console.log('| page | p50 (ms) | p95 (ms) | bytes | p50 / baseline |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const [label, r] of rows)
  console.log(`| ${label} | ${r.p50.toFixed(2)} | ${r.p95.toFixed(2)} | ${r.bytes} | ${(r.p50 / rows[0][1].p50).toFixed(1)}× |`);
console.log(
  `\nAn editor's save (revision, search index rebuilt, audit; 30 saves): median **${median(saves).toFixed(0)} ms**, p95 ${percentile(saves, 95).toFixed(0)} ms.`,
);
console.log(
  `\nMarkdown, a ${long.length}-character comment rendered 2 000 times: median **${median(renders).toFixed(3)} ms**, p95 ${percentile(renders, 95).toFixed(3)} ms.`,
);
await app.close();
await db.dispose();
