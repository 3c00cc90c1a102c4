// The identity module's public face: what app.ts, cli.ts, seed.ts and other modules may use. Everything
// else in this folder (accounts, sessions, second factor, invitations, tokens) is its own business.
export {
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  type DemoAccount,
  deleteDemoAccounts,
  demoAccountCount,
  demoUserIds,
  seedDemoAccounts,
} from './demo.seed.ts';
export type { SessionPolicy } from './identity.common.ts';
export { identityPages } from './identity.pages.tsx';
export { FOCAL_POINT_INVITES, identityActions } from './identity.policy.ts';
export { identityRoutes } from './identity.routes.ts';
export { createIdentityService, type IdentityService } from './identity.service.ts';
export { grantRole } from './roles.queries.ts';
export type { SessionInfo, SignInResult } from './sessions.service.ts';
export { ThrottledError, throttleDelayMs } from './throttle.ts';
export { sha256, totpCode } from './totp.ts';
