// Who may do what with communications. The rules (`commActions`) are checked with `authorize`; who sees a
// given thread is decided in one function, `party()`, and nowhere else: officials of the sending State and of
// each recipient State, narrowed by TLP (RED: the named people only), the directory manager only when a party
// shares it (read-only), a draft only its author. Anyone else gets 404, as if the thread did not exist.
import type { Queryable } from '../../db/client.ts';
import { type Actor, authorize, decide, defineRules, effectiveGrants } from '../../platform/access.ts';
import { errors } from '../../platform/errors.ts';
import {
  isNamedOnThread,
  namedOfficialsOf,
  officialsOf,
  recipientsOf,
  sharingStates,
  threadById,
} from './communications.queries.ts';
import type { Party } from './communications.types.ts';
import type { Tlp } from './communications.validate.ts';

/** The State roles that send, receive and act on communications. */
export const SENDERS = ['focal_point', 'poc_diplomatic', 'poc_technical'] as const;

export const commActions = defineRules({
  /** Compose and send for one's own State. */
  'comm.send': { state: [...SENDERS], write: true },
  /** Read and act on threads one's State is party to (who exactly is decided per thread by TLP). */
  'comm.read': { state: [...SENDERS] },
  'comm.act': { state: [...SENDERS], write: true },
  /** Who, when, type, urgency, status and times of every thread; never content. */
  'comm.metadata': { platform: ['directory_manager'] },
  /** Statistics: a State's own, or everyone's for the manager. */
  'comm.stats': { platform: ['directory_manager'], state: [...SENDERS] },
});

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The States the actor acts for in communications (effective roles only). */
export function statesOf(actor: Actor): string[] {
  return [
    ...new Set(
      effectiveGrants(actor)
        .filter((g) => g.state && (SENDERS as readonly string[]).includes(g.role))
        .map((g) => g.state as string),
    ),
  ];
}

/** The State the actor sends for; refuses (401/403) an actor who sends for none. */
export function senderState(actor: Actor): string {
  const states = statesOf(actor);
  if (!states.length) authorize(actor, commActions['comm.send']); // throws the right 401/403
  return states[0];
}

/** Decides whether and how the actor sees a thread; 404 for anyone not party to it. */
export async function party(q: Queryable, actor: Actor, id: string, lock = false): Promise<Party> {
  const missing = () => errors.notFound('The communication');
  if (!UUID.test(id)) throw missing();
  // Signed out, a member, another State: the same 404 as for a thread that does not exist.
  if (!actor.userId) throw missing();
  const userId = actor.userId;
  const thread = await threadById(q, id, lock);
  if (!thread) throw missing();
  const recipients = await recipientsOf(q, id);
  const named = () => isNamedOnThread(q, id, userId);
  const mine = statesOf(actor);
  const write = decide(actor, commActions['comm.act'], { state: thread.sender_state }).ok;
  const sharedBy = thread.shared_with_manager_at ? await sharingStates(q, id) : [];
  const base = { thread, recipients, sharedBy };
  if (thread.status === 'draft') {
    if (thread.created_by === actor.userId && mine.includes(thread.sender_state))
      return { ...base, side: 'sender', state: thread.sender_state, canAct: write, sees: null };
    throw missing();
  }
  if (mine.includes(thread.sender_state) && (thread.tlp !== 'red' || (await named())))
    return { ...base, side: 'sender', state: thread.sender_state, canAct: write, sees: null };
  const theirs = recipients.find((r) => mine.includes(r.state_code));
  if (theirs && (thread.tlp !== 'red' || (await named())))
    return {
      ...base,
      side: 'recipient',
      state: theirs.state_code,
      canAct: decide(actor, commActions['comm.act'], { state: theirs.state_code }).ok,
      sees: [thread.sender_state, theirs.state_code],
    };
  if (sharedBy.length && decide(actor, commActions['comm.metadata']).ok) {
    // A share shows exactly what the sharing State sees: all of it if the sender shared, else the sender's
    // messages and the sharing recipients' own.
    const sees = sharedBy.includes(thread.sender_state) ? null : [thread.sender_state, ...sharedBy];
    return { ...base, side: 'manager', state: null, canAct: false, sees };
  }
  throw missing();
}

/**
 * Who in a recipient State is told of a thread (when sent, and reminded): its POCs; for TLP:RED only the
 * people named on it who act for that State.
 */
export function peopleToTell(q: Queryable, threadId: string, state: string, tlp: Tlp) {
  return tlp === 'red'
    ? namedOfficialsOf(q, threadId, state, [...SENDERS])
    : officialsOf(q, state, ['poc_diplomatic', 'poc_technical']);
}
