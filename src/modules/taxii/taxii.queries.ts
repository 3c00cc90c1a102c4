// Every SQL statement of the TAXII server, over its own store (migration 0021_taxii.sql); no rules here.
import type { Queryable } from '../../db/client.ts';
import type { PageParams } from './taxii.schemas.ts';

/** An object as a collection serves it: its place, when it was added (to the microsecond), its version. */
export interface StoredRow {
  seq: string;
  stix_id: string;
  date_added: string;
  version: string;
  /** The object as JSON text, sent as it is. */
  object: string;
}

/** What a page asks for: the collection, and the place and filters read from TAXII's query parameters. */
export type PageQuery = PageParams & { collection: string };

const UTC_MICROS = `to_char(date_added at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * Writers take turns (readers never wait): a row's `seq` and `date_added` are given in commit order, so a
 * reader never sees a later row before an earlier one commits.
 */
export async function lockStore(q: Queryable) {
  await q.query('lock table taxii_objects in share row exclusive mode');
}

/** Adds the objects a collection does not hold yet (in that version), in the order given; the new rows' seqs. */
export async function insertObjects(q: Queryable, collection: string, objects: unknown[]): Promise<string[]> {
  const rows = await q.query<{ seq: string }>(
    `insert into taxii_objects (collection, stix_id, type, spec_version, version, object)
     select $1, o->>'id', o->>'type', coalesce(o->>'spec_version', '2.1'),
            coalesce(o->>'modified', o->>'created')::timestamptz, o
       from jsonb_array_elements($2::jsonb) with ordinality as x(o, n)
      order by n
     on conflict (collection, stix_id, version) do nothing
     returning seq::text`,
    [collection, JSON.stringify(objects)],
  );
  return rows.map((r) => r.seq);
}

/** How many rows a collection holds and its last place: when both are as a copy left them, nothing else wrote. */
export async function collectionMark(q: Queryable, collection: string): Promise<{ count: number; last: string }> {
  const [r] = await q.query<{ count: number; last: string }>(
    'select count(*)::int as count, coalesce(max(seq), 0)::text as last from taxii_objects where collection = $1',
    [collection],
  );
  return r;
}

/** Each object's last version in a collection, as its stored JSON says it, and whether that version is revoked. */
export async function lastVersions(
  q: Queryable,
  collection: string,
): Promise<Map<string, { version: string; revoked: boolean }>> {
  const rows = await q.query<{ stix_id: string; version: string; revoked: boolean }>(
    `select distinct on (o.stix_id) o.stix_id, coalesce(o.object->>'modified', o.object->>'created', '') as version,
            coalesce(o.object->>'revoked', 'false') = 'true' as revoked
       from taxii_objects o where o.collection = $1 order by o.stix_id, o.version desc, o.seq desc`,
    [collection],
  );
  return new Map(rows.map((r) => [r.stix_id, { version: r.version, revoked: r.revoked }]));
}

/** The kinds of object a copy revokes when its source no longer gives them: States and actors stay (they exist
 *  whatever the record says of them), markings and extension definitions are not versioned. */
export const REVOCABLE_TYPES = ['incident', 'relationship', 'opinion', 'indicator'];

/**
 * After a whole copy of a collection: each of these objects (those the copy no longer holds) whose last version
 * is not revoked, of a revocable kind (a claim removed by an approved change, a response withdrawn, an indicator of a
 * thread no longer shared) gets a new version marked `revoked`, so a client that pulled it learns it is gone
 * (STIX 2.1 §3.6). Its `modified` is the copy's time, or a millisecond after the version it follows. The new
 * rows' seqs and ids, in the store's order.
 */
export async function revokeMissing(
  q: Queryable,
  collection: string,
  gone: string[],
  now: string,
): Promise<{ seq: string; stix_id: string }[]> {
  if (!gone.length) return [];
  return q.query<{ seq: string; stix_id: string }>(
    `insert into taxii_objects (collection, stix_id, type, spec_version, version, object)
     select o.collection, o.stix_id, o.type, o.spec_version, v.at,
            o.object || jsonb_build_object('revoked', true,
                          'modified', to_char(v.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
       from taxii_objects o
       cross join lateral (select date_trunc('milliseconds', greatest($3::timestamptz, o.version + interval '1 millisecond')) as at) v
      where o.collection = $1 and o.type = any($4::text[])
        and o.stix_id = any($2::text[])
        and coalesce(o.object->>'revoked', 'false') <> 'true'
        and not exists (select 1 from taxii_objects n
                         where n.collection = o.collection and n.stix_id = o.stix_id and n.version > o.version)
      order by o.seq
     returning seq::text, stix_id`,
    [collection, gone, now, REVOCABLE_TYPES],
  );
}

/** Dates the rows just added: from `now` (or just after the last date given), one microsecond apart, in `seq` order. */
export async function dateNewRows(q: Queryable, seqs: string[], now: string) {
  await q.query(
    `with base as (
       select greatest($2::timestamptz, coalesce(max(date_added), '-infinity'::timestamptz) + interval '1 microsecond') as at
         from taxii_objects
     ), ranked as (
       select seq, row_number() over (order by seq) - 1 as n from taxii_objects where seq = any($1::bigint[])
     )
     update taxii_objects o set date_added = base.at + ranked.n * interval '1 microsecond'
       from base, ranked where o.seq = ranked.seq`,
    [seqs, now],
  );
}

/** Fresh statistics after many rows arrived: without them the planner sorts a whole collection for each page
 *  (PGlite has no autovacuum to gather them; measured in bench/taxii.ts). */
export async function analyzeStore(q: Queryable) {
  await q.query('analyze taxii_objects');
}

/** A page of a collection's objects (or of one object's versions) in `seq` order; one more than the limit, to tell `more`. */
export function objectsPage(q: Queryable, p: PageQuery) {
  return q.query<StoredRow>(
    `select o.seq::text as seq, o.stix_id, ${UTC_MICROS} as date_added,
            coalesce(o.object->>'modified', o.object->>'created') as version, o.object::text as object
       from taxii_objects o
      where o.collection = $1 and o.seq > $2::bigint
        and ($3::timestamptz is null or (o.date_added > $3::timestamptz
             -- date_added rises with seq, so this is the same bound as a place: the page walks the seq index.
             and o.seq > coalesce((select n.seq from taxii_objects n where n.date_added <= $3::timestamptz
                                    order by n.date_added desc limit 1), 0)))
        and ($4::text[] is null or o.stix_id = any($4::text[]))
        and ($5::text[] is null or o.type = any($5::text[]))
        and ($6::text[] is null or o.spec_version = any($6::text[]))
        and ($7::boolean
             or ($8::boolean and not exists (select 1 from taxii_objects n
                  where n.collection = o.collection and n.stix_id = o.stix_id and n.version > o.version))
             or ($9::boolean and not exists (select 1 from taxii_objects n
                  where n.collection = o.collection and n.stix_id = o.stix_id and n.version < o.version))
             or o.version = any($10::timestamptz[]))
      order by o.seq
      limit $11`,
    [
      p.collection,
      p.after,
      p.addedAfter,
      p.ids,
      p.types,
      p.specVersions,
      p.versions.all,
      p.versions.last,
      p.versions.first,
      p.versions.at,
      p.limit + 1,
    ],
  );
}

/** Whether the store holds nothing at all (never copied into, or emptied). */
export async function isStoreEmpty(q: Queryable): Promise<boolean> {
  const rows = await q.query('select 1 from taxii_objects limit 1');
  return rows.length === 0;
}

/** Whether the collection holds the object in any version. */
export async function holdsObject(q: Queryable, collection: string, stixId: string): Promise<boolean> {
  const rows = await q.query('select 1 from taxii_objects where collection = $1 and stix_id = $2 limit 1', [collection, stixId]);
  return rows.length > 0;
}

/** Removes the demo States' collections (`cybernorms demo remove`): their threads are gone with them. */
export async function purgeDemoData(q: Queryable, demo: { states: string[] }) {
  await q.query('delete from taxii_objects where collection = any($1::text[])', [demo.states.map((s) => `state:${s}`)]);
}
