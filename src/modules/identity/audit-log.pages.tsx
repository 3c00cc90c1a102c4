// The administrator's audit log pages: the log, filtered and paged, and its export as CSV or JSON.
import type { FastifyInstance } from 'fastify';
import { h } from 'preact';
import { errors, fieldProblem } from '../../platform/errors.ts';
import { originOf } from '../../platform/http/auth.ts';
import { fieldMessage } from '../../platform/http/form-problems.ts';
import type { Translate } from '../../platform/i18n/i18n.ts';
import type { FormProblem } from '../../views/forms.tsx';
import { type AuditFilter, AuditPage, auditCsv, isCalendarDate } from '../audit/index.ts';
import { hidden, type PageKit, str } from './pages.common.ts';

export function auditLogPages(app: FastifyInstance, deps: PageKit) {
  const { send, ctxOf } = deps;

  const auditFilter = (q: Record<string, unknown>, t: Translate): { filter: AuditFilter; problems: FormProblem[] } => {
    const filter: AuditFilter = {
      actor: str(q.actor, 200).trim() || undefined,
      action: str(q.action, 100).trim() || undefined,
      entity: str(q.entity, 100).trim() || undefined,
      entityId: str(q.entityId, 200).trim() || undefined,
      from: str(q.from, 10) || undefined,
      to: str(q.to, 10) || undefined,
      before: /^\d{1,18}$/.test(str(q.before, 20)) ? str(q.before, 20) : undefined,
    };
    const problems: FormProblem[] = [];
    for (const f of ['from', 'to'] as const) {
      const v = filter[f];
      if (v && !isCalendarDate(v)) {
        problems.push({ field: f, message: fieldMessage(t, f, 'date') });
        filter[f] = undefined;
      }
    }
    return { filter, problems };
  };

  app.get<{ Querystring: Record<string, unknown> }>('/admin/audit', hidden, async (req, reply) => {
    const ctx = ctxOf(req);
    const { filter, problems } = auditFilter(req.query, ctx.t);
    const page = await deps.audit.list(req.actor, filter);
    return send(
      reply,
      h(AuditPage, { ctx, filter, entries: page.entries, next: page.next, problems }),
      problems.length ? 400 : 200,
    );
  });

  app.get<{ Querystring: Record<string, unknown> }>('/admin/audit/export', hidden, async (req, reply) => {
    const ctx = ctxOf(req);
    const format = req.query.format === 'json' ? 'json' : req.query.format === 'csv' ? 'csv' : null;
    const { filter, problems } = auditFilter(req.query, ctx.t);
    if (!format) throw errors.badInput([fieldProblem('format', 'choice', { options: 'csv, json' })]);
    if (problems.length) throw errors.badInput(problems.map((p) => fieldProblem(p.field, 'date')));
    const rows = await deps.audit.export(req.actor, filter, format, originOf(req));
    const stamp = new Date().toISOString().slice(0, 10);
    reply
      .header('content-disposition', `attachment; filename="cybernorms-audit-${stamp}.${format}"`)
      .header('cache-control', 'no-store');
    if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(auditCsv(rows));
    return reply.type('application/json; charset=utf-8').send(JSON.stringify({ data: rows }));
  });
}
