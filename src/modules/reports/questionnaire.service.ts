// The questionnaire: the current version (public: States prepare their answers from it), the versions
// published, and an editor publishing a new one. Drafts move to a new version, keeping every answer whose
// question is unchanged; submitted reports keep the version they answered.
import { type Actor, authorize } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { errors, fieldProblem } from '../../platform/errors.ts';
import type { Origin } from '../../platform/kernel.ts';
import { insertVersion, versionList } from './questionnaire.queries.ts';
import { buildQuestions, checkAnswer, checkQuestions } from './questionnaire.ts';
import type { Core } from './reports.common.ts';
import { reportActions } from './reports.policy.ts';
import { answersOf, deleteAnswer, draftReports, setReportVersion } from './reports.queries.ts';

/** The longest note saying what changed in a version. */
const NOTE_MAX = 500;

export function createQuestionnaire(core: Core) {
  const { db, clock, who, questionsOf, currentVersion } = core;

  /**
   * An editor publishes a new version: the questions given, or rebuilt from the knowledge base as it is now
   * (after its implementation actions changed). Drafts move to it, keeping every answer whose question is
   * unchanged (same key, kind and options still offered); submitted reports keep the version they answered.
   */
  async function publishVersion(actor: Actor, input: unknown, origin: Origin) {
    authorize(actor, reportActions['questionnaire.publish']);
    const raw = (input ?? {}) as { note?: unknown; questions?: unknown };
    const note = typeof raw.note === 'string' ? raw.note.trim() : '';
    if (!note) throw errors.badInput([fieldProblem('note', 'required')]);
    if (note.length > NOTE_MAX) throw errors.badInput([fieldProblem('note', 'tooLong', { n: NOTE_MAX })]);
    return db.transaction(async (tx) => {
      const questions = raw.questions === undefined ? await buildQuestions(tx) : checkQuestions(raw.questions);
      const version = (await currentVersion(tx)) + 1;
      await insertVersion(tx, { version, at: clock().toISOString(), by: who(actor), note, questions });
      const next = new Map(questions.map((q) => [q.key, q]));
      const drafts = await draftReports(tx);
      let dropped = 0;
      for (const d of drafts) {
        const old = new Map((await questionsOf(d.version, tx)).map((q) => [q.key, q]));
        for (const a of await answersOf(tx, d.id)) {
          const before = old.get(a.question);
          const after = next.get(a.question);
          const kept = before && after && before.kind === after.kind && 'value' in checkAnswer(after, a.question, a.value);
          if (!kept) {
            await deleteAnswer(tx, d.id, a.question);
            dropped++;
          }
        }
        await setReportVersion(tx, d.id, version);
      }
      await recordAudit(
        tx,
        {
          actor: who(actor),
          origin: origin.ip,
          action: 'questionnaire.publish',
          entity: 'questionnaire',
          entityId: String(version),
          details: { note, questions: questions.length, drafts: drafts.length, dropped },
        },
        clock(),
      );
      return { version, questions: questions.length, drafts: drafts.length, dropped };
    });
  }

  /** The current questionnaire (public: States prepare their answers from it). */
  async function questionnaire() {
    const version = await currentVersion();
    return { version, questions: await questionsOf(version) };
  }

  /** Every version published, the latest first. */
  const versions = () => versionList(db);

  return { publishVersion, questionnaire, versions };
}
