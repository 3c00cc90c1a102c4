// The knowledge base's JSON API under /api/v1: parse, call the service, present. Public content, read-only.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errors } from '../../platform/errors.ts';
import { problemResponses } from '../../platform/http/openapi.ts';
import * as s from './knowledge.schemas.ts';
import type { KnowledgeService, NormSummary, NormView } from './knowledge.service.ts';

const presentSummary = (n: NormSummary) => ({ letter: n.letter, title: n.title, summary: n.summary, url: `/norms/${n.letter}` });

const presentNorm = (n: NormView) => ({
  ...presentSummary(n),
  citation: n.citation,
  official_text: n.officialText,
  about: n.about,
  relevance: n.relevance,
  implementation: n.actions,
  actors: n.actors.map(({ slug, name, kind, role }) => ({ slug, name, kind, role })),
  forums: n.forums.map(({ slug, name, kind, note }) => ({ slug, name, kind, note })),
  sectors: n.sectors.map(({ slug, name }) => ({ slug, name })),
  cbms: n.cbms.map(({ id, source, number, title }) => ({ id, source, number, title })),
  framework_elements: n.frameworkElements.map((e) => ({
    id: e.id,
    framework: e.framework_slug,
    number: e.number,
    title: e.title,
  })),
  updated_at: n.updatedAt,
});

export function knowledgeRoutes(knowledge: KnowledgeService) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['knowledge'];

    r.get(
      '/api/v1/norms',
      {
        schema: { tags, summary: 'The eleven norms', querystring: s.langQuery, response: { 200: s.listOf(s.normSummary) } },
      },
      async (req) => ({ data: (await knowledge.listNorms(req.locale)).map(presentSummary) }),
    );

    r.get(
      '/api/v1/norms/:letter',
      {
        schema: {
          tags,
          summary: 'One norm with its official text, explanation, implementation and relations',
          params: s.letterParams,
          querystring: s.langQuery,
          response: { 200: s.normDetail, ...problemResponses(404) },
        },
      },
      async (req) => {
        const norm = await knowledge.getNorm(req.params.letter, req.locale);
        if (!norm) throw errors.notFound(`Norm (${req.params.letter})`);
        return presentNorm(norm);
      },
    );

    r.get(
      '/api/v1/pillars',
      {
        schema: {
          tags,
          summary: 'The four pillars of the framework',
          querystring: s.langQuery,
          response: { 200: s.listOf(s.pillar) },
        },
      },
      async (req) => ({ data: await knowledge.listPillars(req.locale) }),
    );

    r.get(
      '/api/v1/cbms',
      {
        schema: {
          tags,
          summary: 'Confidence-building measures (UN, OSCE, OAS)',
          querystring: s.cbmQuery,
          response: { 200: s.listOf(s.cbm), ...problemResponses(400) },
        },
      },
      async (req) => {
        const all = await knowledge.listCbms();
        return { data: req.query.source ? all.filter((c) => c.source === req.query.source) : all };
      },
    );

    r.get(
      '/api/v1/frameworks',
      {
        schema: {
          tags,
          summary: 'Related frameworks (Paris Call, GCSC) with each element mapped to norms',
          response: { 200: s.listOf(s.framework) },
        },
      },
      async () => ({
        data: (await knowledge.listFrameworks()).map((f) => ({
          slug: f.slug,
          name: f.name,
          description: f.description,
          adopted: f.adopted,
          source_url: f.source_url,
          elements: f.elements.map(({ id, number, title, description, norms }) => ({ id, number, title, description, norms })),
        })),
      }),
    );

    r.get(
      '/api/v1/actors',
      { schema: { tags, summary: 'Actors who implement the norms', response: { 200: s.listOf(s.actor) } } },
      async () => ({ data: await knowledge.listActors() }),
    );

    r.get(
      '/api/v1/forums',
      { schema: { tags, summary: 'Forums where the norms are discussed', response: { 200: s.listOf(s.forum) } } },
      async () => ({ data: await knowledge.listForums() }),
    );

    r.get(
      '/api/v1/sectors',
      {
        schema: {
          tags,
          summary: 'Critical-infrastructure sectors named in UN discussions',
          response: { 200: s.listOf(s.sector) },
        },
      },
      async () => ({ data: await knowledge.listSectors() }),
    );

    r.get(
      '/api/v1/glossary',
      { schema: { tags, summary: 'Glossary of terms', response: { 200: s.listOf(s.glossaryTerm) } } },
      async () => ({ data: await knowledge.listGlossary() }),
    );

    r.get(
      '/api/v1/timeline',
      { schema: { tags, summary: 'Timeline of the UN process, 1998 to 2026', response: { 200: s.listOf(s.timelineEvent) } } },
      async () => ({
        data: (await knowledge.listTimeline()).map((e) => ({
          id: e.id,
          date: e.sort_date,
          date_label: e.date_label,
          title: e.title,
          description: e.description,
          symbol: e.symbol,
          status: e.status,
        })),
      }),
    );
  };
}
