// Statements on api_tokens: personal tokens for scripts, stored by the SHA-256 of the token, each with a
// scope (read or write), an end, and whether it was made in a session that gave the second factor.
import type { Queryable } from '../../db/client.ts';
import { USER_COLUMNS, type UserRow } from './users.queries.ts';

/** A live token (not revoked, not past its end) with its owner; `carries_mfa` while the owner keeps the factor. */
export async function liveToken(q: Queryable, hash: string, now: Date) {
  const rows = await q.query<
    UserRow & { token_id: string; scope: 'read' | 'write'; last_used_at: Date | null; carries_mfa: boolean }
  >(
    `select ${USER_COLUMNS}, t.id as token_id, t.scope, t.last_used_at,
       (t.mfa and u.totp_enabled_at is not null) as carries_mfa
     from api_tokens t join users u on u.id = t.user_id
     where t.token_hash = $1 and t.revoked_at is null and t.expires_at > $2`,
    [hash, now.toISOString()],
  );
  return rows[0] ?? null;
}

/** Records that a token was used now. */
export async function touchToken(q: Queryable, id: string, at: Date): Promise<void> {
  await q.query('update api_tokens set last_used_at = $2 where id = $1', [id, at.toISOString()]);
}

/** Stores a new token; returns its id. */
export async function insertToken(
  q: Queryable,
  t: { userId: string; name: string; hash: string; scope: 'read' | 'write'; mfa: boolean; at: Date; expiresAt: Date },
): Promise<string> {
  const [row] = await q.query<{ id: string }>(
    `insert into api_tokens (user_id, name, token_hash, scope, mfa, created_at, expires_at) values ($1, $2, $3, $4, $5, $6, $7) returning id`,
    [t.userId, t.name, t.hash, t.scope, t.mfa, t.at.toISOString(), t.expiresAt.toISOString()],
  );
  return row.id;
}

/** An account's tokens, the newest first; `mfa` says whether the owner's roles count for it now. */
export async function tokensOf(q: Queryable, userId: string) {
  return q.query<{
    id: string;
    name: string;
    scope: 'read' | 'write';
    created_at: Date;
    expires_at: Date;
    last_used_at: Date | null;
    revoked_at: Date | null;
    /** The token carries the second factor now: the owner's roles count for it. */
    mfa: boolean;
  }>(
    `select t.id, t.name, t.scope, t.created_at, t.expires_at, t.last_used_at, t.revoked_at,
       (t.mfa and u.totp_enabled_at is not null) as mfa
     from api_tokens t join users u on u.id = t.user_id where t.user_id = $1 order by t.created_at desc`,
    [userId],
  );
}

/** Revokes one of the owner's tokens (keeping an earlier revocation's time); false if the owner has no such token. */
export async function revokeOwnToken(q: Queryable, id: string, userId: string, at: Date): Promise<boolean> {
  const rows = await q.query(
    'update api_tokens set revoked_at = coalesce(revoked_at, $3) where id = $1 and user_id = $2 returning id',
    [id, userId, at.toISOString()],
  );
  return rows.length > 0;
}

/** Revokes every live token of an account; returns how many. */
export async function endLiveTokens(q: Queryable, userId: string, at: Date): Promise<number> {
  const ended = await q.query(
    'update api_tokens set revoked_at = $2 where user_id = $1 and revoked_at is null and expires_at > $2 returning id',
    [userId, at.toISOString()],
  );
  return ended.length;
}
