// Gives every request its locale and translator: ?lang= (remembered in a cookie), then the cookie,
// then Accept-Language, then English. An unknown language is not an error: it falls back to English.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type Translate, translator } from '../i18n/i18n.ts';
import { isLocale, type Locale, negotiate } from '../i18n/locales.ts';
import type { Viewer } from './auth.ts';

declare module 'fastify' {
  interface FastifyRequest {
    locale: Locale;
    t: Translate;
    /** The platform's public address (PUBLIC_URL) without a trailing slash, for absolute links. */
    publicUrl: string;
  }
}

export const LANG_COOKIE = 'lang';

export const requestContext = fp(async (app: FastifyInstance) => {
  app.decorateRequest('locale', 'en');
  app.decorateRequest('t', null as unknown as Translate);
  app.addHook('onRequest', async (req, reply) => {
    const requested = (req.query as Record<string, unknown> | undefined)?.lang;
    req.locale = negotiate(requested, req.cookies[LANG_COOKIE], req.headers['accept-language']);
    req.t = translator(req.locale);
    if (isLocale(requested) && requested !== req.cookies[LANG_COOKIE] && !req.url.startsWith('/api/')) {
      reply.setCookie(LANG_COOKIE, requested, { path: '/', maxAge: 365 * 24 * 3600, sameSite: 'lax', httpOnly: true });
    }
    reply.header('vary', 'Accept-Language, Cookie');
    reply.header('content-language', req.locale);
  });
});

/** The first field (a dotted path) whose text contains a NUL character, which PostgreSQL cannot store. */
export function nulField(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path || 'input' : null;
  // Uploaded files are bytes, not text.
  if (value instanceof Uint8Array) return null;
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const hit = nulField(v, path ? `${path}.${k}` : k);
      if (hit) return hit;
    }
  }
  return null;
}

/** What every page needs to know about the request it renders for (views/ reads it as its page context). */
export interface PageContext {
  locale: Locale;
  t: Translate;
  /** The request path without the query string, for the language switcher and the current-page marker. */
  path: string;
  /** The request's query string without `lang` (starting with `&` when not empty), kept by the language links. */
  keepQuery: string;
  /** Cache-busting suffix for the stylesheet. */
  assetVersion: string;
  /** Who is signed in, for the header; null for everyone else and on pages cached for everyone. */
  viewer: Viewer | null;
  /** The platform's public address without a trailing slash, for absolute links (language alternates). */
  origin: string;
}

/** The page context for a request. */
export function pageContext(req: FastifyRequest, assetVersion: string): PageContext {
  const [path, query = ''] = req.url.split('?');
  const params = new URLSearchParams(query);
  params.delete('lang');
  const keep = params.toString();
  return {
    locale: req.locale,
    t: req.t,
    path,
    keepQuery: keep ? `&${keep}` : '',
    assetVersion,
    viewer: req.viewer ?? null,
    origin: req.publicUrl ?? '',
  };
}
