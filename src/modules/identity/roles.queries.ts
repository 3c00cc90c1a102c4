// Statements on user_roles: who holds which role, for which State, granted by whom.
import type { Queryable } from '../../db/client.ts';
import type { Role } from '../../platform/access.ts';

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

/** Locks the administrators' role rows, in one order, and returns who they are. */
export async function lockAdministrators(q: Queryable): Promise<string[]> {
  const rows = await q.query<{ user_id: string }>(
    "select user_id from user_roles where role = 'administrator' order by user_id for update",
  );
  return rows.map((r) => r.user_id);
}

/** Locks a State's focal points' role rows, in one order, and returns who they are. */
export async function lockFocalPoints(q: Queryable, state: string): Promise<string[]> {
  const rows = await q.query<{ user_id: string }>(
    "select user_id from user_roles where role = 'focal_point' and state_code = $1 order by user_id for update",
    [state],
  );
  return rows.map((r) => r.user_id);
}

/** How many administrators there are besides this account. */
export async function otherAdministrators(q: Queryable, userId: string): Promise<number> {
  const [n] = await q.query<{ n: number }>(
    "select count(*)::int as n from user_roles where role = 'administrator' and user_id <> $1",
    [userId],
  );
  return n.n;
}

/** Takes a role (for a State, or platform-wide when state is null) from an account; true if it was held. */
export async function deleteRole(q: Queryable, userId: string, role: Role, state: string | null): Promise<boolean> {
  const gone = await q.query(
    `delete from user_roles where user_id = $1 and role = $2 and coalesce(state_code, '') = coalesce($3::text, '') returning role`,
    [userId, role, state],
  );
  return gone.length > 0;
}

/** How many roles for a State an account still holds. */
export async function stateRoleCount(q: Queryable, userId: string): Promise<number> {
  const [left] = await q.query<{ n: number }>(
    'select count(*)::int as n from user_roles where user_id = $1 and state_code is not null',
    [userId],
  );
  return left.n;
}

/** The roles an account holds for a State. */
export async function rolesForState(q: Queryable, userId: string, state: string): Promise<Role[]> {
  const rows = await q.query<{ role: Role }>('select role from user_roles where user_id = $1 and state_code = $2', [
    userId,
    state,
  ]);
  return rows.map((r) => r.role);
}
