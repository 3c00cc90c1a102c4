-- National implementation reports (issue 6). The questionnaire is versioned data: each version holds all
-- its questions as JSON, and a report answers one version. A State has one report per reporting cycle.

create table questionnaire_versions (
  version integer primary key,
  published_at timestamptz not null,
  published_by text not null,
  note text not null default '',
  questions jsonb not null
);

create table report_cycles (
  year integer primary key check (year between 2000 and 2100),
  opened_at timestamptz not null
);

create table reports (
  id uuid primary key default gen_random_uuid(),
  state_code text not null references states (code),
  cycle integer not null references report_cycles (year),
  version integer not null references questionnaire_versions (version),
  status text not null check (status in ('draft', 'submitted')),
  visibility text not null default 'private' check (visibility in ('private', 'shared', 'public')),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  submitted_at timestamptz,
  demo boolean not null default false,
  unique (state_code, cycle)
);

-- With visibility 'shared': the States that may read the report.
create table report_shares (
  report_id uuid not null references reports (id),
  state_code text not null references states (code),
  primary key (report_id, state_code)
);

-- One answer per question: its value as JSON (choices, text, or a list of evidence).
create table report_answers (
  report_id uuid not null references reports (id),
  question text not null,
  value jsonb not null,
  updated_at timestamptz not null,
  updated_by text not null,
  primary key (report_id, question)
);

-- Capacity-building: a State (its officials) offers help for a gap another State published in a public
-- report; the needing State's focal point accepts an offer, and both see the match.
create table capacity_offers (
  id uuid primary key default gen_random_uuid(),
  need_state text not null references states (code),
  cycle integer not null references report_cycles (year),
  question text not null,
  offered_by_state text not null references states (code),
  offered_by uuid not null references users (id),
  message text not null,
  status text not null default 'open' check (status in ('open', 'accepted')),
  created_at timestamptz not null,
  decided_at timestamptz,
  decided_by uuid references users (id)
);
create index capacity_offers_need on capacity_offers (need_state, cycle);
create index capacity_offers_by on capacity_offers (offered_by_state);
