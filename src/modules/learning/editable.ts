// What editors may change of the learning content (modules/editorial asks through learning's face): the
// modules' titles and summaries, the lessons' texts, and the self-checks' questions, answers and feedback, in
// English or as translations (knowledge keeps the translations; `editableKind` reads and writes them). A
// self-check's fields are `prompt`, then `option-N` and `feedback-N` for each answer, as its translations are
// named; which answer is correct is not an editor's text and stays as it is.
import { type EditableField, type EditableKind, editableKind, lineField, markdownField } from '../knowledge/index.ts';
import * as q from './learning.queries.ts';

/** The translation field of a self-check's answer or its feedback (`option-1`, `feedback-1`, …). */
export const optionField = (kind: 'option' | 'feedback', n: number) => `${kind}-${n}`;

type CheckRow = NonNullable<Awaited<ReturnType<typeof q.checkFields>>>;

/** A self-check as flat fields: its question, then each answer and its feedback. */
function flatCheck(row: CheckRow) {
  const fields: Record<string, string> = { prompt: row.prompt };
  row.options.forEach((o, i) => {
    fields[optionField('option', i + 1)] = o.text;
    fields[optionField('feedback', i + 1)] = o.feedback;
  });
  return { ...fields, module_slug: row.module_slug, lesson_slug: row.lesson_slug, answers: row.options };
}

/** A self-check's fields; the correct answer says so. */
function checkSpec(row: ReturnType<typeof flatCheck>): EditableField[] {
  return [
    lineField('prompt', 500),
    ...row.answers.flatMap((o, i) => [
      lineField(optionField('option', i + 1), 500, o.correct ? 'edit.correctAnswer' : undefined),
      lineField(optionField('feedback', i + 1), 1000),
    ]),
  ];
}

/** Learning's editable kinds, in the order of the editors' index. */
export const learningEditableKinds = {
  module: editableKind({
    entity: 'module',
    fields: [lineField('title'), lineField('summary', 1000)],
    list: q.editableModules,
    original: q.moduleFields,
    update: q.updateModuleFields,
    url: (id) => `/learn/${id}`,
  }),
  lesson: editableKind({
    entity: 'lesson',
    fields: [
      lineField('title'),
      markdownField('questions', 4000),
      markdownField('body'),
      markdownField('reflection', 4000),
      markdownField('engage', 4000),
    ],
    list: q.editableLessons,
    original: q.lessonFields,
    update: q.updateLessonFields,
    touch: q.touchLesson,
    url: (id, row) => `/learn/${row.module_slug}/${id}`,
  }),
  lesson_check: editableKind({
    entity: 'lesson_check',
    fields: checkSpec,
    list: q.editableChecks,
    original: async (db, id) => {
      const row = await q.checkFields(db, id);
      return row && flatCheck(row);
    },
    // The answers keep their order and which one is correct; only their texts change.
    update: async (tx, id, f, at) => {
      const row = await q.checkFields(tx, id);
      if (!row) return;
      const options = row.options.map((o, i) => ({
        ...o,
        text: f[optionField('option', i + 1)],
        feedback: f[optionField('feedback', i + 1)],
      }));
      await q.updateCheck(tx, id, f.prompt, options);
      await q.touchLessonOfCheck(tx, id, at);
    },
    touch: q.touchLessonOfCheck,
    url: (_id, row) => `/learn/${row.module_slug}/${row.lesson_slug}#self-check`,
  }),
} satisfies Record<string, EditableKind>;
