// The audit chain's checkpoint: its head at a moment, signed with the audit key and kept outside the
// database (a file the platform keeps current, or one an administrator downloads). verifyAudit() compares
// the chain with it to catch what the chain alone cannot: entries removed from its end.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { Queryable } from '../db/client.ts';
import { canonicalJson, GENESIS, keyFingerprint } from './audit.ts';

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
