// The operations module's public face: /healthz, /readyz, /metrics and /api/openapi.json. What app.ts uses;
// bearerMatches is the constant-time check of the metrics token.
export { bearerMatches, opsRoutes } from './ops.routes.ts';
