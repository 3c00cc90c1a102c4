// Security headers on every response, computed once. The set is the one @fastify/helmet sends, with a strict
// Content-Security-Policy (nothing inline, nothing from elsewhere); see docs/decisions.md for why we do not
// run helmet per request (it halved page throughput when measured).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { SESSION_COOKIE } from './auth.ts';

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': CSP,
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'same-origin',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'DENY',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
});

/**
 * The API routes whose answers are the same for everyone who asks (GET), so a cache may keep them. Every other
 * /api/ answer is private, whoever asks. Keyed by the route's pattern as registered.
 */
export const PUBLIC_API_ROUTES: ReadonlySet<string> = new Set([
  '/api/openapi.json',
  '/api/v1/norms',
  '/api/v1/norms/:letter',
  '/api/v1/pillars',
  '/api/v1/cbms',
  '/api/v1/frameworks',
  '/api/v1/actors',
  '/api/v1/forums',
  '/api/v1/sectors',
  '/api/v1/glossary',
  '/api/v1/timeline',
  '/api/v1/search',
  '/api/v1/states',
  '/api/v1/states/:code',
  '/api/v1/organisations',
  '/api/v1/organisations/:code',
  '/api/v1/directory/participation',
  '/api/v1/questionnaire',
  '/api/v1/capacity/needs',
  '/api/v1/learning/modules',
  '/api/v1/learning/modules/:module',
  '/api/v1/learning/modules/:module/lessons/:lesson',
  '/api/v1/comments',
]);

/**
 * True when no cache may keep the answer: it went to someone signed in (a session cookie or a bearer token,
 * whatever the route), or it comes from an API route that is not public, or it is an API write.
 */
const SESSION_COOKIE_SENT = new RegExp(`(?:^|;)\\s*${SESSION_COOKIE}=`);

export function isPrivateAnswer(req: FastifyRequest): boolean {
  // The raw header, so an answer refused before the cookies were parsed is judged the same way.
  if (req.headers.authorization !== undefined || SESSION_COOKIE_SENT.test(req.headers.cookie ?? '')) return true;
  if (!req.url.startsWith('/api/')) return false;
  if (req.method !== 'GET' && req.method !== 'HEAD') return true;
  return !PUBLIC_API_ROUTES.has(req.routeOptions.url ?? '');
}

export const securityHeaders = fp(async (app: FastifyInstance) => {
  app.addHook('onRequest', async (_req, reply) => {
    reply.headers(SECURITY_HEADERS);
  });
  // Private answers (a thread, its STIX or PDF, the directory, people, the audit log, tokens, exports…) are
  // never stored by a browser or a proxy. A route that set its own policy (static files, already no-store
  // pages) keeps it; public content keeps the caching it had.
  app.addHook('onSend', async (req, reply, payload) => {
    if (!reply.hasHeader('cache-control') && isPrivateAnswer(req)) reply.header('cache-control', 'no-store');
    return payload;
  });
});
