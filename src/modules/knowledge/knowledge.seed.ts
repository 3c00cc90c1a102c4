// Loads the shipped content (src/content) into the knowledge tables, replacing what was there.

import { actors, forums, sectors } from '../../content/actors.ts';
import { glossary, pillars, timeline } from '../../content/framework.ts';
import { shippedTranslations, TRANSLATED_LOCALES } from '../../content/i18n/index.ts';
import { cbms, frameworks } from '../../content/measures.ts';
import { CITATION_PREFIX, norms } from '../../content/norms.ts';
import type { Queryable } from '../../db/client.ts';

const CONTENT_TABLES = [
  'framework_element_norms',
  'framework_elements',
  'frameworks',
  'cbm_norms',
  'cbms',
  'norm_sectors',
  'norm_forums',
  'norm_actors',
  'norm_actions',
  'norms',
  'sectors',
  'forums',
  'actors',
  'pillars',
  'glossary_terms',
  'timeline_events',
  'translations',
];

/** Inserts many rows with one statement per call (PGlite and pg both take numbered parameters). */
async function insertRows(db: Queryable, table: string, columns: string[], rows: unknown[][]) {
  const chunk = Math.max(1, Math.floor(1000 / columns.length));
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    const values = part.map((_, r) => `(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(', ')})`).join(', ');
    await db.query(`insert into ${table} (${columns.join(', ')}) values ${values}`, part.flat());
  }
}

/** Replaces all knowledge content with the shipped edition; run inside a transaction. */
export async function seedKnowledge(tx: Queryable): Promise<void> {
  for (const table of CONTENT_TABLES) await tx.query(`delete from ${table}`);

  await insertRows(
    tx,
    'pillars',
    ['slug', 'position', 'title', 'summary', 'body'],
    pillars.map((p, i) => [p.slug, i + 1, p.title, p.summary, p.body.join('\n\n')]),
  );
  await insertRows(
    tx,
    'actors',
    ['slug', 'name', 'kind', 'description'],
    actors.map((a) => [a.slug, a.name, a.kind, a.description]),
  );
  await insertRows(
    tx,
    'forums',
    ['slug', 'name', 'kind', 'description', 'url'],
    forums.map((f) => [f.slug, f.name, f.kind, f.description, f.url ?? null]),
  );
  await insertRows(
    tx,
    'sectors',
    ['slug', 'name', 'description', 'sources'],
    sectors.map((s) => [s.slug, s.name, s.description, s.sources]),
  );
  await insertRows(
    tx,
    'norms',
    ['letter', 'title', 'summary', 'citation', 'official_text', 'about', 'relevance'],
    norms.map((n) => [
      n.letter,
      n.title,
      n.summary,
      `${CITATION_PREFIX} (${n.letter})`,
      n.officialText,
      n.about.join('\n\n'),
      n.relevance.join('\n\n'),
    ]),
  );
  await insertRows(
    tx,
    'norm_actions',
    ['id', 'norm_letter', 'position', 'title', 'description'],
    norms.flatMap((n) => n.actions.map((a, i) => [`${n.letter}-${i + 1}`, n.letter, i + 1, a.title, a.description])),
  );
  await insertRows(
    tx,
    'norm_actors',
    ['norm_letter', 'actor_slug', 'position', 'role'],
    norms.flatMap((n) => n.actors.map((a, i) => [n.letter, a.actor, i + 1, a.role])),
  );
  await insertRows(
    tx,
    'norm_forums',
    ['norm_letter', 'forum_slug', 'position', 'note'],
    norms.flatMap((n) => n.forums.map((f, i) => [n.letter, f.forum, i + 1, f.note])),
  );
  await insertRows(
    tx,
    'norm_sectors',
    ['norm_letter', 'sector_slug'],
    norms.flatMap((n) => n.sectors.map((s) => [n.letter, s])),
  );
  await insertRows(
    tx,
    'cbms',
    ['id', 'source', 'number', 'title', 'description', 'adopted', 'verified'],
    cbms.map((c) => [`${c.source}-${c.number}`, c.source, c.number, c.title, c.description, c.adopted, c.verified !== false]),
  );
  await insertRows(
    tx,
    'cbm_norms',
    ['cbm_id', 'norm_letter'],
    cbms.flatMap((c) => c.norms.map((n) => [`${c.source}-${c.number}`, n])),
  );
  await insertRows(
    tx,
    'frameworks',
    ['slug', 'name', 'description', 'adopted', 'source_url'],
    frameworks.map((f) => [f.slug, f.name, f.description, f.adopted, f.sourceUrl]),
  );
  await insertRows(
    tx,
    'framework_elements',
    ['id', 'framework_slug', 'number', 'title', 'description'],
    frameworks.flatMap((f) => f.elements.map((e) => [`${f.slug}-${e.number}`, f.slug, e.number, e.title, e.description])),
  );
  await insertRows(
    tx,
    'framework_element_norms',
    ['element_id', 'norm_letter'],
    frameworks.flatMap((f) => f.elements.flatMap((e) => e.norms.map((n) => [`${f.slug}-${e.number}`, n]))),
  );
  await insertRows(
    tx,
    'glossary_terms',
    ['slug', 'term', 'definition'],
    glossary.map((g) => [g.slug, g.term, g.definition]),
  );
  await insertRows(
    tx,
    'timeline_events',
    ['id', 'sort_date', 'date_precision', 'date_label', 'title', 'description', 'symbol', 'status'],
    timeline.map((t) => [t.id, t.date, t.precision ?? 'day', t.label, t.title, t.description, t.symbol ?? null, t.status]),
  );
  await insertRows(tx, 'translations', ['entity', 'entity_id', 'field', 'lang', 'value'], shippedTranslations());
}

/**
 * A database seeded before the content was translated has no translation in some language: adds that
 * language's shipped translations, and no other. A language with any row is left alone, so a translation an
 * editor removed stays removed. Returns the languages added.
 */
export async function topUpTranslations(tx: Queryable): Promise<string[]> {
  const present = new Set((await tx.query<{ lang: string }>('select distinct lang from translations')).map((r) => r.lang));
  // Every start asks: read the shipped catalogues only when a language is missing.
  if (TRANSLATED_LOCALES.every((lang) => present.has(lang))) return [];
  const rows = shippedTranslations().filter(([, , , lang]) => !present.has(lang));
  const chunk = 200;
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    const values = part.map((_, r) => `($${r * 5 + 1}, $${r * 5 + 2}, $${r * 5 + 3}, $${r * 5 + 4}, $${r * 5 + 5})`).join(', ');
    await tx.query(
      `insert into translations (entity, entity_id, field, lang, value) values ${values} on conflict do nothing`,
      part.flat(),
    );
  }
  return [...new Set(rows.map(([, , , lang]) => lang))];
}
