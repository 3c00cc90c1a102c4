-- The audit chain becomes keyed: each entry's hash is an HMAC-SHA-256 under a key kept outside the
-- database (AUDIT_KEY or AUDIT_KEY_FILE). Entries written before this migration were hashed with plain
-- SHA-256; they are marked so, and verification accepts them only before the first keyed entry.

alter table audit_log add column hash_alg text not null default 'sha256'
  check (hash_alg in ('sha256', 'hmac-sha256'));
-- From now on every insert says how it hashed.
alter table audit_log alter column hash_alg drop default;
