// The registry's public pages: States by UN regional group, one State, organisations and their members.

import { GROUP_NOTES, GROUPS_SOURCE_URLS, type UnGroup } from '../../content/registry.ts';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import type { PageContext } from '../../views/context.ts';
import { GROUP_KEYS } from '../../views/groups.ts';
import { Layout } from '../../views/layout.tsx';
import type { StateProfile } from './registry.pages.tsx';
import type { OrganisationView, StateView } from './registry.service.ts';
import { type StateIncidentLists, StateIncidents } from './state-incidents.views.tsx';

const GROUP_NOTE_KEYS: Record<(typeof GROUP_NOTES)[string], MessageKey> = {
  observer: 'group.note.observer',
  kiribati: 'group.note.kiribati',
  turkiye: 'group.note.turkiye',
  israel: 'group.note.israel',
};

/** The States of a group with a place in it that is not plain membership, and what the UN says of it. */
function GroupNotes(props: { ctx: PageContext; states: StateView[] }) {
  const { t } = props.ctx;
  const special = props.states.filter((s) => GROUP_NOTES[s.code]);
  return (
    <>
      {special.length > 0 && (
        <ul class="plain notes">
          {special.map((s) => (
            <li>
              <a href={`/states/${s.code}`}>{s.name}</a>: {t(GROUP_NOTE_KEYS[GROUP_NOTES[s.code]])}
            </li>
          ))}
        </ul>
      )}
      <p class="meta">
        {t('states.groupsSource')}{' '}
        {GROUPS_SOURCE_URLS.map((url, i) => (
          <>
            {i > 0 && ' · '}
            <a href={url}>{new URL(url).hostname}</a>
          </>
        ))}
      </p>
    </>
  );
}

const STATUS_KEYS: Record<string, MessageKey> = {
  member: 'state.status.member',
  observer: 'state.status.observer',
  other: 'state.status.other',
  demo: 'state.status.demo',
};

function StateTable(props: { ctx: PageContext; states: StateView[] }) {
  const { t } = props.ctx;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t('state.name')}</th>
            <th scope="col">ISO</th>
            <th scope="col">{t('state.group')}</th>
            <th scope="col">{t('state.organisations')}</th>
          </tr>
        </thead>
        <tbody>
          {props.states.map((s) => (
            <tr>
              <td>
                <a href={`/states/${s.code}`}>{s.name}</a>
                {s.status !== 'member' && <span class="meta"> ({t(STATUS_KEYS[s.status])})</span>}
              </td>
              <td>{s.code}</td>
              <td>
                {s.unGroup ? t(GROUP_KEYS[s.unGroup]) : '—'}
                {GROUP_NOTES[s.code] === 'observer' && <span class="meta"> ({t('group.observer')})</span>}
              </td>
              <td>{s.organisations.join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function StatesPage(props: {
  ctx: PageContext;
  states: StateView[];
  group: UnGroup | null;
  organisations: OrganisationView[];
}) {
  const { ctx } = props;
  const { t } = ctx;
  const members = props.states.filter((s) => s.status === 'member').length;
  return (
    <Layout ctx={ctx} title={t('states.title')}>
      <h1>{t('states.title')}</h1>
      {props.group === null && <p class="lead">{t('states.intro', { count: members })}</p>}
      <nav aria-label={t('state.group')}>
        <ul class="chips">
          <li>
            <a href="/states" aria-current={props.group === null ? 'page' : undefined}>
              {t('states.all')}
            </a>
          </li>
          {(Object.keys(GROUP_KEYS) as UnGroup[]).map((g) => (
            <li>
              <a href={`/states?group=${g}`} aria-current={props.group === g ? 'page' : undefined}>
                {t(GROUP_KEYS[g])}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <h2>{t('organisations.title')}</h2>
      <ul class="chips">
        {props.organisations.map((o) => (
          <li>
            <a href={`/organisations/${o.code}`}>
              {o.code} ({o.members})
            </a>
          </li>
        ))}
      </ul>
      <h2>{props.group ? t(GROUP_KEYS[props.group]) : t('states.all')}</h2>
      {props.group && (
        <p>
          {t('states.groupMembers', {
            count: props.states.filter((s) => s.status === 'member' && GROUP_NOTES[s.code] !== 'observer').length,
          })}
        </p>
      )}
      <GroupNotes ctx={ctx} states={props.states} />
      <StateTable ctx={ctx} states={props.states} />
    </Layout>
  );
}

export function StatePage(props: {
  ctx: PageContext;
  state: StateView;
  organisations: OrganisationView[];
  canSeePeople: boolean;
  profile?: StateProfile;
  incidents?: StateIncidentLists;
}) {
  const { ctx, state } = props;
  const date = new Intl.DateTimeFormat(ctx.locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={state.name}>
      <p class="kicker">
        <a href="/states">{t('states.title')}</a>
      </p>
      <h1>{state.name}</h1>
      {state.status === 'demo' && <p class="notice demo">{t('state.demo')}</p>}
      <dl class="defs">
        <div>
          <dt>{t('state.status')}</dt>
          <dd>{t(STATUS_KEYS[state.status])}</dd>
        </div>
        <div>
          <dt>ISO 3166-1</dt>
          <dd>
            {state.code} / {state.alpha2}
          </dd>
        </div>
        <div>
          <dt>{t('state.group')}</dt>
          <dd>
            {state.unGroup ? <a href={`/states?group=${state.unGroup}`}>{t(GROUP_KEYS[state.unGroup])}</a> : '—'}
            {GROUP_NOTES[state.code] && <p class="note">{t(GROUP_NOTE_KEYS[GROUP_NOTES[state.code]])}</p>}
          </dd>
        </div>
        <div>
          <dt>{t('state.organisations')}</dt>
          <dd>
            {state.organisations.length
              ? props.organisations
                  .filter((o) => state.organisations.includes(o.code))
                  .map((o) => (
                    <>
                      <a href={`/organisations/${o.code}`}>{o.name}</a>{' '}
                    </>
                  ))
              : '—'}
          </dd>
        </div>
        <div>
          <dt>{t('state.names')}</dt>
          <dd>
            <ul class="names">
              {(['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const).map((l) => (
                <li lang={l} dir={l === 'ar' ? 'rtl' : 'ltr'}>
                  {state.names[l]}
                </li>
              ))}
            </ul>
          </dd>
        </div>
      </dl>
      {props.profile && (
        <section id="profile">
          <h2>{t('profile.title')}</h2>
          <dl class="defs">
            <div>
              <dt>{t('profile.reports')}</dt>
              <dd>
                {props.profile.reports.length
                  ? props.profile.reports.map((r) => (
                      <>
                        <a href={`/states/${state.code}/reports/${r.cycle}`}>
                          {t('report.cycle', { year: String(r.cycle) })}
                        </a>{' '}
                      </>
                    ))
                  : t('profile.noReports')}
              </dd>
            </div>
            <div>
              <dt>{t('profile.directory')}</dt>
              <dd>{props.profile.participates ? t('profile.yes') : t('profile.no')}</dd>
            </div>
            <div>
              <dt>{t('profile.updated')}</dt>
              <dd>{props.profile.lastUpdate ? date.format(new Date(props.profile.lastUpdate)) : '—'}</dd>
            </div>
          </dl>
        </section>
      )}
      {props.incidents && <StateIncidents ctx={ctx} code={state.code} incidents={props.incidents} />}
      {props.canSeePeople && (
        <p>
          <a href={`/states/${state.code}/people`}>{t('people.link')}</a> ·{' '}
          <a href={`/states/${state.code}/reports`}>{t('report.cycles.title', { state: state.name })}</a>
        </p>
      )}
    </Layout>
  );
}

export function OrganisationsPage(props: { ctx: PageContext; organisations: OrganisationView[] }) {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('organisations.title')}>
      <h1>{t('organisations.title')}</h1>
      <p class="lead">{t('organisations.intro')}</p>
      <ul class="cards">
        {props.organisations.map((o) => (
          <li>
            <h2>
              <a href={`/organisations/${o.code}`}>{o.code}</a>
            </h2>
            <p>{o.name}</p>
            <p class="meta">{t('organisations.members', { count: o.members })}</p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export function OrganisationPage(props: { ctx: PageContext; organisation: OrganisationView & { states: StateView[] } }) {
  const { ctx, organisation: o } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={o.name}>
      <p class="kicker">
        <a href="/organisations">{t('organisations.title')}</a>
      </p>
      <h1>
        {o.name} ({o.code})
      </h1>
      <p>
        {t('organisations.members', { count: o.members })} · <a href={o.url}>{o.url}</a>
      </p>
      <StateTable ctx={ctx} states={o.states} />
    </Layout>
  );
}
