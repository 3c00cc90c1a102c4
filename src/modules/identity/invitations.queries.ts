// Statements on invitations: a link, stored by the SHA-256 of its token, that gives roles (for a State or
// the platform) to whoever holds the invited address. State names come from the registry's state_names view.
import type { Queryable } from '../../db/client.ts';
import type { Role } from '../../platform/access.ts';
import type { Locale } from '../../platform/i18n/locales.ts';

export interface InvitationRow {
  id: string;
  email: string;
  state_code: string | null;
  state_name: Record<string, string> | null;
  roles: Role[];
  expires_at: Date;
  accepted_at: Date | null;
  revoked_at: Date | null;
}

/** Whether a State with this code is in the registry. */
export async function stateExists(q: Queryable, code: string): Promise<boolean> {
  return (await q.query('select 1 from state_names where code = $1', [code])).length > 0;
}

/** A State's names by language, for the invitation mail; null if there is no such State. */
export async function stateNamesOf(q: Queryable, code: string): Promise<Record<string, string> | null> {
  const [s] = await q.query<{ names: Record<string, string> }>('select names from state_names where code = $1', [code]);
  return s?.names ?? null;
}

/** Stores a new invitation; returns its id. */
/** An address's open invitation (not accepted, revoked or expired) to a State (or to the platform, for null), if any. */
export async function openInvitationFor(q: Queryable, emailKey: string, state: string | null, now: Date) {
  const rows = await q.query<{ id: string }>(
    `select id from invitations where lower(email) = $1 and state_code is not distinct from $2
       and accepted_at is null and revoked_at is null and expires_at > $3 limit 1`,
    [emailKey, state, now.toISOString()],
  );
  return rows[0]?.id ?? null;
}

export async function insertInvitation(
  q: Queryable,
  i: {
    hash: string;
    email: string;
    state: string | null;
    roles: Role[];
    invitedBy: string;
    at: Date;
    expiresAt: Date;
    language: Locale;
  },
): Promise<string> {
  const [row] = await q.query<{ id: string }>(
    `insert into invitations (token_hash, email, state_code, roles, invited_by, created_at, expires_at, language)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
    [i.hash, i.email, i.state, i.roles, i.invitedBy, i.at.toISOString(), i.expiresAt.toISOString(), i.language],
  );
  return row.id;
}

/** An invitation by the hash of its link's token, with its State's names. */
export async function invitationByHash(q: Queryable, hash: string): Promise<InvitationRow | null> {
  const [row] = await q.query<InvitationRow>(
    `select i.id, i.email, i.state_code, s.names as state_name, i.roles, i.expires_at, i.accepted_at, i.revoked_at
     from invitations i left join state_names s on s.code = i.state_code where i.token_hash = $1`,
    [hash],
  );
  return row ?? null;
}

/** An invitation by its id. */
export async function invitationById(q: Queryable, id: string) {
  const [inv] = await q.query<{
    id: string;
    email: string;
    state_code: string | null;
    roles: Role[];
    accepted_at: Date | null;
    revoked_at: Date | null;
    language: Locale;
  }>('select id, email, state_code, roles, accepted_at, revoked_at, language from invitations where id = $1', [id]);
  return inv ?? null;
}

/** Marks an open invitation accepted; false if it was accepted or revoked meanwhile. */
export async function claimInvitation(q: Queryable, id: string, at: Date): Promise<boolean> {
  const claimed = await q.query(
    'update invitations set accepted_at = $2 where id = $1 and accepted_at is null and revoked_at is null returning id',
    [id, at.toISOString()],
  );
  return claimed.length > 0;
}

/** Records which account accepted an invitation. */
export async function setAcceptedBy(q: Queryable, id: string, userId: string): Promise<void> {
  await q.query('update invitations set accepted_by = $2 where id = $1', [id, userId]);
}

/** Revokes an invitation neither accepted nor revoked; true if this call revoked it. */
export async function revokeOpenInvitation(q: Queryable, id: string, at: Date, by: string): Promise<boolean> {
  const hit = await q.query(
    'update invitations set revoked_at = $2, revoked_by = $3 where id = $1 and accepted_at is null and revoked_at is null returning id',
    [id, at.toISOString(), by],
  );
  return hit.length > 0;
}

/** Revokes an invitation a re-sent one replaces, unless already revoked; true if this call revoked it. */
export async function revokeReplacedInvitation(q: Queryable, id: string, at: Date, by: string): Promise<boolean> {
  const hit = await q.query(
    'update invitations set revoked_at = $2, revoked_by = $3 where id = $1 and revoked_at is null returning id',
    [id, at.toISOString(), by],
  );
  return hit.length > 0;
}

/** Records that a new invitation replaces an earlier one (re-sent). */
export async function setReplaces(q: Queryable, freshId: string, oldId: string): Promise<void> {
  await q.query('update invitations set replaces = $2 where id = $1', [freshId, oldId]);
}

/** Revokes the open invitations to an address that would give this role (for this State, or none) back; returns their ids. */
export async function revokeInvitationsForRole(
  q: Queryable,
  r: { emailKey: string; state: string | null; role: Role; at: Date },
): Promise<string[]> {
  const revoked = await q.query<{ id: string }>(
    `update invitations set revoked_at = $4 where lower(email) = $1 and coalesce(state_code, '') = coalesce($2::text, '')
       and $3 = any(roles) and accepted_at is null and revoked_at is null returning id`,
    [r.emailKey, r.state, r.role, r.at.toISOString()],
  );
  return revoked.map((i) => i.id);
}

/** Revokes every open invitation of an address to a State; returns their ids. */
export async function revokeStateInvitations(
  q: Queryable,
  r: { emailKey: string; state: string; at: Date; by: string },
): Promise<string[]> {
  const revoked = await q.query<{ id: string }>(
    `update invitations set revoked_at = $3, revoked_by = $4 where lower(email) = $1 and state_code = $2
       and accepted_at is null and revoked_at is null returning id`,
    [r.emailKey, r.state, r.at.toISOString(), r.by],
  );
  return revoked.map((i) => i.id);
}

/** A State's invitations not accepted or revoked: open ones, and those expired in the last 30 days (to re-send). */
export async function stateInvitations(q: Queryable, state: string, now: Date) {
  return q.query<{ id: string; email: string; roles: string[]; created_at: Date; expires_at: Date; expired: boolean }>(
    `select id, email, roles, created_at, expires_at, expires_at <= $2 as expired from invitations
     where state_code = $1 and accepted_at is null and revoked_at is null
       and expires_at > $2::timestamptz - interval '30 days' order by created_at desc`,
    [state, now.toISOString()],
  );
}
