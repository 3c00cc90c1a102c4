// The SQL of changes to published incidents and their versions (incidents.revisions.ts), one function per
// statement, no rules. Editors' names come from identity's view `people`.
import type { Queryable } from '../../db/client.ts';
import { incidentParams } from './incidents.queries.ts';
import type { ClaimInput, IncidentInput, ResponseInput } from './incidents.validate.ts';

/** The editors' part of the record as a version or a change holds it: claims and responses keep their ids. */
export interface VersionRecord extends Omit<IncidentInput, 'claims'> {
  claims: (Omit<ClaimInput, 'responses'> & { id: string | null; responses: (ResponseInput & { id: string | null })[] })[];
}

export interface RevisionRow {
  id: string;
  incident_id: string;
  status: 'proposed' | 'returned' | 'discarded' | 'approved';
  number: number | null;
  record: VersionRecord;
  note: string;
  decision_note: string;
  base_number: number | null;
  restored_from: number | null;
  changed_by: string[];
  edition: number;
  proposed_by: string | null;
  decided_by: string | null;
  proposed_by_name: string | null;
  decided_by_name: string | null;
  created_at: Date;
  updated_at: Date;
  decided_at: Date | null;
}

const COLUMNS = `r.id, r.incident_id, r.status, r.number, r.record, r.note, r.decision_note, r.base_number, r.restored_from,
  r.changed_by::text[], r.edition, r.proposed_by, r.decided_by, p.display_name as proposed_by_name,
  d.display_name as decided_by_name, r.created_at, r.updated_at, r.decided_at`;
const FROM = `from incident_revisions r left join people p on p.id = r.proposed_by left join people d on d.id = r.decided_by`;

/** The incident's approved versions, the newest first. */
export function versionsOf(q: Queryable, incident: string): Promise<RevisionRow[]> {
  return q.query<RevisionRow>(
    `select ${COLUMNS} ${FROM} where r.incident_id = $1 and r.status = 'approved' order by r.number desc`,
    [incident],
  );
}

/** The change waiting on the incident (proposed or sent back), if any. */
export async function openChangeOf(q: Queryable, incident: string): Promise<RevisionRow | undefined> {
  const [row] = await q.query<RevisionRow>(
    `select ${COLUMNS} ${FROM} where r.incident_id = $1 and r.status in ('proposed', 'returned')`,
    [incident],
  );
  return row;
}

/** One change or version of the incident. */
export async function revisionById(q: Queryable, incident: string, id: string): Promise<RevisionRow | undefined> {
  const [row] = await q.query<RevisionRow>(`select ${COLUMNS} ${FROM} where r.incident_id = $1 and r.id = $2`, [incident, id]);
  return row;
}

/** Changes that wait for a second editor, on any incident, the oldest first. */
export function openChanges(q: Queryable): Promise<(RevisionRow & { title: string })[]> {
  return q.query(
    `select ${COLUMNS}, i.title ${FROM} join incidents i on i.id = r.incident_id
     where r.status in ('proposed', 'returned') order by r.updated_at`,
  );
}

/** The highest version number of the incident (0 when none is kept). */
export async function latestNumber(q: Queryable, incident: string): Promise<number> {
  const [row] = await q.query<{ n: number }>(
    `select coalesce(max(number), 0)::int as n from incident_revisions where incident_id = $1 and status = 'approved'`,
    [incident],
  );
  return row.n;
}

export async function insertRevision(
  q: Queryable,
  r: {
    incident: string;
    status: RevisionRow['status'];
    number: number | null;
    record: VersionRecord;
    note: string;
    base: number | null;
    restoredFrom: number | null;
    by: string | null;
    decidedBy: string | null;
    at: string;
    decidedAt: string | null;
  },
): Promise<string> {
  const [row] = await q.query<{ id: string }>(
    `insert into incident_revisions (incident_id, status, number, record, note, base_number, restored_from, changed_by,
       proposed_by, decided_by, created_at, updated_at, decided_at)
     values ($1, $2, $3, $4::jsonb, $5, $6, $7, case when $8::uuid is null then '{}' else array[$8::uuid] end, $8, $9, $10, $10, $11)
     returning id`,
    [
      r.incident,
      r.status,
      r.number,
      JSON.stringify(r.record),
      r.note,
      r.base,
      r.restoredFrom,
      r.by,
      r.decidedBy,
      r.at,
      r.decidedAt,
    ],
  );
  return row.id;
}

/** An editor changes an open change: it is proposed again, by them, and they join those who took part. */
export async function reviseChange(q: Queryable, id: string, record: VersionRecord, note: string, by: string, at: string) {
  await q.query(
    `update incident_revisions set record = $2::jsonb, note = $3, status = 'proposed', proposed_by = $4, decision_note = '',
       decided_by = null, decided_at = null, edition = edition + 1, updated_at = $5,
       changed_by = case when $4::uuid = any(changed_by) then changed_by else changed_by || $4::uuid end
     where id = $1`,
    [id, JSON.stringify(record), note, by, at],
  );
}

/** The change approved (with its number and the record as applied), sent back or discarded. */
export async function decideChange(
  q: Queryable,
  id: string,
  d: { status: RevisionRow['status']; by: string; at: string; number?: number; note?: string; record?: VersionRecord },
) {
  await q.query(
    `update incident_revisions set status = $2, decided_by = $3, decided_at = $4, updated_at = $4, number = $5,
       decision_note = $6, record = coalesce($7::jsonb, record)
     where id = $1`,
    [id, d.status, d.by, d.at, d.number ?? null, d.note ?? '', d.record ? JSON.stringify(d.record) : null],
  );
}

/** The published record takes the change's fields; its status and who published it stay. */
export async function applyFields(q: Queryable, id: string, i: IncidentInput | VersionRecord, at: string) {
  await q.query(
    `update incidents set title = $2, summary = $3, types = $4, started_on = $5, started_precision = $6, ended_on = $7,
       ended_precision = $8, disclosed_on = $9, disclosed_precision = $10, targets = $11, sectors = $12, effects = $13,
       sources = $14::jsonb, updated_at = $15
     where id = $1`,
    [id, ...incidentParams(i), at],
  );
}

/** A claim changed in place: its id (and so its STIX id) stays. */
export async function updateClaim(q: Queryable, id: string, position: number, c: Omit<ClaimInput, 'responses'>, at: string) {
  await q.query(
    `update incident_claims set position = $2, claimant_kind = $3, claimant_states = $4, claimant_name = $5, claimed_on = $6,
       basis = $7, attributed_kind = $8, attributed_state = $9, attributed_actor = $10, summary = $11, source_url = $12,
       source_title = $13, unconfirmed = $14, changed_at = $15
     where id = $1`,
    [
      id,
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
      at,
    ],
  );
}

/** A response changed in place: its id (and so its STIX id) stays. */
export async function updateResponse(q: Queryable, id: string, r: ResponseInput, at: string) {
  await q.query(
    `update incident_responses set state_code = $2, stance = $3, stated_on = $4, summary = $5, source_url = $6,
       unconfirmed = $7, changed_at = $8
     where id = $1`,
    [id, r.state, r.stance, r.statedOn, r.summary, r.sourceUrl, r.unconfirmed, at],
  );
}

export async function deleteClaims(q: Queryable, ids: string[]) {
  await q.query('delete from incident_claims where id = any($1::uuid[])', [ids]);
}

export async function deleteResponses(q: Queryable, ids: string[]) {
  await q.query('delete from incident_responses where id = any($1::uuid[])', [ids]);
}

/** Editors' names as the platform shows them. */
export function peopleNames(q: Queryable, ids: string[]): Promise<{ id: string; display_name: string }[]> {
  return q.query('select id, display_name from people where id = any($1::uuid[])', [ids]);
}
