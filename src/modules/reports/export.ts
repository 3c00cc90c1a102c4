// A report (or the empty questionnaire) as CSV and as PDF, for internal coordination between ministries
// as States do today. One row per question in the CSV; in the PDF, the four parts with each question and
// its answer, or a blank to fill. pdfkit is loaded with the first export.

import { csvFile } from '../../platform/csv.ts';
import { errors, fieldProblem } from '../../platform/errors.ts';
import { createPdf, write } from '../../platform/pdf.ts';
import type { EvidenceItem, Question } from './questionnaire.ts';
import type { ReportView } from './reports.types.ts';

const FORMATS = ['json', 'csv', 'pdf'] as const;
export type ExportFormat = (typeof FORMATS)[number];

/** The export format asked for (JSON when none); another is refused, naming `format`. */
export function exportFormat(raw: string | undefined): ExportFormat {
  const format = raw ?? 'json';
  if (!(FORMATS as readonly string[]).includes(format))
    throw errors.badInput([fieldProblem('format', 'choice', { options: FORMATS.join(', ') })]);
  return format as ExportFormat;
}

/**
 * A report as the JSON document exported: its state, completeness and every answer with its question. The
 * questions are given as `questions` says them (the reader's language, `lang`); keys and values stay as stored.
 */
export function reportDocument(v: ReportView, questions: Question[] = v.questions, lang = 'en') {
  return {
    state: v.state,
    cycle: v.cycle,
    questionnaire_version: v.version,
    lang,
    status: v.report?.status ?? 'not started',
    submitted_at: v.report?.submitted_at ?? null,
    completion: v.completion,
    answers: questions
      .filter((q) => v.answers[q.key] !== undefined)
      .map((q) => ({ key: q.key, question: q.title, value: v.answers[q.key] })),
  };
}

/** The words an export writes besides the questions and answers: the CSV's headings, an evidence's state. */
export interface ExportWords {
  headings: [part: string, norm: string, question: string, key: string, answer: string];
  inProgress: string;
  /** Each part's name, written in the part column in place of its code. */
  parts?: Record<string, string>;
}
const ENGLISH: ExportWords = { headings: ['part', 'norm', 'question', 'key', 'answer'], inProgress: 'in progress' };

/** An answer as plain text: option labels, the text, or the evidence. */
export function answerText(q: Question, value: unknown, words: ExportWords = ENGLISH): string {
  if (value === undefined || value === null) return '';
  if (q.kind === 'text') return String(value);
  if (q.kind === 'choices') return (value as string[]).map((id) => q.options?.find((o) => o.id === id)?.label ?? id).join('; ');
  return (value as EvidenceItem[])
    .map((e) => [e.title, e.url, e.date, e.inProgress ? words.inProgress : ''].filter(Boolean).join(' — '))
    .join('; ');
}

/** One row per question, in the words given (the reader's language); the key column is the same in every language. */
export function reportCsv(questions: Question[], answers: Record<string, unknown>, words: ExportWords = ENGLISH): string {
  const rows: string[][] = [[...words.headings]];
  for (const q of questions)
    rows.push([words.parts?.[q.part] ?? q.part, q.norm ?? '', q.title, q.key, answerText(q, answers[q.key], words)]);
  return csvFile(rows, true);
}

export async function reportPdf(input: {
  title: string;
  subtitle: string;
  parts: { part: string; title: string }[];
  questions: Question[];
  answers: Record<string, unknown> | null;
  words?: ExportWords;
}): Promise<Buffer> {
  const { doc, done } = await createPdf({ title: input.title, margins: { top: 56, bottom: 56, left: 56, right: 56 } });
  write(doc, input.title, { font: 'bold', size: 17 });
  write(doc, input.subtitle, { color: '#444' });
  for (const part of input.parts) {
    doc.moveDown();
    write(doc, part.title, { font: 'bold', size: 14, color: '#000' });
    for (const q of input.questions.filter((x) => x.part === part.part)) {
      doc.moveDown(0.4);
      write(doc, q.title, { font: 'bold', color: '#000' });
      if (input.answers) {
        const text = answerText(q, input.answers[q.key], input.words);
        write(doc, text || '—', { color: text ? '#000' : '#888' });
      } else if (q.kind === 'choices') {
        for (const o of q.options ?? []) write(doc, `☐ ${o.label}`, { color: '#000' });
      } else {
        write(doc, `${'_'.repeat(80)}\n${'_'.repeat(80)}`, { color: '#000' });
      }
    }
  }
  doc.end();
  return done;
}
