// Writing an approved change into the published record (incidents.revisions.ts, decision 73): the fields,
// then the claims and responses matched by id, changed in place (so their ids and STIX ids stay, and their
// STIX `modified` moves on), added or removed; the norms at stake as given. A State's own statements are
// never touched. Inside the approving transaction.
import type { Queryable } from '../../db/client.ts';
import { settleContested } from './incidents.contested.ts';
import { deleteNorms, setClaimPosition } from './incidents.parts.queries.ts';
import {
  claimsOf,
  type IncidentRow,
  insertClaim,
  insertNorm,
  insertResponse,
  normsOf,
  responsesOf,
} from './incidents.queries.ts';
import { canonical, snapshotOf } from './incidents.revisions.diff.ts';
import {
  applyFields,
  deleteClaims,
  deleteResponses,
  type RevisionRow,
  updateClaim,
  updateResponse,
  type VersionRecord,
} from './incidents.revisions.queries.ts';

/** The published record's editors' part as it is now. */
export async function currentRecord(q: Queryable, row: IncidentRow): Promise<VersionRecord> {
  // One after another: inside a transaction they share one connection (pg warns of queries sent at once).
  const claims = await claimsOf(q, [row.id]);
  const responses = await responsesOf(q, [row.id]);
  const norms = await normsOf(q, [row.id]);
  return snapshotOf(row, claims, responses, norms);
}

/** Writes the change into the published rows: claims and responses matched by id are changed in place. */
export async function applyRecord(tx: Queryable, id: string, now: VersionRecord, c: RevisionRow, at: string) {
  await applyFields(tx, id, c.record, at);
  const by = c.proposed_by;
  const kept = new Set(c.record.claims.map((x) => x.id).filter(Boolean));
  await deleteClaims(
    tx,
    now.claims.filter((x) => !kept.has(x.id)).map((x) => x.id as string),
  );
  for (const [position, claim] of c.record.claims.entries()) {
    const { id: claimId, responses, ...fields } = claim;
    const was = now.claims.find((x) => x.id === claimId);
    let cid = claimId as string;
    if (!was) cid = await insertClaim(tx, id, position, { ...fields, responses: [] }, { by, at, statedBy: null });
    else {
      const { id: _i, responses: _r, ...before } = was;
      if (canonical(before) !== canonical(fields)) await updateClaim(tx, cid, position, fields, at);
      else await setClaimPosition(tx, cid, position);
    }
    const keep = new Set(responses.map((r) => r.id).filter(Boolean));
    await deleteResponses(
      tx,
      (was?.responses ?? []).filter((r) => !keep.has(r.id)).map((r) => r.id as string),
    );
    for (const r of responses) {
      const { id: rid, ...rf } = r;
      const prior = was?.responses.find((x) => x.id === rid);
      if (!prior) await insertResponse(tx, id, cid, rf, { by, at, own: false });
      else if (canonical({ ...prior, id: undefined }) !== canonical(rf)) await updateResponse(tx, rid as string, rf, at);
    }
  }
  await deleteNorms(tx, id);
  for (const n of c.record.norms) await insertNorm(tx, id, n);
  // The claims and responses changed: whether the attribution is contested, kept on the incident, too.
  await settleContested(tx, id);
}
