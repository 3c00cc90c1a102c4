// Who may read a report once submitted: the focal point's choice of private, shared with chosen States, or
// public. The choice is audited with the States named.
import { type Actor, authorize } from '../../platform/access.ts';
import { errors, fieldProblem } from '../../platform/errors.ts';
import type { Origin } from '../../platform/kernel.ts';
import type { Core } from './reports.common.ts';
import { reportActions } from './reports.policy.ts';
import { deleteShares, insertShares, knownStates, setReportVisibility } from './reports.queries.ts';
import type { Visibility } from './reports.types.ts';

const VISIBILITIES: readonly Visibility[] = ['private', 'shared', 'public'];

/** State codes as given (a list, or a string separated by commas or spaces), in capitals, each once. */
export function stateCodes(raw: unknown): string[] {
  const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(/[\s,]+/) : [];
  return [...new Set(list.filter((s) => s).map((s) => String(s).toUpperCase()))];
}

/** Codes the registry does not know, as a field problem's parameter (cut short). */
export const unknownList = (codes: string[]) => ({ values: codes.join(', ').slice(0, 60) });

export function createSharing(core: Core) {
  const { db, audit, checkTarget, ensureReport, publicChanged } = core;

  /** The focal point decides who may read a report: private, shared with chosen States, or public. */
  async function setVisibility(actor: Actor, state: string, cycleRaw: unknown, input: unknown, origin: Origin) {
    authorize(actor, reportActions['report.publish'], { state });
    const cycle = await checkTarget(state, cycleRaw);
    const raw = (input ?? {}) as { visibility?: unknown; states?: unknown };
    const visibility = raw.visibility as Visibility;
    if (!VISIBILITIES.includes(visibility))
      throw errors.badInput([fieldProblem('visibility', 'choice', { options: VISIBILITIES.join(', ') })]);
    const states = stateCodes(raw.states);
    if (visibility === 'shared') {
      if (!states.length) throw errors.badInput([fieldProblem('states', 'tooFew', { n: 1 })]);
      const known = await knownStates(db, states);
      const unknown = states.filter((s) => !known.includes(s));
      if (unknown.length) throw errors.badInput([fieldProblem('states', 'unknownStates', unknownList(unknown))]);
    }
    const set = await db.transaction(async (tx) => {
      const report = await ensureReport(tx, state, cycle);
      await setReportVisibility(tx, report.id, visibility);
      await deleteShares(tx, report.id);
      if (visibility === 'shared') await insertShares(tx, report.id, states);
      await audit(tx, actor, origin, 'report.visibility', report.id, { state, cycle, visibility, states });
      return { visibility, states: visibility === 'shared' ? states : [] };
    });
    publicChanged();
    return set;
  }

  return { setVisibility };
}
