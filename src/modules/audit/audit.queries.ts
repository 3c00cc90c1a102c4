// The audit module's SQL: pages of the log and its export, filtered. The log itself is the platform's
// (`audit_log`, written only by platform/audit.ts); the actor's e-mail comes from identity's view `people`.
import type { Queryable } from '../../db/client.ts';
import type { AuditFilter, AuditRecord } from './audit.service.ts';

const COLUMNS = 'id::text, at, actor, action, entity, entity_id, origin, details, prev_hash, hash, hash_alg';

/** The filter as SQL conditions with their parameters, numbered from $1; every value a parameter. */
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

/** Up to `limit` entries matching the filter, the latest first, each with its actor's current e-mail. */
export function auditPage(
  q: Queryable,
  filter: AuditFilter,
  limit: number,
): Promise<(AuditRecord & { actor_email: string | null })[]> {
  const w = where(filter);
  return q.query<AuditRecord & { actor_email: string | null }>(
    `select a.*, (select p.email from people p where a.actor = 'user:' || p.id::text) as actor_email
     from (select ${COLUMNS} from audit_log ${w.sql} order by audit_log.id desc limit $${w.params.length + 1}) a
     order by a.id::bigint desc`,
    [...w.params, limit],
  );
}

/** Up to `limit` entries matching the filter, the oldest first. */
export function auditEntries(q: Queryable, filter: AuditFilter, limit: number): Promise<AuditRecord[]> {
  const w = where(filter);
  return q.query<AuditRecord>(`select ${COLUMNS} from audit_log ${w.sql} order by audit_log.id limit $${w.params.length + 1}`, [
    ...w.params,
    limit,
  ]);
}
