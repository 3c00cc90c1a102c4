// The communication checks' durable jobs (platform/jobs.ts): a reminder to whoever has not confirmed, and
// the deadline that closes the round. Each is safe to run twice.

import { z } from 'zod';
import type { Queryable } from '../../db/client.ts';
import { recordAudit } from '../../platform/audit.ts';
import { defineJob } from '../../platform/jobs.ts';
import { closedRound, insertMails, remindedTasks, roundDeadline } from './pings.queries.ts';

/** `ping.reminder`: the round and the reminder's number (1, 2…). */
export const reminderJob = defineJob('ping.reminder', z.object({ round: z.guid(), n: z.number().int().positive() }));
/** `ping.close`: the round. */
export const closeJob = defineJob('ping.close', z.object({ round: z.guid() }));

/** Job: a reminder to every contact of the round who has not confirmed, once per scheduled reminder. */
export const remind = reminderJob.handler(async (tx: Queryable, payload, now: Date) => {
  const roundId = payload.round;
  const round = await roundDeadline(tx, roundId);
  if (!round || round.closed_at || new Date(round.deadline).getTime() <= now.getTime()) return;
  const open = await remindedTasks(tx, roundId);
  if (!open.length) return;
  const deadlineText = new Date(round.deadline).toISOString().replace('T', ' ').slice(0, 16);
  await insertMails(
    tx,
    `Reminder ${payload.n}: communication check: ${round.title}`,
    now,
    open.map((t) => ({
      to: t.email,
      body: `Dear ${t.name},\n\nThis is reminder ${payload.n}: please confirm the communication check "${round.title}" before ${deadlineText} UTC, with the link in the first mail or in the platform under "Communication checks".\n`,
    })),
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
