// A full disk under the embedded database (issue 15, defect 7), on a real small file system (a tmpfs mounted
// for the test; root only): writes answer 503 with a clear line in the log, /readyz says not ready while
// they fail, writes work again once space returns, and every write that was acknowledged is still there.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ready, type Server, seededEnv, signIn, spawnServer, stopServer, until } from './faults-support.ts';
import { onPostgres } from './support/db.ts';

const mountPoint = mkdtempSync(path.join(tmpdir(), 'cn-faults-disk-'));
let mounted = false;
let why: string | false = onPostgres && 'the embedded database only';
if (!why) {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=160m', 'tmpfs', mountPoint], { stdio: 'pipe' });
    mounted = true;
  } catch (err) {
    why = `cannot mount a small file system here (${(err as Error).message.split('\n')[0]})`;
  }
}
let setup: Awaited<ReturnType<typeof seededEnv>> | undefined;
let server: Server | undefined;

before(async () => {
  if (why) return;
  setup = await seededEnv({ postgres: false, dataDir: path.join(mountPoint, 'data') });
});
after(async () => {
  if (server?.child.exitCode === null) server.child.kill('SIGKILL');
  await server?.exited;
  await setup?.dispose();
  if (mounted) execFileSync('umount', [mountPoint]);
  rmSync(mountPoint, { recursive: true, force: true });
});

test('a full disk: writes answer 503 and /readyz is not ready; both recover when space returns; nothing is lost', {
  skip: why,
}, async () => {
  const env = (setup as NonNullable<typeof setup>).env;
  server = await spawnServer(env);
  await ready(server);
  const { base } = server;
  const cookie = await signIn(base, 'focal@xaa.demo.cybernorms.example', 'FOCALXAADEMOFOCALXAADEMOFOCALXAA');
  const post = (body: string) =>
    fetch(`${base}/api/v1/comments`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ target: 'norm:e', body }),
    });
  const acknowledged: string[] = [];
  const created = await post('Written before the disk filled up.');
  assert.equal(created.status, 201);
  acknowledged.push((await created.json()).id);

  // Fill the file system but for a few kilobytes, then write until the database can no longer grow.
  const filler = path.join(mountPoint, 'filler');
  const fs = statfsSync(mountPoint);
  writeFileSync(filler, Buffer.alloc(Math.max(0, fs.bavail * fs.bsize - 8192)));
  let refused: Response | null = null;
  for (let i = 0; i < 9 && !refused; i++) {
    const res = await post(`Written while the disk fills up, ${i}: ${'x'.repeat(4900)}`);
    if (res.status === 201) acknowledged.push((await res.json()).id);
    else refused = res;
  }
  assert.ok(refused, 'the disk never filled up');
  assert.equal(refused.status, 503);
  assert.equal((await refused.json()).code, 'UNAVAILABLE');
  assert.ok(refused.headers.get('retry-after'));
  await until(
    () => /database disk full: writes are answered 503 until space is freed/.test(server?.log() ?? ''),
    'the log line',
    5000,
  );
  const notReady = await fetch(`${base}/readyz`);
  assert.equal(notReady.status, 503);
  assert.match((await notReady.json()).database, /disk full/);
  // Reading still works.
  assert.equal((await fetch(`${base}/api/v1/norms/e`)).status, 200);

  rmSync(filler);
  let readyAgain = 0;
  for (let i = 0; i < 50 && readyAgain !== 200; i++) {
    await new Promise((r) => setTimeout(r, 200));
    readyAgain = (await fetch(`${base}/readyz`)).status;
  }
  assert.equal(readyAgain, 200);
  const after = await post('Written once space had returned.');
  assert.equal(after.status, 201);
  acknowledged.push((await after.json()).id);
  assert.equal(await stopServer(server), 0);

  // After a restart, every acknowledged write is there.
  server = await spawnServer(env);
  await ready(server);
  // The session from before the restart (a second sign-in could reuse the same one-time code).
  const list = await (await fetch(`${server.base}/api/v1/comments?target=norm:e`, { headers: { cookie } })).json();
  const ids = new Set((list.data as { id: string }[]).map((c) => c.id));
  for (const id of acknowledged) assert.ok(ids.has(id), `acknowledged comment ${id} is missing`);
  assert.equal(await stopServer(server), 0);
});
