// The directory's own pages: browse (with filters) and a State's entries, and the pieces its other pages share
// (section links, the contacts table, contact kinds). Pure functions of the data they are given.

import type { MessageKey } from '../../platform/i18n/i18n.ts';
import { ChipNav } from '../../views/components.tsx';
import type { PageContext } from '../../views/context.ts';
import { dateTime } from '../../views/format.ts';
import { type FormProblem, Problems } from '../../views/forms.tsx';
import { GROUP_KEYS } from '../../views/groups.ts';
import { Layout } from '../../views/layout.tsx';
import { formatPhone, LanguageSelect } from './choices.views.tsx';
import type { Contact } from './directory.validate.ts';
import { NETWORKS } from './directory.validate.ts';

export const KIND: Record<string, MessageKey> = { diplomatic: 'dir.kind.diplomatic', technical: 'dir.kind.technical' };
export const langName = (locale: string) => new Intl.DisplayNames([locale], { type: 'language', fallback: 'code' });

/** The directory's section links, on each of its pages. */
export function DirectoryNav(props: { ctx: PageContext; current: string }) {
  const links: [string, MessageKey][] = [
    ['/directory', 'dir.nav.browse'],
    ['/directory/tasks', 'dir.nav.tasks'],
    ['/directory/rounds', 'dir.nav.rounds'],
    ['/directory/participation', 'dir.nav.participation'],
  ];
  return <ChipNav ctx={props.ctx} label={props.ctx.t('dir.title')} links={links} current={props.current} />;
}

/** Contacts as a table, with edit and history links for the focal point and stale ones marked. */
export function ContactTable(props: {
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
      <table class="stacked">
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
                <td data-label={t('state.name')}>
                  <a href={`/directory/states/${c.state}`}>{c.stateName}</a>
                </td>
              )}
              <td data-label={t('dir.kind')}>{t(KIND[c.kind])}</td>
              <td data-label={t('dir.contact')}>
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
              <td data-label={t('dir.reach')}>
                <a href={`mailto:${c.email}`}>{c.email}</a>
                <br />
                <a href={`tel:${c.phone}`}>{formatPhone(c.phone)}</a>
              </td>
              <td data-label={t('dir.languages')}>{c.languages.map((l) => names.of(l) ?? l).join(', ')}</td>
              <td data-label={t('dir.availability')}>
                {c.allDay ? t('dir.allDay') : c.hours}
                <br />
                <span class="meta">{c.timeZone}</span>
              </td>
              <td data-label={t('dir.networks')}>
                {c.networks.map((n) => (n === 'GLOBAL' ? t('dir.network.global') : n)).join(', ')}
              </td>
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
        <LanguageSelect ctx={ctx} value={filter.language} allLabel={t('states.all')} />
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
