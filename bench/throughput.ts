// Norm page throughput: GET /norms/c from the real app on the embedded database, against a bare node:http
// server returning the same response (the app's bytes and headers), as a browser asks (`Accept-Encoding:
// br, gzip`: the app's Brotli bytes) and without the header (the plain HTML); and, for reference, against a
// bare server sending the same bytes with only four headers. All loaded by autocannon from this (second)
// process, 50 connections, alternated servers and plain/compressed for ROUNDS rounds of DURATION seconds
// each. Prints a Markdown table. BENCH_PROFILE=<dir> writes the app's CPU profile there (node --cpu-prof).
import { fork, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { freePort, median, root, startServer, stop, waitFor } from './support.ts';

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PAGE = '/norms/c';
const RUNS = { plain: undefined, compressed: 'br, gzip' } as const;
type Run = keyof typeof RUNS;
/** BENCH_ONLY=plain or compressed runs one of them (to profile it alone). */
const runs = (Object.keys(RUNS) as Run[]).filter((r) => !process.env.BENCH_ONLY || r === process.env.BENCH_ONLY);

function load(url: string, acceptEncoding: string | undefined) {
  const headers: Record<string, string> = acceptEncoding ? { 'accept-encoding': acceptEncoding } : {};
  return new Promise<autocannon.Result>((resolve, reject) =>
    autocannon({ url, connections: 50, duration: DURATION, headers }, (err, result) => (err ? reject(err) : resolve(result))),
  );
}

/** Headers made per response, which the bare server makes itself. */
const PER_RESPONSE = ['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding'];

/** The response's bytes as sent (fetch would decode them), its content-encoding and its other headers. */
function raw(url: string, acceptEncoding: string | undefined) {
  return new Promise<{ body: Buffer; encoding: string | undefined; headers: Record<string, unknown> }>((resolve, reject) =>
    request(url, { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} }, (res) => {
      const chunks: Buffer[] = [];
      const headers = Object.fromEntries(Object.entries(res.headers).filter(([k]) => !PER_RESPONSE.includes(k)));
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ body: Buffer.concat(chunks), encoding: res.headers['content-encoding'], headers }));
      res.on('error', reject);
    })
      .on('error', reject)
      .end(),
  );
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'cn-bench-'));
const appPort = await freePort();
const barePort = await freePort();
const minimalPort = await freePort();
const profileDir = process.env.BENCH_PROFILE ? path.resolve(process.env.BENCH_PROFILE) : undefined;
const app = await startServer({ DATA_DIR: dataDir, PORT: String(appPort) });
// To profile serving rather than the first start's seeding, the profiled app starts on the seeded data.
if (profileDir) await stop(app);
const profiled = profileDir ? await startProfiled() : app;

/** The app as startServer starts it, under node --cpu-prof (which NODE_OPTIONS may not carry). */
async function startProfiled() {
  const child = spawn(
    process.execPath,
    ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--import', 'tsx', path.join(root, 'src/main.ts')],
    {
      env: { ...process.env, LOG_LEVEL: 'warn', HOST: '127.0.0.1', DATA_DIR: dataDir, PORT: String(appPort) },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  await waitFor(`http://127.0.0.1:${appPort}/readyz`, child);
  return child;
}
const appUrl = `http://127.0.0.1:${appPort}${PAGE}`;
const plain = await raw(appUrl, undefined);
const compressed = await raw(appUrl, RUNS.compressed);
if (plain.encoding || compressed.encoding !== 'br')
  throw new Error(`unexpected encodings: ${plain.encoding ?? 'none'} and ${compressed.encoding ?? 'none'}`);
const plainFile = path.join(dataDir, 'norm-c.html');
const brFile = path.join(dataDir, 'norm-c.html.br');
writeFileSync(plainFile, plain.body);
writeFileSync(brFile, compressed.body);
const headersFile = path.join(dataDir, 'norm-c.headers.json');
writeFileSync(headersFile, JSON.stringify({ plain: plain.headers, br: compressed.headers }));
const startBare = (port: number, withHeaders: boolean) => {
  const child = fork(
    path.join(root, 'bench/bare-server.ts'),
    [plainFile, brFile, String(port), ...(withHeaders ? [headersFile] : [])],
    { execArgv: [...(profileDir && withHeaders ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}/bare`] : []), '--import', 'tsx'] },
  );
  return new Promise<typeof child>((r) => child.once('message', () => r(child)));
};
const bare = await startBare(barePort, true);
const minimal = await startBare(minimalPort, false);
const SERVERS = {
  app: { label: 'cybernorms (PGlite)', port: appPort, child: () => profiled },
  bare: { label: 'bare node:http, same response (bytes and headers)', port: barePort, child: () => bare },
  minimal: { label: 'bare node:http, same bytes, four headers', port: minimalPort, child: () => minimal },
} as const;
type Server = keyof typeof SERVERS;

/** The CPU time (user + system) a process has used so far, in microseconds, from /proc (clock ticks of 10 ms). */
function cpuMicros(pid: number) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / 100;
}

type Sample = { rps: number; p99: number; requests: number; cpuPerRequest: number };
const results: Record<Run, Record<Server, Sample[]>> = {
  plain: { app: [], bare: [], minimal: [] },
  compressed: { app: [], bare: [], minimal: [] },
};
for (const run of runs) await load(appUrl, RUNS[run]); // warm-up, not counted
for (let round = 0; round < ROUNDS; round++) {
  for (const run of runs) {
    for (const which of Object.keys(SERVERS) as Server[]) {
      const pid = SERVERS[which].child().pid as number;
      const cpuBefore = cpuMicros(pid);
      const r = await load(`http://127.0.0.1:${SERVERS[which].port}${PAGE}`, RUNS[run]);
      if (r.non2xx || r.errors) throw new Error(`${which}, ${run}: ${r.non2xx} non-2xx, ${r.errors} errors`);
      results[run][which].push({
        rps: r.requests.average,
        p99: r.latency.p99,
        requests: r.requests.total,
        cpuPerRequest: (cpuMicros(pid) - cpuBefore) / r.requests.total,
      });
    }
  }
}
await stop(profiled);
for (const child of [bare, minimal]) {
  await new Promise((r) => {
    child.once('exit', r);
    child.kill('SIGINT'); // SIGINT lets --cpu-prof write its profile
  });
}
rmSync(dataDir, { recursive: true, force: true });

console.log(
  `Norm page throughput (${PAGE}: ${plain.body.length} bytes plain, ${compressed.body.length} bytes Brotli; ` +
    `50 connections, ${ROUNDS} alternated rounds of ${DURATION} s; medians)\n`,
);
console.log(
  '| request | server | req/s | p99 latency (ms) | rounds (req/s) | app / this (req/s) | CPU µs per request | this / app (CPU) |',
);
console.log('| --- | --- | ---: | ---: | --- | ---: | ---: | ---: |');
for (const run of runs) {
  const rps = (which: Server) => median(results[run][which].map((r) => r.rps));
  const cpu = (which: Server) => median(results[run][which].map((r) => r.cpuPerRequest));
  for (const which of Object.keys(SERVERS) as Server[]) {
    const rs = results[run][which];
    const ratios =
      which === 'app'
        ? ['', cpu('app').toFixed(0), '']
        : [`**${(rps('app') / rps(which)).toFixed(2)}**`, cpu(which).toFixed(0), `**${(cpu(which) / cpu('app')).toFixed(2)}**`];
    console.log(
      `| ${run === 'plain' ? 'no Accept-Encoding' : `Accept-Encoding: ${RUNS[run]}`} | ${SERVERS[which].label} | ${Math.round(rps(which))} | ${median(rs.map((r) => r.p99))} | ${rs.map((r) => Math.round(r.rps)).join(', ')} | ${ratios[0]} | ${ratios[1]} | ${ratios[2]} |`,
    );
  }
}
console.log(
  `\nThe app's response carries ${Object.keys(compressed.headers).length + 1} headers (security headers, vary, content-language, ` +
    'cache-control…). Goal: app / bare (same response) ≥ 0.8 in both runs. The CPU columns (the server process, from /proc) are ' +
    'the steadier measure on a busy machine: a server that needs twice the CPU per request serves half as many on its core.',
);
if (profileDir) {
  const served = (which: Server) => runs.reduce((n, run) => n + results[run][which].reduce((m, r) => m + r.requests, 0), 0);
  console.log(
    `\nCPU profiles: the app's in ${profileDir} (${served('app')} requests counted, plus the warm-up), ` +
      `the bare server's in ${profileDir}/bare (${served('bare')} requests). npx tsx bench/cpu-profile.ts <file> --requests=N (the bare one: --window=bare-server)`,
  );
}
