// A sent thread's life, for the parties who may act on it: a recipient acknowledges (receipt only) and
// responds, any party adds updates, the sender closes or withdraws it, and a party may share it with the
// directory manager (never TLP:RED or AMBER+STRICT). Each change is one transaction with its timeline event
// and audit entry, and tells the live pages of the States concerned.
import { type Actor, authorize } from '../../platform/access.ts';
import { AppError, errors, fieldProblem } from '../../platform/errors.ts';
import type { Origin } from '../../platform/kernel.ts';
import { multiLineProblem } from '../../platform/text.ts';
import type { Core } from './communications.common.ts';
import { commActions, party } from './communications.policy.ts';
import {
  endThread,
  insertShare,
  lockOpenThread,
  markAcknowledged,
  markResponded,
  markSharedWithManager,
  setRecipientsStatus,
} from './communications.queries.ts';
import { tlpLabel } from './communications.types.ts';
import { LIMITS } from './communications.validate.ts';
import { messageIdByIdempotencyKey } from './messages.queries.ts';

export function createLifecycle(core: Core) {
  const { db, clock, who, check, context, checkKey, event, audit, writeMessage, changed } = core;

  /** The thread, for a party who may act on it; a draft is not acted on. */
  async function mustAct(actor: Actor, id: string) {
    const p = await party(db, actor, id);
    if (!p.canAct) authorize(actor, commActions['comm.act'], { state: p.state });
    if (p.thread.status === 'draft') throw new AppError('CONFLICT', 409, 'This communication has not been sent yet.');
    return p;
  }

  /** Confirms receipt for the actor's State. It says nothing about agreeing with the content. */
  async function acknowledge(actor: Actor, id: string, origin: Origin) {
    const p = await mustAct(actor, id);
    if (p.side !== 'recipient') throw new AppError('CONFLICT', 409, 'Only a recipient State acknowledges a communication.');
    const state = p.state as string;
    const did = await db.transaction(async (tx) => {
      if (!(await markAcknowledged(tx, id, state, clock().toISOString(), actor.userId as string))) return false;
      await event(tx, id, 'acknowledged', who(actor), state);
      await audit(tx, actor, origin, 'communication.acknowledge', id, { state });
      return true;
    });
    if (!did) {
      const r = p.recipients.find((x) => x.state_code === state);
      if (r?.status === 'withdrawn' || r?.status === 'closed')
        throw new AppError('CONFLICT', 409, `This communication was ${r.status}; nothing to acknowledge.`);
      return { acknowledged: false };
    }
    changed(id, [p.thread.sender_state, state]);
    return { acknowledged: true };
  }

  /** A reply in the thread: a recipient's response, or an update by any party. */
  async function reply(actor: Actor, id: string, input: unknown, key: unknown, origin: Origin) {
    const p = await mustAct(actor, id);
    const raw = (input ?? {}) as Record<string, unknown>;
    const idempotencyKey = checkKey(key);
    if (p.thread.status !== 'open') throw new AppError('CONFLICT', 409, `This communication is ${p.thread.status}.`);
    const kind = raw.kind === undefined ? (p.side === 'recipient' ? 'response' : 'update') : raw.kind;
    if (kind !== 'response' && kind !== 'update')
      throw errors.badInput([fieldProblem('kind', 'choice', { options: 'response, update' })]);
    if (kind === 'response' && p.side !== 'recipient') throw errors.badInput([fieldProblem('kind', 'responseBySender')]);
    const value = check(
      { type: p.thread.type, urgency: p.thread.urgency, tlp: p.thread.tlp, recipients: [], ...raw, people: undefined },
      { ...(await context(p.state as string, true)) },
    );
    if (!value.body) throw errors.badInput([fieldProblem('body', 'required')]);
    const state = p.state as string;
    const out = await db.transaction(async (tx) => {
      if (idempotencyKey) {
        const done = await messageIdByIdempotencyKey(tx, actor.userId as string, idempotencyKey);
        if (done) return { id: done, created: false };
      }
      const mid = await writeMessage(tx, id, kind, actor, state, value, idempotencyKey);
      if (kind === 'response') await markResponded(tx, id, state, clock().toISOString(), actor.userId as string);
      await event(tx, id, kind, who(actor), p.side === 'recipient' ? state : null);
      await audit(tx, actor, origin, `communication.${kind}`, id, { state });
      return { id: mid, created: true };
    });
    if (out.created)
      changed(id, [p.thread.sender_state, ...(p.side === 'recipient' ? [state] : p.recipients.map((r) => r.state_code))]);
    return out;
  }

  /** The thread, for its sender while it is open: who may close or withdraw it (refused as the step itself would be). */
  async function mayFinish(actor: Actor, id: string) {
    const p = await mustAct(actor, id);
    if (p.side !== 'sender') throw new AppError('CONFLICT', 409, 'Only the sending State can close or withdraw a communication.');
    if (p.thread.status !== 'open') throw new AppError('CONFLICT', 409, `This communication is already ${p.thread.status}.`);
    return p;
  }

  /** The thread, for a party who may share it with the directory manager (never TLP:RED or AMBER+STRICT). */
  async function mayShare(actor: Actor, id: string) {
    const p = await mustAct(actor, id);
    if (p.thread.tlp === 'red' || p.thread.tlp === 'amber+strict')
      throw errors.badInput([fieldProblem('tlp', 'notShareable', { tlp: tlpLabel(p.thread.tlp) })]);
    return p;
  }

  /** The sender ends the thread (closed) or takes it back (withdrawn); a note may go with a closure. */
  async function finish(actor: Actor, id: string, how: 'close' | 'withdraw', note: unknown, origin: Origin) {
    const p = await mayFinish(actor, id);
    if (note !== undefined && note !== null && typeof note !== 'string') throw errors.badInput([fieldProblem('body', 'text')]);
    if (typeof note === 'string' && note.length > LIMITS.body)
      throw errors.badInput([fieldProblem('body', 'tooLong', { n: LIMITS.body })]);
    const unreadable = typeof note === 'string' ? multiLineProblem(note) : null;
    if (unreadable) throw errors.badInput([fieldProblem('body', unreadable.code, unreadable.params)]);
    const status = how === 'close' ? 'closed' : 'withdrawn';
    await db.transaction(async (tx) => {
      if (!(await lockOpenThread(tx, id))) throw new AppError('CONFLICT', 409, 'This communication is no longer open.');
      await endThread(tx, id, status, clock().toISOString());
      await setRecipientsStatus(tx, id, status);
      if (typeof note === 'string' && note.trim())
        await writeMessage(
          tx,
          id,
          'closure',
          actor,
          p.thread.sender_state,
          { body: note.trim(), norms: [], sectors: [], indicators: [], actionRequested: '', actionDue: null },
          null,
        );
      await event(tx, id, status, who(actor), null);
      await audit(tx, actor, origin, `communication.${how}`, id);
    });
    changed(id, [p.thread.sender_state, ...p.recipients.map((r) => r.state_code)]);
    return { status };
  }

  /** A party shows the thread to the directory manager; never for TLP:RED or AMBER+STRICT. */
  async function share(actor: Actor, id: string, origin: Origin) {
    const p = await mayShare(actor, id);
    const state = p.state as string;
    await db.transaction(async (tx) => {
      const now = clock().toISOString();
      // Each State shares what it sees; sharing twice changes nothing.
      if (!(await insertShare(tx, id, state, actor.userId as string, now))) return;
      await markSharedWithManager(tx, id, now);
      await event(tx, id, 'shared_with_manager', who(actor), p.side === 'recipient' ? state : null);
      await audit(tx, actor, origin, 'communication.share', id, { with: 'directory_manager', state });
    });
    return { shared: true };
  }

  return {
    acknowledge,
    reply,
    close: (actor: Actor, id: string, note: unknown, origin: Origin) => finish(actor, id, 'close', note, origin),
    withdraw: (actor: Actor, id: string, origin: Origin) => finish(actor, id, 'withdraw', undefined, origin),
    share,
    /**
     * For the confirmation pages: the thread as the party sees it, refused exactly as withdrawing or sharing
     * would be; nothing changes.
     */
    beforeWithdraw: mayFinish,
    beforeShare: mayShare,
  };
}
