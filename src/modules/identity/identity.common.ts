// What the parts of the identity service share: their dependencies, the audit entry every change writes,
// the throttle, and the steps several operations take (opening a session, checking a second-factor code,
// ending an account's tokens, mailing an e-mail link).
import type { Db, Queryable } from '../../db/client.ts';
import type { Actor } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { translator } from '../../platform/i18n/i18n.ts';
import type { Locale } from '../../platform/i18n/locales.ts';
import { type Clock, newSecret, type Origin } from '../../platform/kernel.ts';
import { mailDate, queueMail } from '../../platform/mail.ts';
import { RESET_MINUTES, VERIFY_HOURS } from './identity.policy.ts';
import { insertLink, type LinkPurpose } from './links.queries.ts';
import { claimTotpStep, useRecoveryCode } from './second-factor.queries.ts';
import { insertSession } from './sessions.queries.ts';
import { createThrottle } from './throttle.ts';
import { endLiveTokens } from './tokens.queries.ts';
import { normaliseRecoveryCode, sha256, totpStep } from './totp.ts';
import type { UserRow } from './users.queries.ts';

export interface SessionPolicy {
  idleMinutes: number;
  maxHours: number;
}

export interface IdentityDeps {
  db: Db;
  clock: Clock;
  sessions: SessionPolicy;
  publicUrl: string;
  flushMail: () => void;
  /** Told when a user's access changed (roles removed, signed out, tokens ended), so live streams re-check. */
  onAccessChange?: (userId: string) => void;
}

/** The shared core the sessions, accounts, second-factor, invitation, role and token parts are built on. */
export function createCore(deps: IdentityDeps) {
  const { clock } = deps;

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

  /** The actor an account acts as, through a session or a token. */
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

  // Every attempt is counted before the check it guards, atomically (throttle.ts): parallel requests are
  // limited exactly as the same requests one after the other.
  const throttle = createThrottle({ db: deps.db, clock });

  /** Opens a session; returns the cookie's token (only its hash is stored). */
  async function createSession(tx: Queryable, userId: string, origin: Origin, mfa: boolean): Promise<string> {
    const token = newSecret();
    const now = clock();
    await insertSession(tx, {
      id: sha256(token),
      userId,
      csrfToken: newSecret(),
      mfaAt: mfa ? now : null,
      at: now,
      expiresAt: new Date(now.getTime() + deps.sessions.maxHours * 3600_000),
      ip: origin.ip,
      userAgent: origin.userAgent.slice(0, 300),
    });
    return token;
  }

  /** Checks a TOTP code or a recovery code for a user; a code already used is refused. */
  async function useSecondFactor(tx: Queryable, user: UserRow, code: string): Promise<'totp' | 'recovery' | null> {
    const trimmed = code.replace(/\s+/g, '');
    if (/^\d{6}$/.test(trimmed) && user.totp_secret) {
      const step = totpStep(user.totp_secret, trimmed, clock());
      if (step === null) return null;
      // Atomic: of two requests with the same code, one wins.
      return (await claimTotpStep(tx, user.id, step)) ? 'totp' : null;
    }
    return (await useRecoveryCode(tx, user.id, sha256(normaliseRecoveryCode(trimmed)), clock())) ? 'recovery' : null;
  }

  /** Revokes every live token of the user; returns how many. */
  function endTokens(tx: Queryable, userId: string): Promise<number> {
    return endLiveTokens(tx, userId, clock());
  }

  /** Mails a one-use link, in the account's language: to confirm the address, or to choose a new password. */
  async function sendLink(
    tx: Queryable,
    user: { id: string; email: string; display_name: string; language: Locale },
    purpose: LinkPurpose,
    origin: Origin,
  ) {
    const token = newSecret();
    const now = clock();
    const ttl = purpose === 'verify' ? VERIFY_HOURS * 3600_000 : RESET_MINUTES * 60_000;
    const expiresAt = new Date(now.getTime() + ttl);
    await insertLink(tx, { hash: sha256(token), purpose, userId: user.id, at: now, expiresAt });
    const t = translator(user.language);
    const vars = {
      name: user.display_name,
      url: `${deps.publicUrl}/${purpose === 'verify' ? 'verify' : 'password/reset'}/${token}`,
      until: mailDate(t.locale, expiresAt),
    };
    await queueMail(
      tx,
      purpose === 'verify'
        ? { to: user.email, subject: t('mail.verify.subject'), text: t('mail.verify.body', vars) }
        : { to: user.email, subject: t('mail.reset.subject'), text: t('mail.reset.body', vars) },
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

  /** Tells live streams and caches that the user's access changed; call after the transaction commits. */
  function afterAccessChange(userId: string) {
    deps.onAccessChange?.(userId);
  }

  return { ...deps, audit, actorFor, throttle, createSession, useSecondFactor, endTokens, sendLink, afterAccessChange };
}

export type IdentityCore = ReturnType<typeof createCore>;
