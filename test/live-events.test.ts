// Live events are never silently missed. Each change a stream tells carries the stream's position (SSE `id:`);
// a stream opened with `Last-Event-ID` (what a browser sends when it reconnects) or `?since=` (what a page
// gives) first replays, from the database, every change since, and only what its reader may open now. On
// PostgreSQL, a real restart of the server: the app's LISTEN connection is cut and comes back a second later,
// and every one of 40 sends made in the half second after the restart reaches the open stream.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { type Db, openDb } from '../src/db/client.ts';
import { type TestApp, testApp } from './support/app.ts';
import { sessionFor } from './support/auth.ts';
import { migrateAndSeed, onPostgres, withTestAuditKey } from './support/db.ts';
import { freePort } from './support/net.ts';

const POC_A = 'poc@xaa.demo.cybernorms.example';
const POC_B = 'poc@xab.demo.cybernorms.example';
const FOCAL_B = 'focal@xab.demo.cybernorms.example';

const communication = (subject: string, extra: Record<string, unknown> = {}) => ({
  type: 'information',
  urgency: 'routine',
  tlp: 'green',
  recipients: ['XAB'],
  subject,
  body: `${subject}: the body.`,
  ...extra,
});

/** Sends through the API as the user; with a key, tried again after a 5xx until answered (as a client would). */
async function sendAs(app: FastifyInstance, cookie: string, body: object, key: string, deadline = Date.now() + 20_000) {
  for (;;) {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/communications',
      headers: { cookie, 'content-type': 'application/json', 'idempotency-key': key },
      payload: JSON.stringify(body),
    });
    if (res.statusCode < 500) {
      assert.ok(res.statusCode === 201 || res.statusCode === 200, res.body);
      return res.json().id as string;
    }
    if (Date.now() > deadline) throw new Error(`send ${key} still failing: ${res.statusCode} ${res.body}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * An event stream read over a real connection, as a browser's EventSource does: it remembers the last `id:`
 * and, when the server ends the stream or the connection breaks, opens it again with `Last-Event-ID`.
 */
function eventSource(base: string, url: string, headers: Record<string, string>, opts: { lastEventId?: string } = {}) {
  const told: string[] = [];
  const waiting = new Set<{ want: (ids: string[]) => boolean; resolve: () => void }>();
  let lastEventId = opts.lastEventId ?? '';
  let connections = 0;
  let closed = false;
  let controller = new AbortController();
  let opened: () => void = () => {};
  const open = new Promise<void>((r) => {
    opened = r;
  });
  const check = () => {
    for (const w of waiting)
      if (w.want(told)) {
        waiting.delete(w);
        w.resolve();
      }
  };
  const run = async () => {
    while (!closed) {
      controller = new AbortController();
      try {
        connections++;
        const res = await fetch(base + url, {
          headers: { ...headers, ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
          signal: controller.signal,
        });
        assert.equal(res.status, 200);
        const reader = (res.body as ReadableStream<Uint8Array>).getReader();
        const decoder = new TextDecoder();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let end = buffer.indexOf('\n\n');
          while (end >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            end = buffer.indexOf('\n\n');
            if (block.startsWith(': ready')) opened();
            const fields = Object.fromEntries(
              block
                .split('\n')
                .filter((l) => l && !l.startsWith(':'))
                .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trimStart()]),
            );
            if (fields.id !== undefined) lastEventId = fields.id;
            if (fields.event === 'change') told.push(JSON.parse(fields.data).id);
          }
          check();
        }
      } catch {
        // A broken connection: open it again, as a browser would.
      }
      if (!closed) await new Promise((r) => setTimeout(r, 200));
    }
  };
  void run();
  return {
    told,
    open,
    get lastEventId() {
      return lastEventId;
    },
    get connections() {
      return connections;
    },
    /** Resolves once every one of the ids was told, or rejects after ms naming those that were not. */
    until(ids: string[], ms: number) {
      return new Promise<void>((resolve, reject) => {
        const w = { want: (seen: string[]) => ids.every((id) => seen.includes(id)), resolve };
        waiting.add(w);
        check();
        setTimeout(() => {
          if (!waiting.delete(w)) return;
          reject(new Error(`not told within ${ms} ms: ${ids.filter((id) => !told.includes(id)).length} of ${ids.length}`));
        }, ms).unref();
      });
    },
    close() {
      closed = true;
      controller.abort();
    },
  };
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a stream opened with Last-Event-ID or ?since= replays what happened since, for its reader only', () => {
  let t: TestApp;
  let base: string;
  before(async () => {
    t = await testApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  });
  after(async () => {
    await t?.close();
  });

  test('every change since the id is told once the stream opens again, and nothing the reader may not open', async () => {
    const sender = await sessionFor(t.db, POC_A);
    const reader = await sessionFor(t.db, POC_B);
    // The reader's stream is open, tells one change, and is gone (a laptop closed, a network cut).
    const first = eventSource(base, '/communications/events?seconds=60', { cookie: reader.cookie });
    await first.open;
    const before = await sendAs(t.app, sender.cookie, communication('Before the cut'), 'live-before-cut');
    await first.until([before], 5000);
    const position = first.lastEventId;
    assert.match(position, /^\d+$/);
    first.close();
    await pause(100);

    // Meanwhile: five communications to the reader's State, one TLP:RED naming someone else, one to another State.
    const [named] = await t.db.query<{ email_key: string }>('select email_key from users where email_key = $1', [FOCAL_B]);
    const meanwhile: string[] = [];
    for (let i = 0; i < 5; i++)
      meanwhile.push(await sendAs(t.app, sender.cookie, communication(`Meanwhile ${i}`), `live-meanwhile-${i}`));
    const red = await sendAs(t.app, sender.cookie, communication('Red', { tlp: 'red', people: [named.email_key] }), 'live-red');
    const elsewhere = await sendAs(t.app, sender.cookie, communication('Elsewhere', { recipients: ['KEN'] }), 'live-elsewhere');

    // The browser reconnects with the last id it had: the five are told, the other two are not.
    const again = eventSource(base, '/communications/events?seconds=3', { cookie: reader.cookie }, { lastEventId: position });
    await again.until(meanwhile, 5000);
    await pause(500);
    again.close();
    assert.deepEqual(new Set(again.told), new Set(meanwhile));
    assert.ok(!again.told.includes(red) && !again.told.includes(elsewhere) && !again.told.includes(before));

    // The same from a page's ?since=; the one named on the RED thread is told it, as she may open it.
    const focal = await sessionFor(t.db, FOCAL_B);
    const page = eventSource(base, `/communications/events?seconds=3&since=${position}`, { cookie: focal.cookie });
    await page.until([...meanwhile, red], 5000);
    page.close();
    assert.ok(!page.told.includes(elsewhere));

    // A position that does not exist (a database restored from an older backup, garbage) starts at the end.
    for (const id of ['99999999999', 'not-a-number']) {
      const odd = eventSource(base, '/communications/events?seconds=2', { cookie: reader.cookie }, { lastEventId: id });
      await odd.open;
      const later = await sendAs(t.app, sender.cookie, communication(`After ${id}`), `live-after-${id}`);
      await odd.until([later], 5000);
      odd.close();
      assert.deepEqual(odd.told, [later]);
    }
  });

  test('a page gives its stream the position it was read at', async () => {
    const reader = await sessionFor(t.db, POC_B);
    const [{ id }] = await t.db.query<{ id: string }>('select max(id)::text as id from thread_events');
    const inbox = await t.app.inject({ url: '/communications', headers: { cookie: reader.cookie } });
    assert.match(inbox.body, new RegExp(`data-live-since="${id}"`));
  });
});

// A throwaway cluster of this test's own (initdb, pg_ctl), so restarting it disturbs no other test file.
const PGBIN = process.env.PGBIN ?? '/usr/lib/postgresql/15/bin';
const asPostgres = (cmd: string, args: string[]) =>
  process.getuid?.() === 0
    ? execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { stdio: 'pipe' })
    : execFileSync(cmd, args, { stdio: 'pipe' });

describe('a PostgreSQL restart loses no live event', { skip: !onPostgres && 'PostgreSQL mode only' }, () => {
  let dir: string;
  let port: number;
  let db: Db;
  let app: FastifyInstance;
  let base: string;
  const pgctl = (...args: string[]) =>
    asPostgres(path.join(PGBIN, 'pg_ctl'), ['-D', path.join(dir, 'data'), '-l', path.join(dir, 'server.log'), '-w', ...args]);

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'cn-live-pg-'));
    chmodSync(dir, 0o777);
    port = await freePort();
    asPostgres(path.join(PGBIN, 'initdb'), [
      '-D',
      path.join(dir, 'data'),
      '-U',
      'postgres',
      '-A',
      'trust',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
    ]);
    pgctl('-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start');
    db = withTestAuditKey(await openDb({ url: `postgres://postgres@127.0.0.1:${port}/postgres` }));
    await migrateAndSeed(db);
    app = await buildApp({ config: { LOG_LEVEL: 'silent', TRUST_PROXY: false }, db });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  });
  after(async () => {
    await app?.close();
    await db?.close();
    try {
      pgctl('-m', 'immediate', 'stop');
    } catch {}
    rmSync(dir, { recursive: true, force: true });
  });

  test('40 sends in the half second after a restart all reach the open stream', async () => {
    const sender = await sessionFor(db, POC_A);
    const reader = await sessionFor(db, POC_B);
    const stream = eventSource(base, '/communications/events?seconds=120', { cookie: reader.cookie });
    await stream.open;
    const warm = await sendAs(app, sender.cookie, communication('Before the restart'), 'restart-warm');
    await stream.until([warm], 5000);

    pgctl('-m', 'fast', 'restart');
    // 40 sends started within half a second of the server being back; each is tried again until answered.
    const sends: Promise<string>[] = [];
    for (let i = 0; i < 40; i++) {
      sends.push(sendAs(app, sender.cookie, communication(`After the restart ${i}`), `restart-burst-${i}`));
      await pause(12);
    }
    const ids = await Promise.all(sends);
    assert.equal(new Set(ids).size, 40);
    // Well within the 25 s heartbeat: the stream catches up when the bus listens again, not by chance.
    await stream.until(ids, 15_000);
    stream.close();
    // Each stored once, each told.
    const [{ n }] = await db.query<{ n: number }>(
      "select count(*)::int as n from threads where subject like 'After the restart %'",
    );
    assert.equal(n, 40);
  });
});
