// Statements on users: finding an account with its roles, making one, and what changes on it (its address
// confirmed, its password, its State). The second factor's columns are in second-factor.queries.ts.
import type { Queryable } from '../../db/client.ts';
import type { Grant } from '../../platform/access.ts';
import type { Locale } from '../../platform/i18n/locales.ts';

/** An account as the service works with it: its secrets' hashes and its roles (`grants`). */
export interface UserRow {
  id: string;
  email: string;
  display_name: string;
  password_hash: string | null;
  state_code: string | null;
  email_verified_at: Date | null;
  totp_secret: string | null;
  totp_enabled_at: Date | null;
  totp_last_step: string;
  demo: boolean;
  /** The language the platform writes to this person in (mail). */
  language: Locale;
  grants: Grant[];
}

/** The columns of UserRow, on users `u`; sessions.queries.ts and tokens.queries.ts select them too. */
export const USER_COLUMNS = `u.id, u.email, u.display_name, u.password_hash, u.state_code, u.email_verified_at, u.totp_secret,
  u.totp_enabled_at, u.totp_last_step, u.demo, u.language,
  coalesce((select json_agg(json_build_object('role', r.role, 'state', r.state_code) order by r.role, r.state_code)
            from user_roles r where r.user_id = u.id), '[]') as grants`;

/** The account with this e-mail key (emailKey() of the address), if any. */
export async function userByEmailKey(q: Queryable, key: string): Promise<UserRow | null> {
  const rows = await q.query<UserRow>(`select ${USER_COLUMNS} from users u where u.email_key = $1`, [key]);
  return rows[0] ?? null;
}

/** The account with this id, if any. */
export async function userById(q: Queryable, id: string): Promise<UserRow | null> {
  const rows = await q.query<UserRow>(`select ${USER_COLUMNS} from users u where u.id = $1`, [id]);
  return rows[0] ?? null;
}

/** Makes an account; `verifiedAt` for an address already known to work (an invitation's). */
export async function insertUser(
  q: Queryable,
  u: {
    email: string;
    emailKey: string;
    displayName: string;
    passwordHash: string;
    state: string | null;
    at: Date;
    verifiedAt: Date | null;
    language: Locale;
  },
): Promise<{ id: string; email: string; display_name: string; language: Locale }> {
  const [row] = await q.query<{ id: string; email: string; display_name: string; language: Locale }>(
    `insert into users (email, email_key, display_name, password_hash, state_code, email_verified_at, created_at, language)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning id, email, display_name, language`,
    [
      u.email,
      u.emailKey,
      u.displayName,
      u.passwordHash,
      u.state,
      u.verifiedAt?.toISOString() ?? null,
      u.at.toISOString(),
      u.language,
    ],
  );
  return row;
}

/** Sets the language an account is written to in; returns the one it had (null: no such account). */
export async function changedLanguage(q: Queryable, userId: string, language: Locale): Promise<Locale | null> {
  const [row] = await q.query<{ before: Locale }>(
    `update users u set language = $2 from (select id, language from users where id = $1 for update) old
     where u.id = old.id returning old.language as before`,
    [userId, language],
  );
  return row?.before ?? null;
}

/** Marks the address confirmed, keeping the first time it was. */
export async function markEmailVerified(q: Queryable, userId: string, at: Date): Promise<void> {
  await q.query('update users set email_verified_at = coalesce(email_verified_at, $2) where id = $1', [userId, at.toISOString()]);
}

/** Sets a new password hash; the link it came by also confirms the address. */
export async function setPassword(q: Queryable, userId: string, passwordHash: string, at: Date): Promise<void> {
  await q.query('update users set password_hash = $2, email_verified_at = coalesce(email_verified_at, $3) where id = $1', [
    userId,
    passwordHash,
    at.toISOString(),
  ]);
}

/** The State an account's official belongs to, if any. */
export async function userStateCode(q: Queryable, userId: string): Promise<string | null> {
  const [u] = await q.query<{ state_code: string | null }>('select state_code from users where id = $1', [userId]);
  return u?.state_code ?? null;
}

/** Sets (or clears) the State an account belongs to. */
export async function setUserState(q: Queryable, userId: string, state: string | null): Promise<void> {
  await q.query('update users set state_code = $2 where id = $1', [userId, state]);
}

/** An account's e-mail key. */
export async function emailKeyOf(q: Queryable, userId: string): Promise<string> {
  const [u] = await q.query<{ email_key: string }>('select email_key from users where id = $1', [userId]);
  return u.email_key;
}

/** An account's display name, if it exists. */
export async function displayNameOf(q: Queryable, userId: string): Promise<string | null> {
  const [u] = await q.query<{ display_name: string }>('select display_name from users where id = $1', [userId]);
  return u?.display_name ?? null;
}

/** Every account with its roles, by e-mail; only those of the given States unless `states` is null. */
export async function listAccounts(q: Queryable, states: string[] | null) {
  return q.query<{
    id: string;
    email: string;
    display_name: string;
    state_code: string | null;
    grants: Grant[];
    totp: boolean;
    demo: boolean;
  }>(
    `select u.id, u.email, u.display_name, u.state_code, u.totp_enabled_at is not null as totp, u.demo,
       coalesce((select json_agg(json_build_object('role', r.role, 'state', r.state_code) order by r.role) from user_roles r where r.user_id = u.id), '[]') as grants
     from users u where ($1::text[] is null or u.state_code = any($1)) order by u.email`,
    [states],
  );
}

/** The officials of a State: each account holding a role for it, with those roles, by name. */
export async function stateOfficials(q: Queryable, state: string) {
  return q.query<{ id: string; display_name: string; email: string; roles: string[]; totp: boolean }>(
    `select u.id, u.display_name, u.email, array_agg(r.role order by r.role) as roles, u.totp_enabled_at is not null as totp
     from users u join user_roles r on r.user_id = u.id and r.state_code = $1
     group by u.id order by u.display_name`,
    [state],
  );
}
