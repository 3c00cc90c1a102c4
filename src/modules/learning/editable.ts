// What editors may change of the learning content (modules/editorial asks through learning's face): the
// modules' titles and summaries and the lessons' texts, in English or as translations (knowledge keeps
// the translations; `editableKind` reads and writes them).
import { type EditableKind, editableKind, lineField, markdownField } from '../knowledge/index.ts';
import * as q from './learning.queries.ts';

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
} satisfies Record<string, EditableKind>;
