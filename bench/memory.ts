// What the server needs in memory: resident set (RSS) and its peak (VmHWM) from /proc, on the embedded
// database (PGlite) or, under scripts/with-postgres.sh (TEST_DATABASE_URL), on a new PostgreSQL database. Measured when the
// first start (create, migrate, seed) is ready, after SETTLE_S seconds idle, after a restart on the existing
// data, and after serving every public page REQUESTS times in each of two languages (steady state).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createPostgresDatabase } from '../test/support/db.ts';
import { freePort, startServer, stop } from './support.ts';

const SETTLE_S = Number(process.env.BENCH_SETTLE_S ?? 30);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 100);
const PAGES = ['/', '/norms', '/norms/c', '/pillars', '/cbms', '/frameworks', '/actors', '/glossary', '/timeline'];
const PAGES_MORE = ['/states', '/search?q=critical+infrastructure', '/map', '/learn', '/api/v1/norms'];
const target = process.env.TEST_DATABASE_URL ? await createPostgresDatabase() : null;

function memory(pid: number) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))?.[1]) / 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}
const settle = () => new Promise((r) => setTimeout(r, SETTLE_S * 1000));

const dataDir = mkdtempSync(path.join(tmpdir(), 'cn-memory-'));
const rows: [string, { rss: number; peak: number }][] = [];
const env = () => ({ DATA_DIR: dataDir, ...(target ? { DATABASE_URL: target.url } : {}) });

let port = await freePort();
let app = await startServer({ ...env(), PORT: String(port) });
rows.push(['first start (create, migrate, seed), when ready', memory(app.pid as number)]);
await settle();
rows.push([`first start, after ${SETTLE_S} s idle`, memory(app.pid as number)]);
await stop(app);

port = await freePort();
app = await startServer({ ...env(), PORT: String(port) });
rows.push(['restart on the existing data, when ready', memory(app.pid as number)]);
for (let i = 0; i < REQUESTS; i++)
  await Promise.all(
    [...PAGES, ...PAGES_MORE].flatMap((p) =>
      ['en', 'fr'].map(async (lang) => {
        const res = await fetch(`http://127.0.0.1:${port}${p}${p.includes('?') ? '&' : '?'}lang=${lang}`, {
          headers: { 'accept-encoding': 'br, gzip' },
        });
        if (!res.ok) throw new Error(`${p}: ${res.status}`);
        await res.arrayBuffer();
      }),
    ),
  );
rows.push([`after ${REQUESTS} × ${(PAGES.length + PAGES_MORE.length) * 2} page requests`, memory(app.pid as number)]);
await settle();
rows.push([`then ${SETTLE_S} s idle (steady)`, memory(app.pid as number)]);
await stop(app);
rmSync(dataDir, { recursive: true, force: true });
await target?.drop();

const db = target ? 'PostgreSQL 15 server' : 'embedded (PGlite)';
console.log(`| ${db}: server process | RSS (MB) | peak RSS so far (MB) |`);
console.log('| --- | ---: | ---: |');
for (const [what, m] of rows) console.log(`| ${what} | ${m.rss.toFixed(0)} | ${m.peak.toFixed(0)} |`);
