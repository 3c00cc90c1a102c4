// Search latency: 200 varied queries over the seeded content plus 10 000 generated documents, timed one by
// one through the search service (SQL, ranking, highlighting). Runs on PGlite, or on PostgreSQL when
// TEST_DATABASE_URL is set (bench/run.sh starts a throwaway cluster). Prints one Markdown table row.

import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { openDb } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { insertDocuments } from '../src/modules/search/search.queries.ts';
import { createSearchService } from '../src/modules/search/search.service.ts';
import { withAudit } from '../src/platform/audit.ts';
import { seedContent } from '../src/seed.ts';
import { createPostgresDatabase } from '../test/support/db.ts';
import { percentile } from './support.ts';

const GENERATED = 10_000;
const QUERIES = 200;

// A deterministic pseudo-random sequence, so every run searches the same corpus with the same queries.
let state = 42;
const rand = () => {
  state = (state * 1103515245 + 12345) % 2 ** 31;
  return state / 2 ** 31;
};
const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];

const target = process.env.TEST_DATABASE_URL ? await createPostgresDatabase() : null;
const db = withAudit(await openDb(target ? { url: target.url } : { memory: true }), { key: randomBytes(32) });
await migrate(db);
await seedContent(db, { actor: 'system:bench', origin: 'bench' });

const vocabulary = [
  ...new Set(
    (await db.query<{ body: string }>('select body from search_documents')).flatMap(
      (r) => r.body.toLowerCase().match(/[a-z]{4,}/g) ?? [],
    ),
  ),
];
const docs = Array.from({ length: GENERATED }, (_, i) => ({
  kind: 'generated',
  ref: String(i),
  title: Array.from({ length: 5 }, () => pick(vocabulary)).join(' '),
  body: Array.from({ length: 60 + Math.floor(rand() * 120) }, () => pick(vocabulary)).join(' '),
  url: `/generated/${i}`,
}));
await insertDocuments(db, docs);
await db.query('analyze search_documents');

const shapes = [
  () => pick(vocabulary),
  () => `${pick(vocabulary)} ${pick(vocabulary)}`,
  () => `"${pick(vocabulary)} ${pick(vocabulary)}"`,
  () => `${pick(vocabulary)} or ${pick(vocabulary)}`,
  () => `${pick(vocabulary)} -${pick(vocabulary)}`,
  () =>
    pick([
      'critical infrastructure',
      'points of contact',
      'attribution',
      'supply chain',
      'human rights',
      'vulnerability disclosure',
    ]),
  () => `${pick(vocabulary)}zz`,
];
const queries = Array.from({ length: QUERIES }, (_, i) => shapes[i % shapes.length]());
const search = createSearchService({ db });
for (const q of queries.slice(0, 20)) await search.search(q); // warm-up

const times: number[] = [];
let hits = 0;
for (const q of queries) {
  const start = performance.now();
  const result = await search.search(q);
  times.push(performance.now() - start);
  hits += result.total;
}
await db.close();
await target?.drop();

const fmt = (n: number) => n.toFixed(1);
console.log(
  `| ${target ? 'PostgreSQL 15' : 'PGlite'} | ${GENERATED} + seeded | ${QUERIES} | ${fmt(percentile(times, 50))} | ${fmt(percentile(times, 95))} | ${fmt(Math.max(...times))} | ${Math.round(hits / QUERIES)} |`,
);
