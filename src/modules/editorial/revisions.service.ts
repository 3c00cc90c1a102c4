// Saving edited content as revisions: checking the fields and the change note, guarding against
// overwriting a colleague's save, recording the edition before the first edit, writing the fields through
// the content's owner (inside the same transaction), keeping the search index current (in every language), and
// auditing every save and restore.
import type { Db, Queryable } from '../../db/client.ts';
import { type Actor, authorize } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { AppError, errors, type FieldProblem, fieldProblem } from '../../platform/errors.ts';
import { LOCALES, type Locale } from '../../platform/i18n/locales.ts';
import type { Clock, Origin } from '../../platform/kernel.ts';
import { type EditableKind, KNOWLEDGE_DOCUMENT_KINDS, searchableDocuments } from '../knowledge/index.ts';
import { LEARNING_DOCUMENT_KINDS, learningSearchDocuments } from '../learning/index.ts';
import { replaceDocuments } from '../search/index.ts';
import { editorialActions, type FieldSpec, type Fields, kindOf, langOf } from './editorial.kinds.ts';
import * as q from './editorial.queries.ts';

/** The longest change note. */
export const MAX_NOTE = 300;

/**
 * The fields as the editor sent them, trimmed, against the fields the item has in the language (`spec`);
 * refused field by field: a field the item does not have, one too long, a line with a line break, a blank
 * English field, and what the owner refuses of several fields together (a norm's official text without its
 * source).
 */
export function checkFields(kind: EditableKind, spec: readonly FieldSpec[], lang: Locale, input: unknown): Fields {
  const raw = (input && typeof input === 'object' && !Array.isArray(input) ? input : {}) as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  const fields: Fields = {};
  for (const name of Object.keys(raw)) {
    if (spec.some((f) => f.name === name)) continue;
    problems.push(
      lang === 'en' && kind.translationOnly.includes(name)
        ? fieldProblem(`fields.${name}`, 'translationOnly')
        : fieldProblem(`fields.${name}`, 'unknown', { values: name }),
    );
  }
  for (const f of spec) {
    const v = raw[f.name];
    const value = typeof v === 'string' ? v.replace(/\r\n/g, '\n').trim() : v === undefined ? '' : null;
    const field = `fields.${f.name}`;
    if (value === null) problems.push(fieldProblem(field, 'text'));
    else if (value.length > f.max) problems.push(fieldProblem(field, 'tooLong', { n: f.max }));
    else if (!f.markdown && value.includes('\n')) problems.push(fieldProblem(field, 'oneLine'));
    // English is the original every language falls back to, so it cannot be blank; a blank translation means "use English".
    else if (lang === 'en' && value === '') problems.push(fieldProblem(field, 'required'));
    else fields[f.name] = value;
  }
  if (!problems.length) problems.push(...kind.check(fields, lang));
  if (problems.length) throw errors.badInput(problems);
  return fields;
}

/** The change note, or the fallback when none is given (a restore); refused when too long or missing. */
export function noteOf(value: unknown, fallback?: string): string {
  const note = typeof value === 'string' ? value.trim() : '';
  if (note.length > MAX_NOTE) throw errors.badInput([fieldProblem('note', 'tooLong', { n: MAX_NOTE })]);
  if (!note && !fallback) throw errors.badInput([fieldProblem('note', 'changeNote')]);
  return note || (fallback as string);
}

export interface SavingDeps {
  db: Db;
  clock: Clock;
  onChange: (kind: string, id: string) => void;
}

/** The item's record through its owner, or a 404. */
export async function recordOrFail(db: Queryable, kind: string, id: string, lang: Locale) {
  const record = await kindOf(kind).read(db, id, lang);
  if (!record) throw errors.notFound(`The ${kind} ${id}`);
  return record;
}

/** The revision with this number, or a refusal naming the field it came from. */
export async function revisionOrFail(db: Db, kind: string, id: string, lang: Locale, n: unknown, field: string) {
  const number = Number(n);
  const r = (await q.revisionsOf(db, kind, id, lang)).find((x) => x.number === number);
  if (!r) throw errors.badInput([fieldProblem(field, 'notRevision')]);
  return r;
}

export function createSaving(deps: SavingDeps) {
  const { db, clock } = deps;

  /** Saves a new revision; `base` (the revision the editor started from) guards against overwriting a colleague's save. */
  async function saveRevision(
    actor: Actor,
    kind: string,
    id: string,
    lang: Locale,
    fields: Fields,
    note: string,
    base: number | null,
    restoredFrom: number | null,
    origin: Origin,
  ) {
    const now = clock();
    const at = now.toISOString();
    const owner = kindOf(kind);
    const result = await db.transaction(async (tx) => {
      // One save per item at a time: the first save also records the edition that was there before it.
      await q.lockItem(tx, kind, id, lang);
      const before = await recordOrFail(tx, kind, id, lang);
      let number = await q.latestRevisionNumber(tx, kind, id, lang);
      if (base !== null && base !== number)
        throw new AppError(
          'CONFLICT',
          409,
          `Someone saved revision ${number} after you opened revision ${base}; reload and apply your change again.`,
        );
      if (before.spec.every((f) => before.fields[f.name] === fields[f.name]))
        throw errors.badInput([fieldProblem('fields', 'unchanged')]);
      if (number === 0) {
        number = 1;
        const first = 'The edition before the first edit';
        await q.insertRevision(tx, {
          kind,
          id,
          lang,
          number,
          fields: before.fields,
          note: first,
          authorId: null,
          restoredFrom: null,
          at,
        });
      }
      number++;
      await owner.save(tx, id, lang, fields, now);
      // The index holds every language. A translation changes its own language's documents; an English change
      // also those of each language where a changed field is not translated (they show the English).
      const indexed: Locale[] = [lang];
      const changedNames = Object.keys(fields).filter((name) => before.fields[name] !== fields[name]);
      if (lang === 'en')
        for (const other of LOCALES.filter((l) => l !== 'en')) {
          const translated = (await recordOrFail(tx, kind, id, other)).fields;
          if (changedNames.some((name) => !translated[name])) indexed.push(other);
        }
      await replaceDocuments(
        tx,
        [...KNOWLEDGE_DOCUMENT_KINDS, ...LEARNING_DOCUMENT_KINDS],
        [...(await searchableDocuments(tx, indexed)), ...(await learningSearchDocuments(tx, indexed))],
        indexed,
      );
      await q.insertRevision(tx, { kind, id, lang, number, fields, note, authorId: actor.userId, restoredFrom, at });
      const changed = before.spec.filter((f) => before.fields[f.name] !== fields[f.name]).map((f) => f.name);
      await recordAudit(
        tx,
        {
          actor: `user:${actor.userId}`,
          origin: origin.ip,
          action: restoredFrom ? 'content.restore' : 'content.edit',
          entity: kind,
          entityId: id,
          details: { lang, revision: number, changed, note, ...(restoredFrom ? { restoredFrom } : {}) },
        },
        now,
      );
      return { kind, id, lang, revision: number, restoredFrom, changed, url: before.url };
    });
    deps.onChange(kind, id);
    return result;
  }

  /** An editor saves the item's fields in one language, with a change note. */
  async function save(actor: Actor, kind: string, id: string, input: unknown, origin: Origin) {
    authorize(actor, editorialActions['content.edit']);
    const raw = (input ?? {}) as { lang?: unknown; fields?: unknown; note?: unknown; baseRevision?: unknown };
    const lang = langOf(raw.lang);
    const record = await recordOrFail(db, kind, id, lang);
    const fields = checkFields(kindOf(kind), record.spec, lang, raw.fields);
    const note = noteOf(raw.note);
    const base = raw.baseRevision === undefined || raw.baseRevision === '' ? null : Number(raw.baseRevision);
    if (base !== null && !Number.isInteger(base)) throw errors.badInput([fieldProblem('baseRevision', 'revisionNumber')]);
    return saveRevision(actor, kind, id, lang, fields, note, base, null, origin);
  }

  /** Brings back an earlier revision's fields as a new revision. */
  async function restore(actor: Actor, kind: string, id: string, input: unknown, origin: Origin) {
    authorize(actor, editorialActions['content.edit']);
    const raw = (input ?? {}) as { lang?: unknown; revision?: unknown; note?: unknown };
    const lang = langOf(raw.lang);
    const record = await recordOrFail(db, kind, id, lang);
    const r = await revisionOrFail(db, kind, id, lang, raw.revision, 'revision');
    const note = noteOf(raw.note, `Restored revision ${r.number}`);
    // A field the item gained after that revision was saved (a CBM's date of adoption) keeps its current text.
    const old = Object.fromEntries(record.spec.map((f) => [f.name, r.fields[f.name] ?? record.fields[f.name]]));
    const fields = checkFields(kindOf(kind), record.spec, lang, old);
    return saveRevision(actor, kind, id, lang, fields, note, null, r.number, origin);
  }

  return { save, restore };
}
