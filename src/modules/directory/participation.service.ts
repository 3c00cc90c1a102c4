// How the directory is doing: stale contacts (for a State's focal point and the directory manager) and the
// public participation figures (States per regional group, response rates of past rounds).
import type { Db } from '../../db/client.ts';
import { type Actor, authorize, scopeOf, scopeParam } from '../../platform/access.ts';
import type { Clock } from '../../platform/kernel.ts';
import type { createBrowseService } from './browse.service.ts';
import { directoryActions } from './directory.policy.ts';
import { participatingStatesByGroup } from './directory.queries.ts';
import { closedRoundRates, confirmationsByContact } from './pings.queries.ts';

export function createParticipationService(deps: {
  db: Db;
  clock: Clock;
  browse: Pick<ReturnType<typeof createBrowseService>, 'contactsInEffect'>;
}) {
  const { db, clock } = deps;

  /**
   * Stale contacts: no confirmation in the last two closed rounds that asked them, or no update for twelve
   * months. For a State's focal point (their State) and the directory manager (every State).
   */
  async function stale(actor: Actor, state: string | null, locale: string) {
    // Without a State, only the directory manager (whose rule covers every State) passes.
    authorize(actor, directoryActions['directory.stale'], { state });
    const states = state ? [state] : scopeParam(scopeOf(actor, directoryActions['directory.stale']));
    const contacts = await deps.browse.contactsInEffect(db, state ? { state } : {}, locale, states);
    if (!contacts.length) return [];
    const rows = await confirmationsByContact(
      db,
      contacts.map((c) => c.id),
    );
    const answers = new Map(rows.map((r) => [r.contact_id, r.confirmed]));
    const yearAgo = clock().getTime() - 365 * 86_400_000;
    return contacts.flatMap((c) => {
      const last = answers.get(c.id) ?? [];
      const reasons: ('unanswered' | 'not-updated')[] = [];
      if (last.length >= 2 && !last[0] && !last[1]) reasons.push('unanswered');
      if (new Date(c.changedAt).getTime() < yearAgo) reasons.push('not-updated');
      return reasons.length ? [{ contact: c, reasons }] : [];
    });
  }

  /** Public figures: how many States take part, per UN regional group, and response rates of past rounds. */
  async function participation() {
    const byGroup = await participatingStatesByGroup(db, clock());
    const rounds = await closedRoundRates(db);
    return { byGroup, rounds };
  }

  return { stale, participation };
}
