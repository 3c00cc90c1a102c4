// The SQL of the editable face (editable.ts): for each kind an editor changes (norms and their actions,
// pillars, CBMs, frameworks and their elements, actors, forums, sectors, glossary, timeline), its records in
// the editors' order, one record's fields, and the update of its English fields; and the translations of one
// record.
// Each statement names its table; no rules here.
import type { Queryable } from '../../db/client.ts';

export interface EditableItemRow {
  id: string;
  label: string;
}

async function first<T>(rows: Promise<T[]>): Promise<T | undefined> {
  return (await rows)[0];
}

// Norms

/** The norms, labelled "(a) Title", by letter. */
export const editableNorms = (q: Queryable) =>
  q.query<EditableItemRow>(`select letter as id, '(' || letter || ') ' || title as label from norms order by letter`);

/** A norm's editable English fields, and its adopted official text and citation (shown beside a translation's). */
export const normFields = (q: Queryable, letter: string) =>
  first(
    q.query<{ title: string; summary: string; about: string; relevance: string; official_text: string; official_source: string }>(
      `select title, summary, about, relevance, official_text, citation as official_source from norms where letter = $1`,
      [letter],
    ),
  );

/** Saves a norm's English fields and when it changed. */
export const updateNormFields = (q: Queryable, letter: string, f: Record<string, string>, at: string) =>
  q.query('update norms set title = $2, summary = $3, about = $4, relevance = $5, updated_at = $6 where letter = $1', [
    letter,
    f.title,
    f.summary,
    f.about,
    f.relevance,
    at,
  ]);

/** Marks a norm changed (a translation was saved). */
export const touchNorm = (q: Queryable, letter: string, at: string) =>
  q.query('update norms set updated_at = $2 where letter = $1', [letter, at]);

// A norm's implementation actions

/** The actions, labelled "(a.1) Title", by norm and position. */
export const editableNormActions = (q: Queryable) =>
  q.query<EditableItemRow>(
    `select id, '(' || norm_letter || '.' || position || ') ' || title as label from norm_actions order by norm_letter, position`,
  );

/** An action's editable English fields and its norm. */
export const normActionFields = (q: Queryable, id: string) =>
  first(
    q.query<{ title: string; description: string; norm_letter: string }>(
      'select title, description, norm_letter from norm_actions where id = $1',
      [id],
    ),
  );

/** Saves an action's English fields. */
export const updateNormActionFields = (q: Queryable, id: string, f: Record<string, string>) =>
  q.query('update norm_actions set title = $2, description = $3 where id = $1', [id, f.title, f.description]);

/** Marks the norm of an action changed. */
export const touchNormOfAction = (q: Queryable, id: string, at: string) =>
  q.query('update norms set updated_at = $2 where letter = (select norm_letter from norm_actions where id = $1)', [id, at]);

// What a norm says of each actor and forum it names (a role, a note), keyed `<letter>-<slug>`

/** A relation's id split into its norm letter and the actor's or forum's slug. */
const relation = (id: string) => ({ letter: id.slice(0, 1), slug: id.slice(2) });

/** The norms' actors, labelled "Actor — (a)", by norm and position. */
export const editableNormActors = (q: Queryable) =>
  q.query<EditableItemRow>(
    `select na.norm_letter || '-' || na.actor_slug as id, a.name || ' — (' || na.norm_letter || ')' as label
       from norm_actors na join actors a on a.slug = na.actor_slug order by na.norm_letter, na.position`,
  );

/** The role a norm gives an actor, and the norm. */
export const normActorFields = (q: Queryable, id: string) =>
  first(
    q.query<{ role: string; norm_letter: string }>(
      'select role, norm_letter from norm_actors where norm_letter = $1 and actor_slug = $2',
      [relation(id).letter, relation(id).slug],
    ),
  );

/** Saves the role in English. */
export const updateNormActorFields = (q: Queryable, id: string, f: Record<string, string>) =>
  q.query('update norm_actors set role = $3 where norm_letter = $1 and actor_slug = $2', [
    relation(id).letter,
    relation(id).slug,
    f.role,
  ]);

/** The norms' forums, labelled "Forum — (a)", by norm and position. */
export const editableNormForums = (q: Queryable) =>
  q.query<EditableItemRow>(
    `select nf.norm_letter || '-' || nf.forum_slug as id, f.name || ' — (' || nf.norm_letter || ')' as label
       from norm_forums nf join forums f on f.slug = nf.forum_slug order by nf.norm_letter, nf.position`,
  );

/** The note a norm gives a forum, and the norm. */
export const normForumFields = (q: Queryable, id: string) =>
  first(
    q.query<{ note: string; norm_letter: string }>(
      'select note, norm_letter from norm_forums where norm_letter = $1 and forum_slug = $2',
      [relation(id).letter, relation(id).slug],
    ),
  );

/** Saves the note in English. */
export const updateNormForumFields = (q: Queryable, id: string, f: Record<string, string>) =>
  q.query('update norm_forums set note = $3 where norm_letter = $1 and forum_slug = $2', [
    relation(id).letter,
    relation(id).slug,
    f.note,
  ]);

/** Marks the norm of a relation changed. */
export const touchNormOfRelation = (q: Queryable, id: string, at: string) =>
  q.query('update norms set updated_at = $2 where letter = $1', [relation(id).letter, at]);

// Pillars

/** The pillars, in their order. */
export const editablePillars = (q: Queryable) =>
  q.query<EditableItemRow>('select slug as id, title as label from pillars order by position');

/** A pillar's editable English fields. */
export const pillarFields = (q: Queryable, slug: string) =>
  first(
    q.query<{ title: string; summary: string; body: string }>('select title, summary, body from pillars where slug = $1', [slug]),
  );

/** Saves a pillar's English fields. */
export const updatePillarFields = (q: Queryable, slug: string, f: Record<string, string>) =>
  q.query('update pillars set title = $2, summary = $3, body = $4 where slug = $1', [slug, f.title, f.summary, f.body]);

// CBMs

/** The CBMs, labelled "OSCE 3: Title", by source and number. */
export const editableCbms = (q: Queryable) =>
  q.query<EditableItemRow>(
    `select id, upper(source) || ' ' || number || ': ' || title as label from cbms order by source, number`,
  );

/** A CBM's editable English fields. */
export const cbmFields = (q: Queryable, id: string) =>
  first(
    q.query<{ title: string; description: string; adopted: string }>(
      'select title, description, adopted from cbms where id = $1',
      [id],
    ),
  );

/** Saves a CBM's English fields. */
export const updateCbmFields = (q: Queryable, id: string, f: Record<string, string>) =>
  q.query('update cbms set title = $2, description = $3, adopted = $4 where id = $1', [id, f.title, f.description, f.adopted]);

// Frameworks and their elements

/** The related frameworks, by name. */
export const editableFrameworks = (q: Queryable) =>
  q.query<EditableItemRow>('select slug as id, name as label from frameworks order by name');

/** A framework's editable English fields. */
export const frameworkFields = (q: Queryable, slug: string) =>
  first(
    q.query<{ name: string; description: string; adopted: string }>(
      'select name, description, adopted from frameworks where slug = $1',
      [slug],
    ),
  );

/** Saves a framework's English fields. */
export const updateFrameworkFields = (q: Queryable, slug: string, f: Record<string, string>) =>
  q.query('update frameworks set name = $2, description = $3, adopted = $4 where slug = $1', [
    slug,
    f.name,
    f.description,
    f.adopted,
  ]);

/** The frameworks' elements, labelled "Paris Call 3: Title", by framework and number. */
export const editableFrameworkElements = (q: Queryable) =>
  q.query<EditableItemRow>(
    `select e.id, f.name || ' ' || e.number || ': ' || e.title as label
     from framework_elements e join frameworks f on f.slug = e.framework_slug order by f.name, e.number`,
  );

/** A framework element's editable English fields. */
export const frameworkElementFields = (q: Queryable, id: string) =>
  first(q.query<{ title: string; description: string }>('select title, description from framework_elements where id = $1', [id]));

/** Saves a framework element's English fields. */
export const updateFrameworkElementFields = (q: Queryable, id: string, f: Record<string, string>) =>
  q.query('update framework_elements set title = $2, description = $3 where id = $1', [id, f.title, f.description]);

// Actors, forums, sectors

/** The actors, by name. */
export const editableActors = (q: Queryable) =>
  q.query<EditableItemRow>('select slug as id, name as label from actors order by name');

/** An actor's editable English fields. */
export const actorFields = (q: Queryable, slug: string) =>
  first(q.query<{ name: string; description: string }>('select name, description from actors where slug = $1', [slug]));

/** Saves an actor's English fields. */
export const updateActorFields = (q: Queryable, slug: string, f: Record<string, string>) =>
  q.query('update actors set name = $2, description = $3 where slug = $1', [slug, f.name, f.description]);

/** The forums, by name. */
export const editableForums = (q: Queryable) =>
  q.query<EditableItemRow>('select slug as id, name as label from forums order by name');

/** A forum's editable English fields. */
export const forumFields = (q: Queryable, slug: string) =>
  first(q.query<{ name: string; description: string }>('select name, description from forums where slug = $1', [slug]));

/** Saves a forum's English fields. */
export const updateForumFields = (q: Queryable, slug: string, f: Record<string, string>) =>
  q.query('update forums set name = $2, description = $3 where slug = $1', [slug, f.name, f.description]);

/** The critical-infrastructure sectors, by name. */
export const editableSectors = (q: Queryable) =>
  q.query<EditableItemRow>('select slug as id, name as label from sectors order by name');

/** A sector's editable English fields. */
export const sectorFields = (q: Queryable, slug: string) =>
  first(
    q.query<{ name: string; description: string; sources: string }>(
      'select name, description, sources from sectors where slug = $1',
      [slug],
    ),
  );

/** Saves a sector's English fields. */
export const updateSectorFields = (q: Queryable, slug: string, f: Record<string, string>) =>
  q.query('update sectors set name = $2, description = $3, sources = $4 where slug = $1', [
    slug,
    f.name,
    f.description,
    f.sources,
  ]);

// Glossary

/** The glossary terms, alphabetically. */
export const editableGlossary = (q: Queryable) =>
  q.query<EditableItemRow>('select slug as id, term as label from glossary_terms order by term');

/** A glossary term's editable English fields. */
export const glossaryFields = (q: Queryable, slug: string) =>
  first(q.query<{ term: string; definition: string }>('select term, definition from glossary_terms where slug = $1', [slug]));

/** Saves a glossary term's English fields. */
export const updateGlossaryFields = (q: Queryable, slug: string, f: Record<string, string>) =>
  q.query('update glossary_terms set term = $2, definition = $3 where slug = $1', [slug, f.term, f.definition]);

// Timeline

/** The timeline events, labelled "2015: Title", by date. */
export const editableTimeline = (q: Queryable) =>
  q.query<EditableItemRow>(`select id, date_label || ': ' || title as label from timeline_events order by sort_date`);

/** A timeline event's editable English fields. */
export const timelineFields = (q: Queryable, id: string) =>
  first(
    q.query<{ date_label: string; title: string; description: string }>(
      'select date_label, title, description from timeline_events where id = $1',
      [id],
    ),
  );

/** Saves a timeline event's English fields. */
export const updateTimelineFields = (q: Queryable, id: string, f: Record<string, string>) =>
  q.query('update timeline_events set date_label = $2, title = $3, description = $4 where id = $1', [
    id,
    f.date_label,
    f.title,
    f.description,
  ]);

// Translations

/** One record's translated fields in a language. */
export const translatedFields = (q: Queryable, entity: string, id: string, lang: string) =>
  q.query<{ field: string; value: string }>(
    'select field, value from translations where entity = $1 and entity_id = $2 and lang = $3',
    [entity, id, lang],
  );

/** Removes one field's translation (the page falls back to English). */
export const deleteTranslation = (q: Queryable, entity: string, id: string, field: string, lang: string) =>
  q.query('delete from translations where entity = $1 and entity_id = $2 and field = $3 and lang = $4', [
    entity,
    id,
    field,
    lang,
  ]);

/** Saves one field's translation, replacing the one there was. */
export const upsertTranslation = (q: Queryable, entity: string, id: string, field: string, lang: string, value: string) =>
  q.query(
    `insert into translations (entity, entity_id, field, lang, value) values ($1, $2, $3, $4, $5)
     on conflict (entity, entity_id, field, lang) do update set value = excluded.value`,
    [entity, id, field, lang, value],
  );
