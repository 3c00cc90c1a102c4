// Whether an incident's attribution is contested, by one rule (isContested), and kept on the incident so the
// list filters on a column (decision 75). Every write that adds, changes or removes a claim or a response calls
// settleContested in its transaction, after the write: the column is then isContested of what was written.
import type { Queryable } from '../../db/client.ts';
import { setContested } from './incidents.parts.queries.ts';
import { type ClaimRow, claimsOf, type ResponseRow, responsesOf } from './incidents.queries.ts';

/** Contested: claims name different perpetrators, or a State denies a claim. */
export function isContested(claims: ClaimRow[], responses: ResponseRow[]): boolean {
  const to = new Set(
    claims.filter((c) => c.attributed_kind !== 'unknown').map((c) => c.attributed_state ?? c.attributed_actor.toLowerCase()),
  );
  return to.size > 1 || responses.some((r) => r.stance === 'denies');
}

/** Sets the incident's `contested` from its claims and responses as they now are; in the write's transaction. */
export async function settleContested(q: Queryable, incident: string): Promise<boolean> {
  const [claims, responses] = await Promise.all([claimsOf(q, [incident]), responsesOf(q, [incident])]);
  const contested = isContested(claims, responses);
  await setContested(q, incident, contested);
  return contested;
}
