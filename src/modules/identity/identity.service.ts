// Accounts, sessions, two-factor sign-in, invitations, e-mail links and API tokens. Every change is made
// in one transaction with its audit entry; secrets (session ids, links, tokens, recovery codes) are stored
// only as SHA-256 hashes, passwords only as argon2id hashes.
import type { Db, Queryable } from '../../db/client.ts';
import {
  type Actor,
  ANONYMOUS,
  authorize,
  decide,
  defineRules,
  type Grant,
  isStateRole,
  type Role,
  scopeOf,
  scopeParam,
} from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { AppError, errors } from '../../platform/errors.ts';
import type { Translate } from '../../platform/i18n/i18n.ts';
import { type Clock, emailKey, newSecret, type Origin } from '../../platform/kernel.ts';
import { queueMail } from '../../platform/mail.ts';
import { singleLineProblem } from '../../platform/text.ts';
import { hashPassword, passwordProblem, spendVerifyTime, verifyPassword } from './passwords.ts';
import { byAccount, byAddress, createThrottle } from './throttle.ts';
import { newRecoveryCodes, newTotpSecret, normaliseRecoveryCode, sha256, totpStep } from './totp.ts';

export const identityActions = defineRules({
  'account.read': { self: true },
  'account.write': { self: true, write: true },
  'state.people.read': { platform: ['administrator'], state: ['focal_point', 'poc_diplomatic', 'poc_technical', 'rapporteur'] },
  'state.people.invite': { platform: ['administrator'], state: ['focal_point'], write: true },
  'platform.invite': { platform: ['administrator'], write: true },
  'users.read': { platform: ['administrator'] },
  /** Removing a State's officials and their roles, and revoking or re-sending its invitations. */
  'state.people.manage': { platform: ['administrator'], state: ['focal_point'], write: true },
  /** Removing platform roles (editor, directory manager, administrator) and platform invitations. */
  'users.manage': { platform: ['administrator'], write: true },
});

export interface SessionPolicy {
  idleMinutes: number;
  maxHours: number;
}

const INVITATION_DAYS = 7;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const VERIFY_HOURS = 24;
const RESET_MINUTES = 60;
const TOKEN_MAX_DAYS = 366;

/** Who the focal point may invite; the administrator may invite any role. */
export const FOCAL_POINT_INVITES: Role[] = ['poc_diplomatic', 'poc_technical', 'rapporteur'];

interface UserRow {
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
  grants: Grant[];
}

const USER_COLUMNS = `u.id, u.email, u.display_name, u.password_hash, u.state_code, u.email_verified_at, u.totp_secret,
  u.totp_enabled_at, u.totp_last_step, u.demo,
  coalesce((select json_agg(json_build_object('role', r.role, 'state', r.state_code) order by r.role, r.state_code)
            from user_roles r where r.user_id = u.id), '[]') as grants`;

export interface SessionInfo {
  actor: Actor;
  /** The token is valid but the second factor is still owed: only the code page may use it. */
  pending: { sessionId: string; userId: string } | null;
  csrfToken: string | null;
  user: UserRow | null;
}

export type SignInResult =
  | { kind: 'signed-in'; token: string; needsEnrolment: boolean }
  | { kind: 'code-needed'; token: string }
  | { kind: 'unverified' };

// Throttling lives in throttle.ts; these stay importable from here.
export { ThrottledError, throttleDelayMs } from './throttle.ts';

export function createIdentityService(deps: {
  db: Db;
  clock: Clock;
  sessions: SessionPolicy;
  publicUrl: string;
  flushMail: () => void;
  /** Told when a user's access changed (roles removed, signed out, tokens ended), so live streams re-check. */
  onAccessChange?: (userId: string) => void;
}) {
  const { db, clock } = deps;

  async function audit(
    tx: Queryable,
    actor: string,
    origin: Origin | string,
    action: string,
    entity: string,
    entityId: string | null,
    details?: Record<string, unknown>,
  ) {
    await recordAudit(
      tx,
      { actor, origin: typeof origin === 'string' ? origin : origin.ip, action, entity, entityId, details },
      clock(),
    );
  }

  async function userBy(q: Queryable, where: string, value: string): Promise<UserRow | null> {
    const rows = await q.query<UserRow>(`select ${USER_COLUMNS} from users u where ${where} = $1`, [value]);
    return rows[0] ?? null;
  }

  function actorFor(
    user: UserRow,
    mfa: boolean,
    via: 'session' | 'token',
    ids: { sessionId?: string; tokenId?: string; scope?: 'read' | 'write' },
  ): Actor {
    return {
      userId: user.id,
      email: user.email,
      displayName: user.display_name,
      grants: user.grants,
      mfa,
      via,
      scope: ids.scope ?? 'write',
      sessionId: ids.sessionId ?? null,
      tokenId: ids.tokenId ?? null,
    };
  }

  // ---- throttling -------------------------------------------------------------------------------------

  // Every attempt is counted before the check it guards, atomically (throttle.ts): parallel requests are
  // limited exactly as the same requests one after the other.
  const throttle = createThrottle({ db, clock });

  // ---- sessions -----------------------------------------------------------------------------------------

  async function createSession(tx: Queryable, userId: string, origin: Origin, mfa: boolean): Promise<string> {
    const token = newSecret();
    const now = clock();
    const expires = new Date(now.getTime() + deps.sessions.maxHours * 3600_000);
    await tx.query(
      `insert into sessions (id, user_id, csrf_token, mfa_at, created_at, last_seen_at, expires_at, origin, user_agent)
       values ($1, $2, $3, $4, $5, $5, $6, $7, $8)`,
      [
        sha256(token),
        userId,
        newSecret(),
        mfa ? now.toISOString() : null,
        now.toISOString(),
        expires.toISOString(),
        origin.ip,
        origin.userAgent.slice(0, 300),
      ],
    );
    return token;
  }

  /** The actor behind a session cookie; an expired or unknown one is simply signed out. */
  async function fromSession(token: string, opts: { touch?: boolean } = {}): Promise<SessionInfo> {
    const none: SessionInfo = { actor: ANONYMOUS, pending: null, csrfToken: null, user: null };
    if (!token || token.length > 100) return none;
    const id = sha256(token);
    const now = clock();
    const rows = await db.query<
      UserRow & { session_id: string; csrf_token: string; mfa_at: Date | null; last_seen_at: Date; expires_at: Date }
    >(
      `select ${USER_COLUMNS}, s.id as session_id, s.csrf_token, s.mfa_at, s.last_seen_at, s.expires_at
       from sessions s join users u on u.id = s.user_id
       where s.id = $1 and s.expires_at > $2 and s.last_seen_at > $2::timestamptz - make_interval(mins => $3)`,
      [id, now.toISOString(), deps.sessions.idleMinutes],
    );
    const row = rows[0];
    if (!row) return none;
    // Idle expiry counts from the last request; the row is touched at most once a minute.
    // A re-check by an open event stream (touch: false) does not count as activity.
    if (opts.touch !== false && now.getTime() - new Date(row.last_seen_at).getTime() > 60_000) {
      await db.query('update sessions set last_seen_at = $2 where id = $1', [id, now.toISOString()]);
    }
    if (row.totp_enabled_at && !row.mfa_at) {
      return { actor: ANONYMOUS, pending: { sessionId: id, userId: row.id }, csrfToken: row.csrf_token, user: row };
    }
    return {
      actor: actorFor(row, Boolean(row.mfa_at), 'session', { sessionId: id }),
      pending: null,
      csrfToken: row.csrf_token,
      user: row,
    };
  }

  /** The actor behind `Authorization: Bearer <token>`; a wrong, expired or revoked token is refused. */
  async function fromToken(token: string): Promise<Actor> {
    const now = clock();
    const rows = await db.query<
      UserRow & { token_id: string; scope: 'read' | 'write'; last_used_at: Date | null; carries_mfa: boolean }
    >(
      `select ${USER_COLUMNS}, t.id as token_id, t.scope, t.last_used_at,
         (t.mfa and u.totp_enabled_at is not null) as carries_mfa
       from api_tokens t join users u on u.id = t.user_id
       where t.token_hash = $1 and t.revoked_at is null and t.expires_at > $2`,
      [sha256(token), now.toISOString()],
    );
    const row = rows[0];
    if (!row) throw new AppError('BAD_TOKEN', 401, 'The API token is wrong, expired or revoked.');
    if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() > 60_000) {
      await db.query('update api_tokens set last_used_at = $2 where id = $1', [row.token_id, now.toISOString()]);
    }
    // Never more than its owner's session could do now: roles that need the second factor count only if the
    // token was made in a session that gave it, and only while the owner still has two-factor sign-in set up.
    // A token made without it never gains those roles silently, even once the owner sets it up.
    return actorFor(row, row.carries_mfa, 'token', { tokenId: row.token_id, scope: row.scope });
  }

  async function signIn(input: { email: string; password: string }, origin: Origin): Promise<SignInResult> {
    const key = emailKey(input.email);
    const keys = [byAddress('sign-in', origin.ip), byAccount('sign-in', key)];
    // Counted as a failure now, before the slow hash; forgiven below if the password is right.
    await throttle.reserve(keys);
    const user = await userBy(db, 'u.email_key', key);
    let ok = false;
    if (user?.password_hash) ok = await verifyPassword(user.password_hash, input.password);
    else await spendVerifyTime(input.password);
    if (!user || !ok) {
      await db.transaction(async (tx) => {
        await audit(tx, 'anonymous', origin, 'auth.sign_in_refused', 'user', user?.id ?? null, { email: key.slice(0, 200) });
      });
      throw new AppError('BAD_CREDENTIALS', 401, 'The e-mail address or the password is wrong.');
    }
    if (!user.email_verified_at) {
      await db.transaction(async (tx) => {
        await throttle.forgive(tx, keys);
        await sendLink(tx, user, 'verify', origin, null);
      });
      return { kind: 'unverified' };
    }
    return db.transaction(async (tx) => {
      await throttle.forgive(tx, keys);
      const token = await createSession(tx, user.id, origin, false);
      await audit(tx, `user:${user.id}`, origin, 'auth.sign_in', 'user', user.id, {
        stage: user.totp_enabled_at ? 'password' : 'complete',
      });
      if (user.totp_enabled_at) return { kind: 'code-needed', token } as const;
      return { kind: 'signed-in', token, needsEnrolment: user.grants.some((g) => g.role !== 'member') } as const;
    });
  }

  /** Checks a TOTP code or a recovery code for a user; a code already used is refused. */
  async function useSecondFactor(tx: Queryable, user: UserRow, code: string): Promise<'totp' | 'recovery' | null> {
    const trimmed = code.replace(/\s+/g, '');
    if (/^\d{6}$/.test(trimmed) && user.totp_secret) {
      const step = totpStep(user.totp_secret, trimmed, clock());
      if (step === null) return null;
      // Atomic: of two requests with the same code, one wins.
      const won = await tx.query('update users set totp_last_step = $2 where id = $1 and totp_last_step < $2 returning id', [
        user.id,
        step,
      ]);
      return won.length ? 'totp' : null;
    }
    const used = await tx.query(
      'update recovery_codes set used_at = $3 where user_id = $1 and code_hash = $2 and used_at is null returning code_hash',
      [user.id, sha256(normaliseRecoveryCode(trimmed)), clock().toISOString()],
    );
    return used.length ? 'recovery' : null;
  }

  /** The second step of sign-in; on success the session is replaced by a new one that carries the factor. */
  async function completeSignIn(pending: { sessionId: string; userId: string }, code: string, origin: Origin): Promise<string> {
    const keys = [byAccount('code', pending.userId)];
    await throttle.reserve(keys);
    const user = await userBy(db, 'u.id', pending.userId);
    if (!user) throw new AppError('UNAUTHENTICATED', 401, 'Sign in first.');
    const result = await db.transaction(async (tx) => {
      const kind = await useSecondFactor(tx, user, code);
      if (!kind) return null;
      await tx.query('delete from sessions where id = $1', [pending.sessionId]);
      await throttle.forgive(tx, keys);
      const token = await createSession(tx, user.id, origin, true);
      await audit(tx, `user:${user.id}`, origin, 'auth.second_factor', 'user', user.id, { kind });
      return token;
    });
    if (!result) {
      await db.transaction(async (tx) => {
        await audit(tx, `user:${user.id}`, origin, 'auth.second_factor_refused', 'user', user.id);
      });
      throw new AppError('BAD_CODE', 400, 'The code is wrong, expired or already used.');
    }
    return result;
  }

  async function signOut(sessionId: string, actor: string, origin: Origin) {
    await db.transaction(async (tx) => {
      await tx.query('delete from sessions where id = $1', [sessionId]);
      await audit(tx, actor, origin, 'auth.sign_out', 'session', null);
    });
    if (actor.startsWith('user:')) deps.onAccessChange?.(actor.slice(5));
  }

  /** Revokes every live token of the user; returns how many. */
  async function endTokens(tx: Queryable, userId: string): Promise<number> {
    const ended = await tx.query(
      'update api_tokens set revoked_at = $2 where user_id = $1 and revoked_at is null and expires_at > $2 returning id',
      [userId, clock().toISOString()],
    );
    return ended.length;
  }

  async function signOutEverywhere(actor: Actor, origin: Origin) {
    authorize(actor, identityActions['account.write']);
    await db.transaction(async (tx) => {
      const gone = await tx.query('delete from sessions where user_id = $1 returning id', [actor.userId]);
      const tokens = await endTokens(tx, actor.userId as string);
      await audit(tx, `user:${actor.userId}`, origin, 'auth.sign_out_everywhere', 'user', actor.userId, {
        sessions: gone.length,
        tokens,
      });
    });
    deps.onAccessChange?.(actor.userId as string);
  }

  async function listSessions(actor: Actor) {
    authorize(actor, identityActions['account.read']);
    return db.query<{ id: string; created_at: Date; last_seen_at: Date; origin: string; user_agent: string }>(
      'select id, created_at, last_seen_at, origin, user_agent from sessions where user_id = $1 and expires_at > $2 order by last_seen_at desc',
      [actor.userId, clock().toISOString()],
    );
  }

  // ---- e-mail links: verification and password reset --------------------------------------------------

  async function sendLink(
    tx: Queryable,
    user: { id: string; email: string; display_name: string },
    purpose: 'verify' | 'reset',
    origin: Origin,
    t: Translate | null,
  ) {
    const token = newSecret();
    const now = clock();
    const ttl = purpose === 'verify' ? VERIFY_HOURS * 3600_000 : RESET_MINUTES * 60_000;
    await tx.query('insert into email_links (token_hash, purpose, user_id, created_at, expires_at) values ($1, $2, $3, $4, $5)', [
      sha256(token),
      purpose,
      user.id,
      now.toISOString(),
      new Date(now.getTime() + ttl).toISOString(),
    ]);
    const url = `${deps.publicUrl}/${purpose === 'verify' ? 'verify' : 'password/reset'}/${token}`;
    const text =
      purpose === 'verify'
        ? `Hello ${user.display_name},\n\nConfirm your e-mail address for cybernorms by opening this link within ${VERIFY_HOURS} hours:\n\n${url}\n\nIf you did not register, ignore this mail.`
        : `Hello ${user.display_name},\n\nTo choose a new password for cybernorms, open this link within ${RESET_MINUTES} minutes:\n\n${url}\n\nIf you did not ask for this, ignore this mail: your password stays as it is.`;
    await queueMail(
      tx,
      {
        to: user.email,
        subject: t
          ? t(purpose === 'verify' ? 'mail.verify.subject' : 'mail.reset.subject')
          : purpose === 'verify'
            ? 'Confirm your e-mail address'
            : 'Choose a new password',
        text,
      },
      now,
    );
    await audit(
      tx,
      `user:${user.id}`,
      origin,
      purpose === 'verify' ? 'auth.verification_sent' : 'auth.reset_sent',
      'user',
      user.id,
    );
  }

  /** Self-registration of a member. The answer is the same whether or not the address has an account. */
  async function register(input: { email: string; displayName: string; password: string }, origin: Origin, t: Translate) {
    const nameProblem = singleLineProblem(input.displayName);
    if (nameProblem) throw errors.badInput([{ field: 'displayName', reason: nameProblem }]);
    const problem = await passwordProblem(input.password, input.email);
    if (problem) throw errors.badInput([{ field: 'password', reason: problem }]);
    // Every registration counts towards the per-address limit, counted before the slow hash.
    await throttle.reserve([byAddress('register', origin.ip)]);
    const key = emailKey(input.email);
    const passwordHash = await hashPassword(input.password);
    await db.transaction(async (tx) => {
      const existing = await userBy(tx, 'u.email_key', key);
      if (existing) {
        await queueMail(
          tx,
          {
            to: existing.email,
            subject: t('mail.exists.subject'),
            text: `Hello ${existing.display_name},\n\nSomeone tried to register on cybernorms with this address, which already has an account. If it was you, sign in or reset your password at ${deps.publicUrl}/password/forgot.\n\nIf it was not you, ignore this mail.`,
          },
          clock(),
        );
        await audit(tx, 'anonymous', origin, 'auth.register_existing', 'user', existing.id);
        return;
      }
      const [user] = await tx.query<{ id: string; email: string; display_name: string }>(
        `insert into users (email, email_key, display_name, password_hash, created_at) values ($1, $2, $3, $4, $5)
         returning id, email, display_name`,
        [input.email.trim(), key, input.displayName.trim(), passwordHash, clock().toISOString()],
      );
      await tx.query(`insert into user_roles (user_id, role, granted_by) values ($1, 'member', 'self')`, [user.id]);
      await audit(tx, `user:${user.id}`, origin, 'user.register', 'user', user.id);
      await sendLink(tx, user, 'verify', origin, t);
    });
    deps.flushMail();
  }

  async function consumeLink(tx: Queryable, token: string, purpose: 'verify' | 'reset'): Promise<string | null> {
    const rows = await tx.query<{ user_id: string }>(
      `update email_links set used_at = $3 where token_hash = $1 and purpose = $2 and used_at is null and expires_at > $3
       returning user_id`,
      [sha256(token), purpose, clock().toISOString()],
    );
    return rows[0]?.user_id ?? null;
  }

  async function linkIsValid(token: string, purpose: 'verify' | 'reset'): Promise<boolean> {
    const rows = await db.query(
      'select 1 from email_links where token_hash = $1 and purpose = $2 and used_at is null and expires_at > $3',
      [sha256(token), purpose, clock().toISOString()],
    );
    return rows.length > 0;
  }

  async function verifyEmail(token: string, origin: Origin): Promise<boolean> {
    return db.transaction(async (tx) => {
      const userId = await consumeLink(tx, token, 'verify');
      if (!userId) return false;
      await tx.query('update users set email_verified_at = coalesce(email_verified_at, $2) where id = $1', [
        userId,
        clock().toISOString(),
      ]);
      await audit(tx, `user:${userId}`, origin, 'auth.email_verified', 'user', userId);
      return true;
    });
  }

  /** Sends a reset link if the address has an account; says nothing either way. */
  async function requestReset(email: string, origin: Origin, t: Translate) {
    const key = emailKey(email);
    // Every request counts: a reset link is not a thing to ask for often.
    await throttle.reserve([byAddress('reset', origin.ip), byAccount('reset', key)]);
    await db.transaction(async (tx) => {
      const user = await userBy(tx, 'u.email_key', key);
      if (user) await sendLink(tx, user, 'reset', origin, t);
      else await audit(tx, 'anonymous', origin, 'auth.reset_unknown', 'user', null, { email: key.slice(0, 200) });
    });
    deps.flushMail();
  }

  /** Sets a new password from a reset link, and signs the account out everywhere. */
  async function resetPassword(token: string, password: string, origin: Origin): Promise<void> {
    const userId = (await linkUser(token, 'reset')) ?? null;
    // Counted before the slow hash: a wrong link from an address, and each use of a link, are attempts.
    const keys = [byAddress('reset-link', origin.ip), ...(userId ? [byAccount('reset-link', userId)] : [])];
    await throttle.reserve(keys);
    if (!userId) throw new AppError('LINK_INVALID', 410, 'This link is wrong, expired or already used.');
    const user = await userBy(db, 'u.id', userId);
    const problem = await passwordProblem(password, user?.email);
    if (problem) {
      await throttle.release(keys); // not an attempt: the password was never hashed
      throw errors.badInput([{ field: 'password', reason: problem }]);
    }
    const passwordHash = await hashPassword(password);
    await db.transaction(async (tx) => {
      const consumed = await consumeLink(tx, token, 'reset');
      if (consumed !== userId) throw new AppError('LINK_INVALID', 410, 'This link is wrong, expired or already used.');
      await throttle.forgive(tx, keys);
      await tx.query('update users set password_hash = $2, email_verified_at = coalesce(email_verified_at, $3) where id = $1', [
        userId,
        passwordHash,
        clock().toISOString(),
      ]);
      await tx.query('delete from sessions where user_id = $1', [userId]);
      // Whoever knew the old password may have made tokens with it: they end too.
      const tokens = await endTokens(tx, userId);
      await audit(tx, `user:${userId}`, origin, 'auth.password_reset', 'user', userId, { tokens });
    });
    deps.onAccessChange?.(userId);
  }

  async function linkUser(token: string, purpose: 'verify' | 'reset'): Promise<string | undefined> {
    const rows = await db.query<{ user_id: string }>(
      'select user_id from email_links where token_hash = $1 and purpose = $2 and used_at is null and expires_at > $3',
      [sha256(token), purpose, clock().toISOString()],
    );
    return rows[0]?.user_id;
  }

  // ---- two-factor enrolment -----------------------------------------------------------------------------

  /**
   * The second factor and its recovery codes are managed in a browser session only: a token (which a script
   * holds, and which may have been made without the factor) must never mint a session that carries it.
   */
  function sessionOnly(actor: Actor) {
    if (actor.via !== 'session')
      throw new AppError('FORBIDDEN', 403, 'Two-factor sign-in is set up in a signed-in browser session, not with a token.');
  }

  /** The secret being enrolled: kept on the user, not active until a code confirms it. */
  async function pendingTotpSecret(actor: Actor): Promise<{ secret: string; enabled: boolean; email: string }> {
    authorize(actor, identityActions['account.read']);
    sessionOnly(actor);
    const user = await userBy(db, 'u.id', actor.userId as string);
    if (!user) throw errors.notFound('The account');
    if (user.totp_enabled_at) return { secret: '', enabled: true, email: user.email };
    if (user.totp_secret) return { secret: user.totp_secret, enabled: false, email: user.email };
    const secret = newTotpSecret();
    await db.query('update users set totp_secret = $2 where id = $1 and totp_enabled_at is null', [user.id, secret]);
    return { secret, enabled: false, email: user.email };
  }

  /** Confirms enrolment with a first code; returns the recovery codes, shown once, and the session to use. */
  async function confirmTotp(actor: Actor, code: string, origin: Origin): Promise<{ recoveryCodes: string[]; token: string }> {
    authorize(actor, identityActions['account.write']);
    sessionOnly(actor);
    const user = await userBy(db, 'u.id', actor.userId as string);
    if (!user?.totp_secret || user.totp_enabled_at) throw new AppError('CONFLICT', 409, 'Two-factor sign-in is already set up.');
    const codes = newRecoveryCodes();
    const result = await db.transaction(async (tx) => {
      if ((await useSecondFactor(tx, user, code)) !== 'totp') return null;
      await tx.query('update users set totp_enabled_at = $2 where id = $1', [user.id, clock().toISOString()]);
      await tx.query('delete from recovery_codes where user_id = $1', [user.id]);
      await tx.query('insert into recovery_codes (user_id, code_hash) select $1, unnest($2::text[])', [
        user.id,
        codes.map(sha256),
      ]);
      // Other sessions were opened without the factor: end them, and give this one a new id that carries it.
      await tx.query('delete from sessions where user_id = $1', [user.id]);
      const token = await createSession(tx, user.id, origin, true);
      await audit(tx, `user:${user.id}`, origin, 'auth.totp_enrolled', 'user', user.id);
      return token;
    });
    if (!result) throw errors.badInput([{ field: 'code', reason: 'is wrong or expired: enter the 6 digits your app shows now' }]);
    return { recoveryCodes: codes, token: result };
  }

  /** Ten new recovery codes in place of the old ones, for a signed-in user who gives a current TOTP code. */
  async function renewRecoveryCodes(actor: Actor, code: string, origin: Origin): Promise<string[]> {
    authorize(actor, identityActions['account.write']);
    sessionOnly(actor);
    const user = await userBy(db, 'u.id', actor.userId as string);
    if (!user?.totp_enabled_at) throw new AppError('CONFLICT', 409, 'Set up two-factor sign-in first.');
    // The same count as the code step of sign-in: a stolen session must not be able to guess codes either.
    const keys = [byAccount('code', user.id)];
    await throttle.reserve(keys);
    const codes = newRecoveryCodes();
    const ok = await db.transaction(async (tx) => {
      // Only a code from the app: a recovery code cannot be traded for ten new ones.
      if (!/^\d{6}$/.test(code.trim()) || (await useSecondFactor(tx, user, code)) !== 'totp') return false;
      await throttle.forgive(tx, keys);
      await tx.query('delete from recovery_codes where user_id = $1', [user.id]);
      await tx.query('insert into recovery_codes (user_id, code_hash) select $1, unnest($2::text[])', [
        user.id,
        codes.map(sha256),
      ]);
      await audit(tx, `user:${user.id}`, origin, 'auth.recovery_codes_renewed', 'user', user.id);
      return true;
    });
    if (!ok) {
      await db.transaction((tx) =>
        audit(tx, `user:${user.id}`, origin, 'auth.second_factor_refused', 'user', user.id, { during: 'recovery_codes' }),
      );
      throw new AppError('BAD_CODE', 400, 'The code is wrong, expired or already used.');
    }
    return codes;
  }

  async function remainingRecoveryCodes(actor: Actor): Promise<number> {
    authorize(actor, identityActions['account.read']);
    const [row] = await db.query<{ n: number }>(
      'select count(*)::int as n from recovery_codes where user_id = $1 and used_at is null',
      [actor.userId],
    );
    return row.n;
  }

  // ---- invitations --------------------------------------------------------------------------------------

  async function invite(
    actor: Actor,
    input: { email: string; state: string | null; roles: Role[] },
    origin: Origin,
    t: Translate,
  ) {
    const roles = [...new Set(input.roles)];
    const stateRoles = roles.filter(isStateRole);
    const platformRoles = roles.filter((r) => !isStateRole(r) && r !== 'member');
    if (!roles.length) throw errors.badInput([{ field: 'roles', reason: 'choose at least one role' }]);
    if (stateRoles.length && !input.state) throw errors.badInput([{ field: 'state', reason: 'is required for State roles' }]);
    if (!stateRoles.length && input.state) throw errors.badInput([{ field: 'state', reason: 'is only for State roles' }]);
    if (input.state) {
      const [s] = await db.query<{ status: string }>('select status from states where code = $1', [input.state]);
      if (!s) throw errors.badInput([{ field: 'state', reason: 'is not a State in the registry' }]);
    }
    if (platformRoles.length) authorize(actor, identityActions['platform.invite']);
    if (stateRoles.length) {
      authorize(actor, identityActions['state.people.invite'], { state: input.state });
      const isAdmin = scopeOf(actor, identityActions['platform.invite']).all;
      const notAllowed = stateRoles.filter((r) => !isAdmin && !FOCAL_POINT_INVITES.includes(r));
      if (notAllowed.length) throw new AppError('FORBIDDEN', 403, `Only an administrator can invite: ${notAllowed.join(', ')}.`);
    }
    const key = emailKey(input.email);
    const existing = await userBy(db, 'u.email_key', key);
    if (existing?.state_code && input.state && existing.state_code !== input.state) {
      throw errors.badInput([{ field: 'email', reason: 'belongs to an official of another State' }]);
    }
    const token = newSecret();
    const now = clock();
    const expires = new Date(now.getTime() + INVITATION_DAYS * 86_400_000);
    const id = await db.transaction(async (tx) => {
      const [row] = await tx.query<{ id: string }>(
        `insert into invitations (token_hash, email, state_code, roles, invited_by, created_at, expires_at)
         values ($1, $2, $3, $4, $5, $6, $7) returning id`,
        [sha256(token), input.email.trim(), input.state, roles, actor.userId, now.toISOString(), expires.toISOString()],
      );
      const stateName = input.state
        ? ((await tx.query<{ name: string }>(`select names->>'en' as name from states where code = $1`, [input.state]))[0]
            ?.name ?? input.state)
        : null;
      await queueMail(
        tx,
        {
          to: input.email.trim(),
          subject: t('mail.invite.subject'),
          text: `Hello,\n\n${actor.displayName} invites you to cybernorms${stateName ? ` as an official of ${stateName}` : ''}, with these roles: ${roles.join(', ')}.\n\nAccept within ${INVITATION_DAYS} days by opening this link; you will choose a password and set up two-factor sign-in:\n\n${deps.publicUrl}/invitations/${token}\n\nIf you did not expect this, ignore this mail.`,
        },
        now,
      );
      await audit(tx, `user:${actor.userId}`, origin, 'invitation.create', 'invitation', row.id, {
        email: key,
        state: input.state,
        roles,
      });
      return row.id;
    });
    deps.flushMail();
    return { id, expiresAt: expires };
  }

  interface InvitationRow {
    id: string;
    email: string;
    state_code: string | null;
    state_name: Record<string, string> | null;
    roles: Role[];
    expires_at: Date;
    accepted_at: Date | null;
    revoked_at: Date | null;
  }

  /** An invitation by its link, or why it cannot be used. */
  async function invitationByToken(
    token: string,
  ): Promise<
    { ok: true; invitation: InvitationRow; hasAccount: boolean } | { ok: false; reason: 'unknown' | 'used' | 'expired' }
  > {
    const [row] = await db.query<InvitationRow>(
      `select i.id, i.email, i.state_code, s.names as state_name, i.roles, i.expires_at, i.accepted_at, i.revoked_at
       from invitations i left join states s on s.code = i.state_code where i.token_hash = $1`,
      [sha256(token)],
    );
    if (!row || row.revoked_at) return { ok: false, reason: 'unknown' };
    if (row.accepted_at) return { ok: false, reason: 'used' };
    if (new Date(row.expires_at).getTime() <= clock().getTime()) return { ok: false, reason: 'expired' };
    const hasAccount = Boolean(await userBy(db, 'u.email_key', emailKey(row.email)));
    return { ok: true, invitation: row, hasAccount };
  }

  /**
   * Accepts an invitation: a new account gets the password chosen here; an existing account must be the
   * one signed in. Returns a session token for the (new) account, which still owes its second factor.
   */
  async function acceptInvitation(
    token: string,
    input: { displayName?: string; password?: string },
    actor: Actor,
    origin: Origin,
  ): Promise<{ token: string | null; userId: string; state: string | null }> {
    const found = await invitationByToken(token);
    if (!found.ok) throw new AppError('LINK_INVALID', 410, 'This invitation is wrong, expired or already used.');
    const inv = found.invitation;
    let passwordHash: string | null = null;
    if (!found.hasAccount) {
      const fields = [];
      const nameProblem = input.displayName?.trim() ? singleLineProblem(input.displayName) : 'is required';
      if (nameProblem) fields.push({ field: 'displayName', reason: nameProblem });
      const problem = await passwordProblem(input.password ?? '', inv.email);
      if (problem) fields.push({ field: 'password', reason: problem });
      if (fields.length) throw errors.badInput(fields);
      passwordHash = await hashPassword(input.password as string);
    } else if (actor.email === null || emailKey(actor.email) !== emailKey(inv.email)) {
      throw new AppError('UNAUTHENTICATED', 401, `Sign in as ${inv.email} to accept this invitation.`);
    }
    return db.transaction(async (tx) => {
      const claimed = await tx.query(
        'update invitations set accepted_at = $2 where id = $1 and accepted_at is null and revoked_at is null returning id',
        [inv.id, clock().toISOString()],
      );
      if (!claimed.length) throw new AppError('LINK_INVALID', 410, 'This invitation is wrong, expired or already used.');
      let userId: string;
      let sessionToken: string | null = null;
      if (passwordHash) {
        const [u] = await tx.query<{ id: string }>(
          `insert into users (email, email_key, display_name, password_hash, state_code, email_verified_at, created_at)
           values ($1, $2, $3, $4, $5, $6, $6) returning id`,
          [
            inv.email,
            emailKey(inv.email),
            (input.displayName as string).trim(),
            passwordHash,
            inv.state_code,
            clock().toISOString(),
          ],
        );
        userId = u.id;
        await tx.query(`insert into user_roles (user_id, role, granted_by) values ($1, 'member', 'invitation')`, [userId]);
        await audit(tx, `user:${userId}`, origin, 'user.register', 'user', userId, { via: 'invitation' });
        sessionToken = await createSession(tx, userId, origin, false);
      } else {
        userId = actor.userId as string;
        const [u] = await tx.query<{ state_code: string | null }>('select state_code from users where id = $1', [userId]);
        if (inv.state_code && u.state_code && u.state_code !== inv.state_code) {
          throw errors.badInput([{ field: 'email', reason: 'belongs to an official of another State' }]);
        }
        if (inv.state_code) await tx.query('update users set state_code = $2 where id = $1', [userId, inv.state_code]);
      }
      for (const role of inv.roles) {
        await tx.query(
          `insert into user_roles (user_id, role, state_code, granted_by) values ($1, $2, $3, $4) on conflict do nothing`,
          [userId, role, isStateRole(role) ? inv.state_code : null, `invitation:${inv.id}`],
        );
      }
      await tx.query('update invitations set accepted_by = $2 where id = $1', [inv.id, userId]);
      await audit(tx, `user:${userId}`, origin, 'invitation.accept', 'invitation', inv.id, {
        roles: inv.roles,
        state: inv.state_code,
      });
      return { token: sessionToken, userId, state: inv.state_code };
    });
  }

  // ---- a State's people ---------------------------------------------------------------------------------

  /** The officials of a State and its open invitations: contact details, so every read is audited. */
  async function statePeople(actor: Actor, state: string, origin: Origin) {
    authorize(actor, identityActions['state.people.read'], { state });
    return db.transaction(async (tx) => {
      const people = await tx.query<{ id: string; display_name: string; email: string; roles: string[]; totp: boolean }>(
        `select u.id, u.display_name, u.email, array_agg(r.role order by r.role) as roles, u.totp_enabled_at is not null as totp
         from users u join user_roles r on r.user_id = u.id and r.state_code = $1
         group by u.id order by u.display_name`,
        [state],
      );
      // Open invitations, and those expired in the last 30 days, which can be re-sent.
      const invitations = await tx.query<{
        id: string;
        email: string;
        roles: string[];
        created_at: Date;
        expires_at: Date;
        expired: boolean;
      }>(
        `select id, email, roles, created_at, expires_at, expires_at <= $2 as expired from invitations
         where state_code = $1 and accepted_at is null and revoked_at is null
           and expires_at > $2::timestamptz - interval '30 days' order by created_at desc`,
        [state, clock().toISOString()],
      );
      await audit(tx, `user:${actor.userId}`, origin, 'state.people.read', 'state', state, { people: people.length });
      return { people, invitations };
    });
  }

  /**
   * Every account with its roles, for the administrator; filtered by the same rule as a single read. Each
   * view is audited (it shows e-mail addresses): one entry, with how many accounts it listed.
   */
  async function listUsers(actor: Actor, origin: Origin) {
    authorize(actor, identityActions['users.read']);
    const states = scopeParam(scopeOf(actor, identityActions['users.read']));
    return db.transaction(async (tx) => {
      const users = await tx.query<{
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
      await audit(tx, `user:${actor.userId}`, origin, 'users.read', 'user', null, { users: users.length });
      return users;
    });
  }

  // ---- API tokens ---------------------------------------------------------------------------------------

  async function createToken(
    actor: Actor,
    input: { name: string; scope: 'read' | 'write'; expiresInDays: number },
    origin: Origin,
  ) {
    authorize(actor, identityActions['account.write']);
    if (actor.via !== 'session')
      throw new AppError('FORBIDDEN', 403, 'Tokens are made in a signed-in browser session, not with another token.');
    const nameProblem = singleLineProblem(input.name);
    if (nameProblem) throw errors.badInput([{ field: 'name', reason: nameProblem }]);
    if (input.expiresInDays < 1 || input.expiresInDays > TOKEN_MAX_DAYS) {
      throw errors.badInput([{ field: 'expiresInDays', reason: `must be between 1 and ${TOKEN_MAX_DAYS}` }]);
    }
    // A token acts with the user's roles, so it may only be made once those roles are effective. A member's
    // token made without the second factor is marked so, and never carries roles granted later.
    if (!actor.mfa && actor.grants.some((g) => g.role !== 'member')) {
      throw new AppError('SECOND_FACTOR_REQUIRED', 403, 'Set up and use two-factor sign-in first.');
    }
    const token = newSecret('cn_');
    const now = clock();
    const expires = new Date(now.getTime() + input.expiresInDays * 86_400_000);
    const [row] = await db.transaction(async (tx) => {
      const rows = await tx.query<{ id: string }>(
        `insert into api_tokens (user_id, name, token_hash, scope, mfa, created_at, expires_at) values ($1, $2, $3, $4, $5, $6, $7) returning id`,
        [actor.userId, input.name.trim(), sha256(token), input.scope, actor.mfa, now.toISOString(), expires.toISOString()],
      );
      await audit(tx, `user:${actor.userId}`, origin, 'token.create', 'api_token', rows[0].id, {
        scope: input.scope,
        mfa: actor.mfa,
        expires: expires.toISOString(),
      });
      return rows;
    });
    return { id: row.id, token, name: input.name.trim(), scope: input.scope, expiresAt: expires };
  }

  async function listTokens(actor: Actor) {
    authorize(actor, identityActions['account.read']);
    return db.query<{
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
      [actor.userId],
    );
  }

  async function revokeToken(actor: Actor, id: string, origin: Origin) {
    authorize(actor, identityActions['account.write']);
    await db.transaction(async (tx) => {
      // Only the owner's own tokens: someone else's id is simply not found.
      const rows = await tx.query(
        'update api_tokens set revoked_at = coalesce(revoked_at, $3) where id = $1 and user_id = $2 returning id',
        [id, actor.userId, clock().toISOString()],
      );
      if (!rows.length) throw errors.notFound('The token');
      await audit(tx, `user:${actor.userId}`, origin, 'token.revoke', 'api_token', id);
    });
    deps.onAccessChange?.(actor.userId as string);
  }

  // ---- taking roles back --------------------------------------------------------------------------------

  /** May the actor remove this role? Focal points remove their State's POCs and rapporteurs; administrators any role. */
  function authorizeRoleRemoval(actor: Actor, role: Role, state: string | null) {
    if (role === 'member')
      throw errors.badInput([{ field: 'role', reason: 'membership is not removed; remove the roles instead' }]);
    if (!isStateRole(role)) return authorize(actor, identityActions['users.manage']);
    if (!state) throw errors.badInput([{ field: 'state', reason: 'is required for State roles' }]);
    authorize(actor, identityActions['state.people.manage'], { state });
    if (!scopeOf(actor, identityActions['users.manage']).all && !FOCAL_POINT_INVITES.includes(role))
      throw new AppError('FORBIDDEN', 403, `Only an administrator can remove: ${role}.`);
  }

  /**
   * Removes roles of a user inside the caller's transaction (also used when a directory entry is removed):
   * the roles go, open invitations for them are revoked, an account left with no State role no longer belongs
   * to the State, and each removal is audited. Returns the roles removed. Refuses to remove the last
   * administrator. Callers tell `onAccessChange` after commit (see `afterRoleChange`).
   */
  async function dropRoles(
    tx: Queryable,
    by: { actor: string; origin: Origin | string; reason: string },
    userId: string,
    roles: { role: Role; state: string | null }[],
  ): Promise<{ role: Role; state: string | null }[]> {
    const removed: { role: Role; state: string | null }[] = [];
    for (const { role, state } of roles) {
      if (role === 'administrator') {
        // Serialises removals of administrators, so two cannot remove each other at once.
        await tx.query("select 1 from user_roles where role = 'administrator' for update");
        const [n] = await tx.query<{ n: number }>(
          "select count(*)::int as n from user_roles where role = 'administrator' and user_id <> $1",
          [userId],
        );
        if (n.n === 0) throw new AppError('LAST_ADMINISTRATOR', 409, 'The last administrator cannot be removed.');
      }
      const gone = await tx.query(
        `delete from user_roles where user_id = $1 and role = $2 and coalesce(state_code, '') = coalesce($3::text, '') returning role`,
        [userId, role, state],
      );
      if (!gone.length) continue;
      removed.push({ role, state });
      await audit(tx, by.actor, by.origin, 'user.role_remove', 'user', userId, { role, state, reason: by.reason });
    }
    if (!removed.length) return removed;
    const [left] = await tx.query<{ n: number }>(
      'select count(*)::int as n from user_roles where user_id = $1 and state_code is not null',
      [userId],
    );
    if (left.n === 0) await tx.query('update users set state_code = null where id = $1', [userId]);
    // Open invitations that would give a removed role back are revoked with it.
    const [u] = await tx.query<{ email_key: string }>('select email_key from users where id = $1', [userId]);
    for (const r of removed) {
      const revoked = await tx.query<{ id: string }>(
        `update invitations set revoked_at = $4 where lower(email) = $1 and coalesce(state_code, '') = coalesce($2::text, '')
           and $3 = any(roles) and accepted_at is null and revoked_at is null returning id`,
        [u.email_key, r.state, r.role, clock().toISOString()],
      );
      for (const i of revoked)
        await audit(tx, by.actor, by.origin, 'invitation.revoke', 'invitation', i.id, { reason: by.reason });
    }
    return removed;
  }

  /**
   * Inside the removal's transaction: the remover still holds the role that lets them remove, once the rows
   * that grant it are locked (administrators, or the State's focal points, in one order). Of two
   * administrators removing each other at once, the second is refused when the first has committed.
   */
  async function stillEntitled(tx: Queryable, actor: Actor, state: string | null) {
    const admins = await tx.query<{ user_id: string }>(
      "select user_id from user_roles where role = 'administrator' order by user_id for update",
    );
    if (admins.some((a) => a.user_id === actor.userId)) return;
    if (state) {
      const focal = await tx.query<{ user_id: string }>(
        "select user_id from user_roles where role = 'focal_point' and state_code = $1 order by user_id for update",
        [state],
      );
      if (focal.some((f) => f.user_id === actor.userId)) return;
    }
    throw new AppError('FORBIDDEN', 403, 'Your roles do not allow this.');
  }

  /** Tells live streams and caches that the user's access changed; call after the transaction commits. */
  function afterRoleChange(userId: string) {
    deps.onAccessChange?.(userId);
  }

  /** Removes one role of one user; effective on that user's very next request, token use or stream event. */
  async function removeRole(actor: Actor, input: { userId: string; role: Role; state: string | null }, origin: Origin) {
    if (!UUID.test(input.userId)) throw errors.notFound('The role');
    authorizeRoleRemoval(actor, input.role, input.state);
    const removed = await db.transaction(async (tx) => {
      await stillEntitled(tx, actor, isStateRole(input.role) ? input.state : null);
      return dropRoles(tx, { actor: `user:${actor.userId}`, origin, reason: 'removed' }, input.userId, [
        { role: input.role, state: isStateRole(input.role) ? input.state : null },
      ]);
    });
    if (!removed.length) throw errors.notFound('The role');
    afterRoleChange(input.userId);
    return { removed };
  }

  /** Removes a person from a State: every role they hold for it. A focal point's own role needs an administrator. */
  async function removeOfficial(actor: Actor, state: string, userId: string, origin: Origin) {
    authorize(actor, identityActions['state.people.manage'], { state });
    if (!UUID.test(userId)) throw errors.notFound('The official');
    const held = await db.query<{ role: Role }>('select role from user_roles where user_id = $1 and state_code = $2', [
      userId,
      state,
    ]);
    if (!held.length) throw errors.notFound('The official');
    for (const h of held) authorizeRoleRemoval(actor, h.role, state);
    const removed = await db.transaction(async (tx) => {
      await stillEntitled(tx, actor, state);
      const gone = await dropRoles(
        tx,
        { actor: `user:${actor.userId}`, origin, reason: 'official removed' },
        userId,
        held.map((h) => ({ role: h.role, state })),
      );
      // Any other open invitation to this State would bring the person back: it goes too.
      const [u] = await tx.query<{ email_key: string }>('select email_key from users where id = $1', [userId]);
      const revoked = await tx.query<{ id: string }>(
        `update invitations set revoked_at = $3, revoked_by = $4 where lower(email) = $1 and state_code = $2
           and accepted_at is null and revoked_at is null returning id`,
        [u.email_key, state, clock().toISOString(), actor.userId],
      );
      for (const i of revoked)
        await audit(tx, `user:${actor.userId}`, origin, 'invitation.revoke', 'invitation', i.id, { reason: 'official removed' });
      return gone;
    });
    afterRoleChange(userId);
    return { removed };
  }

  async function invitationFor(actor: Actor, id: string) {
    // Who may manage invitations at all is decided before the row is read, so the answer for another
    // State's invitation is the same 404 as for one that does not exist.
    const manages = scopeOf(actor, identityActions['state.people.manage']);
    const readOnly = actor.via === 'token' && actor.scope !== 'write';
    if ((!manages.all && !manages.states.length) || readOnly) authorize(actor, identityActions['state.people.manage']);
    if (!UUID.test(id)) throw errors.notFound('The invitation');
    const [inv] = await db.query<{
      id: string;
      email: string;
      state_code: string | null;
      roles: Role[];
      accepted_at: Date | null;
      revoked_at: Date | null;
    }>('select id, email, state_code, roles, accepted_at, revoked_at from invitations where id = $1', [id]);
    if (!inv) throw errors.notFound('The invitation');
    const allowed = inv.state_code
      ? decide(actor, identityActions['state.people.manage'], { state: inv.state_code }).ok
      : decide(actor, identityActions['users.manage']).ok;
    if (!allowed) throw errors.notFound('The invitation');
    for (const r of inv.roles) if (r !== 'member') authorizeRoleRemoval(actor, r, inv.state_code);
    return inv;
  }

  /** A user's display name, for messages about them; null if there is no such user. */
  async function displayName(userId: string): Promise<string | null> {
    if (!UUID.test(userId)) return null;
    const [u] = await db.query<{ display_name: string }>('select display_name from users where id = $1', [userId]);
    return u?.display_name ?? null;
  }

  /** Revokes an invitation not yet accepted: its link stops working at once. */
  async function revokeInvitation(actor: Actor, id: string, origin: Origin) {
    const inv = await invitationFor(actor, id);
    if (inv.accepted_at) throw new AppError('CONFLICT', 409, 'This invitation was already accepted: remove the roles instead.');
    await db.transaction(async (tx) => {
      const hit = await tx.query(
        'update invitations set revoked_at = $2, revoked_by = $3 where id = $1 and accepted_at is null and revoked_at is null returning id',
        [id, clock().toISOString(), actor.userId],
      );
      if (hit.length)
        await audit(tx, `user:${actor.userId}`, origin, 'invitation.revoke', 'invitation', id, { reason: 'revoked' });
    });
    return { revoked: true };
  }

  /** Sends a new link for an invitation not yet accepted (open, expired or revoked); the old link stops working. */
  async function resendInvitation(actor: Actor, id: string, origin: Origin, t: Translate) {
    const inv = await invitationFor(actor, id);
    if (inv.accepted_at) throw new AppError('CONFLICT', 409, 'This invitation was already accepted.');
    const fresh = await invite(actor, { email: inv.email, state: inv.state_code, roles: inv.roles }, origin, t);
    await db.transaction(async (tx) => {
      await tx.query('update invitations set replaces = $2 where id = $1', [fresh.id, id]);
      const hit = await tx.query(
        'update invitations set revoked_at = $2, revoked_by = $3 where id = $1 and revoked_at is null returning id',
        [id, clock().toISOString(), actor.userId],
      );
      if (hit.length)
        await audit(tx, `user:${actor.userId}`, origin, 'invitation.revoke', 'invitation', id, {
          reason: 'resent',
          by: fresh.id,
        });
    });
    return fresh;
  }

  /** Records a refusal that matters: a signed-in user denied something (another State's data, a write with a read-only token). */
  async function recordRefusal(actor: Actor, origin: Origin, code: string, route: string) {
    await db.transaction((tx) =>
      audit(tx, `user:${actor.userId}`, origin, 'access.denied', 'route', route.slice(0, 300), { code, via: actor.via }),
    );
  }

  async function me(actor: Actor) {
    authorize(actor, identityActions['account.read']);
    const user = await userBy(db, 'u.id', actor.userId as string);
    if (!user) throw errors.notFound('The account');
    return user;
  }

  return {
    fromSession,
    fromToken,
    signIn,
    completeSignIn,
    signOut,
    signOutEverywhere,
    listSessions,
    register,
    verifyEmail,
    linkIsValid,
    requestReset,
    resetPassword,
    pendingTotpSecret,
    confirmTotp,
    remainingRecoveryCodes,
    renewRecoveryCodes,
    invite,
    invitationByToken,
    acceptInvitation,
    statePeople,
    listUsers,
    recordRefusal,
    createToken,
    listTokens,
    revokeToken,
    removeRole,
    removeOfficial,
    dropRoles,
    afterRoleChange,
    revokeInvitation,
    resendInvitation,
    invitationById: invitationFor,
    displayName,
    me,
  };
}

export type IdentityService = ReturnType<typeof createIdentityService>;
