// Capacity-building's SQL: the needs read from public reports, and the offers made for them. One function per
// statement, no rules. States' names come from the registry's view `state_names`, people's from identity's
// `people`.
import type { Queryable } from '../../db/client.ts';

export interface NeedRow {
  state_code: string;
  name: string;
  un_group: string | null;
  cycle: number;
  version: number;
  question: string;
  gaps: string[];
  text: string | null;
  offers: number;
  accepted: boolean;
}

export interface OfferRow {
  id: string;
  need_state: string;
  cycle: number;
  question: string;
  offered_by_state: string;
  offered_by_name: string;
  message: string;
  status: string;
  created_at: Date;
  decided_at: Date | null;
}

/** The gaps in each State's latest public report (optionally for one norm, or one UN group), with their offers. */
export function publishedNeeds(q: Queryable, norm: string | null, group: string | null): Promise<NeedRow[]> {
  return q.query<NeedRow>(
    `with latest as (
       select distinct on (state_code) id, state_code, cycle, version from reports
       where status = 'submitted' and visibility = 'public' order by state_code, cycle desc)
     select l.state_code, s.names->>'en' as name, s.un_group, l.cycle, l.version, g.question, g.value as gaps,
       (select t.value #>> '{}' from report_answers t where t.report_id = l.id and t.question = g.question || '.text') as text,
       (select count(*)::int from capacity_offers o where o.need_state = l.state_code and o.cycle = l.cycle and o.question = g.question) as offers,
       exists (select 1 from capacity_offers o where o.need_state = l.state_code and o.cycle = l.cycle and o.question = g.question and o.status = 'accepted') as accepted
     from latest l join state_names s on s.code = l.state_code
     join report_answers g on g.report_id = l.id and g.question like '%.gaps' and jsonb_array_length(g.value) > 0
     where ($1::text is null or g.question = 'norm.' || $1 || '.gaps') and ($2::text is null or s.un_group = $2)
     order by g.question, s.names->>'en'`,
    [norm, group],
  );
}

/** A new offer's id. */
export async function insertOffer(
  q: Queryable,
  o: { state: string; cycle: number; question: string; fromState: string; by: string; message: string; at: string },
): Promise<string> {
  const [row] = await q.query<{ id: string }>(
    `insert into capacity_offers (need_state, cycle, question, offered_by_state, offered_by, message, created_at)
     values ($1, $2, $3, $4, $5, $6, $7) returning id`,
    [o.state, o.cycle, o.question, o.fromState, o.by, o.message, o.at],
  );
  return row.id;
}

/** The offers a State received and made, the latest first, with the name of who offered. */
export function offersOfState(q: Queryable, state: string): Promise<OfferRow[]> {
  return q.query<OfferRow>(
    `select o.id, o.need_state, o.cycle, o.question, o.offered_by_state, p.display_name as offered_by_name, o.message, o.status,
            o.created_at, o.decided_at
     from capacity_offers o join people p on p.id = o.offered_by
     where o.need_state = $1 or o.offered_by_state = $1 order by o.created_at desc`,
    [state],
  );
}

/** An offer's needing State and status. */
export async function offerById(q: Queryable, id: string): Promise<{ need_state: string; status: string } | undefined> {
  const [o] = await q.query<{ need_state: string; status: string }>(
    'select need_state, status from capacity_offers where id = $1',
    [id],
  );
  return o;
}

export async function markOfferAccepted(q: Queryable, id: string, at: string, by: string) {
  await q.query("update capacity_offers set status = 'accepted', decided_at = $2, decided_by = $3 where id = $1", [id, at, by]);
}

/** Deletes every offer to or from these States, or made or decided by these users. */
export async function deleteOffersOf(q: Queryable, states: string[], users: string[]) {
  await q.query(
    `delete from capacity_offers where need_state = any($1::text[]) or offered_by_state = any($1::text[])
       or offered_by = any($2::uuid[]) or decided_by = any($2::uuid[])`,
    [states, users],
  );
}
