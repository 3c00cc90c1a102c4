// What the parts of the reports service share: their dependencies, the audit entry every change writes, the
// questionnaire version a report answers, the check of a State and cycle, and a report as its reader may see it.
import type { Db, Queryable } from '../../db/client.ts';
import { type Actor, authorize, decide } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { AppError, errors, fieldProblem } from '../../platform/errors.ts';
import type { Clock, Origin } from '../../platform/kernel.ts';
import { latestVersion, questionsOfVersion } from './questionnaire.queries.ts';
import { answered, PARTS, type Question } from './questionnaire.ts';
import { isOwn, reportActions, visibleToOthers } from './reports.policy.ts';
import { answersOf, cycleExists, insertDraftReport, reportOf, sharesOf, stateExists } from './reports.queries.ts';
import type { ReportRow, ReportView } from './reports.types.ts';

export interface ReportsDeps {
  db: Db;
  clock: Clock;
  /** Called once a report is published or taken offline, so pages that list who reported are drawn again. */
  onPublicChange?: () => void;
}

const STATE = /^[A-Z]{3}$/;

/** The years a reporting cycle may have: four digits, so a year never overflows the database's integer. */
const MIN_YEAR = 1000;
const MAX_YEAR = 9999;

/** A cycle as given (a number, or its digits), or null when it is not a year of four digits. */
export function yearOf(cycle: unknown): number | null {
  const year = typeof cycle === 'number' ? cycle : /^\s*\d{1,4}\s*$/.test(String(cycle)) ? Number(String(cycle)) : Number.NaN;
  return Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR ? year : null;
}

/** The shared core the reading, drafting, sharing, overview and questionnaire parts are built on. */
export function createCore(deps: ReportsDeps) {
  const { db, clock } = deps;
  const who = (actor: Actor) => `user:${actor.userId}`;
  const audit = (tx: Queryable, actor: Actor, origin: Origin, action: string, id: string, details?: Record<string, unknown>) =>
    recordAudit(tx, { actor: who(actor), origin: origin.ip, action, entity: 'report', entityId: id, details }, clock());

  // Inside a transaction, pass it: PGlite has one connection, and a query outside it would wait for ever.
  async function questionsOf(version: number, q: Queryable = db): Promise<Question[]> {
    return (await questionsOfVersion(q, version)) ?? [];
  }
  async function currentVersion(q: Queryable = db): Promise<number> {
    const version = await latestVersion(q);
    if (!version) throw new AppError('UNAVAILABLE', 503, 'No questionnaire has been published yet.');
    return version;
  }

  /** Whether this is a reporting cycle; its year if so. */
  async function cycleOf(cycle: unknown, q: Queryable = db): Promise<number | null> {
    const year = yearOf(cycle);
    return year !== null && (await cycleExists(q, year)) ? year : null;
  }

  /** The State must exist (404 otherwise) and the cycle be a reporting cycle (400 naming `cycle`). */
  async function checkTarget(state: string, cycle: unknown, q: Queryable = db): Promise<number> {
    if (!STATE.test(state) || !(await stateExists(q, state))) throw errors.notFound(`The State ${state.slice(0, 10)}`);
    const year = await cycleOf(cycle, q);
    if (year === null) throw errors.badInput([fieldProblem('cycle', 'reportCycle')]);
    return year;
  }

  const completion = (questions: Question[], answers: Record<string, unknown>) =>
    PARTS.map((part) => {
      const qs = questions.filter((q) => q.part === part);
      return { part, answered: qs.filter((q) => answered(answers[q.key])).length, total: qs.length };
    });

  /** A State's report for a cycle, its answers by question and the States it is shared with. */
  async function load(state: string, cycle: number, q: Queryable = db) {
    const report = (await reportOf(q, state, cycle)) ?? null;
    const answers: Record<string, unknown> = {};
    if (report) for (const a of await answersOf(q, report.id)) answers[a.question] = a.value;
    const shared = report ? await sharesOf(q, report.id) : [];
    return { report, answers, shared };
  }

  /**
   * A report as this reader may see it: the State's officials see it in any state (an empty form before
   * the first answer); others only a submitted report that is public, or shared with their State.
   * Not audited: the readers (get, diff, forExport) record the view, in the same transaction.
   */
  async function view(actor: Actor, state: string, cycleRaw: unknown, q: Queryable = db): Promise<ReportView> {
    const cycle = await checkTarget(state, cycleRaw, q);
    const own = isOwn(actor, state);
    const { report, answers, shared } = await load(state, cycle, q);
    if (!own && !visibleToOthers(actor, report, shared)) {
      if (!actor.userId) authorize(actor, reportActions['report.read'], { state });
      throw errors.notFound('The report');
    }
    const version = report?.version ?? (await currentVersion(q));
    const questions = await questionsOf(version, q);
    return {
      state,
      cycle,
      report,
      version,
      questions,
      answers,
      completion: completion(questions, answers),
      sharedWith: own ? shared : [],
      canWrite: decide(actor, reportActions['report.write'], { state }).ok,
      canPublish: decide(actor, reportActions['report.publish'], { state }).ok,
    };
  }

  /** The State's report for the cycle, created (a draft on the current questionnaire) on first save; locked. */
  async function ensureReport(tx: Queryable, state: string, cycle: number): Promise<ReportRow> {
    await insertDraftReport(tx, state, cycle, await currentVersion(tx), clock().toISOString());
    return (await reportOf(tx, state, cycle, true)) as ReportRow;
  }

  /** What the public sees of reports may have changed (a report submitted, reopened, or its visibility set). */
  const publicChanged = () => deps.onPublicChange?.();

  return { db, clock, who, audit, questionsOf, currentVersion, cycleOf, checkTarget, load, view, ensureReport, publicChanged };
}

export type Core = ReturnType<typeof createCore>;
