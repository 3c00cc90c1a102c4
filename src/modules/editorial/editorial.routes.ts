// Editing knowledge content through the API: read an item, save a revision, list revisions, compare two,
// restore one, and preview Markdown as the pages render it. Editors only; the service checks.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../platform/access.ts';
import { originOf } from '../../platform/http/auth.ts';
import { problemResponses } from '../../platform/http/openapi.ts';
import { renderContent } from '../../platform/markdown.ts';
import { editorialActions, KINDS } from './editorial.kinds.ts';
import type { EditorialService } from './editorial.service.ts';

const any = z.record(z.string(), z.unknown());
const item = z.object({
  kind: z.enum(Object.keys(KINDS) as [string, ...string[]]),
  id: z.string().regex(/^[A-Za-z0-9-]{1,80}$/, 'must be an item id'),
});
const lang = z.object({ lang: z.string().optional() });

export function editorialRoutes(deps: { editorial: EditorialService }) {
  const { editorial } = deps;
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['editorial'];

    r.get(
      '/api/v1/content/:kind/:id',
      {
        schema: {
          tags,
          summary: 'An editable item in a language (?lang=), with the English original and its latest revision number (editors)',
          params: item,
          querystring: lang,
          response: { 200: any, ...problemResponses(400, 401, 403, 404) },
        },
      },
      async (req) =>
        editorial.get(req.actor, req.params.kind, req.params.id, req.query.lang) as unknown as Record<string, unknown>,
    );

    r.put(
      '/api/v1/content/:kind/:id',
      {
        schema: {
          tags,
          summary:
            'Save a revision: { lang, fields: {…}, note, baseRevision } (editors); 409 if someone saved since baseRevision',
          params: item,
          body: z.object({ lang: z.unknown(), fields: z.unknown(), note: z.unknown(), baseRevision: z.unknown() }).partial(),
          response: { 200: any, ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req) => editorial.save(req.actor, req.params.kind, req.params.id, req.body, originOf(req)),
    );

    r.get(
      '/api/v1/content/:kind/:id/revisions',
      {
        schema: {
          tags,
          summary: 'Revision history in a language: number, author, time, change note and all fields (editors)',
          params: item,
          querystring: lang,
          response: { 200: any, ...problemResponses(400, 401, 403, 404) },
        },
      },
      async (req) =>
        editorial.history(req.actor, req.params.kind, req.params.id, req.query.lang) as unknown as Record<string, unknown>,
    );

    r.get(
      '/api/v1/content/:kind/:id/diff',
      {
        schema: {
          tags,
          summary: 'Word-level differences, field by field, between revisions ?from= and ?to= (editors)',
          params: item,
          querystring: z.object({ lang: z.string().optional(), from: z.string(), to: z.string() }),
          response: { 200: any, ...problemResponses(400, 401, 403, 404) },
        },
      },
      async (req) => editorial.diff(req.actor, req.params.kind, req.params.id, req.query) as unknown as Record<string, unknown>,
    );

    r.post(
      '/api/v1/content/:kind/:id/restore',
      {
        schema: {
          tags,
          summary: 'Restore an earlier revision as a new one: { lang, revision, note } (editors)',
          params: item,
          body: z.object({ lang: z.unknown(), revision: z.unknown(), note: z.unknown() }).partial(),
          response: { 200: any, ...problemResponses(400, 401, 403, 404) },
        },
      },
      async (req) => editorial.restore(req.actor, req.params.kind, req.params.id, req.body, originOf(req)),
    );

    r.post(
      '/api/v1/content/preview',
      {
        schema: {
          tags,
          summary: 'Markdown rendered exactly as the pages will show it (editors)',
          body: z.object({ markdown: z.string().max(20_000) }),
          response: { 200: z.object({ html: z.string() }), ...problemResponses(400, 401, 403) },
        },
      },
      async (req) => {
        authorize(req.actor, editorialActions['content.read']);
        return { html: renderContent(req.body.markdown) };
      },
    );
  };
}
