// The platform as a separate process, for the process tests and the benchmarks: start it, wait for it,
// stop it with SIGTERM and learn its exit code.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const root = path.resolve(import.meta.dirname, '../..');
export const tsxCli = path.join(root, 'node_modules/tsx/dist/cli.mjs');
/** tsx as a loader in the same process, so a signal reaches the server itself and not a wrapper. */
const tsxLoader = pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href;

/** Polls url until it answers 200; returns the milliseconds it took. Fails if the process exits first. */
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

/** Starts `src/main.ts` with env (which must set PORT); resolves when /readyz is 200. */
export async function startServer(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', tsxLoader, path.join(root, 'src/main.ts')], {
    env: { ...process.env, LOG_LEVEL: 'warn', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitFor(`http://127.0.0.1:${env.PORT}/readyz`, child);
  return child;
}

/** Sends SIGTERM and resolves with the exit code once the process has ended. */
export function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}
