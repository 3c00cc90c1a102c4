// The communication checks' pages: the manager's rounds and a round's report, a State's record, one's own
// tasks, and the public participation figures.

import type { PageContext } from '../../views/context.ts';
import { dateTime, duration, pct } from '../../views/format.ts';
import { Field, Form, type FormProblem, Problems, Submit } from '../../views/forms.tsx';
import { GROUP_KEYS } from '../../views/groups.ts';
import { Layout } from '../../views/layout.tsx';
import type { StateChoice } from '../../views/state-picker.tsx';
import type { Contact } from './directory.validate.ts';
import { DirectoryNav, KIND } from './directory.views.tsx';
import type { Stats } from './pings.stats.ts';
import { RoundScopeFields, type ScopeValue } from './scope.views.tsx';

function StatsTable(props: { ctx: PageContext; caption: string; rows: Stats[]; label?: (key: string) => string }) {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <div class="table-wrap">
      {/* One card per row on a phone, each figure named by its column. */}
      <table class="stacked">
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
              <td data-label={t('dir.stats.tasks')}>{s.tasks}</td>
              <td data-label={t('dir.stats.confirmed')}>{s.confirmed}</td>
              <td data-label={t('dir.stats.rate')}>{pct(ctx.locale, s.rate)}</td>
              <td data-label={t('dir.stats.median')}>{duration(ctx.locale, s.medianMinutes)}</td>
              <td data-label={t('dir.stats.p95')}>{duration(ctx.locale, s.p95Minutes)}</td>
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
  value?: { title?: string; deadline?: string; reminderHours?: string } & ScopeValue;
  /** Every State, to tick for a round that asks chosen States. */
  states: StateChoice[];
  /** The networks' organisations, named in the reader's language, by code. */
  organisations: Record<string, string>;
}) {
  const { ctx } = props;
  const { t } = ctx;
  const dt = dateTime(ctx.locale);
  const v = props.value ?? {};
  return (
    <Layout ctx={ctx} title={t('dir.rounds.title')} scripts={['state-picker.js']}>
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
        <RoundScopeFields
          ctx={ctx}
          value={v}
          states={props.states}
          organisations={props.organisations}
          problems={props.problems}
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
      {props.rounds.length ? (
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
      ) : (
        <p>{t('dir.rounds.none')}</p>
      )}
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
        <ul class="plain unanswered">
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
  /** The demo States' names, said not to be counted. */
  demo: string[];
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
      {props.demo.length > 0 && <p class="notice">{t('dir.participation.demo', { states: props.demo.join(', ') })}</p>}
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
