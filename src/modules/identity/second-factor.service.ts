// Two-factor sign-in: enrolling a TOTP app, and the ten recovery codes shown once (stored as hashes).
// Managed in a browser session only (sessionOnly in identity.policy.ts).
import { type Actor, authorize } from '../../platform/access.ts';
import { AppError, errors, fieldProblem } from '../../platform/errors.ts';
import type { Origin } from '../../platform/kernel.ts';
import type { IdentityCore } from './identity.common.ts';
import { identityActions, sessionOnly } from './identity.policy.ts';
import { enableTotp, replaceRecoveryCodes, setPendingTotpSecret, unusedRecoveryCodes } from './second-factor.queries.ts';
import { deleteUserSessions } from './sessions.queries.ts';
import { byAccount } from './throttle.ts';
import { newRecoveryCodes, newTotpSecret, sha256 } from './totp.ts';
import { userById } from './users.queries.ts';

export function createSecondFactor(core: IdentityCore) {
  const { db, clock, audit, throttle } = core;

  /** The secret being enrolled: kept on the user, not active until a code confirms it. */
  async function pendingTotpSecret(actor: Actor): Promise<{ secret: string; enabled: boolean; email: string }> {
    authorize(actor, identityActions['account.read']);
    sessionOnly(actor);
    const user = await userById(db, actor.userId as string);
    if (!user) throw errors.notFound('The account');
    if (user.totp_enabled_at) return { secret: '', enabled: true, email: user.email };
    if (user.totp_secret) return { secret: user.totp_secret, enabled: false, email: user.email };
    const secret = newTotpSecret();
    await setPendingTotpSecret(db, user.id, secret);
    return { secret, enabled: false, email: user.email };
  }

  /** Confirms enrolment with a first code; returns the recovery codes, shown once, and the session to use. */
  async function confirmTotp(actor: Actor, code: string, origin: Origin): Promise<{ recoveryCodes: string[]; token: string }> {
    authorize(actor, identityActions['account.write']);
    sessionOnly(actor);
    const user = await userById(db, actor.userId as string);
    if (!user?.totp_secret || user.totp_enabled_at) throw new AppError('CONFLICT', 409, 'Two-factor sign-in is already set up.');
    const codes = newRecoveryCodes();
    const result = await db.transaction(async (tx) => {
      if ((await core.useSecondFactor(tx, user, code)) !== 'totp') return null;
      await enableTotp(tx, user.id, clock());
      await replaceRecoveryCodes(tx, user.id, codes.map(sha256));
      // Other sessions were opened without the factor: end them, and give this one a new id that carries it.
      await deleteUserSessions(tx, user.id);
      const token = await core.createSession(tx, user.id, origin, true);
      await audit(tx, `user:${user.id}`, origin, 'auth.totp_enrolled', 'user', user.id);
      return token;
    });
    if (!result) throw errors.badInput([fieldProblem('code', 'badCode')]);
    return { recoveryCodes: codes, token: result };
  }

  /** Ten new recovery codes in place of the old ones, for a signed-in user who gives a current TOTP code. */
  async function renewRecoveryCodes(actor: Actor, code: string, origin: Origin): Promise<string[]> {
    authorize(actor, identityActions['account.write']);
    sessionOnly(actor);
    const user = await userById(db, actor.userId as string);
    if (!user?.totp_enabled_at) throw new AppError('CONFLICT', 409, 'Set up two-factor sign-in first.');
    // The same count as the code step of sign-in: a stolen session must not be able to guess codes either.
    const keys = [byAccount('code', user.id)];
    await throttle.reserve(keys);
    const codes = newRecoveryCodes();
    const ok = await db.transaction(async (tx) => {
      // Only a code from the app: a recovery code cannot be traded for ten new ones.
      if (!/^\d{6}$/.test(code.trim()) || (await core.useSecondFactor(tx, user, code)) !== 'totp') return false;
      await throttle.forgive(tx, keys);
      await replaceRecoveryCodes(tx, user.id, codes.map(sha256));
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
    return unusedRecoveryCodes(db, actor.userId as string);
  }

  return { pendingTotpSecret, confirmTotp, renewRecoveryCodes, remainingRecoveryCodes };
}
