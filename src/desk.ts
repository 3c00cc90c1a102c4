// What waits for a signed-in person, module by module, for their home (/desk, modules/desk): communications
// awaiting their State's acknowledgement and responses due, drafts, their open communication checks, their
// State's contacts flagged stale, its report in progress, its pending invitations. Each source asks the
// module's public face with the person's own rights, so the desk never shows more than the module would.
import type { CommunicationsService } from './modules/communications/index.ts';
import type { DeskSource } from './modules/desk/index.ts';
import type { DirectoryService, PingService } from './modules/directory/index.ts';
import type { IdentityService } from './modules/identity/index.ts';
import type { IncidentsService } from './modules/incidents/index.ts';
import type { ReportsService } from './modules/reports/index.ts';
import { effectiveGrants } from './platform/access.ts';
import { translator } from './platform/i18n/i18n.ts';

/** The kinds of communication that ask for an answer once acknowledged. */
const REQUESTS = new Set(['assistance', 'information', 'consultation']);

/** The States the person acts for (their effective State roles). */
const statesOf = (actor: Parameters<DeskSource>[0]) => [
  ...new Set(effectiveGrants(actor).flatMap((g) => (g.state ? [g.state] : []))),
];

export function deskSources(deps: {
  communications: CommunicationsService;
  pings: PingService;
  directory: DirectoryService;
  reports: ReportsService;
  identity: IdentityService;
  stateName: (code: string, locale: string) => Promise<string>;
  /** A State's positions drafted by its POCs: pending ones for its focal point, a POC's own. */
  positions?: IncidentsService['drafts']['forReader'];
}): DeskSource[] {
  const { communications, pings, directory, reports, identity, stateName } = deps;

  // Two sections come from the inbox: it is read (and its reading audited) once per desk, the request's actor
  // being one object for the whole page.
  const inboxes = new WeakMap<object, ReturnType<CommunicationsService['list']>>();
  const inboxOf = (actor: Parameters<DeskSource>[0], origin: Parameters<DeskSource>[1]['origin']) => {
    const kept = inboxes.get(actor);
    if (kept) return kept;
    const inbox = communications.list(actor, 'inbox', origin, 200);
    inboxes.set(actor, inbox);
    return inbox;
  };

  const awaiting: DeskSource = async (actor, { locale, origin }) => {
    const state = statesOf(actor)[0];
    if (!state) return null;
    const t = translator(locale);
    const { items } = await inboxOf(actor, origin);
    const mine = items.flatMap((item) => {
      const r = item.recipients.find((x) => x.state === state);
      return r && (r.status === 'sent' || r.status === 'delivered') ? [{ item, due: r.ack_due }] : [];
    });
    return {
      id: 'acknowledge',
      title: 'desk.acknowledge',
      more: { href: '/communications', label: 'desk.inbox' },
      items: await Promise.all(
        mine.map(async ({ item, due }) => ({
          label: item.subject,
          href: `/communications/${item.id}`,
          due,
          urgent: item.urgency === 'urgent',
          meta: `${await stateName(item.sender_state, locale)} · ${t(`comm.urgency.${item.urgency}`)} · TLP:${item.tlp.toUpperCase()}`,
        })),
      ),
    };
  };

  const respond: DeskSource = async (actor, { locale, origin }) => {
    const state = statesOf(actor)[0];
    if (!state) return null;
    const { items } = await inboxOf(actor, origin);
    const due = items.filter(
      (item) => REQUESTS.has(item.type) && item.recipients.some((r) => r.state === state && r.status === 'acknowledged'),
    );
    return {
      id: 'respond',
      title: 'desk.respond',
      items: await Promise.all(
        due.map(async (item) => ({
          label: item.subject,
          href: `/communications/${item.id}`,
          meta: await stateName(item.sender_state, locale),
          urgent: item.urgency === 'urgent',
        })),
      ),
    };
  };

  const drafts: DeskSource = async (actor, { origin }) => {
    if (!statesOf(actor)[0]) return null;
    const { items } = await communications.list(actor, 'drafts', origin, 50);
    return {
      id: 'drafts',
      title: 'desk.drafts',
      items: items.map((item) => ({ label: item.subject || '—', href: `/communications/${item.id}` })),
    };
  };

  const checks: DeskSource = async (actor, { locale }) => {
    const tasks = (await pings.myTasks(actor)).filter((task) => !task.confirmed_at && !task.closed);
    return {
      id: 'checks',
      title: 'desk.checks',
      more: { href: '/directory/tasks', label: 'desk.allChecks' },
      items: await Promise.all(
        tasks.map(async (task) => ({
          label: task.title,
          href: '/directory/tasks',
          due: new Date(task.deadline).toISOString(),
          meta: await stateName(task.state_code, locale),
        })),
      ),
    };
  };

  const stale: DeskSource = async (actor, { locale }) => {
    const state = statesOf(actor)[0];
    if (!state) return null;
    const t = translator(locale);
    const flagged = await directory.stale(actor, state, locale);
    return {
      id: 'stale',
      title: 'desk.stale',
      items: flagged.map(({ contact, reasons }) => ({
        label: contact.name,
        href: `/directory/contacts/${contact.id}/edit`,
        meta: reasons.map((r) => t(r === 'unanswered' ? 'dir.stale.unanswered' : 'dir.stale.notUpdated')).join(', '),
      })),
    };
  };

  const report: DeskSource = async (actor) => {
    const state = statesOf(actor)[0];
    if (!state) return null;
    const cycles = await reports.cycles(actor, state);
    const open = cycles.filter((c) => c.status === 'draft');
    return {
      id: 'report',
      title: 'desk.report',
      items: open.map((c) => ({ label: String(c.year), href: `/states/${state}/reports/${c.year}` })),
    };
  };

  const invitations: DeskSource = async (actor, { origin }) => {
    const state = statesOf(actor)[0];
    if (!state) return null;
    const { invitations: open } = await identity.statePeople(actor, state, origin);
    return {
      id: 'invitations',
      title: 'desk.invitations',
      more: { href: `/states/${state}/people`, label: 'desk.people' },
      items: open
        .filter((i) => !i.expired)
        .map((i) => ({ label: i.email, href: `/states/${state}/people`, due: new Date(i.expires_at).toISOString() })),
    };
  };

  // Positions of the State on incidents waiting for its focal point; a POC's own, waiting or declined.
  const positions: DeskSource = async (actor, { locale }) => {
    const waiting = (await deps.positions?.(actor, null)) ?? [];
    const shown = waiting.filter((d) => d.status === 'pending' || (d.status === 'declined' && d.drafted_by === actor.userId));
    if (!shown.length) return null;
    return {
      id: 'positions',
      title: 'desk.positions',
      more: { href: '/incidents/positions', label: 'desk.allPositions' },
      items: shown.map((d) => ({
        label: d.incident_title,
        href: `/incidents/${d.incident_id}#positions`,
        meta: translator(locale)(`incidents.drafts.status.${d.status}`),
      })),
    };
  };

  return [awaiting, respond, checks, drafts, report, stale, invitations, positions];
}
