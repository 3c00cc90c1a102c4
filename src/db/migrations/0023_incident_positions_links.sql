-- Issue 18, the two parts of "a State speaks for itself" that were missing (docs/decisions.md, 74).
-- A point of contact's draft of its State's position on a published incident, kept until the State's focal
-- point approves it (then published as the State's statement) or declines it with a reason. Owned by incidents.
create table incident_position_drafts (
  id uuid primary key default gen_random_uuid(),
  incident_id uuid not null references incidents (id) on delete cascade,
  state_code text not null,
  kind text not null check (kind in ('attribution', 'supports', 'denies', 'comments')),
  -- The form's fields as the POC gave them (checked when drafted, and again when approved).
  body jsonb not null,
  status text not null default 'pending' check (status in ('pending', 'approved', 'declined', 'withdrawn')),
  drafted_by uuid not null references users (id),
  drafted_at timestamptz not null,
  decided_by uuid references users (id),
  decided_at timestamptz,
  reason text not null default '',
  -- The claim or response it became when approved.
  published_id uuid
);
create index incident_position_drafts_state on incident_position_drafts (state_code, status, drafted_at);
create index incident_position_drafts_incident on incident_position_drafts (incident_id);

-- A communication thread linked to an incident record by a party to the thread. Owned by communications: who
-- sees a link is who sees the thread (party()), so the link never leaves that module except through it.
create table thread_incidents (
  thread_id uuid not null references threads (id) on delete cascade,
  incident_id uuid not null references incidents (id) on delete cascade,
  linked_by uuid not null references users (id),
  linked_at timestamptz not null,
  primary key (thread_id, incident_id)
);
create index thread_incidents_incident on thread_incidents (incident_id);
