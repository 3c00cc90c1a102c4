// One database interface over two drivers: PGlite (embedded, ./data) and a PostgreSQL server (DATABASE_URL).
import { closeSync, fsyncSync, mkdirSync, openSync, statfsSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';
import { type Config, DEFAULTS } from '../config.ts';
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
  /**
   * Whether the database can serve now, answered without waiting on it: PostgreSQL is down while a server
   * that stopped answering has not answered a probe since; PGlite while its disk was full at the last write
   * and space has not returned. `problem` says what is wrong, for /readyz and the logs.
   */
  health?(): Promise<{ ok: boolean; problem?: string }>;
  /** PGlite only: the whole data directory as a tar archive, to start another database from (tests). */
  dump?(): Promise<Blob>;
  /**
   * PostgreSQL only: calls onMessage with each NOTIFY payload on the channel, from any instance, on a
   * connection of its own that reconnects after a loss. NOTIFYs sent while it was away are not heard:
   * onReconnect is called once it listens again, so the listener can catch up from the database.
   * Resolves with a function that stops listening.
   */
  listen?(channel: string, onMessage: (payload: string) => void, onReconnect?: () => void): Promise<() => Promise<void>>;
}

/** How long PostgreSQL may take: to connect, to hand out a pooled connection, to run one statement. */
export interface DbTimeouts {
  connectMs: number;
  acquireMs: number;
  statementMs: number;
}

/** The configured timeouts (DB_*_TIMEOUT_SECONDS). */
export function dbTimeouts(
  config: Pick<Config, 'DB_CONNECT_TIMEOUT_SECONDS' | 'DB_ACQUIRE_TIMEOUT_SECONDS' | 'DB_STATEMENT_TIMEOUT_SECONDS'> = DEFAULTS,
): DbTimeouts {
  return {
    connectMs: Math.round(config.DB_CONNECT_TIMEOUT_SECONDS * 1000),
    acquireMs: Math.round(config.DB_ACQUIRE_TIMEOUT_SECONDS * 1000),
    statementMs: Math.round(config.DB_STATEMENT_TIMEOUT_SECONDS * 1000),
  };
}

/**
 * The database cannot answer now (no connection in time, a statement past its time, a server that answers
 * nothing, a full disk): the request may be tried again later, so it is answered 503 with Retry-After.
 */
export class DbUnavailableError extends Error {
  readonly code: string;
  constructor(message: string, opts: { cause?: unknown; code?: string } = {}) {
    super(message, { cause: opts.cause });
    this.code = opts.code ?? 'DB_UNAVAILABLE';
  }
}

/**
 * The extensions every PGlite instance loads, whoever opens it (the server, a restore, tests): a data
 * directory whose schema uses one (pg_trgm, for search suggestions) cannot be queried without it.
 */
export const PGLITE_EXTENSIONS = { pg_trgm };

/** `load`: an in-memory database starts from this dump of another's data directory (tests copy a seeded one). */
export type DbTarget = { url: string; timeouts?: DbTimeouts } | { dataDir: string } | { memory: true; load?: Blob };

/** Opens the database the configuration names: a PostgreSQL server if a URL is given, else PGlite. */
/** A driver's timeout, said as the database being unavailable; any other error as it is. */
function unavailable(err: unknown): unknown {
  if (err instanceof DbUnavailableError) return err;
  const message = (err as Error)?.message ?? '';
  if ((err as { code?: string })?.code === '57014' && /statement timeout/i.test(message))
    return new DbUnavailableError('a statement ran past DB_STATEMENT_TIMEOUT_SECONDS', { cause: err });
  if (/Query read timeout|timeout expired|connection timeout|timeout exceeded when trying to connect/i.test(message))
    return new DbUnavailableError(`the database did not answer in time (${message})`, { cause: err });
  return err;
}

export async function openDb(target: DbTarget): Promise<Db> {
  if ('url' in target) return openPostgres(target.url, target.timeouts ?? dbTimeouts());
  if ('memory' in target)
    return wrapPglite(
      await PGlite.create({ extensions: PGLITE_EXTENSIONS, ...(target.load ? { loadDataDir: target.load } : {}) }),
      null,
    );
  mkdirSync(target.dataDir, { recursive: true });
  // PGlite does not stop a second process from opening the same directory, and writes get lost if one does.
  const lock = acquireDirLock(target.dataDir);
  try {
    const dataDir = path.join(target.dataDir, 'pgdata');
    return wrapPglite(await PGlite.create({ dataDir, extensions: PGLITE_EXTENSIONS }), lock, dataDir);
  } catch (err) {
    lock.release();
    throw err;
  }
}

/** SQLSTATE disk_full, as PGlite (and PostgreSQL) say it when a file cannot grow. */
const DISK_FULL = '53100';
const isDiskFull = (err: unknown) => {
  const e = err as { code?: string; message?: string } | null;
  return e?.code === DISK_FULL || /No space left on device/i.test(e?.message ?? '');
};
/** Free space (bytes) the data directory must have again before a full disk counts as over. */
const SPACE_NEEDED = 4 * 1024 * 1024;

function wrapPglite(pglite: PGlite, lock: DirLock | null, dir: string | null = null): Db {
  // A write that found the disk full marks the database unable to write until a probe finds space again:
  // room on the file system, and a file of a megabyte written, synced and removed beside the data.
  let diskFull: string | null = null;
  let probedAt = 0;
  const watch = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (err) {
      if (!isDiskFull(err)) throw err;
      diskFull = (err as Error).message;
      throw new DbUnavailableError(`the embedded database cannot write: ${diskFull}`, { cause: err, code: DISK_FULL });
    }
  };
  const spaceReturned = () => {
    if (!dir) return true;
    const probe = path.join(dir, '.space-probe');
    try {
      const fs = statfsSync(dir);
      if (fs.bavail * fs.bsize < SPACE_NEEDED) return false;
      const fd = openSync(probe, 'w');
      try {
        writeSync(fd, Buffer.alloc(1024 * 1024));
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      return true;
    } catch {
      return false;
    } finally {
      try {
        unlinkSync(probe);
      } catch {}
    }
  };
  return {
    kind: 'pglite',
    query(text, params) {
      return watch(async () => (await pglite.query(text, params as unknown[])).rows as never);
    },
    transaction(fn) {
      return watch(() =>
        pglite.transaction((tx) =>
          fn({ query: async (text, params) => (await tx.query(text, params as unknown[])).rows as never }),
        ),
      );
    },
    exec(sql) {
      return watch(async () => {
        await pglite.exec(sql);
      });
    },
    async health() {
      if (diskFull && Date.now() - probedAt >= 1000) {
        probedAt = Date.now();
        if (spaceReturned()) diskFull = null;
      }
      return diskFull ? { ok: false, problem: `disk full: ${diskFull}` } : { ok: true };
    },
    async close() {
      await pglite.close();
      lock?.release();
    },
    dump: () => pglite.dumpDataDir('none'),
  };
}

/** After this long without an answer, a probe on a new connection asks whether the server answers at all. */
const PROBE_AFTER_MS = 1000;
/** A probe (connect, `select 1`) that takes longer than this means the server is not answering. */
const PROBE_TIMEOUT_MS = 2000;

/** An error that says the server, or the way to it, is not there (as opposed to an answer from it). */
const isConnectionError = (err: unknown) => {
  const code = (err as { code?: string } | null)?.code;
  return !(typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code));
};

type Stream = { connection?: { stream?: { destroy(): void } } };
/** Drops a client's connection at once (ending it politely would wait on a server that does not answer). */
const drop = (client: pg.Client) => {
  client.on('error', () => {});
  (client as unknown as Stream).connection?.stream?.destroy();
};

function openPostgres(url: string, t: DbTimeouts): Db {
  class TimedClient extends pg.Client {
    constructor(config?: pg.ClientConfig) {
      super({ ...config, connectionTimeoutMillis: t.connectMs });
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    idleTimeoutMillis: 30_000,
    Client: TimedClient,
    keepAlive: true,
    // The server cancels a statement past its time; the client gives up a second later if no answer comes.
    statement_timeout: t.statementMs,
    query_timeout: t.statementMs + 1000,
  });
  // An idle client losing its server (restart, outage) must not crash the process; the next query reconnects.
  pool.on('error', () => {});

  // A server that stops answering (frozen, or a network black hole) is told from a slow statement by a
  // probe: while it fails, every statement waiting on the server is given up and new ones fail at once,
  // and a probe each second finds when the server is back.
  let down: string | null = null;
  let probing: Promise<void> | null = null;
  const waiting = new Set<(err: Error) => void>();
  const answers = async (): Promise<boolean> => {
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: PROBE_TIMEOUT_MS });
    c.on('error', () => {});
    const timer = setTimeout(() => drop(c), PROBE_TIMEOUT_MS);
    try {
      await c.connect();
      await c.query('select 1');
      return true;
    } catch (err) {
      return !isConnectionError(err); // any answer from the server (too many clients…) means it is there
    } finally {
      clearTimeout(timer);
      drop(c);
    }
  };
  const probe = (): Promise<void> =>
    (probing ??= (async () => {
      if (await answers()) {
        down = null;
        return;
      }
      const first = down === null;
      down = `the PostgreSQL server has not answered a probe within ${PROBE_TIMEOUT_MS / 1000} s`;
      const err = new DbUnavailableError(down);
      for (const giveUp of waiting) giveUp(err);
      if (first) {
        const recheck = setInterval(() => {
          if (down === null) clearInterval(recheck);
          else void probe();
        }, 1000);
        recheck.unref();
      }
    })().finally(() => {
      probing = null;
    }));

  type Client = pg.PoolClient & { broken?: Error };
  const acquire = async (): Promise<Client> => {
    if (down) throw new DbUnavailableError(down);
    const pending = pool.connect();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new DbUnavailableError(`no database connection within ${t.acquireMs / 1000} s`)),
        t.acquireMs,
      );
    });
    try {
      return await Promise.race([pending, late]);
    } catch (err) {
      pending.then(
        (c) => c.release(),
        () => {},
      );
      throw unavailable(err);
    } finally {
      clearTimeout(timer);
    }
  };
  /** Runs one statement on client; given up (and the connection dropped) if the server stops answering. */
  const run = <T>(client: Client, text: string, params?: unknown[]): Promise<T[]> =>
    new Promise<T[]>((resolve, reject) => {
      const giveUp = (err: Error) => {
        client.broken = err;
        drop(client);
        reject(err);
      };
      waiting.add(giveUp);
      const slow = setTimeout(() => void probe(), PROBE_AFTER_MS);
      client
        .query(text, params as unknown[])
        .then(
          (r) => resolve(r.rows as T[]),
          (err) => {
            if (isConnectionError(err)) client.broken = err;
            reject(unavailable(err));
          },
        )
        .finally(() => {
          clearTimeout(slow);
          waiting.delete(giveUp);
        });
    });
  const withClient = async <T>(fn: (client: Client) => Promise<T>): Promise<T> => {
    const client = await acquire();
    // A checked-out client that loses its server emits 'error' (the pool listens only while it is idle).
    const lost = (err: Error) => {
      client.broken = err;
    };
    client.on('error', lost);
    try {
      return await fn(client);
    } finally {
      client.off('error', lost);
      client.release(client.broken);
    }
  };

  return {
    kind: 'postgres',
    query: (text, params) => withClient((c) => run(c, text, params)),
    transaction: (fn) =>
      withClient(async (client) => {
        await run(client, 'begin');
        try {
          const result = await fn({ query: (text, params) => run(client, text, params) });
          await run(client, 'commit');
          return result;
        } catch (err) {
          if (!client.broken) await run(client, 'rollback').catch(() => {});
          throw err;
        }
      }),
    async exec(sql) {
      await withClient((c) => run(c, sql));
    },
    async health() {
      return down ? { ok: false, problem: down } : { ok: true };
    },
    async close() {
      await pool.end();
    },
    async listen(channel, onMessage, onReconnect) {
      if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`bad channel name ${channel}`);
      let client: pg.Client | null = null;
      let stopped = false;
      let first = true;
      const connect = async (): Promise<void> => {
        if (stopped) return;
        const c = new pg.Client({ connectionString: url });
        c.on('notification', (n) => {
          if (n.channel === channel && n.payload !== undefined) onMessage(n.payload);
        });
        let lost = false;
        const lose = () => {
          // The server went away (an error, or the connection simply ended): listen again once it is back.
          if (lost) return;
          lost = true;
          if (client === c) client = null;
          c.end().catch(() => {});
          if (!stopped) setTimeout(() => void connect().catch(() => {}), 1000).unref();
        };
        c.on('error', lose);
        c.on('end', lose);
        try {
          await c.connect();
          await c.query(`listen ${channel}`);
          if (lost || stopped) return void c.end().catch(() => {});
          client = c;
          // Not on the first attempt: anything sent before it was sent before anyone listened.
          if (!first) onReconnect?.();
        } catch {
          lose();
        } finally {
          first = false;
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
