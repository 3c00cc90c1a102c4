// A migrated, seeded database for a test file: PGlite in memory by default, or a fresh database on the
// PostgreSQL server named by TEST_DATABASE_URL (scripts/test.sh starts a throwaway cluster for that run).
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { type Db, openDb, type Queryable } from '../../src/db/client.ts';
import { migrate } from '../../src/db/migrate.ts';
import { canonicalJson, GENESIS, withAudit } from '../../src/platform/audit.ts';
import { seedContent, seedDemo } from '../../src/seed.ts';

export const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

/** The audit chain's key in tests (in production it comes from AUDIT_KEY or AUDIT_KEY_FILE). */
export const TEST_AUDIT_KEY = Buffer.alloc(32, 'cybernorms test audit key');

/** A database handle that writes audit entries with the test key (for tests that open their own). */
export const withTestAuditKey = <D extends Db>(db: D): D => withAudit(db, { key: TEST_AUDIT_KEY });

/** Creates an empty database on the test server and returns its URL and a function that drops it. */
export async function createPostgresDatabase(template?: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = process.env.TEST_DATABASE_URL as string;
  const name = `cn_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  if (template && !/^[a-z_][a-z0-9_]*$/.test(template)) throw new Error(`bad template name ${template}`);
  await client.query(`create database ${name}${template ? ` template ${template}` : ''}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** Opens an empty database of the mode under test. */
export async function emptyDb(): Promise<Db & { dispose: () => Promise<void> }> {
  if (!onPostgres) {
    const db = withTestAuditKey(await openDb({ memory: true }));
    return Object.assign(db, { dispose: () => db.close() });
  }
  const { url, drop } = await createPostgresDatabase();
  const db = withTestAuditKey(await openDb({ url }));
  return Object.assign(db, {
    dispose: async () => {
      await db.close();
      await drop();
    },
  });
}

/** Migrates and seeds a database: knowledge, registry and demo accounts. */
export async function migrateAndSeed(db: Db) {
  await migrate(db);
  await seedContent(db, { actor: 'system:test', origin: 'test' });
  await seedDemo(db, { actor: 'system:test', origin: 'test' });
}

/**
 * A migrated, seeded database of the mode under test. `npm test` builds one once per run
 * (test/support/template.ts) and each test file starts from a copy: a database created from the template
 * on PostgreSQL (TEST_TEMPLATE_DB), a copy of the template's data directory on PGlite (TEST_PGLITE_TEMPLATE;
 * a file there is a dump, loaded into memory).
 * Run alone, a test file builds its own.
 */
export async function seededDb(): Promise<Db & { dispose: () => Promise<void> }> {
  const template = onPostgres ? process.env.TEST_TEMPLATE_DB : process.env.TEST_PGLITE_TEMPLATE;
  if (!template) {
    const db = await emptyDb();
    await migrateAndSeed(db);
    return db;
  }
  if (!onPostgres && statSync(template).isDirectory()) {
    // A copy of the template's data directory, beside it (scripts/test.sh removes them all at the end, even
    // those of a file that did not dispose of its database).
    const dir = mkdtempSync(path.join(path.dirname(path.resolve(template)), 'copy-'));
    cpSync(path.join(template, 'pgdata'), path.join(dir, 'pgdata'), { recursive: true });
    const db = withTestAuditKey(await openDb({ dataDir: dir }));
    return Object.assign(db, {
      dispose: async () => {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    });
  }
  if (!onPostgres) {
    const db = withTestAuditKey(await openDb({ memory: true, load: new Blob([readFileSync(template)]) }));
    return Object.assign(db, { dispose: () => db.close() });
  }
  const { url, drop } = await createPostgresDatabase(template);
  const db = withTestAuditKey(await openDb({ url }));
  return Object.assign(db, {
    dispose: async () => {
      await db.close();
      await drop();
    },
  });
}

/**
 * What someone with write access to the database but not the key can do: recompute every hash after
 * `fromId` (plain SHA-256, or an HMAC under a key of their own), so that every link matches again.
 */
export async function recomputeChain(
  q: Queryable,
  opts: { fromId: string; alg: 'sha256' | 'hmac-sha256'; label?: string; hmacKey?: Buffer },
) {
  const rows = await q.query<{
    id: string;
    at: Date;
    actor: string;
    action: string;
    entity: string;
    entity_id: string | null;
    origin: string;
    details: unknown;
  }>('select id::text as id, at, actor, action, entity, entity_id, origin, details from audit_log order by audit_log.id');
  let prev = GENESIS;
  for (const r of rows) {
    if (BigInt(r.id) < BigInt(opts.fromId)) {
      prev = (await q.query<{ hash: string }>('select hash from audit_log where id = $1::bigint', [r.id]))[0].hash;
      continue;
    }
    const body = canonicalJson({
      at: new Date(r.at).toISOString(),
      actor: r.actor,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      origin: r.origin,
      details: r.details,
    });
    const h = opts.alg === 'sha256' ? createHash('sha256') : createHmac('sha256', opts.hmacKey as Buffer);
    const hash = h.update(prev).update('\n').update(body).digest('hex');
    await q.query('update audit_log set prev_hash = $2, hash = $3, hash_alg = $4 where id = $1::bigint', [
      r.id,
      prev,
      `tmp-${r.id}`, // hashes are unique: a placeholder first, the real one below
      opts.label ?? opts.alg,
    ]);
    await q.query('update audit_log set hash = $2 where id = $1::bigint', [r.id, hash]);
    prev = hash;
  }
}
