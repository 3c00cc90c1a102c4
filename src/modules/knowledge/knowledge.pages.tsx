// The knowledge base's pages. Public content pages are rendered once per language and kept in the
// content cache until the content changes, which is what makes the norm pages cheap to serve.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h, type VNode } from 'preact';
import { type ContentCache, EncodedPage, sendEncoded } from '../../platform/cache.ts';
import { errors } from '../../platform/errors.ts';
import { pageContext } from '../../platform/http/request-context.ts';
import type { Locale } from '../../platform/i18n/locales.ts';
import type { PageContext } from '../../views/context.ts';
import { withAccount } from '../../views/layout.tsx';
import { renderDocument } from '../../views/render.ts';
import type { CommentsService } from '../discussion/index.ts';
import { discussionSection } from '../discussion/index.ts';
import { HomePage } from './home.views.tsx';
import { isNormLetter, type KnowledgeService } from './knowledge.service.ts';
import {
  ActorsPage,
  CbmsPage,
  ForumsPage,
  FrameworksPage,
  GlossaryPage,
  PillarsPage,
  SectorsPage,
  TimelinePage,
} from './library.views.tsx';
import type { NormIncidentItem } from './norm-incidents.views.tsx';
import { DISCUSSION_SLOT, NormPage, type NormReporter, NormsIndexPage } from './norms.views.tsx';

const hidden = { schema: { hide: true } };

export function knowledgePages(deps: {
  knowledge: KnowledgeService;
  comments: CommentsService;
  cache: ContentCache;
  assetVersion: string;
  /**
   * The States that published a report answering on a norm, from the reports module's face (app.ts hands it
   * over: reports come after knowledge). Drawn into the cached page, which app.ts drops when one is published.
   */
  reportersOn?: (letter: string, locale: Locale) => Promise<NormReporter[]>;
  /**
   * The published incidents at stake for a norm, from the incidents module's face (app.ts hands it over). Drawn
   * into the cached page, which app.ts drops when an incident is approved or a State publishes its position.
   */
  incidentsOn?: (letter: string, locale: Locale) => Promise<NormIncidentItem[]>;
}) {
  const { knowledge, comments, cache, assetVersion } = deps;

  /** Each norm's short title in the locale, by letter, for the links to the norms an item maps to. */
  const normTitles = async (locale: Locale) => new Map((await knowledge.listNorms(locale)).map((n) => [n.letter, n.title]));

  /** Renders (or reuses) the page for this path and language; build returns null when there is no such page. */
  async function page(
    req: FastifyRequest,
    reply: FastifyReply,
    build: (ctx: PageContext) => Promise<VNode<any> | null>,
    personal?: () => Promise<string>,
  ) {
    // Cached per path and language, so nothing else from the request may reach the markup; the context
    // is only built on a miss, keeping the hit path to one map lookup.
    // Kept with its compressed bytes (EncodedPage), so a browser's request compresses nothing.
    const path = req.url.split('?')[0];
    const cached = await cache.get(`page:${path}:${req.locale}`, async () => {
      // Nobody's name in a page kept for everyone: the header's account area is filled per signed-in reader.
      const vnode = await build({ ...pageContext(req, assetVersion), keepQuery: '', viewer: null });
      return vnode ? new EncodedPage(renderDocument(vnode)) : null;
    });
    if (cached === null) throw errors.notFound(`The page ${path}`);
    // The cached page with this reader's part (the discussion) put in its slot. Signed-out readers all get
    // the same composed page, kept (compressed too) until a comment or the content changes.
    const compose = async () => {
      if (!personal) return cached.html;
      const own = await personal();
      return cached.html.replace(DISCUSSION_SLOT, () => own);
    };
    if (req.viewer) {
      const own = withAccount(await compose(), pageContext(req, assetVersion));
      if (personal) reply.header('cache-control', 'no-store');
      return reply.type('text/html; charset=utf-8').send(own);
    }
    if (!personal) return sendEncoded(req, reply, cached);
    reply.header('cache-control', 'no-store');
    if (req.actor.userId) return reply.type('text/html; charset=utf-8').send(await compose());
    // Kept per cached page (its serial): a page made again after the content changed is composed again, even
    // before the change's event has reached the discussion's cache (on PostgreSQL it comes back a moment later).
    const composed = await comments.readerHtml(
      `page:${path}:${req.locale}:${cached.serial}`,
      async () => new EncodedPage(await compose()),
    );
    return sendEncoded(req, reply, composed, [cached]);
  }

  return async (app: FastifyInstance) => {
    app.get('/', hidden, (req, reply) =>
      page(req, reply, async (ctx) => {
        const [pillars, norms, latest] = await Promise.all([
          knowledge.listPillars(ctx.locale),
          knowledge.listNorms(ctx.locale),
          knowledge.latestTimeline(5, ctx.locale),
        ]);
        return h(HomePage, { ctx, pillars, norms, latest });
      }),
    );

    app.get('/norms', hidden, (req, reply) =>
      page(req, reply, async (ctx) => h(NormsIndexPage, { ctx, norms: await knowledge.listNorms(ctx.locale) })),
    );

    app.get<{ Params: { letter: string } }>('/norms/:letter', hidden, (req, reply) => {
      // Unknown letters are answered before the cache, so made-up addresses cannot fill it.
      if (!isNormLetter(req.params.letter)) throw errors.notFound(`Norm (${req.params.letter})`);
      return page(
        req,
        reply,
        async (ctx) => {
          const [norm, reporters, incidents, titles] = await Promise.all([
            knowledge.getNorm(req.params.letter, ctx.locale),
            deps.reportersOn?.(req.params.letter, ctx.locale) ?? [],
            deps.incidentsOn?.(req.params.letter, ctx.locale) ?? [],
            normTitles(ctx.locale),
          ]);
          return norm ? h(NormPage, { ctx, norm, reporters, incidents, normTitles: titles }) : null;
        },
        () =>
          discussionSection(
            comments,
            req,
            reply,
            { kind: 'norm', id: req.params.letter },
            `/norms/${req.params.letter}`,
            assetVersion,
          ),
      );
    });

    app.get('/pillars', hidden, (req, reply) =>
      page(req, reply, async (ctx) => h(PillarsPage, { ctx, pillars: await knowledge.listPillars(ctx.locale) })),
    );
    app.get('/cbms', hidden, (req, reply) =>
      page(req, reply, async (ctx) =>
        h(CbmsPage, { ctx, cbms: await knowledge.listCbms(ctx.locale), normTitles: await normTitles(ctx.locale) }),
      ),
    );
    app.get('/frameworks', hidden, (req, reply) =>
      page(req, reply, async (ctx) =>
        h(FrameworksPage, {
          ctx,
          frameworks: await knowledge.listFrameworks(ctx.locale),
          normTitles: await normTitles(ctx.locale),
        }),
      ),
    );
    app.get('/actors', hidden, (req, reply) =>
      page(req, reply, async (ctx) => h(ActorsPage, { ctx, actors: await knowledge.listActors(ctx.locale) })),
    );
    app.get('/forums', hidden, (req, reply) =>
      page(req, reply, async (ctx) => h(ForumsPage, { ctx, forums: await knowledge.listForums(ctx.locale) })),
    );
    app.get('/sectors', hidden, (req, reply) =>
      page(req, reply, async (ctx) => h(SectorsPage, { ctx, sectors: await knowledge.listSectors(ctx.locale) })),
    );
    app.get('/glossary', hidden, (req, reply) =>
      page(req, reply, async (ctx) => h(GlossaryPage, { ctx, terms: await knowledge.listGlossary(ctx.locale) })),
    );
    app.get('/timeline', hidden, (req, reply) =>
      page(req, reply, async (ctx) => h(TimelinePage, { ctx, events: await knowledge.listTimeline(ctx.locale) })),
    );
  };
}
