-- Work on a communication that is not sent yet, kept for its author only (issue 17), so a refused submit or an
-- ended session loses nothing: the files uploaded with a submit that was refused (shown again on the form,
-- sent with the next submit), and what was typed when the session had ended on submit (given back after
-- signing in). Both belong to one form (its idempotency key) of one person, and are short-lived: a job
-- removes each at expires_at, and a send removes them at once.
create table comm_pending_uploads (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id),
  form_key text not null,
  name text not null,
  media_type text not null,
  size integer not null,
  sha256 text not null,
  content bytea not null,
  created_at timestamptz not null,
  expires_at timestamptz not null
);
create index comm_pending_uploads_form on comm_pending_uploads (user_id, form_key, created_at);

-- What the form held (its fields as typed, never its files: those are pending uploads of the same form);
-- `draft_id` is the draft it was editing, if any.
create table comm_kept_forms (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id),
  form_key text not null,
  draft_id uuid,
  fields jsonb not null,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  unique (user_id, form_key)
);

-- The key that signs each compose form for its author (an HMAC of the person, the time and the form), so a
-- form that arrives after its session ended is kept for that person and no one else, and a form forged on
-- another site is not. Made here, once, from the database's strong random source.
create table comm_form_keys (
  id integer primary key check (id = 1),
  secret text not null
);
insert into comm_form_keys (id, secret) values (1, replace(gen_random_uuid()::text || gen_random_uuid()::text || gen_random_uuid()::text, '-', ''));
