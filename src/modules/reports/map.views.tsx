// The world map of reporting for a norm and cycle, the UN regional groups as bars, and the comparison of
// States norm by norm. Drawn on the server, readable without JavaScript; every figure is also in words or a
// table, and tables read as one card per row on a phone. Norms are named by their titles in the reader's
// language; demo States are listed apart, never counted with the Member States.

import type { UnGroup } from '../../content/registry.ts';
import type { PageContext } from '../../views/context.ts';
import { GROUP_KEYS } from '../../views/groups.ts';
import { Layout } from '../../views/layout.tsx';
import { type StateChoice, StatePicker } from '../../views/state-picker.tsx';
import type { NormTitles } from './part.views.tsx';

const NORMS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k'];

export interface MapState {
  code: string;
  name: string;
  group: UnGroup | null;
  /** null: no public report in the cycle; else the number of measures reported for the norm. */
  measures: number | null;
}

const shade = (m: number | null) => (m === null ? 'none' : m === 0 ? 'zero' : m <= 2 ? 'few' : m <= 4 ? 'some' : 'many');

/** "Norm c: Prevent misuse of ICTs in your territory", in the reader's language. */
export const normLabel = (ctx: PageContext, letter: string, titles: NormTitles) =>
  titles[letter]
    ? ctx.t('report.normTitle', { norm: ctx.t('comm.norm', { letter }), title: titles[letter] })
    : ctx.t('comm.norm', { letter });

function CycleField(props: { ctx: PageContext; cycle: number; cycles: number[] }) {
  return (
    <div class="field">
      <label for="f-cycle">{props.ctx.t('map.cycle')}</label>
      <select id="f-cycle" name="cycle">
        {props.cycles.map((c) => (
          <option value={String(c)} selected={c === props.cycle}>
            {c}
          </option>
        ))}
      </select>
    </div>
  );
}

export function MapPage(props: {
  ctx: PageContext;
  norm: string;
  cycle: number;
  cycles: number[];
  /** The Member States, on the map and counted. */
  states: MapState[];
  /** The demo States, listed apart and never counted. */
  demo: MapState[];
  titles: NormTitles;
  paths: Map<string, string>;
  width: number;
  height: number;
}) {
  const { ctx } = props;
  const { t } = ctx;
  const reported = props.states.filter((s) => s.measures !== null);
  const demoReported = props.demo.filter((s) => s.measures !== null);
  const groups = (Object.keys(GROUP_KEYS) as UnGroup[]).map((g) => {
    const inGroup = props.states.filter((s) => s.group === g);
    return { g, total: inGroup.length, reported: inGroup.filter((s) => s.measures !== null).length };
  });
  const title = t('map.title', { letter: props.norm, year: String(props.cycle) });
  const demoNames = props.demo.map((s) => s.name).join(', ');
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      {props.titles[props.norm] && (
        <p class="kicker">
          <a href={`/norms/${props.norm}`}>{normLabel(ctx, props.norm, props.titles)}</a>
        </p>
      )}
      <p class="lead">{t('map.summary', { n: String(reported.length), total: String(props.states.length) })}</p>
      {props.demo.length > 0 && <p class="notice">{t('map.demo.note', { states: demoNames })}</p>}
      <form method="get" action="/map" class="filters">
        <div class="field norm-field">
          <label for="f-norm">{t('map.norm')}</label>
          <select id="f-norm" name="norm">
            {NORMS.map((n) => (
              <option value={n} selected={n === props.norm}>
                {normLabel(ctx, n, props.titles)}
              </option>
            ))}
          </select>
        </div>
        <CycleField ctx={ctx} cycle={props.cycle} cycles={props.cycles} />
        <button type="submit">{t('map.show')}</button>
      </form>
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
      <h2 id="groups-title">{t('map.groups')}</h2>
      <ul class="group-bars" aria-labelledby="groups-title">
        {groups.map((g) => (
          <li>
            <span class="group-name">{t(GROUP_KEYS[g.g])}</span>
            <svg viewBox="0 0 100 6" preserveAspectRatio="none" class="group-bar" aria-hidden="true">
              <rect x="0" y="0" width="100" height="6" class="bar-total" />
              <rect x="0" y="0" width={g.total ? (g.reported / g.total) * 100 : 0} height="6" class="bar-reported" />
            </svg>
            <span class="group-value">{t('map.groupValue', { n: String(g.reported), total: String(g.total) })}</span>
          </li>
        ))}
      </ul>
      {props.demo.length > 0 && <p class="meta">{t('map.groups.demo')}</p>}
      <h2>{t('map.table')}</h2>
      {reported.length ? (
        <table class="cards-on-phone">
          <thead>
            <tr>
              <th scope="col">{t('comm.state')}</th>
              <th scope="col">{t('map.measuresCol')}</th>
            </tr>
          </thead>
          <tbody>
            {reported.map((s) => (
              <tr>
                <th scope="row">
                  <a href={`/states/${s.code}/reports/${props.cycle}`}>{s.name}</a>
                </th>
                <td data-label={t('map.measuresCol')}>{s.measures}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t('map.noneYet')}</p>
      )}
      {props.demo.length > 0 && (
        <section aria-labelledby="demo-title" class="demo-states">
          <h2 id="demo-title">{t('map.demo.title')}</h2>
          <p>{t('map.demo.explain')}</p>
          {demoReported.length ? (
            <ul class="plain">
              {demoReported.map((s) => (
                <li>
                  <a href={`/states/${s.code}/reports/${props.cycle}`}>{s.name}</a> —{' '}
                  {t('map.measures', { n: String(s.measures) })}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('map.demo.none')}</p>
          )}
        </section>
      )}
    </Layout>
  );
}

export function ComparePage(props: {
  ctx: PageContext;
  cycle: number;
  cycles: number[];
  choices: StateChoice[];
  titles: NormTitles;
  /** The codes asked for, ticked again in the form. */
  asked: string[];
  states: { code: string; name: string }[];
  published: string[];
  measures: Record<string, Record<string, string[]>>;
  problems?: string[];
}) {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('compare.title')} scripts={['state-picker.js']}>
      <h1>{t('compare.title')}</h1>
      <p>{t('compare.explain')}</p>
      {props.problems?.length ? (
        <div class="problems" role="alert">
          <ul>
            {props.problems.map((p) => (
              <li>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <form method="get" action="/compare" class="stack wide compare-form">
        <StatePicker ctx={ctx} name="states" legend="compare.states" states={props.choices} chosen={props.asked} />
        <div class="filters">
          <CycleField ctx={ctx} cycle={props.cycle} cycles={props.cycles} />
          <button type="submit">{t('compare.show')}</button>
        </div>
      </form>
      {props.states.length > 0 && (
        <div class="table-wrap">
          <table class="compare cards-on-phone">
            <caption>{t('compare.caption', { year: String(props.cycle) })}</caption>
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
                    <a href={`/norms/${n}`}>{normLabel(ctx, n, props.titles)}</a>
                  </th>
                  {props.states.map((s) => (
                    <td data-label={s.name}>
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
