// The points-of-contact directory: nominations, updates and removals by a State's focal point (each a new
// version, effective at once or on a chosen date), browsing for officials of participating States and the
// directory manager (every view audited), vCards and exports, regional networks, stale contacts, and the
// public participation figures.
import type { Db, Queryable } from '../../db/client.ts';
import { type Actor, authorize, decide, defineRules, scopeOf, scopeParam } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { AppError, errors, type FieldProblem } from '../../platform/errors.ts';
import type { Translate } from '../../platform/i18n/i18n.ts';
import { schedule } from '../../platform/jobs.ts';
import { singleLineProblem } from '../../platform/text.ts';
import type { IdentityService } from '../identity/identity.service.ts';
import type { Clock, Origin } from '../../platform/kernel.ts';
import { emailKey } from '../../platform/kernel.ts';

const OFFICIALS = ['focal_point', 'poc_diplomatic', 'poc_technical', 'rapporteur'] as const;

export const directoryActions = defineRules({
  /** Officials of any State (participation is checked in the service) and the directory manager. */
  'directory.read': { platform: ['directory_manager'], anyState: [...OFFICIALS] },
  'directory.write': { state: ['focal_point'], write: true },
  'directory.export': { platform: ['directory_manager'], state: ['focal_point', 'poc_diplomatic', 'poc_technical'] },
  'directory.stale': { platform: ['directory_manager'], state: ['focal_point'] },
  'directory.stats': { public: true },
  /** The directory manager's own work: communication checks and their reports. */
  'directory.manage': { platform: ['directory_manager'], write: true },
  'directory.report': { platform: ['directory_manager'] },
  /** A State's record of communication checks. */
  'directory.state_history': { platform: ['directory_manager'], state: [...OFFICIALS] },
  /** Confirming one's own communication-check task in the platform. */
  'directory.confirm': { self: true, write: true },
  /** Seeing one's own open tasks: a read-only token may. */
  'directory.tasks': { self: true },
});

export const NETWORKS = ['GLOBAL', 'OSCE', 'OAS', 'ASEAN', 'AU', 'EU'] as const;
export type Network = (typeof NETWORKS)[number];
export const CONTACT_KINDS = ['diplomatic', 'technical'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

export interface ContactInput {
  kind: ContactKind;
  name: string;
  position: string;
  institution: string;
  email: string;
  phone: string;
  languages: string[];
  timeZone: string;
  allDay: boolean;
  hours: string;
  networks: Network[];
}

export interface Contact extends ContactInput {
  id: string;
  state: string;
  stateName: string;
  unGroup: string | null;
  version: number;
  effectiveFrom: Date;
  changedAt: Date;
  /** The platform account this contact signs in with, if any. */
  userId: string | null;
}

const FIELDS: (keyof ContactInput)[] = [
  'kind',
  'name',
  'position',
  'institution',
  'email',
  'phone',
  'languages',
  'timeZone',
  'allDay',
  'hours',
  'networks',
];

const languageNames = new Intl.DisplayNames('en', { type: 'language', fallback: 'none' });

/** True for an IANA time-zone name this runtime knows (Europe/Geneva, Africa/Nairobi, UTC…), not an offset. */
export function isIanaTimeZone(tz: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/.test(tz)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** An ISO 639 language code the platform can name (en, fr, sw, ar…). */
export function isLanguageCode(code: string): boolean {
  return /^[a-z]{2,3}$/.test(code) && languageNames.of(code) !== undefined;
}

/** The phone number in E.164 form (+ and 7 to 15 digits), from what was typed with spaces, dots or dashes. */
export function normalisePhone(phone: string): string | null {
  const compact = phone.replace(/[\s().-]/g, '');
  return /^\+[1-9]\d{6,14}$/.test(compact) ? compact : null;
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,253}\.[^\s@]{2,}$/;

/** Checks a contact from a form or the API; every problem is named by its field. */
export function validateContact(
  raw: Partial<Record<keyof ContactInput, unknown>>,
): { value: ContactInput } | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const text = (field: keyof ContactInput, max: number, required: boolean): string => {
    const v = raw[field];
    if (v !== undefined && typeof v !== 'string') {
      problems.push({ field, reason: 'must be text' });
      return '';
    }
    const s = (v ?? '').trim();
    if (required && !s) problems.push({ field, reason: 'is required' });
    else if (s.length > max) problems.push({ field, reason: `must be at most ${max} characters` });
    else for (const reason of [singleLineProblem(s)].filter((r) => r !== null)) problems.push({ field, reason });
    return s;
  };
  const kind = raw.kind;
  if (kind !== 'diplomatic' && kind !== 'technical') problems.push({ field: 'kind', reason: 'must be diplomatic or technical' });
  const name = text('name', 200, true);
  const position = text('position', 200, false);
  const institution = text('institution', 200, true);
  const email = text('email', 320, true);
  if (email && !EMAIL.test(email)) problems.push({ field: 'email', reason: 'is not a valid e-mail address' });
  const phoneText = text('phone', 40, true);
  const phone = phoneText ? normalisePhone(phoneText) : null;
  if (phoneText && !phone) problems.push({ field: 'phone', reason: 'must be an international number such as +41 22 917 12 34' });
  const languages = Array.isArray(raw.languages)
    ? raw.languages
    : typeof raw.languages === 'string'
      ? raw.languages.split(/[\s,]+/)
      : [];
  const langs = [
    ...new Set(languages.filter((l): l is string => typeof l === 'string' && l !== '').map((l) => l.trim().toLowerCase())),
  ];
  if (!langs.length) problems.push({ field: 'languages', reason: 'give at least one working language' });
  else if (langs.length > 10) problems.push({ field: 'languages', reason: 'give at most 10 languages' });
  else {
    const unknown = langs.filter((l) => !isLanguageCode(l));
    if (unknown.length)
      problems.push({
        field: 'languages',
        reason: `unknown language code: ${unknown.join(', ').slice(0, 60)} (use ISO 639 codes such as en, fr, sw)`,
      });
  }
  const timeZone = text('timeZone', 64, true);
  if (timeZone && !isIanaTimeZone(timeZone))
    problems.push({ field: 'timeZone', reason: 'must be an IANA time zone such as Europe/Geneva or Africa/Nairobi' });
  const allDay = raw.allDay === true || raw.allDay === 'true' || raw.allDay === 'on';
  const hours = text('hours', 200, !allDay);
  const nets = (Array.isArray(raw.networks) ? raw.networks : typeof raw.networks === 'string' ? [raw.networks] : []).filter(
    (n) => n !== '',
  );
  const networks = [...new Set(nets)] as string[];
  if (!networks.length) problems.push({ field: 'networks', reason: 'choose at least one network' });
  else if (networks.some((n) => !(NETWORKS as readonly string[]).includes(n)))
    problems.push({ field: 'networks', reason: `must be among ${NETWORKS.join(', ')}` });
  if (problems.length) return { problems };
  return {
    value: {
      kind: kind as ContactKind,
      name,
      position,
      institution,
      email,
      phone: phone as string,
      languages: langs,
      timeZone,
      allDay,
      hours: allDay ? '' : hours,
      networks: networks as Network[],
    },
  };
}

/** When a change takes effect: now, or a chosen date (YYYY-MM-DD, the start of that day UTC, or a full time). */
export function parseEffective(value: unknown, now: Date): { at: Date } | { problem: FieldProblem } {
  if (value === undefined || value === null || value === '') return { at: now };
  if (
    typeof value !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(value) ||
    Number.isNaN(Date.parse(value))
  ) {
    return { problem: { field: 'effectiveFrom', reason: 'must be a date (YYYY-MM-DD) or a date and time' } };
  }
  const at = new Date(value);
  if (at.getTime() < now.getTime() - 86_400_000) return { problem: { field: 'effectiveFrom', reason: 'cannot be in the past' } };
  return { at: at.getTime() < now.getTime() ? now : at };
}

interface VersionRow {
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

function present(
  r: VersionRow & { state_names: Record<string, string>; un_group: string | null; user_id: string | null },
  locale: string,
): Contact {
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

export interface DirectoryFilter {
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

export function createDirectoryService(deps: { db: Db; clock: Clock; identity: IdentityService; flushMail: () => void }) {
  const { db, clock } = deps;

  const audit = (
    tx: Queryable,
    actor: Actor,
    origin: Origin,
    action: string,
    entity: string,
    entityId: string | null,
    details?: Record<string, unknown>,
  ) => recordAudit(tx, { actor: `user:${actor.userId}`, origin: origin.ip, action, entity, entityId, details }, clock());

  /** The States that have at least one contact in the directory now. */
  async function participatingStates(q: Queryable = db): Promise<Set<string>> {
    const rows = await q.query<{ state_code: string }>(`select distinct state_code from (${CURRENT}) cur where not removed`, [
      clock().toISOString(),
      null,
    ]);
    return new Set(rows.map((r) => r.state_code));
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

  async function query(
    q: Queryable,
    filter: DirectoryFilter,
    locale: string,
    states: string[] | null = null,
  ): Promise<Contact[]> {
    const rows = await q.query<
      VersionRow & { state_names: Record<string, string>; un_group: string | null; user_id: string | null }
    >(
      `select cur.*, s.names as state_names, s.un_group,
         (select u.id from users u where u.email_key = lower(cur.email) and u.state_code = cur.state_code) as user_id
       from (${CURRENT}) cur join states s on s.code = cur.state_code
       where not cur.removed
         and ($3::text is null or cur.state_code = $3)
         and ($4::text is null or s.un_group = $4)
         and ($5::text is null or $5 = any(cur.networks))
         and ($6::text is null or cur.kind = $6)
         and ($7::text is null or $7 = any(cur.languages))
         and ($8::boolean is null or cur.all_day = $8)
       order by s.names->>'en', cur.kind, cur.name`,
      [
        clock().toISOString(),
        states,
        filter.state ?? null,
        filter.group ?? null,
        filter.network ?? null,
        filter.kind ?? null,
        filter.language ?? null,
        filter.allDay ?? null,
      ],
    );
    return rows.map((r) => present(r, locale));
  }

  /** Browses the directory; the read is audited with the filter and how many contacts were shown. */
  async function browse(actor: Actor, filter: DirectoryFilter, locale: string, origin: Origin): Promise<Contact[]> {
    await authorizeRead(actor);
    return db.transaction(async (tx) => {
      const contacts = await query(tx, filter, locale);
      await audit(tx, actor, origin, 'directory.read', 'directory', filter.state ?? null, {
        filter: { ...filter },
        contacts: contacts.length,
      });
      return contacts;
    });
  }

  async function currentVersion(
    q: Queryable,
    contactId: string,
  ): Promise<(VersionRow & { state_names: Record<string, string>; un_group: string | null; user_id: string | null }) | null> {
    const rows = await q.query<
      VersionRow & { state_names: Record<string, string>; un_group: string | null; user_id: string | null }
    >(
      `select v.*, c.state_code, s.names as state_names, s.un_group, null::uuid as user_id
       from contact_versions v join contacts c on c.id = v.contact_id join states s on s.code = c.state_code
       where v.contact_id = $1 and v.effective_from <= $2 order by v.effective_from desc, v.version desc limit 1`,
      [contactId, clock().toISOString()],
    );
    return rows[0] ?? null;
  }

  /** One contact, for its vCard or page; audited. */
  async function getContact(actor: Actor, contactId: string, locale: string, origin: Origin): Promise<Contact> {
    await authorizeRead(actor);
    return db.transaction(async (tx) => {
      const row = await currentVersion(tx, contactId);
      if (!row || row.removed) throw errors.notFound('The contact');
      await audit(tx, actor, origin, 'contact.read', 'contact', contactId, { state: row.state_code });
      return present(row, locale);
    });
  }

  /** Future changes not yet in effect, for the State's focal point. */
  async function pendingChanges(actor: Actor, state: string) {
    authorize(actor, directoryActions['directory.write'], { state });
    return db.query<{
      contact_id: string;
      version: number;
      effective_from: Date;
      removed: boolean;
      name: string;
      changes: Record<string, unknown>;
    }>(
      `select v.contact_id, v.version, v.effective_from, v.removed, v.name, v.changes from contact_versions v join contacts c on c.id = v.contact_id
       where c.state_code = $1 and v.effective_from > $2 order by v.effective_from`,
      [state, clock().toISOString()],
    );
  }

  async function checkNetworks(q: Queryable, state: string, networks: Network[]): Promise<FieldProblem[]> {
    const regional = networks.filter((n) => n !== 'GLOBAL');
    if (!regional.length) return [];
    const rows = await q.query<{ organisation: string }>(
      'select organisation from organisation_members where state = $1 and organisation = any($2)',
      [state, regional],
    );
    const member = new Set(rows.map((r) => r.organisation));
    const not = regional.filter((n) => !member.has(n));
    return not.length ? [{ field: 'networks', reason: `the State is not a member of ${not.join(', ')}` }] : [];
  }

  /** The POC's account: a user of the State with that address gets the POC role; anyone else is invited. */
  async function linkOrInvite(actor: Actor, state: string, c: ContactInput, origin: Origin, t: Translate) {
    const role = c.kind === 'diplomatic' ? 'poc_diplomatic' : 'poc_technical';
    const [user] = await db.query<{ id: string; state_code: string | null }>(
      'select id, state_code from users where email_key = $1',
      [emailKey(c.email)],
    );
    if (user && user.state_code === state) {
      await db.transaction(async (tx) => {
        const added = await tx.query(
          `insert into user_roles (user_id, role, state_code, granted_by) values ($1, $2, $3, $4) on conflict do nothing returning role`,
          [user.id, role, state, `nomination:user:${actor.userId}`],
        );
        if (added.length) await audit(tx, actor, origin, 'user.role_grant', 'user', user.id, { role, state, via: 'nomination' });
      });
      return 'linked' as const;
    }
    await deps.identity.invite(actor, { email: c.email, state, roles: [role] }, origin, t);
    return 'invited' as const;
  }

  async function nominate(actor: Actor, state: string, input: unknown, effective: unknown, origin: Origin, t: Translate) {
    authorize(actor, directoryActions['directory.write'], { state });
    const checked = validateContact((input ?? {}) as Record<string, unknown>);
    const when = parseEffective(effective, clock());
    const problems = [...('problems' in checked ? checked.problems : []), ...('problem' in when ? [when.problem] : [])];
    if ('value' in checked) problems.push(...(await checkNetworks(db, state, checked.value.networks)));
    const [other] =
      'value' in checked
        ? await db.query<{ state_code: string | null }>('select state_code from users where email_key = $1', [
            emailKey(checked.value.email),
          ])
        : [];
    if (other?.state_code && other.state_code !== state)
      problems.push({ field: 'email', reason: 'belongs to an official of another State' });
    if (problems.length || !('value' in checked) || !('at' in when)) throw errors.badInput(problems);
    const c = checked.value;
    const id = await db.transaction(async (tx) => {
      const now = clock();
      const [row] = await tx.query<{ id: string }>(
        'insert into contacts (state_code, created_at, created_by) values ($1, $2, $3) returning id',
        [state, now.toISOString(), `user:${actor.userId}`],
      );
      const changes = Object.fromEntries(FIELDS.map((f) => [f, [null, c[f]]]));
      await insertVersion(tx, row.id, 1, when.at, false, c, actor, changes);
      await audit(tx, actor, origin, 'contact.nominate', 'contact', row.id, {
        state,
        kind: c.kind,
        effective: when.at.toISOString(),
      });
      return row.id;
    });
    const account = await linkOrInvite(actor, state, c, origin, t);
    return { id, account, effectiveFrom: when.at };
  }

  async function insertVersion(
    tx: Queryable,
    contactId: string,
    version: number,
    at: Date,
    removed: boolean,
    c: ContactInput,
    actor: Actor,
    changes: Record<string, unknown>,
  ) {
    await tx.query(
      `insert into contact_versions (contact_id, version, effective_from, removed, kind, name, position, institution, email, phone,
         languages, time_zone, all_day, hours, networks, changed_by, changed_at, changes)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
      [
        contactId,
        version,
        at.toISOString(),
        removed,
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
        `user:${actor.userId}`,
        clock().toISOString(),
        JSON.stringify(changes),
      ],
    );
  }

  /** The latest version of a contact (in effect or scheduled), its State, and the next version number. */
  async function latest(q: Queryable, contactId: string) {
    const rows = await q.query<VersionRow>(
      `select v.*, c.state_code from contact_versions v join contacts c on c.id = v.contact_id
       where v.contact_id = $1 order by v.version desc limit 1 for update of c`,
      [contactId],
    );
    return rows[0] ?? null;
  }

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

  async function update(actor: Actor, contactId: string, input: unknown, effective: unknown, origin: Origin, t: Translate) {
    const [c0] = await db.query<{ state_code: string }>('select state_code from contacts where id = $1', [contactId]);
    if (!c0) throw errors.notFound('The contact');
    authorize(actor, directoryActions['directory.write'], { state: c0.state_code });
    const checked = validateContact((input ?? {}) as Record<string, unknown>);
    const when = parseEffective(effective, clock());
    const problems = [...('problems' in checked ? checked.problems : []), ...('problem' in when ? [when.problem] : [])];
    if ('value' in checked) problems.push(...(await checkNetworks(db, c0.state_code, checked.value.networks)));
    if (problems.length || !('value' in checked) || !('at' in when)) throw errors.badInput(problems);
    const next = checked.value;
    const result = await db.transaction(async (tx) => {
      const prev = await latest(tx, contactId);
      if (!prev || prev.removed) throw errors.notFound('The contact');
      const before = inputOf(prev);
      const changes = Object.fromEntries(
        FIELDS.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(next[f])).map((f) => [f, [before[f], next[f]]]),
      );
      if (!Object.keys(changes).length) return { changed: false, version: prev.version };
      await insertVersion(tx, contactId, prev.version + 1, when.at, false, next, actor, changes);
      await audit(tx, actor, origin, 'contact.update', 'contact', contactId, {
        fields: Object.keys(changes),
        effective: when.at.toISOString(),
      });
      return { changed: true, version: prev.version + 1, emailChanged: 'email' in changes || 'kind' in changes };
    });
    if (result.changed && 'emailChanged' in result && result.emailChanged)
      await linkOrInvite(actor, c0.state_code, next, origin, t);
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
    const v = version ?? (await latest(q, contactId));
    if (!v) return null;
    const role = v.kind === 'diplomatic' ? 'poc_diplomatic' : 'poc_technical';
    const [holder] = await q.query<{ id: string; email: string }>(
      `select u.id, u.email from users u join user_roles r on r.user_id = u.id
       where u.email_key = $1 and r.role = $2 and r.state_code = $3`,
      [emailKey(v.email), role, v.state_code],
    );
    if (!holder) return null;
    // Another entry of the State, live now and not being removed, that names the same address and kind.
    const [other] = await q.query(
      `select 1 from contacts c
       join lateral (select * from contact_versions x where x.contact_id = c.id order by x.version desc limit 1) lv on true
       where c.state_code = $1 and c.id <> $2 and not lv.removed and lower(lv.email) = $3 and lv.kind = $4 limit 1`,
      [v.state_code, contactId, emailKey(v.email), v.kind],
    );
    if (other) return null;
    return { userId: holder.id, email: holder.email, role, state: v.state_code };
  }

  /** For the removal form: whose role the removal would take, so the focal point knows before confirming. */
  async function removalEffect(actor: Actor, contactId: string) {
    const [c0] = await db.query<{ state_code: string }>('select state_code from contacts where id = $1', [contactId]);
    if (!c0) throw errors.notFound('The contact');
    authorize(actor, directoryActions['directory.write'], { state: c0.state_code });
    return roleEffect(db, contactId);
  }

  async function remove(actor: Actor, contactId: string, effective: unknown, origin: Origin) {
    const [c0] = await db.query<{ state_code: string }>('select state_code from contacts where id = $1', [contactId]);
    if (!c0) throw errors.notFound('The contact');
    authorize(actor, directoryActions['directory.write'], { state: c0.state_code });
    const when = parseEffective(effective, clock());
    if ('problem' in when) throw errors.badInput([when.problem]);
    const now = clock();
    const effect = await db.transaction(async (tx) => {
      // One removal per State at a time: two entries naming the same address, removed at once, must not each
      // see the other as still there and both leave the role in place.
      await tx.query('select id from contacts where state_code = $1 order by id for update', [c0.state_code]);
      const prev = await latest(tx, contactId);
      if (!prev || prev.removed) throw errors.notFound('The contact');
      const immediate = when.at.getTime() <= now.getTime();
      // Decided before the removal is written: the entry still names the role it gave.
      const willTake = await roleEffect(tx, contactId);
      await insertVersion(tx, contactId, prev.version + 1, when.at, true, inputOf(prev), actor, { removed: [false, true] });
      await audit(tx, actor, origin, 'contact.remove', 'contact', contactId, {
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
      await schedule(tx, {
        kind: 'directory.entry_removed',
        key: `directory.entry_removed:${contactId}:${prev.version + 1}`,
        payload: { contactId, version: prev.version + 1, actor: `user:${actor.userId}` },
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

  /** A removal that takes effect later: the role goes when it does, if the removal still stands then. */
  async function entryRemovedJob(tx: Queryable, job: { payload: Record<string, unknown> }) {
    const contactId = String(job.payload.contactId);
    const v = await latest(tx, contactId);
    if (!v?.removed || v.version !== Number(job.payload.version)) return;
    // The latest version is the removal; the role follows the version before it.
    const [before] = await tx.query<VersionRow>(
      `select v.*, c.state_code from contact_versions v join contacts c on c.id = v.contact_id
       where v.contact_id = $1 and v.version = $2`,
      [contactId, v.version - 1],
    );
    if (!before) return;
    const effect = await roleEffect(tx, contactId, before);
    if (!effect) return;
    await deps.identity.dropRoles(
      tx,
      { actor: String(job.payload.actor ?? 'system:jobs'), origin: 'jobs', reason: `directory entry ${contactId} removed` },
      effect.userId,
      [{ role: effect.role, state: effect.state }],
    );
  }

  /** Every version of a contact, with who changed what and when; for the State's officials and the manager. */
  async function history(actor: Actor, contactId: string, origin: Origin) {
    const [c0] = await db.query<{ state_code: string }>('select state_code from contacts where id = $1', [contactId]);
    if (!c0) throw errors.notFound('The contact');
    authorize(actor, directoryActions['directory.export'], { state: c0.state_code });
    return db.transaction(async (tx) => {
      const rows = await tx.query<VersionRow & { changed_by_email: string | null }>(
        `select v.*, c.state_code, (select u.email from users u where v.changed_by = 'user:' || u.id::text) as changed_by_email
         from contact_versions v join contacts c on c.id = v.contact_id where v.contact_id = $1 order by v.version desc`,
        [contactId],
      );
      await audit(tx, actor, origin, 'contact.history_read', 'contact', contactId);
      return { state: c0.state_code, versions: rows };
    });
  }

  /** A State's own entries for export (CSV or JSON); audited. */
  async function exportState(actor: Actor, state: string, locale: string, origin: Origin) {
    authorize(actor, directoryActions['directory.export'], { state });
    return db.transaction(async (tx) => {
      const contacts = await query(tx, { state }, locale);
      await audit(tx, actor, origin, 'directory.export', 'state', state, { contacts: contacts.length });
      return contacts;
    });
  }

  /**
   * Stale contacts: no confirmation in the last two closed rounds that asked them, or no update for twelve
   * months. For a State's focal point (their State) and the directory manager (every State).
   */
  async function stale(actor: Actor, state: string | null, locale: string) {
    // Without a State, only the directory manager (whose rule covers every State) passes.
    authorize(actor, directoryActions['directory.stale'], { state });
    const states = state ? [state] : scopeParam(scopeOf(actor, directoryActions['directory.stale']));
    const contacts = await query(db, state ? { state } : {}, locale, states);
    if (!contacts.length) return [];
    const rows = await db.query<{ contact_id: string; confirmed: boolean[] }>(
      `select t.contact_id, array_agg(t.confirmed_at is not null order by r.started_at desc) as confirmed
       from ping_tasks t join ping_rounds r on r.id = t.round_id
       where r.closed_at is not null and t.contact_id = any($1::uuid[]) group by t.contact_id`,
      [contacts.map((c) => c.id)],
    );
    const answers = new Map(rows.map((r) => [r.contact_id, r.confirmed]));
    const yearAgo = clock().getTime() - 365 * 86_400_000;
    return contacts.flatMap((c) => {
      const last = answers.get(c.id) ?? [];
      const reasons: ('unanswered' | 'not-updated')[] = [];
      if (last.length >= 2 && !last[0] && !last[1]) reasons.push('unanswered');
      if (new Date(c.changedAt).getTime() < yearAgo) reasons.push('not-updated');
      return reasons.length ? [{ contact: c, reasons }] : [];
    });
  }

  /** Public figures: how many States take part, per UN regional group, and response rates of past rounds. */
  async function participation() {
    const byGroup = await db.query<{ un_group: string | null; states: number }>(
      `select s.un_group, count(distinct cur.state_code)::int as states from (${CURRENT}) cur join states s on s.code = cur.state_code
       where not cur.removed and s.status <> 'demo' group by s.un_group order by s.un_group`,
      [clock().toISOString(), null],
    );
    const rounds = await db.query<{
      id: string;
      title: string;
      started_at: Date;
      closed_at: Date;
      tasks: number;
      confirmed: number;
      states: number;
      states_confirmed: number;
    }>(
      `select r.id, r.title, r.started_at, r.closed_at, count(t.*)::int as tasks, count(t.confirmed_at)::int as confirmed,
         count(distinct t.state_code)::int as states, count(distinct t.state_code) filter (where t.confirmed_at is not null)::int as states_confirmed
       from ping_rounds r join ping_tasks t on t.round_id = r.id where r.closed_at is not null
       group by r.id order by r.started_at desc limit 24`,
    );
    return { byGroup, rounds };
  }

  return {
    browse,
    getContact,
    nominate,
    update,
    remove,
    removalEffect,
    handlers: { 'directory.entry_removed': entryRemovedJob },
    history,
    exportState,
    stale,
    participation,
    pendingChanges,
    participatingStates,
    query,
  };
}

export type DirectoryService = ReturnType<typeof createDirectoryService>;

/** A contact as a vCard 4.0 (RFC 6350). */
export function vcard(c: Contact): string {
  const esc = (s: string) =>
    s
      .replace(/\\/g, '\\\\')
      .replace(/\n/g, '\\n')
      .replace(/([,;])/g, '\\$1');
  const lines = [
    'BEGIN:VCARD',
    'VERSION:4.0',
    `FN:${esc(c.name)}`,
    `ORG:${esc(c.institution)}`,
    ...(c.position ? [`TITLE:${esc(c.position)}`] : []),
    `EMAIL;TYPE=work:${esc(c.email)}`,
    `TEL;TYPE=work,voice;VALUE=uri:tel:${c.phone}`,
    ...c.languages.map((l, i) => `LANG;PREF=${i + 1}:${l}`),
    `TZ:${esc(c.timeZone)}`,
    `NOTE:${esc(`${c.kind === 'diplomatic' ? 'Diplomatic' : 'Technical'} point of contact of ${c.stateName}; ${c.allDay ? 'available 24/7' : `hours: ${c.hours}`}; networks: ${c.networks.join(', ')}`)}`,
    `UID:urn:uuid:${c.id}`,
    `REV:${new Date(c.changedAt).toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '')}`,
    'END:VCARD',
  ];
  return `${lines.join('\r\n')}\r\n`;
}

export function contactsCsv(contacts: Contact[]): string {
  const cols = [
    'state',
    'kind',
    'name',
    'position',
    'institution',
    'email',
    'phone',
    'languages',
    'timeZone',
    'allDay',
    'hours',
    'networks',
    'effectiveFrom',
  ] as const;
  const cell = (v: unknown) => {
    const s = Array.isArray(v) ? v.join(' ') : v instanceof Date ? v.toISOString() : String(v ?? '');
    const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
    return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
  };
  return `${cols.join(',')}\r\n${contacts.map((c) => cols.map((k) => cell(c[k])).join(',')).join('\r\n')}${contacts.length ? '\r\n' : ''}`;
}

/** Demo points of contact for the demo States (marked as demo by their names and addresses). */
export async function seedDemoDirectory(tx: Queryable, by: { actor: string; origin: string }, now = new Date()): Promise<number> {
  const existing = await tx.query("select 1 from contacts where state_code in ('XAA', 'XAB') limit 1");
  if (existing.length) return 0;
  const demo: [string, ContactInput][] = [
    [
      'XAA',
      {
        kind: 'technical',
        name: 'Pat Contact (Demoland, demo)',
        position: 'Head of the national CERT',
        institution: 'Demoland CERT (demo)',
        email: 'poc@xaa.demo.cybernorms.example',
        phone: '+99912345670',
        languages: ['en', 'fr'],
        timeZone: 'Europe/Geneva',
        allDay: true,
        hours: '',
        networks: ['GLOBAL'],
      },
    ],
    [
      'XAA',
      {
        kind: 'diplomatic',
        name: 'Dana Diplomat (Demoland, demo)',
        position: 'Cyber coordinator',
        institution: 'Ministry of Foreign Affairs of Demoland (demo)',
        email: 'diplomat@xaa.demo.cybernorms.example',
        phone: '+99912345671',
        languages: ['en', 'es'],
        timeZone: 'Europe/Geneva',
        allDay: false,
        hours: 'Mon–Fri 08:00–18:00',
        networks: ['GLOBAL'],
      },
    ],
    [
      'XAB',
      {
        kind: 'technical',
        name: 'Paz Contact (Samplestan, demo)',
        position: 'Duty officer',
        institution: 'Samplestan CSIRT (demo)',
        email: 'poc@xab.demo.cybernorms.example',
        phone: '+99912345680',
        languages: ['en', 'ar'],
        timeZone: 'Asia/Dubai',
        allDay: true,
        hours: '',
        networks: ['GLOBAL'],
      },
    ],
    [
      'XAB',
      {
        kind: 'diplomatic',
        name: 'Sami Envoy (Samplestan, demo)',
        position: 'Ambassador for cyber affairs',
        institution: 'Ministry of Foreign Affairs of Samplestan (demo)',
        email: 'diplomat@xab.demo.cybernorms.example',
        phone: '+99912345681',
        languages: ['ar', 'en', 'fr'],
        timeZone: 'Asia/Dubai',
        allDay: false,
        hours: 'Sun–Thu 09:00–17:00',
        networks: ['GLOBAL'],
      },
    ],
  ];
  for (const [state, c] of demo) {
    const [row] = await tx.query<{ id: string }>(
      'insert into contacts (state_code, created_at, created_by) values ($1, $2, $3) returning id',
      [state, now.toISOString(), by.actor],
    );
    await tx.query(
      `insert into contact_versions (contact_id, version, effective_from, kind, name, position, institution, email, phone, languages, time_zone, all_day, hours, networks, changed_by, changed_at, changes)
       values ($1, 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $2, '{}')`,
      [
        row.id,
        now.toISOString(),
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
        by.actor,
      ],
    );
    await recordAudit(tx, { ...by, action: 'contact.demo_create', entity: 'contact', entityId: row.id, details: { state } }, now);
  }
  return demo.length;
}
