-- The incident record in the five other UN languages (issue 18, decision 77). One row per save of one field of
-- one incident in one language, kept: the newest row of a field is its translation (an empty value means "show
-- the English"), the older ones its history. Each row keeps the English it was translated from, so a translation
-- whose English has since changed (an approved change to the record) is shown as outdated. A field is the
-- incident's (title, summary, effects, source.<n>.title) or one of its parts', by the part's id
-- (claim.<id>.summary, claim.<id>.sourceTitle, response.<id>.summary, norm.<letter>.<basis>[.<State>].rationale).
-- Owned by incidents. Translated by an editor (translated_by) or shipped with the record (null).
create table incident_translations (
  id bigserial primary key,
  incident_id uuid not null references incidents (id) on delete cascade,
  lang text not null check (lang in ('ar', 'zh', 'fr', 'ru', 'es')),
  field text not null check (length(field) between 1 and 200),
  value text not null,
  source text not null,
  translated_by uuid references users (id),
  translated_at timestamptz not null
);
create index incident_translations_current on incident_translations (incident_id, lang, field, id desc);
