// Statements on email_links: the one-use links of address verification and password reset, stored by
// the SHA-256 of the token in the link.
import type { Queryable } from '../../db/client.ts';

export type LinkPurpose = 'verify' | 'reset';

/** Stores a new link. */
export async function insertLink(
  q: Queryable,
  l: { hash: string; purpose: LinkPurpose; userId: string; at: Date; expiresAt: Date },
): Promise<void> {
  await q.query('insert into email_links (token_hash, purpose, user_id, created_at, expires_at) values ($1, $2, $3, $4, $5)', [
    l.hash,
    l.purpose,
    l.userId,
    l.at.toISOString(),
    l.expiresAt.toISOString(),
  ]);
}

/** Uses a link that is unused and not past its end; returns its account, or null. */
export async function consumeLink(q: Queryable, hash: string, purpose: LinkPurpose, at: Date): Promise<string | null> {
  const rows = await q.query<{ user_id: string }>(
    `update email_links set used_at = $3 where token_hash = $1 and purpose = $2 and used_at is null and expires_at > $3
     returning user_id`,
    [hash, purpose, at.toISOString()],
  );
  return rows[0]?.user_id ?? null;
}

/** The account of a link that is unused and not past its end, without using it; null if there is none. */
export async function linkOwner(q: Queryable, hash: string, purpose: LinkPurpose, now: Date): Promise<string | null> {
  const rows = await q.query<{ user_id: string }>(
    'select user_id from email_links where token_hash = $1 and purpose = $2 and used_at is null and expires_at > $3',
    [hash, purpose, now.toISOString()],
  );
  return rows[0]?.user_id ?? null;
}
