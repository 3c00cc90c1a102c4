// Drafting a report: saving answers (one as it is typed, or a part's form), submitting and reopening, and
// starting a cycle's report from another cycle's answers. Only the rapporteur and the focal point write; a
// submitted report is closed to changes until reopened. Every change is audited.
import { type Actor, authorize } from '../../platform/access.ts';
import { AppError, errors, type FieldProblem, fieldProblem } from '../../platform/errors.ts';
import type { Origin } from '../../platform/kernel.ts';
import { checkAnswer } from './questionnaire.ts';
import type { Core } from './reports.common.ts';
import { reportActions } from './reports.policy.ts';
import { deleteAnswer, insertAnswerIfAbsent, setReportStatus, touchReport, upsertAnswer } from './reports.queries.ts';

/** The most answers one save may carry. */
const MAX_ANSWERS = 500;

const closed = () => new AppError('CONFLICT', 409, 'This report was submitted: reopen it to change it.');

export function createDrafting(core: Core) {
  const { db, clock, who, audit, questionsOf, checkTarget, load, ensureReport, publicChanged } = core;

  /** Saves some answers (an autosave sends one; a section's save button, several); null clears one. */
  async function saveAnswers(actor: Actor, state: string, cycleRaw: unknown, answers: unknown, origin: Origin) {
    authorize(actor, reportActions['report.write'], { state });
    const cycle = await checkTarget(state, cycleRaw);
    if (!answers || typeof answers !== 'object' || Array.isArray(answers))
      throw errors.badInput([fieldProblem('answers', 'type', { expected: 'an object of question → answer' })]);
    const entries = Object.entries(answers as Record<string, unknown>);
    if (entries.length > MAX_ANSWERS) throw errors.badInput([fieldProblem('answers', 'tooMany', { n: MAX_ANSWERS })]);
    return db.transaction(async (tx) => {
      const report = await ensureReport(tx, state, cycle);
      if (report.status === 'submitted') throw closed();
      const byKey = new Map((await questionsOf(report.version, tx)).map((q) => [q.key, q]));
      const checked: [string, unknown][] = [];
      const problems: FieldProblem[] = [];
      for (const [key, value] of entries) {
        const res = checkAnswer(byKey.get(key), key, value);
        if ('problem' in res) problems.push(res.problem);
        else checked.push([key, res.value]);
      }
      if (problems.length) throw errors.badInput(problems);
      const now = clock().toISOString();
      for (const [key, value] of checked) {
        if (value === null) await deleteAnswer(tx, report.id, key);
        else await upsertAnswer(tx, report.id, key, value, now, who(actor));
      }
      await touchReport(tx, report.id, now);
      await audit(tx, actor, origin, 'report.answer', report.id, {
        state,
        cycle,
        questions: checked.map(([k]) => k).slice(0, 50),
      });
      return { saved: checked.length, updatedAt: now };
    });
  }

  async function setStatus(actor: Actor, state: string, cycleRaw: unknown, status: 'submitted' | 'draft', origin: Origin) {
    authorize(actor, reportActions['report.write'], { state });
    const cycle = await checkTarget(state, cycleRaw);
    const changed = await db.transaction(async (tx) => {
      const report = await ensureReport(tx, state, cycle);
      if (report.status === status) return false;
      const now = clock().toISOString();
      await setReportStatus(tx, report.id, status, status === 'submitted' ? now : report.submitted_at, now);
      await audit(tx, actor, origin, status === 'submitted' ? 'report.submit' : 'report.reopen', report.id, { state, cycle });
      return true;
    });
    // After the commit: a norm page drawn now lists (or no longer lists) this State.
    if (changed) publicChanged();
    return { status };
  }

  /** Starts a cycle's report from another cycle's answers, for the questions the current version still asks. */
  async function startFrom(actor: Actor, state: string, cycleRaw: unknown, fromRaw: unknown, origin: Origin) {
    authorize(actor, reportActions['report.write'], { state });
    const cycle = await checkTarget(state, cycleRaw);
    const from = await checkTarget(state, fromRaw).catch(() => {
      throw errors.badInput([fieldProblem('from', 'reportCycle')]);
    });
    const source = await load(state, from);
    if (!source.report) throw errors.badInput([fieldProblem('from', 'reportNoSource')]);
    return db.transaction(async (tx) => {
      const report = await ensureReport(tx, state, cycle);
      if (report.status === 'submitted') throw closed();
      const keys = new Set((await questionsOf(report.version, tx)).map((q) => q.key));
      const copied = Object.entries(source.answers).filter(([k]) => keys.has(k));
      const now = clock().toISOString();
      for (const [key, value] of copied) await insertAnswerIfAbsent(tx, report.id, key, value, now, who(actor));
      await audit(tx, actor, origin, 'report.start_from', report.id, { state, cycle, from, copied: copied.length });
      return { copied: copied.length };
    });
  }

  return {
    saveAnswers,
    submit: (a: Actor, s: string, c: unknown, o: Origin) => setStatus(a, s, c, 'submitted', o),
    reopen: (a: Actor, s: string, c: unknown, o: Origin) => setStatus(a, s, c, 'draft', o),
    startFrom,
  };
}
