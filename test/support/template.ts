// Builds, once per test run, the migrated and seeded database every test file then copies (seededDb in
// db.ts): on PostgreSQL (TEST_DATABASE_URL) a database named by the first argument, marked as a template;
// on PGlite its data directory, in the directory named by the first argument (or, if that names a file, a
// dump of it). Creating and seeding took about 8 s of each test file; a copy takes a fraction of a second.
import { existsSync, statSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { openDb } from '../../src/db/client.ts';
import { migrateAndSeed, onPostgres, withTestAuditKey } from './db.ts';

const target = process.argv[2];
if (!target) throw new Error('usage: template.ts <template database name | dump file>');

if (onPostgres) {
  if (!/^[a-z_][a-z0-9_]*$/.test(target)) throw new Error(`bad template name ${target}`);
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${target}`);
  await admin.query(`create database ${target}`);
  const url = new URL(process.env.TEST_DATABASE_URL as string);
  url.pathname = `/${target}`;
  const db = withTestAuditKey(await openDb({ url: url.toString() }));
  await migrateAndSeed(db);
  await db.close();
  await admin.query(`alter database ${target} is_template true`);
  await admin.end();
} else if (existsSync(target) && statSync(target).isDirectory()) {
  // A data directory each test file copies (seededDb): copying it and opening the copy is faster than
  // loading a dump into memory, and the copy's queries run as fast (bench/test-setup.ts).
  const db = withTestAuditKey(await openDb({ dataDir: target }));
  await migrateAndSeed(db);
  await db.close();
} else {
  const db = withTestAuditKey(await openDb({ memory: true }));
  await migrateAndSeed(db);
  const dump = await (db.dump as () => Promise<Blob>)();
  writeFileSync(target, Buffer.from(await dump.arrayBuffer()));
  await db.close();
}
