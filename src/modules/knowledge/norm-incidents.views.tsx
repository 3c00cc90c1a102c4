// The norm page's "Incidents at stake": the published incidents the record links to the norm, each with its
// year, whether attribution is contested and whose reading it is (a State's own statement or the editors').

import type { PageContext } from '../../views/context.ts';

/** A published incident at stake for the norm, as the incidents module's face gives it (app.ts hands it over). */
export interface NormIncidentItem {
  id: string;
  title: string;
  year: number | null;
  contested: boolean;
  readings: { basis: 'invoked' | 'editors'; invokedBy: string | null; invokedByName: string | null; rationale: string }[];
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
              <a href={`/incidents/${i.id}`}>{i.title}</a> {i.year !== null && <span class="meta">({i.year})</span>}{' '}
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
                  {r.rationale}
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
