// The database layer: migrations apply once, statements split safely, transactions roll back, the lock holds.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { emptyDb } from '../../test/support/db.ts';
import { acquireDirLock, DataDirLockedError } from './lock.ts';
import { listMigrations, migrate, pendingMigrations, splitStatements } from './migrate.ts';

test('migrations apply once and leave nothing pending', async () => {
  const db = await emptyDb();
  try {
    assert.deepEqual(await migrate(db), listMigrations());
    assert.deepEqual(await migrate(db), []);
    assert.deepEqual(await pendingMigrations(db), []);
  } finally {
    await db.dispose();
  }
});

test('a failed transaction changes nothing', async () => {
  const db = await emptyDb();
  try {
    await migrate(db);
    await assert.rejects(
      db.transaction(async (tx) => {
        await tx.query("insert into glossary_terms (slug, term, definition) values ('x', 'X', 'y')");
        await tx.query('select 1/0');
      }),
    );
    assert.equal((await db.query<{ n: number }>('select count(*)::int as n from glossary_terms'))[0].n, 0);
  } finally {
    await db.dispose();
  }
});

test('statements split on trailing semicolons, comments dropped', () => {
  assert.deepEqual(splitStatements('-- note\ncreate table a (x int);\n\ncreate index i on a (x);\n'), [
    'create table a (x int)',
    'create index i on a (x)',
  ]);
});

test('the data directory lock refuses a second opener until released', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cn-lock-'));
  try {
    const lock = acquireDirLock(dir);
    assert.throws(() => acquireDirLock(dir), DataDirLockedError);
    lock.release();
    acquireDirLock(dir).release();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
