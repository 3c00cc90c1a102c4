// Composing and sending: drafts (saved, edited, sent later) and sending at once. A send is one transaction:
// the thread, its recipients and named people, the first message with indicators and files, the mail to each
// recipient State (each person's in their own language, saying nothing of the content), the deadline jobs,
// the timeline and the audit entry. With an idempotency key a repeated send returns the first thread instead
// of sending a second.
import type { Queryable } from '../../db/client.ts';
import { type Actor, authorize } from '../../platform/access.ts';
import { AppError, errors, fieldProblem } from '../../platform/errors.ts';
import type { Origin } from '../../platform/kernel.ts';
import { mailDate, queueMail } from '../../platform/mail.ts';
import type { Core } from './communications.common.ts';
import { commActions, party, peopleToTell, SENDERS, senderState } from './communications.policy.ts';
import {
  addPeople,
  deletePeople,
  deleteRecipients,
  insertDraftRecipients,
  insertDraftThread,
  insertSentRecipients,
  insertThreadOnce,
  lockDraft,
  markThreadOpen,
  namedEmailKeys,
  officialsByEmailKey,
  stateNamesByLanguage,
  threadIdByIdempotencyKey,
  updateThreadFields,
} from './communications.queries.ts';
import { tlpLabel } from './communications.types.ts';
import { type Attachment, type CommunicationInput, validateCommunication } from './communications.validate.ts';
import { mailIn, scheduleDeadlines } from './deadlines.service.ts';
import { initialMessageIds, replaceInitialMessage } from './messages.queries.ts';
import type { Reading } from './reading.service.ts';

export function createSending(core: Core, reading: Pick<Reading, 'messages'>) {
  const { db, clock, deps, ackHours, who, check, context, checkKey, event, audit, writeMessage, changed } = core;

  /** Checks the named TLP:RED recipients: each must be an official of a recipient State. */
  async function namedPeople(tx: Queryable, c: CommunicationInput): Promise<string[]> {
    if (c.tlp !== 'red' || !c.people.length) return [];
    const rows = await officialsByEmailKey(tx, c.people, c.recipients, [...SENDERS]);
    const found = new Set(rows.map((r) => r.email_key));
    const missing = c.people.filter((p) => !found.has(p));
    if (missing.length) throw errors.badInput([fieldProblem('people', 'peopleNotOfficial')]);
    return rows.map((r) => r.id);
  }

  /** Writes a draft's fields over what it had; files already attached stay with it. */
  async function storeDraftFields(
    tx: Queryable,
    id: string,
    c: CommunicationInput & { attachments?: Attachment[] },
    actor: Actor,
    own: string,
  ) {
    await updateThreadFields(tx, id, c);
    await deleteRecipients(tx, id);
    if (c.recipients.length) await insertDraftRecipients(tx, id, c.recipients);
    await deletePeople(tx, id);
    const people = await namedPeople(tx, c);
    await addPeople(tx, id, [actor.userId as string, ...people]);
    const ids = await initialMessageIds(tx, id);
    const fresh = await writeMessage(tx, id, 'initial', actor, own, c, null);
    if (ids.length) await replaceInitialMessage(tx, ids[0], fresh);
  }

  /** Saves a new draft: nothing is sent, and only its author sees it. */
  async function saveDraft(actor: Actor, input: unknown, origin: Origin) {
    const own = senderState(actor);
    authorize(actor, commActions['comm.send'], { state: own });
    const c = check((input ?? {}) as Record<string, unknown>, await context(own, true));
    return db.transaction(async (tx) => {
      const id = await insertDraftThread(tx, { state: own, userId: actor.userId as string, ...c, at: clock().toISOString() });
      await storeDraftFields(tx, id, c, actor, own);
      await audit(tx, actor, origin, 'communication.draft', id, { recipients: c.recipients });
      return { id };
    });
  }

  async function updateDraft(actor: Actor, id: string, input: unknown, origin: Origin) {
    const p = await party(db, actor, id);
    // Access first, then state: a read-only token learns nothing from a 409.
    authorize(actor, commActions['comm.send'], { state: p.thread.sender_state });
    if (p.thread.status !== 'draft') throw new AppError('CONFLICT', 409, 'Only a draft can be edited; this one was sent.');
    const c = check((input ?? {}) as Record<string, unknown>, await context(p.thread.sender_state, true));
    await db.transaction(async (tx) => {
      await storeDraftFields(tx, id, c, actor, p.thread.sender_state);
      await audit(tx, actor, origin, 'communication.draft', id, { recipients: c.recipients });
    });
    return { id };
  }

  /** Everything a send does, in the caller's transaction: recipients, people, mail, deadlines, timeline. */
  async function dispatch(tx: Queryable, id: string, c: CommunicationInput, actor: Actor, own: string, people: string[]) {
    const now = clock();
    const due = new Date(now.getTime() + ackHours[c.urgency] * 3600_000);
    await markThreadOpen(tx, id, now.toISOString());
    await deleteRecipients(tx, id);
    await insertSentRecipients(tx, id, c.recipients, due.toISOString(), now.toISOString());
    await addPeople(tx, id, [actor.userId as string, ...people]);
    await event(tx, id, 'sent', who(actor), null, { recipients: c.recipients });
    const names = await stateNamesByLanguage(tx, own);
    const tlp = tlpLabel(c.tlp);
    for (const state of c.recipients) {
      const to = await peopleToTell(tx, id, state, c.tlp);
      for (const person of to) {
        const { t, from } = mailIn(person.language, names, own);
        const urgency = t(`comm.urgency.${c.urgency}`);
        await queueMail(
          tx,
          {
            to: person.email,
            subject: t('mail.comm.new.subject', { tlp, urgency, from }),
            text: t('mail.comm.new.body', {
              name: person.display_name,
              from,
              type: t(`comm.type.${c.type}`),
              urgency,
              tlp,
              url: `${deps.publicUrl}/communications/${id}`,
              due: mailDate(t.locale, due),
            }),
          },
          now,
        );
      }
      await scheduleDeadlines(tx, id, state, now, due);
    }
  }

  /**
   * Composes and sends at once. With an idempotency key, a repeat of the same send (after a lost answer or
   * a crash) returns the thread the first one made instead of sending a second: `created` says which.
   */
  async function send(actor: Actor, input: unknown, key: unknown, origin: Origin) {
    const own = senderState(actor);
    authorize(actor, commActions['comm.send'], { state: own });
    const userId = actor.userId as string;
    const idempotencyKey = checkKey(key);
    if (idempotencyKey) {
      const done = await threadIdByIdempotencyKey(db, userId, idempotencyKey);
      if (done) return { id: done, created: false };
    }
    const c = check((input ?? {}) as Record<string, unknown>, await context(own, false));
    const result = await db.transaction(async (tx) => {
      const people = await namedPeople(tx, c);
      const id = await insertThreadOnce(tx, { state: own, userId, ...c, key: idempotencyKey, at: clock().toISOString() });
      if (!id) return { id: (await threadIdByIdempotencyKey(tx, userId, idempotencyKey as string)) as string, created: false };
      await writeMessage(tx, id, 'initial', actor, own, c, null);
      await dispatch(tx, id, c, actor, own, people);
      await audit(tx, actor, origin, 'communication.send', id, {
        recipients: c.recipients,
        type: c.type,
        urgency: c.urgency,
        tlp: c.tlp,
      });
      return { id, created: true };
    });
    if (result.created) {
      deps.flushMail();
      changed(result.id, [own, ...c.recipients]);
    }
    return result;
  }

  /** Sends a saved draft, after checking it as a send. */
  async function sendDraft(actor: Actor, id: string, origin: Origin) {
    const p = await party(db, actor, id);
    const own = p.thread.sender_state;
    authorize(actor, commActions['comm.send'], { state: own });
    if (p.thread.status !== 'draft') return { id, created: false };
    const [first] = await reading.messages(p);
    const raw = {
      type: p.thread.type,
      urgency: p.thread.urgency,
      tlp: p.thread.tlp,
      recipients: p.recipients.map((r) => r.state_code),
      people: await namedEmailKeys(db, id, actor.userId),
      subject: p.thread.subject,
      body: first?.body ?? '',
      norms: first?.norms ?? [],
      sectors: first?.sectors ?? [],
      indicators: first?.indicators ?? [],
      actionRequested: first?.actionRequested ?? '',
      actionDue: first?.actionDue ? new Date(first.actionDue).toISOString() : undefined,
    };
    const checked = validateCommunication(raw, await context(own, false));
    if ('problems' in checked) throw errors.badInput(checked.problems);
    await db.transaction(async (tx) => {
      if (!(await lockDraft(tx, id))) return;
      const ids = await namedPeople(tx, checked.value);
      await dispatch(tx, id, checked.value, actor, own, ids);
      await audit(tx, actor, origin, 'communication.send', id, { recipients: checked.value.recipients, from: 'draft' });
    });
    deps.flushMail();
    changed(id, [own, ...checked.value.recipients]);
    return { id, created: true };
  }

  return { saveDraft, updateDraft, send, sendDraft };
}
