// Every SQL statement about reports, their answers and whom they are shared with, one function per statement,
// named after what it returns (or, for a write, what it does). Each takes the Queryable to run on (the
// database or a transaction); no rules live here. The questionnaire's own statements (its versions, its
// cycles, the knowledge base it is built from) are in questionnaire.queries.ts; capacity-building's in
// capacity.queries.ts. States are read from the registry's published view `state_names`.
import type { Queryable } from '../../db/client.ts';
import type { CycleRow, ReportRow, Visibility } from './reports.types.ts';

// States and cycles

/** Whether the registry knows this State. */
export async function stateExists(q: Queryable, code: string): Promise<boolean> {
  return (await q.query('select 1 from state_names where code = $1', [code])).length > 0;
}

/** Which of these codes the registry knows. */
export async function knownStates(q: Queryable, codes: string[]): Promise<string[]> {
  return (await q.query<{ code: string }>('select code from state_names where code = any($1::text[])', [codes])).map(
    (r) => r.code,
  );
}

/** Whether this year is a reporting cycle. */
export async function cycleExists(q: Queryable, year: number): Promise<boolean> {
  return (await q.query('select 1 from report_cycles where year = $1', [year])).length > 0;
}

/** Every reporting cycle's year, the latest first. */
export async function cycleYears(q: Queryable): Promise<number[]> {
  return (await q.query<{ year: number }>('select year from report_cycles order by year desc')).map((r) => r.year);
}

/** Every cycle, the latest first, with the State's report in it (if any). */
export function cyclesOfState(q: Queryable, state: string): Promise<CycleRow[]> {
  return q.query<CycleRow>(
    `select c.year, r.status, r.visibility, r.updated_at from report_cycles c
     left join reports r on r.cycle = c.year and r.state_code = $1 order by c.year desc`,
    [state],
  );
}

// Reports

/** A State's report for a cycle, if it was started; `lock` holds its row until the transaction ends. */
export async function reportOf(q: Queryable, state: string, cycle: number, lock = false): Promise<ReportRow | undefined> {
  const [r] = await q.query<ReportRow>(`select * from reports where state_code = $1 and cycle = $2${lock ? ' for update' : ''}`, [
    state,
    cycle,
  ]);
  return r;
}

/** Starts a State's draft report for a cycle on this questionnaire version, unless there is one already. */
export async function insertDraftReport(q: Queryable, state: string, cycle: number, version: number, at: string) {
  await q.query(
    `insert into reports (state_code, cycle, version, status, created_at, updated_at) values ($1, $2, $3, 'draft', $4, $4)
     on conflict (state_code, cycle) do nothing`,
    [state, cycle, version, at],
  );
}

export async function touchReport(q: Queryable, id: string, at: string) {
  await q.query('update reports set updated_at = $2 where id = $1', [id, at]);
}

export async function setReportStatus(
  q: Queryable,
  id: string,
  status: ReportRow['status'],
  submittedAt: Date | string | null,
  at: string,
) {
  await q.query('update reports set status = $2, submitted_at = $3, updated_at = $4 where id = $1', [
    id,
    status,
    submittedAt,
    at,
  ]);
}

export async function setReportVisibility(q: Queryable, id: string, visibility: Visibility) {
  await q.query('update reports set visibility = $2 where id = $1', [id, visibility]);
}

/** Every draft report, with the questionnaire version it answers. */
export function draftReports(q: Queryable): Promise<{ id: string; version: number }[]> {
  return q.query<{ id: string; version: number }>("select id, version from reports where status = 'draft'");
}

export async function setReportVersion(q: Queryable, id: string, version: number) {
  await q.query('update reports set version = $2 where id = $1', [id, version]);
}

/** A State's public, submitted reports and when they changed, the latest cycle first. */
export function publishedReports(
  q: Queryable,
  state: string,
): Promise<{ cycle: number; submitted_at: Date; updated_at: Date }[]> {
  return q.query<{ cycle: number; submitted_at: Date; updated_at: Date }>(
    `select cycle, submitted_at, updated_at from reports
     where state_code = $1 and status = 'submitted' and visibility = 'public' order by cycle desc`,
    [state],
  );
}

// Answers

/** A report's answers, by question key. */
export function answersOf(q: Queryable, reportId: string): Promise<{ question: string; value: unknown }[]> {
  return q.query<{ question: string; value: unknown }>('select question, value from report_answers where report_id = $1', [
    reportId,
  ]);
}

export async function deleteAnswer(q: Queryable, reportId: string, question: string) {
  await q.query('delete from report_answers where report_id = $1 and question = $2', [reportId, question]);
}

/** Saves an answer, replacing the one given before. */
export async function upsertAnswer(q: Queryable, reportId: string, question: string, value: unknown, at: string, by: string) {
  await q.query(
    `insert into report_answers (report_id, question, value, updated_at, updated_by) values ($1, $2, $3, $4, $5)
     on conflict (report_id, question) do update set value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    [reportId, question, JSON.stringify(value), at, by],
  );
}

/** Saves an answer where the report has none to that question yet. */
export async function insertAnswerIfAbsent(
  q: Queryable,
  reportId: string,
  question: string,
  value: unknown,
  at: string,
  by: string,
) {
  await q.query(
    `insert into report_answers (report_id, question, value, updated_at, updated_by) values ($1, $2, $3, $4, $5)
     on conflict (report_id, question) do nothing`,
    [reportId, question, JSON.stringify(value), at, by],
  );
}

// Shares

/** The States a report is shared with, in order. */
export async function sharesOf(q: Queryable, reportId: string): Promise<string[]> {
  return (
    await q.query<{ state_code: string }>('select state_code from report_shares where report_id = $1 order by 1', [reportId])
  ).map((s) => s.state_code);
}

export async function deleteShares(q: Queryable, reportId: string) {
  await q.query('delete from report_shares where report_id = $1', [reportId]);
}

export async function insertShares(q: Queryable, reportId: string, states: string[]) {
  await q.query('insert into report_shares (report_id, state_code) select $1, s from unnest($2::text[]) s', [reportId, states]);
}

// Public overviews: published reports only

/** For each State with a public report in the cycle, how many measures it reported for the norm. */
export function measuresByState(q: Queryable, norm: string, cycle: number): Promise<{ state_code: string; measures: number }[]> {
  return q.query<{ state_code: string; measures: number }>(
    `select r.state_code,
       (coalesce(jsonb_array_length(m.value), 0) + case when t.value is not null then 1 else 0 end)::int as measures
     from reports r
     left join report_answers m on m.report_id = r.id and m.question = 'norm.' || $1 || '.measures'
     left join report_answers t on t.report_id = r.id and t.question = 'norm.' || $1 || '.measures.text'
     where r.cycle = $2 and r.status = 'submitted' and r.visibility = 'public'`,
    [norm, cycle],
  );
}

/** The measures (chosen and described) in these States' public reports for the cycle. */
export function publicMeasures(
  q: Queryable,
  states: string[],
  cycle: number,
): Promise<{ state_code: string; version: number; question: string; value: unknown }[]> {
  return q.query<{ state_code: string; version: number; question: string; value: unknown }>(
    `select r.state_code, r.version, a.question, a.value from reports r
     join report_answers a on a.report_id = r.id and (a.question like 'norm.%.measures' or a.question like 'norm.%.measures.text')
     where r.cycle = $2 and r.status = 'submitted' and r.visibility = 'public' and r.state_code = any($1::text[])`,
    [states, cycle],
  );
}

/** Which of these States published a report for the cycle. */
export async function statesWithPublicReport(q: Queryable, states: string[], cycle: number): Promise<string[]> {
  return (
    await q.query<{ state_code: string }>(
      "select state_code from reports where cycle = $2 and status = 'submitted' and visibility = 'public' and state_code = any($1::text[])",
      [states, cycle],
    )
  ).map((r) => r.state_code);
}

/**
 * The States whose public submitted report answers on a norm (any of its questions), each with the latest such
 * report's cycle, its names in the six languages and its status (a demo State is shown apart).
 */
export function statesReportingOnNorm(q: Queryable, norm: string) {
  return q.query<{ state_code: string; cycle: number; names: Record<string, string>; status: string }>(
    `select distinct on (r.state_code) r.state_code, r.cycle, s.names, s.status
     from reports r join state_names s on s.code = r.state_code
     where r.status = 'submitted' and r.visibility = 'public'
       and exists (select 1 from report_answers a where a.report_id = r.id and a.question like 'norm.' || $1 || '.%')
     order by r.state_code, r.cycle desc`,
    [norm],
  );
}

// Demo data

/** Deletes the reports of the demo States, with their answers, and every share with a demo State. */
export async function deleteReportsOfStates(q: Queryable, states: string[]) {
  const ofStates = '(select id from reports where state_code = any($1::text[]))';
  await q.query(`delete from report_answers where report_id in ${ofStates}`, [states]);
  await q.query(`delete from report_shares where report_id in ${ofStates} or state_code = any($1::text[])`, [states]);
  await q.query('delete from reports where state_code = any($1::text[])', [states]);
}
