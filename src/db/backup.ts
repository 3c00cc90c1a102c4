// The backup archive of an embedded (PGlite) instance, and restoring one into a new data directory.
// An archive is a gzip-compressed POSIX tar that `tar xzf` also opens: a manifest (cybernorms-backup.json)
// listing every other member with its size and SHA-256, the database (pgdata.tar, PGlite's own dump of its
// data directory), the signed audit checkpoint taken with it, and the mail written to files. The audit key
// is never in it: whoever holds a backup and the key could rewrite the audit chain, so they are kept apart.
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { PGLITE_EXTENSIONS, type Queryable } from './client.ts';
import { acquireDirLock } from './lock.ts';

export const MANIFEST = 'cybernorms-backup.json';
export const PGDATA_MEMBER = 'pgdata.tar';
export const CHECKPOINT_MEMBER = 'audit.checkpoint';

export interface BackupMember {
  /** The member's name in the archive. */
  path: string;
  /** For a mail file: its name in DATA_DIR/mail. */
  name?: string;
  size: number;
  sha256: string;
}

export interface BackupManifest {
  type: 'cybernorms-backup';
  version: 1;
  created_at: string;
  database: 'pglite';
  /** The migrations applied in the database when the backup was taken. */
  migrations: string[];
  /** The audit chain's head in the backup (the entry recording the backup itself) and which key signed it. */
  audit: { head_id: string; key_id: string };
  members: BackupMember[];
  /** What the archive deliberately does not hold. */
  not_included: string[];
}

export const NOT_INCLUDED = [
  'The audit key (AUDIT_KEY or AUDIT_KEY_FILE, by default DATA_DIR/audit.key): keep it separately, away from the backups. Without it the restored audit log can be neither verified nor extended; with it and a backup, someone could rewrite the chain.',
];

export class BackupError extends Error {
  readonly code = 'BACKUP';
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

// ---- tar (POSIX ustar; names are ours and short) -----------------------------------------------------

function tarHeader(name: string, size: number, mtime: Date): Buffer {
  const h = Buffer.alloc(512);
  if (Buffer.byteLength(name) > 100) throw new Error(`tar member name too long: ${name}`);
  h.write(name, 0, 100, 'utf8');
  h.write('0000600\0', 100);
  h.write('0000000\0', 108);
  h.write('0000000\0', 116);
  h.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
  h.write(
    `${Math.floor(mtime.getTime() / 1000)
      .toString(8)
      .padStart(11, '0')}\0`,
    136,
  );
  h.write('        ', 148);
  h.write('0', 156);
  h.write('ustar\0', 257);
  h.write('00', 263);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return h;
}

function tar(members: { name: string; data: Buffer }[], mtime: Date): Buffer {
  const parts: Buffer[] = [];
  for (const m of members) {
    parts.push(tarHeader(m.name, m.data.length, mtime), m.data);
    const pad = (512 - (m.data.length % 512)) % 512;
    if (pad) parts.push(Buffer.alloc(pad));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

function untar(buf: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  let off = 0;
  while (off + 512 <= buf.length) {
    const h = buf.subarray(off, off + 512);
    if (h.every((b) => b === 0)) break;
    const field = (start: number, len: number) => h.toString('utf8', start, start + len).replace(/\0.*$/s, '');
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : h[i];
    if (Number.parseInt(field(148, 8).trim(), 8) !== sum)
      throw new BackupError('the archive is damaged (a tar header fails its checksum)');
    const size = Number.parseInt(field(124, 12).trim() || '0', 8);
    const prefix = field(345, 155);
    const name = prefix ? `${prefix}/${field(0, 100)}` : field(0, 100);
    const type = field(156, 1);
    const start = off + 512;
    if (!Number.isSafeInteger(size) || start + size > buf.length) throw new BackupError('the archive is truncated');
    if (type === '0' || type === '') out.set(name, buf.subarray(start, start + size));
    off = start + Math.ceil(size / 512) * 512;
  }
  return out;
}

// ---- writing and reading archives --------------------------------------------------------------------

/** Builds the compressed archive from the database dump, the checkpoint and the mail files. */
export async function writeArchive(input: {
  createdAt: Date;
  migrations: string[];
  audit: { head_id: string; key_id: string };
  pgdata: Buffer;
  checkpoint: string;
  mail: { name: string; data: Buffer }[];
}): Promise<{ archive: Buffer; manifest: BackupManifest }> {
  const files = [
    { name: PGDATA_MEMBER, data: input.pgdata },
    { name: CHECKPOINT_MEMBER, data: Buffer.from(input.checkpoint) },
    // Mail files are stored under numbers; the manifest keeps their names (which can be long).
    ...input.mail.map((m, i) => ({ name: `mail/${String(i + 1).padStart(6, '0')}`, data: m.data, mailName: m.name })),
  ];
  const manifest: BackupManifest = {
    type: 'cybernorms-backup',
    version: 1,
    created_at: input.createdAt.toISOString(),
    database: 'pglite',
    migrations: input.migrations,
    audit: input.audit,
    members: files.map((f) => ({
      path: f.name,
      ...('mailName' in f ? { name: f.mailName } : {}),
      size: f.data.length,
      sha256: sha256(f.data),
    })),
    not_included: NOT_INCLUDED,
  };
  const body = tar([{ name: MANIFEST, data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) }, ...files], input.createdAt);
  // Compressed on libuv's threads: the server keeps answering meanwhile.
  return { archive: await promisify(gzip)(body, { level: 6 }), manifest };
}

/** A mail file's name as it may be written back: one plain name, no path. */
const safeName = (n: unknown) => typeof n === 'string' && /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/.test(n);

/** Reads and checks an archive: the manifest, and every member it lists present with its size and hash. */
export async function readArchive(compressed: Buffer): Promise<{ manifest: BackupManifest; member: (p: string) => Buffer }> {
  let members: Map<string, Buffer>;
  try {
    members = untar(await promisify(gunzip)(compressed));
  } catch (err) {
    if (err instanceof BackupError) throw err;
    throw new BackupError('it is not a cybernorms backup (not a gzip-compressed tar archive)');
  }
  const raw = members.get(MANIFEST);
  if (!raw) throw new BackupError(`it is not a cybernorms backup (no ${MANIFEST} in the archive)`);
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new BackupError(`its ${MANIFEST} is not JSON`);
  }
  if (manifest?.type !== 'cybernorms-backup' || !Array.isArray(manifest.members))
    throw new BackupError(`its ${MANIFEST} is not a cybernorms backup manifest`);
  if (manifest.version !== 1 || manifest.database !== 'pglite')
    throw new BackupError(
      `this version reads backups of version 1 of the embedded database, not ${manifest.version}/${manifest.database}`,
    );
  for (const m of manifest.members) {
    const data = members.get(m.path);
    if (!data) throw new BackupError(`the archive lacks ${m.path}, which its manifest lists`);
    if (data.length !== m.size || sha256(data) !== m.sha256)
      throw new BackupError(`${m.path} in the archive does not match the SHA-256 its manifest records (the file is damaged)`);
    if (m.path.startsWith('mail/') && !safeName(m.name)) throw new BackupError(`${m.path} has an unusable file name`);
  }
  if (!manifest.members.some((m) => m.path === PGDATA_MEMBER)) throw new BackupError(`the archive has no ${PGDATA_MEMBER}`);
  return { manifest, member: (p) => members.get(p) as Buffer };
}

// ---- restoring ---------------------------------------------------------------------------------------

export interface RestoreResult {
  manifest: BackupManifest;
  /** Rows per table of the restored database. */
  tables: Record<string, number>;
  mailFiles: number;
  /** What `check` returned, run on the restored database before it is closed. */
  checked?: unknown;
}

/** Rows per table of the public schema, to report what a restore brought back (and for tests to compare). */
export async function tableCounts(db: Queryable): Promise<Record<string, number>> {
  const tables = await db.query<{ name: string }>(
    "select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name",
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [{ n }] = await db.query<{ n: number }>(`select count(*)::int as n from "${name.replaceAll('"', '""')}"`);
    counts[name] = n;
  }
  return counts;
}

/**
 * Restores an archive into dataDir, which must be empty (or not exist, or hold only the audit key the operator
 * put there) and not held by a running server (its lock). Nothing is left behind if it fails. `check` runs on
 * the restored database before it closes, with the archive's audit checkpoint.
 */
export async function restoreBackup(
  file: string,
  dataDir: string,
  opts: { check?: (db: Queryable, checkpoint: string | null) => Promise<unknown> } = {},
): Promise<RestoreResult> {
  const { manifest, member } = await readArchive(await readFile(file));
  if (existsSync(dataDir) && !statSync(dataDir).isDirectory()) throw new BackupError(`${dataDir} is a file, not a directory`);
  mkdirSync(dataDir, { recursive: true });
  const lock = acquireDirLock(dataDir); // a running server holds it: refused with DataDirLockedError
  const written: string[] = [];
  try {
    const present = readdirSync(dataDir).filter((e) => e !== '.lock' && e !== 'audit.key');
    if (present.length)
      throw new BackupError(
        `${dataDir} is not empty (${present.slice(0, 5).join(', ')}${present.length > 5 ? ', …' : ''}): restore into a new, empty directory, and nothing is overwritten`,
      );
    const cp = manifest.members.find((m) => m.path === CHECKPOINT_MEMBER);
    const pgdata = path.join(dataDir, 'pgdata');
    written.push(pgdata);
    const pg = await PGlite.create({
      dataDir: pgdata,
      loadDataDir: new Blob([new Uint8Array(member(PGDATA_MEMBER))]),
      extensions: PGLITE_EXTENSIONS,
    });
    let tables: Record<string, number>;
    let checked: unknown;
    try {
      const q: Queryable = { query: async (text, params) => (await pg.query(text, params as unknown[])).rows as never };
      tables = await tableCounts(q);
      if (opts.check) checked = await opts.check(q, cp ? member(cp.path).toString('utf8') : null);
    } finally {
      await pg.close();
    }
    if (cp) {
      const target = path.join(dataDir, 'audit.checkpoint');
      written.push(target);
      writeFileSync(target, member(cp.path), { mode: 0o600 });
      chmodSync(target, 0o600);
    }
    const mail = manifest.members.filter((m) => m.path.startsWith('mail/'));
    if (mail.length) {
      written.push(path.join(dataDir, 'mail'));
      mkdirSync(path.join(dataDir, 'mail'));
      for (const m of mail) writeFileSync(path.join(dataDir, 'mail', m.name as string), member(m.path), { flag: 'wx' });
    }
    return { manifest, tables, mailFiles: mail.length, checked };
  } catch (err) {
    for (const p of written) rmSync(p, { recursive: true, force: true });
    throw err;
  } finally {
    lock.release();
  }
}
