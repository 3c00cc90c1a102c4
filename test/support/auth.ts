// Signing test users in without the sign-in pages (those are tested on their own): a session row made
// directly, the way the service makes it, and the cookie and CSRF token a browser would then hold.
import { randomBytes } from 'node:crypto';
import type { Queryable } from '../../src/db/client.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../src/modules/identity/index.ts';
import { sha256, totpCode } from '../../src/modules/identity/totp.ts';

export { DEMO_ACCOUNTS, DEMO_PASSWORD };

export interface TestSession {
  cookie: string;
  csrf: string;
  userId: string;
}

export const demo = (email: string) => {
  const a = DEMO_ACCOUNTS.find((x) => x.email === email || x.email.startsWith(`${email}@`));
  if (!a) throw new Error(`no demo account ${email}`);
  return a;
};

/** A session for a user, with or without the second factor given. */
export async function sessionFor(db: Queryable, email: string, opts: { mfa?: boolean; at?: Date } = {}): Promise<TestSession> {
  const [user] = await db.query<{ id: string }>('select id from users where email_key = $1', [email.toLowerCase()]);
  if (!user) throw new Error(`no user ${email}`);
  const token = randomBytes(32).toString('base64url');
  const csrf = randomBytes(32).toString('base64url');
  const now = opts.at ?? new Date();
  await db.query(
    `insert into sessions (id, user_id, csrf_token, mfa_at, created_at, last_seen_at, expires_at, origin)
     values ($1, $2, $3, $4, $5, $5, $6, 'test')`,
    [
      sha256(token),
      user.id,
      csrf,
      opts.mfa === false ? null : now.toISOString(),
      now.toISOString(),
      new Date(now.getTime() + 3600_000).toISOString(),
    ],
  );
  return { cookie: `sid=${token}`, csrf, userId: user.id };
}

/** A signed-out browser: a CSRF cookie and the matching form field. */
export function anonymous(): TestSession {
  const csrf = randomBytes(32).toString('base64url');
  return { cookie: `csrf=${csrf}`, csrf, userId: '' };
}

export function codeFor(email: string, at = new Date()): string {
  const secret = demo(email).totpSecret;
  if (!secret) throw new Error(`${email} has no TOTP secret`);
  return totpCode(secret, at);
}

/** Form body for inject(): urlencoded, with the CSRF field. */
export function form(session: TestSession, fields: Record<string, string | string[]> = {}): string {
  const p = new URLSearchParams();
  p.set('_csrf', session.csrf);
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) p.append(k, x);
  return p.toString();
}

export const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/**
 * Another editor besides the demo one, for four eyes (nobody approves their own change): an account with a
 * verified address and the editor role, made directly. Returns its id.
 */
export async function addEditor(db: Queryable, email: string, displayName = 'Second editor'): Promise<string> {
  const [u] = await db.query<{ id: string }>(
    `insert into users (email, email_key, display_name, email_verified_at) values ($1, $1, $2, now()) returning id`,
    [email, displayName],
  );
  await db.query(`insert into user_roles (user_id, role, granted_by) values ($1, 'editor', 'test')`, [u.id]);
  return u.id;
}

/** An API token of the user, made directly; mfa says whether it was made in a session that gave the second factor. */
export async function tokenFor(db: Queryable, email: string, scope: 'read' | 'write' = 'read', mfa = true): Promise<string> {
  const [u] = await db.query<{ id: string }>('select id from users where email_key = $1', [email.toLowerCase()]);
  if (!u) throw new Error(`no user ${email}`);
  const token = `cn_${randomBytes(32).toString('base64url')}`;
  await db.query(
    `insert into api_tokens (user_id, name, token_hash, scope, mfa, created_at, expires_at)
     values ($1, 'test token', $2, $3, $4, now(), now() + interval '1 day')`,
    [u.id, sha256(token), scope, mfa],
  );
  return token;
}
