// Statements on the second factor: the TOTP secret and last step used (on users) and the recovery codes,
// stored by their SHA-256.
import type { Queryable } from '../../db/client.ts';

/** Uses a TOTP step, if it is later than the last one used; true for the one request that wins. */
export async function claimTotpStep(q: Queryable, userId: string, step: number): Promise<boolean> {
  const won = await q.query('update users set totp_last_step = $2 where id = $1 and totp_last_step < $2 returning id', [
    userId,
    step,
  ]);
  return won.length > 0;
}

/** Uses a recovery code not used before; true if it was one. */
export async function useRecoveryCode(q: Queryable, userId: string, hash: string, at: Date): Promise<boolean> {
  const used = await q.query(
    'update recovery_codes set used_at = $3 where user_id = $1 and code_hash = $2 and used_at is null returning code_hash',
    [userId, hash, at.toISOString()],
  );
  return used.length > 0;
}

/** Keeps a secret being enrolled on the account, until a code confirms it. */
export async function setPendingTotpSecret(q: Queryable, userId: string, secret: string): Promise<void> {
  await q.query('update users set totp_secret = $2 where id = $1 and totp_enabled_at is null', [userId, secret]);
}

/** Makes the enrolled secret the account's second factor. */
export async function enableTotp(q: Queryable, userId: string, at: Date): Promise<void> {
  await q.query('update users set totp_enabled_at = $2 where id = $1', [userId, at.toISOString()]);
}

/** Replaces an account's recovery codes with these (hashes). */
export async function replaceRecoveryCodes(q: Queryable, userId: string, hashes: string[]): Promise<void> {
  await q.query('delete from recovery_codes where user_id = $1', [userId]);
  await q.query('insert into recovery_codes (user_id, code_hash) select $1, unnest($2::text[])', [userId, hashes]);
}

/** How many of an account's recovery codes are still unused. */
export async function unusedRecoveryCodes(q: Queryable, userId: string): Promise<number> {
  const [row] = await q.query<{ n: number }>(
    'select count(*)::int as n from recovery_codes where user_id = $1 and used_at is null',
    [userId],
  );
  return row.n;
}
