// Atom feeds (RFC 4287) of updates: the norms (each saved revision, and each norm's current edition), the
// lessons and the published incident record. Built as text with every value escaped; test/learning.test.ts parses them as XML.
import type { FastifyInstance } from 'fastify';
import { translator } from '../../platform/i18n/i18n.ts';
import { isLocale, type Locale } from '../../platform/i18n/locales.ts';
import { plainText, renderContent } from '../../platform/markdown.ts';
import type { KnowledgeService } from '../knowledge/index.ts';
import type { LearningService } from '../learning/index.ts';
import type { EditorialService } from './editorial.service.ts';

const hidden = { schema: { hide: true } };

export function xmlEscape(s: string): string {
  // Characters XML 1.0 forbids are dropped; the five specials are escaped.
  return s
    .replace(/[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export interface FeedEntry {
  id: string;
  title: string;
  url: string;
  updated: Date;
  published?: Date;
  author: string;
  summary: string;
  html?: string;
  /** The language of its title and summary, when the feed is not all in English. */
  lang?: string;
}

export function atom(feed: {
  id: string;
  title: string;
  self: string;
  alternate: string;
  entries: FeedEntry[];
  /** The feed's language, when it is not English (its entries say theirs where it differs). */
  lang?: string;
}): string {
  const updated = new Date(Math.max(0, ...feed.entries.map((e) => e.updated.getTime())));
  const entries = feed.entries.map(
    (e) => `  <entry${e.lang ? ` xml:lang="${xmlEscape(e.lang)}"` : ''}>
    <id>${xmlEscape(e.id)}</id>
    <title>${xmlEscape(e.title)}</title>
    <link rel="alternate" type="text/html" href="${xmlEscape(e.url)}"/>
    <updated>${e.updated.toISOString()}</updated>${e.published ? `\n    <published>${e.published.toISOString()}</published>` : ''}
    <author><name>${xmlEscape(e.author)}</name></author>
    <summary>${xmlEscape(e.summary)}</summary>${e.html ? `\n    <content type="html">${xmlEscape(e.html)}</content>` : ''}
  </entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"${feed.lang ? ` xml:lang="${xmlEscape(feed.lang)}"` : ''}>
  <id>${xmlEscape(feed.id)}</id>
  <title>${xmlEscape(feed.title)}</title>
  <link rel="self" type="application/atom+xml" href="${xmlEscape(feed.self)}"/>
  <link rel="alternate" type="text/html" href="${xmlEscape(feed.alternate)}"/>
  <updated>${updated.toISOString()}</updated>
  <generator>cybernorms</generator>
${entries.join('\n')}
</feed>
`;
}

/** A published incident as the incidents module's face gives it for the feed (app.ts hands it over). */
export interface IncidentFeedItem {
  id: string;
  title: string;
  summary: string;
  updated: Date;
  published: Date | null;
  contested: boolean;
  norms: string[];
  claims: number;
  /** The language its title and summary are in (the reader's where translated, else English). */
  lang?: string;
}

/** A translated incident's summary with its counts in its language, labelled as a translation made here (decision 77). */
function translatedSummary(i: IncidentFeedItem, lang: Locale): string {
  const t = translator(lang);
  const norms = i.norms.map((n) => `(${n})`).join(', ');
  return [
    i.summary,
    t('incidents.feed.claims', { n: i.claims }),
    i.contested ? t('incidents.feed.contested') : '',
    i.norms.length ? t('incidents.feed.norms', { norms }) : '',
    t('incidents.tr.feedLabel'),
  ]
    .filter(Boolean)
    .join(' ');
}

export function feedRoutes(deps: {
  editorial: EditorialService;
  knowledge: KnowledgeService;
  learning: LearningService;
  publicUrl: string;
  /** The published incident record, the latest change first. */
  incidents?: (locale: string) => Promise<IncidentFeedItem[]>;
}) {
  const base = deps.publicUrl.replace(/\/$/, '');
  return async (app: FastifyInstance) => {
    app.get('/feeds/norms.atom', hidden, async (_req, reply) => {
      const [revisions, norms] = await Promise.all([deps.editorial.recent('norm', 50), deps.knowledge.normEditions()]);
      const entries: FeedEntry[] = [
        ...revisions.map((r) => ({
          id: `urn:cybernorms:norm:${r.entity_id}:${r.lang}:revision:${r.number}`,
          title: `Norm (${r.entity_id}) updated${r.lang === 'en' ? '' : ` [${r.lang}]`}: ${r.note}`,
          url: `${base}/norms/${r.entity_id}${r.lang === 'en' ? '' : `?lang=${r.lang}`}`,
          updated: new Date(r.created_at),
          author: r.author ?? 'cybernorms',
          summary: r.note,
          html: renderContent(r.fields.about ?? ''),
        })),
        ...norms.map((n) => ({
          id: `urn:cybernorms:norm:${n.letter}`,
          title: `Norm (${n.letter}): ${n.title}`,
          url: `${base}/norms/${n.letter}`,
          updated: new Date(n.updated_at),
          author: 'cybernorms',
          summary: n.summary,
        })),
      ].sort((a, b) => b.updated.getTime() - a.updated.getTime());
      return reply.type('application/atom+xml; charset=utf-8').send(
        atom({
          id: `${base}/feeds/norms.atom`,
          title: 'cybernorms: the eleven norms, updates',
          self: `${base}/feeds/norms.atom`,
          alternate: `${base}/norms`,
          entries,
        }),
      );
    });

    app.get('/feeds/lessons.atom', hidden, async (_req, reply) => {
      const lessons = await deps.learning.recentLessons(100);
      const entries: FeedEntry[] = lessons.map((l) => ({
        id: `urn:cybernorms:lesson:${l.slug}`,
        title: l.title,
        url: `${base}/learn/${l.module_slug}/${l.slug}`,
        updated: new Date(l.updated_at),
        published: new Date(l.published_at),
        author: 'cybernorms',
        summary: plainText(l.body).slice(0, 400),
      }));
      return reply.type('application/atom+xml; charset=utf-8').send(
        atom({
          id: `${base}/feeds/lessons.atom`,
          title: 'cybernorms: lessons',
          self: `${base}/feeds/lessons.atom`,
          alternate: `${base}/learn`,
          entries,
        }),
      );
    });

    // Published incidents only: an entry is updated when the record is approved or a State adds its position.
    // In the reader's language (?lang=, as elsewhere) where translated, labelled; the rest in English, marked.
    // The feed itself (its title, its links) is in the reader's language too; its id stays one for all.
    app.get('/feeds/incidents.atom', hidden, async (req, reply) => {
      const incidents = (await deps.incidents?.(req.locale)) ?? [];
      const inLang = req.locale === 'en' ? '' : `?lang=${req.locale}`;
      const entries: FeedEntry[] = incidents.map((i) => ({
        id: `urn:cybernorms:incident:${i.id}`,
        title: i.title,
        url: `${base}/incidents/${i.id}${inLang}`,
        updated: i.updated,
        published: i.published ?? undefined,
        author: 'cybernorms',
        lang: req.locale === 'en' ? undefined : (i.lang ?? 'en'),
        summary:
          i.lang && i.lang !== 'en' && isLocale(i.lang)
            ? translatedSummary(i, i.lang)
            : [
                i.summary,
                `Attribution claims: ${i.claims}${i.contested ? ' (attribution contested)' : ''}.`,
                i.norms.length ? `Norms at stake: ${i.norms.map((n) => `(${n})`).join(', ')}.` : '',
              ]
                .filter(Boolean)
                .join(' '),
      }));
      return reply.type('application/atom+xml; charset=utf-8').send(
        atom({
          id: `${base}/feeds/incidents.atom`,
          title: `cybernorms: ${translator(req.locale as Locale)('incidents.title')}`,
          self: `${base}/feeds/incidents.atom${inLang}`,
          alternate: `${base}/incidents${inLang}`,
          entries,
          lang: inLang ? req.locale : undefined,
        }),
      );
    });
  };
}
