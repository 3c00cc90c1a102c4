// Accounts: self-registration of a member, confirming the address, choosing a new password by a link, and
// the language the platform writes to the person in. None of the answers tells whether an address has an account.
import { type Actor, authorize } from '../../platform/access.ts';
import { AppError, errors, fieldProblem } from '../../platform/errors.ts';
import { type Translate, translator } from '../../platform/i18n/i18n.ts';
import { isLocale, LOCALES } from '../../platform/i18n/locales.ts';
import { emailKey, type Origin } from '../../platform/kernel.ts';
import { queueMail } from '../../platform/mail.ts';
import { singleLineProblem } from '../../platform/text.ts';
import type { IdentityCore } from './identity.common.ts';
import { identityActions, UUID } from './identity.policy.ts';
import { consumeLink, type LinkPurpose, linkOwner } from './links.queries.ts';
import { hashPassword, passwordProblem } from './passwords.ts';
import { grantRole } from './roles.queries.ts';
import { deleteUserSessions } from './sessions.queries.ts';
import { byAccount, byAddress } from './throttle.ts';
import { sha256 } from './totp.ts';
import {
  changedLanguage,
  displayNameOf,
  insertUser,
  markEmailVerified,
  setPassword,
  userByEmailKey,
  userById,
} from './users.queries.ts';

export function createAccounts(core: IdentityCore) {
  const { db, clock, audit, throttle } = core;

  /**
   * Self-registration of a member, whose account takes the language of the request (`t`). The answer is the
   * same whether or not the address has an account.
   */
  async function register(input: { email: string; displayName: string; password: string }, origin: Origin, t: Translate) {
    const nameProblem = singleLineProblem(input.displayName);
    if (nameProblem) throw errors.badInput([fieldProblem('displayName', nameProblem.code, nameProblem.params)]);
    const problem = await passwordProblem(input.password, input.email);
    if (problem) throw errors.badInput([fieldProblem('password', problem.code, problem.params)]);
    // Every registration counts towards the per-address limit, counted before the slow hash.
    await throttle.reserve([byAddress('register', origin.ip)]);
    const key = emailKey(input.email);
    const passwordHash = await hashPassword(input.password);
    await db.transaction(async (tx) => {
      const existing = await userByEmailKey(tx, key);
      if (existing) {
        // Written to the account's owner, in their language, not the language of whoever tried.
        const own = translator(existing.language);
        await queueMail(
          tx,
          {
            to: existing.email,
            subject: own('mail.exists.subject'),
            text: own('mail.exists.body', { name: existing.display_name, url: `${core.publicUrl}/password/forgot` }),
          },
          clock(),
        );
        await audit(tx, 'anonymous', origin, 'auth.register_existing', 'user', existing.id);
        return;
      }
      const user = await insertUser(tx, {
        email: input.email.trim(),
        emailKey: key,
        displayName: input.displayName.trim(),
        passwordHash,
        state: null,
        at: clock(),
        verifiedAt: null,
        language: t.locale,
      });
      await grantRole(tx, { userId: user.id, role: 'member', state: null, grantedBy: 'self' });
      await audit(tx, `user:${user.id}`, origin, 'user.register', 'user', user.id);
      await core.sendLink(tx, user, 'verify', origin);
    });
    core.flushMail();
  }

  /** Whether an e-mail link can still be used (the page asks before showing its form). */
  async function linkIsValid(token: string, purpose: LinkPurpose): Promise<boolean> {
    return (await linkOwner(db, sha256(token), purpose, clock())) !== null;
  }

  async function verifyEmail(token: string, origin: Origin): Promise<boolean> {
    return db.transaction(async (tx) => {
      const userId = await consumeLink(tx, sha256(token), 'verify', clock());
      if (!userId) return false;
      await markEmailVerified(tx, userId, clock());
      await audit(tx, `user:${userId}`, origin, 'auth.email_verified', 'user', userId);
      return true;
    });
  }

  /** Sends a reset link (in the account's language) if the address has an account; says nothing either way. */
  async function requestReset(email: string, origin: Origin) {
    const key = emailKey(email);
    // Every request counts: a reset link is not a thing to ask for often.
    await throttle.reserve([byAddress('reset', origin.ip), byAccount('reset', key)]);
    await db.transaction(async (tx) => {
      const user = await userByEmailKey(tx, key);
      if (user) await core.sendLink(tx, user, 'reset', origin);
      else await audit(tx, 'anonymous', origin, 'auth.reset_unknown', 'user', null, { email: key.slice(0, 200) });
    });
    core.flushMail();
  }

  /** Sets a new password from a reset link, and signs the account out everywhere. */
  async function resetPassword(token: string, password: string, origin: Origin): Promise<void> {
    const userId = await linkOwner(db, sha256(token), 'reset', clock());
    // Counted before the slow hash: a wrong link from an address, and each use of a link, are attempts.
    const keys = [byAddress('reset-link', origin.ip), ...(userId ? [byAccount('reset-link', userId)] : [])];
    await throttle.reserve(keys);
    if (!userId) throw new AppError('LINK_INVALID', 410, 'This link is wrong, expired or already used.');
    const user = await userById(db, userId);
    const problem = await passwordProblem(password, user?.email);
    if (problem) {
      await throttle.release(keys); // not an attempt: the password was never hashed
      throw errors.badInput([fieldProblem('password', problem.code, problem.params)]);
    }
    const passwordHash = await hashPassword(password);
    await db.transaction(async (tx) => {
      const consumed = await consumeLink(tx, sha256(token), 'reset', clock());
      if (consumed !== userId) throw new AppError('LINK_INVALID', 410, 'This link is wrong, expired or already used.');
      await throttle.forgive(tx, keys);
      await setPassword(tx, userId, passwordHash, clock());
      await deleteUserSessions(tx, userId);
      // Whoever knew the old password may have made tokens with it: they end too.
      const tokens = await core.endTokens(tx, userId);
      await audit(tx, `user:${userId}`, origin, 'auth.password_reset', 'user', userId, { tokens });
    });
    core.afterAccessChange(userId);
  }

  /** A user's display name, for messages about them; null if there is no such user. */
  async function displayName(userId: string): Promise<string | null> {
    if (!UUID.test(userId)) return null;
    return displayNameOf(db, userId);
  }

  /**
   * Changes one's account settings: the language the platform writes to one in (one of the six). Audited
   * when it changes; a setting left out stays as it is.
   */
  async function updateAccount(actor: Actor, changes: { language?: unknown }, origin: Origin): Promise<void> {
    authorize(actor, identityActions['account.write']);
    const { language } = changes;
    if (language === undefined) return;
    if (!isLocale(language)) throw errors.badInput([fieldProblem('language', 'choice', { options: LOCALES.join(', ') })]);
    const userId = actor.userId as string;
    await db.transaction(async (tx) => {
      const before = await changedLanguage(tx, userId, language);
      if (before === null) throw errors.notFound('The account');
      if (before !== language)
        await audit(tx, `user:${userId}`, origin, 'user.language', 'user', userId, { from: before, to: language });
    });
  }

  return { register, verifyEmail, linkIsValid, requestReset, resetPassword, displayName, updateAccount };
}
