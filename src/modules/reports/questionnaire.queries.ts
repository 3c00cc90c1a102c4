// The questionnaire's SQL: its published versions, the reporting cycles, and what version 1 is built from
// (the knowledge base's published views `norm_titles`, `norm_action_titles`, `cbm_titles`). One function per
// statement, no rules.
import type { Queryable } from '../../db/client.ts';
import type { Question } from './questionnaire.ts';
import type { VersionRow } from './reports.types.ts';

/** The number of the latest questionnaire version, or null before the first. */
export async function latestVersion(q: Queryable): Promise<number | null> {
  const [v] = await q.query<{ version: number | null }>('select max(version) as version from questionnaire_versions');
  return v?.version ?? null;
}

/** The questions of a version, or undefined if there is no such version. */
export async function questionsOfVersion(q: Queryable, version: number): Promise<Question[] | undefined> {
  const [v] = await q.query<{ questions: Question[] }>('select questions from questionnaire_versions where version = $1', [
    version,
  ]);
  return v?.questions;
}

/** Every version, the latest first, with how many questions it asks. */
export function versionList(q: Queryable): Promise<VersionRow[]> {
  return q.query<VersionRow>(
    'select version, published_at, note, jsonb_array_length(questions)::int as questions from questionnaire_versions order by version desc',
  );
}

export async function insertVersion(
  q: Queryable,
  v: { version: number; at: Date | string; by: string; note: string; questions: Question[] },
) {
  await q.query(
    'insert into questionnaire_versions (version, published_at, published_by, note, questions) values ($1, $2, $3, $4, $5)',
    [v.version, v.at, v.by, v.note, JSON.stringify(v.questions)],
  );
}

/** Opens a reporting cycle, unless it is open already. */
export async function openCycle(q: Queryable, year: number) {
  await q.query('insert into report_cycles (year, opened_at) values ($1, now()) on conflict do nothing', [year]);
}

// The knowledge base, through its published views

/** Every norm's letter and title, a to k. */
export function normTitles(q: Queryable): Promise<{ letter: string; title: string }[]> {
  return q.query<{ letter: string; title: string }>('select letter, title from norm_titles order by letter');
}

/** Every implementation action, by norm and position. */
export function normActionTitles(q: Queryable): Promise<{ id: string; norm_letter: string; title: string }[]> {
  return q.query<{ id: string; norm_letter: string; title: string }>(
    'select id, norm_letter, title from norm_action_titles order by norm_letter, position',
  );
}

/** Every confidence-building measure, by source and number. */
export function cbmTitles(q: Queryable): Promise<{ id: string; source: string; number: number; title: string }[]> {
  return q.query<{ id: string; source: string; number: number; title: string }>(
    'select id, source, number, title from cbm_titles order by source, number',
  );
}
