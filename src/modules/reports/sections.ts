// The sections a rapporteur works through, one page each: part I, each norm of part II on its own (part II
// holds six questions for each of eleven norms, most of the report), part III and part IV. A section is named
// by its part and, in part II, its norm; the page's address and its form carry both.
import { answered, PARTS, type Part, type Question } from './questionnaire.ts';

export interface Section {
  part: Part;
  /** The norm's letter in part II; null elsewhere (and for part II questions that name no norm). */
  norm: string | null;
}

/** Whether a question belongs to the section. */
export const inSection = (s: Section, q: Question) => q.part === s.part && (s.part !== 'norms' || (q.norm ?? null) === s.norm);

/** The sections of a questionnaire, in order; a part without questions has none. */
export function sectionsOf(questions: Question[]): Section[] {
  const out: Section[] = [];
  for (const part of PARTS) {
    const qs = questions.filter((q) => q.part === part);
    if (!qs.length) continue;
    if (part !== 'norms') out.push({ part, norm: null });
    else for (const norm of new Set(qs.map((q) => q.norm ?? null))) out.push({ part, norm });
  }
  return out;
}

/** How many of the section's questions are answered. */
export function progressOf(s: Section, questions: Question[], answers: Record<string, unknown>) {
  const qs = questions.filter((q) => inSection(s, q));
  return { answered: qs.filter((q) => answered(answers[q.key])).length, total: qs.length };
}

/** The section's page, under the report's address. */
export const sectionHref = (base: string, s: Section) => `${base}?part=${s.part}${s.norm ? `&norm=${s.norm}` : ''}`;

/** The section a page asks for (a part of part II without a norm is its first norm), or null. */
export function findSection(sections: Section[], part: unknown, norm: unknown): Section | null {
  const inPart = sections.filter((s) => s.part === part);
  if (norm === undefined || norm === '') return inPart[0] ?? null;
  return inPart.find((s) => s.norm === norm) ?? null;
}
