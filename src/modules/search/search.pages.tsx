// The search page, in the reader's language. It validates with the API's own schema, but shows problems on
// the page, in the reader's language.
import type { FastifyInstance } from 'fastify';
import { h } from 'preact';
import { pageContext } from '../../platform/http/request-context.ts';
import { REASONS, type ReasonCode, type ReasonParams, reasonText } from '../../platform/i18n/reasons.ts';
import { renderDocument } from '../../views/render.ts';
import { MAX_QUERY_LENGTH, searchQuery } from './search.schemas.ts';
import type { SearchService } from './search.service.ts';
import { SearchPage } from './search.views.tsx';

export function searchPages(deps: { search: SearchService; assetVersion: string }) {
  return async (app: FastifyInstance) => {
    app.get<{ Querystring: Record<string, unknown> }>('/search', { schema: { hide: true } }, async (req, reply) => {
      const ctx = pageContext(req, deps.assetVersion);
      const raw = req.query.q;
      const shown = typeof raw === 'string' ? raw.slice(0, MAX_QUERY_LENGTH) : '';
      reply.type('text/html; charset=utf-8');
      if (raw === undefined || (typeof raw === 'string' && raw.trim() === '')) {
        return renderDocument(h(SearchPage, { ctx, query: '', result: null }));
      }
      const { kind, exact, cursor } = req.query;
      const parsed = searchQuery.safeParse({ q: raw, kind, exact, cursor });
      if (!parsed.success) {
        const tooLong = typeof raw === 'string' && raw.length > MAX_QUERY_LENGTH;
        const message = tooLong
          ? ctx.t('search.tooLong', { max: MAX_QUERY_LENGTH })
          : parsed.error.issues
              .map((i) => {
                // A refinement names its reason by code (the kind filter); zod's own wording is English.
                const params = (i as { params?: ReasonParams }).params;
                const why =
                  i.code === 'invalid_value'
                    ? reasonText(ctx.locale, 'choice', { options: i.values.map(String).join(', ') })
                    : i.message in REASONS
                      ? reasonText(ctx.locale, i.message as ReasonCode, params)
                      : i.message;
                return `${i.path.join('.')}: ${why}`;
              })
              .join('; ');
        reply.status(400);
        return renderDocument(h(SearchPage, { ctx, query: shown, result: null, error: message }));
      }
      const result = await deps.search.search(parsed.data.q, {
        lang: ctx.locale,
        kinds: parsed.data.kind,
        cursor: parsed.data.cursor,
        exact: parsed.data.exact,
      });
      return renderDocument(h(SearchPage, { ctx, query: parsed.data.q, result, exact: parsed.data.exact }));
    });
  };
}
