-- Access that follows an official's roles at every moment (issue 13).

-- A token carries the second factor only if it was made in a session that gave one; it counts only while
-- its owner still has two-factor sign-in set up (checked at each request). Tokens made before this
-- migration are trusted only if their owner had the factor set up when they were made.
alter table api_tokens add column mfa boolean not null default false;
update api_tokens t set mfa = true from users u
  where u.id = t.user_id and u.totp_enabled_at is not null and t.created_at >= u.totp_enabled_at;

-- Which States shared a thread with the directory manager: the manager sees what those States see, no more.
create table thread_shares (
  thread_id uuid not null references threads (id) on delete cascade,
  state_code text not null references states (code),
  shared_by uuid not null references users (id),
  shared_at timestamptz not null,
  primary key (thread_id, state_code)
);
insert into thread_shares (thread_id, state_code, shared_by, shared_at)
  select e.thread_id, coalesce(e.state_code, t.sender_state), u.id, e.at
  from thread_events e join threads t on t.id = e.thread_id join users u on e.actor = 'user:' || u.id::text
  where e.kind = 'shared_with_manager'
  on conflict do nothing;

-- Who revoked an invitation, and which invitation a re-sent one replaces.
alter table invitations add column revoked_by uuid references users (id);
alter table invitations add column replaces uuid references invitations (id);
