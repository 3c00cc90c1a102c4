// The audit chain: entries append in the writer's transaction, and verify names the first tampered entry.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { seededDb } from '../../test/support/db.ts';
import { canonicalJson, GENESIS, recordAudit, verifyAudit } from './audit.ts';

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

test('the seed is audited, and entries chain from the genesis hash', async () => {
  const rows = await db.query<{ action: string; prev_hash: string }>('select action, prev_hash from audit_log order by id');
  assert.equal(rows[0].action, 'knowledge.seed');
  assert.equal(rows[0].prev_hash, GENESIS);
  // More than ten entries: ids must be walked in numeric order, not as text ('10' sorts before '2').
  for (let n = 0; n < 12; n++) await db.transaction((tx) => recordAudit(tx, entry(n)));
  assert.deepEqual(await verifyAudit(db), { ok: true, entries: rows.length + 12 });
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
  assert.match(!verdict.ok ? verdict.reason : '', /edited/);
});

test('deleting an entry from the middle breaks the link of the next one', async () => {
  const fresh = await seededDb();
  try {
    for (let n = 0; n < 3; n++) await fresh.transaction((tx) => recordAudit(tx, entry(n)));
    const ids = (await fresh.query<{ id: string }>('select id::text as id from audit_log order by id')).map((r) => r.id);
    await fresh.query('delete from audit_log where id = $1', [ids[1]]);
    const verdict = await verifyAudit(fresh);
    assert.equal(!verdict.ok && verdict.brokenId, ids[2]);
  } finally {
    await fresh.dispose();
  }
});

test('canonical JSON ignores key order at every depth', () => {
  assert.equal(
    canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 0 }], c: null } }),
    canonicalJson({ a: { c: null, d: [2, { x: 0, y: 1 }] }, b: 1 }),
  );
});

test('details with undefined values verify (they are stored, and hashed, without them)', async () => {
  await db.transaction((tx) =>
    recordAudit(tx, { ...entry(7), details: { kept: 1, dropped: undefined, nested: { gone: undefined } } }),
  );
  assert.equal((await verifyAudit(db)).ok, false, 'the chain was already broken by the edit test above');
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
