// SIGTERM while live event streams are open and requests are in flight (issue 15, defect 2): the streams
// end cleanly at once, every request in flight gets its whole answer, and the process exits 0 long before
// the shutdown timeout. A real process, real sockets, kept-alive connections as browsers keep them.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, test } from 'node:test';
import { ready, type Server, seededEnv, signIn, spawnServer, until } from './faults-support.ts';
import { onPostgres } from './support/db.ts';

let setup: Awaited<ReturnType<typeof seededEnv>>;
let server: Server | undefined;

before(async () => {
  setup = await seededEnv({ postgres: onPostgres });
});
after(async () => {
  if (server?.child.exitCode === null) server.child.kill('SIGKILL');
  await setup?.dispose();
});

interface Answer {
  status?: number;
  body?: string;
  error?: string;
}

/** One request on agent; resolves with its whole answer, or the error that cut it. */
function request(
  agent: http.Agent,
  port: number,
  opts: { path: string; method?: string; headers?: Record<string, string>; slowBody?: { first: string; rest: Promise<string> } },
): Promise<Answer> {
  return new Promise((resolve) => {
    const req = http.request(
      { host: '127.0.0.1', port, agent, path: opts.path, method: opts.method ?? 'GET', headers: opts.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d) => {
          body += d;
        });
        res.on('end', () => resolve({ status: res.statusCode, body }));
        res.on('error', (err) => resolve({ error: (err as NodeJS.ErrnoException).code ?? err.message }));
        res.on('aborted', () => resolve({ error: 'aborted' }));
      },
    );
    req.on('error', (err) => resolve({ error: (err as NodeJS.ErrnoException).code ?? err.message }));
    if (!opts.slowBody) return void req.end();
    req.write(opts.slowBody.first);
    opts.slowBody.rest.then((rest) => req.end(rest));
  });
}

test('SIGTERM ends the live event streams cleanly, finishes 30 requests in flight, and exits 0 at once', async () => {
  server = await spawnServer({ ...setup.env, LOG_LEVEL: 'debug', SHUTDOWN_TIMEOUT_MS: '10000' });
  await ready(server);
  const { port } = server;
  const cookie = await signIn(server.base, 'focal@xaa.demo.cybernorms.example', 'FOCALXAADEMOFOCALXAADEMOFOCALXAA');

  // Five live streams, as five open browser tabs: each has said it is ready before the signal.
  const streamAgent = new http.Agent({ keepAlive: true });
  const streams = Array.from({ length: 5 }, () => {
    let text = '';
    let ended = false;
    let cut: string | null = null;
    const done = new Promise<void>((resolve) => {
      const req = http.get(
        {
          host: '127.0.0.1',
          port,
          agent: streamAgent,
          path: '/communications/events?seconds=600',
          headers: { cookie, accept: 'text/event-stream' },
        },
        (res) => {
          assert.equal(res.statusCode, 200);
          res.setEncoding('utf8');
          res.on('data', (d) => {
            text += d;
          });
          res.on('end', () => {
            ended = true;
            resolve();
          });
          res.on('aborted', () => {
            cut = 'aborted';
            resolve();
          });
          res.on('error', (err) => {
            cut = (err as NodeJS.ErrnoException).code ?? err.message;
            resolve();
          });
        },
      );
      req.on('error', (err) => {
        cut = (err as NodeJS.ErrnoException).code ?? err.message;
        resolve();
      });
    });
    return { done, text: () => text, ended: () => ended, cut: () => cut };
  });
  await until(() => streams.every((s) => s.text().includes(': ready')), 'the streams to open');

  // Thirty requests in flight, on kept-alive connections that have served a request before: twenty-two pages and
  // API reads that each cost a query or a render, and eight API writes whose bodies are still arriving.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 30 });
  await Promise.all(Array.from({ length: 30 }, () => request(agent, port, { path: '/healthz' })));
  const requestsBefore = (server.log().match(/"incoming request"/g) ?? []).length;
  let finishBodies = (_: string) => {};
  const rest = new Promise<string>((resolve) => {
    finishBodies = resolve;
  });
  const words = ['attribution', 'critical infrastructure', 'supply chain', 'vulnerability', 'cooperation'];
  const reads = Array.from({ length: 22 }, (_, i) =>
    request(agent, port, {
      path:
        i % 2
          ? `/search?q=${encodeURIComponent(words[i % 5])}+${i}`
          : `/api/v1/search?q=${encodeURIComponent(words[i % 5])}+${i}`,
    }),
  );
  const writes = Array.from({ length: 8 }, (_, i) =>
    request(agent, port, {
      path: '/api/v1/comments',
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', 'content-length': '999' },
      slowBody: {
        first: '{"target":"norm:c","body":"',
        rest: rest.then((r) => `${`${r} ${i}`.padEnd(999 - 27 - 2, '.')}"}`),
      },
    }),
  );
  // All thirty have reached the server (each logged as it arrived) before the signal.
  await until(() => (server?.log().match(/"incoming request"/g) ?? []).length - requestsBefore >= 30, 'the requests to arrive');

  const signalled = Date.now();
  server.child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 300));
  finishBodies('Sent after SIGTERM, while the server was closing');
  const [readAnswers, writeAnswers] = await Promise.all([Promise.all(reads), Promise.all(writes)]);
  await Promise.all(streams.map((s) => s.done));
  const code = await server.exited;
  const took = Date.now() - signalled;
  agent.destroy();
  streamAgent.destroy();

  assert.equal(code, 0, server.log().slice(-3000));
  assert.ok(took < 5000, `exited after ${took} ms`);
  for (const s of streams) {
    assert.equal(s.cut(), null, 'a stream was cut');
    assert.ok(s.ended(), 'a stream did not end');
  }
  for (const a of readAnswers) {
    assert.equal(a.error, undefined, `a read in flight failed: ${a.error}`);
    assert.equal(a.status, 200);
  }
  for (const a of writeAnswers) {
    assert.equal(a.error, undefined, `a write in flight failed: ${a.error}`);
    assert.equal(a.status, 201, a.body);
  }
  assert.doesNotMatch(server.log(), /shutdown timed out/);
  assert.match(server.log(), /"live event streams ended"/);

  // What was acknowledged is there after a restart.
  server = await spawnServer({ ...setup.env });
  await ready(server);
  // The session from before the restart (a second sign-in could reuse the same one-time code).
  const list = await (await fetch(`${server.base}/api/v1/comments?target=norm:c`, { headers: { cookie } })).json();
  const ids = new Set((list.data as { id: string }[]).map((c) => c.id));
  for (const a of writeAnswers) assert.ok(ids.has(JSON.parse(a.body as string).id), 'an acknowledged comment is missing');
  assert.equal(
    await (async () => {
      server.child.kill('SIGTERM');
      return server.exited;
    })(),
    0,
  );
});
