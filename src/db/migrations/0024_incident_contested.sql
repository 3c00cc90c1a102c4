-- Whether an incident's attribution is contested, kept on the incident (issue 18, decision 75): claims name
-- different perpetrators, or a State denies a claim. Every write that changes an incident's claims or
-- responses sets it again from isContested (incidents.contested.ts), so the list's filter is a column read
-- through an index instead of two grouped passes over every claim and response at query time.
alter table incidents add column contested boolean not null default false;

-- The rows already there, by the rule the filter applied at query time until now.
update incidents i set contested =
  coalesce((select count(distinct coalesce(c.attributed_state, lower(c.attributed_actor))) > 1
              from incident_claims c where c.incident_id = i.id and c.attributed_kind <> 'unknown'), false)
  or exists (select 1 from incident_responses r where r.incident_id = i.id and r.stance = 'denies');

-- The list filtered by it, newest first, as the list orders.
create index incidents_contested on incidents (status, contested, started_on desc nulls last);
