// The SQL of a thread's messages, their indicators and their files, one function per statement, each taking
// the Queryable to run on; no rules here (see communications.queries.ts for the rest of the module's SQL).
import type { Queryable } from '../../db/client.ts';
import type { Attachment, Indicator } from './communications.validate.ts';

export async function nextMessageSeq(q: Queryable, threadId: string): Promise<number> {
  const [{ next }] = await q.query<{ next: number }>(
    'select coalesce(max(seq), 0) + 1 as next from thread_messages where thread_id = $1',
    [threadId],
  );
  return next;
}

/** A new message's id. */
export async function insertMessage(
  q: Queryable,
  m: {
    threadId: string;
    seq: number;
    kind: string;
    authorId: string | null;
    authorState: string;
    body: string;
    norms: string[];
    sectors: string[];
    actionRequested: string;
    actionDue: string | null;
    idempotencyKey: string | null;
    at: string;
  },
): Promise<string> {
  const [row] = await q.query<{ id: string }>(
    `insert into thread_messages (thread_id, seq, kind, author_id, author_state, body, norms, sectors, action_requested, action_due, idempotency_key, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning id`,
    [
      m.threadId,
      m.seq,
      m.kind,
      m.authorId,
      m.authorState,
      m.body,
      m.norms,
      m.sectors,
      m.actionRequested,
      m.actionDue,
      m.idempotencyKey,
      m.at,
    ],
  );
  return row.id;
}

export async function insertIndicators(q: Queryable, messageId: string, indicators: Indicator[]) {
  await q.query(
    `insert into message_indicators (message_id, position, type, value)
     select $1, p, t, v from unnest($2::int[], $3::text[], $4::text[]) as x(p, t, v)`,
    [messageId, indicators.map((_, i) => i), indicators.map((x) => x.type), indicators.map((x) => x.value)],
  );
}

export async function insertAttachment(q: Queryable, messageId: string, a: Attachment) {
  await q.query(
    'insert into message_attachments (message_id, name, media_type, size, sha256, content) values ($1, $2, $3, $4, $5, $6)',
    [messageId, a.name, a.mediaType, a.data.length, a.sha256, a.data],
  );
}

/** The id of the message made with this idempotency key by this author, if any. */
export async function messageIdByIdempotencyKey(q: Queryable, userId: string, key: string): Promise<string | undefined> {
  const [m] = await q.query<{ id: string }>('select id from thread_messages where author_id = $1 and idempotency_key = $2', [
    userId,
    key,
  ]);
  return m?.id;
}

/** The ids of the thread's first message (one, or none yet). */
export async function initialMessageIds(q: Queryable, threadId: string): Promise<string[]> {
  const rows = await q.query<{ id: string }>("select id from thread_messages where thread_id = $1 and kind = 'initial'", [
    threadId,
  ]);
  return rows.map((r) => r.id);
}

/** Replaces a draft's first message by a fresh one, keeping its files: the old one goes, the new one is first. */
export async function replaceInitialMessage(q: Queryable, old: string, fresh: string) {
  await q.query('update message_attachments set message_id = $2 where message_id = $1', [old, fresh]);
  await q.query('delete from message_indicators where message_id = $1', [old]);
  await q.query('delete from thread_messages where id = $1', [old]);
  await q.query('update thread_messages set seq = 1 where id = $1', [fresh]);
}

/** The thread's messages in order, limited to those written by the given States unless null. */
export function messagesOf(q: Queryable, threadId: string, states: string[] | null) {
  return q.query<{
    id: string;
    seq: number;
    kind: 'initial' | 'update' | 'response' | 'closure';
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
     from thread_messages m join people u on u.id = m.author_id
     where m.thread_id = $1 and ($2::text is null or m.author_state = any($3::text[])) order by m.seq`,
    [threadId, states ? 'filter' : null, states ?? []],
  );
}

export function indicatorsOf(q: Queryable, messageIds: string[]) {
  return q.query<{ message_id: string; type: Indicator['type']; value: string }>(
    'select message_id, type, value from message_indicators where message_id = any($1::uuid[]) order by message_id, position',
    [messageIds],
  );
}

/** The files of the given messages, without their bytes. */
export function attachmentsOf(q: Queryable, messageIds: string[]) {
  return q.query<{ id: string; message_id: string; name: string; media_type: string; size: number; sha256: string }>(
    'select id, message_id, name, media_type, size, sha256 from message_attachments where message_id = any($1::uuid[]) order by name',
    [messageIds],
  );
}

/** One file of the thread, with its bytes and the State whose message carries it. */
export async function attachmentOfThread(q: Queryable, attachmentId: string, threadId: string) {
  const [f] = await q.query<{ name: string; media_type: string; sha256: string; content: Uint8Array; author_state: string }>(
    `select a.name, a.media_type, a.sha256, a.content, m.author_state from message_attachments a
     join thread_messages m on m.id = a.message_id where a.id = $1 and m.thread_id = $2`,
    [attachmentId, threadId],
  );
  return f;
}
