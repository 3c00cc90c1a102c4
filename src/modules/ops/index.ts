// The operations module's public face: /healthz, /readyz, /metrics and /api/openapi.json, the
// administrators' mail that could not be sent (/admin/mail), and backups of the embedded database
// (/admin/backup, GET /api/v1/backup) with their schedule. What app.ts uses; bearerMatches is the
// constant-time check of the metrics token.
export { backupPages } from './backup.pages.tsx';
export { backupRoutes } from './backup.routes.ts';
export { type BackupService, createBackupService } from './backup.service.ts';
export { mailAdminPages } from './mail.pages.tsx';
export { mailAdminRoutes } from './mail.routes.ts';
export { createMailAdminService, type MailAdminService } from './mail.service.ts';
export { bearerMatches, opsRoutes } from './ops.routes.ts';
