// Search through the API: GET /api/v1/search?q=… returns ranked hits with escaped, highlighted snippets.
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
          summary: 'Full-text search across all content, ranked, with highlighted snippets',
          querystring: searchQuery,
          response: { 200: searchResult, ...problemResponses(400, 503) },
        },
      },
      (req) => search.search(req.query.q, req.query.cursor),
    );
  };
}
