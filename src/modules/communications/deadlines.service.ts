// The deadlines of a sent communication, as durable jobs (platform/jobs.ts): `comm.remind` at three quarters
// of the acknowledgement window reminds the recipient State's POCs, `comm.escalate` at its end tells its
// diplomatic POCs and focal point. Each does nothing if the State has acknowledged (or more) meanwhile, and
// scheduling twice is harmless (the job key is per thread and State). Every mail is in its recipient's
// language (mailIn, which sending.service.ts uses too).

import { z } from 'zod';
import type { Queryable } from '../../db/client.ts';
import { type Translate, translatorFor } from '../../platform/i18n/i18n.ts';
import { defineJob } from '../../platform/jobs.ts';
import { mailDate, queueMail } from '../../platform/mail.ts';
import type { Core } from './communications.common.ts';
import { peopleToTell } from './communications.policy.ts';
import { deadlineOf, markEscalated, officialsOf, stateNamesByLanguage } from './communications.queries.ts';
import { tlpLabel } from './communications.types.ts';

/** A mail to one person in their language (English if theirs is unknown), with the sending State named in it. */
export function mailIn(language: string, names: Record<string, string>, code: string): { t: Translate; from: string } {
  const t = translatorFor(language);
  return { t, from: names[t.locale] ?? names.en ?? code };
}

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

  /** Before the acknowledgement is due: a reminder to the recipient POCs, unless already acknowledged. */
  async function remind(tx: Queryable, { thread, state }: DeadlinePayload, now: Date) {
    const r = await deadlineOf(tx, thread, state);
    if (!r || !['sent', 'delivered'].includes(r.status)) return;
    const to = await peopleToTell(tx, thread, state, r.tlp);
    const names = await stateNamesByLanguage(tx, r.sender_state);
    const tlp = tlpLabel(r.tlp);
    for (const person of to) {
      const { t, from } = mailIn(person.language, names, r.sender_state);
      await queueMail(
        tx,
        {
          to: person.email,
          subject: t('mail.comm.remind.subject', { tlp, from }),
          text: t('mail.comm.remind.body', {
            name: person.display_name,
            from,
            urgency: t(`comm.urgency.${r.urgency}`),
            due: mailDate(t.locale, r.ack_due),
            url: `${deps.publicUrl}/communications/${thread}`,
          }),
        },
        now,
      );
    }
    await event(tx, thread, 'reminder', 'system:deadlines', state, { to: to.length });
  }

  /** At the deadline, unacknowledged: escalate to the recipient's diplomatic POCs and focal point; the sender sees it. */
  async function escalate(tx: Queryable, { thread, state }: DeadlinePayload, now: Date) {
    const r = await deadlineOf(tx, thread, state);
    if (!r || !['sent', 'delivered'].includes(r.status)) return;
    const names = await stateNamesByLanguage(tx, r.sender_state);
    const tlp = tlpLabel(r.tlp);
    // TLP:RED goes to no one new: the escalation names the thread without opening it to others.
    const to = await officialsOf(tx, state, ['poc_diplomatic', 'focal_point']);
    for (const person of to) {
      const { t, from } = mailIn(person.language, names, r.sender_state);
      await queueMail(
        tx,
        {
          to: person.email,
          subject: t('mail.comm.escalate.subject', { tlp, from }),
          text: t(r.tlp === 'red' ? 'mail.comm.escalate.bodyRed' : 'mail.comm.escalate.body', {
            name: person.display_name,
            from,
            urgency: t(`comm.urgency.${r.urgency}`),
            due: mailDate(t.locale, r.ack_due),
            url: `${deps.publicUrl}/communications/${thread}`,
          }),
        },
        now,
      );
    }
    await markEscalated(tx, thread, state, now.toISOString());
    await event(tx, thread, 'escalated', 'system:deadlines', state, { to: to.length });
  }

  return {
    handlers: { [remindJob.kind]: remindJob.handler(remind), [escalateJob.kind]: escalateJob.handler(escalate) },
  };
}
