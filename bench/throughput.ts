// Norm page throughput: GET /norms/c from the real app on the embedded database, against a bare node:http
// server returning the same bytes. Both loaded by autocannon from this (second) process, 50 connections,
// alternated app/bare for ROUNDS rounds of DURATION seconds each. Prints a Markdown table.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { freePort, median, root, startServer, stop } from './support.ts';

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

function load(url: string) {
  return new Promise<autocannon.Result>((resolve, reject) =>
    autocannon({ url, connections: 50, duration: DURATION }, (err, result) => (err ? reject(err) : resolve(result))),
  );
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'cn-bench-'));
const appPort = await freePort();
const barePort = await freePort();
const app = await startServer({ DATA_DIR: dataDir, PORT: String(appPort) });
const bytes = Buffer.from(await (await fetch(`http://127.0.0.1:${appPort}/norms/c`)).arrayBuffer());
const bodyFile = path.join(dataDir, 'norm-c.html');
writeFileSync(bodyFile, bytes);
const bare = fork(path.join(root, 'bench/bare-server.ts'), [bodyFile, String(barePort)], { execArgv: ['--import', 'tsx'] });
await new Promise((r) => bare.once('message', r));

const results: Record<'app' | 'bare', { rps: number; p99: number }[]> = { app: [], bare: [] };
await load(`http://127.0.0.1:${appPort}/norms/c`); // warm-up, not counted
for (let round = 0; round < ROUNDS; round++) {
  for (const which of ['app', 'bare'] as const) {
    const r = await load(`http://127.0.0.1:${which === 'app' ? appPort : barePort}/norms/c`);
    if (r.non2xx || r.errors) throw new Error(`${which}: ${r.non2xx} non-2xx, ${r.errors} errors`);
    results[which].push({ rps: r.requests.average, p99: r.latency.p99 });
  }
}
await stop(app);
bare.kill();
rmSync(dataDir, { recursive: true, force: true });

const appRps = median(results.app.map((r) => r.rps));
const bareRps = median(results.bare.map((r) => r.rps));
console.log(
  `Norm page throughput (${bytes.length} bytes, 50 connections, ${ROUNDS} alternated rounds of ${DURATION} s; medians)\n`,
);
console.log('| server | req/s | p99 latency (ms) | rounds (req/s) |');
console.log('| --- | ---: | ---: | --- |');
for (const which of ['app', 'bare'] as const) {
  const rs = results[which];
  console.log(
    `| ${which === 'app' ? 'cybernorms, GET /norms/c (PGlite)' : 'bare node:http, same bytes'} | ${Math.round(median(rs.map((r) => r.rps)))} | ${median(rs.map((r) => r.p99))} | ${rs.map((r) => Math.round(r.rps)).join(', ')} |`,
  );
}
console.log(`\nRatio app/bare: **${(appRps / bareRps).toFixed(2)}** (goal ≥ 0.5)`);
