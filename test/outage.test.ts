// A database outage: the API answers 503 problem+json (with Retry-After) and recovers by itself when the
// server is back. PostgreSQL mode only: a TCP proxy between the app and the server is cut and restored.
import assert from 'node:assert/strict';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { after, before, test } from 'node:test';
import { buildApp } from '../src/app.ts';
import { type Db, openDb } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { seedContent } from '../src/seed.ts';
import { createPostgresDatabase, onPostgres, withTestAuditKey } from './support/db.ts';

/** A loopback TCP proxy that can be cut (every connection dropped, new ones refused) and restored. */
function proxy(target: { host: string; port: number }) {
  let server: Server | null = null;
  const sockets = new Set<Socket>();
  let port = 0;
  const up = () =>
    new Promise<number>((resolve) => {
      const listening = createServer((client) => {
        const upstream = connect(target.port, target.host);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => s.destroy());
        }
        client.pipe(upstream).pipe(client);
      });
      server = listening;
      listening.listen(port, '127.0.0.1', () => {
        port = (listening.address() as { port: number }).port;
        resolve(port);
      });
    });
  const down = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server?.close(() => resolve());
    });
  return { up, down };
}

let db: Db | undefined;
let drop: (() => Promise<void>) | undefined;
let link: ReturnType<typeof proxy>;
let app: Awaited<ReturnType<typeof buildApp>>;

before(async () => {
  if (!onPostgres) return;
  const created = await createPostgresDatabase();
  drop = created.drop;
  const direct = withTestAuditKey(await openDb({ url: created.url }));
  await migrate(direct);
  await seedContent(direct, { actor: 'system:test', origin: 'test' });
  await direct.close();
  const url = new URL(created.url);
  link = proxy({ host: url.hostname, port: Number(url.port) });
  url.port = String(await link.up());
  db = withTestAuditKey(await openDb({ url: url.toString() }));
  app = await buildApp({ config: { LOG_LEVEL: 'silent', TRUST_PROXY: false }, db });
});
after(async () => {
  await app?.close();
  await db?.close();
  await link?.down(); // the proxy's listening socket would keep the test process alive
  await drop?.();
});

test('the API answers 503 while the database is away and recovers without a restart', {
  skip: !onPostgres && 'PostgreSQL mode only',
}, async () => {
  const search = () => app.inject('/api/v1/search?q=attribution');
  assert.equal((await search()).statusCode, 200);

  await link.down();
  const during = await search();
  assert.equal(during.statusCode, 503);
  assert.match(during.headers['content-type'] as string, /^application\/problem\+json/);
  assert.equal(during.json().code, 'UNAVAILABLE');
  assert.equal(during.headers['retry-after'], '5');
  assert.equal((await app.inject('/readyz')).statusCode, 503);
  assert.equal((await app.inject('/healthz')).statusCode, 200);
  const page = await app.inject('/search?q=attribution');
  assert.equal(page.statusCode, 503);
  assert.match(page.body, /Temporarily unavailable/);

  await link.up();
  assert.equal((await search()).statusCode, 200);
  assert.equal((await app.inject('/readyz')).statusCode, 200);
});
