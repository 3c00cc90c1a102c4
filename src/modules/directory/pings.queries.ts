// Every SQL statement of the communication checks (ping_rounds, ping_tasks and the mail they queue), one
// function each, named after what it returns. No rules here. The report reads the registry's `state_names`
// for each State's regional group, and a round's mail the States' names and identity's `people` for the
// language of a contact's account; the mail goes to the platform's `outbox`.
import type { Queryable } from '../../db/client.ts';
import type { Locale } from '../../platform/i18n/locales.ts';
import type { RoundScope } from './pings.validate.ts';

/** A new round; returns its id. */
export async function insertedRoundId(
  q: Queryable,
  r: { title: string; scope: RoundScope; startedAt: Date; deadline: Date; reminderHours: number; createdBy: string },
): Promise<string> {
  const [round] = await q.query<{ id: string }>(
    `insert into ping_rounds (title, scope, started_at, deadline, reminder_hours, created_by) values ($1, $2, $3, $4, $5, $6) returning id`,
    [r.title, JSON.stringify(r.scope), r.startedAt.toISOString(), r.deadline.toISOString(), r.reminderHours, r.createdBy],
  );
  return round.id;
}

/** One task per contact of a round, each with the SHA-256 of its link token and the language it is written to in. */
export async function insertTasks(
  q: Queryable,
  roundId: string,
  at: Date,
  tasks: {
    contactId: string;
    state: string;
    kind: string;
    email: string;
    name: string;
    tokenHash: string;
    language: Locale;
  }[],
): Promise<void> {
  await q.query(
    `insert into ping_tasks (round_id, contact_id, state_code, kind, email, name, token_hash, created_at, language)
     select $1, c, s, k, e, n, h, $2, l
     from unnest($3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[]) as x(c, s, k, e, n, h, l)`,
    [
      roundId,
      at.toISOString(),
      tasks.map((t) => t.contactId),
      tasks.map((t) => t.state),
      tasks.map((t) => t.kind),
      tasks.map((t) => t.email),
      tasks.map((t) => t.name),
      tasks.map((t) => t.tokenHash),
      tasks.map((t) => t.language),
    ],
  );
}

/** Queues one mail per recipient (each in its own language), in the caller's transaction, in one statement. */
export async function insertMails(q: Queryable, at: Date, mails: { to: string; subject: string; body: string }[]): Promise<void> {
  await q.query(
    `insert into outbox (recipient, subject, body, created_at)
     select e, s, b, $1 from unnest($2::text[], $3::text[], $4::text[]) as x(e, s, b)`,
    [at.toISOString(), mails.map((m) => m.to), mails.map((m) => m.subject), mails.map((m) => m.body)],
  );
}

/** The language each of these accounts reads mail in (identity's `people`). */
export async function accountLanguages(q: Queryable, userIds: string[]): Promise<Map<string, string>> {
  const rows = await q.query<{ id: string; language: string }>('select id, language from people where id = any($1::uuid[])', [
    userIds,
  ]);
  return new Map(rows.map((r) => [r.id, r.language]));
}

/** The States' names by language, by code. */
export async function stateNamesByCode(q: Queryable, codes: string[]): Promise<Map<string, Record<string, string>>> {
  const rows = await q.query<{ code: string; names: Record<string, string> }>(
    'select code, names from state_names where code = any($1::text[])',
    [codes],
  );
  return new Map(rows.map((r) => [r.code, r.names]));
}

/** A round's title, deadline and whether it closed. */
export async function roundDeadline(
  q: Queryable,
  roundId: string,
): Promise<{ title: string; deadline: Date; closed_at: Date | null } | null> {
  const [round] = await q.query<{ title: string; deadline: Date; closed_at: Date | null }>(
    'select title, deadline, closed_at from ping_rounds where id = $1',
    [roundId],
  );
  return round ?? null;
}

/** The round's unconfirmed tasks, each counted as reminded once more. */
export function remindedTasks(q: Queryable, roundId: string) {
  return q.query<{ id: string; email: string; name: string; language: Locale }>(
    'update ping_tasks set reminders = reminders + 1 where round_id = $1 and confirmed_at is null returning id, email, name, language',
    [roundId],
  );
}

/** Closes a round still open; returns whether this call closed it. */
export async function closedRound(q: Queryable, roundId: string, at: Date): Promise<boolean> {
  const closed = await q.query('update ping_rounds set closed_at = $2 where id = $1 and closed_at is null returning id', [
    roundId,
    at.toISOString(),
  ]);
  return closed.length > 0;
}

/** The task a link token opens, with its round, locking the task's row. */
export async function taskByTokenHashForUpdate(q: Queryable, tokenHash: string) {
  const [task] = await q.query<{
    id: string;
    email: string;
    name: string;
    confirmed_at: Date | null;
    title: string;
    deadline: Date;
    closed_at: Date | null;
  }>(
    `select t.id, t.email, t.name, t.confirmed_at, r.title, r.deadline, r.closed_at from ping_tasks t join ping_rounds r on r.id = t.round_id
     where t.token_hash = $1 for update of t`,
    [tokenHash],
  );
  return task ?? null;
}

/** The task a link token opens, with its round, as it is (the link's page reads it; nothing is locked or changed). */
export async function taskByTokenHash(q: Queryable, tokenHash: string) {
  const [task] = await q.query<{
    email: string;
    name: string;
    language: Locale;
    confirmed_at: Date | null;
    title: string;
    deadline: Date;
    closed_at: Date | null;
  }>(
    `select t.email, t.name, t.language, t.confirmed_at, r.title, r.deadline, r.closed_at
     from ping_tasks t join ping_rounds r on r.id = t.round_id where t.token_hash = $1`,
    [tokenHash],
  );
  return task ?? null;
}

/** A task by id with its round's deadline, locking the task's row. */
export async function taskForUpdate(q: Queryable, taskId: string) {
  const [task] = await q.query<{
    id: string;
    email: string;
    confirmed_at: Date | null;
    deadline: Date;
    closed_at: Date | null;
  }>(
    `select t.id, t.email, t.confirmed_at, r.deadline, r.closed_at from ping_tasks t join ping_rounds r on r.id = t.round_id where t.id = $1 for update of t`,
    [taskId],
  );
  return task ?? null;
}

/** Marks a task confirmed at `at`, by the link or in the platform. */
export async function confirmTask(q: Queryable, taskId: string, at: Date, via: 'link' | 'platform'): Promise<void> {
  await q.query('update ping_tasks set confirmed_at = $2, confirmed_via = $3 where id = $1', [taskId, at.toISOString(), via]);
}

/** The 50 latest tasks sent to an e-mail key, with whether their round has closed at `at`. */
export function tasksForEmailKey(q: Queryable, key: string, at: Date) {
  return q.query<{
    id: string;
    title: string;
    deadline: Date;
    state_code: string;
    kind: string;
    confirmed_at: Date | null;
    closed: boolean;
  }>(
    `select t.id, r.title, r.deadline, t.state_code, t.kind, t.confirmed_at, (r.closed_at is not null or r.deadline <= $2) as closed
     from ping_tasks t join ping_rounds r on r.id = t.round_id where lower(t.email) = $1 order by r.started_at desc limit 50`,
    [key, at.toISOString()],
  );
}

/** The 100 latest rounds, with how many tasks each has and how many were confirmed. */
export function roundsWithCounts(q: Queryable) {
  return q.query<{
    id: string;
    title: string;
    started_at: Date;
    deadline: Date;
    closed_at: Date | null;
    tasks: number;
    confirmed: number;
  }>(
    `select r.id, r.title, r.started_at, r.deadline, r.closed_at, count(t.*)::int as tasks, count(t.confirmed_at)::int as confirmed
     from ping_rounds r left join ping_tasks t on t.round_id = r.id group by r.id order by r.started_at desc limit 100`,
  );
}

/** One round. */
export async function round(q: Queryable, roundId: string) {
  const [found] = await q.query<{
    id: string;
    title: string;
    scope: RoundScope;
    started_at: Date;
    deadline: Date;
    closed_at: Date | null;
    reminder_hours: number;
  }>('select id, title, scope, started_at, deadline, closed_at, reminder_hours from ping_rounds where id = $1', [roundId]);
  return found ?? null;
}

/** A round's tasks with each State's regional group and the minutes to confirm (null: not confirmed). */
export function roundTaskTimes(q: Queryable, roundId: string) {
  return q.query<{
    state_code: string;
    un_group: string | null;
    kind: string;
    name: string;
    email: string;
    minutes: number | null;
    reminders: number;
    via: string | null;
  }>(
    `select t.state_code, s.un_group, t.kind, t.name, t.email, t.reminders, t.confirmed_via as via,
       case when t.confirmed_at is null then null else extract(epoch from (t.confirmed_at - r.started_at)) / 60 end::float8 as minutes
     from ping_tasks t join ping_rounds r on r.id = t.round_id join state_names s on s.code = t.state_code where t.round_id = $1
     order by t.state_code, t.kind, t.name`,
    [roundId],
  );
}

/** A State's tasks in every round, newest round first, with the minutes each took to confirm. */
export function stateTaskTimes(q: Queryable, state: string) {
  return q.query<{
    round_id: string;
    title: string;
    started_at: Date;
    closed_at: Date | null;
    kind: string;
    name: string;
    minutes: number | null;
  }>(
    `select r.id as round_id, r.title, r.started_at, r.closed_at, t.kind, t.name,
     case when t.confirmed_at is null then null else extract(epoch from (t.confirmed_at - r.started_at)) / 60 end::float8 as minutes
   from ping_tasks t join ping_rounds r on r.id = t.round_id where t.state_code = $1
   order by r.started_at desc, t.kind, t.name limit 5000`,
    [state],
  );
}

/** Per contact, whether it confirmed in each closed round that asked it, newest round first. */
export function confirmationsByContact(q: Queryable, contactIds: string[]) {
  return q.query<{ contact_id: string; confirmed: boolean[] }>(
    `select t.contact_id, array_agg(t.confirmed_at is not null order by r.started_at desc) as confirmed
     from ping_tasks t join ping_rounds r on r.id = t.round_id
     where r.closed_at is not null and t.contact_id = any($1::uuid[]) group by t.contact_id`,
    [contactIds],
  );
}

/** The 24 latest closed rounds with their tasks, confirmations and States, for the public figures. */
export function closedRoundRates(q: Queryable) {
  return q.query<{
    id: string;
    title: string;
    started_at: Date;
    closed_at: Date;
    tasks: number;
    confirmed: number;
    states: number;
    states_confirmed: number;
  }>(
    `select r.id, r.title, r.started_at, r.closed_at, count(t.*)::int as tasks, count(t.confirmed_at)::int as confirmed,
       count(distinct t.state_code)::int as states, count(distinct t.state_code) filter (where t.confirmed_at is not null)::int as states_confirmed
     from ping_rounds r join ping_tasks t on t.round_id = r.id where r.closed_at is not null
     group by r.id order by r.started_at desc limit 24`,
  );
}
