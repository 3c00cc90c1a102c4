// The SQL of the incident record's translations (incidents.translations.ts, migration 0025): one function per
// statement, no rules. Rows are kept: the newest row of a field in a language is its translation.
import type { Queryable } from '../../db/client.ts';

export interface TranslationRow {
  incident_id: string;
  lang: string;
  field: string;
  /** Empty: the translation was removed, the English is shown. */
  value: string;
  /** The English it was translated from. */
  source: string;
  translated_by: string | null;
  translated_at: Date;
}

/** The current translation of every field of these incidents in the language (removed ones included, empty). */
export function currentTranslations(q: Queryable, ids: string[], lang: string): Promise<TranslationRow[]> {
  return q.query<TranslationRow>(
    `select distinct on (incident_id, field) incident_id, lang, field, value, source, translated_by, translated_at
       from incident_translations
      where incident_id = any($1::uuid[]) and lang = $2
      order by incident_id, field, id desc`,
    [ids, lang],
  );
}

/** Saves translations of one incident in one language: a new row per field (the older stay, as history). */
export async function insertTranslations(
  q: Queryable,
  incident: string,
  lang: string,
  rows: { field: string; value: string; source: string }[],
  by: string | null,
  at: string,
) {
  if (!rows.length) return;
  const values = rows.map((_, i) => `($1, $2, $${i * 3 + 5}, $${i * 3 + 6}, $${i * 3 + 7}, $3, $4)`).join(', ');
  await q.query(
    `insert into incident_translations (incident_id, lang, field, value, source, translated_by, translated_at) values ${values}`,
    [incident, lang, by, at, ...rows.flatMap((r) => [r.field, r.value, r.source])],
  );
}

/** Which languages each incident has any translation row in (the shipped ones are topped up where none). */
export function translatedLanguages(q: Queryable): Promise<{ incident_id: string; langs: string[] }[]> {
  return q.query<{ incident_id: string; langs: string[] }>(
    'select incident_id, array_agg(distinct lang) as langs from incident_translations group by incident_id',
  );
}

/** The incidents made here (not imported) with these English titles, the oldest first: the shipped record's. */
export function incidentsTitled(q: Queryable, titles: string[]): Promise<{ id: string; title: string }[]> {
  return q.query<{ id: string; title: string }>(
    'select id, title from incidents where title = any($1::text[]) and stix_id is null order by created_at, id',
    [titles],
  );
}
