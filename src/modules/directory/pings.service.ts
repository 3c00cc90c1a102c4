// Communication checks ("pings"): the directory manager starts a round over all States, a regional group, a
// network or chosen States, with a deadline. Each current contact gets a task and a mail with a one-time
// link; one click confirms, from the mail or in the platform. Reminders and the deadline are durable jobs.
// The report gives response rates and median and 95th-percentile times by State, region and contact type.
import type { Db } from '../../db/client.ts';
import { type Actor, authorize } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { AppError, errors, type FieldProblem } from '../../platform/errors.ts';
import { type JobHandler, schedule } from '../../platform/jobs.ts';
import { singleLineProblem } from '../../platform/text.ts';
import type { Clock, Origin } from '../../platform/kernel.ts';
import { emailKey, newSecret } from '../../platform/kernel.ts';
import { sha256 } from '../identity/totp.ts';
import { type DirectoryService, directoryActions, NETWORKS } from './directory.service.ts';

export type RoundScope =
  | { kind: 'all' }
  | { kind: 'group'; group: string }
  | { kind: 'network'; network: string }
  | { kind: 'states'; states: string[] };

export interface RoundInput {
  title: string;
  scope: RoundScope;
  deadline: string;
  reminderHours: number;
}

const GROUPS = ['african', 'asia-pacific', 'eastern-european', 'latin-american-caribbean', 'weog'];

function validateRound(
  raw: Partial<Record<keyof RoundInput, unknown>>,
  now: Date,
): { value: RoundInput & { deadlineAt: Date } } | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const title = typeof raw.title === 'string' ? raw.title.trim() : '';
  if (!title) problems.push({ field: 'title', reason: 'is required' });
  else if (title.length > 200) problems.push({ field: 'title', reason: 'must be at most 200 characters' });
  else if (singleLineProblem(title)) problems.push({ field: 'title', reason: singleLineProblem(title) as string });
  const scope = raw.scope as RoundScope | undefined;
  if (!scope || typeof scope !== 'object' || !['all', 'group', 'network', 'states'].includes(scope.kind)) {
    problems.push({ field: 'scope', reason: 'must be all, a regional group, a network or chosen States' });
  } else if (scope.kind === 'group' && !GROUPS.includes(scope.group)) {
    problems.push({ field: 'scope.group', reason: `must be one of ${GROUPS.join(', ')}` });
  } else if (scope.kind === 'network' && !(NETWORKS as readonly string[]).includes(scope.network)) {
    problems.push({ field: 'scope.network', reason: `must be one of ${NETWORKS.join(', ')}` });
  } else if (
    scope.kind === 'states' &&
    (!Array.isArray(scope.states) ||
      !scope.states.length ||
      scope.states.some((s) => typeof s !== 'string' || !/^[A-Z]{3}$/.test(s)))
  ) {
    problems.push({ field: 'scope.states', reason: 'choose at least one State by its ISO 3166-1 alpha-3 code' });
  }
  const deadlineAt = typeof raw.deadline === 'string' && !Number.isNaN(Date.parse(raw.deadline)) ? new Date(raw.deadline) : null;
  if (!deadlineAt) problems.push({ field: 'deadline', reason: 'must be a date and time' });
  else if (deadlineAt.getTime() <= now.getTime() + 3600_000)
    problems.push({ field: 'deadline', reason: 'must be at least an hour from now' });
  else if (deadlineAt.getTime() > now.getTime() + 90 * 86_400_000)
    problems.push({ field: 'deadline', reason: 'must be within 90 days' });
  const reminderHours = Number(raw.reminderHours);
  if (!Number.isInteger(reminderHours) || reminderHours < 1 || reminderHours > 24 * 30)
    problems.push({ field: 'reminderHours', reason: 'must be a whole number of hours between 1 and 720' });
  if (problems.length) return { problems };
  return {
    value: { title, scope: scope as RoundScope, deadline: String(raw.deadline), reminderHours, deadlineAt: deadlineAt as Date },
  };
}

/** The value at a percentile of sorted numbers (nearest rank). */
export function percentile(sorted: number[], p: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export interface Stats {
  key: string;
  tasks: number;
  confirmed: number;
  rate: number;
  medianMinutes: number | null;
  p95Minutes: number | null;
}

function stats(key: string, rows: { minutes: number | null }[]): Stats {
  const times = rows
    .filter((r) => r.minutes !== null)
    .map((r) => r.minutes as number)
    .sort((a, b) => a - b);
  return {
    key,
    tasks: rows.length,
    confirmed: times.length,
    rate: rows.length ? times.length / rows.length : 0,
    medianMinutes: percentile(times, 50),
    p95Minutes: percentile(times, 95),
  };
}

function groupStats<T extends { minutes: number | null }>(rows: T[], key: (r: T) => string): Stats[] {
  const groups = new Map<string, T[]>();
  for (const r of rows) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
  return [...groups].map(([k, rs]) => stats(k, rs)).sort((a, b) => a.key.localeCompare(b.key));
}

export function createPingService(deps: {
  db: Db;
  clock: Clock;
  publicUrl: string;
  directory: DirectoryService;
  flushMail: () => void;
}) {
  const { db, clock } = deps;

  async function startRound(actor: Actor, input: unknown, origin: Origin) {
    authorize(actor, directoryActions['directory.manage']);
    const now = clock();
    const checked = validateRound((input ?? {}) as Record<string, unknown>, now);
    if ('problems' in checked) throw errors.badInput(checked.problems);
    const r = checked.value;
    const filter =
      r.scope.kind === 'group' ? { group: r.scope.group } : r.scope.kind === 'network' ? { network: r.scope.network } : {};
    let contacts = await deps.directory.query(db, filter, 'en');
    if (r.scope.kind === 'states') {
      const wanted = new Set(r.scope.states);
      contacts = contacts.filter((c) => wanted.has(c.state));
    }
    if (!contacts.length) throw errors.badInput([{ field: 'scope', reason: 'no contact in the directory matches it' }]);
    const tokens = contacts.map(() => newSecret());
    const id = await db.transaction(async (tx) => {
      const [round] = await tx.query<{ id: string }>(
        `insert into ping_rounds (title, scope, started_at, deadline, reminder_hours, created_by) values ($1, $2, $3, $4, $5, $6) returning id`,
        [
          r.title,
          JSON.stringify(r.scope),
          now.toISOString(),
          r.deadlineAt.toISOString(),
          r.reminderHours,
          `user:${actor.userId}`,
        ],
      );
      await tx.query(
        `insert into ping_tasks (round_id, contact_id, state_code, kind, email, name, token_hash, created_at)
         select $1, c, s, k, e, n, h, $2 from unnest($3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) as x(c, s, k, e, n, h)`,
        [
          round.id,
          now.toISOString(),
          contacts.map((c) => c.id),
          contacts.map((c) => c.state),
          contacts.map((c) => c.kind),
          contacts.map((c) => c.email),
          contacts.map((c) => c.name),
          tokens.map(sha256),
        ],
      );
      const deadlineText = r.deadlineAt.toISOString().replace('T', ' ').slice(0, 16);
      await tx.query(
        `insert into outbox (recipient, subject, body, created_at) select e, $1, b, $2 from unnest($3::text[], $4::text[]) as x(e, b)`,
        [
          `Communication check: ${r.title}`,
          now.toISOString(),
          contacts.map((c) => c.email),
          contacts.map(
            (c, i) =>
              `Dear ${c.name},\n\nThe directory manager is checking that the points of contact of the global directory can be reached. Please confirm that this address reaches you (${c.kind} point of contact of ${c.stateName}) before ${deadlineText} UTC by opening this link once:\n\n${deps.publicUrl}/ping/${tokens[i]}\n\nYou can also confirm in the platform, under "Communication checks".\n`,
          ),
        ],
      );
      for (let n = 1; ; n++) {
        const at = new Date(now.getTime() + n * r.reminderHours * 3600_000);
        if (at.getTime() >= r.deadlineAt.getTime()) break;
        await schedule(tx, {
          kind: 'ping.reminder',
          key: `ping.reminder:${round.id}:${n}`,
          payload: { round: round.id, n },
          runAt: at,
        });
      }
      await schedule(tx, {
        kind: 'ping.close',
        key: `ping.close:${round.id}`,
        payload: { round: round.id },
        runAt: r.deadlineAt,
      });
      await recordAudit(
        tx,
        {
          actor: `user:${actor.userId}`,
          origin: origin.ip,
          action: 'ping.start',
          entity: 'ping_round',
          entityId: round.id,
          details: { scope: r.scope, contacts: contacts.length, deadline: r.deadlineAt.toISOString() },
        },
        now,
      );
      return round.id;
    });
    deps.flushMail();
    return { id, contacts: contacts.length };
  }

  /** Job: a reminder to every contact of the round who has not confirmed, once per scheduled reminder. */
  const remind: JobHandler = async (tx, job, now) => {
    const roundId = String(job.payload.round);
    const [round] = await tx.query<{ title: string; deadline: Date; closed_at: Date | null }>(
      'select title, deadline, closed_at from ping_rounds where id = $1',
      [roundId],
    );
    if (!round || round.closed_at || new Date(round.deadline).getTime() <= now.getTime()) return;
    const open = await tx.query<{ id: string; email: string; name: string }>(
      'update ping_tasks set reminders = reminders + 1 where round_id = $1 and confirmed_at is null returning id, email, name',
      [roundId],
    );
    if (!open.length) return;
    const deadlineText = new Date(round.deadline).toISOString().replace('T', ' ').slice(0, 16);
    await tx.query(
      `insert into outbox (recipient, subject, body, created_at) select e, $1, b, $2 from unnest($3::text[], $4::text[]) as x(e, b)`,
      [
        `Reminder ${job.payload.n}: communication check: ${round.title}`,
        now.toISOString(),
        open.map((t) => t.email),
        open.map(
          (t) =>
            `Dear ${t.name},\n\nThis is reminder ${job.payload.n}: please confirm the communication check "${round.title}" before ${deadlineText} UTC, with the link in the first mail or in the platform under "Communication checks".\n`,
        ),
      ],
    );
    await recordAudit(
      tx,
      {
        actor: 'system:jobs',
        origin: 'jobs',
        action: 'ping.remind',
        entity: 'ping_round',
        entityId: roundId,
        details: { n: job.payload.n, reminded: open.length },
      },
      now,
    );
  };

  /** Job: the deadline closes the round; its links stop working. */
  const close: JobHandler = async (tx, job, now) => {
    const roundId = String(job.payload.round);
    const closed = await tx.query('update ping_rounds set closed_at = $2 where id = $1 and closed_at is null returning id', [
      roundId,
      now.toISOString(),
    ]);
    if (closed.length)
      await recordAudit(
        tx,
        { actor: 'system:jobs', origin: 'jobs', action: 'ping.close', entity: 'ping_round', entityId: roundId },
        now,
      );
  };

  type ConfirmResult =
    | { outcome: 'confirmed'; at: Date; name: string; title: string }
    | { outcome: 'already'; at: Date; name: string; title: string }
    | { outcome: 'expired'; title: string }
    | { outcome: 'foreign'; name: string }
    | { outcome: 'unknown' };

  /** One click on the mailed link. A used, expired or foreign link changes nothing and says why. */
  async function confirmByLink(token: string, actor: Actor, origin: Origin): Promise<ConfirmResult> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { outcome: 'unknown' };
    return db.transaction(async (tx) => {
      const [task] = await tx.query<{
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
        [sha256(token)],
      );
      if (!task) return { outcome: 'unknown' } as const;
      if (actor.email && emailKey(actor.email) !== emailKey(task.email)) return { outcome: 'foreign', name: task.name } as const;
      if (task.confirmed_at) return { outcome: 'already', at: task.confirmed_at, name: task.name, title: task.title } as const;
      const now = clock();
      if (task.closed_at || new Date(task.deadline).getTime() <= now.getTime())
        return { outcome: 'expired', title: task.title } as const;
      await tx.query(`update ping_tasks set confirmed_at = $2, confirmed_via = 'link' where id = $1`, [
        task.id,
        now.toISOString(),
      ]);
      await recordAudit(
        tx,
        {
          actor: actor.userId ? `user:${actor.userId}` : 'anonymous',
          origin: origin.ip,
          action: 'ping.confirm',
          entity: 'ping_task',
          entityId: task.id,
          details: { via: 'link' },
        },
        now,
      );
      return { outcome: 'confirmed', at: now, name: task.name, title: task.title } as const;
    });
  }

  /** The signed-in contact's own open tasks (matched by e-mail address). */
  async function myTasks(actor: Actor) {
    authorize(actor, directoryActions['directory.tasks']);
    return db.query<{
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
      [emailKey(actor.email ?? ''), clock().toISOString()],
    );
  }

  async function confirmInPlatform(actor: Actor, taskId: string, origin: Origin) {
    authorize(actor, directoryActions['directory.confirm']);
    return db.transaction(async (tx) => {
      const [task] = await tx.query<{
        id: string;
        email: string;
        confirmed_at: Date | null;
        deadline: Date;
        closed_at: Date | null;
      }>(
        `select t.id, t.email, t.confirmed_at, r.deadline, r.closed_at from ping_tasks t join ping_rounds r on r.id = t.round_id where t.id = $1 for update of t`,
        [taskId],
      );
      // Someone else's task is simply not found.
      if (!task || emailKey(task.email) !== emailKey(actor.email ?? '')) throw errors.notFound('The task');
      if (task.confirmed_at) return { outcome: 'already' as const, at: task.confirmed_at };
      const now = clock();
      if (task.closed_at || new Date(task.deadline).getTime() <= now.getTime())
        throw new AppError('LINK_INVALID', 410, 'This communication check has closed.');
      await tx.query(`update ping_tasks set confirmed_at = $2, confirmed_via = 'platform' where id = $1`, [
        task.id,
        now.toISOString(),
      ]);
      await recordAudit(
        tx,
        {
          actor: `user:${actor.userId}`,
          origin: origin.ip,
          action: 'ping.confirm',
          entity: 'ping_task',
          entityId: task.id,
          details: { via: 'platform' },
        },
        now,
      );
      return { outcome: 'confirmed' as const, at: now };
    });
  }

  /** The manager's list of rounds; each view is audited (one entry, with how many rounds it listed). */
  async function listRounds(actor: Actor, origin: Origin) {
    authorize(actor, directoryActions['directory.report']);
    return db.transaction(async (tx) => {
      const rounds = await tx.query<{
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
      await recordAudit(
        tx,
        {
          actor: `user:${actor.userId}`,
          origin: origin.ip,
          action: 'ping.rounds_read',
          entity: 'ping_round',
          details: { rounds: rounds.length },
        },
        clock(),
      );
      return rounds;
    });
  }

  /** The round's report: rates and times overall and by State, region and type, and who did not answer. Audited. */
  async function report(actor: Actor, roundId: string, origin: Origin) {
    authorize(actor, directoryActions['directory.report']);
    return db.transaction(async (tx) => {
      const [round] = await tx.query<{
        id: string;
        title: string;
        scope: RoundScope;
        started_at: Date;
        deadline: Date;
        closed_at: Date | null;
        reminder_hours: number;
      }>('select id, title, scope, started_at, deadline, closed_at, reminder_hours from ping_rounds where id = $1', [roundId]);
      if (!round) throw errors.notFound('The round');
      const rows = await tx.query<{
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
         from ping_tasks t join ping_rounds r on r.id = t.round_id join states s on s.code = t.state_code where t.round_id = $1
         order by t.state_code, t.kind, t.name`,
        [roundId],
      );
      await recordAudit(
        tx,
        { actor: `user:${actor.userId}`, origin: origin.ip, action: 'ping.report_read', entity: 'ping_round', entityId: roundId },
        clock(),
      );
      return {
        round,
        overall: stats('all', rows),
        byState: groupStats(rows, (r) => r.state_code),
        byRegion: groupStats(rows, (r) => r.un_group ?? 'other'),
        byKind: groupStats(rows, (r) => r.kind),
        unanswered: rows
          .filter((r) => r.minutes === null)
          .map(({ state_code, kind, name, email, reminders }) => ({ state: state_code, kind, name, email, reminders })),
      };
    });
  }

  /**
   * A State's own record of communication checks: per round, its contacts and how fast each confirmed.
   * Each view is audited (one entry, with how many rounds and contacts it showed).
   */
  async function stateHistory(actor: Actor, state: string, origin: Origin) {
    authorize(actor, directoryActions['directory.state_history'], { state });
    const rows = await db.transaction(async (tx) => {
      const found = await tx.query<{
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
      await recordAudit(
        tx,
        {
          actor: `user:${actor.userId}`,
          origin: origin.ip,
          action: 'ping.state_history_read',
          entity: 'state',
          entityId: state,
          details: { rounds: new Set(found.map((r) => r.round_id)).size, contacts: found.length },
        },
        clock(),
      );
      return found;
    });
    const rounds = new Map<
      string,
      {
        id: string;
        title: string;
        startedAt: Date;
        closed: boolean;
        contacts: { kind: string; name: string; minutes: number | null }[];
      }
    >();
    for (const r of rows) {
      const entry = rounds.get(r.round_id) ?? {
        id: r.round_id,
        title: r.title,
        startedAt: r.started_at,
        closed: Boolean(r.closed_at),
        contacts: [],
      };
      entry.contacts.push({ kind: r.kind, name: r.name, minutes: r.minutes });
      rounds.set(r.round_id, entry);
    }
    return [...rounds.values()].map((r) => ({ ...r, stats: stats(r.id, r.contacts) }));
  }

  return {
    startRound,
    confirmByLink,
    confirmInPlatform,
    myTasks,
    listRounds,
    report,
    stateHistory,
    handlers: { 'ping.reminder': remind, 'ping.close': close },
  };
}

export type PingService = ReturnType<typeof createPingService>;
