// The State page's incidents: those in the published record the State attributed (a claim it made or joined),
// was attributed, or was targeted by, three short lists linking to each incident and to the filtered record.

import type { MessageKey } from '../../platform/i18n/i18n.ts';
import type { PageContext } from '../../views/context.ts';

/** A published incident as the incidents module's face gives it (app.ts hands it over). */
export interface StateIncidentItem {
  id: string;
  title: string;
  year: number | null;
  contested: boolean;
  /** The language of the title: the reader's where translated, else English. */
  lang: string;
}

export interface StateIncidentLists {
  attributed: StateIncidentItem[];
  attributedTo: StateIncidentItem[];
  targeted: StateIncidentItem[];
}

const LISTS: [keyof StateIncidentLists, MessageKey, string][] = [
  ['attributed', 'state.incidents.attributed', 'attributor'],
  ['attributedTo', 'state.incidents.attributedTo', 'attributed'],
  ['targeted', 'state.incidents.targeted', 'target'],
];

export function StateIncidents(props: { ctx: PageContext; code: string; incidents: StateIncidentLists }) {
  const { ctx, code, incidents } = props;
  const { t } = ctx;
  return (
    <section id="incidents" aria-labelledby="incidents-h">
      <h2 id="incidents-h">{t('state.incidents')}</h2>
      {LISTS.map(([key, label, filter]) => (
        <>
          <h3>{t(label)}</h3>
          {incidents[key].length ? (
            <>
              <ul class="related-incidents">
                {incidents[key].map((i) => (
                  <li>
                    <a href={`/incidents/${i.id}`} lang={i.lang === ctx.locale ? undefined : i.lang}>
                      {i.title}
                    </a>{' '}
                    {i.year !== null && <span class="meta">({i.year})</span>}{' '}
                    {i.contested && <span class="tag warn">{t('incidents.contested')}</span>}
                  </li>
                ))}
              </ul>
              <p class="meta">
                <a href={`/incidents?${filter}=${code}`}>{t('state.incidents.all')}</a>
              </p>
            </>
          ) : (
            <p class="meta">{t('state.incidents.none')}</p>
          )}
        </>
      ))}
    </section>
  );
}
