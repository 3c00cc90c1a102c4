// The knowledge base's editable content: what modules/editorial may change and how. For each kind (norms and
// their implementation actions, pillars, CBMs, frameworks and their elements, actors, forums, sectors,
// glossary terms, timeline events) the fields an editor writes, the records in the editors' order, one
// record's fields in a language, and saving them inside the editor's transaction. English edits change the
// record; other languages live in the translations table, where a blank field removes the translation (the
// page falls back to English). A norm's official text in another language is entered only with its source,
// the UN document it is quoted from. Other modules describe their own kinds with `editableKind()` (learning's
// modules, lessons and self-checks). Revisions, their rules and the audit are editorial's.
import type { Queryable } from '../../db/client.ts';
import { type FieldProblem, fieldProblem } from '../../platform/errors.ts';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import type { Locale } from '../../platform/i18n/locales.ts';
import * as q from './editable.queries.ts';

export interface EditableField {
  name: string;
  /** Rendered as Markdown (otherwise plain text on a single line). */
  markdown: boolean;
  max: number;
  /** What an editor must know beside the field (which answer is the correct one, what may be entered). */
  note?: MessageKey;
}

/** Field name → text. */
export type EditableFields = Record<string, string>;

/**
 * One record as an editor opens it in a language: the fields it has there (`spec`: a self-check has one pair
 * per answer, a norm's official text exists only in other languages), their text in the language ('' where
 * untranslated), the English beside them, and the record's page.
 */
export interface EditableRecord {
  spec: readonly EditableField[];
  fields: EditableFields;
  english: EditableFields;
  url: string;
}

/** A kind of content an editor may change, as its owning module describes it. */
export interface EditableKind {
  /** Fields that exist only in languages other than English (an English value is refused by name). */
  translationOnly: readonly string[];
  /** Every record, in the order of the editors' index: its id and the name it goes by. */
  list(db: Queryable): Promise<{ id: string; label: string }[]>;
  /** One record in a language, or undefined when there is no such record. */
  read(db: Queryable, id: string, lang: Locale): Promise<EditableRecord | undefined>;
  /** Refusals about several fields together (each field alone is checked by editorial against its spec). */
  check(fields: EditableFields, lang: Locale): FieldProblem[];
  /** Saves the (checked) fields in a language; run inside the caller's transaction. */
  save(tx: Queryable, id: string, lang: Locale, fields: EditableFields, now: Date): Promise<void>;
}

// Function declarations, not arrow constants: learning describes its kinds with these when its module is first
// evaluated, which may be while this module waits on learning's face (knowledge reads lessons for search).

/** A single line of plain text. */
export function lineField(name: string, max = 300, note?: MessageKey): EditableField {
  return { name, markdown: false, max, ...(note && { note }) };
}
/** Markdown. */
export function markdownField(name: string, max = 20_000): EditableField {
  return { name, markdown: true, max };
}

/**
 * A kind from its owner's statements: `original` reads the English fields (and whatever the page address and
 * the fields need), `update` writes them, `touch` (when the record or its page keeps a time of change) marks a
 * translation saved. `fields` may depend on the record (a self-check's answers); `translationOnly` fields
 * exist only in other languages, their English shown beside them taken from the same row.
 */
export function editableKind<R extends Record<string, unknown>>(spec: {
  /** The entity name in the translations table. */
  entity: string;
  fields: readonly EditableField[] | ((row: R) => readonly EditableField[]);
  translationOnly?: readonly EditableField[];
  check?: (fields: EditableFields, lang: Locale) => FieldProblem[];
  list: (db: Queryable) => Promise<{ id: string; label: string }[]>;
  original: (db: Queryable, id: string) => Promise<R | undefined>;
  update: (tx: Queryable, id: string, fields: EditableFields, at: string) => Promise<unknown>;
  touch?: (tx: Queryable, id: string, at: string) => Promise<unknown>;
  url: (id: string, row: R) => string;
}): EditableKind {
  const specOf = (row: R, lang: Locale): readonly EditableField[] => {
    const fields = typeof spec.fields === 'function' ? spec.fields(row) : spec.fields;
    return lang === 'en' ? fields : [...fields, ...(spec.translationOnly ?? [])];
  };
  return {
    translationOnly: (spec.translationOnly ?? []).map((f) => f.name),
    list: spec.list,
    check: (fields, lang) => spec.check?.(fields, lang) ?? [],
    async read(db, id, lang) {
      const row = await spec.original(db, id);
      if (!row) return undefined;
      const fields = specOf(row, lang);
      const english = Object.fromEntries(fields.map((f) => [f.name, String(row[f.name] ?? '')]));
      const url = spec.url(id, row);
      if (lang === 'en') return { spec: fields, fields: english, english, url };
      const t = new Map((await q.translatedFields(db, spec.entity, id, lang)).map((r) => [r.field, r.value]));
      return { spec: fields, fields: Object.fromEntries(fields.map((f) => [f.name, t.get(f.name) ?? ''])), english, url };
    },
    async save(tx, id, lang, fields, now) {
      const at = now.toISOString();
      if (lang === 'en') {
        await spec.update(tx, id, fields, at);
        return;
      }
      const row = await spec.original(tx, id);
      if (!row) return;
      for (const f of specOf(row, lang)) {
        const value = fields[f.name] ?? '';
        if (value === '') await q.deleteTranslation(tx, spec.entity, id, f.name, lang);
        else await q.upsertTranslation(tx, spec.entity, id, f.name, lang, value);
      }
      await spec.touch?.(tx, id, at);
    },
  };
}

// A norm's official text in another language: only the UN's own, with where it comes from.

/** A UN document symbol somewhere in the text: A/70/174, A/RES/73/27, S/RES/2341 (2017), A/AC.290/2021/CRP.2… */
const UN_SYMBOL = /(?:^|[^A-Za-z0-9/])[A-Z]{1,6}\/(?:[A-Z0-9.]+\/)*[A-Z0-9.]*\d/;

/** Whether the source names a UN document (its symbol) or links to the UN's own version of it. */
export function isUnSource(source: string): boolean {
  if (!/^https?:\/\//i.test(source)) return UN_SYMBOL.test(source);
  try {
    const host = new URL(source).hostname.toLowerCase();
    return !/\s/.test(source) && (host === 'un.org' || host.endsWith('.un.org') || host === 'undocs.org');
  } catch {
    return false;
  }
}

/** The official text and its source go together, and the source is a UN document. */
function officialTextCheck(fields: EditableFields, lang: Locale): FieldProblem[] {
  if (lang === 'en') return [];
  const text = fields.official_text ?? '';
  const source = fields.official_source ?? '';
  if (text && !source) return [fieldProblem('fields.official_source', 'officialPair', { other: 'official_text' })];
  if (source && !text) return [fieldProblem('fields.official_text', 'officialPair', { other: 'official_source' })];
  if (source && !isUnSource(source)) return [fieldProblem('fields.official_source', 'officialSource')];
  return [];
}

const NORM_FIELDS = [lineField('title'), lineField('summary', 600), markdownField('about'), markdownField('relevance')];

/** The knowledge base's editable kinds, in the order of the editors' index. */
export const knowledgeEditableKinds = {
  norm: editableKind({
    entity: 'norm',
    fields: NORM_FIELDS,
    // The English official text is the adopted quotation: not editable; beside a translation it is shown.
    translationOnly: [
      lineField('official_text', 4000, 'edit.officialOnly'),
      lineField('official_source', 300, 'edit.officialSource'),
    ],
    check: officialTextCheck,
    list: q.editableNorms,
    original: q.normFields,
    update: q.updateNormFields,
    touch: q.touchNorm,
    url: (id) => `/norms/${id}`,
  }),
  norm_action: editableKind({
    entity: 'norm_action',
    fields: [lineField('title'), lineField('description', 1000)],
    list: q.editableNormActions,
    original: q.normActionFields,
    update: async (tx, id, f, at) => {
      await q.updateNormActionFields(tx, id, f);
      await q.touchNormOfAction(tx, id, at);
    },
    touch: q.touchNormOfAction,
    url: (id, row) => `/norms/${row.norm_letter}#action-${id}`,
  }),
  norm_actor: editableKind({
    entity: 'norm_actor',
    fields: [lineField('role', 1000)],
    list: q.editableNormActors,
    original: q.normActorFields,
    update: async (tx, id, f, at) => {
      await q.updateNormActorFields(tx, id, f);
      await q.touchNormOfRelation(tx, id, at);
    },
    touch: q.touchNormOfRelation,
    url: (_id, row) => `/norms/${row.norm_letter}#actors`,
  }),
  norm_forum: editableKind({
    entity: 'norm_forum',
    fields: [lineField('note', 1000)],
    list: q.editableNormForums,
    original: q.normForumFields,
    update: async (tx, id, f, at) => {
      await q.updateNormForumFields(tx, id, f);
      await q.touchNormOfRelation(tx, id, at);
    },
    touch: q.touchNormOfRelation,
    url: (_id, row) => `/norms/${row.norm_letter}#forums`,
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
    fields: [lineField('title'), markdownField('description'), lineField('adopted', 600)],
    list: q.editableCbms,
    original: q.cbmFields,
    update: q.updateCbmFields,
    url: (id) => `/cbms#${id}`,
  }),
  framework: editableKind({
    entity: 'framework',
    fields: [lineField('name'), lineField('description', 1000), lineField('adopted', 200)],
    list: q.editableFrameworks,
    original: q.frameworkFields,
    update: q.updateFrameworkFields,
    url: (id) => `/frameworks#${id}`,
  }),
  framework_element: editableKind({
    entity: 'framework_element',
    fields: [lineField('title'), lineField('description', 1000)],
    list: q.editableFrameworkElements,
    original: q.frameworkElementFields,
    update: q.updateFrameworkElementFields,
    url: (id) => `/frameworks#${id}`,
  }),
  actor: editableKind({
    entity: 'actor',
    fields: [lineField('name'), lineField('description', 1000)],
    list: q.editableActors,
    original: q.actorFields,
    update: q.updateActorFields,
    url: (id) => `/actors#${id}`,
  }),
  forum: editableKind({
    entity: 'forum',
    fields: [lineField('name'), lineField('description', 1000)],
    list: q.editableForums,
    original: q.forumFields,
    update: q.updateForumFields,
    url: (id) => `/forums#${id}`,
  }),
  sector: editableKind({
    entity: 'sector',
    fields: [lineField('name'), lineField('description', 1000), lineField('sources', 600)],
    list: q.editableSectors,
    original: q.sectorFields,
    update: q.updateSectorFields,
    url: (id) => `/sectors#${id}`,
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
