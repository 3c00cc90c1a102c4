// The world map of reporting for a norm and cycle, a chart by UN regional group, and the comparison of
// States norm by norm. All drawn on the server (SVG), readable without JavaScript; every figure is also in
// a table.

import type { PageContext } from '../../views/context.ts';
import { GROUP_KEYS } from '../../views/groups.ts';
import { Layout } from '../../views/layout.tsx';

const NORMS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k'];

export interface MapState {
  code: string;
  name: string;
  group: string | null;
  /** null: no public report in the cycle; else the number of measures reported for the norm. */
  measures: number | null;
}

const shade = (m: number | null) => (m === null ? 'none' : m === 0 ? 'zero' : m <= 2 ? 'few' : m <= 4 ? 'some' : 'many');

function Choose(props: { ctx: PageContext; action: string; norm?: string; cycle: number; cycles: number[]; states?: string }) {
  const { t } = props.ctx;
  return (
    <form method="get" action={props.action} class="filters">
      {props.norm !== undefined && (
        <div class="field">
          <label for="f-norm">{t('map.norm')}</label>
          <select id="f-norm" name="norm">
            {NORMS.map((n) => (
              <option value={n} selected={n === props.norm}>
                {t('comm.norm', { letter: n })}
              </option>
            ))}
          </select>
        </div>
      )}
      {props.states !== undefined && (
        <div class="field">
          <label for="f-states">{t('compare.states')}</label>
          <input id="f-states" name="states" value={props.states} maxLength={200} />
        </div>
      )}
      <div class="field">
        <label for="f-cycle">{t('map.cycle')}</label>
        <select id="f-cycle" name="cycle">
          {props.cycles.map((c) => (
            <option value={String(c)} selected={c === props.cycle}>
              {c}
            </option>
          ))}
        </select>
      </div>
      <button type="submit">{t('map.show')}</button>
    </form>
  );
}

export function MapPage(props: {
  ctx: PageContext;
  norm: string;
  cycle: number;
  cycles: number[];
  states: MapState[];
  paths: Map<string, string>;
  width: number;
  height: number;
}) {
  const { ctx } = props;
  const { t } = ctx;
  const reported = props.states.filter((s) => s.measures !== null);
  const groups = Object.keys(GROUP_KEYS).map((g) => {
    const inGroup = props.states.filter((s) => s.group === g);
    return { g, total: inGroup.length, reported: inGroup.filter((s) => s.measures !== null).length };
  });
  const max = Math.max(1, ...groups.map((g) => g.total));
  const title = t('map.title', { letter: props.norm, year: String(props.cycle) });
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class="lead">{t('map.summary', { n: String(reported.length), total: String(props.states.length) })}</p>
      <Choose ctx={ctx} action="/map" norm={props.norm} cycle={props.cycle} cycles={props.cycles} />
      <figure class="map">
        <svg viewBox={`0 0 ${props.width} ${props.height}`} role="group" aria-labelledby="map-title" class="world">
          <title id="map-title">{title}</title>
          {props.states.map((s) => {
            const d = props.paths.get(s.code);
            return d ? (
              <a href={`/states/${s.code}`}>
                <path d={d} class={`m-${shade(s.measures)}`} data-state={s.code}>
                  <title>
                    {s.name}: {s.measures === null ? t('map.none') : t('map.measures', { n: String(s.measures) })}
                  </title>
                </path>
              </a>
            ) : null;
          })}
        </svg>
        <figcaption>
          <ul class="legend">
            {(['none', 'zero', 'few', 'some', 'many'] as const).map((k) => (
              <li>
                <span class={`swatch m-${k}`} /> {t(`map.legend.${k}`)}
              </li>
            ))}
          </ul>
        </figcaption>
      </figure>
      <h2>{t('map.groups')}</h2>
      <svg viewBox={`0 0 640 ${groups.length * 34 + 10}`} role="img" aria-labelledby="chart-title" class="chart">
        <title id="chart-title">{t('map.groups')}</title>
        {groups.map((g, i) => (
          <g transform={`translate(0 ${i * 34 + 5})`}>
            <text x="0" y="18" class="chart-label">
              {t(GROUP_KEYS[g.g as keyof typeof GROUP_KEYS])}
            </text>
            <rect x="300" y="4" width={(g.total / max) * 260} height="20" class="bar-total" />
            <rect x="300" y="4" width={(g.reported / max) * 260} height="20" class="bar-reported" />
            <text x={306 + (g.total / max) * 260} y="18" class="chart-value">
              {g.reported} / {g.total}
            </text>
          </g>
        ))}
      </svg>
      <div class="table-wrap">
        <table>
          <caption>{t('map.table')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('comm.state')}</th>
              <th scope="col">{t('map.measuresCol')}</th>
            </tr>
          </thead>
          <tbody>
            {reported.map((s) => (
              <tr>
                <td>
                  <a href={`/states/${s.code}/reports/${props.cycle}`}>{s.name}</a>
                </td>
                <td>{s.measures}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

export function ComparePage(props: {
  ctx: PageContext;
  cycle: number;
  cycles: number[];
  states: { code: string; name: string }[];
  published: string[];
  measures: Record<string, Record<string, string[]>>;
  query: string;
  problems?: string[];
}) {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('compare.title')}>
      <h1>{t('compare.title')}</h1>
      <p>{t('compare.explain')}</p>
      <Choose ctx={ctx} action="/compare" cycle={props.cycle} cycles={props.cycles} states={props.query} />
      {props.problems?.length ? (
        <div class="problems" role="alert">
          <ul>
            {props.problems.map((p) => (
              <li>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {props.states.length > 0 && (
        <div class="table-wrap">
          <table class="compare">
            <thead>
              <tr>
                <th scope="col">{t('map.norm')}</th>
                {props.states.map((s) => (
                  <th scope="col">
                    <a href={`/states/${s.code}`}>{s.name}</a>
                    {!props.published.includes(s.code) && <span class="tag">{t('compare.notPublished')}</span>}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {NORMS.map((n) => (
                <tr>
                  <th scope="row">
                    <a href={`/norms/${n}`}>{t('comm.norm', { letter: n })}</a>
                  </th>
                  {props.states.map((s) => (
                    <td>
                      {(props.measures[n]?.[s.code] ?? []).length ? (
                        <ul class="plain">
                          {(props.measures[n]?.[s.code] ?? []).map((m) => (
                            <li>{m}</li>
                          ))}
                        </ul>
                      ) : (
                        '—'
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}
