// What each test file pays before its first test: a migrated, seeded database. Side by side in one run:
// building it from nothing (what every file did first), and copying the one built per run: on PGlite
// loading a dump of its data directory into memory (the first way) and copying the data directory itself
// (now); on PostgreSQL a database created from a template. Each copy then runs the same small workload
// (300 transactions of an insert and a read) to show that where the copy lives does not slow its queries.
// Runs on PGlite, or PostgreSQL when TEST_DATABASE_URL is set. Prints Markdown.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Db, Queryable } from '../src/db/client.ts';
import { emptyDb, migrateAndSeed, onPostgres, seededDb } from '../test/support/db.ts';
import { median } from './support.ts';

const RUNS = Number(process.env.RUNS ?? 5);
const mode = onPostgres ? 'PostgreSQL 15' : 'PGlite';
const dir = mkdtempSync(path.join(tmpdir(), 'cn-bench-setup-'));
const template = onPostgres ? 'cn_bench_template' : path.join(dir, 'template');
const dump = path.join(dir, 'template.tar');
if (!onPostgres) mkdirSync(template);

const built = performance.now();
execFileSync('node', ['--import', 'tsx', 'test/support/template.ts', template], { stdio: 'inherit' });
const buildMs = performance.now() - built;
if (!onPostgres) execFileSync('node', ['--import', 'tsx', 'test/support/template.ts', dump], { stdio: 'inherit' });

type TestDb = Queryable & { dispose: () => Promise<void> };

/** 300 small transactions, as a test file's requests make them. */
async function workload(db: TestDb & { transaction: Db['transaction'] }) {
  await db.query('create table bench_rows (id serial primary key, v text)');
  for (let i = 0; i < 300; i++)
    await db.transaction(async (tx) => {
      await tx.query('insert into bench_rows (v) values ($1)', ['x'.repeat(100)]);
      await tx.query('select count(*) from norms');
    });
}

async function time(make: () => Promise<TestDb>) {
  const open: number[] = [];
  const work: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const s = performance.now();
    const db = (await make()) as TestDb & { transaction: Db['transaction'] };
    open.push(performance.now() - s);
    const w = performance.now();
    await workload(db);
    work.push(performance.now() - w);
    await db.dispose();
  }
  return { open, work };
}

const fresh = await time(async () => {
  const db = await emptyDb();
  await migrateAndSeed(db);
  return db;
});
const ways: [string, { open: number[]; work: number[] }][] = [['migrate and seed from nothing (first)', fresh]];
if (!onPostgres) {
  process.env.TEST_PGLITE_TEMPLATE = dump;
  ways.push(['load a dump of the template into memory (second)', await time(() => seededDb())]);
}
process.env[onPostgres ? 'TEST_TEMPLATE_DB' : 'TEST_PGLITE_TEMPLATE'] = template;
ways.push([
  onPostgres ? 'create from the template (now)' : 'copy the template’s data directory (now)',
  await time(() => seededDb()),
]);
rmSync(dir, { recursive: true, force: true });

console.log(`### A test file's database (${mode}; ${RUNS} each, medians in ms)\n`);
console.log('| how | ready | vs building it | 300 transactions | vs building it |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const [how, t] of ways)
  console.log(
    `| ${how} | ${median(t.open).toFixed(0)} | ${(median(t.open) / median(fresh.open)).toFixed(2)}× | ${median(t.work).toFixed(0)} | ${(median(t.work) / median(fresh.work)).toFixed(2)}× |`,
  );
console.log(`| building the template, once per run | ${buildMs.toFixed(0)} | — | — | — |`);
console.log();
