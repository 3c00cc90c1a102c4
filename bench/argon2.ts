// Password hashing cost: argon2id with the platform's parameters against the library's defaults as the
// baseline, in one run. Prints a Markdown table (median and p95 of 25 hashes, and of 25 verifications).
import { hash, verify } from '@node-rs/argon2';
import { ARGON2_PARAMS } from '../src/modules/identity/passwords.ts';

const RUNS = 25;
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];

async function measure(label: string, options: object) {
  const hashes: number[] = [];
  const verifies: number[] = [];
  let stored = '';
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    stored = await hash(`benchmark password ${i}`, options);
    hashes.push(performance.now() - t0);
    const t1 = performance.now();
    await verify(stored, `benchmark password ${i}`);
    verifies.push(performance.now() - t1);
  }
  const params = stored.split('$')[3];
  console.log(
    `| ${label} | ${params} | ${pct(hashes, 50).toFixed(0)} | ${pct(hashes, 95).toFixed(0)} | ${pct(verifies, 50).toFixed(0)} |`,
  );
  return pct(hashes, 50);
}

console.log('| parameters | argon2id | hash p50 (ms) | hash p95 (ms) | verify p50 (ms) |');
console.log('| --- | --- | ---: | ---: | ---: |');
const base = await measure('library default (baseline)', { algorithm: 2 });
const ours = await measure('cybernorms (ARGON2_PARAMS)', ARGON2_PARAMS);
console.log(
  `\nRatio ours/default: **${(ours / base).toFixed(1)}×**; goal 50–250 ms per hash: **${ours >= 50 && ours <= 250 ? 'met' : 'not met'}** (${ours.toFixed(0)} ms).`,
);
