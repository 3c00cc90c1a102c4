// The TAXII 2.1 server's rules (issue 18; docs/incidents.md "TAXII 2.1"): which collections a reader sees, the
// store kept in step with the platform's STIX exports, and pages of objects, manifests and versions. The store
// is synced before a read only when a source said it changed (an approved incident, a sent message), so a read
// when nothing changed runs one query; the copy after a start runs in the background (start), so no read waits
// for it while the store holds a whole earlier copy. No HTTP here.
import type { Db, Queryable } from '../../db/client.ts';
import { type Actor, decide, scopeOf } from '../../platform/access.ts';
import { AppError, errors } from '../../platform/errors.ts';
import { type EventBus, RESYNC } from '../../platform/events.ts';
import type { Clock } from '../../platform/kernel.ts';
import { uuidv5 } from '../../platform/stix.ts';
import { taxiiActions } from './taxii.policy.ts';
import {
  analyzeStore,
  collectionMark,
  dateNewRows,
  holdsObject,
  insertObjects,
  isStoreEmpty,
  lastVersions,
  lockStore,
  objectsPage,
  revokeMissing,
  type StoredRow,
} from './taxii.queries.ts';
import { type CollectionResource, encodeNext, pageParams, STIX_MEDIA_TYPE } from './taxii.schemas.ts';

export type StixObject = Record<string, unknown> & { id: string };

/** Where the objects come from: the other modules' STIX exports, given by app.ts. */
export interface TaxiiSources {
  /** The public incident record (published incidents only) as STIX objects. */
  incidents: () => Promise<StixObject[]>;
  /** Each party State's indicator objects of these threads (all threads when null). */
  communications: (threadIds: string[] | null) => Promise<{ state: string; objects: StixObject[] }[]>;
  /** The States, each of which has a collection. */
  states: () => Promise<{ code: string; name: string }[]>;
}

/** The store's name for a collection. */
const PUBLIC = 'incidents';
const stateKey = (code: string) => `state:${code}`;
export const PUBLIC_COLLECTION_ID = uuidv5('taxii:collection:incidents');
export const stateCollectionId = (code: string) => uuidv5(`taxii:collection:state:${code}`);

interface Collection {
  key: string;
  resource: CollectionResource;
}

const resource = (id: string, title: string, description: string): CollectionResource => ({
  id,
  title,
  description,
  can_read: true,
  can_write: false,
  media_types: [STIX_MEDIA_TYPE],
});

const PUBLIC_RESOURCE = resource(
  PUBLIC_COLLECTION_ID,
  'Public record of ICT incidents',
  'Published incidents with every attribution claim as its own attributed-to relationship, the responses of States as opinions and the norms at stake (A/70/174 para 13); TLP:CLEAR.',
);

/** Rows added in one sync after which the store's statistics are gathered again. */
const ANALYZE_AFTER = 1000;

/** A page: its objects' rows, whether more follow, and the token for the next page. */
export interface Page {
  rows: StoredRow[];
  more: boolean;
  next: string | undefined;
}

/**
 * The server over its store. It listens on the event bus (every instance hears it): `communication` (a thread
 * changed), `incidents` (the public record changed) and a resync after missed events (everything, again).
 */
export function createTaxiiService(deps: {
  db: Db;
  clock: Clock;
  events: EventBus;
  sources: TaxiiSources;
  log?: { warn: (o: object, m: string) => void };
  /** Whether a copy remembers what the store holds and sends only what changed (true; false is bench/taxii.ts's baseline). */
  remember?: boolean;
}) {
  const { db, clock, sources } = deps;
  // At start nothing is known: everything may have changed since the store was last written.
  let incidentsChanged = true;
  let threadsChanged: Set<string> | 'all' = 'all';
  let running: Promise<void> | null = null;
  let startup: Promise<void> | null = null;
  /** Whether the store held a whole copy when the copy after start began (a read may then be served from it). */
  let earlierCopy: Promise<boolean> = Promise.resolve(false);
  let states: Map<string, { code: string; name: string }> | null = null;

  /** A source says what changed: the public record, one thread (its id), or everything (after a missed event). */
  function changed(what: 'incidents' | 'communication' | 'all', id = '') {
    if (what !== 'communication') incidentsChanged = true;
    if (what === 'all' || !id) threadsChanged = 'all';
    else if (what === 'communication' && threadsChanged !== 'all') threadsChanged.add(id);
  }
  deps.events.subscribe((e) => {
    if (e.topic === 'communication') changed('communication', e.id);
    else if (e.topic === 'incidents') changed('incidents');
    else if (e.topic === RESYNC) changed('all');
  });
  const pending = () => incidentsChanged || threadsChanged === 'all' || threadsChanged.size > 0;

  /**
   * What this instance knows each collection holds: every object's last version (as its JSON says it), with the
   * collection's row count and last place when that was read. A copy sends only the objects whose version it
   * does not hold, so re-exporting a whole record of 40 000 objects after one change writes the few that changed
   * (docs/benchmarks.md, "TAXII 2.1"). Checked against the store in each copy, under the store's lock: when
   * anything else wrote to the collection (another instance, a removal), it is read again. It only saves work:
   * the store still refuses a version it holds, and a revocation one already made.
   */
  type Known = { versions: Map<string, { version: string; revoked: boolean }>; count: number; last: string };
  const known = new Map<string, Known>();
  const versionOf = (o: StixObject) => String(o.modified ?? o.created ?? '');

  async function knownOf(tx: Queryable, key: string): Promise<Known> {
    if (deps.remember === false) return { versions: new Map(), count: 0, last: '0' };
    const mark = await collectionMark(tx, key);
    const k = known.get(key);
    if (k && k.count === mark.count && k.last === mark.last) return k;
    const fresh = { versions: await lastVersions(tx, key), ...mark };
    known.set(key, fresh);
    return fresh;
  }

  /** Copies what changed into the store, in one transaction; what failed stays marked changed. */
  async function sync() {
    const doIncidents = incidentsChanged;
    const threads = threadsChanged;
    incidentsChanged = false;
    threadsChanged = new Set();
    try {
      // A whole copy (the public record always; the States' indicators after "everything changed") also revokes
      // what its source no longer gives; a copy of some threads cannot tell what else is gone, so it only adds.
      const batches: { key: string; objects: StixObject[]; whole: boolean }[] = [];
      if (doIncidents) batches.push({ key: PUBLIC, objects: await sources.incidents(), whole: true });
      if (threads === 'all' || threads.size)
        for (const f of await sources.communications(threads === 'all' ? null : [...threads]))
          batches.push({ key: stateKey(f.state), objects: f.objects, whole: threads === 'all' });
      if (!batches.some((b) => b.objects.length || b.whole)) return;
      const after: { key: string; written: StixObject[]; revoked: string[]; rows: string[] }[] = [];
      const added = await db.transaction(async (tx) => {
        after.length = 0;
        await lockStore(tx);
        const now = clock().toISOString();
        const seqs: string[] = [];
        for (const b of batches) {
          const { versions } = await knownOf(tx, b.key);
          const written = b.objects.filter((o) => versions.get(o.id)?.version !== versionOf(o));
          const rows = written.length ? await insertObjects(tx, b.key, written) : [];
          let revoked: string[] = [];
          if (b.whole) {
            const present = new Set(b.objects.map((o) => o.id));
            const gone = [...versions].filter(([id, v]) => !v.revoked && !present.has(id)).map(([id]) => id);
            const revocations = await revokeMissing(tx, b.key, gone, now);
            rows.push(...revocations.map((r) => r.seq));
            revoked = revocations.map((r) => r.stix_id);
          }
          seqs.push(...rows);
          after.push({ key: b.key, written, revoked, rows });
        }
        if (seqs.length) await dateNewRows(tx, seqs, now);
        return seqs.length;
      });
      // Committed: what this instance knows follows what it wrote. The store was locked, so the collection's
      // count and last place are those read before with the rows this copy added (no second count).
      for (const a of after) {
        const k = known.get(a.key);
        if (!k) continue;
        for (const o of a.written) k.versions.set(o.id, { version: versionOf(o), revoked: false });
        for (const id of a.revoked) k.versions.set(id, { version: '', revoked: true });
        k.count += a.rows.length;
        for (const seq of a.rows) if (BigInt(seq) > BigInt(k.last)) k.last = seq;
      }
      if (added >= ANALYZE_AFTER) await analyzeStore(db);
    } catch (err) {
      // What this instance knew may be ahead of a rolled-back copy: read it again next time.
      known.clear();
      incidentsChanged ||= doIncidents;
      const now = threadsChanged as Set<string> | 'all';
      threadsChanged = threads === 'all' || now === 'all' ? 'all' : new Set([...now, ...threads]);
      throw err;
    }
  }

  /** Waits until the store holds what the sources said changed (one sync at a time). */
  async function synced() {
    for (let i = 0; i < 3 && (running || pending()); i++) {
      running ??= sync().finally(() => {
        running = null;
      });
      await running;
    }
  }

  /**
   * The copy after a start, in the background: it reads every source again (about 15 s for 10 000 incidents).
   * Never rejects: a failure leaves the changes marked, and the next read copies them itself.
   */
  function start(): Promise<void> {
    if (startup) return startup;
    const held = isStoreEmpty(db).then((empty) => !empty);
    earlierCopy = held.catch(() => false);
    startup = held
      .then(() => synced())
      .catch((err) => deps.log?.warn({ err }, 'TAXII: the copy after start failed; the next read copies'))
      .finally(() => {
        startup = null;
      });
    return startup;
  }

  /**
   * Makes the store current before a read. While the copy after a start runs, a read does not wait for it when
   * the store held an earlier copy before that copy began: each copy is one transaction, so that copy is whole,
   * and what the sources added since comes once the copy is done, after it (as added later: a client paging or
   * polling loses nothing). A store never filled waits, since it has nothing whole to serve; and so does every
   * read after it, even while the copy after start is still taking in changes heard since (the store holding
   * the copy's first transaction is no reason to serve a read without what it was told about).
   */
  async function current() {
    if (startup && (await earlierCopy)) return;
    await startup;
    await synced();
  }

  async function stateMap() {
    states ??= new Map((await sources.states()).map((s) => [stateCollectionId(s.code), s]));
    return states;
  }

  const stateResource = (s: { code: string; name: string }) =>
    resource(
      stateCollectionId(s.code),
      `Indicators of ${s.name}'s communications`,
      `The indicators of the communications ${s.name} sent or received, as its officials see them, each with the thread's TLP 2.0 marking (TLP:RED threads are not included). For ${s.name}'s officials only.`,
    );

  /** The collection, if the actor may read it: 401 signed out, 403 owing the second factor, else 404 as if it did not exist. */
  async function collection(actor: Actor, id: string): Promise<Collection> {
    if (id === PUBLIC_COLLECTION_ID) return { key: PUBLIC, resource: PUBLIC_RESOURCE };
    const state = (await stateMap()).get(id);
    if (!state) throw errors.notFound('The collection');
    const d = decide(actor, taxiiActions['taxii.state.read'], { state: state.code });
    if (d.ok) return { key: stateKey(state.code), resource: stateResource(state) };
    if (!actor.userId) throw new AppError('UNAUTHENTICATED', 401, d.reason);
    if (d.code === 'SECOND_FACTOR_REQUIRED' && actor.grants.some((g) => g.state === state.code))
      throw new AppError(d.code, 403, d.reason);
    throw errors.notFound('The collection');
  }

  /** The collections this reader may read: the public record, and the collections of the States they act for. */
  async function collections(actor: Actor): Promise<CollectionResource[]> {
    const scope = scopeOf(actor, taxiiActions['taxii.state.read']);
    const mine = scope.all ? [] : scope.states;
    const all = [...(await stateMap()).values()];
    return [
      PUBLIC_RESOURCE,
      ...all
        .filter((s) => mine.includes(s.code))
        .sort((a, b) => a.code.localeCompare(b.code))
        .map(stateResource),
    ];
  }

  async function page(key: string, query: unknown, opts: Parameters<typeof pageParams>[1], objectId?: string): Promise<Page> {
    const p = pageParams(query, opts);
    await current();
    if (objectId !== undefined && !(await holdsObject(db, key, objectId))) throw errors.notFound('The object');
    const rows = await objectsPage(db, { ...p, collection: key, ids: objectId !== undefined ? [objectId] : p.ids });
    const more = rows.length > p.limit;
    const kept = rows.slice(0, p.limit);
    return { rows: kept, more, next: more ? encodeNext(kept[kept.length - 1].seq) : undefined };
  }

  return {
    changed,
    start,
    /** Waits for the copy after a start, if one runs (at shutdown). */
    stop: async () => {
      await startup;
    },
    collections,
    /** One collection's description. */
    collection: async (actor: Actor, id: string) => (await collection(actor, id)).resource,
    /** A page of a collection's objects (§5.3); by default the last version of each. */
    objects: async (actor: Actor, id: string, query: unknown) =>
      page((await collection(actor, id)).key, query, { versionDefault: 'last', match: true }),
    /** A page of one object's versions as objects (§5.5); 404 when the collection never held it. */
    object: async (actor: Actor, id: string, objectId: string, query: unknown) =>
      page((await collection(actor, id)).key, query, { versionDefault: 'last', match: false }, objectId),
    /** A page of the manifest (§5.4): the same selection as objects, as records. */
    manifest: async (actor: Actor, id: string, query: unknown) =>
      page((await collection(actor, id)).key, query, { versionDefault: 'last', match: true }),
    /** A page of one object's versions (§5.7): every version, whatever match[version] says. */
    versions: async (actor: Actor, id: string, objectId: string, query: unknown) => {
      const { 'match[version]': _ignored, ...rest } = (query ?? {}) as Record<string, unknown>;
      return page((await collection(actor, id)).key, rest, { versionDefault: 'all', match: false }, objectId);
    },
    /** Refuses a write (§5.6): every collection here is read-only. */
    refuseWrite: async (actor: Actor, id: string) => {
      await collection(actor, id);
      throw new AppError('FORBIDDEN', 403, 'This collection is read-only (can_write is false).');
    },
  };
}

export type TaxiiService = ReturnType<typeof createTaxiiService>;
