-- The TAXII 2.1 server's store (issue 18, docs/incidents.md "TAXII 2.1"): every STIX object version a
-- collection serves, in the order it was added. `seq` orders a collection and is what a `next` token names, so
-- a page never loses nor repeats an object, however many share a timestamp or arrive while a client pages.
-- `date_added` is strictly increasing with `seq` (writers take turns under a table lock and each object gets
-- its own microsecond), so `added_after` is as exact as `next`. Rows are only ever added.
create table taxii_objects (
  seq bigserial primary key,
  collection text not null,
  stix_id text not null,
  type text not null,
  spec_version text not null,
  -- The object's `modified` (or `created` for objects that have no `modified`, such as marking definitions).
  version timestamptz not null,
  date_added timestamptz,
  object jsonb not null,
  unique (collection, stix_id, version)
);
create index taxii_objects_collection_seq on taxii_objects (collection, seq);
create index taxii_objects_added on taxii_objects (date_added);
