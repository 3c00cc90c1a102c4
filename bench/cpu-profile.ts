// Where a CPU profile's time goes: self time by package (or source folder) and by function, heaviest first,
// counted only while requests were served (from the first to the last sample in a function of a file whose
// path contains --window, by default the norm page's handler), so start-up is left out.
// Usage: npx tsx bench/cpu-profile.ts <file.cpuprofile> [--requests=N] [--rows=N] [--window=knowledge.pages]
// With the number of requests served in that window, also the CPU microseconds per request. Profiles come
// from BENCH_PROFILE=<dir> npx tsx bench/throughput.ts (the bare server's: --window=bare-server).
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
const [file, ...flags] = process.argv.slice(2);
const flag = (name: string, fallback: string) =>
  flags.find((f) => f.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const requests = Number(flag('requests', '0'));
const rows = Number(flag('rows', '25'));
const windowFile = flag('window', 'knowledge.pages');
const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const byId = new Map(profile.nodes.map((n) => [n.id, n]));

// The serving window: sample times of the first and last sample in the window's file.
const times: number[] = [];
let clock = 0;
for (const delta of profile.timeDeltas) {
  clock += delta;
  times.push(clock);
}
const marked = profile.samples.flatMap((id, i) => (byId.get(id)?.callFrame.url.includes(windowFile) ? [i] : []));
const [from, to] = marked.length ? [marked[0], marked[marked.length - 1]] : [0, profile.samples.length - 1];

// Shares are of the time the process was busy: idle time is left out.
const self = new Map<number, number>();
for (let i = from; i <= to; i++) {
  const id = profile.samples[i];
  if (byId.get(id)?.callFrame.functionName === '(idle)') continue;
  self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
}
const total = [...self.values()].reduce((a, b) => a + b, 0);

/** node_modules/<package> or the source folder, so the table says whose code it is. */
function owner(url: string) {
  if (!url) return '(native)';
  if (url.startsWith('wasm://')) return '(WebAssembly: PGlite)';
  const m = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (m) return m[1];
  if (url.startsWith('node:')) return url;
  const src = url.match(/\/((?:src|bench)\/[^/]+(?:\/[^/]+)?)\//) ?? url.match(/\/((?:src|bench)\/[^/]+)$/);
  return src ? src[1] : url.replace(/^.*\//, '');
}

function table(title: string, key: (n: Node) => string) {
  const sums = new Map<string, number>();
  for (const [id, t] of self) {
    const k = key(byId.get(id) as Node);
    sums.set(k, (sums.get(k) ?? 0) + t);
  }
  const perRequest = (t: number) => (requests ? ` ${(t / requests).toFixed(1)} |` : '');
  console.log(`\n| ${title} | self ms | share |${requests ? ' µs per request |' : ''}`);
  console.log(`| --- | ---: | ---: |${requests ? ' ---: |' : ''}`);
  for (const [k, t] of [...sums].sort((a, b) => b[1] - a[1]).slice(0, rows))
    console.log(`| ${k} | ${(t / 1000).toFixed(0)} | ${((100 * t) / total).toFixed(1)} % |${perRequest(t)}`);
  console.log(`| all | ${(total / 1000).toFixed(0)} | 100 % |${perRequest(total)}`);
}

const span = ((times[to] ?? 0) - (times[from] ?? 0)) / 1e6;
console.log(`${file}: ${span.toFixed(1)} s served (window: ${windowFile}), ${(total / 1e6).toFixed(1)} s busy`);
table('package or folder', (n) => owner(n.callFrame.url));
table('function', (n) =>
  `${n.callFrame.functionName || '(anonymous)'} ${owner(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`.trim(),
);
