// The incident record's SQL, one function per statement, no rules. States' names and groups come from the
// registry's view `state_names`.
import type { Queryable } from '../../db/client.ts';
import type { ClaimInput, IncidentInput, NormInput, ResponseInput } from './incidents.validate.ts';

export interface IncidentRow {
  id: string;
  title: string;
  summary: string;
  types: string[];
  started_on: string | null;
  started_precision: string | null;
  ended_on: string | null;
  ended_precision: string | null;
  disclosed_on: string | null;
  disclosed_precision: string | null;
  targets: string[];
  sectors: string[];
  effects: string;
  sources: { title: string; url: string; unconfirmed: boolean }[];
  status: string;
  changed_by: string[];
  proposed_by: string | null;
  approved_by: string | null;
  created_at: Date;
  updated_at: Date;
  published_at: Date | null;
  /** TLP 2.0 label: clear, green, amber, amber+strict or red. */
  tlp: string;
  /** The STIX id it was imported with; null when it was made here. */
  stix_id: string | null;
}

export interface ClaimRow {
  id: string;
  incident_id: string;
  claimant_kind: string;
  claimant_states: string[];
  claimant_name: string;
  claimed_on: string;
  basis: string;
  attributed_kind: string;
  attributed_state: string | null;
  attributed_actor: string;
  summary: string;
  source_url: string;
  source_title: string;
  unconfirmed: boolean;
  stated_by_state: string | null;
  stix_id: string | null;
  confidence: number | null;
  /** When an approved change to the published record last altered it (incidents.revisions.ts). */
  changed_at?: Date | null;
}

export interface ResponseRow {
  id: string;
  claim_id: string;
  incident_id: string;
  state_code: string;
  stance: string;
  stated_on: string;
  summary: string;
  source_url: string;
  unconfirmed: boolean;
  own_statement: boolean;
  stix_id: string | null;
  changed_at?: Date | null;
}

export interface NormRow {
  incident_id: string;
  norm_letter: string;
  basis: string;
  invoked_by: string;
  rationale: string;
}

export interface Filter {
  year: number | null;
  type: string | null;
  target: string | null;
  region: string | null;
  sector: string | null;
  attributor: string | null;
  attributed: string | null;
  norm: string | null;
}

const INCIDENT_COLUMNS = `id, title, summary, types, started_on::text, started_precision, ended_on::text, ended_precision,
  disclosed_on::text, disclosed_precision, targets, sectors, effects, sources, status, changed_by::text[], proposed_by,
  approved_by, created_at, updated_at, published_at, tlp, stix_id`;

/**
 * The filter as SQL over `incidents i` ($1 the statuses, $2–$10 the filter), and its parameters. Contested is the
 * incident's stored mark (incidents.contested.ts), read through its index.
 */
function matching(statuses: string[], f: Filter & { contested?: boolean | null }) {
  const contested = f.contested ?? null;
  return {
    from: `from incidents i
     where i.status = any($1::text[])
       and ($2::int is null or extract(year from i.started_on) = $2)
       and ($3::text is null or $3 = any(i.types))
       and ($4::text is null or $4 = any(i.targets))
       and ($5::text is null or exists (select 1 from state_names s where s.code = any(i.targets) and s.un_group = $5))
       and ($6::text is null or $6 = any(i.sectors))
       and ($7::text is null or exists (select 1 from incident_claims c where c.incident_id = i.id and $7 = any(c.claimant_states)))
       and ($8::text is null or exists (select 1 from incident_claims c where c.incident_id = i.id
             and (c.attributed_state = $8 or lower(c.attributed_actor) = lower($8))))
       and ($9::text is null or exists (select 1 from incident_norms n where n.incident_id = i.id and n.norm_letter = $9))
       and ${contested === null ? '$10::boolean is null' : 'i.contested = $10::boolean'}`,
    params: [statuses, f.year, f.type, f.target, f.region, f.sector, f.attributor, f.attributed, f.norm, contested],
  };
}

/** Incidents of those statuses matching the filter (and contested or not, when asked), newest first; or a page of them. */
export function incidentsMatching(
  q: Queryable,
  statuses: string[],
  f: Filter & { contested?: boolean | null },
  page?: { limit: number; offset: number },
): Promise<IncidentRow[]> {
  const { from, params } = matching(statuses, f);
  return q.query<IncidentRow>(
    `select ${INCIDENT_COLUMNS} ${from}
     order by i.started_on desc nulls last, i.title, i.id
     ${page ? 'limit $11 offset $12' : ''}`,
    page ? [...params, page.limit, page.offset] : params,
  );
}

/** How many incidents of those statuses match the filter. */
export async function countMatching(
  q: Queryable,
  statuses: string[],
  f: Filter & { contested?: boolean | null },
): Promise<number> {
  const { from, params } = matching(statuses, f);
  return (await q.query<{ n: number }>(`select count(*)::int as n ${from}`, params))[0].n;
}

/** What the published record's filters can offer: its years, targets, attributing States and attributed. */
export async function filterChoices(q: Queryable): Promise<{
  years: number[];
  targets: string[];
  attributors: string[];
  attributed: string[];
}> {
  const [row] = await q.query<{ years: number[]; targets: string[]; attributors: string[]; attributed: string[] }>(
    `select
       coalesce((select array_agg(distinct extract(year from started_on)::int order by extract(year from started_on)::int desc)
                   from incidents where status = 'published' and started_on is not null), '{}') as years,
       coalesce((select array_agg(distinct t) from incidents i, unnest(i.targets) t where i.status = 'published'), '{}') as targets,
       coalesce((select array_agg(distinct s) from incident_claims c join incidents i on i.id = c.incident_id,
                   unnest(c.claimant_states) s where i.status = 'published'), '{}') as attributors,
       coalesce((select array_agg(distinct a order by a) from (
                   select coalesce(c.attributed_state, '') as a from incident_claims c join incidents i on i.id = c.incident_id
                    where i.status = 'published'
                   union select c.attributed_actor from incident_claims c join incidents i on i.id = c.incident_id
                    where i.status = 'published') x where a <> ''), '{}') as attributed`,
  );
  return row;
}

export async function incidentById(q: Queryable, id: string): Promise<IncidentRow | undefined> {
  const [row] = await q.query<IncidentRow>(`select ${INCIDENT_COLUMNS} from incidents where id = $1`, [id]);
  return row;
}

/** The incident's row, locked for a change. */
export async function lockIncident(q: Queryable, id: string): Promise<IncidentRow | undefined> {
  const [row] = await q.query<IncidentRow>(`select ${INCIDENT_COLUMNS} from incidents where id = $1 for update`, [id]);
  return row;
}

export function claimsOf(q: Queryable, ids: string[]): Promise<ClaimRow[]> {
  return q.query<ClaimRow>(
    `select id, incident_id, claimant_kind, claimant_states, claimant_name, claimed_on::text, basis, attributed_kind,
       attributed_state, attributed_actor, summary, source_url, source_title, unconfirmed, stated_by_state,
       stix_id, confidence, changed_at
     from incident_claims where incident_id = any($1::uuid[]) order by claimed_on, position, created_at`,
    [ids],
  );
}

export function responsesOf(q: Queryable, ids: string[]): Promise<ResponseRow[]> {
  return q.query<ResponseRow>(
    `select id, claim_id, incident_id, state_code, stance, stated_on::text, summary, source_url, unconfirmed, own_statement,
       stix_id, changed_at
     from incident_responses where incident_id = any($1::uuid[]) order by stated_on, created_at, id`,
    [ids],
  );
}

export function normsOf(q: Queryable, ids: string[]): Promise<NormRow[]> {
  return q.query<NormRow>(
    `select incident_id, norm_letter, basis, invoked_by, rationale from incident_norms
     where incident_id = any($1::uuid[]) order by norm_letter, basis desc, invoked_by`,
    [ids],
  );
}

/** Every State code in the registry. */
export async function stateCodes(q: Queryable): Promise<string[]> {
  return (await q.query<{ code: string }>('select code from state_names')).map((r) => r.code);
}

/** The names of these States in every language. */
export function stateNamesOf(q: Queryable, codes: string[]): Promise<{ code: string; names: Record<string, string> }[]> {
  return q.query('select code, names from state_names where code = any($1::text[])', [codes]);
}

/** An incident's own fields, as a draft and a published version both give them. */
type IncidentFields = Pick<
  IncidentInput,
  'title' | 'summary' | 'types' | 'started' | 'ended' | 'disclosed' | 'targets' | 'sectors' | 'effects' | 'sources'
>;

/** Those fields as the parameters $1…$13 of the statements that write them, in this order. */
export const incidentParams = (i: IncidentFields) => [
  i.title,
  i.summary,
  i.types,
  i.started?.date ?? null,
  i.started?.precision ?? null,
  i.ended?.date ?? null,
  i.ended?.precision ?? null,
  i.disclosed?.date ?? null,
  i.disclosed?.precision ?? null,
  i.targets,
  i.sectors,
  i.effects,
  JSON.stringify(i.sources),
];

export async function insertIncident(
  q: Queryable,
  i: IncidentInput,
  by: string | null,
  at: string,
  status: string,
): Promise<string> {
  const [row] = await q.query<{ id: string }>(
    `insert into incidents (title, summary, types, started_on, started_precision, ended_on, ended_precision, disclosed_on,
       disclosed_precision, targets, sectors, effects, sources, status, changed_by, created_at, updated_at, published_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, $14, $15::uuid[], $16, $16,
       case when $14 = 'published' then $16::timestamptz end)
     returning id`,
    [...incidentParams(i), status, by ? [by] : [], at],
  );
  return row.id;
}

/** Replaces the incident's fields; the editor joins those who changed it; a proposed record is a draft again. */
export async function updateIncident(q: Queryable, id: string, i: IncidentInput, by: string, at: string) {
  await q.query(
    `update incidents set title = $2, summary = $3, types = $4, started_on = $5, started_precision = $6, ended_on = $7,
       ended_precision = $8, disclosed_on = $9, disclosed_precision = $10, targets = $11, sectors = $12, effects = $13,
       sources = $14::jsonb, status = 'draft', proposed_by = null,
       changed_by = case when $15::uuid = any(changed_by) then changed_by else changed_by || $15::uuid end, updated_at = $16
     where id = $1`,
    [id, ...incidentParams(i), by, at],
  );
}

export async function insertClaim(
  q: Queryable,
  incident: string,
  position: number,
  c: ClaimInput,
  o: { by: string | null; at: string; statedBy: string | null },
): Promise<string> {
  const [row] = await q.query<{ id: string }>(
    `insert into incident_claims (incident_id, position, claimant_kind, claimant_states, claimant_name, claimed_on, basis,
       attributed_kind, attributed_state, attributed_actor, summary, source_url, source_title, unconfirmed, stated_by_state,
       created_by, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) returning id`,
    [
      incident,
      position,
      c.claimantKind,
      c.claimantStates,
      c.claimantName,
      c.claimedOn,
      c.basis,
      c.attributedKind,
      c.attributedState,
      c.attributedActor,
      c.summary,
      c.sourceUrl,
      c.sourceTitle,
      c.unconfirmed,
      o.statedBy,
      o.by,
      o.at,
    ],
  );
  return row.id;
}

export async function insertResponse(
  q: Queryable,
  incident: string,
  claim: string,
  r: ResponseInput,
  o: { by: string | null; at: string; own: boolean },
): Promise<string> {
  const [row] = await q.query<{ id: string }>(
    `insert into incident_responses (claim_id, incident_id, state_code, stance, stated_on, summary, source_url, unconfirmed,
       own_statement, created_by, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id`,
    [claim, incident, r.state, r.stance, r.statedOn, r.summary, r.sourceUrl, r.unconfirmed, o.own, o.by, o.at],
  );
  return row.id;
}

export async function insertNorm(q: Queryable, incident: string, n: NormInput) {
  await q.query(
    `insert into incident_norms (incident_id, norm_letter, basis, invoked_by, rationale) values ($1, $2, $3, $4, $5)
     on conflict do nothing`,
    [incident, n.norm, n.basis, n.invokedBy, n.rationale],
  );
}

export async function markProposed(q: Queryable, id: string, by: string, at: string) {
  await q.query("update incidents set status = 'proposed', proposed_by = $2, updated_at = $3 where id = $1", [id, by, at]);
}

export async function markPublished(q: Queryable, id: string, by: string, at: string) {
  await q.query(
    `update incidents set status = 'published', approved_by = $2, published_at = $3, updated_at = $3, changed_by = '{}'
     where id = $1`,
    [id, by, at],
  );
}

/** An imported record keeps its marking, its STIX id and the times its source gave it. */
export async function setIncidentOrigin(
  q: Queryable,
  id: string,
  o: { tlp: string; stixId: string; created: string; modified: string },
) {
  await q.query('update incidents set tlp = $2, stix_id = $3, created_at = $4, updated_at = $5 where id = $1', [
    id,
    o.tlp,
    o.stixId,
    o.created,
    o.modified,
  ]);
}

/** An imported claim keeps its STIX id and the confidence its claimant gave. */
export async function setClaimOrigin(q: Queryable, id: string, stixId: string, confidence: number | null) {
  await q.query('update incident_claims set stix_id = $2, confidence = $3 where id = $1', [id, stixId, confidence]);
}

/** An imported response keeps its STIX id. */
export async function setResponseOrigin(q: Queryable, id: string, stixId: string) {
  await q.query('update incident_responses set stix_id = $2 where id = $1', [id, stixId]);
}

export async function incidentCount(q: Queryable): Promise<number> {
  const [{ n }] = await q.query<{ n: number }>('select count(*)::int as n from incidents');
  return n;
}
