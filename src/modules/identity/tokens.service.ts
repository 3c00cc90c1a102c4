// Personal API tokens: made in a signed-in browser session, read-only or read-write, for at most
// TOKEN_MAX_DAYS; shown once and stored as a hash. A token never does more than its owner's session could.
import { type Actor, authorize } from '../../platform/access.ts';
import { AppError, errors, fieldProblem } from '../../platform/errors.ts';
import { newSecret, type Origin } from '../../platform/kernel.ts';
import { singleLineProblem } from '../../platform/text.ts';
import type { IdentityCore } from './identity.common.ts';
import { identityActions, TOKEN_MAX_DAYS } from './identity.policy.ts';
import { insertToken, revokeOwnToken, tokensOf } from './tokens.queries.ts';
import { sha256 } from './totp.ts';

export function createTokens(core: IdentityCore) {
  const { db, clock, audit } = core;

  async function createToken(
    actor: Actor,
    input: { name: string; scope: 'read' | 'write'; expiresInDays: number },
    origin: Origin,
  ) {
    authorize(actor, identityActions['account.write']);
    if (actor.via !== 'session')
      throw new AppError('FORBIDDEN', 403, 'Tokens are made in a signed-in browser session, not with another token.');
    const nameProblem = singleLineProblem(input.name);
    if (nameProblem) throw errors.badInput([fieldProblem('name', nameProblem.code, nameProblem.params)]);
    if (input.expiresInDays < 1 || input.expiresInDays > TOKEN_MAX_DAYS) {
      throw errors.badInput([fieldProblem('expiresInDays', 'number', { min: 1, max: TOKEN_MAX_DAYS })]);
    }
    // A token acts with the user's roles, so it may only be made once those roles are effective. A member's
    // token made without the second factor is marked so, and never carries roles granted later.
    if (!actor.mfa && actor.grants.some((g) => g.role !== 'member')) {
      throw new AppError('SECOND_FACTOR_REQUIRED', 403, 'Set up and use two-factor sign-in first.');
    }
    const token = newSecret('cn_');
    const now = clock();
    const expires = new Date(now.getTime() + input.expiresInDays * 86_400_000);
    const id = await db.transaction(async (tx) => {
      const tokenId = await insertToken(tx, {
        userId: actor.userId as string,
        name: input.name.trim(),
        hash: sha256(token),
        scope: input.scope,
        mfa: actor.mfa,
        at: now,
        expiresAt: expires,
      });
      await audit(tx, `user:${actor.userId}`, origin, 'token.create', 'api_token', tokenId, {
        scope: input.scope,
        mfa: actor.mfa,
        expires: expires.toISOString(),
      });
      return tokenId;
    });
    return { id, token, name: input.name.trim(), scope: input.scope, expiresAt: expires };
  }

  async function listTokens(actor: Actor) {
    authorize(actor, identityActions['account.read']);
    return tokensOf(db, actor.userId as string);
  }

  async function revokeToken(actor: Actor, id: string, origin: Origin) {
    authorize(actor, identityActions['account.write']);
    await db.transaction(async (tx) => {
      // Only the owner's own tokens: someone else's id is simply not found.
      if (!(await revokeOwnToken(tx, id, actor.userId as string, clock()))) throw errors.notFound('The token');
      await audit(tx, `user:${actor.userId}`, origin, 'token.revoke', 'api_token', id);
    });
    core.afterAccessChange(actor.userId as string);
  }

  return { createToken, listTokens, revokeToken };
}
