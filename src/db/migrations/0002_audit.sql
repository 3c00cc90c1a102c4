-- The audit log: one row per write (and, later, per read of confidential data), appended in the same
-- transaction as the change, each row's hash chained to the previous row's. Rows are never updated.

create table audit_log (
  id bigserial primary key,
  at timestamptz not null,
  actor text not null,
  action text not null,
  entity text not null,
  entity_id text,
  origin text not null,
  details jsonb not null default '{}',
  prev_hash text not null,
  hash text not null unique
);
create index audit_log_entity on audit_log (entity, entity_id);
create index audit_log_actor on audit_log (actor, at);
