// Communications and reports across processes, the way they run in production. (1) Never lost, never doubled: the
// server is killed with SIGKILL in the middle of a burst of sends; after a restart every send that was
// answered 2xx exists exactly once, and retrying every send with its key creates nothing twice. (2) Two
// instances on one PostgreSQL: a communication sent through one appears, live, in a recipient's browser
// connected to the other. (3) A report's answer saved with a 2xx survives SIGKILL right after.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { launchBrowser } from './support/browser.ts';
import { createPostgresDatabase, onPostgres } from './support/db.ts';
import { signInOverHttp as signIn } from './support/http.ts';
import { freePort } from './support/net.ts';
import { startServer, stop } from './support/process.ts';

let env: Record<string, string>;
let dataDir: string;
let dropDb: (() => Promise<void>) | undefined;

before(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'cn-inst-'));
  env = {
    ...(process.env as Record<string, string>),
    LOG_LEVEL: 'warn',
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    DEMO_DATA: 'true',
  };
  delete env.DATABASE_URL;
  if (onPostgres) {
    const created = await createPostgresDatabase();
    env.DATABASE_URL = created.url;
    dropDb = created.drop;
  }
});
after(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  await dropDb?.();
});

const SENDER = ['poc@xaa.demo.cybernorms.example', 'POCXAADEMOPOCXAADEMOPOCXAADEMOPO'] as const;
const RECIPIENT = ['poc@xab.demo.cybernorms.example', 'POCXABDEMOPOCXABDEMOPOCXABDEMOPO'] as const;
/** A second sender: a code can be used once, and the first test signs the POC in within the same 30 s. */
const OTHER_SENDER = ['focal@xaa.demo.cybernorms.example', 'FOCALXAADEMOFOCALXAADEMOFOCALXAA'] as const;

const communication = (i: number) => ({
  type: 'information',
  urgency: 'routine',
  tlp: 'green',
  recipients: ['XAB'],
  subject: `Burst ${i}`,
  body: `Message ${i} of a burst.`,
});

async function sendOnce(base: string, cookie: string, i: number, key: string) {
  const res = await fetch(`${base}/api/v1/communications`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(communication(i)),
  });
  return { status: res.status, body: (await res.json()) as { id: string; created: boolean } };
}

describe('never lost, never doubled', () => {
  test('SIGKILL in the middle of a burst of sends: each acknowledged send exists once; retries make no second', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const server = await startServer({ ...env, PORT: String(port) });
    const cookie = await signIn(base, ...SENDER);
    const keys = Array.from({ length: 60 }, (_, i) => `burst-${i}-${port}-key`);
    const acknowledged = new Map<string, string>();
    let next = 0;
    let killed = false;
    // Four senders at a time; the server dies when a third of the burst has been answered.
    const worker = async () => {
      while (next < keys.length) {
        const i = next++;
        try {
          const res = await sendOnce(base, cookie, i, keys[i]);
          if (res.status === 201 || res.status === 200) acknowledged.set(keys[i], res.body.id);
        } catch {
          // The connection died with the server: this send was not acknowledged.
        }
        if (!killed && acknowledged.size >= 20) {
          killed = true;
          server.kill('SIGKILL');
        }
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    await new Promise((r) => (server.exitCode !== null || server.signalCode !== null ? r(null) : server.once('exit', r)));
    assert.ok(killed && acknowledged.size >= 20 && acknowledged.size < keys.length, `acknowledged ${acknowledged.size}`);

    const again = await startServer({ ...env, PORT: String(port) });
    try {
      // Every send is retried with its key: the acknowledged ones come back as they were, with 200.
      const ids = new Map<string, string>();
      for (const [i, key] of keys.entries()) {
        const res = await sendOnce(base, cookie, i, key);
        assert.ok(res.status === 200 || res.status === 201, `${key}: ${res.status}`);
        if (acknowledged.has(key)) {
          assert.equal(res.status, 200, `${key} was acknowledged, so the retry must find it`);
          assert.equal(res.body.id, acknowledged.get(key));
        }
        ids.set(key, res.body.id);
      }
      assert.equal(new Set(ids.values()).size, keys.length, 'one thread per key');
      const sent = await fetch(`${base}/api/v1/communications?box=sent&limit=200`, { headers: { cookie } });
      const listed = ((await sent.json()) as { data: { id: string; subject: string }[] }).data.filter((d) =>
        d.subject.startsWith('Burst '),
      );
      assert.equal(listed.length, keys.length, 'exactly one thread per send, none lost, none doubled');
      for (const id of acknowledged.values()) assert.ok(listed.some((d) => d.id === id));
    } finally {
      assert.equal(await stop(again), 0);
    }
  });
});

describe('nothing typed is lost', () => {
  test('an answer saved with a 2xx survives SIGKILL right after', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const server = await startServer({ ...env, PORT: String(port) });
    const text = `Saved just before the crash at ${port}.`;
    let cookie = '';
    try {
      cookie = await signIn(base, 'focal@xab.demo.cybernorms.example', 'FOCALXABDEMOFOCALXABDEMOFOCALXAB');
      const res = await fetch(`${base}/api/v1/states/XAB/reports/2024/answers`, {
        method: 'PUT',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ answers: { 'law.measures': text } }),
      });
      assert.equal(res.status, 200);
    } finally {
      // Killed whatever happened above, so a failure here cannot leave a server holding the data.
      server.kill('SIGKILL');
      await new Promise((r) => (server.exitCode !== null || server.signalCode !== null ? r(null) : server.once('exit', r)));
    }
    const again = await startServer({ ...env, PORT: String(port) });
    try {
      const view = await fetch(`${base}/api/v1/states/XAB/reports/2024`, { headers: { cookie } });
      assert.equal(view.status, 200);
      assert.equal(((await view.json()) as { answers: Record<string, string> }).answers['law.measures'], text);
    } finally {
      assert.equal(await stop(again), 0);
    }
  });
});

describe('two instances on one PostgreSQL', { skip: onPostgres ? false : 'needs PostgreSQL' }, () => {
  test('a communication sent through instance A appears live in a browser connected to instance B', async () => {
    const [portA, portB] = [await freePort(), await freePort()];
    const a = await startServer({ ...env, PORT: String(portA) });
    const b = await startServer({ ...env, PORT: String(portB) });
    const browser = await launchBrowser();
    try {
      const baseA = `http://127.0.0.1:${portA}`;
      const baseB = `http://127.0.0.1:${portB}`;
      const senderCookie = await signIn(baseA, ...OTHER_SENDER);
      const recipientCookie = await signIn(baseB, ...RECIPIENT);
      const context = await browser.newContext();
      await context.addCookies([{ name: 'sid', value: recipientCookie.slice(4), url: baseB }]);
      const page = await context.newPage();
      await page.goto(`${baseB}/communications`);
      const subject = `Across instances ${portA}`;
      const res = await fetch(`${baseA}/api/v1/communications`, {
        method: 'POST',
        headers: { cookie: senderCookie, 'content-type': 'application/json', 'idempotency-key': `across-${portA}-key` },
        body: JSON.stringify({ ...communication(0), subject }),
      });
      assert.equal(res.status, 201);
      const started = Date.now();
      await page.getByRole('link', { name: subject }).waitFor({ timeout: 10_000 });
      assert.ok(Date.now() - started < 10_000);
      await context.close();
    } finally {
      await browser.close();
      assert.equal(await stop(a), 0);
      assert.equal(await stop(b), 0);
    }
  });
});
