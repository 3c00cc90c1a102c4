-- Identity and access: the States and organisations registry, accounts, sessions, two-factor, roles,
-- invitations, one-time links, API tokens, sign-in throttling, and the mail outbox.

create table states (
  code text primary key check (code ~ '^[A-Z]{3}$'),
  alpha2 text not null unique check (alpha2 ~ '^[A-Z]{2}$'),
  status text not null check (status in ('member', 'observer', 'other', 'demo')),
  un_group text check (un_group in ('african', 'asia-pacific', 'eastern-european', 'latin-american-caribbean', 'weog')),
  names jsonb not null
);

create table organisations (
  code text primary key,
  names jsonb not null,
  url text not null
);

create table organisation_members (
  organisation text not null references organisations (code),
  state text not null references states (code),
  primary key (organisation, state)
);
create index organisation_members_state on organisation_members (state);

create table users (
  id uuid primary key default gen_random_uuid(),
  email text not null,
  email_key text not null unique,
  display_name text not null,
  password_hash text,
  state_code text references states (code),
  email_verified_at timestamptz,
  totp_secret text,
  totp_enabled_at timestamptz,
  totp_last_step bigint not null default 0,
  demo boolean not null default false,
  created_at timestamptz not null default now()
);
create index users_state on users (state_code);

create table user_roles (
  user_id uuid not null references users (id) on delete cascade,
  role text not null check (role in ('member', 'focal_point', 'poc_diplomatic', 'poc_technical', 'rapporteur', 'editor', 'directory_manager', 'administrator')),
  state_code text references states (code),
  granted_by text not null,
  granted_at timestamptz not null default now(),
  -- State roles carry their State; platform roles and membership carry none.
  check ((role in ('focal_point', 'poc_diplomatic', 'poc_technical', 'rapporteur')) = (state_code is not null))
);
create unique index user_roles_unique on user_roles (user_id, role, coalesce(state_code, ''));
create index user_roles_state on user_roles (state_code, role);

create table sessions (
  id text primary key,
  user_id uuid not null references users (id) on delete cascade,
  csrf_token text not null,
  mfa_at timestamptz,
  created_at timestamptz not null,
  last_seen_at timestamptz not null,
  expires_at timestamptz not null,
  origin text not null,
  user_agent text not null default ''
);
create index sessions_user on sessions (user_id);

create table recovery_codes (
  user_id uuid not null references users (id) on delete cascade,
  code_hash text not null,
  used_at timestamptz,
  primary key (user_id, code_hash)
);

create table invitations (
  id uuid primary key default gen_random_uuid(),
  token_hash text not null unique,
  email text not null,
  state_code text references states (code),
  roles text[] not null,
  invited_by uuid not null references users (id),
  created_at timestamptz not null,
  expires_at timestamptz not null,
  accepted_at timestamptz,
  accepted_by uuid references users (id),
  revoked_at timestamptz
);
create index invitations_state on invitations (state_code, created_at);

create table email_links (
  token_hash text primary key,
  purpose text not null check (purpose in ('verify', 'reset')),
  user_id uuid not null references users (id) on delete cascade,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  used_at timestamptz
);

create table api_tokens (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  name text not null,
  token_hash text not null unique,
  scope text not null check (scope in ('read', 'write')),
  created_at timestamptz not null,
  expires_at timestamptz not null,
  last_used_at timestamptz,
  revoked_at timestamptz
);
create index api_tokens_user on api_tokens (user_id);

-- Failed sign-in and reset attempts per address and per account, for growing delays.
create table throttle (
  key text primary key,
  failures integer not null,
  last_failure_at timestamptz not null
);

-- Mail is written here in the transaction that decides to send it, and delivered after commit (and again
-- at start for anything a crash left behind), so an invitation the user was told about is never lost.
create table outbox (
  id bigserial primary key,
  recipient text not null,
  subject text not null,
  body text not null,
  created_at timestamptz not null,
  sent_at timestamptz,
  attempts integer not null default 0,
  last_error text
);
create index outbox_pending on outbox (id) where sent_at is null;
alter table outbox add column claimed_until timestamptz;
