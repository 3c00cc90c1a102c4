// Who may do what with accounts, a State's people, invitations and roles; and the fixed lifetimes of the
// module's links. The rules are checked by the services (platform/access.ts decides).
import { type Actor, authorize, defineRules, isStateRole, type Role, scopeOf } from '../../platform/access.ts';
import { AppError, errors, fieldProblem } from '../../platform/errors.ts';

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

/** Who the focal point may invite; the administrator may invite any role. */
export const FOCAL_POINT_INVITES: Role[] = ['poc_diplomatic', 'poc_technical', 'rapporteur'];

/** How long an invitation, an address verification link and a password reset link stay valid. */
export const INVITATION_DAYS = 7;
export const VERIFY_HOURS = 24;
export const RESET_MINUTES = 60;
/** The longest life of a personal API token. */
export const TOKEN_MAX_DAYS = 366;

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The second factor and its recovery codes are managed in a browser session only: a token (which a script
 * holds, and which may have been made without the factor) must never mint a session that carries it.
 */
export function sessionOnly(actor: Actor) {
  if (actor.via !== 'session')
    throw new AppError('FORBIDDEN', 403, 'Two-factor sign-in is set up in a signed-in browser session, not with a token.');
}

/** May the actor remove this role? Focal points remove their State's POCs and rapporteurs; administrators any role. */
export function authorizeRoleRemoval(actor: Actor, role: Role, state: string | null) {
  if (role === 'member') throw errors.badInput([fieldProblem('role', 'memberStays')]);
  if (!isStateRole(role)) return authorize(actor, identityActions['users.manage']);
  if (!state) throw errors.badInput([fieldProblem('state', 'stateNeeded')]);
  authorize(actor, identityActions['state.people.manage'], { state });
  if (!scopeOf(actor, identityActions['users.manage']).all && !FOCAL_POINT_INVITES.includes(role))
    throw new AppError('FORBIDDEN', 403, `Only an administrator can remove: ${role}.`);
}
