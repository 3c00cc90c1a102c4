// Statements on sessions: a browser's sign-in, stored by the SHA-256 of its cookie, with its CSRF token and
// whether it gave the second factor.
import type { Queryable } from '../../db/client.ts';
import { USER_COLUMNS, type UserRow } from './users.queries.ts';

/** Stores a new session (its id is the hash of the cookie). */
export async function insertSession(
  q: Queryable,
  s: {
    id: string;
    userId: string;
    csrfToken: string;
    mfaAt: Date | null;
    at: Date;
    expiresAt: Date;
    ip: string;
    userAgent: string;
  },
): Promise<void> {
  await q.query(
    `insert into sessions (id, user_id, csrf_token, mfa_at, created_at, last_seen_at, expires_at, origin, user_agent)
     values ($1, $2, $3, $4, $5, $5, $6, $7, $8)`,
    [
      s.id,
      s.userId,
      s.csrfToken,
      s.mfaAt?.toISOString() ?? null,
      s.at.toISOString(),
      s.expiresAt.toISOString(),
      s.ip,
      s.userAgent,
    ],
  );
}

/** A live session with its account: neither past its end nor idle for longer than `idleMinutes`. */
export async function liveSession(q: Queryable, id: string, now: Date, idleMinutes: number) {
  const rows = await q.query<
    UserRow & { session_id: string; csrf_token: string; mfa_at: Date | null; last_seen_at: Date; expires_at: Date }
  >(
    `select ${USER_COLUMNS}, s.id as session_id, s.csrf_token, s.mfa_at, s.last_seen_at, s.expires_at
     from sessions s join users u on u.id = s.user_id
     where s.id = $1 and s.expires_at > $2 and s.last_seen_at > $2::timestamptz - make_interval(mins => $3)`,
    [id, now.toISOString(), idleMinutes],
  );
  return rows[0] ?? null;
}

/** Records that a session was used now (idle expiry counts from here). */
export async function touchSession(q: Queryable, id: string, at: Date): Promise<void> {
  await q.query('update sessions set last_seen_at = $2 where id = $1', [id, at.toISOString()]);
}

/** Ends one session. */
export async function deleteSession(q: Queryable, id: string): Promise<void> {
  await q.query('delete from sessions where id = $1', [id]);
}

/** Ends every session of an account; returns how many there were. */
export async function deleteUserSessions(q: Queryable, userId: string): Promise<number> {
  return (await q.query('delete from sessions where user_id = $1 returning id', [userId])).length;
}

/** An account's sessions not yet past their end, the most recently used first. */
export async function sessionsOf(q: Queryable, userId: string, now: Date) {
  return q.query<{ id: string; created_at: Date; last_seen_at: Date; origin: string; user_agent: string }>(
    'select id, created_at, last_seen_at, origin, user_agent from sessions where user_id = $1 and expires_at > $2 order by last_seen_at desc',
    [userId, now.toISOString()],
  );
}
