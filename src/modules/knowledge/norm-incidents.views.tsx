// The norm page's "Incidents at stake": the published incidents the record links to the norm, each with its
// year, whether attribution is contested and whose reading it is (a State's own statement or the editors').

import type { Locale } from '../../platform/i18n/locales.ts';
import { inLang } from '../../views/components.tsx';
import type { PageContext } from '../../views/context.ts';

/** A published incident at stake for the norm, as the incidents module's face gives it (app.ts hands it over). */
export interface NormIncidentItem {
  id: string;
  title: string;
  year: number | null;
  contested: boolean;
  /** The language of its title and of each rationale: the reader's where translated, else English (marked). */
  lang?: string;
  readings: {
    basis: 'invoked' | 'editors';
    invokedBy: string | null;
    invokedByName: string | null;
    rationale: string;
    lang?: string;
  }[];
}

export function NormIncidents(props: { ctx: PageContext; letter: string; incidents: NormIncidentItem[] }) {
  const { ctx, letter } = props;
  const { t } = ctx;
  return (
    <>
      {props.incidents.length ? (
        <ul class="related-incidents">
          {props.incidents.map((i) => (
            <li>
              <a href={`/incidents/${i.id}`} {...inLang(ctx, (i.lang ?? ctx.locale) as Locale)}>
                {i.title}
              </a>{' '}
              {i.year !== null && <span class="meta">({i.year})</span>}{' '}
              <span class={i.contested ? 'tag warn' : 'tag'}>
                {i.contested ? t('incidents.contested') : t('incidents.uncontested')}
              </span>
              {i.readings.map((r) => (
                <p class="meta">
                  <span class="tag">
                    {r.basis === 'invoked'
                      ? t('incidents.norm.invoked', { state: r.invokedByName ?? r.invokedBy ?? '' })
                      : t('incidents.norm.editors')}
                  </span>{' '}
                  <span {...inLang(ctx, (r.lang ?? ctx.locale) as Locale)}>{r.rationale}</span>
                </p>
              ))}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('norm.incidents.none')}</p>
      )}
      <p>
        <a href={`/incidents?norm=${letter}`}>{t('norm.incidents.all', { letter })}</a>
      </p>
    </>
  );
}
