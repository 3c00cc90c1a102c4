// Accounts: self-registration of a member, confirming the address, and choosing a new password by a link.
// None of the answers tells whether an address has an account.
import { AppError, errors, fieldProblem } from '../../platform/errors.ts';
import type { Translate } from '../../platform/i18n/i18n.ts';
import { emailKey, type Origin } from '../../platform/kernel.ts';
import { queueMail } from '../../platform/mail.ts';
import { singleLineProblem } from '../../platform/text.ts';
import type { IdentityCore } from './identity.common.ts';
import { UUID } from './identity.policy.ts';
import { consumeLink, type LinkPurpose, linkOwner } from './links.queries.ts';
import { hashPassword, passwordProblem } from './passwords.ts';
import { grantRole } from './roles.queries.ts';
import { deleteUserSessions } from './sessions.queries.ts';
import { byAccount, byAddress } from './throttle.ts';
import { sha256 } from './totp.ts';
import { displayNameOf, insertUser, markEmailVerified, setPassword, userByEmailKey, userById } from './users.queries.ts';

export function createAccounts(core: IdentityCore) {
  const { db, clock, audit, throttle } = core;

  /** Self-registration of a member. The answer is the same whether or not the address has an account. */
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
        await queueMail(
          tx,
          {
            to: existing.email,
            subject: t('mail.exists.subject'),
            text: `Hello ${existing.display_name},\n\nSomeone tried to register on cybernorms with this address, which already has an account. If it was you, sign in or reset your password at ${core.publicUrl}/password/forgot.\n\nIf it was not you, ignore this mail.`,
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
      });
      await grantRole(tx, { userId: user.id, role: 'member', state: null, grantedBy: 'self' });
      await audit(tx, `user:${user.id}`, origin, 'user.register', 'user', user.id);
      await core.sendLink(tx, user, 'verify', origin, t);
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

  /** Sends a reset link if the address has an account; says nothing either way. */
  async function requestReset(email: string, origin: Origin, t: Translate) {
    const key = emailKey(email);
    // Every request counts: a reset link is not a thing to ask for often.
    await throttle.reserve([byAddress('reset', origin.ip), byAccount('reset', key)]);
    await db.transaction(async (tx) => {
      const user = await userByEmailKey(tx, key);
      if (user) await core.sendLink(tx, user, 'reset', origin, t);
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

  return { register, verifyEmail, linkIsValid, requestReset, resetPassword, displayName };
}
