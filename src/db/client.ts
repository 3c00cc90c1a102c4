// One database interface over two drivers: PGlite (embedded, ./data) and a PostgreSQL server (DATABASE_URL).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { acquireDirLock, type DirLock } from './lock.ts';

export interface Queryable {
  /** Runs one parameterised statement and returns its rows. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** The audit chain's key and append hook, set by withAudit() in platform/audit.ts (and on its transactions). */
  readonly audit?: AuditBinding;
}

export interface AuditBinding {
  /** The HMAC key of the audit chain, kept outside the database. */
  readonly key: Buffer;
  /** Told after an entry is appended (after commit, for a transaction). */
  readonly appended?: () => void;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs fn in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs a script of several statements (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
  /** PGlite only: the whole data directory as a tar archive, to start another database from (tests). */
  dump?(): Promise<Blob>;
  /**
   * PostgreSQL only: calls onMessage with each NOTIFY payload on the channel, from any instance, on a
   * connection of its own that reconnects after a loss. Resolves with a function that stops listening.
   */
  listen?(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
}

/** `load`: an in-memory database starts from this dump of another's data directory (tests copy a seeded one). */
export type DbTarget = { url: string } | { dataDir: string } | { memory: true; load?: Blob };

/** Opens the database the configuration names: a PostgreSQL server if a URL is given, else PGlite. */
export async function openDb(target: DbTarget): Promise<Db> {
  if ('url' in target) return openPostgres(target.url);
  if ('memory' in target) return wrapPglite(await PGlite.create(target.load ? { loadDataDir: target.load } : {}), null);
  mkdirSync(target.dataDir, { recursive: true });
  // PGlite does not stop a second process from opening the same directory, and writes get lost if one does.
  const lock = acquireDirLock(target.dataDir);
  try {
    return wrapPglite(await PGlite.create(path.join(target.dataDir, 'pgdata')), lock);
  } catch (err) {
    lock.release();
    throw err;
  }
}

function wrapPglite(pglite: PGlite, lock: DirLock | null): Db {
  return {
    kind: 'pglite',
    async query(text, params) {
      return (await pglite.query(text, params as unknown[])).rows as never;
    },
    transaction(fn) {
      return pglite.transaction((tx) =>
        fn({ query: async (text, params) => (await tx.query(text, params as unknown[])).rows as never }),
      );
    },
    async exec(sql) {
      await pglite.exec(sql);
    },
    async close() {
      await pglite.close();
      lock?.release();
    },
    dump: () => pglite.dumpDataDir('none'),
  };
}

function openPostgres(url: string): Db {
  const pool = new pg.Pool({ connectionString: url, max: 10, idleTimeoutMillis: 30_000 });
  // An idle client losing its server (restart, outage) must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  return {
    kind: 'postgres',
    async query(text, params) {
      return (await pool.query(text, params as unknown[])).rows;
    },
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await fn({ query: async (text, params) => (await client.query(text, params as unknown[])).rows });
        await client.query('commit');
        return result;
      } catch (err) {
        await client.query('rollback').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    async exec(sql) {
      await pool.query(sql);
    },
    async close() {
      await pool.end();
    },
    async listen(channel, onMessage) {
      if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`bad channel name ${channel}`);
      let client: pg.Client | null = null;
      let stopped = false;
      const connect = async (): Promise<void> => {
        if (stopped) return;
        const c = new pg.Client({ connectionString: url });
        c.on('notification', (n) => {
          if (n.channel === channel && n.payload !== undefined) onMessage(n.payload);
        });
        c.on('error', () => {
          // The server went away: listen again once it is back.
          if (client === c) client = null;
          c.end().catch(() => {});
          if (!stopped) setTimeout(() => void connect().catch(() => {}), 1000).unref();
        });
        try {
          await c.connect();
          await c.query(`listen ${channel}`);
          client = c;
        } catch {
          await c.end().catch(() => {});
          if (!stopped) setTimeout(() => void connect().catch(() => {}), 1000).unref();
        }
      };
      await connect();
      return async () => {
        stopped = true;
        await client?.end().catch(() => {});
      };
    },
  };
}
