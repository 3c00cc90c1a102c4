// Search through the API: GET /api/v1/search?q=… returns ranked hits with escaped, highlighted snippets, in
// the language asked (lang, else the request's), with counts per kind, a kind filter and a suggestion.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { problemResponses } from '../../platform/http/openapi.ts';
import { searchQuery, searchResult } from './search.schemas.ts';
import type { SearchService } from './search.service.ts';

export function searchRoutes(search: SearchService) {
  return async (app: FastifyInstance) => {
    app.withTypeProvider<ZodTypeProvider>().get(
      '/api/v1/search',
      {
        schema: {
          tags: ['search'],
          summary: 'Full-text search across all content in one language, ranked, with highlighted snippets',
          description:
            'Searches the documents of `lang` (default: the request’s language); when nothing matches there, the English ones (`fallback`). A word the index does not know brings a `suggestion`; when nothing matches as typed, the hits are those of the suggestion (`corrected`) unless `exact=true`.',
          querystring: searchQuery,
          response: { 200: searchResult, ...problemResponses(400, 503) },
        },
      },
      (req) =>
        search.search(req.query.q, {
          lang: req.query.lang ?? req.locale,
          kinds: req.query.kind,
          cursor: req.query.cursor,
          exact: req.query.exact,
        }),
    );
  };
}
