// The knowledge base's rules: assembling norms with their relations, localising content with an
// English fallback, and listing what the search index should contain. No HTTP types in here.
import type { Queryable } from '../../db/client.ts';
import type { ContentCache } from '../../platform/cache.ts';
import type { Locale } from '../../platform/i18n/locales.ts';
import * as q from './knowledge.queries.ts';

export const NORM_LETTERS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k'] as const;

/** A piece of content text and the language it is actually in (English when no translation exists). */
export interface Text {
  text: string;
  lang: Locale;
}

export interface NormSummary {
  letter: string;
  title: Text;
  summary: Text;
}

export interface NormView extends NormSummary {
  citation: string;
  officialText: string;
  about: Text[];
  relevance: Text[];
  actions: { id: string; title: string; description: string }[];
  actors: q.NormActorRow[];
  forums: q.NormForumRow[];
  sectors: q.SectorRow[];
  cbms: q.CbmRow[];
  frameworkElements: q.ElementRow[];
  previous: string | null;
  next: string | null;
  updatedAt: string;
}

/** Translated fields of one kind of content in one language, keyed `<id>:<field>`. */
export type Translations = Map<string, string>;

const en = (text: string): Text => ({ text, lang: 'en' });
/** A text as its paragraphs, in the language it was found in. */
const paragraphs = (text: Text): Text[] => text.text.split(/\n{2,}/).map((p) => ({ text: p, lang: text.lang }));

export function isNormLetter(value: string): value is (typeof NORM_LETTERS)[number] {
  return (NORM_LETTERS as readonly string[]).includes(value);
}

/** Every translation of a kind of content (norm, lesson…) into the language; none for English. */
export async function translationsOf(db: Queryable, entity: string, locale: Locale): Promise<Translations> {
  if (locale === 'en') return new Map();
  const rows = await q.translationsOf(db, entity, locale);
  return new Map(rows.map((r) => [`${r.entity_id}:${r.field}`, r.value]));
}

/** One field in the language, or the English original (marked as English) when it is not translated. */
export function localise(t: Translations, id: string, field: string, original: string, locale: Locale): Text {
  const value = t.get(`${id}:${field}`);
  return value === undefined ? en(original) : { text: value, lang: locale };
}

/** The knowledge service, bound to a database and a content cache. */
export function createKnowledgeService(deps: { db: Queryable; cache: ContentCache }) {
  const { db, cache } = deps;
  const translationsFor = (entity: string, locale: Locale) => translationsOf(db, entity, locale);

  /** Rows with `text`: the named fields in the locale (English where not translated). */
  async function withText<R extends object, F extends keyof R & string>(
    entity: string,
    rows: R[],
    key: (r: R) => string,
    fields: F[],
    locale: Locale,
  ): Promise<(R & { text: Record<F, Text> })[]> {
    const t = await translationsFor(entity, locale);
    return rows.map((r) => ({
      ...r,
      text: Object.fromEntries(fields.map((f) => [f, localise(t, key(r), f, String(r[f]), locale)])) as Record<F, Text>,
    }));
  }

  return {
    /** Each norm's English title, summary and last change, for the updates feed. */
    normEditions() {
      return q.normEditions(db);
    },

    /** The eleven norms, each with its title and one-line summary. */
    listNorms(locale: Locale): Promise<NormSummary[]> {
      return cache.get(`norms:${locale}`, async () => {
        const [rows, t] = await Promise.all([q.normsInOrder(db), translationsFor('norm', locale)]);
        return rows.map((n) => ({
          letter: n.letter,
          title: localise(t, n.letter, 'title', n.title, locale),
          summary: localise(t, n.letter, 'summary', n.summary, locale),
        }));
      });
    },

    /** One norm with everything the norm page shows, or undefined for an unknown letter. */
    getNorm(letter: string, locale: Locale): Promise<NormView | undefined> {
      if (!isNormLetter(letter)) return Promise.resolve(undefined);
      return cache.get(`norm:${letter}:${locale}`, async () => {
        const norm = await q.normByLetter(db, letter);
        if (!norm) return undefined;
        const [actions, actors, forums, sectors, cbms, frameworkElements, t] = await Promise.all([
          q.actionsOfNorm(db, letter),
          q.actorsOfNorm(db, letter),
          q.forumsOfNorm(db, letter),
          q.sectorsOfNorm(db, letter),
          q.cbmsOfNorm(db, letter),
          q.frameworkElementsOfNorm(db, letter),
          translationsFor('norm', locale),
        ]);
        const i = NORM_LETTERS.indexOf(letter);
        return {
          letter,
          title: localise(t, letter, 'title', norm.title, locale),
          summary: localise(t, letter, 'summary', norm.summary, locale),
          citation: norm.citation,
          officialText: norm.official_text,
          about: paragraphs(localise(t, letter, 'about', norm.about, locale)),
          relevance: paragraphs(localise(t, letter, 'relevance', norm.relevance, locale)),
          actions: actions.map(({ id, title, description }) => ({ id, title, description })),
          actors,
          forums,
          sectors,
          cbms,
          frameworkElements,
          previous: NORM_LETTERS[i - 1] ?? null,
          next: NORM_LETTERS[i + 1] ?? null,
          updatedAt: new Date(norm.updated_at).toISOString(),
        };
      });
    },

    listPillars(locale: Locale) {
      return cache.get(`pillars:${locale}`, async () => {
        const [rows, t] = await Promise.all([q.pillarsInOrder(db), translationsFor('pillar', locale)]);
        return rows.map((p) => ({
          slug: p.slug,
          title: localise(t, p.slug, 'title', p.title, locale),
          summary: localise(t, p.slug, 'summary', p.summary, locale),
          body: paragraphs(localise(t, p.slug, 'body', p.body, locale)),
        }));
      });
    },

    /** The CBMs; with a locale, each carries its title and description in that language (English fallback). */
    listCbms(locale: Locale = 'en') {
      return cache.get(`cbms:${locale}`, async () =>
        withText('cbm', await q.cbmsInOrder(db), (c) => c.id, ['title', 'description'], locale),
      );
    },

    /** Frameworks with their elements, each element carrying the norms it maps to. */
    listFrameworks() {
      return cache.get('frameworks', async () => {
        const [frameworks, elements] = await Promise.all([q.frameworksInOrder(db), q.frameworkElementsInOrder(db)]);
        return frameworks.map((f) => ({ ...f, elements: elements.filter((e) => e.framework_slug === f.slug) }));
      });
    },

    listActors: () => cache.get('actors', () => q.actorsByName(db)),
    listForums: () => cache.get('forums', () => q.forumsByKind(db)),
    listSectors: () => cache.get('sectors', () => q.sectorsByName(db)),
    listGlossary(locale: Locale = 'en') {
      return cache.get(`glossary:${locale}`, async () =>
        withText('glossary', await q.glossaryByTerm(db), (g) => g.slug, ['term', 'definition'], locale),
      );
    },
    listTimeline(locale: Locale = 'en') {
      return cache.get(`timeline:${locale}`, async () =>
        withText('timeline', await q.timelineInOrder(db), (e) => e.id, ['date_label', 'title', 'description'], locale),
      );
    },
    latestTimeline: (limit: number) => cache.get(`timeline:latest:${limit}`, () => q.latestTimelineEvents(db, limit)),
  };
}

export type KnowledgeService = ReturnType<typeof createKnowledgeService>;
