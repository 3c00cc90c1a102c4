// The directory manager's communication checks: starting a round (tasks, mails with one-time links,
// reminder and deadline jobs, in one transaction), the list of rounds, a round's report, and a State's own
// record. Every read is audited.
import type { Db } from '../../db/client.ts';
import { type Actor, authorize } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { errors, fieldProblem } from '../../platform/errors.ts';
import { type Clock, newSecret, type Origin } from '../../platform/kernel.ts';
import type { createBrowseService } from './browse.service.ts';
import { directoryActions } from './directory.policy.ts';
import { closeJob, reminderJob } from './pings.jobs.ts';
import {
  insertedRoundId,
  insertMails,
  insertTasks,
  round,
  roundsWithCounts,
  roundTaskTimes,
  stateTaskTimes,
} from './pings.queries.ts';
import { groupStats, stats } from './pings.stats.ts';
import { validateRound } from './pings.validate.ts';
import { linkTokenHash } from './tasks.service.ts';

export function createRoundService(deps: {
  db: Db;
  clock: Clock;
  publicUrl: string;
  directory: Pick<ReturnType<typeof createBrowseService>, 'contactsInEffect'>;
  flushMail: () => void;
}) {
  const { db, clock } = deps;

  /** Starts a round over the contacts its scope names; refused when none matches. */
  async function startRound(actor: Actor, input: unknown, origin: Origin) {
    authorize(actor, directoryActions['directory.manage']);
    const now = clock();
    const checked = validateRound((input ?? {}) as Record<string, unknown>, now);
    if ('problems' in checked) throw errors.badInput(checked.problems);
    const r = checked.value;
    const filter =
      r.scope.kind === 'group' ? { group: r.scope.group } : r.scope.kind === 'network' ? { network: r.scope.network } : {};
    let contacts = await deps.directory.contactsInEffect(db, filter, 'en');
    if (r.scope.kind === 'states') {
      const wanted = new Set(r.scope.states);
      contacts = contacts.filter((c) => wanted.has(c.state));
    }
    if (!contacts.length) throw errors.badInput([fieldProblem('scope', 'scope')]);
    const tokens = contacts.map(() => newSecret());
    const id = await db.transaction(async (tx) => {
      const roundId = await insertedRoundId(tx, {
        title: r.title,
        scope: r.scope,
        startedAt: now,
        deadline: r.deadlineAt,
        reminderHours: r.reminderHours,
        createdBy: `user:${actor.userId}`,
      });
      await insertTasks(
        tx,
        roundId,
        now,
        contacts.map((c, i) => ({
          contactId: c.id,
          state: c.state,
          kind: c.kind,
          email: c.email,
          name: c.name,
          tokenHash: linkTokenHash(tokens[i]),
        })),
      );
      const deadlineText = r.deadlineAt.toISOString().replace('T', ' ').slice(0, 16);
      await insertMails(
        tx,
        `Communication check: ${r.title}`,
        now,
        contacts.map((c, i) => ({
          to: c.email,
          body: `Dear ${c.name},\n\nThe directory manager is checking that the points of contact of the global directory can be reached. Please confirm that this address reaches you (${c.kind} point of contact of ${c.stateName}) before ${deadlineText} UTC by opening this link once:\n\n${deps.publicUrl}/ping/${tokens[i]}\n\nYou can also confirm in the platform, under "Communication checks".\n`,
        })),
      );
      for (let n = 1; ; n++) {
        const at = new Date(now.getTime() + n * r.reminderHours * 3600_000);
        if (at.getTime() >= r.deadlineAt.getTime()) break;
        await reminderJob.schedule(tx, { key: `ping.reminder:${roundId}:${n}`, payload: { round: roundId, n }, runAt: at });
      }
      await closeJob.schedule(tx, { key: `ping.close:${roundId}`, payload: { round: roundId }, runAt: r.deadlineAt });
      await recordAudit(
        tx,
        {
          actor: `user:${actor.userId}`,
          origin: origin.ip,
          action: 'ping.start',
          entity: 'ping_round',
          entityId: roundId,
          details: { scope: r.scope, contacts: contacts.length, deadline: r.deadlineAt.toISOString() },
        },
        now,
      );
      return roundId;
    });
    deps.flushMail();
    return { id, contacts: contacts.length };
  }

  /** The manager's list of rounds; each view is audited (one entry, with how many rounds it listed). */
  async function listRounds(actor: Actor, origin: Origin) {
    authorize(actor, directoryActions['directory.report']);
    return db.transaction(async (tx) => {
      const rounds = await roundsWithCounts(tx);
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
      const found = await round(tx, roundId);
      if (!found) throw errors.notFound('The round');
      const rows = await roundTaskTimes(tx, roundId);
      await recordAudit(
        tx,
        { actor: `user:${actor.userId}`, origin: origin.ip, action: 'ping.report_read', entity: 'ping_round', entityId: roundId },
        clock(),
      );
      return {
        round: found,
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
      const found = await stateTaskTimes(tx, state);
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

  return { startRound, listRounds, report, stateHistory };
}
