// Shared helpers for the benchmarks: the process helpers the tests use, and statistics.
export { freePort } from '../test/support/net.ts';
export { root, startServer, stop, tsxCli, waitFor } from '../test/support/process.ts';

export function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export const median = (values: number[]) => percentile(values, 50);
