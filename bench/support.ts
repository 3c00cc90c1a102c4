// Shared helpers for the benchmarks: free ports, starting the real server on a data directory, statistics.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

export { freePort } from '../test/support/net.ts';

export const root = path.resolve(import.meta.dirname, '..');
export const tsxCli = path.join(root, 'node_modules/tsx/dist/cli.mjs');

export async function waitFor(url: string, child: ChildProcess, timeoutMs = 120_000) {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`process exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).status === 200) return Date.now() - start;
    } catch {}
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${url} did not answer`);
}

/** Starts `src/main.ts` on the given data directory and port; resolves when /readyz is 200. */
export async function startServer(env: Record<string, string>) {
  const child = spawn(process.execPath, [tsxCli, path.join(root, 'src/main.ts')], {
    env: { ...process.env, LOG_LEVEL: 'warn', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitFor(`http://127.0.0.1:${env.PORT}/readyz`, child);
  return child;
}

export function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export const median = (values: number[]) => percentile(values, 50);
