// Who holds which role: a State's officials, every account for the administrator, and taking roles back
// (one role, or a person from a State). A removal is effective on the person's very next request.
import type { Queryable } from '../../db/client.ts';
import { type Actor, authorize, isStateRole, type Role, scopeOf, scopeParam } from '../../platform/access.ts';
import { AppError, errors } from '../../platform/errors.ts';
import type { Origin } from '../../platform/kernel.ts';
import type { IdentityCore } from './identity.common.ts';
import { authorizeRoleRemoval, identityActions, UUID } from './identity.policy.ts';
import { revokeInvitationsForRole, revokeStateInvitations, stateInvitations } from './invitations.queries.ts';
import {
  deleteRole,
  lockAdministrators,
  lockFocalPoints,
  otherAdministrators,
  rolesForState,
  stateRoleCount,
} from './roles.queries.ts';
import { emailKeyOf, listAccounts, setUserState, stateOfficials } from './users.queries.ts';

type Held = { role: Role; state: string | null };

export function createRoles(core: IdentityCore) {
  const { db, clock, audit } = core;

  /** The officials of a State and its open invitations: contact details, so every read is audited. */
  async function statePeople(actor: Actor, state: string, origin: Origin) {
    authorize(actor, identityActions['state.people.read'], { state });
    return db.transaction(async (tx) => {
      const people = await stateOfficials(tx, state);
      // Open invitations, and those expired in the last 30 days, which can be re-sent.
      const invitations = await stateInvitations(tx, state, clock());
      await audit(tx, `user:${actor.userId}`, origin, 'state.people.read', 'state', state, { people: people.length });
      return { people, invitations };
    });
  }

  /**
   * Every account with its roles, for the administrator; filtered by the same rule as a single read. Each
   * view is audited (it shows e-mail addresses): one entry, with how many accounts it listed.
   */
  async function listUsers(actor: Actor, origin: Origin) {
    authorize(actor, identityActions['users.read']);
    const states = scopeParam(scopeOf(actor, identityActions['users.read']));
    return db.transaction(async (tx) => {
      const users = await listAccounts(tx, states);
      await audit(tx, `user:${actor.userId}`, origin, 'users.read', 'user', null, { users: users.length });
      return users;
    });
  }

  /**
   * Removes roles of a user inside the caller's transaction (also used when a directory entry is removed):
   * the roles go, open invitations for them are revoked, an account left with no State role no longer belongs
   * to the State, and each removal is audited. Returns the roles removed. Refuses to remove the last
   * administrator. Callers tell `onAccessChange` after commit (see `afterRoleChange`).
   */
  async function dropRoles(
    tx: Queryable,
    by: { actor: string; origin: Origin | string; reason: string },
    userId: string,
    roles: Held[],
  ): Promise<Held[]> {
    const removed: Held[] = [];
    for (const { role, state } of roles) {
      if (role === 'administrator') {
        // Serialises removals of administrators, so two cannot remove each other at once.
        await lockAdministrators(tx);
        if ((await otherAdministrators(tx, userId)) === 0)
          throw new AppError('LAST_ADMINISTRATOR', 409, 'The last administrator cannot be removed.');
      }
      if (!(await deleteRole(tx, userId, role, state))) continue;
      removed.push({ role, state });
      await audit(tx, by.actor, by.origin, 'user.role_remove', 'user', userId, { role, state, reason: by.reason });
    }
    if (!removed.length) return removed;
    if ((await stateRoleCount(tx, userId)) === 0) await setUserState(tx, userId, null);
    // Open invitations that would give a removed role back are revoked with it.
    const key = await emailKeyOf(tx, userId);
    for (const r of removed) {
      const revoked = await revokeInvitationsForRole(tx, { emailKey: key, state: r.state, role: r.role, at: clock() });
      for (const id of revoked)
        await audit(tx, by.actor, by.origin, 'invitation.revoke', 'invitation', id, { reason: by.reason });
    }
    return removed;
  }

  /**
   * Inside the removal's transaction: the remover still holds the role that lets them remove, once the rows
   * that grant it are locked (administrators, or the State's focal points, in one order). Of two
   * administrators removing each other at once, the second is refused when the first has committed.
   */
  async function stillEntitled(tx: Queryable, actor: Actor, state: string | null) {
    if ((await lockAdministrators(tx)).includes(actor.userId as string)) return;
    if (state && (await lockFocalPoints(tx, state)).includes(actor.userId as string)) return;
    throw new AppError('FORBIDDEN', 403, 'Your roles do not allow this.');
  }

  /** Removes one role of one user; effective on that user's very next request, token use or stream event. */
  async function removeRole(actor: Actor, input: { userId: string; role: Role; state: string | null }, origin: Origin) {
    if (!UUID.test(input.userId)) throw errors.notFound('The role');
    authorizeRoleRemoval(actor, input.role, input.state);
    const removed = await db.transaction(async (tx) => {
      await stillEntitled(tx, actor, isStateRole(input.role) ? input.state : null);
      return dropRoles(tx, { actor: `user:${actor.userId}`, origin, reason: 'removed' }, input.userId, [
        { role: input.role, state: isStateRole(input.role) ? input.state : null },
      ]);
    });
    if (!removed.length) throw errors.notFound('The role');
    core.afterAccessChange(input.userId);
    return { removed };
  }

  /** Removes a person from a State: every role they hold for it. A focal point's own role needs an administrator. */
  async function removeOfficial(actor: Actor, state: string, userId: string, origin: Origin) {
    authorize(actor, identityActions['state.people.manage'], { state });
    if (!UUID.test(userId)) throw errors.notFound('The official');
    const held = await rolesForState(db, userId, state);
    if (!held.length) throw errors.notFound('The official');
    for (const role of held) authorizeRoleRemoval(actor, role, state);
    const removed = await db.transaction(async (tx) => {
      await stillEntitled(tx, actor, state);
      const gone = await dropRoles(
        tx,
        { actor: `user:${actor.userId}`, origin, reason: 'official removed' },
        userId,
        held.map((role) => ({ role, state })),
      );
      // Any other open invitation to this State would bring the person back: it goes too.
      const key = await emailKeyOf(tx, userId);
      const revoked = await revokeStateInvitations(tx, { emailKey: key, state, at: clock(), by: actor.userId as string });
      for (const id of revoked)
        await audit(tx, `user:${actor.userId}`, origin, 'invitation.revoke', 'invitation', id, { reason: 'official removed' });
      return gone;
    });
    core.afterAccessChange(userId);
    return { removed };
  }

  return { statePeople, listUsers, dropRoles, removeRole, removeOfficial, afterRoleChange: core.afterAccessChange };
}
