// Every SQL statement of the editorial module: the revisions of edited content (its own table), with their
// authors' names from identity's `people` view. The content itself is read and written through its owners'
// faces (knowledge, learning). One function per statement; no rules here.
import type { Queryable } from '../../db/client.ts';

export type Fields = Record<string, string>;

export interface RevisionRow {
  number: number;
  fields: Fields;
  note: string;
  author: string | null;
  restored_from: number | null;
  created_at: Date;
}

export interface RecentRevisionRow {
  entity_id: string;
  lang: string;
  number: number;
  note: string;
  author: string | null;
  created_at: Date;
  fields: Fields;
}

/** How many revisions each item of a kind has, by item id. */
export const revisionCounts = (q: Queryable, kind: string) =>
  q.query<{ entity_id: string; revisions: number }>(
    'select entity_id, count(*)::int as revisions from content_revisions where kind = $1 group by entity_id',
    [kind],
  );

/** An item's revisions in one language with their authors' names, newest first. */
export const revisionsOf = (q: Queryable, kind: string, id: string, lang: string) =>
  q.query<RevisionRow>(
    `select r.number, r.fields, r.note, u.display_name as author, r.restored_from, r.created_at
     from content_revisions r left join people u on u.id = r.author_id
     where r.kind = $1 and r.entity_id = $2 and r.lang = $3 order by r.number desc`,
    [kind, id, lang],
  );

/** The number of an item's latest revision in a language (0: none yet). */
export async function latestRevisionNumber(q: Queryable, kind: string, id: string, lang: string): Promise<number> {
  const [latest] = await q.query<{ number: number }>(
    'select number from content_revisions where kind = $1 and entity_id = $2 and lang = $3 order by number desc limit 1',
    [kind, id, lang],
  );
  return latest?.number ?? 0;
}

/** Waits until no other transaction is saving this item in this language (released at commit). */
export const lockItem = (q: Queryable, kind: string, id: string, lang: string) =>
  q.query('select pg_advisory_xact_lock(hashtext($1))', [`content:${kind}:${id}:${lang}`]);

/** Records a revision (author null: the edition that was there before the first edit). */
export const insertRevision = (
  q: Queryable,
  r: {
    kind: string;
    id: string;
    lang: string;
    number: number;
    fields: Fields;
    note: string;
    authorId: string | null;
    restoredFrom: number | null;
    at: string;
  },
) =>
  q.query(
    `insert into content_revisions (kind, entity_id, lang, number, fields, note, author_id, restored_from, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [r.kind, r.id, r.lang, r.number, JSON.stringify(r.fields), r.note, r.authorId, r.restoredFrom, r.at],
  );

/** Recent revisions of one kind across items, by people (not the "before the first edit" records), newest first. */
export const recentRevisions = (q: Queryable, kind: string, limit: number) =>
  q.query<RecentRevisionRow>(
    `select r.entity_id, r.lang, r.number, r.note, u.display_name as author, r.created_at, r.fields
     from content_revisions r left join people u on u.id = r.author_id
     where r.kind = $1 and r.author_id is not null order by r.created_at desc, r.id desc limit $2`,
    [kind, limit],
  );
