// The national implementation questionnaire as data. Four parts, as in the model national survey
// (international law, norms, CBMs, capacity-building). For each norm: the measures taken, chosen from
// that norm's implementation actions in the knowledge base, plus free text; challenges and capacity gaps;
// good practices; evidence. No question is mandatory. Version 1 is built from the knowledge base; editors
// publish later versions, and answers to questions whose key and meaning are unchanged carry over.
import type { Queryable } from '../../db/client.ts';
import type { FieldProblem } from '../../platform/errors.ts';
import { singleLineProblem } from '../../platform/text.ts';

export const PARTS = ['law', 'norms', 'cbms', 'capacity'] as const;
export type Part = (typeof PARTS)[number];
export const GAPS = ['legal', 'technical', 'financial', 'human', 'coordination', 'other'] as const;

export interface Question {
  key: string;
  part: Part;
  /** The norm a question belongs to, in part 'norms'. */
  norm?: string;
  kind: 'choices' | 'text' | 'evidence';
  title: string;
  options?: { id: string; label: string }[];
}

export interface EvidenceItem {
  title: string;
  url: string;
  date: string | null;
  inProgress: boolean;
}

/** The four questions asked of every subject (a part, or a norm): challenges, their detail, practices, evidence. */
function common(prefix: string, part: Part, subject: string, norm?: string): Question[] {
  return [
    {
      key: `${prefix}.gaps`,
      part,
      norm,
      kind: 'choices',
      title: `Challenges and capacity gaps: ${subject}`,
      options: GAPS.map((g) => ({ id: g, label: g })),
    },
    { key: `${prefix}.gaps.text`, part, norm, kind: 'text', title: `Challenges and capacity gaps, described: ${subject}` },
    { key: `${prefix}.practices`, part, norm, kind: 'text', title: `Good practices to share: ${subject}` },
    { key: `${prefix}.evidence`, part, norm, kind: 'evidence', title: `Evidence: ${subject}` },
  ];
}

/** Version 1, from the knowledge base: the norms' implementation actions and the CBMs become the options. */
export async function buildQuestions(tx: Queryable): Promise<Question[]> {
  const norms = await tx.query<{ letter: string; title: string }>('select letter, title from norms order by letter');
  const actions = await tx.query<{ id: string; norm_letter: string; title: string }>(
    'select id, norm_letter, title from norm_actions order by norm_letter, position',
  );
  const cbms = await tx.query<{ id: string; source: string; number: number; title: string }>(
    'select id, source, number, title from cbms order by source, number',
  );
  const questions: Question[] = [
    {
      key: 'law.measures',
      part: 'law',
      kind: 'text',
      title: 'Measures taken on how international law applies to the use of ICTs',
    },
    ...common('law', 'law', 'international law'),
  ];
  for (const n of norms) {
    questions.push(
      {
        key: `norm.${n.letter}.measures`,
        part: 'norms',
        norm: n.letter,
        kind: 'choices',
        title: `Measures taken: norm ${n.letter} (${n.title})`,
        options: actions.filter((a) => a.norm_letter === n.letter).map((a) => ({ id: a.id, label: a.title })),
      },
      {
        key: `norm.${n.letter}.measures.text`,
        part: 'norms',
        norm: n.letter,
        kind: 'text',
        title: `Other measures: norm ${n.letter}`,
      },
      ...common(`norm.${n.letter}`, 'norms', `norm ${n.letter}`, n.letter),
    );
  }
  questions.push(
    {
      key: 'cbm.measures',
      part: 'cbms',
      kind: 'choices',
      title: 'Confidence-building measures implemented',
      options: cbms.map((c) => ({ id: c.id, label: `${c.source.toUpperCase()} ${c.number}: ${c.title}` })),
    },
    { key: 'cbm.measures.text', part: 'cbms', kind: 'text', title: 'Other confidence-building measures' },
    ...common('cbm', 'cbms', 'confidence-building measures'),
    { key: 'capacity.measures', part: 'capacity', kind: 'text', title: 'Capacity-building given or received' },
    ...common('capacity', 'capacity', 'capacity-building'),
  );
  return questions;
}

/** Publishes version 1 if there is none yet; returns the current version's number. */
export async function ensureQuestionnaire(tx: Queryable, by: string): Promise<number> {
  const [current] = await tx.query<{ version: number }>('select max(version) as version from questionnaire_versions');
  if (current?.version) return current.version;
  const questions = await buildQuestions(tx);
  await tx.query(
    `insert into questionnaire_versions (version, published_at, published_by, note, questions) values (1, now(), $1, $2, $3)`,
    [by, 'First version, built from the knowledge base', JSON.stringify(questions)],
  );
  for (const year of [2024, 2025, 2026])
    await tx.query('insert into report_cycles (year, opened_at) values ($1, now()) on conflict do nothing', [year]);
  return 1;
}

const URL_RE = /^https?:\/\/[^\s/$.?#][^\s]*$/i;

/** Checks one answer against its question; returns the value to store, or the problem. */
export function checkAnswer(
  q: Question | undefined,
  key: string,
  value: unknown,
): { value: unknown } | { problem: FieldProblem } {
  const field = `answers.${key}`;
  if (!q) return { problem: { field, reason: 'is not a question of this questionnaire version' } };
  if (value === null) return { value: null };
  switch (q.kind) {
    case 'text': {
      if (typeof value !== 'string') return { problem: { field, reason: 'must be text' } };
      if (value.length > 20_000) return { problem: { field, reason: 'must be at most 20000 characters' } };
      return { value: value.replace(/\r\n?/g, '\n') };
    }
    case 'choices': {
      const list = Array.isArray(value) ? value : [value];
      const ids = new Set(q.options?.map((o) => o.id));
      const bad = list.filter((v) => typeof v !== 'string' || !ids.has(v));
      if (bad.length) return { problem: { field, reason: `unknown option: ${bad.map(String).join(', ').slice(0, 80)}` } };
      return { value: [...new Set(list as string[])] };
    }
    case 'evidence': {
      if (!Array.isArray(value)) return { problem: { field, reason: 'must be a list of {title, url, date, inProgress}' } };
      if (value.length > 20) return { problem: { field, reason: 'at most 20 pieces of evidence' } };
      const items: EvidenceItem[] = [];
      for (const [i, raw] of value.entries()) {
        const e = (raw ?? {}) as Record<string, unknown>;
        const title = typeof e.title === 'string' ? e.title.trim() : '';
        const url = typeof e.url === 'string' ? e.url.trim() : '';
        const date = typeof e.date === 'string' && e.date ? e.date : null;
        if (!title && !url) continue;
        if (!title || title.length > 300)
          return { problem: { field: `${field}[${i}].title`, reason: 'is required (at most 300 characters)' } };
        if (singleLineProblem(title))
          return { problem: { field: `${field}[${i}].title`, reason: singleLineProblem(title) as string } };
        if (url && (!URL_RE.test(url) || url.length > 2000))
          return { problem: { field: `${field}[${i}].url`, reason: 'must be an http(s) link' } };
        if (date && (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))))
          return { problem: { field: `${field}[${i}].date`, reason: 'must be a date (YYYY-MM-DD)' } };
        items.push({ title, url, date, inProgress: e.inProgress === true || e.inProgress === 'true' });
      }
      return { value: items };
    }
  }
}

/** Whether an answer says something (an empty text or list does not count towards completeness). */
export const answered = (v: unknown) => (Array.isArray(v) ? v.length > 0 : typeof v === 'string' ? v.trim() !== '' : v != null);
