// The knowledge base's JSON API under /api/v1: parse, call the service, present. Public content, read-only.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errors } from '../../platform/errors.ts';
import { problemResponses } from '../../platform/http/openapi.ts';
import { LOCALES } from '../../platform/i18n/locales.ts';
import { symbolIn, unDocumentUrl } from '../../platform/un-documents.ts';
import * as s from './knowledge.schemas.ts';
import { isNormLetter, type KnowledgeService, type NormSummary, type NormView, preciseDate } from './knowledge.service.ts';
import type { NormIncidentItem } from './norm-incidents.views.tsx';

const presentSummary = (n: NormSummary) => ({ letter: n.letter, title: n.title, summary: n.summary, url: `/norms/${n.letter}` });

/** The official versions of a citation's document in the six languages. */
export const officialVersions = (citation: string) => {
  const symbol = symbolIn(citation);
  return symbol ? LOCALES.map((lang) => ({ lang, url: unDocumentUrl(symbol, lang) })) : [];
};

const presentNorm = (n: NormView, incidents: NormIncidentItem[]) => ({
  ...presentSummary(n),
  citation: n.citation,
  official_text: n.officialText,
  official_versions: officialVersions(n.citation),
  about: n.about,
  relevance: n.relevance,
  implementation: n.actions,
  actors: n.actors.map(({ slug, name, kind, role, lang }) => ({ slug, name, kind, role, lang })),
  forums: n.forums.map(({ slug, name, kind, note, lang }) => ({ slug, name, kind, note, lang })),
  sectors: n.sectors.map(({ slug, name, lang }) => ({ slug, name, lang })),
  cbms: n.cbms.map(({ id, source, number, title, verified, lang }) => ({ id, source, number, title, verified, lang })),
  framework_elements: n.frameworkElements.map((e) => ({
    id: e.id,
    framework: e.framework_slug,
    number: e.number,
    title: e.title,
    lang: e.lang,
  })),
  incidents: incidents.map((i) => ({
    id: i.id,
    title: i.title,
    year: i.year,
    contested: i.contested,
    lang: (i.lang ?? 'en') as 'en',
    url: `/incidents/${i.id}`,
    readings: i.readings.map((r) => ({
      basis: r.basis,
      invoked_by: r.invokedBy,
      rationale: r.rationale,
      lang: (r.lang ?? 'en') as 'en',
    })),
  })),
  updated_at: n.updatedAt,
});

export function knowledgeRoutes(
  knowledge: KnowledgeService,
  /** The published incidents at stake for a norm, from the incidents module's face (app.ts hands it over). */
  incidentsOn?: (letter: string, locale: string) => Promise<NormIncidentItem[]>,
) {
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
        const [norm, incidents] = await Promise.all([
          knowledge.getNorm(req.params.letter, req.locale),
          (isNormLetter(req.params.letter) && incidentsOn?.(req.params.letter, req.locale)) || [],
        ]);
        if (!norm) throw errors.notFound(`Norm (${req.params.letter})`);
        return presentNorm(norm, incidents);
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
        const all = (await knowledge.listCbms(req.locale)).map((c) => ({
          id: c.id,
          source: c.source,
          number: c.number,
          title: c.text.title.text,
          description: c.text.description.text,
          adopted: c.text.adopted.text,
          verified: c.verified,
          norms: c.norms,
          lang: c.text.description.lang,
        }));
        return { data: req.query.source ? all.filter((c) => c.source === req.query.source) : all };
      },
    );

    r.get(
      '/api/v1/frameworks',
      {
        schema: {
          tags,
          summary: 'Related frameworks (Paris Call, GCSC) with each element mapped to norms',
          querystring: s.langQuery,
          response: { 200: s.listOf(s.framework) },
        },
      },
      async (req) => ({
        data: (await knowledge.listFrameworks(req.locale)).map((f) => ({
          slug: f.slug,
          name: f.name,
          description: f.description,
          adopted: f.adopted,
          source_url: f.source_url,
          lang: f.lang,
          elements: f.elements.map(({ id, number, title, description, norms, lang }) => ({
            id,
            number,
            title,
            description,
            norms,
            lang,
          })),
        })),
      }),
    );

    r.get(
      '/api/v1/actors',
      {
        schema: {
          tags,
          summary: 'Actors who implement the norms',
          querystring: s.langQuery,
          response: { 200: s.listOf(s.actor) },
        },
      },
      async (req) => ({ data: await knowledge.listActors(req.locale) }),
    );

    r.get(
      '/api/v1/forums',
      {
        schema: {
          tags,
          summary: 'Forums where the norms are discussed',
          querystring: s.langQuery,
          response: { 200: s.listOf(s.forum) },
        },
      },
      async (req) => ({ data: await knowledge.listForums(req.locale) }),
    );

    r.get(
      '/api/v1/sectors',
      {
        schema: {
          tags,
          summary: 'Critical-infrastructure sectors named in UN discussions',
          querystring: s.langQuery,
          response: { 200: s.listOf(s.sector) },
        },
      },
      async (req) => ({ data: await knowledge.listSectors(req.locale) }),
    );

    r.get(
      '/api/v1/glossary',
      { schema: { tags, summary: 'Glossary of terms', querystring: s.langQuery, response: { 200: s.listOf(s.glossaryTerm) } } },
      async (req) => ({
        data: (await knowledge.listGlossary(req.locale)).map((g) => ({
          slug: g.slug,
          term: g.text.term.text,
          definition: g.text.definition.text,
          lang: g.text.definition.lang,
        })),
      }),
    );

    r.get(
      '/api/v1/timeline',
      {
        schema: {
          tags,
          summary: 'Timeline of the UN process, 1998 to 2026',
          querystring: s.langQuery,
          response: { 200: s.listOf(s.timelineEvent) },
        },
      },
      async (req) => ({
        data: (await knowledge.listTimeline(req.locale)).map((e) => ({
          id: e.id,
          date: preciseDate(e),
          date_precision: e.date_precision,
          date_label: e.text.date_label.text,
          title: e.text.title.text,
          description: e.text.description.text,
          symbol: e.symbol,
          status: e.status,
          lang: e.text.description.lang,
        })),
      }),
    );
  };
}
