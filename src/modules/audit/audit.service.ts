// Reading the audit log: administrators browse it with filters, export it, and download a signed checkpoint
// of its head. An export and a checkpoint are themselves audited.
import type { Db } from '../../db/client.ts';
import { type Actor, authorize, defineRules } from '../../platform/access.ts';
import { type AuditCheckpoint, recordAudit, takeCheckpoint } from '../../platform/audit.ts';
import { errors } from '../../platform/errors.ts';
import type { Origin } from '../../platform/kernel.ts';

export const auditActions = defineRules({
  'audit.read': { platform: ['administrator'] },
});

export interface AuditFilter {
  actor?: string;
  action?: string;
  entity?: string;
  entityId?: string;
  from?: string;
  to?: string;
  /** Entries older than this id (the cursor of the previous page). */
  before?: string;
}

export interface AuditRecord {
  id: string;
  at: Date;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  origin: string;
  details: Record<string, unknown>;
  prev_hash: string;
  hash: string;
  /** `hmac-sha256` (keyed), or `sha256` for entries from before the key. */
  hash_alg: string;
}

/** A real calendar day written YYYY-MM-DD (2026-04-31 is not one), in the range PostgreSQL's date takes. */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Refuses a filter whose dates are not real days, naming each field, before any SQL sees them. */
function checkDates(f: AuditFilter) {
  const bad = (['from', 'to'] as const).filter((k) => f[k] !== undefined && !isCalendarDate(String(f[k])));
  if (bad.length) throw errors.badInput(bad.map((field) => ({ field, reason: 'must be a date (YYYY-MM-DD)' })));
}

export const AUDIT_PAGE = 50;
const EXPORT_MAX = 100_000;

function where(f: AuditFilter): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const parts: string[] = [];
  const add = (cond: string, value: unknown) => {
    params.push(value);
    parts.push(cond.replace('?', `$${params.length}`));
  };
  if (f.actor) add('actor = ?', f.actor);
  if (f.action) add("action like ? || '%'", f.action.replace(/[%_\\]/g, '\\$&'));
  if (f.entity) add('entity = ?', f.entity);
  if (f.entityId) add('entity_id = ?', f.entityId);
  if (f.from) add('at >= ?::timestamptz', f.from);
  if (f.to) add("at < ?::date + interval '1 day'", f.to);
  if (f.before) add('id < ?::bigint', f.before);
  return { sql: parts.length ? `where ${parts.join(' and ')}` : '', params };
}

export function createAuditService(deps: { db: Db; clock: () => Date }) {
  return {
    async list(
      actor: Actor,
      filter: AuditFilter,
    ): Promise<{ entries: (AuditRecord & { actor_email: string | null })[]; next: string | null }> {
      authorize(actor, auditActions['audit.read']);
      checkDates(filter);
      const w = where(filter);
      // The actor's current e-mail, for reading the page; the entry itself keeps only the user id.
      const rows = await deps.db.query<AuditRecord & { actor_email: string | null }>(
        `select a.*, (select u.email from users u where a.actor = 'user:' || u.id::text) as actor_email
         from (select id::text, at, actor, action, entity, entity_id, origin, details, prev_hash, hash, hash_alg from audit_log ${w.sql}
               order by audit_log.id desc limit ${AUDIT_PAGE + 1}) a
         order by a.id::bigint desc`,
        w.params,
      );
      const more = rows.length > AUDIT_PAGE;
      const entries = rows.slice(0, AUDIT_PAGE);
      return { entries, next: more ? entries[entries.length - 1].id : null };
    },

    async export(actor: Actor, filter: AuditFilter, format: 'csv' | 'json', origin: Origin): Promise<AuditRecord[]> {
      authorize(actor, auditActions['audit.read']);
      checkDates(filter);
      const w = where({ ...filter, before: undefined });
      return deps.db.transaction(async (tx) => {
        const rows = await tx.query<AuditRecord>(
          `select id::text, at, actor, action, entity, entity_id, origin, details, prev_hash, hash, hash_alg from audit_log ${w.sql}
           order by audit_log.id limit ${EXPORT_MAX}`,
          w.params,
        );
        await recordAudit(
          tx,
          {
            actor: `user:${actor.userId}`,
            origin: origin.ip,
            action: 'audit.export',
            entity: 'audit_log',
            details: { format, rows: rows.length, filter: { ...filter } },
          },
          deps.clock(),
        );
        return rows;
      });
    },

    /**
     * The chain's head signed with the audit key, for the administrator to keep outside the platform and
     * give to `audit verify --checkpoint`. Taking it is audited, and the head it signs is that entry.
     */
    async checkpoint(actor: Actor, origin: Origin): Promise<AuditCheckpoint> {
      authorize(actor, auditActions['audit.read']);
      return deps.db.transaction(async (tx) => {
        const now = deps.clock();
        await recordAudit(
          tx,
          { actor: `user:${actor.userId}`, origin: origin.ip, action: 'audit.checkpoint', entity: 'audit_log' },
          now,
        );
        const key = tx.audit?.key;
        if (!key) throw new Error('the database handle has no audit key');
        return takeCheckpoint(tx, key, now);
      });
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;

function csvCell(value: unknown): string {
  const s =
    value instanceof Date
      ? value.toISOString()
      : typeof value === 'object' && value !== null
        ? JSON.stringify(value)
        : String(value ?? '');
  // Cells that a spreadsheet would run as a formula are prefixed with a quote.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function auditCsv(rows: AuditRecord[]): string {
  const cols = [
    'id',
    'at',
    'actor',
    'action',
    'entity',
    'entity_id',
    'origin',
    'details',
    'prev_hash',
    'hash',
    'hash_alg',
  ] as const;
  return `${cols.join(',')}\r\n${rows.map((r) => cols.map((c) => csvCell(r[c])).join(',')).join('\r\n')}${rows.length ? '\r\n' : ''}`;
}
