-- Changes to published incidents and their history (issue 18, decision 73). A change is proposed by an editor
-- and approved by another who took no part in it; until then the public keeps seeing the published record.
-- Each approved change is a numbered version of the record; number 1 is the record as first published (kept
-- when the first change is approved). `record` holds the editors' part of the record as the change gives it
-- (the fields, the editors' claims with their ids and responses, the norms at stake), so any two versions can
-- be compared; a State's own statements are that State's, published by its focal point, and never in a change.
create table incident_revisions (
  id uuid primary key default gen_random_uuid(),
  incident_id uuid not null references incidents (id) on delete cascade,
  status text not null check (status in ('proposed', 'returned', 'discarded', 'approved')),
  -- The version number, once approved.
  number integer,
  record jsonb not null,
  note text not null,
  -- Why it was sent back or discarded.
  decision_note text not null default '',
  -- The version it was made from, and the version it brings back (a restore).
  base_number integer,
  restored_from integer,
  -- Everyone who proposed or changed it: none of them may approve it. Each edit counts up `edition`, so an
  -- approval names exactly what was seen.
  changed_by uuid[] not null default '{}',
  edition integer not null default 1,
  proposed_by uuid references users (id),
  decided_by uuid references users (id),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  decided_at timestamptz,
  unique (incident_id, number)
);
-- One open change per incident at a time.
create unique index incident_revisions_open on incident_revisions (incident_id) where status in ('proposed', 'returned');

-- When a change last altered a claim or a response: its STIX object's `modified`, so TAXII serves a new version.
alter table incident_claims add column changed_at timestamptz;
alter table incident_responses add column changed_at timestamptz;
