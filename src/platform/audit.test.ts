// The audit chain: entries append in the writer's transaction, keyed with a key kept outside the database;
// verify names the first tampered entry, and with a checkpoint of the head also finds entries removed from
// the end and a chain recomputed by someone without the key.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { emptyDb, recomputeChain, seededDb, TEST_AUDIT_KEY } from '../../test/support/db.ts';
import type { Queryable } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import {
  type AuditCheckpoint,
  canonicalJson,
  createCheckpointWriter,
  GENESIS,
  keyMatchesChain,
  loadAuditKey,
  parseAuditKey,
  parseCheckpoint,
  recordAudit,
  takeCheckpoint,
  verifyAudit,
} from './audit.ts';

let db: Awaited<ReturnType<typeof seededDb>>;
before(async () => {
  db = await seededDb();
});
after(() => db.dispose());

const entry = (n: number) => ({
  actor: 'system:test',
  action: 'test.write',
  entity: 'thing',
  entityId: String(n),
  origin: '127.0.0.1',
  details: { n, nested: { b: 1, a: [1, 'x'] } },
});

/** A fresh seeded database with n more entries, for a test that tampers with it. */
async function freshWith(n: number) {
  const fresh = await seededDb();
  for (let i = 0; i < n; i++) await fresh.transaction((tx) => recordAudit(tx, entry(i)));
  return fresh;
}

const ids = async (q: Queryable) =>
  (await q.query<{ id: string }>('select id::text as id from audit_log order by audit_log.id')).map((r) => r.id);

const failure = (v: Awaited<ReturnType<typeof verifyAudit>>) => (v.ok ? '' : v.reason);

test('the seed is audited, and entries chain from the genesis hash, keyed', async () => {
  const rows = await db.query<{ action: string; prev_hash: string; hash_alg: string }>(
    'select action, prev_hash, hash_alg from audit_log order by id',
  );
  assert.equal(rows[0].action, 'knowledge.seed');
  assert.equal(rows[0].prev_hash, GENESIS);
  assert.ok(rows.every((r) => r.hash_alg === 'hmac-sha256'));
  // More than ten entries: ids must be walked in numeric order, not as text ('10' sorts before '2').
  for (let n = 0; n < 12; n++) await db.transaction((tx) => recordAudit(tx, entry(n)));
  const verdict = await verifyAudit(db);
  assert.equal(verdict.ok, true, failure(verdict));
  assert.equal(verdict.entries, rows.length + 12);
  assert.equal(verdict.legacy, 0);
});

test('an honest chain verifies against a checkpoint of its head, and after more entries', async () => {
  const fresh = await freshWith(3);
  try {
    const cp = await takeCheckpoint(fresh, TEST_AUDIT_KEY);
    assert.deepEqual(await verifyAudit(fresh, { checkpoint: cp }), {
      ok: true,
      entries: (await ids(fresh)).length,
      legacy: 0,
      head: { id: cp.id, hash: cp.hash },
      checkpoint: 'matched',
    });
    await fresh.transaction((tx) => recordAudit(tx, entry(9)));
    const later = await verifyAudit(fresh, { checkpoint: cp });
    assert.equal(later.ok, true, failure(later));
  } finally {
    await fresh.dispose();
  }
});

test('no entry is ever written without the key', async () => {
  await assert.rejects(
    db.transaction((tx) => recordAudit({ query: tx.query }, entry(1))),
    /no audit key/,
  );
});

test('an entry written in a transaction that fails is not kept', async () => {
  await assert.rejects(
    db.transaction(async (tx) => {
      await recordAudit(tx, entry(99));
      throw new Error('the change failed');
    }),
  );
  assert.equal((await db.query<{ n: number }>("select count(*)::int as n from audit_log where entity_id = '99'"))[0].n, 0);
  assert.equal((await verifyAudit(db)).ok, true);
});

test('editing one entry directly in the database is found, and named', async () => {
  const [{ id }] = await db.query<{ id: string }>("select id::text as id from audit_log where entity_id = '2'");
  await db.query('update audit_log set details = \'{"n": 2, "forged": true}\' where id = $1', [id]);
  const verdict = await verifyAudit(db);
  assert.equal(verdict.ok, false);
  assert.equal(!verdict.ok && verdict.brokenId, id);
  assert.match(failure(verdict), /edited/);
});

test('deleting an entry from the middle breaks the link of the next one', async () => {
  const fresh = await freshWith(3);
  try {
    const all = await ids(fresh);
    await fresh.query('delete from audit_log where id = $1', [all[all.length - 2]]);
    const verdict = await verifyAudit(fresh);
    assert.equal(!verdict.ok && verdict.brokenId, all[all.length - 1]);
  } finally {
    await fresh.dispose();
  }
});

test('deleting the last entries is found by the checkpoint', async () => {
  const fresh = await freshWith(4);
  try {
    const cp = await takeCheckpoint(fresh, TEST_AUDIT_KEY);
    const all = await ids(fresh);
    await fresh.query('delete from audit_log where id >= $1::bigint', [all[all.length - 2]]);
    // The chain alone cannot tell: what is left is a valid, shorter chain.
    assert.equal((await verifyAudit(fresh)).ok, true);
    const verdict = await verifyAudit(fresh, { checkpoint: cp });
    assert.equal(verdict.ok, false);
    assert.equal(!verdict.ok && verdict.brokenId, cp.id);
    assert.match(
      failure(verdict),
      new RegExp(`ends at entry ${all[all.length - 3]}.*records entry ${cp.id}: entries were removed from the end`),
    );
  } finally {
    await fresh.dispose();
  }
});

test('deleting the last entries and appending new ones in their place is found by the checkpoint', async () => {
  const fresh = await freshWith(3);
  try {
    const cp = await takeCheckpoint(fresh, TEST_AUDIT_KEY);
    await fresh.query('delete from audit_log where id = $1::bigint', [cp.id]);
    // Even written with the key (by the platform itself), the new entries do not bring the old head back.
    for (let i = 0; i < 3; i++) await fresh.transaction((tx) => recordAudit(tx, entry(50 + i)));
    assert.equal((await verifyAudit(fresh)).ok, true);
    const verdict = await verifyAudit(fresh, { checkpoint: cp });
    assert.match(failure(verdict), new RegExp(`entry ${cp.id}, the head recorded by the checkpoint .* is missing`));
  } finally {
    await fresh.dispose();
  }
});

test('deleting middle entries and recomputing the rest with plain SHA-256 is found, even without a checkpoint', async () => {
  const fresh = await freshWith(5);
  try {
    const all = await ids(fresh);
    const victim = all[all.length - 3];
    await fresh.query('delete from audit_log where id = $1::bigint', [victim]);
    // Recomputed, still labelled keyed: the HMAC does not match.
    await recomputeChain(fresh, { fromId: victim, alg: 'sha256', label: 'hmac-sha256' });
    const labelledKeyed = await verifyAudit(fresh);
    assert.equal(!labelledKeyed.ok && labelledKeyed.brokenId, all[all.length - 2]);
    assert.match(failure(labelledKeyed), /recomputed without the key/);
    // Recomputed and labelled as entries from before the key: unkeyed entries after keyed ones are refused.
    await recomputeChain(fresh, { fromId: victim, alg: 'sha256' });
    const labelledLegacy = await verifyAudit(fresh);
    assert.equal(!labelledLegacy.ok && labelledLegacy.brokenId, all[all.length - 2]);
    assert.match(failure(labelledLegacy), /hashed without the audit key after keyed entries/);
  } finally {
    await fresh.dispose();
  }
});

test('recomputing the whole chain as if it were all from before the key is found by the checkpoint', async () => {
  const fresh = await freshWith(3);
  try {
    const cp = await takeCheckpoint(fresh, TEST_AUDIT_KEY);
    const all = await ids(fresh);
    await fresh.query('delete from audit_log where id = $1::bigint', [all[1]]);
    await recomputeChain(fresh, { fromId: '0', alg: 'sha256' });
    const alone = await verifyAudit(fresh);
    // On its own it looks like an old database that never had a key: said so, with the count.
    assert.equal(alone.ok && alone.legacy, all.length - 1);
    const verdict = await verifyAudit(fresh, { checkpoint: cp });
    assert.equal(verdict.ok, false);
    assert.match(failure(verdict), /checkpoint/);
  } finally {
    await fresh.dispose();
  }
});

test('deleting middle entries and recomputing the rest with a wrong key is found', async () => {
  const fresh = await freshWith(4);
  try {
    const all = await ids(fresh);
    await fresh.query('delete from audit_log where id = $1::bigint', [all[2]]);
    await recomputeChain(fresh, { fromId: all[2], alg: 'hmac-sha256', hmacKey: Buffer.alloc(32, 'not the key') });
    const verdict = await verifyAudit(fresh);
    assert.equal(!verdict.ok && verdict.brokenId, all[3]);
    assert.match(failure(verdict), /does not match its content under the audit key/);
    assert.equal(await keyMatchesChain(fresh, TEST_AUDIT_KEY), false);
    assert.equal(await keyMatchesChain(fresh, Buffer.alloc(32, 'not the key')), true);
  } finally {
    await fresh.dispose();
  }
});

test('a database from before the key: its unkeyed entries verify before the first keyed one, and are counted', async () => {
  const old = await emptyDb();
  try {
    await migrate(old);
    // Three entries as the platform wrote them before migration 0008 (plain SHA-256, marked so by it).
    let prev = GENESIS;
    for (let n = 0; n < 3; n++) {
      const e = { at: new Date(Date.UTC(2025, 0, n + 1)).toISOString(), ...entry(n), entityId: String(n) };
      const body = canonicalJson({
        at: e.at,
        actor: e.actor,
        action: e.action,
        entity: e.entity,
        entityId: e.entityId,
        origin: e.origin,
        details: e.details,
      });
      const hash = createHash('sha256').update(prev).update('\n').update(body).digest('hex');
      await old.query(
        `insert into audit_log (at, actor, action, entity, entity_id, origin, details, prev_hash, hash, hash_alg)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'sha256')`,
        [e.at, e.actor, e.action, e.entity, e.entityId, e.origin, JSON.stringify(e.details), prev, hash],
      );
      prev = hash;
    }
    assert.equal(await keyMatchesChain(old, TEST_AUDIT_KEY), null);
    for (let n = 3; n < 5; n++) await old.transaction((tx) => recordAudit(tx, entry(n)));
    const verdict = await verifyAudit(old);
    assert.equal(verdict.ok, true, failure(verdict));
    assert.equal(verdict.entries, 5);
    assert.equal(verdict.legacy, 3);
    const cp = await takeCheckpoint(old, TEST_AUDIT_KEY);
    assert.equal(cp.legacy, 3);
    assert.equal((await verifyAudit(old, { checkpoint: cp })).ok, true);
    assert.equal(await keyMatchesChain(old, TEST_AUDIT_KEY), true);
  } finally {
    await old.dispose();
  }
});

test('checkpoints are signed: an edited one, or one checked with another key, is refused', async () => {
  const cp = await takeCheckpoint(db, TEST_AUDIT_KEY);
  const text = JSON.stringify(cp);
  assert.deepEqual(parseCheckpoint(text, TEST_AUDIT_KEY), { ok: true, checkpoint: cp });
  const edited = parseCheckpoint(JSON.stringify({ ...cp, id: String(Number(cp.id) - 1) }), TEST_AUDIT_KEY);
  assert.match(!edited.ok ? edited.reason : '', /signature does not match/);
  const otherKey = parseCheckpoint(text, Buffer.alloc(32, 'other'));
  assert.match(!otherKey.ok ? otherKey.reason : '', /another audit key/);
  assert.match((parseCheckpoint('{"id": 1}', TEST_AUDIT_KEY) as { reason: string }).reason, /not a cybernorms audit checkpoint/);
});

test('the checkpoint file follows the head, atomically, and never moves backwards', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cn-audit-'));
  const fresh = await freshWith(2);
  const logged: string[] = [];
  const log = {
    error: (_o: object, m: string) => logged.push(`error ${m}`),
    warn: (_o: object, m: string) => logged.push(`warn ${m}`),
  };
  try {
    const file = path.join(dir, 'audit.checkpoint');
    const writer = createCheckpointWriter({ db: fresh, key: TEST_AUDIT_KEY, file, log, debounceMs: 10 });
    assert.equal(await writer.flush(), 'written');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const read = () => JSON.parse(readFileSync(file, 'utf8')) as AuditCheckpoint;
    assert.equal(read().id, (await ids(fresh)).at(-1));
    assert.equal(await writer.flush(), 'unchanged');

    // Appends move it forward (debounced).
    await fresh.transaction((tx) => recordAudit(tx, entry(7)));
    writer.schedule();
    writer.schedule();
    await new Promise((r) => setTimeout(r, 60));
    await writer.close();
    const head = (await ids(fresh)).at(-1);
    assert.equal(read().id, head);

    // The last entry removed: the checkpoint stays where it was, and an error is logged once.
    await fresh.query('delete from audit_log where id = $1::bigint', [head]);
    const before = readFileSync(file, 'utf8');
    assert.equal(await writer.flush(), 'conflict');
    assert.equal(await writer.flush(), 'conflict');
    assert.equal(readFileSync(file, 'utf8'), before);
    assert.equal(logged.filter((l) => l.startsWith('error')).length, 1);
    assert.match(logged[0], /behind the checkpoint's entry .*removed from the end/);

    // Removed and replaced by a new entry with the same id count: the hash check holds it too.
    await fresh.transaction((tx) => recordAudit(tx, entry(8)));
    await fresh.query('update audit_log set id = $1::bigint where id = (select max(id) from audit_log)', [head]);
    assert.equal(await writer.flush(), 'conflict');
    assert.match(logged.at(-1) ?? '', /no longer has the hash/);
    assert.equal(readFileSync(file, 'utf8'), before);

    // A checkpoint file that was edited is not overwritten either.
    writeFileSync(file, before.replace(/"legacy": 0/, '"legacy": 1'));
    assert.equal(await writer.flush(), 'conflict');
    assert.match(logged.at(-1) ?? '', /cannot be used/);
  } finally {
    await fresh.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the key file is made once, readable by its owner only; keys are hex or base64 of 32 bytes or more', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cn-key-'));
  try {
    const file = path.join(dir, 'sub', 'audit.key');
    assert.throws(() => loadAuditKey({ file, create: false }), /does not exist/);
    const made = loadAuditKey({ file, create: true });
    assert.equal(made.created, true);
    assert.equal(made.key.length, 32);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const again = loadAuditKey({ file, create: true });
    assert.equal(again.created, false);
    assert.deepEqual(again.key, made.key);
    assert.equal(loadAuditKey({ key: TEST_AUDIT_KEY, file, create: false }).key, TEST_AUDIT_KEY);
    assert.equal(parseAuditKey('ab'.repeat(31)), null);
    assert.equal(parseAuditKey(Buffer.alloc(32, 1).toString('base64'))?.length, 32);
    assert.equal(parseAuditKey('not a key at all, not at all, not at all'), null);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('canonical JSON ignores key order at every depth', () => {
  assert.equal(
    canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 0 }], c: null } }),
    canonicalJson({ a: { c: null, d: [2, { x: 0, y: 1 }] }, b: 1 }),
  );
});

test('details with undefined values verify (they are stored, and hashed, without them)', async () => {
  const fresh = await seededDb();
  try {
    await fresh.transaction((tx) =>
      recordAudit(tx, { ...entry(7), details: { kept: 1, dropped: undefined, nested: { gone: undefined } } }),
    );
    assert.equal((await verifyAudit(fresh)).ok, true);
  } finally {
    await fresh.dispose();
  }
});
