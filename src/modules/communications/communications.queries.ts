// Every SQL statement of the communications module, one function per statement, named after what it returns
// (or, for a write, what it does). Each takes the Queryable to run on (the database or a transaction); no
// rules live here: who may see or do what is decided in communications.policy.ts and the services. The
// statements about messages, indicators and files are in messages.queries.ts.
// Statements that read other modules' data go through the views those modules publish (identity's `people`
// and `role_holders`, the registry's `state_names`, the knowledge base's `sector_names`); they are at the end.
import type { Queryable } from '../../db/client.ts';
import type { RecipientRow, RecipientStatus, ThreadRow } from './communications.types.ts';
import type { CommType, CommunicationInput, Tlp, Urgency } from './communications.validate.ts';

// Threads

export async function threadById(q: Queryable, id: string, lock = false): Promise<ThreadRow | undefined> {
  const [t] = await q.query<ThreadRow>(`select * from threads where id = $1${lock ? ' for update' : ''}`, [id]);
  return t;
}

/** The thread a user already made with this idempotency key, if any. */
export async function threadIdByIdempotencyKey(q: Queryable, userId: string, key: string): Promise<string | undefined> {
  const [t] = await q.query<{ id: string }>('select id from threads where created_by = $1 and idempotency_key = $2', [
    userId,
    key,
  ]);
  return t?.id;
}

/** A new draft thread's id. */
export async function insertDraftThread(
  q: Queryable,
  t: { state: string; userId: string; type: CommType; urgency: Urgency; tlp: Tlp; subject: string; at: string },
): Promise<string> {
  const [row] = await q.query<{ id: string }>(
    `insert into threads (sender_state, created_by, type, urgency, tlp, subject, status, created_at)
     values ($1, $2, $3, $4, $5, $6, 'draft', $7) returning id`,
    [t.state, t.userId, t.type, t.urgency, t.tlp, t.subject, t.at],
  );
  return row.id;
}

/** A new thread's id, or undefined when the user already made one with this idempotency key. */
export async function insertThreadOnce(
  q: Queryable,
  t: {
    state: string;
    userId: string;
    type: CommType;
    urgency: Urgency;
    tlp: Tlp;
    subject: string;
    key: string | null;
    at: string;
  },
): Promise<string | undefined> {
  const [row] = await q.query<{ id: string }>(
    `insert into threads (sender_state, created_by, type, urgency, tlp, subject, status, idempotency_key, created_at)
     values ($1, $2, $3, $4, $5, $6, 'draft', $7, $8)
     on conflict (created_by, idempotency_key) do nothing returning id`,
    [t.state, t.userId, t.type, t.urgency, t.tlp, t.subject, t.key, t.at],
  );
  return row?.id;
}

export async function updateThreadFields(
  q: Queryable,
  id: string,
  c: Pick<CommunicationInput, 'type' | 'urgency' | 'tlp' | 'subject'>,
) {
  await q.query('update threads set type = $2, urgency = $3, tlp = $4, subject = $5 where id = $1', [
    id,
    c.type,
    c.urgency,
    c.tlp,
    c.subject,
  ]);
}

export async function markThreadOpen(q: Queryable, id: string, at: string) {
  await q.query("update threads set status = 'open', sent_at = $2 where id = $1", [id, at]);
}

/** Whether the thread is still a draft, locking its row until the transaction ends. */
export async function lockDraft(q: Queryable, id: string): Promise<boolean> {
  return (await q.query("select 1 from threads where id = $1 and status = 'draft' for update", [id])).length > 0;
}

/** Whether the thread is still open, locking its row until the transaction ends. */
export async function lockOpenThread(q: Queryable, id: string): Promise<boolean> {
  return (await q.query("select 1 from threads where id = $1 and status = 'open' for update", [id])).length > 0;
}

export async function endThread(q: Queryable, id: string, status: 'closed' | 'withdrawn', at: string) {
  await q.query('update threads set status = $2, closed_at = $3 where id = $1', [id, status, at]);
}

export async function markSharedWithManager(q: Queryable, id: string, at: string) {
  await q.query('update threads set shared_with_manager_at = coalesce(shared_with_manager_at, $2) where id = $1', [id, at]);
}

// Recipients

export function recipientsOf(q: Queryable, id: string): Promise<RecipientRow[]> {
  return q.query<RecipientRow>('select * from thread_recipients where thread_id = $1 order by state_code', [id]);
}

export async function deleteRecipients(q: Queryable, id: string) {
  await q.query('delete from thread_recipients where thread_id = $1', [id]);
}

export async function insertDraftRecipients(q: Queryable, id: string, states: string[]) {
  await q.query(`insert into thread_recipients (thread_id, state_code, status) select $1, s, 'draft' from unnest($2::text[]) s`, [
    id,
    states,
  ]);
}

export async function insertSentRecipients(q: Queryable, id: string, states: string[], due: string, at: string) {
  await q.query(
    `insert into thread_recipients (thread_id, state_code, status, ack_due, sent_at) select $1, s, 'sent', $3, $4 from unnest($2::text[]) s`,
    [id, states, due, at],
  );
}

/** Whether a sent recipient was marked delivered now (it was not before). */
export async function markDelivered(q: Queryable, id: string, state: string, at: string): Promise<boolean> {
  const hit = await q.query(
    "update thread_recipients set status = 'delivered', delivered_at = $3 where thread_id = $1 and state_code = $2 and status = 'sent' returning 1",
    [id, state, at],
  );
  return hit.length > 0;
}

/** Whether the recipient was marked acknowledged now (it was sent or delivered). */
export async function markAcknowledged(q: Queryable, id: string, state: string, at: string, userId: string): Promise<boolean> {
  const hit = await q.query(
    `update thread_recipients set status = 'acknowledged', acknowledged_at = $3, acknowledged_by = $4,
       delivered_at = coalesce(delivered_at, $3)
     where thread_id = $1 and state_code = $2 and status in ('sent', 'delivered') returning 1`,
    [id, state, at, userId],
  );
  return hit.length > 0;
}

export async function markResponded(q: Queryable, id: string, state: string, at: string, userId: string) {
  await q.query(
    `update thread_recipients set status = 'responded', responded_at = $3,
       acknowledged_at = coalesce(acknowledged_at, $3), acknowledged_by = coalesce(acknowledged_by, $4),
       delivered_at = coalesce(delivered_at, $3)
     where thread_id = $1 and state_code = $2 and status in ('sent', 'delivered', 'acknowledged', 'responded')`,
    [id, state, at, userId],
  );
}

export async function setRecipientsStatus(q: Queryable, id: string, status: RecipientStatus) {
  await q.query('update thread_recipients set status = $2 where thread_id = $1', [id, status]);
}

export async function markEscalated(q: Queryable, id: string, state: string, at: string) {
  await q.query('update thread_recipients set escalated_at = $3 where thread_id = $1 and state_code = $2', [id, state, at]);
}

/** What a deadline job needs of one recipient: its status and due time, and the thread's marking and sender. */
export async function deadlineOf(q: Queryable, id: string, state: string) {
  const [r] = await q.query<{ status: string; ack_due: Date; urgency: Urgency; tlp: Tlp; sender_state: string }>(
    `select r.status, r.ack_due, t.urgency, t.tlp, t.sender_state from thread_recipients r join threads t on t.id = r.thread_id
     where r.thread_id = $1 and r.state_code = $2`,
    [id, state],
  );
  return r;
}

// People (TLP:RED) and shares

export async function isNamedOnThread(q: Queryable, id: string, userId: string): Promise<boolean> {
  return (await q.query('select 1 from thread_people where thread_id = $1 and user_id = $2', [id, userId])).length > 0;
}

export async function deletePeople(q: Queryable, id: string) {
  await q.query('delete from thread_people where thread_id = $1', [id]);
}

export async function addPeople(q: Queryable, id: string, userIds: string[]) {
  await q.query('insert into thread_people (thread_id, user_id) select $1, u from unnest($2::uuid[]) u on conflict do nothing', [
    id,
    userIds,
  ]);
}

/** The States that shared the thread with the directory manager. */
export async function sharingStates(q: Queryable, id: string): Promise<string[]> {
  const rows = await q.query<{ state_code: string }>('select state_code from thread_shares where thread_id = $1', [id]);
  return rows.map((r) => r.state_code);
}

/** Whether the State's share was added now (sharing twice changes nothing). */
export async function insertShare(q: Queryable, id: string, state: string, userId: string, at: string): Promise<boolean> {
  const added = await q.query(
    'insert into thread_shares (thread_id, state_code, shared_by, shared_at) values ($1, $2, $3, $4) on conflict do nothing returning 1',
    [id, state, userId, at],
  );
  return added.length > 0;
}

// The timeline

export async function insertEvent(
  q: Queryable,
  e: { threadId: string; state: string | null; kind: string; actor: string; at: string; details: Record<string, unknown> },
) {
  await q.query('insert into thread_events (thread_id, state_code, kind, actor, at, details) values ($1, $2, $3, $4, $5, $6)', [
    e.threadId,
    e.state,
    e.kind,
    e.actor,
    e.at,
    JSON.stringify(e.details),
  ]);
}

/** The thread's events, limited to those about the given States (and the thread as a whole) unless null. */
export function eventsOf(q: Queryable, id: string, states: string[] | null) {
  return q.query<{ kind: string; state_code: string | null; actor: string; at: Date; details: Record<string, unknown> }>(
    `select e.kind, e.state_code, coalesce(u.display_name, e.actor) as actor, e.at, e.details from thread_events e
     left join people u on e.actor = 'user:' || u.id::text
     where e.thread_id = $1 and ($2::text[] is null or e.state_code is null or e.state_code = any($2::text[])) order by e.id`,
    [id, states],
  );
}

// Boxes, metadata and statistics

export interface BoxItem {
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
  /** Where the next page starts, if this is the last row of one. */
  cursor: string;
}

const RED_FOR_USER = "(t.tlp <> 'red' or exists (select 1 from thread_people p where p.thread_id = t.id and p.user_id = $2))";
const RECIPIENTS_JSON = `coalesce((select json_agg(json_build_object('state', x.state_code, 'status', x.status, 'ack_due', x.ack_due) order by x.state_code)
       from thread_recipients x where x.thread_id = t.id), '[]')`;
/** A row's place in its box: its time to the microsecond and its id, so threads sent in the same instant page apart. */
const pageKey = (at: string, id: string) =>
  `to_char(${at} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || '~' || ${id}::text as cursor`;
/** Rows after the cursor ($3 the time, $5 the id; without an id, before the time), newest first. */
const after = (at: string, id: string) =>
  `($3::timestamptz is null or (${at} <= $3 and (${at} < $3 or ${id} < $5::uuid)))
       order by ${at} desc, ${id} desc limit $4`;
const BOX_SQL = {
  inbox: `select t.id, t.sender_state, t.type, t.urgency, t.tlp, t.subject, t.status, t.created_at, t.sent_at,
         json_build_array(json_build_object('state', r.state_code, 'status', r.status, 'ack_due', r.ack_due)) as recipients,
         ${pageKey('r.sent_at', 'r.thread_id')}
       from thread_recipients r join threads t on t.id = r.thread_id
       where r.state_code = $1 and r.sent_at is not null and ${RED_FOR_USER} and ${after('r.sent_at', 'r.thread_id')}`,
  sent: `select t.id, t.sender_state, t.type, t.urgency, t.tlp, t.subject, t.status, t.created_at, t.sent_at, ${RECIPIENTS_JSON} as recipients,
         ${pageKey('t.sent_at', 't.id')}
       from threads t
       where t.sender_state = $1 and t.sent_at is not null and ${RED_FOR_USER} and ${after('t.sent_at', 't.id')}`,
  drafts: `select t.id, t.sender_state, t.type, t.urgency, t.tlp, t.subject, t.status, t.created_at, t.sent_at, ${RECIPIENTS_JSON} as recipients,
         ${pageKey('t.created_at', 't.id')}
       from threads t
       where t.status = 'draft' and t.created_by = $2 and $1::text is not null and ${after('t.created_at', 't.id')}`,
};

/**
 * One page of a State's box, newest first, after `cursor` (the last row's `cursor`: time and id; a time alone,
 * the older form, starts before that time): received (inbox), sent, or the user's drafts. Ordered by time
 * and id, so threads sent in the same microsecond are each listed once. TLP:RED threads only for the people
 * named on them. Each box is one index range.
 */
export function boxItems(
  q: Queryable,
  box: keyof typeof BOX_SQL,
  p: { state: string | undefined; userId: string | null; cursor: { at: string; id: string | null } | null; limit: number },
) {
  return q.query<BoxItem>(BOX_SQL[box], [p.state, p.userId, p.cursor?.at ?? null, p.limit, p.cursor?.id ?? null]);
}

/** Every sent thread's metadata, newest first: who, when, type, urgency, status and times; no subject or content. */
export function threadMetadata(q: Queryable, limit: number) {
  return q.query<{
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
    [limit],
  );
}

/** Minutes from sending to acknowledgement and to response, per recipient of each sent thread (one State's, or all). */
export function responseTimes(q: Queryable, state: string | null) {
  return q.query<{ type: CommType; urgency: Urgency; ack: number | null; resp: number | null }>(
    `select t.type, t.urgency,
       extract(epoch from (r.acknowledged_at - t.sent_at)) / 60 as ack,
       extract(epoch from (r.responded_at - t.sent_at)) / 60 as resp
     from thread_recipients r join threads t on t.id = r.thread_id
     where t.status <> 'draft' and ($1::text is null or r.state_code = $1)`,
    [state],
  );
}

// Reads of other modules' published views: identity (people, role_holders), the registry (state_names),
// knowledge (sector_names, norm_titles).

/** The people holding one of the roles for a State (e.g. its POCs), by e-mail, with the language they read mail in. */
export function officialsOf(q: Queryable, state: string, roles: string[]) {
  return q.query<{ id: string; email: string; display_name: string; language: string }>(
    `select distinct u.id, u.email, u.display_name, u.language from people u join role_holders r on r.user_id = u.id
     where r.state_code = $1 and r.role = any($2::text[]) order by u.email`,
    [state, roles],
  );
}

/** The people named on a TLP:RED thread who hold one of the roles for the State, with their mail's language. */
export function namedOfficialsOf(q: Queryable, threadId: string, state: string, roles: string[]) {
  return q.query<{ email: string; display_name: string; language: string }>(
    `select distinct u.email, u.display_name, u.language from people u join thread_people p on p.user_id = u.id
     join role_holders r on r.user_id = u.id and r.state_code = $2 and r.role = any($3::text[])
     where p.thread_id = $1`,
    [threadId, state, roles],
  );
}

/** The officials (any of the roles, any of the States) with these e-mail keys. */
export function officialsByEmailKey(q: Queryable, emailKeys: string[], states: string[], roles: string[]) {
  return q.query<{ id: string; email_key: string }>(
    `select distinct u.id, u.email_key from people u join role_holders r on r.user_id = u.id
     where u.email_key = any($1::text[]) and r.state_code = any($2::text[]) and r.role = any($3::text[])`,
    [emailKeys, states, roles],
  );
}

/** The e-mail keys of the people named on a thread, except one user (its author). */
export async function namedEmailKeys(q: Queryable, threadId: string, exceptUser: string | null): Promise<string[]> {
  const [row] = await q.query<{ emails: string[] }>(
    `select coalesce(array_agg(u.email_key), '{}') as emails from thread_people p join people u on u.id = p.user_id
     where p.thread_id = $1 and p.user_id <> $2`,
    [threadId, exceptUser],
  );
  return row.emails;
}

/** The e-mail addresses of the people named on a thread, except one user (its author), in order. */
export async function namedEmails(q: Queryable, threadId: string, exceptUser: string | null): Promise<string[]> {
  const rows = await q.query<{ email: string }>(
    'select u.email from thread_people p join people u on u.id = p.user_id where p.thread_id = $1 and p.user_id <> $2 order by u.email',
    [threadId, exceptUser],
  );
  return rows.map((r) => r.email);
}

/** A State's names by language (for mail in each recipient's); empty when unknown. */
export async function stateNamesByLanguage(q: Queryable, code: string): Promise<Record<string, string>> {
  const [s] = await q.query<{ names: Record<string, string> }>('select names from state_names where code = $1', [code]);
  return s?.names ?? {};
}

export function stateNames(q: Queryable, codes: string[]) {
  return q.query<{ code: string; name: string }>(
    "select code, names->>'en' as name from state_names where code = any($1::text[])",
    [codes],
  );
}

/** The codes of the States a communication can go to (members, observers, demo States). */
export async function addressableStates(q: Queryable): Promise<string[]> {
  const rows = await q.query<{ code: string }>("select code from state_names where status in ('member', 'observer', 'demo')");
  return rows.map((r) => r.code);
}

export async function sectorSlugs(q: Queryable): Promise<string[]> {
  return (await q.query<{ slug: string }>('select slug from sector_names')).map((s) => s.slug);
}

/** The critical-infrastructure sectors, by name. */
export function sectorsByName(q: Queryable) {
  return q.query<{ slug: string; name: string }>('select slug, name from sector_names order by name');
}

/** The norms' English titles, by letter. */
export function normTitles(q: Queryable) {
  return q.query<{ letter: string; title: string }>('select letter, title from norm_titles order by letter');
}
