// Reading the audit log: administrators browse it with filters, export it, and download a signed checkpoint
// of its head. An export and a checkpoint are themselves audited.
import type { Db } from '../../db/client.ts';
import { type Actor, authorize, defineRules } from '../../platform/access.ts';
import { type AuditCheckpoint, recordAudit, takeCheckpoint } from '../../platform/audit.ts';
import { csvFile } from '../../platform/csv.ts';
import { errors, fieldProblem } from '../../platform/errors.ts';
import type { Origin } from '../../platform/kernel.ts';
import { auditEntries, auditPage } from './audit.queries.ts';

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
  if (bad.length) throw errors.badInput(bad.map((field) => fieldProblem(field, 'date')));
}

export const AUDIT_PAGE = 50;
const EXPORT_MAX = 100_000;

export function createAuditService(deps: { db: Db; clock: () => Date }) {
  return {
    async list(
      actor: Actor,
      filter: AuditFilter,
    ): Promise<{ entries: (AuditRecord & { actor_email: string | null })[]; next: string | null }> {
      authorize(actor, auditActions['audit.read']);
      checkDates(filter);
      // The actor's current e-mail, for reading the page; the entry itself keeps only the user id.
      const rows = await auditPage(deps.db, filter, AUDIT_PAGE + 1);
      const more = rows.length > AUDIT_PAGE;
      const entries = rows.slice(0, AUDIT_PAGE);
      return { entries, next: more ? entries[entries.length - 1].id : null };
    },

    async export(actor: Actor, filter: AuditFilter, format: 'csv' | 'json', origin: Origin): Promise<AuditRecord[]> {
      authorize(actor, auditActions['audit.read']);
      checkDates(filter);
      return deps.db.transaction(async (tx) => {
        const rows = await auditEntries(tx, { ...filter, before: undefined }, EXPORT_MAX);
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
  return csvFile([cols, ...rows.map((r) => cols.map((c) => r[c]))]);
}
