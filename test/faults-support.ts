// What the fault tests (test/faults-*.test.ts) share: the platform as a process whose log is kept, a
// data directory or database to start it on (a copy of the run's template where there is one), signing in,
// and a PostgreSQL cluster of a test's own, to stop, freeze and thaw without disturbing other tests.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { totpCode } from '../src/modules/identity/totp.ts';
import { TEST_AUDIT_KEY } from './support/db.ts';
import { freePort } from './support/net.ts';
import { root } from './support/process.ts';

const tsxLoader = pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href;

export interface Server {
  child: ChildProcess;
  base: string;
  port: number;
  /** Everything the process wrote to stdout and stderr so far. */
  log: () => string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
}

/** Starts `src/main.ts` with env; resolves at once (see ready()). */
export async function spawnServer(env: Record<string, string>): Promise<Server> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const child = spawn(process.execPath, ['--import', tsxLoader, path.join(root, 'src/main.ts')], {
    env: { ...(process.env as Record<string, string>), LOG_LEVEL: 'warn', HOST: '127.0.0.1', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, port, base: `http://127.0.0.1:${port}`, log: () => out, exited };
}

/** Waits until /readyz answers 200; fails if the process exits first or it takes longer than timeoutMs. */
export async function ready(server: Server, timeoutMs = 120_000) {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (server.child.exitCode !== null) throw new Error(`process exited with ${server.child.exitCode}:\n${server.log()}`);
    try {
      if ((await fetch(`${server.base}/readyz`)).status === 200) return;
    } catch {}
    await sleep(50);
  }
  throw new Error(`${server.base}/readyz did not answer 200:\n${server.log()}`);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until test() is true, polling; fails with what after timeoutMs. */
export async function until(test: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000) {
  const start = Date.now();
  while (!(await test())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

export async function stopServer(server: Server) {
  if (server.child.exitCode === null) server.child.kill('SIGTERM');
  return server.exited;
}

/**
 * The environment for a server on a seeded database of the mode under test: on PostgreSQL a database made
 * from the run's template (or an empty one, seeded at first start); on PGlite a data directory holding a
 * copy of the template's (or nothing, seeded at first start). The audit key is the one the template's
 * chain was written with. `dataDir` may be given (a small file system, say).
 */
export async function seededEnv(opts: { dataDir?: string; postgres: boolean }) {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(tmpdir(), 'cn-faults-'));
  const env: Record<string, string> = { DATA_DIR: dataDir, DEMO_DATA: 'true' };
  let drop: (() => Promise<void>) | undefined;
  if (opts.postgres) {
    const { createPostgresDatabase } = await import('./support/db.ts');
    const created = await createPostgresDatabase(process.env.TEST_TEMPLATE_DB);
    env.DATABASE_URL = created.url;
    drop = created.drop;
  } else {
    const template = process.env.TEST_PGLITE_TEMPLATE;
    if (template && statSync(template).isDirectory())
      cpSync(path.join(template, 'pgdata'), path.join(dataDir, 'pgdata'), { recursive: true });
  }
  if (process.env.TEST_TEMPLATE_DB || process.env.TEST_PGLITE_TEMPLATE) env.AUDIT_KEY = TEST_AUDIT_KEY.toString('hex');
  return {
    env,
    dataDir,
    dispose: async () => {
      await drop?.();
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const cookieOf = (res: Response) => String(res.headers.get('set-cookie')).split(';')[0];

/** Signs a demo account in (password, then the second factor where it has one); returns its session cookie. */
export async function signIn(base: string, email: string, totpSecret?: string): Promise<string> {
  const page = await fetch(`${base}/sign-in`);
  let cookie = cookieOf(page);
  const res = await fetch(`${base}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrfOf(await page.text()), email, password: 'demo-password-2026' }),
  });
  if (res.status !== 303) throw new Error(`sign-in answered ${res.status}: ${await res.text()}`);
  cookie = cookieOf(res);
  if (!totpSecret) return cookie;
  const codePage = await fetch(`${base}/sign-in/code`, { headers: { cookie } });
  const coded = await fetch(`${base}/sign-in/code`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrfOf(await codePage.text()), code: totpCode(totpSecret) }),
  });
  if (coded.status !== 303) throw new Error(`the second factor answered ${coded.status}`);
  return cookieOf(coded);
}

const PGBIN = process.env.PGBIN ?? '/usr/lib/postgresql/15/bin';
export const havePostgresBinaries = existsSync(path.join(PGBIN, 'initdb'));

/**
 * A PostgreSQL 15 cluster of the test's own on a free port (as scripts/with-postgres.sh makes one, owned by
 * the postgres user when run as root): started, stopped, frozen (SIGSTOP to the postmaster and every backend,
 * like a network black hole) and thawed.
 */
export async function ownCluster() {
  const dir = mkdtempSync(path.join(tmpdir(), 'cn-faults-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { uid, gid } = userIds('postgres');
    chownSync(dir, uid, gid);
  }
  const pg = (cmd: string, args: string[]) =>
    execFileSync(
      asRoot ? 'runuser' : path.join(PGBIN, cmd),
      asRoot ? ['-u', 'postgres', '--', path.join(PGBIN, cmd), ...args] : args,
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
  const port = await freePort();
  const data = path.join(dir, 'data');
  pg('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const start = () =>
    pg('pg_ctl', [
      '-D',
      data,
      '-l',
      path.join(dir, 'server.log'),
      '-w',
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      'start',
    ]);
  const stop = () => pg('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  const pids = () => {
    const postmaster = Number(readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(postmaster)], { encoding: 'utf8' })
      .split('\n')
      .map((l) => Number(l.trim()))
      .filter((n) => n > 0);
    return [postmaster, ...children];
  };
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop,
    freeze: () => {
      for (const pid of pids()) process.kill(pid, 'SIGSTOP');
    },
    thaw: () => {
      for (const pid of pids()) process.kill(pid, 'SIGCONT');
    },
    remove: () => {
      try {
        pg('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      } catch {}
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function userIds(name: string) {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  if (!line) throw new Error(`no user ${name}`);
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}
