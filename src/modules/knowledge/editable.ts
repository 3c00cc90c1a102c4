// The knowledge base's editable content: what modules/editorial may change and how. For each kind (norms,
// pillars, CBMs, glossary terms, timeline events) the fields an editor writes, the records in the editors'
// order, one record's fields in a language, and saving them inside the editor's transaction. English edits
// change the record; other languages live in the translations table, where a blank field removes the
// translation (the page falls back to English). Other modules describe their own kinds with
// `editableKind()` (learning's modules and lessons). Revisions, their rules and the audit are editorial's.
import type { Queryable } from '../../db/client.ts';
import type { Locale } from '../../platform/i18n/locales.ts';
import * as q from './editable.queries.ts';

export interface EditableField {
  name: string;
  /** Rendered as Markdown (otherwise a single line of plain text). */
  markdown: boolean;
  max: number;
}

/** Field name → text. */
export type EditableFields = Record<string, string>;

/** One record as an editor opens it: its fields in the language ('' where untranslated), the English, its page. */
export interface EditableRecord {
  fields: EditableFields;
  english: EditableFields;
  url: string;
}

/** A kind of content an editor may change, as its owning module describes it. */
export interface EditableKind {
  fields: readonly EditableField[];
  /** Every record, in the order of the editors' index: its id and the name it goes by. */
  list(db: Queryable): Promise<{ id: string; label: string }[]>;
  /** One record in a language, or undefined when there is no such record. */
  read(db: Queryable, id: string, lang: Locale): Promise<EditableRecord | undefined>;
  /** Saves the (checked) fields in a language; run inside the caller's transaction. */
  save(tx: Queryable, id: string, lang: Locale, fields: EditableFields, now: Date): Promise<void>;
}

// Function declarations, not arrow constants: learning describes its kinds with these when its module is first
// evaluated, which may be while this module waits on learning's face (knowledge reads lessons for search).

/** A single line of plain text. */
export function lineField(name: string, max = 300): EditableField {
  return { name, markdown: false, max };
}
/** Markdown. */
export function markdownField(name: string, max = 20_000): EditableField {
  return { name, markdown: true, max };
}

/**
 * A kind from its owner's statements: `original` reads the English fields (and whatever the page address
 * needs), `update` writes them, `touch` (when the record keeps a time of change) marks a translation saved.
 */
export function editableKind<R extends Record<string, unknown>>(spec: {
  /** The entity name in the translations table. */
  entity: string;
  fields: readonly EditableField[];
  list: (db: Queryable) => Promise<{ id: string; label: string }[]>;
  original: (db: Queryable, id: string) => Promise<R | undefined>;
  update: (tx: Queryable, id: string, fields: EditableFields, at: string) => Promise<unknown>;
  touch?: (tx: Queryable, id: string, at: string) => Promise<unknown>;
  url: (id: string, row: R) => string;
}): EditableKind {
  return {
    fields: spec.fields,
    list: spec.list,
    async read(db, id, lang) {
      const row = await spec.original(db, id);
      if (!row) return undefined;
      const english = Object.fromEntries(spec.fields.map((f) => [f.name, String(row[f.name] ?? '')]));
      const url = spec.url(id, row);
      if (lang === 'en') return { fields: english, english, url };
      const t = new Map((await q.translatedFields(db, spec.entity, id, lang)).map((r) => [r.field, r.value]));
      return { fields: Object.fromEntries(spec.fields.map((f) => [f.name, t.get(f.name) ?? ''])), english, url };
    },
    async save(tx, id, lang, fields, now) {
      const at = now.toISOString();
      if (lang === 'en') {
        await spec.update(tx, id, fields, at);
        return;
      }
      for (const f of spec.fields) {
        if (fields[f.name] === '') await q.deleteTranslation(tx, spec.entity, id, f.name, lang);
        else await q.upsertTranslation(tx, spec.entity, id, f.name, lang, fields[f.name]);
      }
      await spec.touch?.(tx, id, at);
    },
  };
}

/** The knowledge base's editable kinds, in the order of the editors' index. */
export const knowledgeEditableKinds = {
  norm: editableKind({
    entity: 'norm',
    fields: [lineField('title'), lineField('summary', 600), markdownField('about'), markdownField('relevance')],
    list: q.editableNorms,
    original: q.normFields,
    update: q.updateNormFields,
    touch: q.touchNorm,
    url: (id) => `/norms/${id}`,
  }),
  pillar: editableKind({
    entity: 'pillar',
    fields: [lineField('title'), lineField('summary', 600), markdownField('body')],
    list: q.editablePillars,
    original: q.pillarFields,
    update: q.updatePillarFields,
    url: (id) => `/pillars#${id}`,
  }),
  cbm: editableKind({
    entity: 'cbm',
    fields: [lineField('title'), markdownField('description')],
    list: q.editableCbms,
    original: q.cbmFields,
    update: q.updateCbmFields,
    url: (id) => `/cbms#${id}`,
  }),
  glossary: editableKind({
    entity: 'glossary',
    fields: [lineField('term'), markdownField('definition')],
    list: q.editableGlossary,
    original: q.glossaryFields,
    update: q.updateGlossaryFields,
    url: (id) => `/glossary#${id}`,
  }),
  timeline: editableKind({
    entity: 'timeline',
    fields: [lineField('date_label', 100), lineField('title'), markdownField('description')],
    list: q.editableTimeline,
    original: q.timelineFields,
    update: q.updateTimelineFields,
    url: (id) => `/timeline#${id}`,
  }),
} satisfies Record<string, EditableKind>;
