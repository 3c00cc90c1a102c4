-- The points-of-contact directory: contacts kept as versions (every change, effective at once or on a
-- chosen date, is a new row; the current contact is the latest version in effect), communication-check
-- rounds with one task per contact, and durable jobs for reminders and deadlines.

create table contacts (
  id uuid primary key default gen_random_uuid(),
  state_code text not null references states (code),
  created_at timestamptz not null,
  created_by text not null
);
create index contacts_state on contacts (state_code);

create table contact_versions (
  id bigserial primary key,
  contact_id uuid not null references contacts (id),
  version integer not null,
  effective_from timestamptz not null,
  removed boolean not null default false,
  kind text not null check (kind in ('diplomatic', 'technical')),
  name text not null,
  position text not null,
  institution text not null,
  email text not null,
  phone text not null,
  languages text[] not null,
  time_zone text not null,
  all_day boolean not null,
  hours text not null,
  networks text[] not null,
  changed_by text not null,
  changed_at timestamptz not null,
  changes jsonb not null default '{}',
  unique (contact_id, version)
);
create index contact_versions_current on contact_versions (contact_id, effective_from desc, version desc);

create table ping_rounds (
  id uuid primary key default gen_random_uuid(),
  title text not null,
  scope jsonb not null,
  started_at timestamptz not null,
  deadline timestamptz not null,
  reminder_hours integer not null,
  created_by text not null,
  closed_at timestamptz
);

create table ping_tasks (
  id uuid primary key default gen_random_uuid(),
  round_id uuid not null references ping_rounds (id),
  contact_id uuid not null references contacts (id),
  state_code text not null references states (code),
  kind text not null,
  email text not null,
  name text not null,
  token_hash text not null unique,
  created_at timestamptz not null,
  confirmed_at timestamptz,
  confirmed_via text check (confirmed_via in ('link', 'platform')),
  reminders integer not null default 0,
  unique (round_id, contact_id)
);
create index ping_tasks_state on ping_tasks (state_code, round_id);
create index ping_tasks_contact on ping_tasks (contact_id, created_at desc);

-- Durable jobs: claimed with FOR UPDATE SKIP LOCKED, run in a transaction that also marks them done, so an
-- effect (a reminder queued) happens exactly once even if the process dies; `key` makes scheduling idempotent.
create table jobs (
  id bigserial primary key,
  kind text not null,
  key text not null unique,
  payload jsonb not null,
  run_at timestamptz not null,
  locked_until timestamptz,
  attempts integer not null default 0,
  done_at timestamptz,
  last_error text
);
create index jobs_due on jobs (run_at) where done_at is null;
