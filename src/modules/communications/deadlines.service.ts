// The deadlines of a sent communication, as durable jobs (platform/jobs.ts): `comm.remind` at three quarters
// of the acknowledgement window reminds the recipient State's POCs, `comm.escalate` at its end tells its
// diplomatic POCs and focal point. Each does nothing if the State has acknowledged (or more) meanwhile, and
// scheduling twice is harmless (the job key is per thread and State).

import { z } from 'zod';
import type { Queryable } from '../../db/client.ts';
import { defineJob } from '../../platform/jobs.ts';
import { queueMail } from '../../platform/mail.ts';
import type { Core } from './communications.common.ts';
import { peopleToTell } from './communications.policy.ts';
import { deadlineOf, markEscalated, officialsOf, stateName } from './communications.queries.ts';
import { tlpLabel } from './communications.types.ts';

/** The payload of both deadline jobs: which thread, and which recipient State. */
const deadlinePayload = z.object({ thread: z.guid(), state: z.string().regex(/^[A-Z]{3}$/) });
export type DeadlinePayload = z.infer<typeof deadlinePayload>;

const remindJob = defineJob('comm.remind', deadlinePayload);
const escalateJob = defineJob('comm.escalate', deadlinePayload);

/** Schedules the reminder and the escalation for one recipient State, in the sending transaction. */
export async function scheduleDeadlines(tx: Queryable, thread: string, state: string, now: Date, due: Date) {
  const payload: DeadlinePayload = { thread, state };
  const window = due.getTime() - now.getTime();
  await remindJob.schedule(tx, {
    key: `comm.remind:${thread}:${state}`,
    payload,
    runAt: new Date(now.getTime() + window * 0.75),
  });
  await escalateJob.schedule(tx, { key: `comm.escalate:${thread}:${state}`, payload, runAt: due });
}

export function createDeadlines(core: Core) {
  const { deps, event } = core;
  const stamp = (d: Date) => new Date(d).toISOString().replace('T', ' ').slice(0, 16);

  /** Before the acknowledgement is due: a reminder to the recipient POCs, unless already acknowledged. */
  async function remind(tx: Queryable, { thread, state }: DeadlinePayload, now: Date) {
    const r = await deadlineOf(tx, thread, state);
    if (!r || !['sent', 'delivered'].includes(r.status)) return;
    const to = await peopleToTell(tx, thread, state, r.tlp);
    const from = await stateName(tx, r.sender_state);
    for (const person of to)
      await queueMail(
        tx,
        {
          to: person.email,
          subject: `[${tlpLabel(r.tlp)}] Reminder: acknowledge the communication from ${from}`,
          text: `Dear ${person.display_name},\n\nA ${r.urgency} communication from ${from} awaits acknowledgement by ${stamp(r.ack_due)} UTC:\n\n${deps.publicUrl}/communications/${thread}\n`,
        },
        now,
      );
    await event(tx, thread, 'reminder', 'system:deadlines', state, { to: to.length });
  }

  /** At the deadline, unacknowledged: escalate to the recipient's diplomatic POCs and focal point; the sender sees it. */
  async function escalate(tx: Queryable, { thread, state }: DeadlinePayload, now: Date) {
    const r = await deadlineOf(tx, thread, state);
    if (!r || !['sent', 'delivered'].includes(r.status)) return;
    const from = await stateName(tx, r.sender_state);
    // TLP:RED goes to no one new: the escalation names the thread without opening it to others.
    const to = await officialsOf(tx, state, ['poc_diplomatic', 'focal_point']);
    for (const person of to)
      await queueMail(
        tx,
        {
          to: person.email,
          subject: `[${tlpLabel(r.tlp)}] Overdue: a ${r.urgency} communication from ${from} is not acknowledged`,
          text: `Dear ${person.display_name},\n\nA ${r.urgency} communication from ${from} to your State has not been acknowledged in time. ${
            r.tlp === 'red'
              ? 'It is marked TLP:RED: only its named recipients can open it; please remind them.'
              : `It is waiting here:\n\n${deps.publicUrl}/communications/${thread}`
          }\n`,
        },
        now,
      );
    await markEscalated(tx, thread, state, now.toISOString());
    await event(tx, thread, 'escalated', 'system:deadlines', state, { to: to.length });
  }

  return {
    handlers: { [remindJob.kind]: remindJob.handler(remind), [escalateJob.kind]: escalateJob.handler(escalate) },
  };
}
