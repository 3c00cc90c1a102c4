// The operations module's public face: /healthz, /readyz, /metrics and /api/openapi.json, and the
// administrators' mail that could not be sent (/admin/mail). What app.ts uses; bearerMatches is the
// constant-time check of the metrics token.
export { bearerMatches, opsRoutes } from './ops.routes.ts';
export { mailAdminPages } from './mail.pages.tsx';
export { mailAdminRoutes } from './mail.routes.ts';
export { createMailAdminService, type MailAdminService } from './mail.service.ts';
