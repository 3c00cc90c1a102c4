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
