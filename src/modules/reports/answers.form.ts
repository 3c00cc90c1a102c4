// A section's form, read: every question of the section (so an unticked box clears its answer), evidence as
// rows, and the row buttons that work without JavaScript ("add a row", "remove row n"), which save what was
// typed like the save button does.
import type { Question } from './questionnaire.ts';

export type Body = Record<string, string | string[] | undefined>;

/** The most evidence rows a question holds (the questionnaire refuses more). */
export const MAX_ROWS = 20;

const list = (v: unknown) =>
  (Array.isArray(v) ? v : typeof v === 'string' ? [v] : []).filter((x): x is string => typeof x === 'string');
const one = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined);

/** What a row button asked for: a row added to, or one removed from, an evidence question. */
export interface RowAction {
  add?: string;
  remove?: { key: string; row: number };
}

/** The row button pressed, if any: `add` names the question, `remove` the question and row (`key:row`). */
export function rowActionOf(body: Body | undefined, questions: Question[]): RowAction {
  const evidence = new Set(questions.filter((q) => q.kind === 'evidence').map((q) => q.key));
  const add = one(body?.add);
  if (add && evidence.has(add)) return { add };
  const m = /^(.+):(\d{1,2})$/.exec(one(body?.remove) ?? '');
  if (m && evidence.has(m[1])) return { remove: { key: m[1], row: Number(m[2]) } };
  return {};
}

/** A section's answers from its form. Rows are read by their number, so a row removed leaves no gap behind. */
export function answersFromForm(questions: Question[], body: Body | undefined, action: RowAction = {}): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const q of questions) {
    if (q.kind === 'text') {
      const v = one(body?.[`q:${q.key}`]);
      answers[q.key] = v?.trim() ? v : null;
    } else if (q.kind === 'choices') {
      const v = list(body?.[`q:${q.key}`]);
      answers[q.key] = v.length ? v : null;
    } else {
      const rows: Record<string, unknown>[] = [];
      // One more than the most rows: the page shows an empty row to fill beside the ones kept.
      for (let i = 0; i <= MAX_ROWS; i++) {
        const title = one(body?.[`e:${q.key}:${i}:title`]);
        if (title === undefined) continue;
        if (action.remove?.key === q.key && action.remove.row === i) continue;
        rows.push({
          title,
          url: one(body?.[`e:${q.key}:${i}:url`]) ?? '',
          date: one(body?.[`e:${q.key}:${i}:date`]) ?? '',
          inProgress: one(body?.[`e:${q.key}:${i}:inProgress`]) === 'true',
        });
      }
      const kept = rows.filter((r) => String(r.title ?? '').trim() || String(r.url ?? '').trim());
      answers[q.key] = kept.length ? kept : null;
    }
  }
  return answers;
}
