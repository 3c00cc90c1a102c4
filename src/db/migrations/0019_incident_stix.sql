-- STIX 2.1 both ways for the incident record (issue 18, docs/incidents.md "STIX 2.1").
-- An incident carries a TLP 2.0 marking (the public record publishes TLP:CLEAR only). A record imported from
-- a bundle keeps the STIX ids it came with, so exporting it again gives the same objects; a record made here
-- has none and its ids are minted (UUIDv5) from its own ids. A claim keeps the confidence its claimant gave.
alter table incidents add column tlp text not null default 'clear'
  check (tlp in ('clear', 'green', 'amber', 'amber+strict', 'red'));
alter table incidents add column stix_id text;
alter table incident_claims add column stix_id text;
alter table incident_claims add column confidence integer check (confidence between 0 and 100);
alter table incident_responses add column stix_id text;
