// What each test file pays before its first test: a migrated, seeded database. Side by side in one run:
// building it from nothing (what every file did before) and copying the one built per run (a load of the
// dumped data directory on PGlite, a database created from a template on PostgreSQL). Runs on PGlite, or
// PostgreSQL when TEST_DATABASE_URL is set. Prints Markdown.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { emptyDb, migrateAndSeed, onPostgres, seededDb } from '../test/support/db.ts';
import { median } from './support.ts';

const RUNS = Number(process.env.RUNS ?? 5);
const mode = onPostgres ? 'PostgreSQL 15' : 'PGlite';
const dir = mkdtempSync(path.join(tmpdir(), 'cn-bench-setup-'));
const template = onPostgres ? 'cn_bench_template' : path.join(dir, 'template.tar');

const built = performance.now();
execFileSync('node', ['--import', 'tsx', 'test/support/template.ts', template], { stdio: 'inherit' });
const buildMs = performance.now() - built;

async function time(make: () => Promise<{ dispose: () => Promise<void> }>) {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const s = performance.now();
    const db = await make();
    times.push(performance.now() - s);
    await db.dispose();
  }
  return times;
}

const fresh = await time(async () => {
  const db = await emptyDb();
  await migrateAndSeed(db);
  return db;
});
process.env[onPostgres ? 'TEST_TEMPLATE_DB' : 'TEST_PGLITE_TEMPLATE'] = template;
const copied = await time(() => seededDb());
rmSync(dir, { recursive: true, force: true });

console.log(`### A test file's database (${mode}; ${RUNS} each, ms)\n`);
console.log('| how | median | vs building it |');
console.log('| --- | ---: | ---: |');
console.log(`| migrate and seed from nothing (before) | ${median(fresh).toFixed(0)} | 1× |`);
console.log(`| copy the run's template (now) | ${median(copied).toFixed(0)} | ${(median(copied) / median(fresh)).toFixed(2)}× |`);
console.log(`| building the template, once per run | ${buildMs.toFixed(0)} | — |`);
console.log();
