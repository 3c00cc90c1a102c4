// State-to-State communications at scale. Needs PostgreSQL (bench/run.sh wraps it in a throwaway cluster).
// (1) Live delivery across instances: two servers on one database; a sender posts through instance A and
// the recipient holds an SSE stream on instance B; latency is from the start of the send to the event on
// B's stream, over 1 000 sends; the baseline in the same run is the stream held on A itself.
// (2) The inbox (page and API) with 10 000 and with 1 000 000 communications in the database, a tenth of
// them to the reader's State: p95 of 200 requests each. Prints Markdown.
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createPostgresDatabase } from '../test/support/db.ts';
import { signInOverHttp } from '../test/support/http.ts';
import { freePort, median, percentile, startServer, stop } from './support.ts';

if (!process.env.TEST_DATABASE_URL) throw new Error('run with scripts/with-postgres.sh (needs PostgreSQL)');
const SENDS = Number(process.env.SENDS ?? 1000);
const BASELINE_SENDS = Math.round(SENDS / 4);
const REQUESTS = 200;

const target = await createPostgresDatabase();
const env = {
  ...(process.env as Record<string, string>),
  DATABASE_URL: target.url,
  DEMO_DATA: 'true',
  LOG_LEVEL: 'warn',
  DATA_DIR: '/tmp/cn-bench-comms',
  ACK_HOURS_ROUTINE: '720',
};
const [portA, portB] = [await freePort(), await freePort()];
const a = await startServer({ ...env, PORT: String(portA) });
const b = await startServer({ ...env, PORT: String(portB) });
const baseA = `http://127.0.0.1:${portA}`;
const baseB = `http://127.0.0.1:${portB}`;
const sender = await signInOverHttp(baseA, 'poc@xaa.demo.cybernorms.example', 'POCXAADEMOPOCXAADEMOPOCXAADEMOPO');
const reader = await signInOverHttp(baseB, 'poc@xab.demo.cybernorms.example', 'POCXABDEMOPOCXABDEMOPOCXABDEMOPO');

/** Holds an SSE stream and resolves each awaited thread id when its event arrives. */
async function stream(base: string) {
  const arrived = new Map<string, number>();
  const waiting = new Map<string, (t: number) => void>();
  const controller = new AbortController();
  const res = await fetch(`${base}/communications/events?seconds=3600`, {
    headers: { cookie: reader },
    signal: controller.signal,
  });
  if (!res.ok || !res.body) throw new Error(`stream: ${res.status}`);
  const reader_ = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader_.read();
        if (done) return;
        buffer += value;
        let cut = buffer.indexOf('\n\n');
        while (cut >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (data && /^event: change$/m.test(block)) {
            const { id } = JSON.parse(data) as { id: string };
            const now = performance.now();
            const w = waiting.get(id);
            if (w) {
              waiting.delete(id);
              w(now);
            } else arrived.set(id, now);
          }
          cut = buffer.indexOf('\n\n');
        }
      }
    } catch {}
  })();
  return {
    until(id: string): Promise<number> {
      const t = arrived.get(id);
      if (t !== undefined) return Promise.resolve(t);
      return new Promise((resolve, reject) => {
        waiting.set(id, resolve);
        setTimeout(() => reject(new Error(`no event for ${id}`)), 10_000).unref();
      });
    },
    close: () => controller.abort(),
  };
}

async function latencies(streamBase: string, n: number, label: string) {
  const s = await stream(streamBase);
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    const res = await fetch(`${baseA}/api/v1/communications`, {
      method: 'POST',
      headers: { cookie: sender, 'content-type': 'application/json', 'idempotency-key': `bench-${label}-${i}-${portA}` },
      body: JSON.stringify({
        type: 'information',
        urgency: 'routine',
        tlp: 'green',
        recipients: ['XAB'],
        subject: `Benchmark ${label} ${i}`,
        body: 'Latency benchmark.',
      }),
    });
    if (res.status !== 201) throw new Error(`send ${i}: ${res.status} ${await res.text()}`);
    const { id } = (await res.json()) as { id: string };
    times.push((await s.until(id)) - start);
  }
  s.close();
  return times;
}

const sameInstance = await latencies(baseA, BASELINE_SENDS, 'same');
const across = await latencies(baseB, SENDS, 'across');
const row = (label: string, xs: number[]) =>
  `| ${label} | ${xs.length} | ${median(xs).toFixed(1)} | ${percentile(xs, 95).toFixed(1)} | ${percentile(xs, 99).toFixed(1)} | ${Math.max(...xs).toFixed(1)} |`;
console.log('### Live delivery: send on instance A → event on an SSE stream (PostgreSQL 15, ms)\n');
console.log('| stream held on | sends | p50 | p95 | p99 | max |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
console.log(row('instance A itself (baseline)', sameInstance));
console.log(row('instance B (LISTEN/NOTIFY across processes)', across));
const p99 = percentile(across, 99);
console.log(
  `\nGoal p99 ≤ 250 ms across instances: **${p99 <= 250 ? 'met' : 'not met'}** (${p99.toFixed(1)} ms); ` +
    `across / same instance at p50: **${(median(across) / median(sameInstance)).toFixed(2)}×**.\n`,
);
await stop(a);

// (2) The inbox with many communications: rows written directly, as a decade of use would leave them.
const db = new pg.Client({ connectionString: target.url });
await db.connect();
const [{ id: author }] = (
  await db.query<{ id: string }>("select id from users where email_key = 'poc@xaa.demo.cybernorms.example'")
).rows;

async function fill(total: number) {
  const have = Number((await db.query('select count(*) from threads')).rows[0].count);
  const add = total - have;
  if (add <= 0) return;
  // Senders and recipients spread over the UN members; every tenth to Samplestan, the reader's State.
  await db.query(
    `with s as (select array_agg(code order by code) as codes from states where status = 'member'),
     made as (
       insert into threads (sender_state, created_by, type, urgency, tlp, subject, status, created_at, sent_at)
       select s.codes[1 + (i % 193)], $1, (array['notification','assistance','information','vulnerability','consultation'])[1 + i % 5],
              (array['routine','priority','urgent'])[1 + i % 3], (array['green','amber','clear'])[1 + i % 3],
              'Generated communication ' || i, 'open', now() - (i || ' minutes')::interval, now() - (i || ' minutes')::interval
       from generate_series($2::int, $3::int) i, s
       returning id, sent_at, sender_state)
     insert into thread_recipients (thread_id, state_code, status, sent_at, ack_due)
     select id, case when random() < 0.1 then 'XAB' else (select codes[1 + floor(random() * 193)::int] from s) end,
            'acknowledged', sent_at, sent_at + interval '3 days'
     from made`,
    [author, have + 1, total],
  );
  await db.query(
    `insert into thread_messages (thread_id, seq, kind, author_id, author_state, body, created_at)
     select t.id, 1, 'initial', $1, t.sender_state, 'Generated body.', t.created_at from threads t
     where not exists (select 1 from thread_messages m where m.thread_id = t.id)`,
    [author],
  );
  await db.query('analyze threads');
  await db.query('analyze thread_recipients');
}

async function timed(url: string) {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 20; i++) await fetch(url, { headers: { cookie: reader } }).then((r) => r.arrayBuffer());
  for (let i = 0; i < REQUESTS; i++) {
    const s = performance.now();
    const res = await fetch(url, { headers: { cookie: reader } });
    const body = await res.arrayBuffer();
    times.push(performance.now() - s);
    if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
    bytes = body.byteLength;
  }
  return { p50: median(times), p95: percentile(times, 95), bytes };
}

const results: [number, Awaited<ReturnType<typeof timed>>, Awaited<ReturnType<typeof timed>>, number][] = [];
for (const total of [10_000, 1_000_000]) {
  const t0 = performance.now();
  await fill(total);
  const filled = (performance.now() - t0) / 1000;
  const inbox = Number(
    (await db.query("select count(*) from thread_recipients where state_code = 'XAB' and sent_at is not null")).rows[0].count,
  );
  results.push([total, await timed(`${baseB}/communications`), await timed(`${baseB}/api/v1/communications?limit=50`), inbox]);
  console.error(`filled ${total} in ${filled.toFixed(0)} s`);
}
console.log('### Inbox with many communications in the database (PostgreSQL 15, 200 requests each, ms)\n');
console.log("| communications | in the reader's inbox | page p50 | page p95 | API p50 | API p95 |");
console.log('| ---: | ---: | ---: | ---: | ---: | ---: |');
for (const [total, page, api, inbox] of results)
  console.log(
    `| ${total.toLocaleString('en')} | ${inbox.toLocaleString('en')} | ${page.p50.toFixed(1)} | ${page.p95.toFixed(1)} | ${api.p50.toFixed(1)} | ${api.p95.toFixed(1)} |`,
  );
const pageRatio = results[1][1].p95 / results[0][1].p95;
const apiRatio = results[1][2].p95 / results[0][2].p95;
console.log(
  `\nGoal 1 000 000 ≤ 2× 10 000 at p95: page **${pageRatio.toFixed(2)}×**, API **${apiRatio.toFixed(2)}×** — **${pageRatio <= 2 && apiRatio <= 2 ? 'met' : 'not met'}**.`,
);
await db.end();
await stop(b);
await target.drop();
