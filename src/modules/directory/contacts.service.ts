// Changing the directory: a State's focal point nominates, updates and removes its contacts (each a new
// version, effective at once or on a chosen date), sees what is pending and a contact's history. A
// nomination gives the POC role to the account with that address (or invites it); a removal takes it back,
// at once or by the `directory.entry_removed` job on the removal's date.

import { z } from 'zod';
import type { Db, Queryable } from '../../db/client.ts';
import { type Actor, authorize, type Role } from '../../platform/access.ts';
import { AppError, errors, type FieldProblem, fieldProblem } from '../../platform/errors.ts';
import type { Translate } from '../../platform/i18n/i18n.ts';
import { isLocale } from '../../platform/i18n/locales.ts';
import { defineJob } from '../../platform/jobs.ts';
import { type Clock, emailKey, type Origin } from '../../platform/kernel.ts';
import { grantRole } from '../identity/index.ts';
import { auditBy } from './browse.service.ts';
import { directoryActions } from './directory.policy.ts';
import {
  contactState,
  contactVersion,
  contactVersionsWithAuthors,
  insertContactVersion,
  insertedContactId,
  latestVersionForUpdate,
  lockStateContacts,
  memberOrganisations,
  otherLiveEntryExists,
  pendingVersions,
  roleHolder,
  userByEmailKey,
  type VersionRow,
} from './directory.queries.ts';
import { type ContactInput, FIELDS, type Network, parseEffective, validateContact } from './directory.validate.ts';

/**
 * What the directory needs of accounts (the identity service provides it): inviting a nominated contact,
 * and taking a POC role back inside the caller's transaction, then telling the account's sessions.
 */
export interface DirectoryIdentity {
  invite(
    actor: Actor,
    input: { email: string; state: string | null; roles: Role[]; language?: string },
    origin: Origin,
    t: Translate,
  ): Promise<unknown>;
  dropRoles(
    tx: Queryable,
    by: { actor: string; origin: Origin | string; reason: string },
    userId: string,
    roles: { role: Role; state: string | null }[],
  ): Promise<{ role: Role; state: string | null }[]>;
  afterRoleChange(userId: string): void;
}

/** The payload of a `directory.entry_removed` job: the removal's version and who made it. */
const entryRemovedPayload = z.object({ contactId: z.guid(), version: z.number().int().positive(), actor: z.string().min(1) });
type EntryRemovedPayload = z.infer<typeof entryRemovedPayload>;
/** Takes the POC role the entry gave, on the removal's date. */
const entryRemovedJob = defineJob('directory.entry_removed', entryRemovedPayload);

const inputOf = (v: VersionRow): ContactInput => ({
  kind: v.kind,
  name: v.name,
  position: v.position,
  institution: v.institution,
  email: v.email,
  phone: v.phone,
  languages: v.languages,
  timeZone: v.time_zone,
  allDay: v.all_day,
  hours: v.hours,
  networks: v.networks,
});

export function createContactsService(deps: { db: Db; clock: Clock; identity: DirectoryIdentity }) {
  const { db, clock } = deps;

  /** The State of a contact, or 404 for no such contact. */
  async function stateOf(contactId: string): Promise<string> {
    const state = await contactState(db, contactId);
    if (!state) throw errors.notFound('The contact');
    return state;
  }

  /** Future changes not yet in effect, for the State's focal point. */
  async function pendingChanges(actor: Actor, state: string) {
    authorize(actor, directoryActions['directory.write'], { state });
    return pendingVersions(db, state, clock());
  }

  async function checkNetworks(q: Queryable, state: string, networks: Network[]): Promise<FieldProblem[]> {
    const regional = networks.filter((n) => n !== 'GLOBAL');
    if (!regional.length) return [];
    const member = new Set(await memberOrganisations(q, state, regional));
    const not = regional.filter((n) => !member.has(n));
    return not.length ? [fieldProblem('networks', 'networks', { values: not.join(', ') })] : [];
  }

  /** The POC's account: a user of the State with that address gets the POC role; anyone else is invited. */
  async function linkOrInvite(actor: Actor, state: string, c: ContactInput, origin: Origin, t: Translate) {
    const role = c.kind === 'diplomatic' ? 'poc_diplomatic' : 'poc_technical';
    const user = await userByEmailKey(db, emailKey(c.email));
    if (user && user.state_code === state) {
      await db.transaction(async (tx) => {
        const added = await grantRole(tx, { userId: user.id, role, state, grantedBy: `nomination:user:${actor.userId}` });
        if (added)
          await auditBy(tx, clock, actor, origin, 'user.role_grant', 'user', user.id, { role, state, via: 'nomination' });
      });
      return 'linked' as const;
    }
    try {
      // The invitation is written in the contact's first working language that is a UN language.
      const language = c.languages.find((l) => isLocale(l));
      await deps.identity.invite(actor, { email: c.email, state, roles: [role], language }, origin, t);
    } catch (err) {
      // Already invited to this State (an earlier nomination): that invitation stands, no second one is made.
      const already = err instanceof AppError && err.fields.some((f) => f.field === 'email' && f.code === 'alreadyInvited');
      if (!already) throw err;
    }
    return 'invited' as const;
  }

  function insertVersion(
    tx: Queryable,
    contactId: string,
    version: number,
    at: Date,
    removed: boolean,
    c: ContactInput,
    actor: Actor,
    changes: Record<string, unknown>,
  ) {
    return insertContactVersion(tx, {
      contactId,
      version,
      effectiveFrom: at,
      removed,
      contact: c,
      changedBy: `user:${actor.userId}`,
      changedAt: clock(),
      changes,
    });
  }

  async function nominate(actor: Actor, state: string, input: unknown, effective: unknown, origin: Origin, t: Translate) {
    authorize(actor, directoryActions['directory.write'], { state });
    const checked = validateContact((input ?? {}) as Record<string, unknown>);
    const when = parseEffective(effective, clock());
    const problems = [...('problems' in checked ? checked.problems : []), ...('problem' in when ? [when.problem] : [])];
    if ('value' in checked) problems.push(...(await checkNetworks(db, state, checked.value.networks)));
    const other = 'value' in checked ? await userByEmailKey(db, emailKey(checked.value.email)) : null;
    if (other?.state_code && other.state_code !== state) problems.push(fieldProblem('email', 'otherState'));
    if (problems.length || !('value' in checked) || !('at' in when)) throw errors.badInput(problems);
    const c = checked.value;
    const id = await db.transaction(async (tx) => {
      const now = clock();
      const contactId = await insertedContactId(tx, state, now, `user:${actor.userId}`);
      const changes = Object.fromEntries(FIELDS.map((f) => [f, [null, c[f]]]));
      await insertVersion(tx, contactId, 1, when.at, false, c, actor, changes);
      await auditBy(tx, clock, actor, origin, 'contact.nominate', 'contact', contactId, {
        state,
        kind: c.kind,
        effective: when.at.toISOString(),
      });
      return contactId;
    });
    const account = await linkOrInvite(actor, state, c, origin, t);
    return { id, account, effectiveFrom: when.at };
  }

  async function update(actor: Actor, contactId: string, input: unknown, effective: unknown, origin: Origin, t: Translate) {
    const state = await stateOf(contactId);
    authorize(actor, directoryActions['directory.write'], { state });
    const checked = validateContact((input ?? {}) as Record<string, unknown>);
    const when = parseEffective(effective, clock());
    const problems = [...('problems' in checked ? checked.problems : []), ...('problem' in when ? [when.problem] : [])];
    if ('value' in checked) problems.push(...(await checkNetworks(db, state, checked.value.networks)));
    if (problems.length || !('value' in checked) || !('at' in when)) throw errors.badInput(problems);
    const next = checked.value;
    const result = await db.transaction(async (tx) => {
      const prev = await latestVersionForUpdate(tx, contactId);
      if (!prev || prev.removed) throw errors.notFound('The contact');
      const before = inputOf(prev);
      const changes = Object.fromEntries(
        FIELDS.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(next[f])).map((f) => [f, [before[f], next[f]]]),
      );
      if (!Object.keys(changes).length) return { changed: false, version: prev.version };
      await insertVersion(tx, contactId, prev.version + 1, when.at, false, next, actor, changes);
      await auditBy(tx, clock, actor, origin, 'contact.update', 'contact', contactId, {
        fields: Object.keys(changes),
        effective: when.at.toISOString(),
      });
      return { changed: true, version: prev.version + 1, emailChanged: 'email' in changes || 'kind' in changes };
    });
    if (result.changed && 'emailChanged' in result && result.emailChanged) await linkOrInvite(actor, state, next, origin, t);
    return { ...result, effectiveFrom: when.at };
  }

  /**
   * What removing a contact does to an account: the POC role its entry gave, held by the account with that
   * address, goes when the removal takes effect, unless another live entry of the State names the same
   * address for the same kind. Null when no account holds such a role.
   */
  async function roleEffect(
    q: Queryable,
    contactId: string,
    version?: VersionRow,
  ): Promise<{ userId: string; email: string; role: 'poc_diplomatic' | 'poc_technical'; state: string } | null> {
    const v = version ?? (await latestVersionForUpdate(q, contactId));
    if (!v) return null;
    const role = v.kind === 'diplomatic' ? 'poc_diplomatic' : 'poc_technical';
    const holder = await roleHolder(q, emailKey(v.email), role, v.state_code);
    if (!holder) return null;
    if (await otherLiveEntryExists(q, v.state_code, contactId, emailKey(v.email), v.kind)) return null;
    return { userId: holder.id, email: holder.email, role, state: v.state_code };
  }

  /** For the removal form: whose role the removal would take, so the focal point knows before confirming. */
  async function removalEffect(actor: Actor, contactId: string) {
    const state = await stateOf(contactId);
    authorize(actor, directoryActions['directory.write'], { state });
    return roleEffect(db, contactId);
  }

  async function remove(actor: Actor, contactId: string, effective: unknown, origin: Origin) {
    const state = await stateOf(contactId);
    authorize(actor, directoryActions['directory.write'], { state });
    const when = parseEffective(effective, clock());
    if ('problem' in when) throw errors.badInput([when.problem]);
    const now = clock();
    const effect = await db.transaction(async (tx) => {
      // One removal per State at a time: two entries naming the same address, removed at once, must not each
      // see the other as still there and both leave the role in place.
      await lockStateContacts(tx, state);
      const prev = await latestVersionForUpdate(tx, contactId);
      if (!prev || prev.removed) throw errors.notFound('The contact');
      const immediate = when.at.getTime() <= now.getTime();
      // Decided before the removal is written: the entry still names the role it gave.
      const willTake = await roleEffect(tx, contactId);
      await insertVersion(tx, contactId, prev.version + 1, when.at, true, inputOf(prev), actor, { removed: [false, true] });
      await auditBy(tx, clock, actor, origin, 'contact.remove', 'contact', contactId, {
        effective: when.at.toISOString(),
        role: willTake ? { user: willTake.userId, role: willTake.role, state: willTake.state } : null,
      });
      if (!willTake) return null;
      if (immediate) {
        const removed = await deps.identity.dropRoles(
          tx,
          { actor: `user:${actor.userId}`, origin, reason: `directory entry ${contactId} removed` },
          willTake.userId,
          [{ role: willTake.role, state: willTake.state }],
        );
        return removed.length ? { ...willTake, at: when.at } : null;
      }
      const payload: EntryRemovedPayload = { contactId, version: prev.version + 1, actor: `user:${actor.userId}` };
      await entryRemovedJob.schedule(tx, {
        key: `directory.entry_removed:${contactId}:${prev.version + 1}`,
        payload,
        runAt: when.at,
      });
      return { ...willTake, at: when.at };
    });
    if (effect && effect.at.getTime() <= now.getTime()) deps.identity.afterRoleChange(effect.userId);
    return {
      effectiveFrom: when.at,
      role: effect ? { userId: effect.userId, email: effect.email, role: effect.role, state: effect.state } : null,
    };
  }

  /** Job: a removal that takes effect later; the role goes when it does, if the removal still stands then. */
  async function takeRoleOfRemovedEntry(tx: Queryable, payload: EntryRemovedPayload) {
    const contactId = payload.contactId;
    const v = await latestVersionForUpdate(tx, contactId);
    if (!v?.removed || v.version !== payload.version) return;
    // The latest version is the removal; the role follows the version before it.
    const before = await contactVersion(tx, contactId, v.version - 1);
    if (!before) return;
    const effect = await roleEffect(tx, contactId, before);
    if (!effect) return;
    await deps.identity.dropRoles(
      tx,
      { actor: payload.actor, origin: 'jobs', reason: `directory entry ${contactId} removed` },
      effect.userId,
      [{ role: effect.role, state: effect.state }],
    );
  }

  /** Every version of a contact, with who changed what and when; for the State's officials and the manager. */
  async function history(actor: Actor, contactId: string, origin: Origin) {
    const state = await stateOf(contactId);
    authorize(actor, directoryActions['directory.export'], { state });
    return db.transaction(async (tx) => {
      const rows = await contactVersionsWithAuthors(tx, contactId);
      await auditBy(tx, clock, actor, origin, 'contact.history_read', 'contact', contactId);
      return { state, versions: rows };
    });
  }

  return {
    nominate,
    update,
    remove,
    removalEffect,
    history,
    pendingChanges,
    handlers: { [entryRemovedJob.kind]: entryRemovedJob.handler(takeRoleOfRemovedEntry) },
  };
}
