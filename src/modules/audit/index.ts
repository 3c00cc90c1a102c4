// The audit module's public face: browsing, exporting and checkpointing the audit log (the chain itself is
// platform/audit.ts). Other modules and app.ts import from here only.
export { auditRoutes } from './audit.routes.ts';
export {
  AUDIT_PAGE,
  type AuditFilter,
  type AuditRecord,
  type AuditService,
  auditActions,
  auditCsv,
  createAuditService,
  isCalendarDate,
} from './audit.service.ts';
export { AuditPage } from './audit.views.tsx';
