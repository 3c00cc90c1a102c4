// Cold start: from `npm start` to the first 200 of GET /norms/c on an existing data directory, and the
// server's resident memory once started (from its own /metrics), over RUNS runs. The baseline in the same
// run is a bare `node -e` HTTP server started the same way, to separate Node's own start-up cost.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, median, root, startServer, stop, waitFor } from './support.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const dataDir = mkdtempSync(path.join(tmpdir(), 'cn-cold-'));
const seedPort = await freePort();
await stop(await startServer({ DATA_DIR: dataDir, PORT: String(seedPort) })); // creates, migrates and seeds

const starts: number[] = [];
const rss: number[] = [];
const bare: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const port = await freePort();
  const npm = spawn('npm', ['start', '--silent'], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: 'ignore',
    detached: true,
  });
  starts.push(await waitFor(`http://127.0.0.1:${port}/norms/c`, npm));
  const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  rss.push(Number(metrics.match(/^process_resident_memory_bytes (\d+)/m)?.[1]) / 2 ** 20);
  process.kill(-npm.pid!, 'SIGTERM');
  await new Promise((r) => npm.once('exit', r));
  await new Promise((r) => setTimeout(r, 300)); // let the lock file go

  const barePort = await freePort();
  const node = spawn(process.execPath, ['-e', `require('http').createServer((q,s)=>s.end('ok')).listen(${barePort})`], {
    stdio: 'ignore',
  });
  bare.push(await waitFor(`http://127.0.0.1:${barePort}/`, node));
  node.kill();
}
rmSync(dataDir, { recursive: true, force: true });

console.log('| measure | median | runs |');
console.log('| --- | ---: | --- |');
console.log(`| \`npm start\` → first 200 of /norms/c (existing ./data, PGlite) | ${median(starts)} ms | ${starts.join(', ')} |`);
console.log(`| bare \`node -e\` http server → first 200 (baseline) | ${median(bare)} ms | ${bare.join(', ')} |`);
console.log(
  `| resident memory after start (PGlite) | ${median(rss).toFixed(0)} MB | ${rss.map((r) => r.toFixed(0)).join(', ')} |`,
);
