// Reading reports: one report as its reader may see it, two cycles side by side, a report for export, a
// State's cycles and its published reports. Reading what is not public is audited, one entry per view, with
// counts and never the answers; public reads are not recorded.
import type { Actor } from '../../platform/access.ts';
import { authorize } from '../../platform/access.ts';
import { AppError, errors, fieldProblem } from '../../platform/errors.ts';
import type { Origin } from '../../platform/kernel.ts';
import type { Question } from './questionnaire.ts';
import type { Core } from './reports.common.ts';
import { confidential, reportActions } from './reports.policy.ts';
import { cyclesOfState, cycleYears, publishedReports } from './reports.queries.ts';
import type { ReportView } from './reports.types.ts';

export function createReading(core: Core) {
  const { db, audit, view } = core;

  /**
   * A report for this reader, through the page or the API. Reading a report that is not public (a State's
   * own draft, another State's shared report) is audited: one entry per view, with how many answers it
   * showed, never the answers themselves. A public report is public: its reads are not recorded.
   */
  async function get(actor: Actor, state: string, cycleRaw: unknown, origin: Origin): Promise<ReportView> {
    return db.transaction(async (tx) => {
      const v = await view(actor, state, cycleRaw, tx);
      if (v.report && confidential(v.report) && actor.userId)
        await audit(tx, actor, origin, 'report.read', v.report.id, {
          state,
          cycle: v.cycle,
          status: v.report.status,
          visibility: v.report.visibility,
          answers: Object.keys(v.answers).length,
        });
      return v;
    });
  }

  /**
   * The questions of a report's version, for one who may write it (to read a section's form): no answers. Refused
   * (403) before anything about the report is looked at, as the write itself would be.
   */
  async function questionsFor(actor: Actor, state: string, cycleRaw: unknown): Promise<Question[]> {
    authorize(actor, reportActions['report.write'], { state });
    return (await view(actor, state, cycleRaw)).questions;
  }

  /** The cycles a State's officials see, with their report's state. */
  async function cycles(actor: Actor, state: string) {
    authorize(actor, reportActions['report.read'], { state });
    return cyclesOfState(db, state);
  }

  /**
   * Two cycles of a State's report side by side: every question either answered, and whether it changed.
   * Audited (one entry per comparison) when either side is not public.
   */
  async function diff(actor: Actor, state: string, cycleRaw: unknown, otherRaw: unknown, origin: Origin) {
    return db.transaction(async (tx) => {
      const a = await view(actor, state, otherRaw, tx).catch((err) => {
        if (err instanceof AppError && err.code === 'BAD_INPUT') throw errors.badInput([fieldProblem('with', 'reportCycle')]);
        throw err;
      });
      const b = await view(actor, state, cycleRaw, tx);
      const questions = b.questions.length ? b.questions : a.questions;
      const rows = questions
        .filter((q) => a.answers[q.key] !== undefined || b.answers[q.key] !== undefined)
        .map((q) => ({
          question: q,
          before: a.answers[q.key] ?? null,
          after: b.answers[q.key] ?? null,
          changed: JSON.stringify(a.answers[q.key] ?? null) !== JSON.stringify(b.answers[q.key] ?? null),
        }));
      const id = (confidential(b.report) ? b.report?.id : undefined) ?? (confidential(a.report) ? a.report?.id : undefined);
      if (id && actor.userId)
        await audit(tx, actor, origin, 'report.diff', id, {
          state,
          cycle: b.cycle,
          with: a.cycle,
          rows: rows.length,
          changed: rows.filter((r) => r.changed).length,
        });
      return { state, before: a.cycle, after: b.cycle, rows };
    });
  }

  /** A report for export, to whoever may read it; a signed-in reader's export is recorded, with the read. */
  async function forExport(actor: Actor, state: string, cycleRaw: unknown, format: string, origin: Origin) {
    return db.transaction(async (tx) => {
      const v = await view(actor, state, cycleRaw, tx);
      if (v.report && actor.userId)
        await audit(tx, actor, origin, 'report.export', v.report.id, {
          state,
          cycle: v.cycle,
          format,
          answers: Object.keys(v.answers).length,
        });
      return v;
    });
  }

  /** What anyone may know of a State's reporting: its public, submitted reports and when they changed. */
  const published = (state: string) => publishedReports(db, state);

  /** Every reporting cycle, the latest first. */
  const allCycles = () => cycleYears(db);

  return { get, questionsFor, cycles, diff, forExport, published, allCycles };
}
