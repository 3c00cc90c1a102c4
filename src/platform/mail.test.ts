// The mail outbox: mail queued in a transaction is delivered after an SMTP outage, once, even with two
// deliverers (two instances) running at the same moment.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { seededDb } from '../../test/support/db.ts';
import { freePort } from '../../test/support/net.ts';
import { startSmtp } from '../../test/support/smtp.ts';
import { createOutbox, queueMail, smtpTransport } from './mail.ts';

let db: Awaited<ReturnType<typeof seededDb>>;
before(async () => {
  db = await seededDb();
});
after(() => db.dispose());

const quiet = { info: () => {}, warn: () => {} };

test('mail queued during an SMTP outage goes out when the server is back, once', async () => {
  const port = await freePort();
  const transport = smtpTransport(`smtp://127.0.0.1:${port}`, 'cybernorms <no-reply@cybernorms.invalid>');
  await db.transaction(async (tx) => {
    await queueMail(tx, { to: 'a@example.org', subject: 'first', text: 'one' }, new Date());
    await queueMail(tx, { to: 'b@example.org', subject: 'second', text: 'two' }, new Date());
  });
  // A rolled-back transaction sends nothing.
  await assert.rejects(
    db.transaction(async (tx) => {
      await queueMail(tx, { to: 'c@example.org', subject: 'never', text: 'x' }, new Date());
      throw new Error('the change failed');
    }),
  );

  const outbox = createOutbox({ db, transport, log: quiet });
  assert.equal(await outbox.flush(), 0, 'nothing can be sent while the server is down');
  const pending = await db.query<{ attempts: number; last_error: string | null }>(
    'select attempts, last_error from outbox where sent_at is null order by id',
  );
  assert.equal(pending.length, 2);
  assert.match(String(pending[0].last_error), /ECONNREFUSED/);

  const smtp = await startSmtp(port);
  try {
    assert.equal(await outbox.flush(), 2);
    assert.deepEqual(smtp.received.map((m) => m.subject).sort(), ['first', 'second']);
    assert.equal(await outbox.flush(), 0);
    assert.equal(smtp.received.length, 2, 'never sent twice');

    // Two instances delivering at the same moment still send each mail once.
    await db.transaction(async (tx) => {
      for (let i = 0; i < 10; i++) await queueMail(tx, { to: `n${i}@example.org`, subject: `n${i}`, text: 'x' }, new Date());
    });
    const other = createOutbox({ db, transport, log: quiet });
    const [x, y] = await Promise.all([outbox.flush(), other.flush()]);
    assert.equal(x + y, 10);
    assert.equal(smtp.received.length, 12);
    assert.equal(new Set(smtp.received.map((m) => m.subject)).size, 12);
  } finally {
    transport.close?.();
    await smtp.close();
  }
});
