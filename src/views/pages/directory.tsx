// The points-of-contact directory's pages: browse, a State's entries, the contact form, history, the
// communication checks (rounds, report, a State's record, one's own tasks, the mailed link), stale contacts
// and the public participation figures.
import type { Contact, ContactInput } from '../../modules/directory/directory.service.ts';
import { NETWORKS } from '../../modules/directory/directory.service.ts';
import type { Stats } from '../../modules/directory/pings.service.ts';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import { ChipNav } from '../components.tsx';
import type { PageContext } from '../context.ts';
import { dateTime, duration, pct } from '../format.ts';
import { Field, Form, type FormProblem, Problems, Submit } from '../forms.tsx';
import { Layout } from '../layout.tsx';
import { GROUP_KEYS } from './registry.tsx';

const KIND: Record<string, MessageKey> = { diplomatic: 'dir.kind.diplomatic', technical: 'dir.kind.technical' };
const langName = (locale: string) => new Intl.DisplayNames([locale], { type: 'language', fallback: 'code' });
function DirectoryNav(props: { ctx: PageContext; current: string }) {
  const links: [string, MessageKey][] = [
    ['/directory', 'dir.nav.browse'],
    ['/directory/tasks', 'dir.nav.tasks'],
    ['/directory/rounds', 'dir.nav.rounds'],
    ['/directory/participation', 'dir.nav.participation'],
  ];
  return <ChipNav ctx={props.ctx} label={props.ctx.t('dir.title')} links={links} current={props.current} />;
}

function ContactTable(props: {
  ctx: PageContext;
  contacts: Contact[];
  showState?: boolean;
  edit?: boolean;
  csrf?: string;
  staleIds?: Set<string>;
}) {
  const { ctx } = props;
  const { t } = ctx;
  const names = langName(ctx.locale);
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            {props.showState && <th scope="col">{t('state.name')}</th>}
            <th scope="col">{t('dir.kind')}</th>
            <th scope="col">{t('dir.contact')}</th>
            <th scope="col">{t('dir.reach')}</th>
            <th scope="col">{t('dir.languages')}</th>
            <th scope="col">{t('dir.availability')}</th>
            <th scope="col">{t('dir.networks')}</th>
            <th scope="col">
              <span class="visually-hidden">{t('dir.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.contacts.map((c) => (
            <tr>
              {props.showState && (
                <td>
                  <a href={`/directory/states/${c.state}`}>{c.stateName}</a>
                </td>
              )}
              <td>{t(KIND[c.kind])}</td>
              <td>
                <strong>{c.name}</strong>
                {props.staleIds?.has(c.id) && <span class="tag demo">{t('dir.stale')}</span>}
                <br />
                {c.position && (
                  <>
                    {c.position}
                    <br />
                  </>
                )}
                <span class="meta">{c.institution}</span>
              </td>
              <td>
                <a href={`mailto:${c.email}`}>{c.email}</a>
                <br />
                <a href={`tel:${c.phone}`}>{c.phone}</a>
              </td>
              <td>{c.languages.map((l) => names.of(l) ?? l).join(', ')}</td>
              <td>
                {c.allDay ? t('dir.allDay') : c.hours}
                <br />
                <span class="meta">{c.timeZone}</span>
              </td>
              <td>{c.networks.map((n) => (n === 'GLOBAL' ? t('dir.network.global') : n)).join(', ')}</td>
              <td>
                <a href={`/directory/contacts/${c.id}/vcard`}>vCard</a>
                {props.edit && (
                  <>
                    {' · '}
                    <a href={`/directory/contacts/${c.id}/edit`}>{t('dir.edit')}</a>
                    {' · '}
                    <a href={`/directory/contacts/${c.id}/history`}>{t('dir.history')}</a>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export interface BrowseFilter {
  state?: string;
  group?: string;
  network?: string;
  kind?: string;
  language?: string;
  allDay?: boolean;
}

export function DirectoryPage(props: {
  ctx: PageContext;
  contacts: Contact[];
  filter: BrowseFilter;
  states: { code: string; name: string }[];
  problems?: FormProblem[];
}) {
  const { ctx, filter } = props;
  const { t } = ctx;
  const title =
    filter.network && filter.network !== 'GLOBAL' ? t('dir.network.title', { network: filter.network }) : t('dir.title');
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class="note">{t('dir.confidential')}</p>
      <DirectoryNav ctx={ctx} current="/directory" />
      <nav aria-label={t('dir.networks')}>
        <ul class="chips">
          {NETWORKS.map((n) => (
            <li>
              <a href={`/directory?network=${n}`} aria-current={filter.network === n ? 'page' : undefined}>
                {n === 'GLOBAL' ? t('dir.network.global') : n}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <Problems ctx={ctx} problems={props.problems ?? []} />
      <form method="get" action="/directory" class="filters">
        {filter.network && <input type="hidden" name="network" value={filter.network} />}
        <div class="field">
          <label for="f-state">{t('state.name')}</label>
          <select id="f-state" name="state">
            <option value="">{t('states.all')}</option>
            {props.states.map((s) => (
              <option value={s.code} selected={filter.state === s.code}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-group">{t('state.group')}</label>
          <select id="f-group" name="group">
            <option value="">{t('states.all')}</option>
            {Object.entries(GROUP_KEYS).map(([g, key]) => (
              <option value={g} selected={filter.group === g}>
                {t(key)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-kind">{t('dir.kind')}</label>
          <select id="f-kind" name="kind">
            <option value="">{t('states.all')}</option>
            <option value="diplomatic" selected={filter.kind === 'diplomatic'}>
              {t('dir.kind.diplomatic')}
            </option>
            <option value="technical" selected={filter.kind === 'technical'}>
              {t('dir.kind.technical')}
            </option>
          </select>
        </div>
        <Field ctx={ctx} name="language" label="dir.language" value={filter.language} maxLength={3} problems={props.problems} />
        <div class="field">
          <label>
            <input type="checkbox" name="allDay" value="true" checked={filter.allDay === true} /> {t('dir.allDay')}
          </label>
        </div>
        <button type="submit">{t('audit.filter')}</button>
      </form>
      <p role="status">{t('dir.count', { count: props.contacts.length })}</p>
      <ContactTable ctx={ctx} contacts={props.contacts} showState />
    </Layout>
  );
}

export function StateDirectoryPage(props: {
  ctx: PageContext;
  csrf: string;
  state: { code: string; name: string };
  contacts: Contact[];
  canEdit: boolean;
  canExport: boolean;
  pending: { contact_id: string; version: number; effective_from: Date; removed: boolean; name: string }[];
  stale: { contact: Contact; reasons: string[] }[] | null;
  notice?: string;
}) {
  const { ctx, state } = props;
  const { t } = ctx;
  const dt = dateTime(ctx.locale);
  return (
    <Layout ctx={ctx} title={t('dir.state.title', { state: state.name })}>
      <p class="kicker">
        <a href="/directory">{t('dir.title')}</a>
      </p>
      <h1>{t('dir.state.title', { state: state.name })}</h1>
      <p class="note">{t('dir.confidential')}</p>
      {props.notice && (
        <p class="success" role="status">
          {props.notice}
        </p>
      )}
      <p>
        {props.canEdit && (
          <>
            <a href={`/directory/states/${state.code}/contacts/new`}>{t('dir.nominate')}</a>
            {' · '}
          </>
        )}
        {props.canExport && (
          <>
            {t('audit.export')}: <a href={`/directory/states/${state.code}/export?format=csv`}>CSV</a> ·{' '}
            <a href={`/directory/states/${state.code}/export?format=json`}>JSON</a>
            {' · '}
          </>
        )}
        <a href={`/directory/states/${state.code}/pings`}>{t('dir.pings.history')}</a>
      </p>
      {props.contacts.length ? (
        <ContactTable
          ctx={ctx}
          contacts={props.contacts}
          edit={props.canEdit}
          staleIds={new Set((props.stale ?? []).map((s) => s.contact.id))}
        />
      ) : (
        <p>{t('dir.none')}</p>
      )}
      {props.stale && props.stale.length > 0 && (
        <>
          <h2>{t('dir.stale.title')}</h2>
          <ul class="plain">
            {props.stale.map((s) => (
              <li>
                {s.contact.name}:{' '}
                {s.reasons.map((r) => t(r === 'unanswered' ? 'dir.stale.unanswered' : 'dir.stale.notUpdated')).join('; ')}
              </li>
            ))}
          </ul>
        </>
      )}
      {props.pending.length > 0 && (
        <>
          <h2>{t('dir.pending')}</h2>
          <ul class="plain">
            {props.pending.map((p) => (
              <li>
                {p.name}: {p.removed ? t('dir.pending.removal') : t('dir.pending.change', { version: p.version })} —{' '}
                {dt.format(new Date(p.effective_from))} UTC
              </li>
            ))}
          </ul>
        </>
      )}
    </Layout>
  );
}

export function ContactFormPage(props: {
  ctx: PageContext;
  csrf: string;
  state: { code: string; name: string; networks: string[] };
  action: string;
  value: Partial<ContactInput> & { effectiveFrom?: string };
  problems?: FormProblem[];
  editing: boolean;
  removeAction?: string;
  /** Whose role the removal takes, when it takes effect. */
  removalEffect?: { email: string; role: string; state: string } | null;
}) {
  const { ctx, value, state } = props;
  const { t } = ctx;
  const title = props.editing ? t('dir.edit.title', { name: value.name ?? '' }) : t('dir.nominate.title', { state: state.name });
  const problem = (f: string) => props.problems?.find((p) => p.field === f);
  return (
    <Layout ctx={ctx} title={title}>
      <p class="kicker">
        <a href={`/directory/states/${state.code}`}>{t('dir.state.title', { state: state.name })}</a>
      </p>
      <h1>{title}</h1>
      <Problems ctx={ctx} problems={props.problems ?? []} />
      <Form action={props.action} csrf={props.csrf}>
        <div class="field">
          <label for="f-kind">{t('dir.kind')}</label>
          {problem('kind') && (
            <p class="error" id="f-kind-error">
              {problem('kind')?.message}
            </p>
          )}
          <select id="f-kind" name="kind" aria-invalid={problem('kind') ? 'true' : undefined}>
            <option value="diplomatic" selected={value.kind === 'diplomatic'}>
              {t('dir.kind.diplomatic')}
            </option>
            <option value="technical" selected={value.kind === 'technical'}>
              {t('dir.kind.technical')}
            </option>
          </select>
        </div>
        <Field ctx={ctx} name="name" label="auth.name" value={value.name} problems={props.problems} maxLength={200} required />
        <Field ctx={ctx} name="position" label="dir.position" value={value.position} problems={props.problems} maxLength={200} />
        <Field
          ctx={ctx}
          name="institution"
          label="dir.institution"
          value={value.institution}
          problems={props.problems}
          maxLength={200}
          required
        />
        <Field ctx={ctx} name="email" type="email" label="auth.email" value={value.email} problems={props.problems} required />
        <Field
          ctx={ctx}
          name="phone"
          label="dir.phone"
          value={value.phone}
          hint={t('dir.phone.hint')}
          problems={props.problems}
          maxLength={40}
          required
        />
        <Field
          ctx={ctx}
          name="languages"
          label="dir.languages"
          value={value.languages?.join(', ')}
          hint={t('dir.languages.hint')}
          problems={props.problems}
          maxLength={60}
          required
        />
        <Field
          ctx={ctx}
          name="timeZone"
          label="dir.timeZone"
          value={value.timeZone}
          hint={t('dir.timeZone.hint')}
          problems={props.problems}
          maxLength={64}
          required
        />
        <div class="field">
          <label>
            <input type="checkbox" name="allDay" value="true" checked={value.allDay === true} /> {t('dir.allDay')}
          </label>
        </div>
        <Field
          ctx={ctx}
          name="hours"
          label="dir.hours"
          value={value.hours}
          hint={t('dir.hours.hint')}
          problems={props.problems}
          maxLength={200}
        />
        <fieldset id="f-networks">
          <legend>{t('dir.networks')}</legend>
          {problem('networks') && <p class="error">{problem('networks')?.message}</p>}
          {state.networks.map((n) => (
            <label>
              <input type="checkbox" name="networks" value={n} checked={(value.networks ?? ['GLOBAL']).includes(n as never)} />{' '}
              {n === 'GLOBAL' ? t('dir.network.global') : n}
            </label>
          ))}
        </fieldset>
        <Field
          ctx={ctx}
          name="effectiveFrom"
          type="date"
          label="dir.effective"
          value={value.effectiveFrom}
          hint={t('dir.effective.hint')}
          problems={props.problems}
        />
        <Submit>{props.editing ? t('dir.save') : t('dir.nominate')}</Submit>
      </Form>
      {props.removeAction && (
        <Form action={props.removeAction} csrf={props.csrf}>
          <h2>{t('dir.remove')}</h2>
          {props.removalEffect && (
            <p class="note">
              {t('dir.remove.roles', {
                role: t(props.removalEffect.role === 'poc_diplomatic' ? 'role.poc_diplomatic' : 'role.poc_technical'),
                state: state.name,
                email: props.removalEffect.email,
              })}
            </p>
          )}
          <Field ctx={ctx} name="effectiveFrom" type="date" label="dir.effective" hint={t('dir.effective.hint')} />
          <Submit secondary>{t('dir.remove')}</Submit>
        </Form>
      )}
    </Layout>
  );
}

export function HistoryPage(props: {
  ctx: PageContext;
  state: { code: string; name: string };
  versions: {
    version: number;
    effective_from: Date;
    removed: boolean;
    changed_by: string;
    changed_by_email: string | null;
    changed_at: Date;
    changes: Record<string, [unknown, unknown]>;
  }[];
}) {
  const { ctx } = props;
  const { t } = ctx;
  const dt = dateTime(ctx.locale);
  const show = (v: unknown) => (Array.isArray(v) ? v.join(', ') : v === null || v === undefined || v === '' ? '—' : String(v));
  return (
    <Layout ctx={ctx} title={t('dir.history')}>
      <p class="kicker">
        <a href={`/directory/states/${props.state.code}`}>{t('dir.state.title', { state: props.state.name })}</a>
      </p>
      <h1>{t('dir.history')}</h1>
      <ol class="events" reversed>
        {props.versions.map((v) => (
          <li>
            <p>
              <strong>{t('dir.version', { version: v.version })}</strong> — {v.changed_by_email ?? v.changed_by},{' '}
              {dt.format(new Date(v.changed_at))} UTC; {t('dir.effectiveAt', { date: dt.format(new Date(v.effective_from)) })}
            </p>
            <ul class="plain">
              {Object.entries(v.changes).map(([field, [from, to]]) => (
                <li>
                  <code>{field}</code>: {show(from)} → {show(to)}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </Layout>
  );
}

function StatsTable(props: { ctx: PageContext; caption: string; rows: Stats[]; label?: (key: string) => string }) {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <div class="table-wrap">
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{props.caption}</th>
            <th scope="col">{t('dir.stats.tasks')}</th>
            <th scope="col">{t('dir.stats.confirmed')}</th>
            <th scope="col">{t('dir.stats.rate')}</th>
            <th scope="col">{t('dir.stats.median')}</th>
            <th scope="col">{t('dir.stats.p95')}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((s) => (
            <tr>
              <td>{props.label ? props.label(s.key) : s.key}</td>
              <td>{s.tasks}</td>
              <td>{s.confirmed}</td>
              <td>{pct(ctx.locale, s.rate)}</td>
              <td>{duration(ctx.locale, s.medianMinutes)}</td>
              <td>{duration(ctx.locale, s.p95Minutes)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function RoundsPage(props: {
  ctx: PageContext;
  csrf: string;
  rounds: {
    id: string;
    title: string;
    started_at: Date;
    deadline: Date;
    closed_at: Date | null;
    tasks: number;
    confirmed: number;
  }[];
  stale: { contact: Contact; reasons: string[] }[];
  problems?: FormProblem[];
  value?: { title?: string; scopeKind?: string; scopeValue?: string; deadline?: string; reminderHours?: string };
}) {
  const { ctx } = props;
  const { t } = ctx;
  const dt = dateTime(ctx.locale);
  const v = props.value ?? {};
  return (
    <Layout ctx={ctx} title={t('dir.rounds.title')}>
      <h1>{t('dir.rounds.title')}</h1>
      <DirectoryNav ctx={ctx} current="/directory/rounds" />
      <h2 id="start">{t('dir.rounds.start')}</h2>
      <Problems ctx={ctx} problems={props.problems ?? []} />
      <Form action="/directory/rounds" csrf={props.csrf}>
        <Field
          ctx={ctx}
          name="title"
          label="dir.rounds.name"
          value={v.title}
          problems={props.problems}
          maxLength={200}
          required
        />
        <div class="field">
          <label for="f-scopeKind">{t('dir.rounds.scope')}</label>
          <select id="f-scopeKind" name="scopeKind">
            {(['all', 'group', 'network', 'states'] as const).map((k) => (
              <option value={k} selected={v.scopeKind === k}>
                {t(`dir.scope.${k}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <Field
          ctx={ctx}
          name="scopeValue"
          label="dir.rounds.scopeValue"
          value={v.scopeValue}
          hint={t('dir.rounds.scopeValue.hint')}
          problems={props.problems}
          maxLength={2000}
        />
        <Field
          ctx={ctx}
          name="deadline"
          type="date"
          label="dir.rounds.deadline"
          value={v.deadline}
          problems={props.problems}
          required
        />
        <Field
          ctx={ctx}
          name="reminderHours"
          label="dir.rounds.reminders"
          value={v.reminderHours ?? '48'}
          problems={props.problems}
          maxLength={4}
          required
        />
        <Submit>{t('dir.rounds.start')}</Submit>
      </Form>
      <h2>{t('dir.rounds.past')}</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('dir.rounds.name')}</th>
              <th scope="col">{t('dir.rounds.started')}</th>
              <th scope="col">{t('dir.rounds.deadline')}</th>
              <th scope="col">{t('dir.stats.rate')}</th>
            </tr>
          </thead>
          <tbody>
            {props.rounds.map((r) => (
              <tr>
                <td>
                  <a href={`/directory/rounds/${r.id}`}>{r.title}</a>
                  {!r.closed_at && <span class="tag">{t('dir.rounds.open')}</span>}
                </td>
                <td>{dt.format(new Date(r.started_at))}</td>
                <td>{dt.format(new Date(r.deadline))}</td>
                <td>
                  {r.confirmed}/{r.tasks} ({pct(ctx.locale, r.tasks ? r.confirmed / r.tasks : 0)})
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t('dir.stale.title')}</h2>
      {props.stale.length ? (
        <ul class="plain">
          {props.stale.map((s) => (
            <li>
              <a href={`/directory/states/${s.contact.state}`}>{s.contact.stateName}</a>: {s.contact.name} —{' '}
              {s.reasons.map((r) => t(r === 'unanswered' ? 'dir.stale.unanswered' : 'dir.stale.notUpdated')).join('; ')}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('dir.stale.none')}</p>
      )}
    </Layout>
  );
}

export function ReportPage(props: {
  ctx: PageContext;
  report: {
    round: { title: string; started_at: Date; deadline: Date; closed_at: Date | null };
    overall: Stats;
    byState: Stats[];
    byRegion: Stats[];
    byKind: Stats[];
    unanswered: { state: string; kind: string; name: string; email: string; reminders: number }[];
  };
  stateNames: Record<string, string>;
}) {
  const { ctx, report } = props;
  const { t } = ctx;
  const dt = dateTime(ctx.locale);
  const o = report.overall;
  return (
    <Layout ctx={ctx} title={report.round.title}>
      <p class="kicker">
        <a href="/directory/rounds">{t('dir.rounds.title')}</a>
      </p>
      <h1>{report.round.title}</h1>
      <p>
        {dt.format(new Date(report.round.started_at))} → {dt.format(new Date(report.round.deadline))} UTC ·{' '}
        {report.round.closed_at ? t('dir.rounds.closed') : t('dir.rounds.open')}
      </p>
      <p class="lead" role="status">
        {t('dir.report.summary', {
          confirmed: o.confirmed,
          tasks: o.tasks,
          rate: pct(ctx.locale, o.rate),
          median: duration(ctx.locale, o.medianMinutes),
          p95: duration(ctx.locale, o.p95Minutes),
        })}
      </p>
      <StatsTable
        ctx={ctx}
        caption={t('state.group')}
        rows={report.byRegion}
        label={(k) => (k in GROUP_KEYS ? t(GROUP_KEYS[k as keyof typeof GROUP_KEYS]) : t('state.status.other'))}
      />
      <StatsTable ctx={ctx} caption={t('dir.kind')} rows={report.byKind} label={(k) => t(KIND[k] ?? 'dir.kind')} />
      <StatsTable ctx={ctx} caption={t('state.name')} rows={report.byState} label={(k) => props.stateNames[k] ?? k} />
      <h2>{t('dir.report.unanswered')}</h2>
      {report.unanswered.length ? (
        <ul class="plain">
          {report.unanswered.map((u) => (
            <li>
              {props.stateNames[u.state] ?? u.state} — {t(KIND[u.kind])}: {u.name} ({u.email});{' '}
              {t('dir.report.reminders', { n: u.reminders })}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('dir.report.allAnswered')}</p>
      )}
    </Layout>
  );
}

export function StatePingsPage(props: {
  ctx: PageContext;
  state: { code: string; name: string };
  history: {
    id: string;
    title: string;
    startedAt: Date;
    closed: boolean;
    stats: Stats;
    contacts: { kind: string; name: string; minutes: number | null }[];
  }[];
}) {
  const { ctx } = props;
  const { t } = ctx;
  const dt = dateTime(ctx.locale);
  return (
    <Layout ctx={ctx} title={t('dir.pings.title', { state: props.state.name })}>
      <p class="kicker">
        <a href={`/directory/states/${props.state.code}`}>{t('dir.state.title', { state: props.state.name })}</a>
      </p>
      <h1>{t('dir.pings.title', { state: props.state.name })}</h1>
      {props.history.length === 0 && <p>{t('dir.pings.none')}</p>}
      {props.history.map((r) => (
        <section>
          <h2>
            {r.title} <span class="meta">{dt.format(new Date(r.startedAt))} UTC</span>
          </h2>
          <p>
            {r.stats.confirmed}/{r.stats.tasks} ({pct(ctx.locale, r.stats.rate)}) · {t('dir.stats.median')}:{' '}
            {duration(ctx.locale, r.stats.medianMinutes)}
          </p>
          <ul class="plain">
            {r.contacts.map((c) => (
              <li>
                {t(KIND[c.kind])}: {c.name} —{' '}
                {c.minutes === null
                  ? r.closed
                    ? t('dir.pings.noAnswer')
                    : t('dir.pings.waiting')
                  : duration(ctx.locale, c.minutes)}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Layout>
  );
}

export function TasksPage(props: {
  ctx: PageContext;
  csrf: string;
  tasks: {
    id: string;
    title: string;
    deadline: Date;
    state_code: string;
    kind: string;
    confirmed_at: Date | null;
    closed: boolean;
  }[];
  notice?: string;
}) {
  const { ctx } = props;
  const { t } = ctx;
  const dt = dateTime(ctx.locale);
  return (
    <Layout ctx={ctx} title={t('dir.tasks.title')}>
      <h1>{t('dir.tasks.title')}</h1>
      <DirectoryNav ctx={ctx} current="/directory/tasks" />
      {props.notice && (
        <p class="success" role="status">
          {props.notice}
        </p>
      )}
      {props.tasks.length === 0 && <p>{t('dir.tasks.none')}</p>}
      <ul class="plain">
        {props.tasks.map((task) => (
          <li>
            <strong>{task.title}</strong> ({t(KIND[task.kind])}, {task.state_code}) —{' '}
            {t('dir.tasks.until', { date: dt.format(new Date(task.deadline)) })}{' '}
            {task.confirmed_at ? (
              <span class="tag">{t('dir.tasks.confirmedAt', { date: dt.format(new Date(task.confirmed_at)) })}</span>
            ) : task.closed ? (
              <span class="tag">{t('dir.rounds.closed')}</span>
            ) : (
              <Form action={`/directory/tasks/${task.id}/confirm`} csrf={props.csrf} class="inline">
                <Submit>{t('dir.tasks.confirm')}</Submit>
              </Form>
            )}
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export function ParticipationPage(props: {
  ctx: PageContext;
  byGroup: { un_group: string | null; states: number }[];
  rounds: { title: string; started_at: Date; tasks: number; confirmed: number; states: number; states_confirmed: number }[];
}) {
  const { ctx } = props;
  const { t } = ctx;
  const total = props.byGroup.reduce((n, g) => n + g.states, 0);
  const max = Math.max(1, ...props.byGroup.map((g) => g.states));
  const dt = new Intl.DateTimeFormat(ctx.locale, { dateStyle: 'medium', timeZone: 'UTC' });
  return (
    <Layout ctx={ctx} title={t('dir.participation.title')}>
      <h1>{t('dir.participation.title')}</h1>
      <p class="lead">{t('dir.participation.intro', { count: total })}</p>
      <figure class="picture">
        <svg class="bars" viewBox={`0 0 640 ${props.byGroup.length * 36 + 10}`} role="img" aria-labelledby="bars-title">
          <title id="bars-title">{t('dir.participation.chart')}</title>
          {props.byGroup.map((g, i) => {
            const label =
              g.un_group && g.un_group in GROUP_KEYS
                ? t(GROUP_KEYS[g.un_group as keyof typeof GROUP_KEYS])
                : t('state.status.other');
            const w = Math.round((g.states / max) * 300);
            return (
              <g transform={`translate(0 ${i * 36 + 5})`}>
                <text x="0" y="20" font-size="13" fill="currentColor">
                  {label}
                </text>
                <rect x="300" y="6" width={w} height="20" fill="#0b3d91" />
                <text x={304 + w} y="21" font-size="13" fill="currentColor">
                  {g.states}
                </text>
              </g>
            );
          })}
        </svg>
      </figure>
      <h2>{t('dir.participation.rounds')}</h2>
      {props.rounds.length ? (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('dir.rounds.name')}</th>
                <th scope="col">{t('dir.rounds.started')}</th>
                <th scope="col">{t('dir.participation.contacts')}</th>
                <th scope="col">{t('dir.participation.states')}</th>
              </tr>
            </thead>
            <tbody>
              {props.rounds.map((r) => (
                <tr>
                  <td>{r.title}</td>
                  <td>{dt.format(new Date(r.started_at))}</td>
                  <td>{pct(ctx.locale, r.tasks ? r.confirmed / r.tasks : 0)}</td>
                  <td>{pct(ctx.locale, r.states ? r.states_confirmed / r.states : 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t('dir.pings.none')}</p>
      )}
    </Layout>
  );
}
