// The national implementation questionnaire as data. Four parts, as in the model national survey
// (international law, norms, CBMs, capacity-building). For each norm: the measures taken, chosen from
// that norm's implementation actions in the knowledge base, plus free text; challenges and capacity gaps;
// good practices; evidence. No question is mandatory. Version 1 is built from the knowledge base; editors
// publish later versions, and answers to questions whose key and meaning are unchanged carry over.
import type { Queryable } from '../../db/client.ts';
import { errors, type FieldProblem, fieldProblem } from '../../platform/errors.ts';
import { singleLineProblem } from '../../platform/text.ts';
import { cbmTitles, insertVersion, latestVersion, normActionTitles, normTitles, openCycle } from './questionnaire.queries.ts';

export const PARTS = ['law', 'norms', 'cbms', 'capacity'] as const;
export type Part = (typeof PARTS)[number];
const KINDS: string[] = ['choices', 'text', 'evidence'];
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
  const norms = await normTitles(tx);
  const actions = await normActionTitles(tx);
  const cbms = await cbmTitles(tx);
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

/** The reporting cycles opened with the first questionnaire. */
const FIRST_CYCLES = [2024, 2025, 2026];

/** Publishes version 1 if there is none yet; returns the current version's number. */
export async function ensureQuestionnaire(tx: Queryable, by: string): Promise<number> {
  const current = await latestVersion(tx);
  if (current) return current;
  const questions = await buildQuestions(tx);
  await insertVersion(tx, { version: 1, at: new Date(), by, note: 'First version, built from the knowledge base', questions });
  for (const year of FIRST_CYCLES) await openCycle(tx, year);
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
  const refuse = (...p: Parameters<typeof fieldProblem>) => ({ problem: fieldProblem(...p) });
  if (!q) return refuse(field, 'reportQuestion');
  if (value === null) return { value: null };
  switch (q.kind) {
    case 'text': {
      if (typeof value !== 'string') return refuse(field, 'text');
      if (value.length > 20_000) return refuse(field, 'tooLong', { n: 20_000 });
      return { value: value.replace(/\r\n?/g, '\n') };
    }
    case 'choices': {
      const list = Array.isArray(value) ? value : [value];
      const ids = new Set(q.options?.map((o) => o.id));
      const bad = list.filter((v) => typeof v !== 'string' || !ids.has(v));
      if (bad.length) return refuse(field, 'unknown', { values: bad.map(String).join(', ').slice(0, 80) });
      return { value: [...new Set(list as string[])] };
    }
    case 'evidence': {
      if (!Array.isArray(value)) return refuse(field, 'type', { expected: 'a list of {title, url, date, inProgress}' });
      if (value.length > 20) return refuse(field, 'tooMany', { n: 20 });
      const items: EvidenceItem[] = [];
      for (const [i, raw] of value.entries()) {
        const e = (raw ?? {}) as Record<string, unknown>;
        const title = typeof e.title === 'string' ? e.title.trim() : '';
        const url = typeof e.url === 'string' ? e.url.trim() : '';
        const date = typeof e.date === 'string' && e.date ? e.date : null;
        const at = `${field}[${i}]`;
        if (!title && !url) continue;
        if (!title) return refuse(`${at}.title`, 'required');
        if (title.length > 300) return refuse(`${at}.title`, 'tooLong', { n: 300 });
        const line = singleLineProblem(title);
        if (line) return refuse(`${at}.title`, line.code, line.params);
        if (url && (!URL_RE.test(url) || url.length > 2000)) return refuse(`${at}.url`, 'url');
        if (date && (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date)))) return refuse(`${at}.date`, 'date');
        items.push({ title, url, date, inProgress: e.inProgress === true || e.inProgress === 'true' });
      }
      return { value: items };
    }
  }
}

/** Questions given to publish: each with a unique key, a known part and kind, and options for choices. */
export function checkQuestions(raw: unknown): Question[] {
  const refuse = (...p: Parameters<typeof fieldProblem>) => errors.badInput([fieldProblem(...p)]);
  if (!Array.isArray(raw)) throw refuse('questions', 'type', { expected: 'a list of questions' });
  if (!raw.length) throw refuse('questions', 'tooFew', { n: 1 });
  if (raw.length > 2000) throw refuse('questions', 'tooMany', { n: 2000 });
  const keys = new Set<string>();
  return raw.map((q, i) => {
    const x = (q ?? {}) as Record<string, unknown>;
    const field = `questions[${i}]`;
    const key = typeof x.key === 'string' ? x.key : '';
    if (!/^[a-z][a-z0-9.]{1,80}$/.test(key) || keys.has(key)) throw refuse(`${field}.key`, 'questionKey');
    keys.add(key);
    if (!(PARTS as readonly string[]).includes(String(x.part)))
      throw refuse(`${field}.part`, 'choice', { options: PARTS.join(', ') });
    if (!KINDS.includes(String(x.kind))) throw refuse(`${field}.kind`, 'choice', { options: KINDS.join(', ') });
    if (typeof x.title !== 'string' || !x.title.trim()) throw refuse(`${field}.title`, 'required');
    if (x.title.length > 500) throw refuse(`${field}.title`, 'tooLong', { n: 500 });
    const options = Array.isArray(x.options) ? (x.options as { id?: unknown; label?: unknown }[]) : undefined;
    if (
      x.kind === 'choices' &&
      (!options?.length || options.some((o) => typeof o?.id !== 'string' || typeof o?.label !== 'string'))
    )
      throw refuse(`${field}.options`, 'questionOptions');
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

/** Whether an answer says something (an empty text or list does not count towards completeness). */
export const answered = (v: unknown) => (Array.isArray(v) ? v.length > 0 : typeof v === 'string' ? v.trim() !== '' : v != null);
