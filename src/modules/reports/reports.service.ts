// National implementation reports: a State's answers to the questionnaire for one reporting cycle. The
// rapporteur and the focal point fill it (each answer saved as it is typed), submit it, reopen and revise
// it; the focal point decides who may read it (private, shared with chosen States, public). A draft is
// only ever seen by its own State's officials. Every change is audited.
import type { Db, Queryable } from '../../db/client.ts';
import { type Actor, authorize, decide, defineRules } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { AppError, errors, type FieldProblem } from '../../platform/errors.ts';
import type { Clock, Origin } from '../../platform/kernel.ts';
import { answered, buildQuestions, checkAnswer, PARTS, type Part, type Question } from './questionnaire.ts';

const OFFICIALS = ['focal_point', 'poc_diplomatic', 'poc_technical', 'rapporteur'] as const;

export const reportActions = defineRules({
  /** A State's own reports, drafts included. */
  'report.read': { state: [...OFFICIALS] },
  /** Publishing a new version of the questionnaire. */
  'questionnaire.publish': { platform: ['editor'], write: true },
  /** Filling, submitting and reopening. */
  'report.write': { state: ['rapporteur', 'focal_point'], write: true },
  /** Who may read a report: the focal point's decision. */
  'report.publish': { state: ['focal_point'], write: true },
});

export interface ReportRow {
  id: string;
  state_code: string;
  cycle: number;
  version: number;
  status: 'draft' | 'submitted';
  visibility: 'private' | 'shared' | 'public';
  created_at: Date;
  updated_at: Date;
  submitted_at: Date | null;
}

export interface ReportView {
  state: string;
  cycle: number;
  report: ReportRow | null;
  version: number;
  questions: Question[];
  answers: Record<string, unknown>;
  completion: { part: Part; answered: number; total: number }[];
  sharedWith: string[];
  canWrite: boolean;
  canPublish: boolean;
}

const STATE = /^[A-Z]{3}$/;

export function createReportsService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;
  const audit = (tx: Queryable, actor: Actor, origin: Origin, action: string, id: string, details?: Record<string, unknown>) =>
    recordAudit(
      tx,
      { actor: `user:${actor.userId}`, origin: origin.ip, action, entity: 'report', entityId: id, details },
      clock(),
    );

  // Inside a transaction, pass it: PGlite has one connection, and a query outside it would wait for ever.
  async function questionsOf(version: number, q: Queryable = db): Promise<Question[]> {
    const [v] = await q.query<{ questions: Question[] }>('select questions from questionnaire_versions where version = $1', [
      version,
    ]);
    return v?.questions ?? [];
  }
  async function currentVersion(q: Queryable = db): Promise<number> {
    const [v] = await q.query<{ version: number | null }>('select max(version) as version from questionnaire_versions');
    if (!v?.version) throw new AppError('UNAVAILABLE', 503, 'No questionnaire has been published yet.');
    return v.version;
  }

  async function checkTarget(state: string, cycle: unknown, q: Queryable = db): Promise<number> {
    const problems: FieldProblem[] = [];
    if (!STATE.test(state) || !(await q.query('select 1 from states where code = $1', [state])).length)
      throw errors.notFound(`The State ${state.slice(0, 10)}`);
    const year = typeof cycle === 'number' ? cycle : Number.parseInt(String(cycle), 10);
    if (!Number.isInteger(year) || !(await q.query('select 1 from report_cycles where year = $1', [year])).length)
      problems.push({ field: 'cycle', reason: 'is not a reporting cycle' });
    if (problems.length) throw errors.badInput(problems);
    return year;
  }

  const completion = (questions: Question[], answers: Record<string, unknown>) =>
    PARTS.map((part) => {
      const qs = questions.filter((q) => q.part === part);
      return { part, answered: qs.filter((q) => answered(answers[q.key])).length, total: qs.length };
    });

  async function load(state: string, cycle: number, q: Queryable = db) {
    const [report] = await q.query<ReportRow>('select * from reports where state_code = $1 and cycle = $2', [state, cycle]);
    const answers: Record<string, unknown> = {};
    const shared: string[] = [];
    if (report) {
      for (const a of await q.query<{ question: string; value: unknown }>(
        'select question, value from report_answers where report_id = $1',
        [report.id],
      ))
        answers[a.question] = a.value;
      for (const s of await q.query<{ state_code: string }>(
        'select state_code from report_shares where report_id = $1 order by 1',
        [report.id],
      ))
        shared.push(s.state_code);
    }
    return { report: report ?? null, answers, shared };
  }

  /**
   * A report as this reader may see it: the State's officials see it in any state (an empty form before
   * the first answer); others only a submitted report that is public, or shared with their State.
   * Not audited: the readers below (get, diff, forExport) record the view, in the same transaction.
   */
  async function view(actor: Actor, state: string, cycleRaw: unknown, q: Queryable = db): Promise<ReportView> {
    const cycle = await checkTarget(state, cycleRaw, q);
    const own = decide(actor, reportActions['report.read'], { state }).ok;
    const { report, answers, shared } = await load(state, cycle, q);
    if (!own) {
      const mine = actor.grants.filter((g) => g.state).map((g) => g.state as string);
      const visible =
        report?.status === 'submitted' &&
        (report.visibility === 'public' || (report.visibility === 'shared' && shared.some((s) => mine.includes(s)) && actor.mfa));
      if (!visible) {
        if (!actor.userId) authorize(actor, reportActions['report.read'], { state });
        throw errors.notFound('The report');
      }
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

  /** Whether a read shows what is not public: a draft, or a submitted report that is private or shared. */
  const confidential = (v: ReportView) =>
    Boolean(v.report && !(v.report.status === 'submitted' && v.report.visibility === 'public'));

  /**
   * A report for this reader, through the page or the API. Reading a report that is not public (a State's
   * own draft, another State's shared report) is audited: one entry per view, with how many answers it
   * showed, never the answers themselves. A public report is public: its reads are not recorded.
   */
  async function get(actor: Actor, state: string, cycleRaw: unknown, origin: Origin): Promise<ReportView> {
    return db.transaction(async (tx) => {
      const v = await view(actor, state, cycleRaw, tx);
      if (v.report && confidential(v) && actor.userId)
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

  /** The questions of a report's version, for a reader of the report (to parse a part's form): no answers. */
  async function questionsFor(actor: Actor, state: string, cycleRaw: unknown): Promise<Question[]> {
    return (await view(actor, state, cycleRaw)).questions;
  }

  /** Creates the report on first save, answering the current questionnaire. */
  async function ensureReport(tx: Queryable, state: string, cycle: number): Promise<ReportRow> {
    const now = clock().toISOString();
    const version = await currentVersion(tx);
    await tx.query(
      `insert into reports (state_code, cycle, version, status, created_at, updated_at) values ($1, $2, $3, 'draft', $4, $4)
       on conflict (state_code, cycle) do nothing`,
      [state, cycle, version, now],
    );
    const [r] = await tx.query<ReportRow>('select * from reports where state_code = $1 and cycle = $2 for update', [
      state,
      cycle,
    ]);
    return r;
  }

  /** Saves some answers (an autosave sends one; a section's save button, several); null clears one. */
  async function saveAnswers(actor: Actor, state: string, cycleRaw: unknown, answers: unknown, origin: Origin) {
    authorize(actor, reportActions['report.write'], { state });
    const cycle = await checkTarget(state, cycleRaw);
    if (!answers || typeof answers !== 'object' || Array.isArray(answers))
      throw errors.badInput([{ field: 'answers', reason: 'must be an object of question → answer' }]);
    const entries = Object.entries(answers as Record<string, unknown>);
    if (entries.length > 500) throw errors.badInput([{ field: 'answers', reason: 'at most 500 answers at once' }]);
    return db.transaction(async (tx) => {
      const report = await ensureReport(tx, state, cycle);
      if (report.status === 'submitted')
        throw new AppError('CONFLICT', 409, 'This report was submitted: reopen it to change it.');
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
        if (value === null) await tx.query('delete from report_answers where report_id = $1 and question = $2', [report.id, key]);
        else
          await tx.query(
            `insert into report_answers (report_id, question, value, updated_at, updated_by) values ($1, $2, $3, $4, $5)
             on conflict (report_id, question) do update set value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
            [report.id, key, JSON.stringify(value), now, `user:${actor.userId}`],
          );
      }
      await tx.query('update reports set updated_at = $2 where id = $1', [report.id, now]);
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
    return db.transaction(async (tx) => {
      const report = await ensureReport(tx, state, cycle);
      if (report.status === status) return { status };
      const now = clock().toISOString();
      await tx.query('update reports set status = $2, submitted_at = $3, updated_at = $4 where id = $1', [
        report.id,
        status,
        status === 'submitted' ? now : report.submitted_at,
        now,
      ]);
      await audit(tx, actor, origin, status === 'submitted' ? 'report.submit' : 'report.reopen', report.id, { state, cycle });
      return { status };
    });
  }

  /** Starts a cycle's report from another cycle's answers, for the questions the current version still asks. */
  async function startFrom(actor: Actor, state: string, cycleRaw: unknown, fromRaw: unknown, origin: Origin) {
    authorize(actor, reportActions['report.write'], { state });
    const cycle = await checkTarget(state, cycleRaw);
    const from = await checkTarget(state, fromRaw).catch(() => {
      throw errors.badInput([{ field: 'from', reason: 'is not a reporting cycle' }]);
    });
    const source = await load(state, from);
    if (!source.report) throw errors.badInput([{ field: 'from', reason: 'has no report to start from' }]);
    return db.transaction(async (tx) => {
      const report = await ensureReport(tx, state, cycle);
      if (report.status === 'submitted')
        throw new AppError('CONFLICT', 409, 'This report was submitted: reopen it to change it.');
      const keys = new Set((await questionsOf(report.version, tx)).map((q) => q.key));
      const copied = Object.entries(source.answers).filter(([k]) => keys.has(k));
      const now = clock().toISOString();
      for (const [key, value] of copied)
        await tx.query(
          `insert into report_answers (report_id, question, value, updated_at, updated_by) values ($1, $2, $3, $4, $5)
           on conflict (report_id, question) do nothing`,
          [report.id, key, JSON.stringify(value), now, `user:${actor.userId}`],
        );
      await audit(tx, actor, origin, 'report.start_from', report.id, { state, cycle, from, copied: copied.length });
      return { copied: copied.length };
    });
  }

  /** The focal point decides who may read a report: private, shared with chosen States, or public. */
  async function setVisibility(actor: Actor, state: string, cycleRaw: unknown, input: unknown, origin: Origin) {
    authorize(actor, reportActions['report.publish'], { state });
    const cycle = await checkTarget(state, cycleRaw);
    const raw = (input ?? {}) as { visibility?: unknown; states?: unknown };
    const visibility = raw.visibility;
    if (visibility !== 'private' && visibility !== 'shared' && visibility !== 'public')
      throw errors.badInput([{ field: 'visibility', reason: 'must be one of private, shared, public' }]);
    const states = [
      ...new Set(
        (Array.isArray(raw.states) ? raw.states : typeof raw.states === 'string' ? raw.states.split(/[\s,]+/) : [])
          .filter((s) => s)
          .map((s) => String(s).toUpperCase()),
      ),
    ];
    if (visibility === 'shared') {
      if (!states.length) throw errors.badInput([{ field: 'states', reason: 'choose the States to share with' }]);
      const known = await db.query<{ code: string }>('select code from states where code = any($1::text[])', [states]);
      const unknown = states.filter((s) => !known.some((k) => k.code === s));
      if (unknown.length)
        throw errors.badInput([{ field: 'states', reason: `unknown State: ${unknown.join(', ').slice(0, 60)}` }]);
    }
    return db.transaction(async (tx) => {
      const report = await ensureReport(tx, state, cycle);
      await tx.query('update reports set visibility = $2 where id = $1', [report.id, visibility]);
      await tx.query('delete from report_shares where report_id = $1', [report.id]);
      if (visibility === 'shared')
        await tx.query('insert into report_shares (report_id, state_code) select $1, s from unnest($2::text[]) s', [
          report.id,
          states,
        ]);
      await audit(tx, actor, origin, 'report.visibility', report.id, { state, cycle, visibility, states });
      return { visibility, states: visibility === 'shared' ? states : [] };
    });
  }

  /** The cycles a State's officials see, with their report's state. */
  async function cycles(actor: Actor, state: string) {
    authorize(actor, reportActions['report.read'], { state });
    return db.query<{ year: number; status: string | null; visibility: string | null; updated_at: Date | null }>(
      `select c.year, r.status, r.visibility, r.updated_at from report_cycles c
       left join reports r on r.cycle = c.year and r.state_code = $1 order by c.year desc`,
      [state],
    );
  }

  /** Two cycles of a State's report side by side: every question either answered, and whether it changed. */
  /** Audited (one entry per comparison) when either side is not public. */
  async function diff(actor: Actor, state: string, cycleRaw: unknown, otherRaw: unknown, origin: Origin) {
    return db.transaction(async (tx) => {
      const a = await view(actor, state, otherRaw, tx).catch((err) => {
        if (err instanceof AppError && err.code === 'BAD_INPUT')
          throw errors.badInput([{ field: 'with', reason: 'is not a reporting cycle' }]);
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
      const id = (confidential(b) ? b.report?.id : undefined) ?? (confidential(a) ? a.report?.id : undefined);
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

  /**
   * For the map and charts: each State with a public report in the cycle, and how many measures it reported
   * for the norm (chosen actions, plus one if it described others).
   */
  async function mapData(normRaw: unknown, cycleRaw: unknown) {
    const problems: FieldProblem[] = [];
    const norm = typeof normRaw === 'string' && /^[a-k]$/.test(normRaw) ? normRaw : null;
    if (!norm) problems.push({ field: 'norm', reason: 'must be a norm letter, a to k' });
    const cycle = Number.parseInt(String(cycleRaw), 10);
    if (!Number.isInteger(cycle) || !(await db.query('select 1 from report_cycles where year = $1', [cycle])).length)
      problems.push({ field: 'cycle', reason: 'is not a reporting cycle' });
    if (problems.length) throw errors.badInput(problems);
    return db.query<{ state_code: string; measures: number }>(
      `select r.state_code,
         (coalesce(jsonb_array_length(m.value), 0) + case when t.value is not null then 1 else 0 end)::int as measures
       from reports r
       left join report_answers m on m.report_id = r.id and m.question = 'norm.' || $1 || '.measures'
       left join report_answers t on t.report_id = r.id and t.question = 'norm.' || $1 || '.measures.text'
       where r.cycle = $2 and r.status = 'submitted' and r.visibility = 'public'`,
      [norm, cycle],
    );
  }

  /** Public reports of chosen States for one cycle, side by side: the measures each reported, norm by norm. */
  async function compare(statesRaw: unknown, cycleRaw: unknown) {
    const states = [
      ...new Set((typeof statesRaw === 'string' ? statesRaw.split(/[\s,]+/) : []).filter(Boolean).map((s) => s.toUpperCase())),
    ];
    const problems: FieldProblem[] = [];
    if (!states.length || states.length > 20)
      problems.push({ field: 'states', reason: 'choose between 1 and 20 States (ISO codes)' });
    const known = await db.query<{ code: string }>('select code from states where code = any($1::text[])', [states]);
    const unknown = states.filter((s) => !known.some((k) => k.code === s));
    if (unknown.length) problems.push({ field: 'states', reason: `unknown State: ${unknown.join(', ').slice(0, 60)}` });
    const cycle = Number.parseInt(String(cycleRaw), 10);
    if (!Number.isInteger(cycle) || !(await db.query('select 1 from report_cycles where year = $1', [cycle])).length)
      problems.push({ field: 'cycle', reason: 'is not a reporting cycle' });
    if (problems.length) throw errors.badInput(problems);
    const rows = await db.query<{ state_code: string; version: number; question: string; value: unknown }>(
      `select r.state_code, r.version, a.question, a.value from reports r
       join report_answers a on a.report_id = r.id and (a.question like 'norm.%.measures' or a.question like 'norm.%.measures.text')
       where r.cycle = $2 and r.status = 'submitted' and r.visibility = 'public' and r.state_code = any($1::text[])`,
      [states, cycle],
    );
    const published = new Set(
      (
        await db.query<{ state_code: string }>(
          "select state_code from reports where cycle = $2 and status = 'submitted' and visibility = 'public' and state_code = any($1::text[])",
          [states, cycle],
        )
      ).map((r) => r.state_code),
    );
    const questions = new Map((await questionsOf(await currentVersion())).map((q) => [q.key, q]));
    const measures: Record<string, Record<string, string[]>> = {};
    for (const r of rows) {
      const norm = r.question.split('.')[1];
      const q = questions.get(r.question);
      const labels = r.question.endsWith('.text')
        ? [String(r.value)]
        : (r.value as string[]).map((id) => q?.options?.find((o) => o.id === id)?.label ?? id);
      measures[norm] ??= {};
      measures[norm][r.state_code] = [...(measures[norm][r.state_code] ?? []), ...labels];
    }
    return { states, cycle, published: states.filter((s) => published.has(s)), measures };
  }

  /**
   * An editor publishes a new version: the questions given, or rebuilt from the knowledge base as it is now
   * (after its implementation actions changed). Drafts move to it, keeping every answer whose question is
   * unchanged (same key, kind and options still offered); submitted reports keep the version they answered.
   */
  async function publishVersion(actor: Actor, input: unknown, origin: Origin) {
    authorize(actor, reportActions['questionnaire.publish']);
    const raw = (input ?? {}) as { note?: unknown; questions?: unknown };
    const note = typeof raw.note === 'string' ? raw.note.trim() : '';
    if (!note || note.length > 500)
      throw errors.badInput([{ field: 'note', reason: 'is required (at most 500 characters): what changed' }]);
    return db.transaction(async (tx) => {
      const questions = raw.questions === undefined ? await buildQuestions(tx) : checkQuestions(raw.questions);
      const previous = await currentVersion(tx);
      const version = previous + 1;
      await tx.query(
        'insert into questionnaire_versions (version, published_at, published_by, note, questions) values ($1, $2, $3, $4, $5)',
        [version, clock().toISOString(), `user:${actor.userId}`, note, JSON.stringify(questions)],
      );
      const next = new Map(questions.map((q) => [q.key, q]));
      const drafts = await tx.query<{ id: string; version: number }>("select id, version from reports where status = 'draft'");
      let dropped = 0;
      for (const d of drafts) {
        const old = new Map((await questionsOf(d.version, tx)).map((q) => [q.key, q]));
        for (const a of await tx.query<{ question: string; value: unknown }>(
          'select question, value from report_answers where report_id = $1',
          [d.id],
        )) {
          const before = old.get(a.question);
          const after = next.get(a.question);
          const kept = before && after && before.kind === after.kind && 'value' in checkAnswer(after, a.question, a.value);
          if (!kept) {
            await tx.query('delete from report_answers where report_id = $1 and question = $2', [d.id, a.question]);
            dropped++;
          }
        }
        await tx.query('update reports set version = $2 where id = $1', [d.id, version]);
      }
      await recordAudit(
        tx,
        {
          actor: `user:${actor.userId}`,
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

  /** What anyone may know of a State's reporting: its public, submitted reports and when they changed. */
  async function published(state: string) {
    return db.query<{ cycle: number; submitted_at: Date; updated_at: Date }>(
      `select cycle, submitted_at, updated_at from reports
       where state_code = $1 and status = 'submitted' and visibility = 'public' order by cycle desc`,
      [state],
    );
  }

  /** The current questionnaire (public: States prepare their answers from it). */
  async function questionnaire() {
    const version = await currentVersion();
    return { version, questions: await questionsOf(version) };
  }

  const allCycles = async () =>
    (await db.query<{ year: number }>('select year from report_cycles order by year desc')).map((r) => r.year);

  const versions = () =>
    db.query<{ version: number; published_at: Date; note: string; questions: number }>(
      'select version, published_at, note, jsonb_array_length(questions)::int as questions from questionnaire_versions order by version desc',
    );

  return {
    versions,
    publishVersion,
    diff,
    allCycles,
    mapData,
    compare,
    forExport,
    published,
    questionnaire,
    get,
    questionsFor,
    saveAnswers,
    submit: (a: Actor, s: string, c: unknown, o: Origin) => setStatus(a, s, c, 'submitted', o),
    reopen: (a: Actor, s: string, c: unknown, o: Origin) => setStatus(a, s, c, 'draft', o),
    startFrom,
    setVisibility,
    cycles,
  };
}

export type ReportsService = ReturnType<typeof createReportsService>;

/** Questions given to publish: each with a unique key, a known part and kind, and options for choices. */
function checkQuestions(raw: unknown): Question[] {
  if (!Array.isArray(raw) || !raw.length || raw.length > 2000)
    throw errors.badInput([{ field: 'questions', reason: 'must be a list of 1 to 2000 questions' }]);
  const keys = new Set<string>();
  return raw.map((q, i) => {
    const x = (q ?? {}) as Record<string, unknown>;
    const field = `questions[${i}]`;
    const key = typeof x.key === 'string' ? x.key : '';
    if (!/^[a-z][a-z0-9.]{1,80}$/.test(key) || keys.has(key))
      throw errors.badInput([{ field: `${field}.key`, reason: 'must be a unique key of lowercase letters, digits and dots' }]);
    keys.add(key);
    if (!(PARTS as readonly string[]).includes(String(x.part)))
      throw errors.badInput([{ field: `${field}.part`, reason: `must be one of ${PARTS.join(', ')}` }]);
    if (!['choices', 'text', 'evidence'].includes(String(x.kind)))
      throw errors.badInput([{ field: `${field}.kind`, reason: 'must be choices, text or evidence' }]);
    if (typeof x.title !== 'string' || !x.title.trim() || x.title.length > 500)
      throw errors.badInput([{ field: `${field}.title`, reason: 'is required' }]);
    const options = Array.isArray(x.options) ? (x.options as { id?: unknown; label?: unknown }[]) : undefined;
    if (
      x.kind === 'choices' &&
      (!options?.length || options.some((o) => typeof o?.id !== 'string' || typeof o?.label !== 'string'))
    )
      throw errors.badInput([{ field: `${field}.options`, reason: 'choices need options, each {id, label}' }]);
    return {
      key,
      part: x.part as Part,
      ...(typeof x.norm === 'string' && /^[a-k]$/.test(x.norm) ? { norm: x.norm } : {}),
      kind: x.kind as Question['kind'],
      title: x.title.trim(),
      ...(x.kind === 'choices' ? { options: options as { id: string; label: string }[] } : {}),
    };
  });
}
