// Editing the knowledge content in the browser: every editable item (norms and their implementation actions,
// pillars, CBMs, frameworks and their elements, actors, forums, sectors, glossary, timeline, learning
// modules, lessons and self-checks), in English or any of the five other UN languages, in Markdown where the
// page renders it. Each save is a revision (who, when, a change note, every field), so any two revisions can be
// compared field by field and an earlier one restored (restoring is itself a new revision). The content's
// owners (knowledge, learning) read and write their records through their editable faces: English edits
// change the record, other languages are translations. Saving and restoring are in revisions.service.ts;
// this file reads: the editors' index, an item, its history, the difference of two revisions, the feeds.
import { diffWordsWithSpace } from 'diff';
import type { Db } from '../../db/client.ts';
import { type Actor, authorize } from '../../platform/access.ts';
import type { Clock } from '../../platform/kernel.ts';
import { editorialActions, KINDS, langOf, toRevision } from './editorial.kinds.ts';
import * as q from './editorial.queries.ts';
import { createSaving, recordOrFail, revisionOrFail } from './revisions.service.ts';

export { editorialActions } from './editorial.kinds.ts';

export function createEditorialService(deps: { db: Db; clock: Clock; onChange: (kind: string, id: string) => void }) {
  const { db } = deps;
  const { save, restore } = createSaving(deps);

  /** Every editable item of every kind, for the editors' index. */
  async function index(actor: Actor) {
    authorize(actor, editorialActions['content.read']);
    const out: { kind: string; items: { id: string; label: string; revisions: number }[] }[] = [];
    for (const [kind, owner] of Object.entries(KINDS)) {
      const [items, counts] = await Promise.all([owner.list(db), q.revisionCounts(db, kind)]);
      const revisions = new Map(counts.map((c) => [c.entity_id, c.revisions]));
      out.push({ kind, items: items.map((i) => ({ id: i.id, label: i.label, revisions: revisions.get(i.id) ?? 0 })) });
    }
    return out;
  }

  /** The item as an editor opens it: fields in the language, the English original beside them, the latest revision number. */
  async function get(actor: Actor, kind: string, id: string, langInput?: unknown) {
    authorize(actor, editorialActions['content.read']);
    const lang = langOf(langInput);
    const { fields, english, url, spec } = await recordOrFail(db, kind, id, lang);
    const revision = await q.latestRevisionNumber(db, kind, id, lang);
    return { kind, id, lang, url, fields, english, spec, revision };
  }

  /** The item's revisions in one language, newest first. */
  async function history(actor: Actor, kind: string, id: string, langInput?: unknown) {
    authorize(actor, editorialActions['content.read']);
    const lang = langOf(langInput);
    const { url } = await recordOrFail(db, kind, id, 'en');
    return { kind, id, lang, url, revisions: (await q.revisionsOf(db, kind, id, lang)).map(toRevision) };
  }

  /** Word-level differences, field by field, between two revisions (either order). */
  async function diff(actor: Actor, kind: string, id: string, query: { lang?: unknown; from?: unknown; to?: unknown }) {
    authorize(actor, editorialActions['content.read']);
    const lang = langOf(query.lang);
    const { url, spec } = await recordOrFail(db, kind, id, lang);
    const from = toRevision(await revisionOrFail(db, kind, id, lang, query.from, 'from'));
    const to = toRevision(await revisionOrFail(db, kind, id, lang, query.to, 'to'));
    // The item's fields in the language, then any an older revision holds that it no longer has.
    const names = [...new Set([...spec.map((f) => f.name), ...Object.keys(from.fields), ...Object.keys(to.fields)])];
    const fields = names.map((name) => {
      const a = from.fields[name] ?? '';
      const b = to.fields[name] ?? '';
      return {
        field: name,
        changed: a !== b,
        parts:
          a === b
            ? [{ value: a, added: false, removed: false }]
            : diffWordsWithSpace(a, b).map((p) => ({ value: p.value, added: Boolean(p.added), removed: Boolean(p.removed) })),
      };
    });
    return { kind, id, lang, url, from, to, fields };
  }

  /** Recent revisions of one kind across items (excluding the "before the first edit" records), for feeds. */
  const recent = (kind: string, limit = 50) => q.recentRevisions(db, kind, limit);

  return { index, get, save, history, diff, restore, recent };
}

export type EditorialService = ReturnType<typeof createEditorialService>;
