// Statements on user_roles: who holds which role, for which State, granted by whom.
import type { Queryable } from '../../db/client.ts';

/** Grants a role (for a State, or platform-wide when state is null); true when it was not held before. */
export async function grantRole(
  q: Queryable,
  g: { userId: string; role: string; state: string | null; grantedBy: string },
): Promise<boolean> {
  const rows = await q.query<{ role: string }>(
    `insert into user_roles (user_id, role, state_code, granted_by) values ($1, $2, $3, $4)
     on conflict do nothing returning role`,
    [g.userId, g.role, g.state, g.grantedBy],
  );
  return rows.length > 0;
}
