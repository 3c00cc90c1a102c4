// Every SQL statement of the knowledge base, one function each, named after what it returns; no rules here.
import type { Queryable } from '../../db/client.ts';

export interface NormRow {
  letter: string;
  title: string;
  summary: string;
  citation: string;
  official_text: string;
  about: string;
  relevance: string;
  updated_at: Date;
}
export interface ActionRow {
  id: string;
  norm_letter: string;
  position: number;
  title: string;
  description: string;
}
export interface ActorRow {
  slug: string;
  name: string;
  kind: string;
  description: string;
}
export interface NormActorRow extends ActorRow {
  role: string;
}
export interface ForumRow {
  slug: string;
  name: string;
  kind: string;
  description: string;
  url: string | null;
}
export interface NormForumRow extends ForumRow {
  note: string;
}
export interface SectorRow {
  slug: string;
  name: string;
  description: string;
  sources: string;
}
export interface CbmRow {
  id: string;
  source: 'un' | 'osce' | 'oas';
  number: number;
  title: string;
  description: string;
  adopted: string;
  /** False while the item's place in its source has not been checked against the document. */
  verified: boolean;
  norms: string[];
}
export interface FrameworkRow {
  slug: string;
  name: string;
  description: string;
  adopted: string;
  source_url: string;
}
export interface ElementRow {
  id: string;
  framework_slug: string;
  framework_name: string;
  number: number;
  title: string;
  description: string;
  norms: string[];
}
export interface PillarRow {
  slug: string;
  position: number;
  title: string;
  summary: string;
  body: string;
}
export interface GlossaryRow {
  slug: string;
  term: string;
  definition: string;
}
export interface TimelineRow {
  id: string;
  sort_date: string;
  /** How much of sort_date the sources confirm. */
  date_precision: 'day' | 'month' | 'year';
  date_label: string;
  title: string;
  description: string;
  symbol: string | null;
  status: 'confirmed' | 'partial' | 'unconfirmed';
}
export interface TranslationRow {
  entity_id: string;
  field: string;
  value: string;
}

export const normsInOrder = (db: Queryable) => db.query<NormRow>('select * from norms order by letter');

export const normByLetter = async (db: Queryable, letter: string) =>
  (await db.query<NormRow>('select * from norms where letter = $1', [letter]))[0];

/** Every implementation action's id and English title. */
export const actionTitles = (db: Queryable) => db.query<{ id: string; title: string }>('select id, title from norm_actions');

export const actionsOfNorm = (db: Queryable, letter: string) =>
  db.query<ActionRow>('select * from norm_actions where norm_letter = $1 order by position', [letter]);

export const actorsOfNorm = (db: Queryable, letter: string) =>
  db.query<NormActorRow>(
    `select a.*, na.role from norm_actors na join actors a on a.slug = na.actor_slug
      where na.norm_letter = $1 order by na.position`,
    [letter],
  );

export const forumsOfNorm = (db: Queryable, letter: string) =>
  db.query<NormForumRow>(
    `select f.*, nf.note from norm_forums nf join forums f on f.slug = nf.forum_slug
      where nf.norm_letter = $1 order by nf.position`,
    [letter],
  );

export const sectorsOfNorm = (db: Queryable, letter: string) =>
  db.query<SectorRow>(
    `select s.* from norm_sectors ns join sectors s on s.slug = ns.sector_slug
      where ns.norm_letter = $1 order by s.name`,
    [letter],
  );

const cbmSelect = `select c.*, coalesce(array_agg(cn.norm_letter order by cn.norm_letter)
    filter (where cn.norm_letter is not null), '{}') as norms
  from cbms c left join cbm_norms cn on cn.cbm_id = c.id`;

export const cbmsInOrder = (db: Queryable) =>
  db.query<CbmRow>(`${cbmSelect} group by c.id order by array_position(array['un','osce','oas'], c.source), c.number`);

export const cbmsOfNorm = (db: Queryable, letter: string) =>
  db.query<CbmRow>(
    `${cbmSelect} where c.id in (select cbm_id from cbm_norms where norm_letter = $1)
      group by c.id order by array_position(array['un','osce','oas'], c.source), c.number`,
    [letter],
  );

export const frameworksInOrder = (db: Queryable) => db.query<FrameworkRow>('select * from frameworks order by adopted, slug');

const elementSelect = `select e.id, e.framework_slug, f.name as framework_name, e.number, e.title, e.description,
    coalesce(array_agg(en.norm_letter order by en.norm_letter) filter (where en.norm_letter is not null), '{}') as norms
  from framework_elements e join frameworks f on f.slug = e.framework_slug
  left join framework_element_norms en on en.element_id = e.id`;

export const frameworkElementsInOrder = (db: Queryable) =>
  db.query<ElementRow>(`${elementSelect} group by e.id, f.name order by e.framework_slug desc, e.number`);

export const frameworkElementsOfNorm = (db: Queryable, letter: string) =>
  db.query<ElementRow>(
    `${elementSelect} where e.id in (select element_id from framework_element_norms where norm_letter = $1)
      group by e.id, f.name order by e.framework_slug desc, e.number`,
    [letter],
  );

export const pillarsInOrder = (db: Queryable) => db.query<PillarRow>('select * from pillars order by position');

export const actorsByName = (db: Queryable) => db.query<ActorRow>('select * from actors order by kind, name');

export const forumsByKind = (db: Queryable) =>
  db.query<ForumRow>(
    `select * from forums order by array_position(array['un','regional','multistakeholder','technical'], kind), name`,
  );

export const sectorsByName = (db: Queryable) => db.query<SectorRow>('select * from sectors order by name');

export const glossaryByTerm = (db: Queryable) => db.query<GlossaryRow>('select * from glossary_terms order by lower(term)');

export const timelineInOrder = (db: Queryable) =>
  db.query<TimelineRow>(`select id, to_char(sort_date, 'YYYY-MM-DD') as sort_date, date_precision, date_label, title, description, symbol, status
    from timeline_events order by sort_date`);

export const latestTimelineEvents = (db: Queryable, limit: number) =>
  db.query<TimelineRow>(
    `select id, to_char(sort_date, 'YYYY-MM-DD') as sort_date, date_precision, date_label, title, description, symbol, status
       from timeline_events order by sort_date desc limit $1`,
    [limit],
  );

export const translationsOf = (db: Queryable, entity: string, lang: string) =>
  db.query<TranslationRow>('select entity_id, field, value from translations where entity = $1 and lang = $2', [entity, lang]);

/** Each norm's English title, summary and last change, by letter. */
export const normEditions = (db: Queryable) =>
  db.query<{ letter: string; title: string; summary: string; updated_at: Date }>(
    'select letter, title, summary, updated_at from norms order by letter',
  );

export const normCount = async (db: Queryable) =>
  Number((await db.query<{ n: number }>('select count(*)::int as n from norms'))[0].n);
