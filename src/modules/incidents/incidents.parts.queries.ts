// The SQL behind a draft's change that keeps its unchanged claims and responses (incidents.parts.ts), the
// stored `contested` mark (incidents.contested.ts) and an import's look for a record already here. One
// function per statement, no rules.
import type { Queryable } from '../../db/client.ts';

/** Removes the incident's claims other than these (their responses go with them). */
export async function deleteClaimsExcept(q: Queryable, incident: string, keep: string[]) {
  await q.query('delete from incident_claims where incident_id = $1 and id <> all($2::uuid[])', [incident, keep]);
}

/** Removes the claim's responses other than these. */
export async function deleteResponsesExcept(q: Queryable, claim: string, keep: string[]) {
  await q.query('delete from incident_responses where claim_id = $1 and id <> all($2::uuid[])', [claim, keep]);
}

/** A kept claim's place in the record as the change orders it. */
export async function setClaimPosition(q: Queryable, claim: string, position: number) {
  await q.query('update incident_claims set position = $2 where id = $1', [claim, position]);
}

export async function deleteNorms(q: Queryable, incident: string) {
  await q.query('delete from incident_norms where incident_id = $1', [incident]);
}

export async function setContested(q: Queryable, incident: string, contested: boolean) {
  await q.query('update incidents set contested = $2 where id = $1 and contested <> $2', [incident, contested]);
}

/** The incident imported with this STIX id, if there is one (the oldest, should there be several). */
export async function incidentWithStixId(q: Queryable, stixId: string): Promise<{ id: string; title: string } | undefined> {
  const [row] = await q.query<{ id: string; title: string }>(
    'select id, title from incidents where stix_id = $1 order by created_at, id limit 1',
    [stixId],
  );
  return row;
}

/** Every incident made here (no STIX id of its own: its id is minted from its own id when exported). */
export async function incidentIdsMadeHere(q: Queryable): Promise<string[]> {
  return (await q.query<{ id: string }>('select id from incidents where stix_id is null')).map((r) => r.id);
}
