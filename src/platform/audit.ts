// The tamper-evident audit log. recordAudit() appends one entry inside the caller's transaction, its
// HMAC-SHA-256 (under a key kept outside the database) covering the entry and the previous entry's hash;
// verifyAudit() walks the chain and names the first entry that no longer matches (edited, inserted or
// deleted rows, or a chain recomputed without the key). A checkpoint of the chain's head, kept outside the
// database, catches what the chain alone cannot: entries removed from its end.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import type { AuditBinding, Queryable } from '../db/client.ts';

export type { AuditBinding } from '../db/client.ts';

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

/** The chain's head at a moment, signed with the key: kept outside the database to compare with later. */
export interface AuditCheckpoint {
  type: 'cybernorms-audit-checkpoint';
  version: 1;
  /** The last entry's id ('0' for an empty chain), its hash and its time. */
  id: string;
  hash: string;
  entry_at: string | null;
  /** How many entries were hashed without the key (written before it existed); never grows. */
  legacy: number;
  /** When the checkpoint was taken. */
  at: string;
  /** Which key signed it (a fingerprint, not the key). */
  key_id: string;
  /** HMAC-SHA-256 of the fields above, as canonical JSON. */
  mac: string;
}

function checkpointMac(key: Buffer, cp: Omit<AuditCheckpoint, 'mac'>): string {
  const { mac: _ignored, ...fields } = cp as AuditCheckpoint;
  return createHmac('sha256', key).update('cybernorms-audit-checkpoint\n').update(canonicalJson(fields)).digest('hex');
}

async function chainHead(db: Queryable) {
  const [head] = await db.query<{ id: string; hash: string; at: Date | string }>(
    'select id::text as id, hash, at from audit_log order by audit_log.id desc limit 1',
  );
  const [{ n }] = await db.query<{ n: number }>("select count(*)::int as n from audit_log where hash_alg = 'sha256'");
  return { id: head?.id ?? '0', hash: head?.hash ?? GENESIS, entryAt: head ? new Date(head.at).toISOString() : null, legacy: n };
}

/** The current head of the chain, signed with the key. */
export async function takeCheckpoint(db: Queryable, key: Buffer, now: Date = new Date()): Promise<AuditCheckpoint> {
  const head = await chainHead(db);
  const fields: Omit<AuditCheckpoint, 'mac'> = {
    type: 'cybernorms-audit-checkpoint',
    version: 1,
    id: head.id,
    hash: head.hash,
    entry_at: head.entryAt,
    legacy: head.legacy,
    at: now.toISOString(),
    key_id: keyFingerprint(key),
  };
  return { ...fields, mac: checkpointMac(key, fields) };
}

/** Reads a checkpoint (a file written by the platform, or one downloaded by an administrator). */
export function parseCheckpoint(
  text: string,
  key: Buffer,
): { ok: true; checkpoint: AuditCheckpoint } | { ok: false; reason: string } {
  let cp: AuditCheckpoint;
  try {
    cp = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'it is not JSON' };
  }
  if (
    cp?.type !== 'cybernorms-audit-checkpoint' ||
    cp.version !== 1 ||
    typeof cp.id !== 'string' ||
    !/^\d{1,18}$/.test(cp.id) ||
    typeof cp.hash !== 'string' ||
    !Number.isInteger(cp.legacy) ||
    typeof cp.mac !== 'string'
  )
    return { ok: false, reason: 'it is not a cybernorms audit checkpoint' };
  const expected = Buffer.from(checkpointMac(key, cp), 'hex');
  const given = Buffer.from(cp.mac, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return {
      ok: false,
      reason:
        cp.key_id && cp.key_id !== keyFingerprint(key)
          ? `it was signed with another audit key (${cp.key_id}, this one is ${keyFingerprint(key)})`
          : 'its signature does not match (it was edited, or signed with another key)',
    };
  return { ok: true, checkpoint: cp };
}

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

// ---- the checkpoint file ----------------------------------------------------------------------------

/** Writes text to file atomically (a temporary file, synced, then renamed over it), readable by its owner only. */
function writeAtomically(file: string, text: string) {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

export interface CheckpointLog {
  error(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/**
 * Keeps the checkpoint file at the chain's head: `schedule()` after appends (debounced), `flush()` to write
 * now. It never moves the checkpoint backwards: if the chain no longer holds the checkpoint's entry with its
 * hash (entries removed or rewritten), it logs an error and leaves the file as it is, for `audit verify`.
 */
export function createCheckpointWriter(deps: {
  db: Queryable;
  key: Buffer;
  file: string;
  log: CheckpointLog;
  debounceMs?: number;
  clock?: () => Date;
}) {
  const debounceMs = deps.debounceMs ?? 200;
  let timer: NodeJS.Timeout | null = null;
  let chain: Promise<unknown> = Promise.resolve();
  let lastConflict = '';

  async function write(): Promise<'written' | 'unchanged' | 'conflict'> {
    let current: AuditCheckpoint | null = null;
    if (existsSync(deps.file)) {
      const parsed = parseCheckpoint(readFileSync(deps.file, 'utf8'), deps.key);
      if (!parsed.ok) return conflict(`the audit checkpoint ${deps.file} cannot be used: ${parsed.reason}; it is left as it is`);
      current = parsed.checkpoint;
    }
    const next = await takeCheckpoint(deps.db, deps.key, deps.clock?.() ?? new Date());
    if (current) {
      if (BigInt(next.id) < BigInt(current.id))
        return conflict(
          `the audit log ends at entry ${next.id}, behind the checkpoint's entry ${current.id} (${deps.file}): entries were removed from the end; the checkpoint is kept`,
        );
      const [row] = await deps.db.query<{ hash: string }>('select hash from audit_log where id = $1::bigint', [current.id]);
      if (current.id !== '0' && row?.hash !== current.hash)
        return conflict(
          `audit entry ${current.id} no longer has the hash recorded in the checkpoint ${deps.file}: the chain was rewritten; the checkpoint is kept`,
        );
      if (next.id === current.id) return 'unchanged';
    }
    writeAtomically(deps.file, `${JSON.stringify(next, null, 2)}\n`);
    lastConflict = '';
    return 'written';
  }

  function conflict(message: string): 'conflict' {
    // Said once per distinct problem, not after every append.
    if (message !== lastConflict) deps.log.error({ checkpoint: deps.file }, message);
    lastConflict = message;
    return 'conflict';
  }

  const run = () => {
    const p = chain.then(write);
    chain = p.catch((err) => deps.log.warn({ err, checkpoint: deps.file }, 'could not write the audit checkpoint'));
    return p;
  };

  return {
    /** After an append: writes within debounceMs, once for a burst of appends. */
    schedule() {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        void run().catch(() => {});
      }, debounceMs);
      timer.unref();
    },
    /** Writes now (at start, at shutdown, after a CLI command). */
    flush(): Promise<'written' | 'unchanged' | 'conflict'> {
      if (timer) clearTimeout(timer);
      timer = null;
      return run();
    },
    /** Stops a pending write and waits for one in progress. */
    async close() {
      if (timer) clearTimeout(timer);
      timer = null;
      await chain;
    },
  };
}
