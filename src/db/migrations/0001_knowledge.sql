-- The knowledge base: the framework's pillars, norms, CBMs, related frameworks, actors, forums,
-- sectors, glossary and timeline; content translations; and the full-text search index.

create table pillars (
  slug text primary key,
  position int not null,
  title text not null,
  summary text not null,
  body text not null
);

create table norms (
  letter text primary key check (letter ~ '^[a-k]$'),
  title text not null,
  summary text not null,
  citation text not null,
  official_text text not null,
  about text not null,
  relevance text not null,
  updated_at timestamptz not null default now()
);

create table norm_actions (
  id text primary key,
  norm_letter text not null references norms(letter) on delete cascade,
  position int not null,
  title text not null,
  description text not null
);
create index norm_actions_norm on norm_actions (norm_letter, position);

create table actors (
  slug text primary key,
  name text not null,
  kind text not null check (kind in ('state', 'international', 'regional', 'technical', 'private', 'academic', 'civil-society', 'law-enforcement')),
  description text not null
);

create table norm_actors (
  norm_letter text not null references norms(letter) on delete cascade,
  actor_slug text not null references actors(slug) on delete cascade,
  position int not null,
  role text not null,
  primary key (norm_letter, actor_slug)
);

create table forums (
  slug text primary key,
  name text not null,
  kind text not null check (kind in ('un', 'regional', 'multistakeholder', 'technical')),
  description text not null,
  url text
);

create table norm_forums (
  norm_letter text not null references norms(letter) on delete cascade,
  forum_slug text not null references forums(slug) on delete cascade,
  position int not null,
  note text not null,
  primary key (norm_letter, forum_slug)
);

create table sectors (
  slug text primary key,
  name text not null,
  description text not null,
  sources text not null
);

create table norm_sectors (
  norm_letter text not null references norms(letter) on delete cascade,
  sector_slug text not null references sectors(slug) on delete cascade,
  primary key (norm_letter, sector_slug)
);

create table cbms (
  id text primary key,
  source text not null check (source in ('un', 'osce', 'oas')),
  number int not null,
  title text not null,
  description text not null,
  adopted text not null,
  unique (source, number)
);

create table cbm_norms (
  cbm_id text not null references cbms(id) on delete cascade,
  norm_letter text not null references norms(letter) on delete cascade,
  primary key (cbm_id, norm_letter)
);

create table frameworks (
  slug text primary key,
  name text not null,
  description text not null,
  adopted text not null,
  source_url text not null
);

create table framework_elements (
  id text primary key,
  framework_slug text not null references frameworks(slug) on delete cascade,
  number int not null,
  title text not null,
  description text not null,
  unique (framework_slug, number)
);

create table framework_element_norms (
  element_id text not null references framework_elements(id) on delete cascade,
  norm_letter text not null references norms(letter) on delete cascade,
  primary key (element_id, norm_letter)
);

create table glossary_terms (
  slug text primary key,
  term text not null,
  definition text not null
);

create table timeline_events (
  id text primary key,
  sort_date date not null,
  date_label text not null,
  title text not null,
  description text not null,
  symbol text,
  status text not null check (status in ('confirmed', 'partial', 'unconfirmed'))
);
create index timeline_events_date on timeline_events (sort_date desc);

-- A translation of one field of one record; a missing one falls back to the English original.
create table translations (
  entity text not null,
  entity_id text not null,
  field text not null,
  lang text not null check (lang in ('ar', 'zh', 'fr', 'ru', 'es')),
  value text not null,
  primary key (entity, entity_id, field, lang)
);

-- One row per searchable page or section; the tsvector is derived, so it can never go stale.
create table search_documents (
  id bigserial primary key,
  kind text not null,
  ref text not null,
  title text not null,
  body text not null,
  url text not null,
  tsv tsvector generated always as (
    setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'B')
  ) stored,
  unique (kind, ref)
);
create index search_documents_tsv on search_documents using gin (tsv);
