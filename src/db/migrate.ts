// Applies the SQL files in db/migrations in name order, each once, each in its own transaction.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Db } from './client.ts';

const dir = fileURLToPath(new URL('./migrations/', import.meta.url));

/** The migration files shipped with this build, in order. */
export function listMigrations(): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
}

/** Applies pending migrations; returns the names it applied. */
export async function migrate(db: Db): Promise<string[]> {
  await db.exec(
    'create table if not exists schema_migrations (name text primary key, applied_at timestamptz not null default now())',
  );
  const done = new Set((await db.query<{ name: string }>('select name from schema_migrations')).map((r) => r.name));
  const applied: string[] = [];
  for (const name of listMigrations()) {
    if (done.has(name)) continue;
    const sql = readFileSync(dir + name, 'utf8');
    await db.transaction(async (tx) => {
      // Statement by statement: PGlite refuses several statements in one parameterised query.
      for (const statement of splitStatements(sql)) await tx.query(statement);
      await tx.query('insert into schema_migrations (name) values ($1)', [name]);
    });
    applied.push(name);
  }
  return applied;
}

/** Names of shipped migrations not yet applied (empty when the schema is current). */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const rows = await db.query<{ name: string }>('select name from schema_migrations');
  const done = new Set(rows.map((r) => r.name));
  return listMigrations().filter((m) => !done.has(m));
}

/** Splits a migration on lines that end with ';' (our migrations keep one statement per block). */
export function splitStatements(sql: string): string[] {
  return sql
    .replace(/^\s*--.*$/gm, '')
    .split(/;\s*$/m)
    .map((s) => s.trim())
    .filter(Boolean);
}
