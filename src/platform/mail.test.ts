// The mail outbox against a real SMTP server (smtp-server), stopped and started on its port: mail queued
// during an outage goes out when the server is back, once, even with two deliverers; each mail is retried
// on its own schedule (never earlier because other mail was queued); a burst over hours of outage loses
// nothing; a mail past the give-up time is kept, logged once, counted, and not tried any more.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, test } from 'node:test';
import { seededDb } from '../../test/support/db.ts';
import { freePort } from '../../test/support/net.ts';
import { startSmtp } from '../../test/support/smtp.ts';
import { createOutbox, type MailTransport, queueMail, retryDelayMs, smtpTransport } from './mail.ts';

let db: Awaited<ReturnType<typeof seededDb>>;
before(async () => {
  db = await seededDb();
  // Each test starts from an empty outbox (the seed queues none, but be sure).
  await db.query('delete from outbox');
});
after(() => db.dispose());

const FROM = 'cybernorms <no-reply@cybernorms.invalid>';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const SCHEDULE = { firstRetryMs: 30_000, maxRetryMs: 30 * MINUTE, giveUpMs: 72 * HOUR };

/** A log that keeps what it is told, by level. */
function recordingLog() {
  const lines: { level: string; o: object; m: string }[] = [];
  const at = (level: string) => (o: object, m: string) => void lines.push({ level, o, m });
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

/** A clock the test moves. */
function movableClock(start = new Date('2026-03-02T08:00:00Z')) {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advance: (ms: number) => {
      now += ms;
    },
  };
}

/** The transport, noting each attempt (mail id and the clock's time) before handing the mail on. */
function noting(inner: MailTransport, clock: () => Date) {
  const attempts: { id: string; at: number }[] = [];
  const transport: MailTransport = {
    describe: inner.describe,
    send: (m) => {
      attempts.push({ id: m.id, at: clock().getTime() });
      return inner.send(m);
    },
    close: () => inner.close?.(),
  };
  return { transport, attempts };
}

async function queue(n: number, prefix: string, at: Date) {
  await db.transaction(async (tx) => {
    for (let i = 0; i < n; i++) await queueMail(tx, { to: `${prefix}${i}@example.org`, subject: `${prefix}${i}`, text: 'x' }, at);
  });
}

const unsent = async () => (await db.query<{ n: number }>('select count(*)::int as n from outbox where sent_at is null'))[0].n;

test('the wait between attempts doubles from the first retry up to the cap', () => {
  assert.deepEqual(
    [1, 2, 3, 4, 5, 6, 7, 8, 100].map((a) => retryDelayMs(a, SCHEDULE) / 1000),
    [30, 60, 120, 240, 480, 960, 1800, 1800, 1800],
  );
});

test('mail queued during an SMTP outage goes out when the server is back, once', async () => {
  await db.query('delete from outbox');
  const clock = movableClock();
  const port = await freePort();
  const transport = smtpTransport(`smtp://127.0.0.1:${port}`, FROM);
  await queue(2, 'first', clock.now());
  // A rolled-back transaction sends nothing.
  await assert.rejects(
    db.transaction(async (tx) => {
      await queueMail(tx, { to: 'c@example.org', subject: 'never', text: 'x' }, clock.now());
      throw new Error('the change failed');
    }),
  );

  const outbox = createOutbox({ db, transport, log: recordingLog(), clock: clock.now, schedule: SCHEDULE });
  assert.equal(await outbox.flush(), 0, 'nothing can be sent while the server is down');
  const pending = await db.query<{ attempts: number; last_error: string | null }>(
    'select attempts, last_error from outbox where sent_at is null order by id',
  );
  assert.equal(pending.length, 2);
  assert.match(String(pending[0].last_error), /ECONNREFUSED/);
  assert.equal(pending[1].attempts, 0, 'the server is down: the second was not tried, and keeps its turn');

  const smtp = await startSmtp(port);
  try {
    // The second is due (never tried); the first waits for its time.
    assert.equal(await outbox.flush(), 1);
    clock.advance(30_000);
    assert.equal(await outbox.flush(), 1);
    assert.deepEqual(smtp.received.map((m) => m.subject).sort(), ['first0', 'first1']);
    assert.equal(await outbox.flush(), 0);
    assert.equal(smtp.received.length, 2, 'never sent twice');

    // Two instances delivering at the same moment still send each mail once.
    await queue(10, 'n', clock.now());
    const other = createOutbox({ db, transport, log: recordingLog(), clock: clock.now, schedule: SCHEDULE });
    const [x, y] = await Promise.all([outbox.flush(), other.flush()]);
    assert.equal(x + y, 10);
    assert.equal(smtp.received.length, 12);
    assert.equal(new Set(smtp.received.map((m) => m.subject)).size, 12);
  } finally {
    transport.close?.();
    await smtp.close();
  }
});

test('queueing new mail never retries a failed mail before its time', async () => {
  await db.query('delete from outbox');
  const clock = movableClock();
  const port = await freePort();
  const smtp = noting(smtpTransport(`smtp://127.0.0.1:${port}`, FROM), clock.now);
  const outbox = createOutbox({ db, transport: smtp.transport, log: recordingLog(), clock: clock.now, schedule: SCHEDULE });
  try {
    await queue(1, 'old', clock.now());
    await outbox.flush();
    const [old] = await db.query<{ id: string; attempts: number; next_attempt_at: Date }>(
      'select id::text, attempts, next_attempt_at from outbox',
    );
    assert.equal(old.attempts, 1);
    assert.equal(new Date(old.next_attempt_at).getTime(), clock.now().getTime() + 30_000);
    // Fifty actions queue mail within the next 29 seconds, each asking for a flush, as the app does.
    for (let i = 0; i < 50; i++) {
      clock.advance(500);
      await queue(1, `burst${i}-`, clock.now());
      await outbox.flush();
    }
    const [again] = await db.query<{ attempts: number }>('select attempts from outbox where id = $1', [old.id]);
    assert.equal(again.attempts, 1, 'the old mail was not tried again ahead of its time');
    assert.equal(smtp.attempts.filter((a) => a.id === old.id).length, 1);
    // Its time comes: it is tried again, and then waits twice as long.
    clock.advance(5_000);
    await outbox.flush();
    const [third] = await db.query<{ attempts: number; next_attempt_at: Date }>(
      'select attempts, next_attempt_at from outbox where id = $1',
      [old.id],
    );
    assert.equal(third.attempts, 2);
    assert.equal(new Date(third.next_attempt_at).getTime(), clock.now().getTime() + 60_000);
  } finally {
    smtp.transport.close?.();
  }
});

test('a burst of 160 mails over six hours of SMTP outage is delivered once each when the server is back', async () => {
  await db.query('delete from outbox');
  const clock = movableClock();
  const port = await freePort();
  const smtp = noting(smtpTransport(`smtp://127.0.0.1:${port}`, FROM), clock.now);
  const log = recordingLog();
  const outbox = createOutbox({ db, transport: smtp.transport, log, clock: clock.now, schedule: SCHEDULE });
  const start = clock.now().getTime();
  // Six hours in steps of 30 s (the outbox's own tick); a mail queued (and a flush asked for) at 160 of them.
  const steps = (6 * HOUR) / 30_000;
  const queuedAt = new Set(Array.from({ length: 160 }, (_, i) => Math.floor((i * steps) / 160)));
  let queued = 0;
  for (let step = 0; step < steps; step++) {
    clock.advance(30_000);
    if (queuedAt.has(step)) {
      // Some actions queue several at once (a round of communication checks), most one.
      await queue(1, `m${queued}-`, clock.now());
      queued++;
      await outbox.flush();
    }
    await outbox.flush();
  }
  assert.equal(queued, 160);
  assert.equal(await unsent(), 160, 'nothing could go');
  assert.ok(clock.now().getTime() - start >= 6 * HOUR);

  // Every retry respected its mail's own wait, whatever else was queued meanwhile.
  const byMail = new Map<string, number[]>();
  for (const a of smtp.attempts) byMail.set(a.id, [...(byMail.get(a.id) ?? []), a.at]);
  for (const [id, times] of byMail)
    for (let k = 1; k < times.length; k++)
      assert.ok(times[k] - times[k - 1] >= retryDelayMs(k, SCHEDULE), `mail ${id} was retried early (attempt ${k + 1})`);
  // At most one refused connection per flush: the rest of a claimed batch is not tried against a server that is down.
  assert.ok(smtp.attempts.length <= steps + queued, `${smtp.attempts.length} attempts`);
  const [{ n: givenUp }] = await db.query<{ n: number }>('select count(*)::int as n from outbox where given_up_at is not null');
  assert.equal(givenUp, 0, 'six hours is well within the give-up time');
  assert.equal(log.lines.filter((l) => l.level === 'error').length, 0);

  const server = await startSmtp(port);
  try {
    // The server is back: the next tick sends what is due, and the rest as each one's time comes (≤ 30 min).
    for (let i = 0; i < 62 && (await unsent()) > 0; i++) {
      await outbox.flush();
      clock.advance(30_000);
    }
    assert.equal(await unsent(), 0, 'every mail went');
    assert.equal(server.received.length, 160, 'each exactly once');
    assert.equal(new Set(server.received.map((m) => m.subject)).size, 160);
    assert.equal(await outbox.flush(), 0);
    assert.equal(server.received.length, 160);
    assert.equal(outbox.counters.sent, 160);
  } finally {
    smtp.transport.close?.();
    await server.close();
  }
});

test('a mail still unsent after the give-up time is kept with its reason, logged once, counted, and tried no more', async () => {
  await db.query('delete from outbox');
  const clock = movableClock();
  const port = await freePort();
  const smtp = noting(smtpTransport(`smtp://127.0.0.1:${port}`, FROM), clock.now);
  const log = recordingLog();
  const schedule = { ...SCHEDULE, giveUpMs: 3 * HOUR };
  const outbox = createOutbox({ db, transport: smtp.transport, log, clock: clock.now, schedule });
  try {
    await queue(1, 'lost', clock.now());
    // Four hours of outage, a tick every 30 s.
    for (let i = 0; i < (4 * HOUR) / 30_000; i++) {
      await outbox.flush();
      clock.advance(30_000);
    }
    const [row] = await db.query<{ sent_at: Date | null; given_up_at: Date | null; last_error: string; attempts: number }>(
      'select sent_at, given_up_at, last_error, attempts from outbox',
    );
    assert.equal(row.sent_at, null);
    assert.ok(row.given_up_at, 'given up');
    assert.match(row.last_error, /ECONNREFUSED/);
    // 30 s doubling to 30 min: 1 + 6 doublings (about 32 min) + 30-minute waits up to three hours.
    assert.ok(row.attempts >= 8 && row.attempts <= 12, `attempts: ${row.attempts}`);
    assert.ok(new Date(row.given_up_at).getTime() - new Date('2026-03-02T08:00:00Z').getTime() >= 3 * HOUR);
    const errors = log.lines.filter((l) => l.level === 'error');
    assert.equal(errors.length, 1, 'logged at error level once');
    assert.match(errors[0].m, /given up/);
    assert.equal(outbox.counters.givenUp, 1);
    assert.deepEqual(await outbox.stats(), { pending: 0, failing: 0, givenUp: 1, oldestPendingSeconds: 0 });

    // The server is back: a given-up mail waits for an administrator (the ops module's send-again).
    const server = await startSmtp(port);
    try {
      const tries = smtp.attempts.length;
      clock.advance(HOUR);
      assert.equal(await outbox.flush(), 0);
      assert.equal(smtp.attempts.length, tries, 'not tried any more');
      assert.equal(server.received.length, 0);
      assert.equal(log.lines.filter((l) => l.level === 'error').length, 1, 'still logged once');
    } finally {
      await server.close();
    }
  } finally {
    smtp.transport.close?.();
  }
});

test('a server that accepts the connection and never answers fails the attempt within the timeout', async () => {
  await db.query('delete from outbox');
  const clock = movableClock();
  // A black hole: it takes the connection and says nothing.
  const sockets = new Set<import('node:net').Socket>();
  const hole = createServer((s) => sockets.add(s));
  await new Promise<void>((resolve) => hole.listen(0, '127.0.0.1', resolve));
  const { port } = hole.address() as { port: number };
  const transport = smtpTransport(`smtp://127.0.0.1:${port}`, FROM, {
    pool: false,
    timeouts: { connectionMs: 500, greetingMs: 500, socketMs: 1000 },
  });
  const outbox = createOutbox({ db, transport, log: recordingLog(), clock: clock.now, schedule: SCHEDULE });
  try {
    await queue(1, 'hole', clock.now());
    const began = performance.now();
    assert.equal(await outbox.flush(), 0);
    assert.ok(performance.now() - began < 5_000, 'the attempt ended on the timeout');
    const [row] = await db.query<{ attempts: number; last_error: string; claimed_until: Date | null }>(
      'select attempts, last_error, claimed_until from outbox',
    );
    assert.equal(row.attempts, 1);
    assert.match(row.last_error, /timeout|greeting/i);
    assert.equal(row.claimed_until, null, 'released for the next attempt');
  } finally {
    transport.close?.();
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => hole.close(() => resolve()));
  }
});
