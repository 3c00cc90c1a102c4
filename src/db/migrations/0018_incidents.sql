-- The incident record (issue 18): what happened, every attribution claim made about it (each its own row,
-- never merged), the responses to each claim, and the norms at stake. The vocabularies are EuRepoC's where
-- it has one (docs/incidents.md); the checks below hold the codes, the interface names them.
-- Dates are kept at the precision known: the first day of the period and its precision (year, month, day).
create table incidents (
  id uuid primary key default gen_random_uuid(),
  title text not null,
  summary text not null default '',
  types text[] not null default '{}',
  started_on date,
  started_precision text check (started_precision in ('year', 'month', 'day')),
  ended_on date,
  ended_precision text check (ended_precision in ('year', 'month', 'day')),
  disclosed_on date,
  disclosed_precision text check (disclosed_precision in ('year', 'month', 'day')),
  targets text[] not null default '{}',
  sectors text[] not null default '{}',
  effects text not null default '',
  -- [{ title, url, unconfirmed }]
  sources jsonb not null default '[]',
  status text not null default 'draft' check (status in ('draft', 'proposed', 'published')),
  -- Everyone who created or changed it since it was last published: none of them may approve it.
  changed_by uuid[] not null default '{}',
  proposed_by uuid references users (id),
  approved_by uuid references users (id),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  published_at timestamptz
);
create index incidents_status on incidents (status, started_on desc);

create table incident_claims (
  id uuid primary key default gen_random_uuid(),
  incident_id uuid not null references incidents (id) on delete cascade,
  position integer not null,
  claimant_kind text not null check (claimant_kind in ('state', 'states_jointly', 'international_org', 'company', 'researchers', 'media')),
  claimant_states text[] not null default '{}',
  claimant_name text not null default '',
  claimed_on date not null,
  basis text not null check (basis in ('political_statement', 'technical_report', 'indictment', 'sanctions', 'media_report', 'other')),
  attributed_kind text not null check (attributed_kind in ('state', 'state_affiliated', 'non_state', 'unknown')),
  attributed_state text,
  attributed_actor text not null default '',
  summary text not null default '',
  source_url text not null,
  source_title text not null default '',
  unconfirmed boolean not null default false,
  -- Set when a State's focal point published it as that State's own statement.
  stated_by_state text,
  created_by uuid references users (id),
  created_at timestamptz not null
);
create index incident_claims_incident on incident_claims (incident_id, claimed_on);

create table incident_responses (
  id uuid primary key default gen_random_uuid(),
  claim_id uuid not null references incident_claims (id) on delete cascade,
  incident_id uuid not null references incidents (id) on delete cascade,
  state_code text not null,
  stance text not null check (stance in ('supports', 'denies', 'comments')),
  stated_on date not null,
  summary text not null default '',
  source_url text not null default '',
  unconfirmed boolean not null default false,
  own_statement boolean not null default false,
  created_by uuid references users (id),
  created_at timestamptz not null
);
create index incident_responses_incident on incident_responses (incident_id, stated_on);

create table incident_norms (
  incident_id uuid not null references incidents (id) on delete cascade,
  norm_letter text not null check (norm_letter ~ '^[a-k]$'),
  -- invoked: a State invoked it in its own statement (invoked_by); editors: the editors' reading.
  basis text not null check (basis in ('invoked', 'editors')),
  invoked_by text not null default '',
  rationale text not null,
  primary key (incident_id, norm_letter, basis, invoked_by)
);
