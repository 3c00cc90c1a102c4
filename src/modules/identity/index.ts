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
export { identityPages } from './identity.pages.tsx';
export { identityRoutes } from './identity.routes.ts';
export {
  createIdentityService,
  FOCAL_POINT_INVITES,
  type IdentityService,
  identityActions,
  type SessionInfo,
  type SessionPolicy,
  type SignInResult,
} from './identity.service.ts';
export { grantRole } from './roles.queries.ts';
export { ThrottledError, throttleDelayMs } from './throttle.ts';
export { sha256, totpCode } from './totp.ts';
