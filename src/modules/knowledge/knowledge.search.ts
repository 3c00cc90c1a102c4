// The knowledge base's documents for the search index: every page and section, built from the content as
// a transaction sees it. The search module indexes them; knowledge only says what they are.
import type { Queryable } from '../../db/client.ts';
import * as q from './knowledge.queries.ts';

export interface SearchableDocument {
  kind: string;
  ref: string;
  title: string;
  body: string;
  url: string;
}

/** Every page and section the search index should hold, built from the content as db sees it (pass a transaction). */
export async function searchableDocuments(db: Queryable): Promise<SearchableDocument[]> {
  const docs: SearchableDocument[] = [];
  for (const n of await q.normsInOrder(db)) {
    const actions = await q.actionsOfNorm(db, n.letter);
    docs.push({
      kind: 'norm',
      ref: n.letter,
      title: `Norm (${n.letter}): ${n.title}`,
      body: [n.summary, n.official_text, n.about, n.relevance].join('\n\n'),
      url: `/norms/${n.letter}`,
    });
    docs.push({
      kind: 'norm-implementation',
      ref: n.letter,
      title: `How norm (${n.letter}) is implemented`,
      body: actions.map((a) => `${a.title}. ${a.description}`).join('\n'),
      url: `/norms/${n.letter}#implementation`,
    });
  }
  for (const p of await q.pillarsInOrder(db))
    docs.push({ kind: 'pillar', ref: p.slug, title: p.title, body: `${p.summary}\n\n${p.body}`, url: `/pillars#${p.slug}` });
  for (const c of await q.cbmsInOrder(db))
    docs.push({
      kind: 'cbm',
      ref: c.id,
      title: `${c.source.toUpperCase()} CBM ${c.number}: ${c.title}`,
      body: `${c.description} ${c.adopted}`,
      url: `/cbms#${c.id}`,
    });
  for (const e of await q.frameworkElementsInOrder(db))
    docs.push({
      kind: 'framework',
      ref: e.id,
      title: `${e.framework_name} ${e.number}: ${e.title}`,
      body: e.description,
      url: `/frameworks#${e.id}`,
    });
  for (const a of await q.actorsByName(db))
    docs.push({ kind: 'actor', ref: a.slug, title: a.name, body: a.description, url: `/actors#${a.slug}` });
  for (const f of await q.forumsByKind(db))
    docs.push({ kind: 'forum', ref: f.slug, title: f.name, body: f.description, url: `/forums#${f.slug}` });
  for (const s of await q.sectorsByName(db))
    docs.push({
      kind: 'sector',
      ref: s.slug,
      title: `Critical infrastructure: ${s.name}`,
      body: `${s.description} ${s.sources}`,
      url: `/sectors#${s.slug}`,
    });
  for (const g of await q.glossaryByTerm(db))
    docs.push({ kind: 'glossary', ref: g.slug, title: g.term, body: g.definition, url: `/glossary#${g.slug}` });
  for (const t of await q.timelineInOrder(db))
    docs.push({
      kind: 'timeline',
      ref: t.id,
      title: `${t.date_label}: ${t.title}`,
      body: [t.description, t.symbol ?? ''].join(' '),
      url: `/timeline#${t.id}`,
    });
  return docs;
}

/** The search document kinds this module owns. */
export const KNOWLEDGE_DOCUMENT_KINDS = [
  'norm',
  'norm-implementation',
  'pillar',
  'cbm',
  'framework',
  'actor',
  'forum',
  'sector',
  'glossary',
  'timeline',
];
