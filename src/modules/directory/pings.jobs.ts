// The communication checks' durable jobs (platform/jobs.ts): a reminder to whoever has not confirmed, and
// the deadline that closes the round. Each is safe to run twice.

import { z } from 'zod';
import type { Queryable } from '../../db/client.ts';
import { recordAudit } from '../../platform/audit.ts';
import { translator } from '../../platform/i18n/i18n.ts';
import { defineJob } from '../../platform/jobs.ts';
import { mailDate } from '../../platform/mail.ts';
import { closedRound, insertMails, remindedTasks, roundDeadline } from './pings.queries.ts';

/** `ping.reminder`: the round and the reminder's number (1, 2…). */
export const reminderJob = defineJob('ping.reminder', z.object({ round: z.guid(), n: z.number().int().positive() }));
/** `ping.close`: the round. */
export const closeJob = defineJob('ping.close', z.object({ round: z.guid() }));

/** Job: a reminder to every contact of the round who has not confirmed, once per scheduled reminder, in the task's language. */
export const remind = reminderJob.handler(async (tx: Queryable, payload, now: Date) => {
  const roundId = payload.round;
  const round = await roundDeadline(tx, roundId);
  if (!round || round.closed_at || new Date(round.deadline).getTime() <= now.getTime()) return;
  const open = await remindedTasks(tx, roundId);
  if (!open.length) return;
  await insertMails(
    tx,
    now,
    open.map((task) => {
      const t = translator(task.language);
      const vars = { n: payload.n, title: round.title, name: task.name, deadline: mailDate(t.locale, round.deadline) };
      return { to: task.email, subject: t('mail.ping.remind.subject', vars), body: t('mail.ping.remind.body', vars) };
    }),
  );
  await recordAudit(
    tx,
    {
      actor: 'system:jobs',
      origin: 'jobs',
      action: 'ping.remind',
      entity: 'ping_round',
      entityId: roundId,
      details: { n: payload.n, reminded: open.length },
    },
    now,
  );
});

/** Job: the deadline closes the round; its links stop working. */
export const close = closeJob.handler(async (tx: Queryable, { round: roundId }, now: Date) => {
  if (await closedRound(tx, roundId, now))
    await recordAudit(
      tx,
      { actor: 'system:jobs', origin: 'jobs', action: 'ping.close', entity: 'ping_round', entityId: roundId },
      now,
    );
});
