// The tamper-evident audit log. recordAudit() appends one entry inside the caller's transaction, its
// SHA-256 covering the entry and the previous entry's hash; verifyAudit() walks the chain and names the
// first entry that no longer matches (edited, inserted or deleted rows all break it).
import { createHash } from 'node:crypto';
import type { Queryable } from '../db/client.ts';

export const GENESIS = '0'.repeat(64);

export interface AuditEntry {
  /** Who acted: `user:<id>`, or `system:<what>` for the platform itself (first start, CLI). */
  actor: string;
  /** What was done, `<feature>.<verb>`, e.g. `knowledge.seed`. */
  action: string;
  /** Which kind of record, and which one (null for a whole set). */
  entity: string;
  entityId?: string | null;
  /** From where: the client address, or `cli`. */
  origin: string;
  details?: Record<string, unknown>;
}

interface AuditRow {
  id: string;
  at: Date | string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  origin: string;
  details: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

/** JSON with object keys sorted at every depth, so the hash does not depend on jsonb's key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function entryHash(
  prevHash: string,
  e: { at: string; actor: string; action: string; entity: string; entityId: string | null; origin: string; details: unknown },
) {
  const body = canonicalJson({
    at: e.at,
    actor: e.actor,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId,
    origin: e.origin,
    details: e.details,
  });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

/** Appends an entry to the chain; call it inside the transaction that makes the change it records. */
export async function recordAudit(tx: Queryable, entry: AuditEntry, now: Date = new Date()): Promise<string> {
  // One writer at a time extends the chain; readers are not blocked.
  await tx.query('lock table audit_log in share row exclusive mode');
  const last = await tx.query<{ hash: string }>('select hash from audit_log order by id desc limit 1');
  const prevHash = last[0]?.hash ?? GENESIS;
  const at = now.toISOString();
  // As stored: undefined values vanish in JSON, so they must vanish from what is hashed too.
  const details = JSON.parse(JSON.stringify(entry.details ?? {}));
  const hash = entryHash(prevHash, { ...entry, entityId: entry.entityId ?? null, at, details });
  await tx.query(
    `insert into audit_log (at, actor, action, entity, entity_id, origin, details, prev_hash, hash)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [at, entry.actor, entry.action, entry.entity, entry.entityId ?? null, entry.origin, JSON.stringify(details), prevHash, hash],
  );
  return hash;
}

export type AuditVerdict = { ok: true; entries: number } | { ok: false; entries: number; brokenId: string; reason: string };

/** Walks the whole chain in order; returns the first entry whose hash or link does not match. */
export async function verifyAudit(db: Queryable): Promise<AuditVerdict> {
  let prevHash = GENESIS;
  let afterId = '0';
  let entries = 0;
  for (;;) {
    const rows = await db.query<AuditRow>(
      'select id::text as id, at, actor, action, entity, entity_id, origin, details, prev_hash, hash from audit_log where id > $1 order by audit_log.id limit 1000',
      [afterId],
    );
    for (const r of rows) {
      if (r.prev_hash !== prevHash)
        return {
          ok: false,
          entries,
          brokenId: r.id,
          reason: 'does not follow the previous entry (an entry before it was removed or changed)',
        };
      const at = new Date(r.at).toISOString();
      const expected = entryHash(prevHash, {
        at,
        actor: r.actor,
        action: r.action,
        entity: r.entity,
        entityId: r.entity_id,
        origin: r.origin,
        details: r.details,
      });
      if (expected !== r.hash)
        return { ok: false, entries, brokenId: r.id, reason: 'its content no longer matches its hash (it was edited)' };
      prevHash = r.hash;
      afterId = r.id;
      entries++;
    }
    if (rows.length < 1000) return { ok: true, entries };
  }
}
