// State-to-State communications: notifications (norm c), requests for assistance (h) and information (d),
// vulnerability reports (j) and consultations. A thread goes from one State to one or more; each recipient
// State has its own lifecycle (sent → delivered → acknowledged → responded → closed, or withdrawn). Who may
// see a thread is decided here, in `party()`, and nowhere else: officials of the sending State and of each
// recipient State, narrowed by TLP (RED: the named people only), and the directory manager only when a
// party shares it. Anyone else gets 404, as if the thread did not exist. Every read is audited.
import type { Db, Queryable } from '../../db/client.ts';
import { type Actor, authorize, decide, defineRules, effectiveGrants } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { AppError, errors } from '../../platform/errors.ts';
import { schedule } from '../../platform/jobs.ts';
import { queueMail } from '../../platform/mail.ts';
import { multiLineProblem } from '../../platform/text.ts';
import { percentile } from '../directory/pings.service.ts';
import type { Clock, Origin } from '../../platform/kernel.ts';
import {
  type Attachment,
  type CommType,
  type CommunicationInput,
  type Indicator,
  TLPS,
  type Tlp,
  URGENCIES,
  type Urgency,
  validateAttachments,
  validateCommunication,
} from './communications.validate.ts';

const SENDERS = ['focal_point', 'poc_diplomatic', 'poc_technical'] as const;

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

export type Side = 'sender' | 'recipient' | 'manager';
export type RecipientStatus = 'draft' | 'sent' | 'delivered' | 'acknowledged' | 'responded' | 'closed' | 'withdrawn';

export interface ThreadRow {
  id: string;
  sender_state: string;
  created_by: string;
  type: CommType;
  urgency: Urgency;
  tlp: Tlp;
  subject: string;
  status: 'draft' | 'open' | 'closed' | 'withdrawn';
  created_at: Date;
  sent_at: Date | null;
  closed_at: Date | null;
  shared_with_manager_at: Date | null;
}

export interface RecipientRow {
  state_code: string;
  status: RecipientStatus;
  delivered_at: Date | null;
  acknowledged_at: Date | null;
  responded_at: Date | null;
  ack_due: Date | null;
  escalated_at: Date | null;
}

export interface Party {
  thread: ThreadRow;
  recipients: RecipientRow[];
  side: Side;
  /** The viewer's State on this thread (the sender's, or the recipient State's); null for the manager. */
  state: string | null;
  /** May act (acknowledge, reply, close…): the party's officials, not the manager, not a read-only token. */
  canAct: boolean;
  /**
   * The States whose messages, events and recipient status the reader sees; null for everything (the sender).
   * A recipient sees the sender's and its own; the manager sees exactly what the States that shared it see.
   */
  sees: string[] | null;
  /** The States that shared the thread with the directory manager. */
  sharedBy: string[];
}

export interface MessageView {
  id: string;
  seq: number;
  kind: 'initial' | 'update' | 'response' | 'closure';
  author: string;
  authorState: string;
  body: string;
  norms: string[];
  sectors: string[];
  actionRequested: string;
  actionDue: Date | null;
  createdAt: Date;
  indicators: Indicator[];
  attachments: { id: string; name: string; mediaType: string; size: number; sha256: string }[];
}

export interface EventView {
  kind: string;
  state: string | null;
  actor: string;
  at: Date;
  details: Record<string, unknown>;
}

export type AckHours = Record<Urgency, number>;
export const DEFAULT_ACK_HOURS: AckHours = { urgent: 2, priority: 24, routine: 72 };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KEY = /^[A-Za-z0-9_.:-]{8,200}$/;

const TYPE_WORDS: Record<CommType, string> = {
  notification: 'notification of malicious ICT activity',
  assistance: 'request for assistance',
  information: 'request for information',
  vulnerability: 'vulnerability report',
  consultation: 'request for consultation',
};
export const tlpLabel = (tlp: Tlp) => `TLP:${tlp.toUpperCase()}`;

export function createCommunicationsService(deps: {
  db: Db;
  clock: Clock;
  publicUrl: string;
  ackHours?: AckHours;
  /** The largest attachment accepted, in bytes (default 20 MB). */
  maxAttachmentBytes?: number;
  flushMail: () => void;
  /** Told after each change to a thread, for live pages (SSE). */
  onChange?: (threadId: string, states: string[]) => void;
}) {
  const { db, clock } = deps;
  const ackHours = deps.ackHours ?? DEFAULT_ACK_HOURS;
  const maxAttachmentBytes = deps.maxAttachmentBytes ?? 20 * 1024 * 1024;
  /** Checks the communication and its attachments together, so every problem is named at once. */
  function check(raw: Record<string, unknown>, ctx: Parameters<typeof validateCommunication>[1]) {
    const c = validateCommunication(raw, ctx);
    const a = validateAttachments(raw.attachments, maxAttachmentBytes);
    const problems = [...('problems' in c ? c.problems : []), ...('problems' in a ? a.problems : [])];
    if (problems.length || !('value' in c) || !('value' in a)) throw errors.badInput(problems);
    return { ...c.value, attachments: a.value };
  }
  const who = (actor: Actor) => `user:${actor.userId}`;
  const changed = (id: string, states: string[]) => deps.onChange?.(id, states);

  /** The States the actor acts for in communications (effective roles only). */
  function statesOf(actor: Actor): string[] {
    return [
      ...new Set(
        effectiveGrants(actor)
          .filter((g) => g.state && (SENDERS as readonly string[]).includes(g.role))
          .map((g) => g.state as string),
      ),
    ];
  }

  function senderState(actor: Actor): string {
    const states = statesOf(actor);
    if (!states.length) authorize(actor, commActions['comm.send']); // throws the right 401/403
    return states[0];
  }

  async function context(own: string, draft: boolean) {
    const states = await db.query<{ code: string }>("select code from states where status in ('member', 'observer', 'demo')");
    const sectors = await db.query<{ slug: string }>('select slug from sectors');
    return {
      own,
      knownStates: new Set(states.map((s) => s.code)),
      sectors: new Set(sectors.map((s) => s.slug)),
      now: clock(),
      draft,
    };
  }

  /** Decides whether and how the actor sees a thread; 404 for anyone not party to it. */
  async function party(actor: Actor, id: string, q: Queryable = db, lock = false): Promise<Party> {
    const missing = () => errors.notFound('The communication');
    if (!UUID.test(id)) throw missing();
    // Signed out, a member, another State: the same 404 as for a thread that does not exist.
    if (!actor.userId) throw missing();
    const [thread] = await q.query<ThreadRow>(`select * from threads where id = $1${lock ? ' for update' : ''}`, [id]);
    if (!thread) throw missing();
    const recipients = await q.query<RecipientRow>('select * from thread_recipients where thread_id = $1 order by state_code', [
      id,
    ]);
    const named = async () =>
      (await q.query('select 1 from thread_people where thread_id = $1 and user_id = $2', [id, actor.userId])).length > 0;
    const mine = statesOf(actor);
    const write = decide(actor, commActions['comm.act'], { state: thread.sender_state }).ok;
    const sharedBy = thread.shared_with_manager_at
      ? (await q.query<{ state_code: string }>('select state_code from thread_shares where thread_id = $1', [id])).map(
          (r) => r.state_code,
        )
      : [];
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

  const event = (tx: Queryable, threadId: string, kind: string, actor: string, state: string | null, details = {}) =>
    tx.query('insert into thread_events (thread_id, state_code, kind, actor, at, details) values ($1, $2, $3, $4, $5, $6)', [
      threadId,
      state,
      kind,
      actor,
      clock().toISOString(),
      JSON.stringify(details),
    ]);

  const audit = (tx: Queryable, actor: Actor, origin: Origin, action: string, id: string, details?: Record<string, unknown>) =>
    recordAudit(tx, { actor: who(actor), origin: origin.ip, action, entity: 'thread', entityId: id, details }, clock());

  /** The people of a State a communication goes to: its POCs (and focal point for escalations). */
  async function officials(tx: Queryable, state: string, roles: string[]) {
    return tx.query<{ id: string; email: string; display_name: string }>(
      `select distinct u.id, u.email, u.display_name from users u join user_roles r on r.user_id = u.id
       where r.state_code = $1 and r.role = any($2::text[]) order by u.email`,
      [state, roles],
    );
  }

  async function stateName(tx: Queryable, code: string) {
    const [s] = await tx.query<{ name: string }>("select names->>'en' as name from states where code = $1", [code]);
    return s?.name ?? code;
  }

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
    const [{ next }] = await tx.query<{ next: number }>(
      'select coalesce(max(seq), 0) + 1 as next from thread_messages where thread_id = $1',
      [threadId],
    );
    const [m] = await tx.query<{ id: string }>(
      `insert into thread_messages (thread_id, seq, kind, author_id, author_state, body, norms, sectors, action_requested, action_due, idempotency_key, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning id`,
      [
        threadId,
        next,
        kind,
        actor.userId,
        authorState,
        c.body,
        c.norms,
        c.sectors,
        c.actionRequested,
        c.actionDue?.toISOString() ?? null,
        idempotencyKey,
        clock().toISOString(),
      ],
    );
    if (c.indicators.length)
      await tx.query(
        `insert into message_indicators (message_id, position, type, value)
         select $1, p, t, v from unnest($2::int[], $3::text[], $4::text[]) as x(p, t, v)`,
        [m.id, c.indicators.map((_, i) => i), c.indicators.map((x) => x.type), c.indicators.map((x) => x.value)],
      );
    for (const a of c.attachments ?? [])
      await tx.query(
        'insert into message_attachments (message_id, name, media_type, size, sha256, content) values ($1, $2, $3, $4, $5, $6)',
        [m.id, a.name, a.mediaType, a.data.length, a.sha256, a.data],
      );
    return m.id;
  }

  function checkKey(key: unknown): string | null {
    if (key === undefined || key === null || key === '') return null;
    if (typeof key !== 'string' || !KEY.test(key))
      throw errors.badInput([{ field: 'Idempotency-Key', reason: 'must be 8 to 200 letters, digits or . _ : -' }]);
    return key;
  }

  /** Checks the named TLP:RED recipients: each must be an official of a recipient State. */
  async function namedPeople(tx: Queryable, c: CommunicationInput): Promise<string[]> {
    if (c.tlp !== 'red' || !c.people.length) return [];
    const rows = await tx.query<{ id: string; email_key: string }>(
      `select distinct u.id, u.email_key from users u join user_roles r on r.user_id = u.id
       where u.email_key = any($1::text[]) and r.state_code = any($2::text[]) and r.role = any($3::text[])`,
      [c.people, c.recipients, [...SENDERS]],
    );
    const found = new Set(rows.map((r) => r.email_key));
    const missing = c.people.filter((p) => !found.has(p));
    if (missing.length)
      throw errors.badInput([
        { field: 'people', reason: `not an official of a recipient State: ${missing.join(', ').slice(0, 120)}` },
      ]);
    return rows.map((r) => r.id);
  }

  async function storeDraftFields(
    tx: Queryable,
    id: string,
    c: CommunicationInput & { attachments?: Attachment[] },
    actor: Actor,
    own: string,
  ) {
    await tx.query('update threads set type = $2, urgency = $3, tlp = $4, subject = $5 where id = $1', [
      id,
      c.type,
      c.urgency,
      c.tlp,
      c.subject,
    ]);
    await tx.query('delete from thread_recipients where thread_id = $1', [id]);
    if (c.recipients.length)
      await tx.query(
        `insert into thread_recipients (thread_id, state_code, status) select $1, s, 'draft' from unnest($2::text[]) s`,
        [id, c.recipients],
      );
    await tx.query('delete from thread_people where thread_id = $1', [id]);
    const people = await namedPeople(tx, c);
    await tx.query(
      'insert into thread_people (thread_id, user_id) select $1, u from unnest($2::uuid[]) u on conflict do nothing',
      [id, [actor.userId, ...people]],
    );
    const ids = await tx.query<{ id: string }>("select id from thread_messages where thread_id = $1 and kind = 'initial'", [id]);
    const fresh = await writeMessage(tx, id, 'initial', actor, own, c, null);
    if (ids.length) {
      // Files already attached to the draft stay with it.
      await tx.query('update message_attachments set message_id = $2 where message_id = $1', [ids[0].id, fresh]);
      await tx.query('delete from message_indicators where message_id = $1', [ids[0].id]);
      await tx.query('delete from thread_messages where id = $1', [ids[0].id]);
      await tx.query('update thread_messages set seq = 1 where id = $1', [fresh]);
    }
  }

  /** Saves a new draft: nothing is sent, and only its author sees it. */
  async function saveDraft(actor: Actor, input: unknown, origin: Origin) {
    const own = senderState(actor);
    authorize(actor, commActions['comm.send'], { state: own });
    const c = check((input ?? {}) as Record<string, unknown>, await context(own, true));
    return db.transaction(async (tx) => {
      const [t] = await tx.query<{ id: string }>(
        `insert into threads (sender_state, created_by, type, urgency, tlp, subject, status, created_at)
         values ($1, $2, $3, $4, $5, $6, 'draft', $7) returning id`,
        [own, actor.userId, c.type, c.urgency, c.tlp, c.subject, clock().toISOString()],
      );
      await storeDraftFields(tx, t.id, c, actor, own);
      await audit(tx, actor, origin, 'communication.draft', t.id, { recipients: c.recipients });
      return { id: t.id };
    });
  }

  async function updateDraft(actor: Actor, id: string, input: unknown, origin: Origin) {
    const p = await party(actor, id);
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
    await tx.query("update threads set status = 'open', sent_at = $2 where id = $1", [id, now.toISOString()]);
    await tx.query('delete from thread_recipients where thread_id = $1', [id]);
    await tx.query(
      `insert into thread_recipients (thread_id, state_code, status, ack_due, sent_at) select $1, s, 'sent', $3, $4 from unnest($2::text[]) s`,
      [id, c.recipients, due.toISOString(), now.toISOString()],
    );
    await tx.query(
      'insert into thread_people (thread_id, user_id) select $1, u from unnest($2::uuid[]) u on conflict do nothing',
      [id, [actor.userId, ...people]],
    );
    await event(tx, id, 'sent', who(actor), null, { recipients: c.recipients });
    const from = await stateName(tx, own);
    const words = TYPE_WORDS[c.type];
    for (const state of c.recipients) {
      const to =
        c.tlp === 'red'
          ? await tx.query<{ email: string; display_name: string }>(
              `select distinct u.email, u.display_name from users u join thread_people p on p.user_id = u.id
               join user_roles r on r.user_id = u.id and r.state_code = $2 and r.role = any($3::text[])
               where p.thread_id = $1`,
              [id, state, [...SENDERS]],
            )
          : await officials(tx, state, ['poc_diplomatic', 'poc_technical']);
      for (const person of to)
        await queueMail(
          tx,
          {
            to: person.email,
            subject: `[${tlpLabel(c.tlp)}] ${c.urgency[0].toUpperCase()}${c.urgency.slice(1)} communication from ${from} waiting for you`,
            text: `Dear ${person.display_name},\n\nA ${words} (${c.urgency}, ${tlpLabel(c.tlp)}) from ${from} is waiting for you in cybernorms. Its content is only in the platform:\n\n${deps.publicUrl}/communications/${id}\n\nPlease acknowledge receipt by ${due.toISOString().replace('T', ' ').slice(0, 16)} UTC. Acknowledging confirms receipt only; it does not mean agreeing with the content.\n`,
          },
          now,
        );
      const window = due.getTime() - now.getTime();
      await schedule(tx, {
        kind: 'comm.remind',
        key: `comm.remind:${id}:${state}`,
        payload: { thread: id, state },
        runAt: new Date(now.getTime() + window * 0.75),
      });
      await schedule(tx, {
        kind: 'comm.escalate',
        key: `comm.escalate:${id}:${state}`,
        payload: { thread: id, state },
        runAt: due,
      });
    }
  }

  /**
   * Composes and sends at once. With an idempotency key, a repeat of the same send (after a lost answer or
   * a crash) returns the thread the first one made instead of sending a second: `created` says which.
   */
  async function send(actor: Actor, input: unknown, key: unknown, origin: Origin) {
    const own = senderState(actor);
    authorize(actor, commActions['comm.send'], { state: own });
    const idempotencyKey = checkKey(key);
    if (idempotencyKey) {
      const [done] = await db.query<{ id: string }>('select id from threads where created_by = $1 and idempotency_key = $2', [
        actor.userId,
        idempotencyKey,
      ]);
      if (done) return { id: done.id, created: false };
    }
    const c = check((input ?? {}) as Record<string, unknown>, await context(own, false));
    const result = await db.transaction(async (tx) => {
      const people = await namedPeople(tx, c);
      const [t] = await tx.query<{ id: string }>(
        `insert into threads (sender_state, created_by, type, urgency, tlp, subject, status, idempotency_key, created_at)
         values ($1, $2, $3, $4, $5, $6, 'draft', $7, $8)
         on conflict (created_by, idempotency_key) do nothing returning id`,
        [own, actor.userId, c.type, c.urgency, c.tlp, c.subject, idempotencyKey, clock().toISOString()],
      );
      if (!t) {
        const [done] = await tx.query<{ id: string }>('select id from threads where created_by = $1 and idempotency_key = $2', [
          actor.userId,
          idempotencyKey,
        ]);
        return { id: done.id, created: false };
      }
      await writeMessage(tx, t.id, 'initial', actor, own, c, null);
      await dispatch(tx, t.id, c, actor, own, people);
      await audit(tx, actor, origin, 'communication.send', t.id, {
        recipients: c.recipients,
        type: c.type,
        urgency: c.urgency,
        tlp: c.tlp,
      });
      return { id: t.id, created: true };
    });
    if (result.created) {
      deps.flushMail();
      changed(result.id, [own, ...c.recipients]);
    }
    return result;
  }

  /** Sends a saved draft, after checking it as a send. */
  async function sendDraft(actor: Actor, id: string, origin: Origin) {
    const p = await party(actor, id);
    const own = p.thread.sender_state;
    authorize(actor, commActions['comm.send'], { state: own });
    if (p.thread.status !== 'draft') return { id, created: false };
    const view = await messages(p);
    const first = view[0];
    const [people] = await db.query<{ emails: string[] }>(
      `select coalesce(array_agg(u.email_key), '{}') as emails from thread_people p join users u on u.id = p.user_id
       where p.thread_id = $1 and p.user_id <> $2`,
      [id, actor.userId],
    );
    const raw = {
      type: p.thread.type,
      urgency: p.thread.urgency,
      tlp: p.thread.tlp,
      recipients: p.recipients.map((r) => r.state_code),
      people: people.emails,
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
      const [still] = await tx.query("select 1 from threads where id = $1 and status = 'draft' for update", [id]);
      if (!still) return;
      const ids = await namedPeople(tx, checked.value);
      await dispatch(tx, id, checked.value, actor, own, ids);
      await audit(tx, actor, origin, 'communication.send', id, { recipients: checked.value.recipients, from: 'draft' });
    });
    deps.flushMail();
    changed(id, [own, ...checked.value.recipients]);
    return { id, created: true };
  }

  async function messages(p: Party): Promise<MessageView[]> {
    const rows = await db.query<{
      id: string;
      seq: number;
      kind: MessageView['kind'];
      author: string;
      author_state: string;
      body: string;
      norms: string[];
      sectors: string[];
      action_requested: string;
      action_due: Date | null;
      created_at: Date;
    }>(
      `select m.id, m.seq, m.kind, u.display_name as author, m.author_state, m.body, m.norms, m.sectors, m.action_requested, m.action_due, m.created_at
       from thread_messages m join users u on u.id = m.author_id
       where m.thread_id = $1 and ($2::text is null or m.author_state = any($3::text[])) order by m.seq`,
      [p.thread.id, p.sees ? 'filter' : null, p.sees ?? []],
    );
    const indicators = rows.length
      ? await db.query<{ message_id: string; type: Indicator['type']; value: string }>(
          'select message_id, type, value from message_indicators where message_id = any($1::uuid[]) order by message_id, position',
          [rows.map((r) => r.id)],
        )
      : [];
    const files = rows.length
      ? await db.query<{ id: string; message_id: string; name: string; media_type: string; size: number; sha256: string }>(
          'select id, message_id, name, media_type, size, sha256 from message_attachments where message_id = any($1::uuid[]) order by name',
          [rows.map((r) => r.id)],
        )
      : [];
    return rows.map((r) => ({
      attachments: files
        .filter((f) => f.message_id === r.id)
        .map((f) => ({ id: f.id, name: f.name, mediaType: f.media_type, size: f.size, sha256: f.sha256 })),
      id: r.id,
      seq: r.seq,
      kind: r.kind,
      author: r.author,
      authorState: r.author_state,
      body: r.body,
      norms: r.norms,
      sectors: r.sectors,
      actionRequested: r.action_requested,
      actionDue: r.action_due,
      createdAt: r.created_at,
      indicators: indicators.filter((i) => i.message_id === r.id).map((i) => ({ type: i.type, value: i.value })),
    }));
  }

  async function events(p: Party): Promise<EventView[]> {
    const rows = await db.query<{
      kind: string;
      state_code: string | null;
      actor: string;
      at: Date;
      details: Record<string, unknown>;
    }>(
      `select e.kind, e.state_code, coalesce(u.display_name, e.actor) as actor, e.at, e.details from thread_events e
       left join users u on e.actor = 'user:' || u.id::text
       where e.thread_id = $1 and ($2::text[] is null or e.state_code is null or e.state_code = any($2::text[])) order by e.id`,
      [p.thread.id, p.sees ? p.sees.filter((s) => s !== p.thread.sender_state) : null],
    );
    return rows.map((r) => ({ kind: r.kind, state: r.state_code, actor: r.actor, at: r.at, details: r.details }));
  }

  /** A thread as its reader may see it; the read is audited, and a recipient's first read marks it delivered. */
  async function read(actor: Actor, id: string, origin: Origin) {
    const p = await party(actor, id);
    const mine = p.side === 'recipient' ? p.recipients.find((r) => r.state_code === p.state) : undefined;
    let delivered = false;
    await db.transaction(async (tx) => {
      if (mine?.status === 'sent') {
        const now = clock().toISOString();
        const hit = await tx.query(
          "update thread_recipients set status = 'delivered', delivered_at = $3 where thread_id = $1 and state_code = $2 and status = 'sent' returning 1",
          [id, p.state, now],
        );
        if (hit.length) {
          await event(tx, id, 'delivered', who(actor), p.state);
          mine.status = 'delivered';
          mine.delivered_at = new Date(now);
          delivered = true;
        }
      }
      await audit(tx, actor, origin, 'communication.read', id, { side: p.side });
    });
    if (delivered) changed(id, [p.thread.sender_state, p.state as string]);
    const visible = p.sees ? p.recipients.filter((r) => p.sees?.includes(r.state_code)) : p.recipients;
    return { ...p, recipients: visible, messages: await messages(p), events: await events(p) };
  }

  async function mustAct(actor: Actor, id: string) {
    const p = await party(actor, id);
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
      const now = clock().toISOString();
      const hit = await tx.query(
        `update thread_recipients set status = 'acknowledged', acknowledged_at = $3, acknowledged_by = $4,
           delivered_at = coalesce(delivered_at, $3)
         where thread_id = $1 and state_code = $2 and status in ('sent', 'delivered') returning 1`,
        [id, state, now, actor.userId],
      );
      if (!hit.length) return false;
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
      throw errors.badInput([{ field: 'kind', reason: 'must be response or update' }]);
    if (kind === 'response' && p.side !== 'recipient')
      throw errors.badInput([{ field: 'kind', reason: 'only a recipient State responds; the sender adds an update' }]);
    const checked = {
      value: check(
        { type: p.thread.type, urgency: p.thread.urgency, tlp: p.thread.tlp, recipients: [], ...raw, people: undefined },
        { ...(await context(p.state as string, true)) },
      ),
    };
    if (!checked.value.body) throw errors.badInput([{ field: 'body', reason: 'is required' }]);
    const state = p.state as string;
    const out = await db.transaction(async (tx) => {
      if (idempotencyKey) {
        const [done] = await tx.query<{ id: string }>(
          'select id from thread_messages where author_id = $1 and idempotency_key = $2',
          [actor.userId, idempotencyKey],
        );
        if (done) return { id: done.id, created: false };
      }
      const mid = await writeMessage(tx, id, kind, actor, state, checked.value, idempotencyKey);
      if (kind === 'response')
        await tx.query(
          `update thread_recipients set status = 'responded', responded_at = $3,
             acknowledged_at = coalesce(acknowledged_at, $3), acknowledged_by = coalesce(acknowledged_by, $4),
             delivered_at = coalesce(delivered_at, $3)
           where thread_id = $1 and state_code = $2 and status in ('sent', 'delivered', 'acknowledged', 'responded')`,
          [id, state, clock().toISOString(), actor.userId],
        );
      await event(tx, id, kind, who(actor), p.side === 'recipient' ? state : null);
      await audit(tx, actor, origin, `communication.${kind}`, id, { state });
      return { id: mid, created: true };
    });
    if (out.created)
      changed(id, [p.thread.sender_state, ...(p.side === 'recipient' ? [state] : p.recipients.map((r) => r.state_code))]);
    return out;
  }

  /** The sender ends the thread (closed) or takes it back (withdrawn); a note may go with a closure. */
  async function finish(actor: Actor, id: string, how: 'close' | 'withdraw', note: unknown, origin: Origin) {
    const p = await mustAct(actor, id);
    if (p.side !== 'sender') throw new AppError('CONFLICT', 409, 'Only the sending State can close or withdraw a communication.');
    if (p.thread.status !== 'open') throw new AppError('CONFLICT', 409, `This communication is already ${p.thread.status}.`);
    if (note !== undefined && note !== null && (typeof note !== 'string' || note.length > 20_000))
      throw errors.badInput([{ field: 'body', reason: 'must be text of at most 20000 characters' }]);
    if (typeof note === 'string' && multiLineProblem(note))
      throw errors.badInput([{ field: 'body', reason: multiLineProblem(note) as string }]);
    const status = how === 'close' ? 'closed' : 'withdrawn';
    await db.transaction(async (tx) => {
      const [t] = await tx.query("select 1 from threads where id = $1 and status = 'open' for update", [id]);
      if (!t) throw new AppError('CONFLICT', 409, 'This communication is no longer open.');
      const now = clock().toISOString();
      await tx.query('update threads set status = $2, closed_at = $3 where id = $1', [id, status, now]);
      await tx.query('update thread_recipients set status = $2 where thread_id = $1', [id, status]);
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
    const p = await mustAct(actor, id);
    if (p.thread.tlp === 'red' || p.thread.tlp === 'amber+strict')
      throw errors.badInput([{ field: 'tlp', reason: `${tlpLabel(p.thread.tlp)} cannot be shared beyond its recipients` }]);
    const state = p.state as string;
    await db.transaction(async (tx) => {
      const now = clock().toISOString();
      // Each State shares what it sees; sharing twice changes nothing.
      const added = await tx.query(
        'insert into thread_shares (thread_id, state_code, shared_by, shared_at) values ($1, $2, $3, $4) on conflict do nothing returning 1',
        [id, state, actor.userId, now],
      );
      if (!added.length) return;
      await tx.query('update threads set shared_with_manager_at = coalesce(shared_with_manager_at, $2) where id = $1', [id, now]);
      await event(tx, id, 'shared_with_manager', who(actor), p.side === 'recipient' ? state : null);
      await audit(tx, actor, origin, 'communication.share', id, { with: 'directory_manager', state });
    });
    return { shared: true };
  }

  type Box = 'inbox' | 'sent' | 'drafts';
  /**
   * A State official's threads: received, sent or drafts; metadata and subject, newest first, a page at a
   * time (`before` is the last item's time). Each box is one index range, so it stays fast as it grows.
   * Each view is audited (it shows subjects): one entry, with the box and how many it listed.
   */
  async function list(actor: Actor, box: Box, origin: Origin, limit = 50, before?: string) {
    authorize(actor, commActions['comm.read'], { state: statesOf(actor)[0] ?? null });
    // An official acts for one State (decision 14), so a box is one State's: one index range, newest first.
    const states = statesOf(actor);
    const cursor = before && !Number.isNaN(new Date(before).getTime()) ? new Date(before).toISOString() : null;
    const n = Math.min(Math.max(limit, 1), 200);
    const red = "(t.tlp <> 'red' or exists (select 1 from thread_people p where p.thread_id = t.id and p.user_id = $2))";
    const recipients = `coalesce((select json_agg(json_build_object('state', x.state_code, 'status', x.status, 'ack_due', x.ack_due) order by x.state_code)
           from thread_recipients x where x.thread_id = t.id), '[]')`;
    const sql =
      box === 'inbox'
        ? `select t.id, t.sender_state, t.type, t.urgency, t.tlp, t.subject, t.status, t.created_at, t.sent_at,
             json_build_array(json_build_object('state', r.state_code, 'status', r.status, 'ack_due', r.ack_due)) as recipients
           from thread_recipients r join threads t on t.id = r.thread_id
           where r.state_code = $1 and r.sent_at is not null and ${red}
             and ($3::timestamptz is null or r.sent_at < $3)
           order by r.sent_at desc limit $4`
        : box === 'sent'
          ? `select t.id, t.sender_state, t.type, t.urgency, t.tlp, t.subject, t.status, t.created_at, t.sent_at, ${recipients} as recipients
             from threads t
             where t.sender_state = $1 and t.sent_at is not null and ${red}
               and ($3::timestamptz is null or t.sent_at < $3)
             order by t.sent_at desc limit $4`
          : `select t.id, t.sender_state, t.type, t.urgency, t.tlp, t.subject, t.status, t.created_at, t.sent_at, ${recipients} as recipients
             from threads t
             where t.status = 'draft' and t.created_by = $2 and $1::text is not null
               and ($3::timestamptz is null or t.created_at < $3)
             order by t.created_at desc limit $4`;
    return db.transaction(async (tx) => {
      const items = await tx.query<{
        id: string;
        sender_state: string;
        type: CommType;
        urgency: Urgency;
        tlp: Tlp;
        subject: string;
        status: string;
        created_at: Date;
        sent_at: Date | null;
        recipients: { state: string; status: RecipientStatus; ack_due: string | null }[];
      }>(sql, [states[0], actor.userId, cursor, n]);
      await recordAudit(
        tx,
        {
          actor: who(actor),
          origin: origin.ip,
          action: 'communication.list',
          entity: 'state',
          entityId: states[0] ?? null,
          details: { box, items: items.length, ...(cursor ? { before: cursor } : {}) },
        },
        clock(),
      );
      return items;
    });
  }

  /**
   * For the directory manager: who, when, type, urgency, status and times; no subject, no content. Each
   * view is audited: one entry, with how many it listed.
   */
  async function metadata(actor: Actor, origin: Origin, limit = 200) {
    authorize(actor, commActions['comm.metadata']);
    return db.transaction(async (tx) => {
      const rows = await tx.query<{
        id: string;
        sender_state: string;
        type: CommType;
        urgency: Urgency;
        tlp: Tlp;
        status: string;
        sent_at: Date;
        shared: boolean;
        recipients: { state: string; status: RecipientStatus; acknowledged_at: string | null; responded_at: string | null }[];
      }>(
        `select t.id, t.sender_state, t.type, t.urgency, t.tlp, t.status, t.sent_at, t.shared_with_manager_at is not null as shared,
         (select json_agg(json_build_object('state', r.state_code, 'status', r.status, 'acknowledged_at', r.acknowledged_at,
            'responded_at', r.responded_at) order by r.state_code) from thread_recipients r where r.thread_id = t.id) as recipients
       from threads t where t.status <> 'draft' order by t.sent_at desc limit $1`,
        [Math.min(Math.max(limit, 1), 1000)],
      );
      await recordAudit(
        tx,
        {
          actor: who(actor),
          origin: origin.ip,
          action: 'communication.metadata_read',
          entity: 'thread',
          details: { items: rows.length },
        },
        clock(),
      );
      return rows;
    });
  }

  /**
   * Time to acknowledge and to respond (minutes; median and 95th percentile) by type and by urgency, for
   * communications a State received (its own figures) or all of them (the manager).
   */
  async function stats(actor: Actor, state: string | null) {
    if (state) authorize(actor, commActions['comm.stats'], { state });
    else authorize(actor, commActions['comm.metadata']);
    const rows = await db.query<{ type: CommType; urgency: Urgency; ack: number | null; resp: number | null }>(
      `select t.type, t.urgency,
         extract(epoch from (r.acknowledged_at - t.sent_at)) / 60 as ack,
         extract(epoch from (r.responded_at - t.sent_at)) / 60 as resp
       from thread_recipients r join threads t on t.id = r.thread_id
       where t.status <> 'draft' and ($1::text is null or r.state_code = $1)`,
      [state],
    );
    const group = (key: (r: (typeof rows)[number]) => string) => {
      const m = new Map<string, typeof rows>();
      for (const r of rows) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
      return [...m].map(([k, rs]) => {
        const acks = rs
          .map((r) => r.ack)
          .filter((x): x is number => x !== null)
          .map(Number)
          .sort((a, b) => a - b);
        const resps = rs
          .map((r) => r.resp)
          .filter((x): x is number => x !== null)
          .map(Number)
          .sort((a, b) => a - b);
        return {
          key: k,
          received: rs.length,
          acknowledged: acks.length,
          responded: resps.length,
          ackMedian: percentile(acks, 50),
          ackP95: percentile(acks, 95),
          respMedian: percentile(resps, 50),
          respP95: percentile(resps, 95),
        };
      });
    };
    return { total: rows.length, byType: group((r) => r.type), byUrgency: group((r) => r.urgency) };
  }

  /** Before the acknowledgement is due: a reminder to the recipient POCs, unless already acknowledged. */
  async function remind(tx: Queryable, job: { payload: Record<string, unknown> }, now: Date) {
    const { thread, state } = job.payload as { thread: string; state: string };
    const [r] = await tx.query<{ status: string; ack_due: Date; urgency: Urgency; tlp: Tlp; sender_state: string }>(
      `select r.status, r.ack_due, t.urgency, t.tlp, t.sender_state from thread_recipients r join threads t on t.id = r.thread_id
       where r.thread_id = $1 and r.state_code = $2`,
      [thread, state],
    );
    if (!r || !['sent', 'delivered'].includes(r.status)) return;
    const to =
      r.tlp === 'red'
        ? await tx.query<{ email: string; display_name: string }>(
            `select distinct u.email, u.display_name from users u join thread_people p on p.user_id = u.id
             join user_roles g on g.user_id = u.id and g.state_code = $2 and g.role = any($3::text[])
             where p.thread_id = $1`,
            [thread, state, [...SENDERS]],
          )
        : await officials(tx, state, ['poc_diplomatic', 'poc_technical']);
    const from = await stateName(tx, r.sender_state);
    for (const person of to)
      await queueMail(
        tx,
        {
          to: person.email,
          subject: `[${tlpLabel(r.tlp)}] Reminder: acknowledge the communication from ${from}`,
          text: `Dear ${person.display_name},\n\nA ${r.urgency} communication from ${from} awaits acknowledgement by ${new Date(r.ack_due).toISOString().replace('T', ' ').slice(0, 16)} UTC:\n\n${deps.publicUrl}/communications/${thread}\n`,
        },
        now,
      );
    await event(tx, thread, 'reminder', 'system:deadlines', state, { to: to.length });
  }

  /** At the deadline, unacknowledged: escalate to the recipient's diplomatic POCs and focal point; the sender sees it. */
  async function escalate(tx: Queryable, job: { payload: Record<string, unknown> }, now: Date) {
    const { thread, state } = job.payload as { thread: string; state: string };
    const [r] = await tx.query<{ status: string; urgency: Urgency; tlp: Tlp; sender_state: string }>(
      `select r.status, t.urgency, t.tlp, t.sender_state from thread_recipients r join threads t on t.id = r.thread_id
       where r.thread_id = $1 and r.state_code = $2`,
      [thread, state],
    );
    if (!r || !['sent', 'delivered'].includes(r.status)) return;
    const from = await stateName(tx, r.sender_state);
    // TLP:RED goes to no one new: the escalation names the thread without opening it to others.
    const to = await officials(tx, state, ['poc_diplomatic', 'focal_point']);
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
    await tx.query('update thread_recipients set escalated_at = $3 where thread_id = $1 and state_code = $2', [
      thread,
      state,
      now.toISOString(),
    ]);
    await event(tx, thread, 'escalated', 'system:deadlines', state, { to: to.length });
  }

  /** A draft's fields for its edit form (its author only). */
  async function draft(actor: Actor, id: string) {
    const p = await party(actor, id);
    // Only the sending State's officials edit; others are refused before they learn its state.
    authorize(actor, commActions['comm.send'], { state: p.thread.sender_state });
    if (p.thread.status !== 'draft')
      throw new AppError('CONFLICT', 409, 'This communication was sent; it can no longer be edited.');
    const [first] = await messages(p);
    const people = await db.query<{ email: string }>(
      'select u.email from thread_people p join users u on u.id = p.user_id where p.thread_id = $1 and p.user_id <> $2 order by u.email',
      [id, actor.userId],
    );
    return { ...p, first, people: people.map((x) => x.email) };
  }

  /** What an export (STIX bundle, PDF) contains for this reader; the export is recorded. */
  async function exportView(actor: Actor, id: string, format: 'stix' | 'pdf', origin: Origin) {
    const p = await party(actor, id);
    if (p.thread.status === 'draft') throw new AppError('CONFLICT', 409, 'A draft cannot be exported; send it first.');
    const recipients = p.sees ? p.recipients.filter((r) => p.sees?.includes(r.state_code)) : p.recipients;
    const codes = [p.thread.sender_state, ...recipients.map((r) => r.state_code)];
    const names = await db.query<{ code: string; name: string }>(
      "select code, names->>'en' as name from states where code = any($1::text[])",
      [codes],
    );
    const states = Object.fromEntries(codes.map((c) => [c, names.find((n) => n.code === c)?.name ?? c]));
    await db.transaction((tx) => audit(tx, actor, origin, 'communication.export', id, { format, side: p.side }));
    return { ...p, recipients, states, messages: await messages(p), events: await events(p) };
  }

  /** One attached file, for a reader who may see the message it belongs to; the download is recorded. */
  async function attachment(actor: Actor, id: string, attachmentId: string, origin: Origin) {
    const p = await party(actor, id);
    if (!UUID.test(attachmentId)) throw errors.notFound('The file');
    const [f] = await db.query<{ name: string; media_type: string; sha256: string; content: Uint8Array; author_state: string }>(
      `select a.name, a.media_type, a.sha256, a.content, m.author_state from message_attachments a
       join thread_messages m on m.id = a.message_id where a.id = $1 and m.thread_id = $2`,
      [attachmentId, id],
    );
    if (!f || (p.sees && !p.sees.includes(f.author_state))) throw errors.notFound('The file');
    await db.transaction((tx) =>
      audit(tx, actor, origin, 'communication.attachment', id, { file: attachmentId, sha256: f.sha256 }),
    );
    return { name: f.name, mediaType: f.media_type, sha256: f.sha256, content: Buffer.from(f.content) };
  }

  /** The critical-infrastructure sectors a communication can name. */
  const sectorList = () => db.query<{ slug: string; name: string }>('select slug, name from sectors order by name');

  return {
    statesOf,
    party,
    draft,
    exportView,
    attachment,
    sectorList,
    saveDraft,
    updateDraft,
    send,
    sendDraft,
    read,
    acknowledge,
    reply,
    close: (actor: Actor, id: string, note: unknown, origin: Origin) => finish(actor, id, 'close', note, origin),
    withdraw: (actor: Actor, id: string, origin: Origin) => finish(actor, id, 'withdraw', undefined, origin),
    share,
    list,
    metadata,
    stats,
    handlers: {
      'comm.remind': (tx: Queryable, job: { payload: Record<string, unknown> }, now: Date) => remind(tx, job, now),
      'comm.escalate': (tx: Queryable, job: { payload: Record<string, unknown> }, now: Date) => escalate(tx, job, now),
    },
  };
}

export type CommunicationsService = ReturnType<typeof createCommunicationsService>;
export { TLPS, URGENCIES };
