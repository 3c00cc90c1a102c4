// The tamper-evident audit log. recordAudit() appends one entry inside the caller's transaction, its
// HMAC-SHA-256 (under a key kept outside the database) covering the entry and the previous entry's hash;
// verifyAudit() walks the chain and names the first entry that no longer matches (edited, inserted or
// deleted rows, or a chain recomputed without the key). A checkpoint of the chain's head, kept outside the
// database, catches what the chain alone cannot: entries removed from its end.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { AuditBinding, Queryable } from '../db/client.ts';
import type { AuditCheckpoint } from './audit-checkpoint.ts';

export type { AuditBinding } from '../db/client.ts';
export {
  type AuditCheckpoint,
  type CheckpointLog,
  createCheckpointWriter,
  parseCheckpoint,
  takeCheckpoint,
} from './audit-checkpoint.ts';

export const GENESIS = '0'.repeat(64);

/** How an entry was hashed: plain SHA-256 (entries written before the key existed), or keyed. */
export type HashAlg = 'sha256' | 'hmac-sha256';

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
  hash_alg: string;
}

// ---- the key ----------------------------------------------------------------------------------------

export const AUDIT_KEY_MIN_BYTES = 32;

/** A key written as hex or base64 (at least 32 bytes once decoded), or null if it is neither. */
export function parseAuditKey(text: string): Buffer | null {
  const s = text.trim();
  let key: Buffer | null = null;
  if (/^(?:[0-9a-fA-F]{2})+$/.test(s)) key = Buffer.from(s, 'hex');
  else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(s)) key = Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return key && key.length >= AUDIT_KEY_MIN_BYTES ? key : null;
}

export class AuditKeyError extends Error {}

/**
 * The audit key: the one given (AUDIT_KEY), else the file's (AUDIT_KEY_FILE). With `create`, a missing
 * file is made with a new random key, readable by its owner only. `warning` says when the file is open to others.
 */
export function loadAuditKey(opts: { key?: Buffer; file: string; create: boolean }): {
  key: Buffer;
  source: string;
  created: boolean;
  warning?: string;
} {
  if (opts.key) return { key: opts.key, source: 'AUDIT_KEY', created: false };
  if (!existsSync(opts.file)) {
    if (!opts.create)
      throw new AuditKeyError(`The audit key file ${opts.file} does not exist (set AUDIT_KEY or AUDIT_KEY_FILE).`);
    mkdirSync(path.dirname(opts.file), { recursive: true });
    const key = randomBytes(32);
    const fd = openSync(opts.file, 'wx', 0o600);
    try {
      writeSync(fd, `${key.toString('hex')}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    return { key, source: opts.file, created: true };
  }
  const key = parseAuditKey(readFileSync(opts.file, 'utf8'));
  if (!key)
    throw new AuditKeyError(
      `The audit key file ${opts.file} does not hold a key of at least ${AUDIT_KEY_MIN_BYTES} bytes as hex or base64.`,
    );
  const mode = statSync(opts.file).mode & 0o777;
  const warning =
    process.platform !== 'win32' && mode & 0o077
      ? `The audit key file ${opts.file} can be read by others (mode ${mode.toString(8)}): chmod 600 it.`
      : undefined;
  return { key, source: opts.file, created: false, warning };
}

/** A short, non-secret fingerprint of a key, to tell keys apart in messages. */
export function keyFingerprint(key: Buffer): string {
  return createHash('sha256').update('cybernorms-audit-key-id\n').update(key).digest('hex').slice(0, 16);
}

/**
 * The database handle with the audit key (and an append hook) attached, on itself and on every transaction
 * it runs, so recordAudit(tx, …) finds the key where the transaction is. The hook runs after commit.
 */
export function withAudit<D extends Queryable & { transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> }>(
  db: D,
  binding: AuditBinding,
): D {
  const base = db.transaction;
  return {
    ...db,
    audit: binding,
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      let appended = false;
      const inTx: AuditBinding = {
        key: binding.key,
        appended: () => {
          appended = true;
        },
      };
      const result = await base((tx) => fn({ ...tx, audit: inTx }));
      if (appended) binding.appended?.();
      return result;
    },
  };
}

// ---- the chain --------------------------------------------------------------------------------------

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

/** An entry's hash: HMAC-SHA-256 under the key, or (key null) the plain SHA-256 of legacy entries. */
function entryHash(
  key: Buffer | null,
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
  const h = key ? createHmac('sha256', key) : createHash('sha256');
  return h.update(prevHash).update('\n').update(body).digest('hex');
}

/** Appends an entry to the chain; call it inside the transaction that makes the change it records. */
export async function recordAudit(tx: Queryable, entry: AuditEntry, now: Date = new Date()): Promise<string> {
  const binding = tx.audit;
  // Never an unkeyed entry: it would be the one anybody with database access could forge.
  if (!binding) throw new Error('recordAudit: this database handle has no audit key (open it with withAudit())');
  // One writer at a time extends the chain; readers are not blocked.
  await tx.query('lock table audit_log in share row exclusive mode');
  const last = await tx.query<{ hash: string }>('select hash from audit_log order by audit_log.id desc limit 1');
  const prevHash = last[0]?.hash ?? GENESIS;
  const at = now.toISOString();
  // As stored: undefined values vanish in JSON, so they must vanish from what is hashed too.
  const details = JSON.parse(JSON.stringify(entry.details ?? {}));
  const hash = entryHash(binding.key, prevHash, { ...entry, entityId: entry.entityId ?? null, at, details });
  await tx.query(
    `insert into audit_log (at, actor, action, entity, entity_id, origin, details, prev_hash, hash, hash_alg)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'hmac-sha256')`,
    [at, entry.actor, entry.action, entry.entity, entry.entityId ?? null, entry.origin, JSON.stringify(details), prevHash, hash],
  );
  binding.appended?.();
  return hash;
}

/** Whether the chain holds entries made with a key (false also before migration 0008, or with no table). */
export async function hasKeyedEntries(db: Queryable): Promise<boolean> {
  try {
    const rows = await db.query("select 1 from audit_log where hash_alg = 'hmac-sha256' limit 1");
    return rows.length > 0;
  } catch {
    return false;
  }
}

/** Whether the chain's last keyed entry verifies with this key; null when there is no keyed entry yet. */
export async function keyMatchesChain(db: Queryable, key: Buffer): Promise<boolean | null> {
  if (!(await hasKeyedEntries(db))) return null;
  const [r] = await db.query<AuditRow>(
    "select id::text as id, at, actor, action, entity, entity_id, origin, details, prev_hash, hash, hash_alg from audit_log where hash_alg = 'hmac-sha256' order by audit_log.id desc limit 1",
  );
  const expected = entryHash(key, r.prev_hash, {
    at: new Date(r.at).toISOString(),
    actor: r.actor,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    origin: r.origin,
    details: r.details,
  });
  return expected === r.hash;
}

// ---- checkpoints ------------------------------------------------------------------------------------

// ---- verification -----------------------------------------------------------------------------------

export type AuditVerdict =
  | { ok: true; entries: number; legacy: number; head: { id: string; hash: string }; checkpoint: 'matched' | 'none' }
  | { ok: false; entries: number; legacy: number; brokenId: string | null; reason: string };

/**
 * Walks the whole chain in order and returns the first entry whose hash or link does not match. Entries
 * hashed without the key are accepted only before the first keyed one (a database from before the key),
 * and counted. With a checkpoint, the chain must still hold the entry it names, with the same hash,
 * and as many unkeyed entries.
 */
export async function verifyAudit(
  db: Queryable,
  opts: { key?: Buffer; checkpoint?: AuditCheckpoint } = {},
): Promise<AuditVerdict> {
  const key = opts.key ?? db.audit?.key ?? null;
  const cp = opts.checkpoint;
  let prevHash = GENESIS;
  let afterId = '0';
  let entries = 0;
  let legacy = 0;
  let keyedSeen = false;
  let checkpointSeen = false;
  const broken = (brokenId: string | null, reason: string): AuditVerdict => ({ ok: false, entries, legacy, brokenId, reason });
  for (;;) {
    const rows = await db.query<AuditRow>(
      'select id::text as id, at, actor, action, entity, entity_id, origin, details, prev_hash, hash, hash_alg from audit_log where id > $1 order by audit_log.id limit 1000',
      [afterId],
    );
    for (const r of rows) {
      if (cp && !checkpointSeen && BigInt(r.id) > BigInt(cp.id))
        return broken(cp.id, `entry ${cp.id}, the head recorded by the checkpoint of ${cp.at}, is missing (it was removed)`);
      if (r.prev_hash !== prevHash)
        return broken(r.id, 'does not follow the previous entry (an entry before it was removed or changed)');
      let algKey: Buffer | null;
      if (r.hash_alg === 'sha256') {
        if (keyedSeen)
          return broken(
            r.id,
            'is hashed without the audit key after keyed entries (the chain was rewritten by someone without the key)',
          );
        algKey = null;
      } else if (r.hash_alg === 'hmac-sha256') {
        if (!key) return broken(r.id, 'is keyed, and no audit key was given to check it');
        algKey = key;
      } else {
        return broken(r.id, `has an unknown hash algorithm "${r.hash_alg}"`);
      }
      const expected = entryHash(algKey, prevHash, {
        at: new Date(r.at).toISOString(),
        actor: r.actor,
        action: r.action,
        entity: r.entity,
        entityId: r.entity_id,
        origin: r.origin,
        details: r.details,
      });
      if (expected !== r.hash)
        return broken(
          r.id,
          algKey
            ? 'its hash does not match its content under the audit key (it was edited, the chain was recomputed without the key, or this is not the key it was written with)'
            : 'its content no longer matches its hash (it was edited)',
        );
      if (algKey) keyedSeen = true;
      else legacy++;
      if (cp && r.id === cp.id) {
        checkpointSeen = true;
        if (r.hash !== cp.hash)
          return broken(r.id, `its hash differs from the one recorded by the checkpoint of ${cp.at} (the chain was rewritten)`);
      }
      prevHash = r.hash;
      afterId = r.id;
      entries++;
    }
    if (rows.length < 1000) break;
  }
  if (cp) {
    if (!checkpointSeen && cp.id !== '0')
      return broken(
        cp.id,
        `the chain ends at entry ${afterId}, but the checkpoint of ${cp.at} records entry ${cp.id}: entries were removed from the end`,
      );
    if (cp.legacy !== legacy)
      return broken(
        null,
        `the chain has ${legacy} entries hashed without the key, the checkpoint of ${cp.at} recorded ${cp.legacy} (the chain was rewritten)`,
      );
  }
  return { ok: true, entries, legacy, head: { id: afterId, hash: prevHash }, checkpoint: cp ? 'matched' : 'none' };
}
