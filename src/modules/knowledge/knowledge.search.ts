// The knowledge base's documents for the search index: every page and section in each of the six languages,
// built from the content as a transaction sees it (a unit not yet translated is indexed in English). The
// search module indexes them; knowledge only says what they are.
import type { Queryable } from '../../db/client.ts';
import { translator } from '../../platform/i18n/i18n.ts';
import { LOCALES, type Locale } from '../../platform/i18n/locales.ts';
import { SEARCH_KINDS, type SearchKind } from '../search/index.ts';
import * as q from './knowledge.queries.ts';
import { localise, type Translations, translationsOf } from './knowledge.service.ts';

export interface SearchableDocument {
  kind: string;
  ref: string;
  lang: Locale;
  title: string;
  body: string;
  url: string;
}

/** The content rows the documents are built from, read once for all languages. */
async function contentRows(db: Queryable) {
  const norms = await q.normsInOrder(db);
  const actions = new Map<string, q.ActionRow[]>();
  for (const n of norms) actions.set(n.letter, await q.actionsOfNorm(db, n.letter));
  return {
    norms,
    actions,
    pillars: await q.pillarsInOrder(db),
    cbms: await q.cbmsInOrder(db),
    elements: await q.frameworkElementsInOrder(db),
    actors: await q.actorsByName(db),
    forums: await q.forumsByKind(db),
    sectors: await q.sectorsByName(db),
    glossary: await q.glossaryByTerm(db),
    timeline: await q.timelineInOrder(db),
  };
}

const ENTITIES = [
  'norm',
  'norm_action',
  'pillar',
  'cbm',
  'framework',
  'framework_element',
  'actor',
  'forum',
  'sector',
  'glossary',
  'timeline',
] as const;

/**
 * Every page and section the search index should hold, in each language asked (all six by default), built
 * from the content as db sees it (pass a transaction).
 */
export async function searchableDocuments(db: Queryable, langs: readonly Locale[] = LOCALES): Promise<SearchableDocument[]> {
  const rows = await contentRows(db);
  const docs: SearchableDocument[] = [];
  for (const lang of langs) {
    const t = translator(lang);
    // One statement after another: db is usually a transaction, whose one connection runs one at a time.
    const tr = {} as Record<(typeof ENTITIES)[number], Translations>;
    for (const e of ENTITIES) tr[e] = await translationsOf(db, e, lang);
    /** A field in the language, or its English original where it is not translated. */
    const say = (entity: (typeof ENTITIES)[number], id: string, field: string, original: string) =>
      localise(tr[entity], id, field, original, lang).text;
    const add = (kind: string, ref: string, title: string, body: string, url: string) =>
      docs.push({ kind, ref, lang, title, body, url });

    for (const n of rows.norms) {
      const title = say('norm', n.letter, 'title', n.title);
      // The official text is quoted as adopted in English; another language's document holds it only once
      // an editor has entered the UN's own version in that language.
      const official = lang === 'en' ? n.official_text : (tr.norm.get(`${n.letter}:official_text`) ?? '');
      add(
        'norm',
        n.letter,
        t('search.doc.norm', { letter: n.letter, title }),
        [
          say('norm', n.letter, 'summary', n.summary),
          official,
          say('norm', n.letter, 'about', n.about),
          say('norm', n.letter, 'relevance', n.relevance),
        ]
          .filter(Boolean)
          .join('\n\n'),
        `/norms/${n.letter}`,
      );
      add(
        'norm-implementation',
        n.letter,
        t('search.doc.implementation', { letter: n.letter }),
        (rows.actions.get(n.letter) ?? [])
          .map((a) => `${say('norm_action', a.id, 'title', a.title)}. ${say('norm_action', a.id, 'description', a.description)}`)
          .join('\n'),
        `/norms/${n.letter}#implementation`,
      );
    }
    for (const p of rows.pillars)
      add(
        'pillar',
        p.slug,
        say('pillar', p.slug, 'title', p.title),
        `${say('pillar', p.slug, 'summary', p.summary)}\n\n${say('pillar', p.slug, 'body', p.body)}`,
        `/pillars#${p.slug}`,
      );
    for (const c of rows.cbms)
      add(
        'cbm',
        c.id,
        t(`search.doc.cbm.${c.source}`, { number: String(c.number), title: say('cbm', c.id, 'title', c.title) }),
        `${say('cbm', c.id, 'description', c.description)} ${say('cbm', c.id, 'adopted', c.adopted)}`,
        `/cbms#${c.id}`,
      );
    for (const e of rows.elements)
      add(
        'framework',
        e.id,
        t('search.doc.element', {
          framework: say('framework', e.framework_slug, 'name', e.framework_name),
          number: String(e.number),
          title: say('framework_element', e.id, 'title', e.title),
        }),
        say('framework_element', e.id, 'description', e.description),
        `/frameworks#${e.id}`,
      );
    for (const a of rows.actors)
      add(
        'actor',
        a.slug,
        say('actor', a.slug, 'name', a.name),
        say('actor', a.slug, 'description', a.description),
        `/actors#${a.slug}`,
      );
    for (const f of rows.forums)
      add(
        'forum',
        f.slug,
        say('forum', f.slug, 'name', f.name),
        say('forum', f.slug, 'description', f.description),
        `/forums#${f.slug}`,
      );
    for (const s of rows.sectors)
      add(
        'sector',
        s.slug,
        t('search.doc.sector', { name: say('sector', s.slug, 'name', s.name) }),
        `${say('sector', s.slug, 'description', s.description)} ${say('sector', s.slug, 'sources', s.sources)}`,
        `/sectors#${s.slug}`,
      );
    for (const g of rows.glossary)
      add(
        'glossary',
        g.slug,
        say('glossary', g.slug, 'term', g.term),
        say('glossary', g.slug, 'definition', g.definition),
        `/glossary#${g.slug}`,
      );
    for (const e of rows.timeline)
      add(
        'timeline',
        e.id,
        t('search.doc.timeline', {
          date: say('timeline', e.id, 'date_label', e.date_label),
          title: say('timeline', e.id, 'title', e.title),
        }),
        [say('timeline', e.id, 'description', e.description), e.symbol ?? ''].join(' '),
        `/timeline#${e.id}`,
      );
  }
  return docs;
}

/** The search document kinds this module owns: every kind in the index but the learning module's lessons. */
export const KNOWLEDGE_DOCUMENT_KINDS: SearchKind[] = SEARCH_KINDS.filter((k) => k !== 'lesson');
