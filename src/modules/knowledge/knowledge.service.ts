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

/** A row whose text fields are in `lang`: the reader's language when they are all translated, else English. */
export type InLang<R> = R & { lang: Locale };

export interface NormView extends NormSummary {
  citation: string;
  officialText: string;
  /** The official text in the reader's language, only when an editor entered it with its source. */
  officialTranslation: { text: string; source: string } | null;
  about: Text[];
  relevance: Text[];
  actions: InLang<{ id: string; title: string; description: string }>[];
  actors: InLang<q.NormActorRow>[];
  forums: InLang<q.NormForumRow>[];
  sectors: InLang<q.SectorRow>[];
  cbms: InLang<q.CbmRow>[];
  frameworkElements: InLang<q.ElementRow>[];
  previous: string | null;
  next: string | null;
  updatedAt: string;
}

/** A timeline date at the precision the sources give (ISO 8601: YYYY, YYYY-MM or YYYY-MM-DD), never a made-up day. */
export const preciseDate = (e: Pick<q.TimelineRow, 'sort_date' | 'date_precision'>) =>
  e.date_precision === 'year' ? e.sort_date.slice(0, 4) : e.date_precision === 'month' ? e.sort_date.slice(0, 7) : e.sort_date;

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

/**
 * The row with the named fields in the locale and `lang` saying which language they are in: the locale when
 * every one was translated, English otherwise (a row is never shown half in one language, half in another).
 */
export function localiseRow<R extends object, F extends keyof R & string>(
  t: Translations,
  id: string,
  row: R,
  fields: F[],
  locale: Locale,
): InLang<R> {
  if (locale === 'en') return { ...row, lang: 'en' };
  const values: Partial<Record<F, string>> = {};
  for (const f of fields) {
    const value = t.get(`${id}:${f}`);
    if (value === undefined) return { ...row, lang: 'en' };
    values[f] = value;
  }
  return { ...row, ...values, lang: locale };
}

/**
 * One lookup for a norm's relation to an actor or forum: the thing's own fields (name, description) from its
 * translations, and the relation's (role, note) from the relation's, which are keyed `<letter>-<slug>`.
 */
function relation(ofRelation: Translations, ofThing: Translations, relationId: string, slug: string): Translations {
  const merged: Translations = new Map();
  for (const f of ['name', 'description']) {
    const v = ofThing.get(`${slug}:${f}`);
    if (v !== undefined) merged.set(`${slug}:${f}`, v);
  }
  for (const f of ['role', 'note']) {
    const v = ofRelation.get(`${relationId}:${f}`);
    if (v !== undefined) merged.set(`${slug}:${f}`, v);
  }
  return merged;
}

/** An element's translations with its framework's translated name as `framework_name`. */
function withFrameworkName(ofElement: Translations, ofFramework: Translations, e: q.ElementRow): Translations {
  const merged = new Map(ofElement);
  const name = ofFramework.get(`${e.framework_slug}:name`);
  if (name !== undefined) merged.set(`${e.id}:framework_name`, name);
  return merged;
}

/** A norm's official text in the translations' language, when an editor entered it with its source. */
function officialIn(t: Translations, letter: string): { text: string; source: string } | null {
  const text = t.get(`${letter}:official_text`);
  const source = t.get(`${letter}:official_source`);
  return text && source ? { text, source } : null;
}

/** The knowledge service, bound to a database and a content cache. */
export function createKnowledgeService(deps: { db: Queryable; cache: ContentCache }) {
  const { db, cache } = deps;
  const translationsFor = (entity: string, locale: Locale) => translationsOf(db, entity, locale);
  /** The translations of several kinds at once, by kind. */
  async function translationsOfKinds<K extends string>(kinds: K[], locale: Locale): Promise<Record<K, Translations>> {
    const maps = await Promise.all(kinds.map((k) => translationsFor(k, locale)));
    return Object.fromEntries(kinds.map((k, i) => [k, maps[i]])) as Record<K, Translations>;
  }

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
        const tr = await translationsOfKinds(
          ['norm_action', 'norm_actor', 'norm_forum', 'actor', 'forum', 'sector', 'cbm', 'framework', 'framework_element'],
          locale,
        );
        const i = NORM_LETTERS.indexOf(letter);
        return {
          letter,
          title: localise(t, letter, 'title', norm.title, locale),
          summary: localise(t, letter, 'summary', norm.summary, locale),
          citation: norm.citation,
          officialText: norm.official_text,
          officialTranslation: officialIn(t, letter),
          about: paragraphs(localise(t, letter, 'about', norm.about, locale)),
          relevance: paragraphs(localise(t, letter, 'relevance', norm.relevance, locale)),
          actions: actions.map(({ id, title, description }) =>
            localiseRow(tr.norm_action, id, { id, title, description }, ['title', 'description'], locale),
          ),
          actors: actors.map((a) =>
            localiseRow(
              relation(tr.norm_actor, tr.actor, `${letter}-${a.slug}`, a.slug),
              a.slug,
              a,
              ['name', 'description', 'role'],
              locale,
            ),
          ),
          forums: forums.map((f) =>
            localiseRow(
              relation(tr.norm_forum, tr.forum, `${letter}-${f.slug}`, f.slug),
              f.slug,
              f,
              ['name', 'description', 'note'],
              locale,
            ),
          ),
          sectors: sectors.map((s) => localiseRow(tr.sector, s.slug, s, ['name', 'description', 'sources'], locale)),
          cbms: cbms.map((c) => localiseRow(tr.cbm, c.id, c, ['title', 'description', 'adopted'], locale)),
          frameworkElements: frameworkElements.map((e) =>
            localiseRow(
              withFrameworkName(tr.framework_element, tr.framework, e),
              e.id,
              e,
              ['title', 'description', 'framework_name'],
              locale,
            ),
          ),
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
        withText('cbm', await q.cbmsInOrder(db), (c) => c.id, ['title', 'description', 'adopted'], locale),
      );
    },

    /**
     * The titles of the implementation actions and the CBMs in the locale (English where not translated), by
     * id: the national questionnaire offers them as choices and shows them in its reader's language.
     */
    choiceTitles(locale: Locale): Promise<{ actions: Record<string, string>; cbms: Record<string, string> }> {
      return cache.get(`choice-titles:${locale}`, async () => {
        const [actions, cbms, t] = await Promise.all([
          q.actionTitles(db),
          q.cbmsInOrder(db),
          translationsOfKinds(['norm_action', 'cbm'], locale),
        ]);
        const titles = (rows: { id: string; title: string }[], tr: Translations) =>
          Object.fromEntries(rows.map((r) => [r.id, localise(tr, r.id, 'title', r.title, locale).text]));
        return { actions: titles(actions, t.norm_action), cbms: titles(cbms, t.cbm) };
      });
    },

    /** Frameworks with their elements, each element carrying the norms it maps to, in the locale. */
    listFrameworks(locale: Locale = 'en') {
      return cache.get(`frameworks:${locale}`, async () => {
        const [frameworks, elements, tr] = await Promise.all([
          q.frameworksInOrder(db),
          q.frameworkElementsInOrder(db),
          translationsOfKinds(['framework', 'framework_element'], locale),
        ]);
        return frameworks.map((f) => ({
          ...localiseRow(tr.framework, f.slug, f, ['name', 'description', 'adopted'], locale),
          elements: elements
            .filter((e) => e.framework_slug === f.slug)
            .map((e) =>
              localiseRow(
                withFrameworkName(tr.framework_element, tr.framework, e),
                e.id,
                e,
                ['title', 'description', 'framework_name'],
                locale,
              ),
            ),
        }));
      });
    },

    listActors: (locale: Locale = 'en') =>
      cache.get(`actors:${locale}`, async () => {
        const [rows, t] = await Promise.all([q.actorsByName(db), translationsFor('actor', locale)]);
        return rows.map((a) => localiseRow(t, a.slug, a, ['name', 'description'], locale));
      }),
    listForums: (locale: Locale = 'en') =>
      cache.get(`forums:${locale}`, async () => {
        const [rows, t] = await Promise.all([q.forumsByKind(db), translationsFor('forum', locale)]);
        return rows.map((f) => localiseRow(t, f.slug, f, ['name', 'description'], locale));
      }),
    listSectors: (locale: Locale = 'en') =>
      cache.get(`sectors:${locale}`, async () => {
        const [rows, t] = await Promise.all([q.sectorsByName(db), translationsFor('sector', locale)]);
        return rows.map((s) => localiseRow(t, s.slug, s, ['name', 'description', 'sources'], locale));
      }),
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
    latestTimeline: (limit: number, locale: Locale = 'en') =>
      cache.get(`timeline:latest:${limit}:${locale}`, async () =>
        withText('timeline', await q.latestTimelineEvents(db, limit), (e) => e.id, ['date_label', 'title'], locale),
      ),
  };
}

export type KnowledgeService = ReturnType<typeof createKnowledgeService>;
