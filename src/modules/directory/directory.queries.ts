// Every SQL statement of the points-of-contact directory, one function each, named after what it returns.
// No rules here: who may call them and what the answers mean is decided in the services.
// Other modules' data is read only through their published views (identity's `people` and `role_holders`,
// the registry's `state_names` and `state_memberships`). Roles are granted through identity's public face.
import type { Queryable } from '../../db/client.ts';
import type { ContactInput, ContactKind, Network } from './directory.validate.ts';

/** A row of `contact_versions` with its contact's State. */
export interface VersionRow {
  contact_id: string;
  state_code: string;
  version: number;
  effective_from: Date;
  removed: boolean;
  kind: ContactKind;
  name: string;
  position: string;
  institution: string;
  email: string;
  phone: string;
  languages: string[];
  time_zone: string;
  all_day: boolean;
  hours: string;
  networks: Network[];
  changed_by: string;
  changed_at: Date;
  changes: Record<string, [unknown, unknown]>;
}

/** A version with what a reader sees of its State and the platform account it names. */
export type ContactRow = VersionRow & { state_names: Record<string, string>; un_group: string | null; user_id: string | null };

export interface ContactFilterParams {
  state?: string;
  group?: string;
  network?: string;
  kind?: string;
  language?: string;
  allDay?: boolean;
}

/** The current version of every contact, as of $1, not removed; $2 limits to States (null: all). */
const CURRENT = `
  select distinct on (v.contact_id) v.*, c.state_code
  from contact_versions v join contacts c on c.id = v.contact_id
  where v.effective_from <= $1 and ($2::text[] is null or c.state_code = any($2))
  order by v.contact_id, v.effective_from desc, v.version desc`;

/** The States with at least one contact in effect at `at`. */
export async function participatingStateCodes(q: Queryable, at: Date): Promise<string[]> {
  const rows = await q.query<{ state_code: string }>(`select distinct state_code from (${CURRENT}) cur where not removed`, [
    at.toISOString(),
    null,
  ]);
  return rows.map((r) => r.state_code);
}

/** The contacts in effect at `at` that match the filter, limited to `states` (null: all), with their State's names and account. */
export function currentContacts(
  q: Queryable,
  at: Date,
  filter: ContactFilterParams,
  states: string[] | null,
): Promise<ContactRow[]> {
  return q.query<ContactRow>(
    `select cur.*, s.names as state_names, s.un_group,
       (select u.id from people u where u.email_key = lower(cur.email) and u.state_code = cur.state_code) as user_id
     from (${CURRENT}) cur join state_names s on s.code = cur.state_code
     where not cur.removed
       and ($3::text is null or cur.state_code = $3)
       and ($4::text is null or s.un_group = $4)
       and ($5::text is null or $5 = any(cur.networks))
       and ($6::text is null or cur.kind = $6)
       and ($7::text is null or $7 = any(cur.languages))
       and ($8::boolean is null or cur.all_day = $8)
     order by s.names->>'en', cur.kind, cur.name`,
    [
      at.toISOString(),
      states,
      filter.state ?? null,
      filter.group ?? null,
      filter.network ?? null,
      filter.kind ?? null,
      filter.language ?? null,
      filter.allDay ?? null,
    ],
  );
}

/** A contact's version in effect at `at` (possibly a removal), with its State's names. */
export async function contactVersionInEffect(q: Queryable, contactId: string, at: Date): Promise<ContactRow | null> {
  const rows = await q.query<ContactRow>(
    `select v.*, c.state_code, s.names as state_names, s.un_group, null::uuid as user_id
     from contact_versions v join contacts c on c.id = v.contact_id join state_names s on s.code = c.state_code
     where v.contact_id = $1 and v.effective_from <= $2 order by v.effective_from desc, v.version desc limit 1`,
    [contactId, at.toISOString()],
  );
  return rows[0] ?? null;
}

/** A State's versions dated after `at`, not yet in effect. */
export function pendingVersions(q: Queryable, state: string, at: Date) {
  return q.query<{
    contact_id: string;
    version: number;
    effective_from: Date;
    removed: boolean;
    name: string;
    changes: Record<string, unknown>;
  }>(
    `select v.contact_id, v.version, v.effective_from, v.removed, v.name, v.changes from contact_versions v join contacts c on c.id = v.contact_id
     where c.state_code = $1 and v.effective_from > $2 order by v.effective_from`,
    [state, at.toISOString()],
  );
}

/** Which of `organisations` the State is a member of, as the registry says. */
export async function memberOrganisations(q: Queryable, state: string, organisations: string[]): Promise<string[]> {
  const rows = await q.query<{ organisation: string }>(
    'select organisation from state_memberships where state = $1 and organisation = any($2)',
    [state, organisations],
  );
  return rows.map((r) => r.organisation);
}

/** The account with this e-mail key, if any, and its State. */
export async function userByEmailKey(q: Queryable, key: string): Promise<{ id: string; state_code: string | null } | null> {
  const [user] = await q.query<{ id: string; state_code: string | null }>(
    'select id, state_code from people where email_key = $1',
    [key],
  );
  return user ?? null;
}

/** A new contact of a State; returns its id. */
export async function insertedContactId(q: Queryable, state: string, at: Date, by: string): Promise<string> {
  const [row] = await q.query<{ id: string }>(
    'insert into contacts (state_code, created_at, created_by) values ($1, $2, $3) returning id',
    [state, at.toISOString(), by],
  );
  return row.id;
}

/** Appends a version of a contact: the whole record, when it takes effect, who changed what and when. */
export async function insertContactVersion(
  q: Queryable,
  v: {
    contactId: string;
    version: number;
    effectiveFrom: Date;
    removed: boolean;
    contact: ContactInput;
    changedBy: string;
    changedAt: Date;
    changes: Record<string, unknown>;
  },
): Promise<void> {
  const c = v.contact;
  await q.query(
    `insert into contact_versions (contact_id, version, effective_from, removed, kind, name, position, institution, email, phone,
       languages, time_zone, all_day, hours, networks, changed_by, changed_at, changes)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
    [
      v.contactId,
      v.version,
      v.effectiveFrom.toISOString(),
      v.removed,
      c.kind,
      c.name,
      c.position,
      c.institution,
      c.email,
      c.phone,
      c.languages,
      c.timeZone,
      c.allDay,
      c.hours,
      c.networks,
      v.changedBy,
      v.changedAt.toISOString(),
      JSON.stringify(v.changes),
    ],
  );
}

/** The latest version of a contact (in effect or scheduled) with its State, locking the contact's row. */
export async function latestVersionForUpdate(q: Queryable, contactId: string): Promise<VersionRow | null> {
  const rows = await q.query<VersionRow>(
    `select v.*, c.state_code from contact_versions v join contacts c on c.id = v.contact_id
     where v.contact_id = $1 order by v.version desc limit 1 for update of c`,
    [contactId],
  );
  return rows[0] ?? null;
}

/** One numbered version of a contact, with its State. */
export async function contactVersion(q: Queryable, contactId: string, version: number): Promise<VersionRow | null> {
  const [row] = await q.query<VersionRow>(
    `select v.*, c.state_code from contact_versions v join contacts c on c.id = v.contact_id
     where v.contact_id = $1 and v.version = $2`,
    [contactId, version],
  );
  return row ?? null;
}

/** The State a contact belongs to, or null for no such contact. */
export async function contactState(q: Queryable, contactId: string): Promise<string | null> {
  const [row] = await q.query<{ state_code: string }>('select state_code from contacts where id = $1', [contactId]);
  return row?.state_code ?? null;
}

/** Locks every contact of a State, in id order (one removal per State at a time). */
export async function lockStateContacts(q: Queryable, state: string): Promise<void> {
  await q.query('select id from contacts where state_code = $1 order by id for update', [state]);
}

/** The account holding `role` for `state` with this e-mail key, if any. */
export async function roleHolder(
  q: Queryable,
  key: string,
  role: string,
  state: string,
): Promise<{ id: string; email: string } | null> {
  const [holder] = await q.query<{ id: string; email: string }>(
    `select u.id, u.email from people u join role_holders r on r.user_id = u.id
     where u.email_key = $1 and r.role = $2 and r.state_code = $3`,
    [key, role, state],
  );
  return holder ?? null;
}

/** Whether another entry of the State, live now and not being removed, names the same address and kind. */
export async function otherLiveEntryExists(
  q: Queryable,
  state: string,
  contactId: string,
  key: string,
  kind: string,
): Promise<boolean> {
  const [other] = await q.query(
    `select 1 from contacts c
     join lateral (select * from contact_versions x where x.contact_id = c.id order by x.version desc limit 1) lv on true
     where c.state_code = $1 and c.id <> $2 and not lv.removed and lower(lv.email) = $3 and lv.kind = $4 limit 1`,
    [state, contactId, key, kind],
  );
  return Boolean(other);
}

/** Every version of a contact, newest first, with the address of who made it. */
export function contactVersionsWithAuthors(q: Queryable, contactId: string) {
  return q.query<VersionRow & { changed_by_email: string | null }>(
    `select v.*, c.state_code, (select u.email from people u where v.changed_by = 'user:' || u.id::text) as changed_by_email
     from contact_versions v join contacts c on c.id = v.contact_id where v.contact_id = $1 order by v.version desc`,
    [contactId],
  );
}

/** How many States take part at `at`, per UN regional group, demo States left out. */
export function participatingStatesByGroup(q: Queryable, at: Date) {
  return q.query<{ un_group: string | null; states: number }>(
    `select s.un_group, count(distinct cur.state_code)::int as states from (${CURRENT}) cur join state_names s on s.code = cur.state_code
     where not cur.removed and s.status <> 'demo' group by s.un_group order by s.un_group`,
    [at.toISOString(), null],
  );
}

/** Whether the demo States already have contacts. */
export async function demoContactsExist(q: Queryable): Promise<boolean> {
  const existing = await q.query("select 1 from contacts where state_code in ('XAA', 'XAB') limit 1");
  return existing.length > 0;
}
