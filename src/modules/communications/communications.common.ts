// What the parts of the communications service share: their dependencies, the check of a communication with
// its files, the audit entry and timeline event every change writes, and writing one message.
import { DEFAULTS } from '../../config.ts';
import type { Db, Queryable } from '../../db/client.ts';
import type { Actor } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { errors, fieldProblem } from '../../platform/errors.ts';
import type { Clock, Origin } from '../../platform/kernel.ts';
import { addressableStates, insertEvent, sectorSlugs } from './communications.queries.ts';
import type { AckHours, MessageView } from './communications.types.ts';
import {
  type Attachment,
  type CommunicationInput,
  validateAttachments,
  validateCommunication,
} from './communications.validate.ts';
import { insertAttachment, insertIndicators, insertMessage, nextMessageSeq } from './messages.queries.ts';

export interface CommunicationsDeps {
  db: Db;
  clock: Clock;
  publicUrl: string;
  /** Hours to acknowledge, by urgency (default: ACK_HOURS_* in src/config.ts). */
  ackHours?: AckHours;
  /** The largest attachment accepted, in bytes (default: MAX_ATTACHMENT_MB in src/config.ts). */
  maxAttachmentBytes?: number;
  /** Hours unsent work is kept for its author (default: PENDING_KEEP_HOURS in src/config.ts). */
  keepHours?: number;
  flushMail: () => void;
  /** Told after each change to a thread, for live pages (SSE). */
  onChange?: (threadId: string, states: string[]) => void;
}

/** An idempotency key: 8 to 200 letters, digits or . _ : - */
const KEY = { min: 8, max: 200, pattern: /^[A-Za-z0-9_.:-]+$/ };

/** The shared core the reading, sending, lifecycle, deadline and export parts are built on. */
export function createCore(deps: CommunicationsDeps) {
  const { db, clock } = deps;
  const ackHours: AckHours = deps.ackHours ?? {
    urgent: DEFAULTS.ACK_HOURS_URGENT,
    priority: DEFAULTS.ACK_HOURS_PRIORITY,
    routine: DEFAULTS.ACK_HOURS_ROUTINE,
  };
  const maxAttachmentBytes = deps.maxAttachmentBytes ?? Math.round(DEFAULTS.MAX_ATTACHMENT_MB * 1024 * 1024);
  const keepHours = deps.keepHours ?? DEFAULTS.PENDING_KEEP_HOURS;
  const who = (actor: Actor) => `user:${actor.userId}`;

  /** Checks the communication and its attachments together, so every problem is named at once. */
  function check(raw: Record<string, unknown>, ctx: Parameters<typeof validateCommunication>[1]) {
    const c = validateCommunication(raw, ctx);
    const a = validateAttachments(raw.attachments, maxAttachmentBytes);
    const problems = [...('problems' in c ? c.problems : []), ...('problems' in a ? a.problems : [])];
    if (problems.length || !('value' in c) || !('value' in a)) throw errors.badInput(problems);
    return { ...c.value, attachments: a.value };
  }

  /** What validation needs to know: the sender's State, the States and sectors that exist, the time. */
  async function context(own: string, draft: boolean) {
    const states = await addressableStates(db);
    const sectors = await sectorSlugs(db);
    return { own, knownStates: new Set(states), sectors: new Set(sectors), now: clock(), draft };
  }

  /** An idempotency key as given, or null for none; a malformed one is refused. */
  function checkKey(key: unknown): string | null {
    if (key === undefined || key === null || key === '') return null;
    if (typeof key !== 'string' || key.length < KEY.min || key.length > KEY.max || !KEY.pattern.test(key))
      throw errors.badInput([fieldProblem('Idempotency-Key', 'idempotencyKey', { min: KEY.min, max: KEY.max })]);
    return key;
  }

  /** Adds an entry to the thread's timeline. */
  const event = (tx: Queryable, threadId: string, kind: string, actor: string, state: string | null, details = {}) =>
    insertEvent(tx, { threadId, state, kind, actor, at: clock().toISOString(), details });

  const audit = (tx: Queryable, actor: Actor, origin: Origin, action: string, id: string, details?: Record<string, unknown>) =>
    recordAudit(tx, { actor: who(actor), origin: origin.ip, action, entity: 'thread', entityId: id, details }, clock());

  /** Writes one message with its indicators and files; returns its id. */
  async function writeMessage(
    tx: Queryable,
    threadId: string,
    kind: MessageView['kind'],
    actor: Actor,
    authorState: string,
    c: Pick<CommunicationInput, 'body' | 'norms' | 'sectors' | 'indicators' | 'actionRequested' | 'actionDue'> & {
      attachments?: Attachment[];
    },
    idempotencyKey: string | null,
  ) {
    const id = await insertMessage(tx, {
      threadId,
      seq: await nextMessageSeq(tx, threadId),
      kind,
      authorId: actor.userId,
      authorState,
      body: c.body,
      norms: c.norms,
      sectors: c.sectors,
      actionRequested: c.actionRequested,
      actionDue: c.actionDue?.toISOString() ?? null,
      idempotencyKey,
      at: clock().toISOString(),
    });
    if (c.indicators.length) await insertIndicators(tx, id, c.indicators);
    for (const a of c.attachments ?? []) await insertAttachment(tx, id, a);
    return id;
  }

  return {
    deps,
    db,
    clock,
    ackHours,
    maxAttachmentBytes,
    keepHours,
    who,
    check,
    context,
    checkKey,
    event,
    audit,
    writeMessage,
    /** Tells the live pages that a thread changed for these States. */
    changed: (id: string, states: string[]) => deps.onChange?.(id, states),
  };
}

export type Core = ReturnType<typeof createCore>;
