// What editors may edit: the kinds of content their owners publish as editable (knowledge's norms and their
// implementation actions, pillars, CBMs, frameworks and their elements, actors, forums, sectors, glossary and
// timeline; learning's modules, lessons and self-checks), the languages, and the shape of a revision.
// The owners read and write their own tables; editorial keeps the revisions (editorial.queries.ts).
import { defineRules } from '../../platform/access.ts';
import { errors, fieldProblem } from '../../platform/errors.ts';
import { LOCALES, type Locale } from '../../platform/i18n/locales.ts';
import { type EditableField, type EditableKind, knowledgeEditableKinds } from '../knowledge/index.ts';
import { learningEditableKinds } from '../learning/index.ts';
import type { Fields, RevisionRow } from './editorial.queries.ts';

export type { Fields } from './editorial.queries.ts';
export type FieldSpec = EditableField;

export const editorialActions = defineRules({
  'content.edit': { platform: ['editor'], write: true },
  'content.read': { platform: ['editor'] },
});

/** Every editable kind, in the order of the editors' index. */
export const KINDS: Record<string, EditableKind> = { ...knowledgeEditableKinds, ...learningEditableKinds };

export interface Revision {
  number: number;
  fields: Fields;
  note: string;
  author: string | null;
  restoredFrom: number | null;
  createdAt: string;
}

/** The kind's owner face, or a 404. */
export function kindOf(kind: string): EditableKind {
  if (!Object.hasOwn(KINDS, kind)) throw errors.notFound(`The content kind ${kind}`);
  return KINDS[kind];
}

/** The language asked for (English when none), or a refusal. */
export function langOf(lang: unknown): Locale {
  const l = lang === undefined || lang === '' ? 'en' : String(lang);
  if (!(LOCALES as readonly string[]).includes(l))
    throw errors.badInput([fieldProblem('lang', 'choice', { options: LOCALES.join(', ') })]);
  return l as Locale;
}

export const toRevision = (r: RevisionRow): Revision => ({
  number: r.number,
  fields: r.fields,
  note: r.note,
  author: r.author,
  restoredFrom: r.restored_from,
  createdAt: new Date(r.created_at).toISOString(),
});
