// A draft's claims, responses and norms as a change gives them. A claim the change leaves as it was keeps its
// row, so its id (from which its STIX relationship's id is minted), an imported claim's STIX id and confidence,
// and its unchanged responses keep theirs; only what changed is removed and written anew.
import type { Queryable } from '../../db/client.ts';
import { deleteClaimsExcept, deleteNorms, deleteResponsesExcept, setClaimPosition } from './incidents.parts.queries.ts';
import {
  type ClaimRow,
  claimsOf,
  insertClaim,
  insertNorm,
  insertResponse,
  type ResponseRow,
  responsesOf,
} from './incidents.queries.ts';
import type { ClaimInput, IncidentInput, ResponseInput } from './incidents.validate.ts';

const sameSet = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/** The claim as stored says what the claim as given says (its responses aside). */
export const sameClaim = (row: ClaimRow, c: ClaimInput) =>
  row.claimant_kind === c.claimantKind &&
  sameSet(row.claimant_states, c.claimantStates) &&
  row.claimant_name === c.claimantName &&
  row.claimed_on === c.claimedOn &&
  row.basis === c.basis &&
  row.attributed_kind === c.attributedKind &&
  (row.attributed_state ?? null) === (c.attributedState ?? null) &&
  row.attributed_actor === c.attributedActor &&
  row.summary === c.summary &&
  row.source_url === c.sourceUrl &&
  row.source_title === c.sourceTitle &&
  row.unconfirmed === c.unconfirmed &&
  row.stated_by_state === null;

export const sameResponse = (row: ResponseRow, r: ResponseInput) =>
  row.state_code === r.state &&
  row.stance === r.stance &&
  row.stated_on === r.statedOn &&
  row.summary === r.summary &&
  row.source_url === r.sourceUrl &&
  row.unconfirmed === r.unconfirmed &&
  !row.own_statement;

/** Writes the draft's claims, responses and norms as the change gives them, keeping what is unchanged. */
export async function replaceParts(tx: Queryable, id: string, input: IncidentInput, by: string | null, at: string) {
  const [claims, responses] = await Promise.all([claimsOf(tx, [id]), responsesOf(tx, [id])]);
  const free = [...claims];
  const kept: string[] = [];
  const writes: (() => Promise<void>)[] = [];
  for (const [position, c] of input.claims.entries()) {
    const n = free.findIndex((row) => sameClaim(row, c));
    if (n < 0) {
      writes.push(async () => {
        const claim = await insertClaim(tx, id, position, c, { by, at, statedBy: null });
        for (const r of c.responses) await insertResponse(tx, id, claim, r, { by, at, own: false });
      });
      continue;
    }
    const [row] = free.splice(n, 1);
    kept.push(row.id);
    const answers = responses.filter((r) => r.claim_id === row.id);
    const keptAnswers: string[] = [];
    const added = c.responses.filter((r) => {
      const m = answers.findIndex((x) => !keptAnswers.includes(x.id) && sameResponse(x, r));
      if (m >= 0) keptAnswers.push(answers[m].id);
      return m < 0;
    });
    writes.push(async () => {
      await setClaimPosition(tx, row.id, position);
      await deleteResponsesExcept(tx, row.id, keptAnswers);
      for (const r of added) await insertResponse(tx, id, row.id, r, { by, at, own: false });
    });
  }
  // What is no longer there goes first, then the kept are placed and the new written, in the change's order.
  await deleteClaimsExcept(tx, id, kept);
  for (const write of writes) await write();
  await deleteNorms(tx, id);
  for (const n of input.norms) await insertNorm(tx, id, n);
}
