// The public record's list: its filters (a GET form, no script needed; a malformed filter is named, refused with
// 400 and not applied, the others are), the incidents found, 50 a page, and the links to the other pages.
import type { FieldProblem } from '../../platform/errors.ts';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import { reasonText } from '../../platform/i18n/reasons.ts';
import type { PageContext } from '../../views/context.ts';
import { GROUP_KEYS } from '../../views/groups.ts';
import { Layout } from '../../views/layout.tsx';
import type { FilterQuery } from './incidents.schemas.ts';
import type { IncidentView } from './incidents.service.ts';
import type { ListLanguages } from './incidents.translations.views.tsx';
import { listIn, type Names, partialDate } from './incidents.views.tsx';
import { INCIDENT_TYPES, NORM_LETTERS, SECTORS } from './incidents.vocab.ts';

const k = (key: string) => key as MessageKey;
/** Each filter's label, to name a refused one as the form names it. */
const LABELS: Record<string, MessageKey> = {
  year: 'incidents.filter.year',
  type: 'incidents.field.types',
  target: 'incidents.filter.target',
  region: 'incidents.filter.region',
  sector: 'incidents.field.sectors',
  attributor: 'incidents.filter.attributor',
  attributed: 'incidents.filter.attributed',
  norm: 'incidents.filter.norm',
  contested: 'incidents.filter.contested',
  page: 'incidents.filter.page',
};

function Select(props: {
  ctx: PageContext;
  name: string;
  label: MessageKey;
  value?: string;
  options: [string, string][];
  /** The value asked for was refused (and is not applied). */
  refused?: boolean;
}) {
  const refused = props.refused ? { 'aria-invalid': 'true' as const, 'aria-describedby': 'problems' } : {};
  return (
    <div class="field">
      <label for={`f-${props.name}`}>{props.ctx.t(props.label)}</label>
      <select id={`f-${props.name}`} name={props.name} {...refused}>
        <option value="">{props.ctx.t('incidents.filter.any')}</option>
        {props.options.map(([v, label]) => (
          <option value={v} selected={props.value === v}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function IncidentsPage(props: {
  ctx: PageContext;
  views: IncidentView[];
  /** How many match on all pages, and how many a page shows. */
  total: number;
  perPage: number;
  filter: FilterQuery;
  names: Names;
  /** What the filters offer: the years, States and actors present in the published record. */
  choices: { years: number[]; targets: string[]; attributors: string[]; attributed: string[] };
  canEdit: boolean;
  /** The filters refused (a malformed value, answered 400), each named with why; the others are applied. */
  refused: FieldProblem[];
  /** Each title's language, and whose translation the titles are (incidents.translations.views.tsx). */
  languages?: ListLanguages;
}) {
  const { ctx, filter, names } = props;
  const { t } = ctx;
  const refused = new Set(props.refused.map((p) => p.field));
  const states = (codes: string[]): [string, string][] =>
    codes.map((c): [string, string] => [c, names.get(c) ?? c]).sort((a, b) => a[1].localeCompare(b[1], ctx.locale));
  return (
    <Layout ctx={ctx} title={t('incidents.title')} feed={{ href: '/feeds/incidents.atom', title: t('incidents.feed') }}>
      <h1>{t('incidents.title')}</h1>
      <p class="lead">{t('incidents.intro')}</p>
      {props.languages?.notice}
      {props.canEdit && (
        <p>
          <a href="/incidents/review">{t('incidents.review.title')}</a>
        </p>
      )}
      <p>
        <a href="/api/v1/incidents/stix" download>
          {t('incidents.stix.all')}
        </a>{' '}
        · <a href="/feeds/incidents.atom">{t('incidents.feed')}</a> ·{' '}
        <a href={withFilter('/api/v1/incidents/csv', filter)} download>
          {t('incidents.csv')}
        </a>
      </p>
      {props.refused.length > 0 && (
        <div class="problems" role="alert" tabIndex={-1} id="problems">
          <h2>{t('incidents.filter.refused')}</h2>
          <ul>
            {props.refused.map((p) => (
              <li>
                {LABELS[p.field] && p.field !== 'page' ? (
                  <a href={`#f-${p.field}`}>
                    {t(LABELS[p.field])}: {reasonText(ctx.locale, p.code, p.params)}
                  </a>
                ) : (
                  `${LABELS[p.field] ? t(LABELS[p.field]) : p.field}: ${reasonText(ctx.locale, p.code, p.params)}`
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      <form method="get" action="/incidents" class="filters">
        {(
          [
            ['year', props.choices.years.map((y) => [String(y), String(y)])],
            ['type', INCIDENT_TYPES.map((x) => [x, t(k(`incidents.type.${x}`))])],
            ['target', states(props.choices.targets)],
            ['region', Object.entries(GROUP_KEYS).map(([g, key]) => [g, t(key)])],
            ['sector', SECTORS.map((x) => [x, t(k(`incidents.sector.${x}`))])],
            ['attributor', states(props.choices.attributors)],
            ['attributed', props.choices.attributed.map((a) => [a, names.get(a) ?? a])],
            ['norm', NORM_LETTERS.map((n) => [n, t('comm.norm', { letter: n })])],
            [
              'contested',
              [
                ['yes', t('incidents.contested')],
                ['no', t('incidents.uncontested')],
              ],
            ],
          ] as [Exclude<keyof FilterQuery, 'page'>, [string, string][]][]
        ).map(([name, options]) => (
          <Select
            ctx={ctx}
            name={name}
            refused={refused.has(name)}
            label={LABELS[name]}
            value={filter[name] === undefined ? undefined : String(filter[name])}
            options={options}
          />
        ))}
        <button type="submit">{t('incidents.filter.apply')}</button>
      </form>
      <p role="status">{t('incidents.count', { count: props.total })}</p>
      <ul class="cards">
        {props.views.map((v) => (
          <li>
            <h2>
              <a href={`/incidents/${v.incident.id}`} {...props.languages?.attrs(v.incident.id)}>
                {v.incident.title}
              </a>
            </h2>
            <p>
              {partialDate(ctx, v.incident.started_on, v.incident.started_precision)} ·{' '}
              {listIn(
                ctx,
                v.incident.types.map((x) => t(k(`incidents.type.${x}`))),
              )}
            </p>
            <p>
              {t('incidents.claims.count', { count: v.claims.length })}{' '}
              {v.contested ? (
                <span class="tag warn">{t('incidents.contested')}</span>
              ) : (
                <span class="tag">{t('incidents.uncontested')}</span>
              )}
              {v.incident.status !== 'published' && <span class="tag">{t(k(`incidents.status.${v.incident.status}`))}</span>}
            </p>
          </li>
        ))}
      </ul>
      {props.views.length === 0 && <p>{t('incidents.none')}</p>}
      <Pages ctx={ctx} filter={filter} total={props.total} perPage={props.perPage} />
    </Layout>
  );
}

/** The address with the filter's values (not its page) and these more. */
function withFilter(path: string, filter: FilterQuery, more: Record<string, string> = {}) {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value !== undefined && key !== 'page') q.set(key, String(value));
  for (const [key, value] of Object.entries(more)) q.set(key, value);
  const query = q.toString();
  return `${path}${query ? `?${query}` : ''}`;
}

/** Links to the pages before and after this one, keeping the filter; "page 2 of 7". */
function Pages(props: { ctx: PageContext; filter: FilterQuery; total: number; perPage: number }) {
  const { t } = props.ctx;
  const page = props.filter.page ?? 1;
  const pages = Math.max(1, Math.ceil(props.total / props.perPage));
  if (pages === 1 && page === 1) return null;
  const href = (n: number) => withFilter('/incidents', props.filter, n > 1 ? { page: String(n) } : {});
  return (
    <nav class="pager" aria-label={t('incidents.pages')}>
      {page > 1 && (
        <a href={href(Math.min(page - 1, pages))} rel="prev">
          {t('incidents.page.prev')}
        </a>
      )}{' '}
      <span>{t('incidents.page.of', { page, pages })}</span>{' '}
      {page < pages && (
        <a href={href(page + 1)} rel="next">
          {t('incidents.page.next')}
        </a>
      )}
    </nav>
  );
}
