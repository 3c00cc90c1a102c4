// The directory manager's communication checks: starting a round (tasks, mails with one-time links in each
// contact's language, reminder and deadline jobs, in one transaction), the list of rounds, a round's report,
// and a State's own record. Every read is audited.
import type { Db } from '../../db/client.ts';
import { type Actor, authorize } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { errors, fieldProblem } from '../../platform/errors.ts';
import { translator } from '../../platform/i18n/i18n.ts';
import { isLocale, type Locale } from '../../platform/i18n/locales.ts';
import { type Clock, newSecret, type Origin } from '../../platform/kernel.ts';
import { mailDate } from '../../platform/mail.ts';
import type { createBrowseService } from './browse.service.ts';
import { directoryActions } from './directory.policy.ts';
import { closeJob, reminderJob } from './pings.jobs.ts';
import {
  accountLanguages,
  insertedRoundId,
  insertMails,
  insertTasks,
  round,
  roundsWithCounts,
  roundTaskTimes,
  stateNamesByCode,
  stateTaskTimes,
} from './pings.queries.ts';
import { groupStats, stats } from './pings.stats.ts';
import { validateRound } from './pings.validate.ts';
import { linkTokenHash } from './tasks.service.ts';

/**
 * The language a contact is written to in: a directory contact need not have an account, so their first
 * working language when it is one of the six, else their account's language if they have one, else English.
 */
export function contactLanguage(contact: { languages: string[]; userId: string | null }, accounts: Map<string, string>): Locale {
  const first = contact.languages[0]?.trim().toLowerCase();
  if (isLocale(first)) return first;
  const own = contact.userId ? accounts.get(contact.userId) : undefined;
  return isLocale(own) ? own : 'en';
}

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
    const accounts = await accountLanguages(
      db,
      contacts.flatMap((c) => (c.userId ? [c.userId] : [])),
    );
    const languages = contacts.map((c) => contactLanguage(c, accounts));
    const stateNames = await stateNamesByCode(db, [...new Set(contacts.map((c) => c.state))]);
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
          language: languages[i],
        })),
      );
      await insertMails(
        tx,
        now,
        contacts.map((c, i) => {
          const t = translator(languages[i]);
          const names = stateNames.get(c.state);
          return {
            to: c.email,
            subject: t('mail.ping.subject', { title: r.title }),
            // Opening the link shows a page; only its button confirms (mail gateways open every link).
            body: t('mail.ping.body', {
              name: c.name,
              kind: t(`mail.ping.kind.${c.kind}`),
              state: names?.[t.locale] ?? names?.en ?? c.state,
              deadline: mailDate(t.locale, r.deadlineAt),
              url: `${deps.publicUrl}/ping/${tokens[i]}`,
            }),
          };
        }),
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
