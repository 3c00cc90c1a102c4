// Editing the knowledge content in the browser: every editable item (norms, pillars, CBMs, glossary,
// timeline, learning modules and lessons), in English or any of the five other UN languages, in
// Markdown. Each save is a revision (who, when, a change note, every field), so any two revisions can be
// compared field by field and an earlier one restored (restoring is itself a new revision). English edits
// change the record; other languages live in the translations table. Every save and restore is audited.
import { diffWordsWithSpace } from 'diff';
import type { Db, Queryable } from '../../db/client.ts';
import { type Actor, authorize, defineRules } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { AppError, errors } from '../../platform/errors.ts';
import { LOCALES, type Locale } from '../../platform/i18n/locales.ts';
import type { Clock, Origin } from '../../platform/kernel.ts';
import { KNOWLEDGE_DOCUMENT_KINDS, searchableDocuments } from '../knowledge/index.ts';
import { replaceDocuments } from '../search/index.ts';

export const editorialActions = defineRules({
  'content.edit': { platform: ['editor'], write: true },
  'content.read': { platform: ['editor'] },
});

export interface FieldSpec {
  name: string;
  /** Rendered as Markdown (otherwise a single line of plain text). */
  markdown: boolean;
  max: number;
}

interface KindSpec {
  table: string;
  key: string;
  /** The name of the record in lists. */
  label: string;
  order: string;
  fields: FieldSpec[];
  /** The entity name in the translations table. */
  entity: string;
  url: (id: string, row: Record<string, string>) => string;
  /** Set when the table has an updated_at column. */
  touches?: boolean;
}

const line = (name: string, max = 300): FieldSpec => ({ name, markdown: false, max });
const text = (name: string, max = 20_000): FieldSpec => ({ name, markdown: true, max });

export const KINDS: Record<string, KindSpec> = {
  norm: {
    table: 'norms',
    key: 'letter',
    label: "'(' || letter || ') ' || title",
    order: 'letter',
    fields: [line('title'), line('summary', 600), text('about'), text('relevance')],
    entity: 'norm',
    url: (id) => `/norms/${id}`,
    touches: true,
  },
  pillar: {
    table: 'pillars',
    key: 'slug',
    label: 'title',
    order: 'position',
    fields: [line('title'), line('summary', 600), text('body')],
    entity: 'pillar',
    url: (id) => `/pillars#${id}`,
  },
  cbm: {
    table: 'cbms',
    key: 'id',
    label: "upper(source) || ' ' || number || ': ' || title",
    order: 'source, number',
    fields: [line('title'), text('description')],
    entity: 'cbm',
    url: (id) => `/cbms#${id}`,
  },
  glossary: {
    table: 'glossary_terms',
    key: 'slug',
    label: 'term',
    order: 'term',
    fields: [line('term'), text('definition')],
    entity: 'glossary',
    url: (id) => `/glossary#${id}`,
  },
  timeline: {
    table: 'timeline_events',
    key: 'id',
    label: "date_label || ': ' || title",
    order: 'sort_date',
    fields: [line('date_label', 100), line('title'), text('description')],
    entity: 'timeline',
    url: (id) => `/timeline#${id}`,
  },
  module: {
    table: 'learning_modules',
    key: 'slug',
    label: 'title',
    order: 'position',
    fields: [line('title'), line('summary', 1000)],
    entity: 'module',
    url: (id) => `/learn/${id}`,
  },
  lesson: {
    table: 'lessons',
    key: 'slug',
    label: 'title',
    order: 'module_slug, position',
    fields: [line('title'), text('questions', 4000), text('body'), text('reflection', 4000), text('engage', 4000)],
    entity: 'lesson',
    url: (id, row) => `/learn/${row.module_slug}/${id}`,
    touches: true,
  },
};

export type Fields = Record<string, string>;

export interface Revision {
  number: number;
  fields: Fields;
  note: string;
  author: string | null;
  restoredFrom: number | null;
  createdAt: string;
}

export function isKind(kind: string): boolean {
  return Object.hasOwn(KINDS, kind);
}

export function createEditorialService(deps: { db: Db; clock: Clock; onChange: (kind: string, id: string) => void }) {
  const { db, clock } = deps;

  function specOf(kind: string): KindSpec {
    if (!isKind(kind)) throw errors.notFound(`The content kind ${kind}`);
    return KINDS[kind];
  }
  function langOf(lang: unknown): Locale {
    const l = lang === undefined || lang === '' ? 'en' : String(lang);
    if (!(LOCALES as readonly string[]).includes(l))
      throw errors.badInput([{ field: 'lang', reason: `must be one of ${LOCALES.join(', ')}` }]);
    return l as Locale;
  }

  /** The record's English fields (and its page), or a 404. */
  async function original(q: Queryable, kind: string, id: string) {
    const spec = specOf(kind);
    const cols = spec.fields.map((f) => f.name).join(', ');
    const extra = kind === 'lesson' ? ', module_slug' : '';
    const [row] = await q.query<Record<string, string>>(
      `select ${cols}${extra} from ${spec.table} where ${spec.key}::text = $1`,
      [id],
    );
    if (!row) throw errors.notFound(`The ${kind} ${id}`);
    return { spec, row, url: spec.url(id, row) };
  }

  async function current(
    q: Queryable,
    kind: string,
    id: string,
    lang: Locale,
  ): Promise<{ fields: Fields; english: Fields; url: string }> {
    const { spec, row, url } = await original(q, kind, id);
    const english = Object.fromEntries(spec.fields.map((f) => [f.name, String(row[f.name] ?? '')]));
    if (lang === 'en') return { fields: english, english, url };
    const rows = await q.query<{ field: string; value: string }>(
      'select field, value from translations where entity = $1 and entity_id = $2 and lang = $3',
      [spec.entity, id, lang],
    );
    const t = new Map(rows.map((r) => [r.field, r.value]));
    return { fields: Object.fromEntries(spec.fields.map((f) => [f.name, t.get(f.name) ?? ''])), english, url };
  }

  async function revisionRows(q: Queryable, kind: string, id: string, lang: Locale) {
    return q.query<{
      number: number;
      fields: Fields;
      note: string;
      author: string | null;
      restored_from: number | null;
      created_at: Date;
    }>(
      `select r.number, r.fields, r.note, u.display_name as author, r.restored_from, r.created_at
       from content_revisions r left join users u on u.id = r.author_id
       where r.kind = $1 and r.entity_id = $2 and r.lang = $3 order by r.number desc`,
      [kind, id, lang],
    );
  }
  const toRevision = (r: Awaited<ReturnType<typeof revisionRows>>[number]): Revision => ({
    number: r.number,
    fields: r.fields,
    note: r.note,
    author: r.author,
    restoredFrom: r.restored_from,
    createdAt: new Date(r.created_at).toISOString(),
  });

  /** Every editable item of every kind, for the editors' index. */
  async function index(actor: Actor) {
    authorize(actor, editorialActions['content.read']);
    const out: { kind: string; items: { id: string; label: string; revisions: number }[] }[] = [];
    for (const [kind, spec] of Object.entries(KINDS)) {
      const items = await db.query<{ id: string; label: string; revisions: number }>(
        `select t.${spec.key}::text as id, ${spec.label} as label,
                (select count(*)::int from content_revisions r where r.kind = $1 and r.entity_id = t.${spec.key}::text) as revisions
         from ${spec.table} t order by ${spec.order}`,
        [kind],
      );
      out.push({ kind, items });
    }
    return out;
  }

  /** The item as an editor opens it: fields in the language, the English original beside them, the latest revision number. */
  async function get(actor: Actor, kind: string, id: string, langInput?: unknown) {
    authorize(actor, editorialActions['content.read']);
    const lang = langOf(langInput);
    const { fields, english, url } = await current(db, kind, id, lang);
    const [latest] = await revisionRows(db, kind, id, lang);
    return { kind, id, lang, url, fields, english, spec: specOf(kind).fields, revision: latest?.number ?? 0 };
  }

  function validate(spec: KindSpec, lang: Locale, input: unknown): Fields {
    const raw = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
    const problems: { field: string; reason: string }[] = [];
    const fields: Fields = {};
    for (const f of spec.fields) {
      const v = raw[f.name];
      const value = typeof v === 'string' ? v.replace(/\r\n/g, '\n').trim() : v === undefined ? '' : null;
      if (value === null) problems.push({ field: `fields.${f.name}`, reason: 'must be text' });
      else if (value.length > f.max) problems.push({ field: `fields.${f.name}`, reason: `is longer than ${f.max} characters` });
      else if (!f.markdown && value.includes('\n')) problems.push({ field: `fields.${f.name}`, reason: 'must be one line' });
      // English is the original every language falls back to, so it cannot be blank; a blank translation means "use English".
      else if (lang === 'en' && value === '') problems.push({ field: `fields.${f.name}`, reason: 'is required' });
      else fields[f.name] = value;
    }
    if (problems.length) throw errors.badInput(problems);
    return fields;
  }

  async function write(tx: Queryable, kind: string, id: string, lang: Locale, fields: Fields, now: Date) {
    const spec = specOf(kind);
    if (lang === 'en') {
      const sets = spec.fields.map((f, i) => `${f.name} = $${i + 2}`);
      if (spec.touches) sets.push(`updated_at = $${spec.fields.length + 2}`);
      await tx.query(`update ${spec.table} set ${sets.join(', ')} where ${spec.key}::text = $1`, [
        id,
        ...spec.fields.map((f) => fields[f.name]),
        ...(spec.touches ? [now.toISOString()] : []),
      ]);
      await replaceDocuments(tx, KNOWLEDGE_DOCUMENT_KINDS, await searchableDocuments(tx));
      return;
    }
    for (const f of spec.fields) {
      if (fields[f.name] === '')
        await tx.query('delete from translations where entity = $1 and entity_id = $2 and field = $3 and lang = $4', [
          spec.entity,
          id,
          f.name,
          lang,
        ]);
      else
        await tx.query(
          `insert into translations (entity, entity_id, field, lang, value) values ($1, $2, $3, $4, $5)
           on conflict (entity, entity_id, field, lang) do update set value = excluded.value`,
          [spec.entity, id, f.name, lang, fields[f.name]],
        );
    }
    if (spec.touches)
      await tx.query(`update ${spec.table} set updated_at = $2 where ${spec.key}::text = $1`, [id, now.toISOString()]);
  }

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
    const result = await db.transaction(async (tx) => {
      // One save per item at a time: the first save also records the edition that was there before it.
      await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`content:${kind}:${id}:${lang}`]);
      const before = await current(tx, kind, id, lang);
      const [latest] = await tx.query<{ number: number }>(
        'select number from content_revisions where kind = $1 and entity_id = $2 and lang = $3 order by number desc limit 1',
        [kind, id, lang],
      );
      let number = latest?.number ?? 0;
      if (base !== null && base !== number)
        throw new AppError(
          'CONFLICT',
          409,
          `Someone saved revision ${number} after you opened revision ${base}; reload and apply your change again.`,
        );
      if (specOf(kind).fields.every((f) => before.fields[f.name] === fields[f.name]))
        throw errors.badInput([{ field: 'fields', reason: 'nothing changed' }]);
      if (number === 0) {
        number = 1;
        await tx.query(
          `insert into content_revisions (kind, entity_id, lang, number, fields, note, author_id, created_at) values ($1, $2, $3, 1, $4, $5, null, $6)`,
          [kind, id, lang, JSON.stringify(before.fields), 'The edition before the first edit', now.toISOString()],
        );
      }
      number++;
      await write(tx, kind, id, lang, fields, now);
      await tx.query(
        `insert into content_revisions (kind, entity_id, lang, number, fields, note, author_id, restored_from, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [kind, id, lang, number, JSON.stringify(fields), note, actor.userId, restoredFrom, now.toISOString()],
      );
      const changed = specOf(kind)
        .fields.filter((f) => before.fields[f.name] !== fields[f.name])
        .map((f) => f.name);
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

  function noteOf(value: unknown, fallback?: string): string {
    const note = typeof value === 'string' ? value.trim() : '';
    if (note.length > 300) throw errors.badInput([{ field: 'note', reason: 'is longer than 300 characters' }]);
    if (!note && !fallback) throw errors.badInput([{ field: 'note', reason: 'is required: say what you changed and why' }]);
    return note || (fallback as string);
  }

  /** An editor saves the item's fields in one language, with a change note. */
  async function save(actor: Actor, kind: string, id: string, input: unknown, origin: Origin) {
    authorize(actor, editorialActions['content.edit']);
    const raw = (input ?? {}) as { lang?: unknown; fields?: unknown; note?: unknown; baseRevision?: unknown };
    const lang = langOf(raw.lang);
    await original(db, kind, id);
    const fields = validate(specOf(kind), lang, raw.fields);
    const note = noteOf(raw.note);
    const base = raw.baseRevision === undefined || raw.baseRevision === '' ? null : Number(raw.baseRevision);
    if (base !== null && !Number.isInteger(base))
      throw errors.badInput([{ field: 'baseRevision', reason: 'must be a revision number' }]);
    return saveRevision(actor, kind, id, lang, fields, note, base, null, origin);
  }

  /** The item's revisions in one language, newest first. */
  async function history(actor: Actor, kind: string, id: string, langInput?: unknown) {
    authorize(actor, editorialActions['content.read']);
    const lang = langOf(langInput);
    const { url } = await original(db, kind, id);
    return { kind, id, lang, url, revisions: (await revisionRows(db, kind, id, lang)).map(toRevision) };
  }

  async function revisionOrFail(kind: string, id: string, lang: Locale, n: unknown, field: string) {
    const number = Number(n);
    const rows = await revisionRows(db, kind, id, lang);
    const r = rows.find((x) => x.number === number);
    if (!r) throw errors.badInput([{ field, reason: 'is not a revision of this item' }]);
    return toRevision(r);
  }

  /** Word-level differences, field by field, between two revisions (either order). */
  async function diff(actor: Actor, kind: string, id: string, query: { lang?: unknown; from?: unknown; to?: unknown }) {
    authorize(actor, editorialActions['content.read']);
    const lang = langOf(query.lang);
    const { url } = await original(db, kind, id);
    const from = await revisionOrFail(kind, id, lang, query.from, 'from');
    const to = await revisionOrFail(kind, id, lang, query.to, 'to');
    const fields = specOf(kind).fields.map((f) => {
      const a = from.fields[f.name] ?? '';
      const b = to.fields[f.name] ?? '';
      return {
        field: f.name,
        changed: a !== b,
        parts:
          a === b
            ? [{ value: a, added: false, removed: false }]
            : diffWordsWithSpace(a, b).map((p) => ({ value: p.value, added: Boolean(p.added), removed: Boolean(p.removed) })),
      };
    });
    return { kind, id, lang, url, from, to, fields };
  }

  /** Brings back an earlier revision's fields as a new revision. */
  async function restore(actor: Actor, kind: string, id: string, input: unknown, origin: Origin) {
    authorize(actor, editorialActions['content.edit']);
    const raw = (input ?? {}) as { lang?: unknown; revision?: unknown; note?: unknown };
    const lang = langOf(raw.lang);
    await original(db, kind, id);
    const r = await revisionOrFail(kind, id, lang, raw.revision, 'revision');
    const note = noteOf(raw.note, `Restored revision ${r.number}`);
    return saveRevision(actor, kind, id, lang, r.fields, note, null, r.number, origin);
  }

  /** Recent revisions of one kind across items (excluding the "before the first edit" records), for feeds. */
  async function recent(kind: string, limit = 50) {
    return db.query<{
      entity_id: string;
      lang: string;
      number: number;
      note: string;
      author: string | null;
      created_at: Date;
      fields: Fields;
    }>(
      `select r.entity_id, r.lang, r.number, r.note, u.display_name as author, r.created_at, r.fields
       from content_revisions r left join users u on u.id = r.author_id
       where r.kind = $1 and r.author_id is not null order by r.created_at desc, r.id desc limit $2`,
      [kind, limit],
    );
  }

  return { index, get, save, history, diff, restore, recent, specOf };
}

export type EditorialService = ReturnType<typeof createEditorialService>;
