// Invitations: a focal point invites their State's points of contact and rapporteurs, an administrator any
// role. The link is mailed, stored as a hash, valid for INVITATION_DAYS; accepting makes the account (or
// adds the roles to the signed-in one). Invitations not yet accepted can be revoked or re-sent.
// The mail is in the language the inviter chose (by default the inviter's own request's), or in the
// language of the invitee's account if the address already has one.
import { type Actor, authorize, decide, isStateRole, type Role, scopeOf } from '../../platform/access.ts';
import { AppError, errors, fieldProblem } from '../../platform/errors.ts';
import { type Translate, translator } from '../../platform/i18n/i18n.ts';
import { isLocale, LOCALES, type Locale } from '../../platform/i18n/locales.ts';
import { emailKey, newSecret, type Origin } from '../../platform/kernel.ts';
import { mailDate, queueMail } from '../../platform/mail.ts';
import { singleLineProblem } from '../../platform/text.ts';
import type { IdentityCore } from './identity.common.ts';
import { authorizeRoleRemoval, FOCAL_POINT_INVITES, INVITATION_DAYS, identityActions, UUID } from './identity.policy.ts';
import {
  claimInvitation,
  type InvitationRow,
  insertInvitation,
  invitationByHash,
  invitationById,
  openInvitationFor,
  revokeOpenInvitation,
  revokeReplacedInvitation,
  setAcceptedBy,
  setReplaces,
  stateExists,
  stateNamesOf,
} from './invitations.queries.ts';
import { hashPassword, passwordProblem } from './passwords.ts';
import { grantRole } from './roles.queries.ts';
import { sha256 } from './totp.ts';
import { insertUser, setUserState, userByEmailKey, userStateCode } from './users.queries.ts';

export function createInvitations(core: IdentityCore) {
  const { db, clock, audit } = core;

  /** Invites an address; `t` is the inviter's request, whose language the invitation has unless `language` says. */
  async function invite(
    actor: Actor,
    input: { email: string; state: string | null; roles: Role[]; language?: string },
    origin: Origin,
    t: Translate,
    /** The invitation this one replaces (a re-send): it does not count as already open. */
    replacing: string | null = null,
  ) {
    const roles = [...new Set(input.roles)];
    const stateRoles = roles.filter(isStateRole);
    const platformRoles = roles.filter((r) => !isStateRole(r) && r !== 'member');
    if (!roles.length) throw errors.badInput([fieldProblem('roles', 'noRole')]);
    if (stateRoles.length && !input.state) throw errors.badInput([fieldProblem('state', 'stateNeeded')]);
    if (!stateRoles.length && input.state) throw errors.badInput([fieldProblem('state', 'stateNotNeeded')]);
    if (input.state && !(await stateExists(db, input.state))) throw errors.badInput([fieldProblem('state', 'unknownState')]);
    if (input.language !== undefined && !isLocale(input.language))
      throw errors.badInput([fieldProblem('language', 'choice', { options: LOCALES.join(', ') })]);
    const language: Locale = isLocale(input.language) ? input.language : t.locale;
    if (platformRoles.length) authorize(actor, identityActions['platform.invite']);
    if (stateRoles.length) {
      authorize(actor, identityActions['state.people.invite'], { state: input.state });
      const isAdmin = scopeOf(actor, identityActions['platform.invite']).all;
      const notAllowed = stateRoles.filter((r) => !isAdmin && !FOCAL_POINT_INVITES.includes(r));
      if (notAllowed.length) throw new AppError('FORBIDDEN', 403, `Only an administrator can invite: ${notAllowed.join(', ')}.`);
    }
    const key = emailKey(input.email);
    const existing = await userByEmailKey(db, key);
    if (existing?.state_code && input.state && existing.state_code !== input.state) {
      throw errors.badInput([fieldProblem('email', 'otherState')]);
    }
    const now = clock();
    // One open invitation per address and State: a second would only confuse who was invited to what.
    const open = await openInvitationFor(db, key, input.state, now);
    if (open && open !== replacing) throw errors.badInput([fieldProblem('email', 'alreadyInvited')]);
    const token = newSecret();
    const expires = new Date(now.getTime() + INVITATION_DAYS * 86_400_000);
    const id = await db.transaction(async (tx) => {
      const invitationId = await insertInvitation(tx, {
        hash: sha256(token),
        email: input.email.trim(),
        state: input.state,
        roles,
        invitedBy: actor.userId as string,
        at: now,
        expiresAt: expires,
        language,
      });
      // Someone who already has an account reads it in the language they chose for themselves.
      const to = translator(existing?.language ?? language);
      const names = input.state ? await stateNamesOf(tx, input.state) : null;
      const vars = {
        inviter: actor.displayName ?? '',
        state: input.state ? (names?.[to.locale] ?? names?.en ?? input.state) : '',
        roles: new Intl.ListFormat(to.locale, { type: 'conjunction' }).format(roles.map((r) => to(`role.${r}`))),
        until: mailDate(to.locale, expires),
        // The page the link opens speaks the mail's language.
        url: `${core.publicUrl}/invitations/${token}?lang=${to.locale}`,
      };
      await queueMail(
        tx,
        {
          to: input.email.trim(),
          subject: to('mail.invite.subject'),
          text: to(input.state ? 'mail.invite.bodyState' : 'mail.invite.body', vars),
        },
        now,
      );
      await audit(tx, `user:${actor.userId}`, origin, 'invitation.create', 'invitation', invitationId, {
        email: key,
        state: input.state,
        roles,
        language,
      });
      return invitationId;
    });
    core.flushMail();
    return { id, expiresAt: expires };
  }

  /** An invitation by its link, or why it cannot be used. */
  async function invitationByToken(
    token: string,
  ): Promise<
    { ok: true; invitation: InvitationRow; hasAccount: boolean } | { ok: false; reason: 'unknown' | 'used' | 'expired' }
  > {
    const row = await invitationByHash(db, sha256(token));
    if (!row || row.revoked_at) return { ok: false, reason: 'unknown' };
    if (row.accepted_at) return { ok: false, reason: 'used' };
    if (new Date(row.expires_at).getTime() <= clock().getTime()) return { ok: false, reason: 'expired' };
    const hasAccount = Boolean(await userByEmailKey(db, emailKey(row.email)));
    return { ok: true, invitation: row, hasAccount };
  }

  /**
   * Accepts an invitation: a new account gets the password chosen here; an existing account must be the
   * one signed in. Returns a session token for the (new) account, which still owes its second factor.
   */
  async function acceptInvitation(
    token: string,
    input: { displayName?: string; password?: string },
    actor: Actor,
    origin: Origin,
    /** The language of the request that accepts: a new account's. */
    locale: Locale,
  ): Promise<{ token: string | null; userId: string; state: string | null }> {
    const found = await invitationByToken(token);
    if (!found.ok) throw new AppError('LINK_INVALID', 410, 'This invitation is wrong, expired or already used.');
    const inv = found.invitation;
    let passwordHash: string | null = null;
    if (!found.hasAccount) {
      const fields = [];
      const nameProblem = input.displayName?.trim() ? singleLineProblem(input.displayName) : null;
      if (!input.displayName?.trim()) fields.push(fieldProblem('displayName', 'required'));
      else if (nameProblem) fields.push(fieldProblem('displayName', nameProblem.code, nameProblem.params));
      const problem = await passwordProblem(input.password ?? '', inv.email);
      if (problem) fields.push(fieldProblem('password', problem.code, problem.params));
      if (fields.length) throw errors.badInput(fields);
      passwordHash = await hashPassword(input.password as string);
    } else if (actor.email === null || emailKey(actor.email) !== emailKey(inv.email)) {
      throw new AppError('UNAUTHENTICATED', 401, `Sign in as ${inv.email} to accept this invitation.`);
    }
    return db.transaction(async (tx) => {
      if (!(await claimInvitation(tx, inv.id, clock())))
        throw new AppError('LINK_INVALID', 410, 'This invitation is wrong, expired or already used.');
      let userId: string;
      let sessionToken: string | null = null;
      if (passwordHash) {
        const now = clock();
        const u = await insertUser(tx, {
          email: inv.email,
          emailKey: emailKey(inv.email),
          displayName: (input.displayName as string).trim(),
          passwordHash,
          state: inv.state_code,
          at: now,
          verifiedAt: now,
          language: locale,
        });
        userId = u.id;
        await grantRole(tx, { userId, role: 'member', state: null, grantedBy: 'invitation' });
        await audit(tx, `user:${userId}`, origin, 'user.register', 'user', userId, { via: 'invitation' });
        sessionToken = await core.createSession(tx, userId, origin, false);
      } else {
        userId = actor.userId as string;
        const current = await userStateCode(tx, userId);
        if (inv.state_code && current && current !== inv.state_code) {
          throw errors.badInput([fieldProblem('email', 'otherState')]);
        }
        if (inv.state_code) await setUserState(tx, userId, inv.state_code);
      }
      for (const role of inv.roles) {
        await grantRole(tx, {
          userId,
          role,
          state: isStateRole(role) ? inv.state_code : null,
          grantedBy: `invitation:${inv.id}`,
        });
      }
      await setAcceptedBy(tx, inv.id, userId);
      await audit(tx, `user:${userId}`, origin, 'invitation.accept', 'invitation', inv.id, {
        roles: inv.roles,
        state: inv.state_code,
      });
      return { token: sessionToken, userId, state: inv.state_code };
    });
  }

  /** An invitation the actor may manage (revoke, re-send); any other is not found. */
  async function invitationFor(actor: Actor, id: string) {
    // Who may manage invitations at all is decided before the row is read, so the answer for another
    // State's invitation is the same 404 as for one that does not exist.
    const manages = scopeOf(actor, identityActions['state.people.manage']);
    const readOnly = actor.via === 'token' && actor.scope !== 'write';
    if ((!manages.all && !manages.states.length) || readOnly) authorize(actor, identityActions['state.people.manage']);
    if (!UUID.test(id)) throw errors.notFound('The invitation');
    const inv = await invitationById(db, id);
    if (!inv) throw errors.notFound('The invitation');
    const allowed = inv.state_code
      ? decide(actor, identityActions['state.people.manage'], { state: inv.state_code }).ok
      : decide(actor, identityActions['users.manage']).ok;
    if (!allowed) throw errors.notFound('The invitation');
    for (const r of inv.roles) if (r !== 'member') authorizeRoleRemoval(actor, r, inv.state_code);
    return inv;
  }

  /** Revokes an invitation not yet accepted: its link stops working at once. */
  async function revokeInvitation(actor: Actor, id: string, origin: Origin) {
    const inv = await invitationFor(actor, id);
    if (inv.accepted_at) throw new AppError('CONFLICT', 409, 'This invitation was already accepted: remove the roles instead.');
    await db.transaction(async (tx) => {
      if (await revokeOpenInvitation(tx, id, clock(), actor.userId as string))
        await audit(tx, `user:${actor.userId}`, origin, 'invitation.revoke', 'invitation', id, { reason: 'revoked' });
    });
    return { revoked: true };
  }

  /** Sends a new link for an invitation not yet accepted (open, expired or revoked); the old link stops working. */
  async function resendInvitation(actor: Actor, id: string, origin: Origin, t: Translate) {
    const inv = await invitationFor(actor, id);
    if (inv.accepted_at) throw new AppError('CONFLICT', 409, 'This invitation was already accepted.');
    const fresh = await invite(
      actor,
      { email: inv.email, state: inv.state_code, roles: inv.roles, language: inv.language },
      origin,
      t,
      id,
    );
    await db.transaction(async (tx) => {
      await setReplaces(tx, fresh.id, id);
      if (await revokeReplacedInvitation(tx, id, clock(), actor.userId as string))
        await audit(tx, `user:${actor.userId}`, origin, 'invitation.revoke', 'invitation', id, {
          reason: 'resent',
          by: fresh.id,
        });
    });
    return fresh;
  }

  return { invite, invitationByToken, acceptInvitation, invitationById: invitationFor, revokeInvitation, resendInvitation };
}
