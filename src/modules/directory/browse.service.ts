// Reading the directory: who may (officials of participating States and the directory manager), browsing
// with filters, one contact, a State's export. Every read of contact details is audited.
import type { Db, Queryable } from '../../db/client.ts';
import { type Actor, authorize, decide } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { AppError, errors } from '../../platform/errors.ts';
import type { Clock, Origin } from '../../platform/kernel.ts';
import { directoryActions } from './directory.policy.ts';
import { type ContactRow, contactVersionInEffect, currentContacts, participatingStateCodes } from './directory.queries.ts';
import type { Contact } from './directory.validate.ts';

export interface DirectoryFilter {
  state?: string;
  group?: string;
  network?: string;
  kind?: string;
  language?: string;
  allDay?: boolean;
}

/** A contact's row as readers see it, the State named in their language (English otherwise). */
export function present(r: ContactRow, locale: string): Contact {
  return {
    id: r.contact_id,
    state: r.state_code,
    stateName: r.state_names[locale] ?? r.state_names.en,
    unGroup: r.un_group,
    version: r.version,
    effectiveFrom: r.effective_from,
    changedAt: r.changed_at,
    userId: r.user_id,
    kind: r.kind,
    name: r.name,
    position: r.position,
    institution: r.institution,
    email: r.email,
    phone: r.phone,
    languages: r.languages,
    timeZone: r.time_zone,
    allDay: r.all_day,
    hours: r.hours,
    networks: r.networks,
  };
}

/** Audits a read or change by a signed-in actor, in the caller's transaction. */
export function auditBy(
  tx: Queryable,
  clock: Clock,
  actor: Actor,
  origin: Origin,
  action: string,
  entity: string,
  entityId: string | null,
  details?: Record<string, unknown>,
) {
  return recordAudit(tx, { actor: `user:${actor.userId}`, origin: origin.ip, action, entity, entityId, details }, clock());
}

export function createBrowseService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  /** The States that have at least one contact in the directory now. */
  async function participatingStates(q: Queryable = db): Promise<Set<string>> {
    return new Set(await participatingStateCodes(q, clock()));
  }

  /** Reading the directory: the directory manager, or an official of a State that takes part. */
  async function authorizeRead(actor: Actor) {
    authorize(actor, directoryActions['directory.read']);
    if (decide(actor, directoryActions['directory.report']).ok) return;
    const participating = await participatingStates();
    const mine = actor.grants.filter((g) => g.state && participating.has(g.state));
    if (!mine.length)
      throw new AppError(
        'FORBIDDEN',
        403,
        'The directory is open to officials of States that take part in it: nominate a point of contact first.',
      );
  }

  /** The contacts in effect now that match the filter (limited to `states`, null for all); not audited. */
  async function contactsInEffect(
    q: Queryable,
    filter: DirectoryFilter,
    locale: string,
    states: string[] | null = null,
  ): Promise<Contact[]> {
    const rows = await currentContacts(q, clock(), filter, states);
    return rows.map((r) => present(r, locale));
  }

  /** Browses the directory; the read is audited with the filter and how many contacts were shown. */
  async function browse(actor: Actor, filter: DirectoryFilter, locale: string, origin: Origin): Promise<Contact[]> {
    await authorizeRead(actor);
    return db.transaction(async (tx) => {
      const contacts = await contactsInEffect(tx, filter, locale);
      await auditBy(tx, clock, actor, origin, 'directory.read', 'directory', filter.state ?? null, {
        filter: { ...filter },
        contacts: contacts.length,
      });
      return contacts;
    });
  }

  /** One contact, for its vCard or page; audited. */
  async function getContact(actor: Actor, contactId: string, locale: string, origin: Origin): Promise<Contact> {
    await authorizeRead(actor);
    return db.transaction(async (tx) => {
      const row = await contactVersionInEffect(tx, contactId, clock());
      if (!row || row.removed) throw errors.notFound('The contact');
      await auditBy(tx, clock, actor, origin, 'contact.read', 'contact', contactId, { state: row.state_code });
      return present(row, locale);
    });
  }

  /** A State's own entries for export (CSV or JSON); audited. */
  async function exportState(actor: Actor, state: string, locale: string, origin: Origin) {
    authorize(actor, directoryActions['directory.export'], { state });
    return db.transaction(async (tx) => {
      const contacts = await contactsInEffect(tx, { state }, locale);
      await auditBy(tx, clock, actor, origin, 'directory.export', 'state', state, { contacts: contacts.length });
      return contacts;
    });
  }

  return { participatingStates, contactsInEffect, browse, getContact, exportState };
}
