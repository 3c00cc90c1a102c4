// Accounts, sessions, two-factor sign-in, invitations, e-mail links and API tokens. Every change is made
// in one transaction with its audit entry; secrets (session ids, links, tokens, recovery codes) are stored
// only as SHA-256 hashes, passwords only as argon2id hashes.
// The service is composed of parts, each a file: signing in and out (sessions.service.ts), registration and
// e-mail links (accounts.service.ts), the second factor (second-factor.service.ts), invitations
// (invitations.service.ts), who holds which role (roles.service.ts) and API tokens (tokens.service.ts).
// What they share is in identity.common.ts, who may do what in identity.policy.ts, their SQL in *.queries.ts.
import { createAccounts } from './accounts.service.ts';
import { createCore, type IdentityDeps } from './identity.common.ts';
import { createInvitations } from './invitations.service.ts';
import { createRoles } from './roles.service.ts';
import { createSecondFactor } from './second-factor.service.ts';
import { createSessions } from './sessions.service.ts';
import { createTokens } from './tokens.service.ts';

export type { IdentityDeps, SessionPolicy } from './identity.common.ts';
export { FOCAL_POINT_INVITES, identityActions } from './identity.policy.ts';
export type { SessionInfo, SignInResult } from './sessions.service.ts';
// Throttling lives in throttle.ts; these stay importable from here.
export { ThrottledError, throttleDelayMs } from './throttle.ts';

/** The identity service: one object with every operation, built from its parts. */
export function createIdentityService(deps: IdentityDeps) {
  const core = createCore(deps);
  return {
    ...createSessions(core),
    ...createAccounts(core),
    ...createSecondFactor(core),
    ...createInvitations(core),
    ...createRoles(core),
    ...createTokens(core),
  };
}

export type IdentityService = ReturnType<typeof createIdentityService>;
