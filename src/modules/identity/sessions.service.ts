// Signing in and out: the actor behind a session cookie or an API token, the two steps of sign-in (the
// password, then the second factor), and ending sessions. Session ids and tokens are stored only as hashes.
import { type Actor, ANONYMOUS, authorize } from '../../platform/access.ts';
import { AppError, errors } from '../../platform/errors.ts';
import { emailKey, type Origin } from '../../platform/kernel.ts';
import type { IdentityCore } from './identity.common.ts';
import { identityActions } from './identity.policy.ts';
import { spendVerifyTime, verifyPassword } from './passwords.ts';
import { deleteSession, deleteUserSessions, liveSession, sessionsOf, touchSession } from './sessions.queries.ts';
import { byAccount, byAddress } from './throttle.ts';
import { liveToken, touchToken } from './tokens.queries.ts';
import { sha256 } from './totp.ts';
import { type UserRow, userByEmailKey, userById } from './users.queries.ts';

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

export function createSessions(core: IdentityCore) {
  const { db, clock, audit, throttle } = core;

  /** The actor behind a session cookie; an expired or unknown one is simply signed out. */
  async function fromSession(token: string, opts: { touch?: boolean } = {}): Promise<SessionInfo> {
    const none: SessionInfo = { actor: ANONYMOUS, pending: null, csrfToken: null, user: null };
    if (!token || token.length > 100) return none;
    const id = sha256(token);
    const now = clock();
    const row = await liveSession(db, id, now, core.sessions.idleMinutes);
    if (!row) return none;
    // Idle expiry counts from the last request; the row is touched at most once a minute.
    // A re-check by an open event stream (touch: false) does not count as activity.
    if (opts.touch !== false && now.getTime() - new Date(row.last_seen_at).getTime() > 60_000) {
      await touchSession(db, id, now);
    }
    if (row.totp_enabled_at && !row.mfa_at) {
      return { actor: ANONYMOUS, pending: { sessionId: id, userId: row.id }, csrfToken: row.csrf_token, user: row };
    }
    return {
      actor: core.actorFor(row, Boolean(row.mfa_at), 'session', { sessionId: id }),
      pending: null,
      csrfToken: row.csrf_token,
      user: row,
    };
  }

  /** The actor behind `Authorization: Bearer <token>`; a wrong, expired or revoked token is refused. */
  async function fromToken(token: string): Promise<Actor> {
    const now = clock();
    const row = await liveToken(db, sha256(token), now);
    if (!row) throw new AppError('BAD_TOKEN', 401, 'The API token is wrong, expired or revoked.');
    if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() > 60_000) {
      await touchToken(db, row.token_id, now);
    }
    // Never more than its owner's session could do now: roles that need the second factor count only if the
    // token was made in a session that gave it, and only while the owner still has two-factor sign-in set up.
    // A token made without it never gains those roles silently, even once the owner sets it up.
    return core.actorFor(row, row.carries_mfa, 'token', { tokenId: row.token_id, scope: row.scope });
  }

  async function signIn(input: { email: string; password: string }, origin: Origin): Promise<SignInResult> {
    const key = emailKey(input.email);
    const keys = [byAddress('sign-in', origin.ip), byAccount('sign-in', key)];
    // Counted as a failure now, before the slow hash; forgiven below if the password is right.
    await throttle.reserve(keys);
    const user = await userByEmailKey(db, key);
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
        await core.sendLink(tx, user, 'verify', origin);
      });
      return { kind: 'unverified' };
    }
    return db.transaction(async (tx) => {
      await throttle.forgive(tx, keys);
      const token = await core.createSession(tx, user.id, origin, false);
      await audit(tx, `user:${user.id}`, origin, 'auth.sign_in', 'user', user.id, {
        stage: user.totp_enabled_at ? 'password' : 'complete',
      });
      if (user.totp_enabled_at) return { kind: 'code-needed', token } as const;
      return { kind: 'signed-in', token, needsEnrolment: user.grants.some((g) => g.role !== 'member') } as const;
    });
  }

  /** The second step of sign-in; on success the session is replaced by a new one that carries the factor. */
  async function completeSignIn(pending: { sessionId: string; userId: string }, code: string, origin: Origin): Promise<string> {
    const keys = [byAccount('code', pending.userId)];
    await throttle.reserve(keys);
    const user = await userById(db, pending.userId);
    if (!user) throw new AppError('UNAUTHENTICATED', 401, 'Sign in first.');
    const result = await db.transaction(async (tx) => {
      const kind = await core.useSecondFactor(tx, user, code);
      if (!kind) return null;
      await deleteSession(tx, pending.sessionId);
      await throttle.forgive(tx, keys);
      const token = await core.createSession(tx, user.id, origin, true);
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
      await deleteSession(tx, sessionId);
      await audit(tx, actor, origin, 'auth.sign_out', 'session', null);
    });
    if (actor.startsWith('user:')) core.afterAccessChange(actor.slice(5));
  }

  async function signOutEverywhere(actor: Actor, origin: Origin) {
    authorize(actor, identityActions['account.write']);
    await db.transaction(async (tx) => {
      const sessions = await deleteUserSessions(tx, actor.userId as string);
      const tokens = await core.endTokens(tx, actor.userId as string);
      await audit(tx, `user:${actor.userId}`, origin, 'auth.sign_out_everywhere', 'user', actor.userId, { sessions, tokens });
    });
    core.afterAccessChange(actor.userId as string);
  }

  async function listSessions(actor: Actor) {
    authorize(actor, identityActions['account.read']);
    return sessionsOf(db, actor.userId as string, clock());
  }

  /** Records a refusal that matters: a signed-in user denied something (another State's data, a write with a read-only token). */
  async function recordRefusal(actor: Actor, origin: Origin, code: string, route: string) {
    await db.transaction((tx) =>
      audit(tx, `user:${actor.userId}`, origin, 'access.denied', 'route', route.slice(0, 300), { code, via: actor.via }),
    );
  }

  /** The signed-in account, with its roles. */
  async function me(actor: Actor) {
    authorize(actor, identityActions['account.read']);
    const user = await userById(db, actor.userId as string);
    if (!user) throw errors.notFound('The account');
    return user;
  }

  return { fromSession, fromToken, signIn, completeSignIn, signOut, signOutEverywhere, listSessions, recordRefusal, me };
}
