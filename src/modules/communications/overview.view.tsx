// Figures and metadata, never content: response-time statistics (a State's own, or all for the manager) and
// the directory manager's overview of every thread's who, when, type, urgency and status.
import type { PageContext } from '../../views/context.ts';
import { duration } from '../../views/format.ts';
import { Layout } from '../../views/layout.tsx';
import type { CommType, Tlp } from './communications.validate.ts';
import { stamp } from './format.ts';
import { CommNav, STATUS_KEYS, TlpMark, TYPE_KEYS, URGENCY_KEYS } from './shared.view.tsx';

export interface StatRow {
  key: string;
  received: number;
  acknowledged: number;
  responded: number;
  ackMedian: number | null;
  ackP95: number | null;
  respMedian: number | null;
  respP95: number | null;
}

function StatsTable(props: { ctx: PageContext; caption: string; rows: StatRow[]; label: (k: string) => string }) {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <div class="table-wrap">
      <table class="comm-stack">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{props.caption}</th>
            <th scope="col">{t('comm.stats.received')}</th>
            <th scope="col">{t('comm.stats.acknowledged')}</th>
            <th scope="col">{t('comm.stats.ackMedian')}</th>
            <th scope="col">{t('comm.stats.ackP95')}</th>
            <th scope="col">{t('comm.stats.responded')}</th>
            <th scope="col">{t('comm.stats.respMedian')}</th>
            <th scope="col">{t('comm.stats.respP95')}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr>
              <td>
                <strong>{props.label(r.key)}</strong>
              </td>
              <td data-label={t('comm.stats.received')}>{r.received}</td>
              <td data-label={t('comm.stats.acknowledged')}>{r.acknowledged}</td>
              <td data-label={t('comm.stats.ackMedian')}>{duration(ctx.locale, r.ackMedian)}</td>
              <td data-label={t('comm.stats.ackP95')}>{duration(ctx.locale, r.ackP95)}</td>
              <td data-label={t('comm.stats.responded')}>{r.responded}</td>
              <td data-label={t('comm.stats.respMedian')}>{duration(ctx.locale, r.respMedian)}</td>
              <td data-label={t('comm.stats.respP95')}>{duration(ctx.locale, r.respP95)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function StatsSection(props: { ctx: PageContext; stats: { total: number; byType: StatRow[]; byUrgency: StatRow[] } }) {
  const { ctx } = props;
  const { t } = ctx;
  if (!props.stats.total) return <p>{t('comm.none')}</p>;
  return (
    <>
      <StatsTable ctx={ctx} caption={t('comm.type')} rows={props.stats.byType} label={(k) => t(TYPE_KEYS[k as CommType])} />
      <StatsTable ctx={ctx} caption={t('comm.urgency')} rows={props.stats.byUrgency} label={(k) => t(URGENCY_KEYS[k])} />
    </>
  );
}

export function StatsPage(props: {
  ctx: PageContext;
  stateName: string;
  stats: { total: number; byType: StatRow[]; byUrgency: StatRow[] };
}) {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('comm.stats.title', { state: props.stateName })}>
      <h1>{t('comm.stats.title', { state: props.stateName })}</h1>
      <CommNav ctx={ctx} current="/communications/stats" />
      <p>{t('comm.stats.explain')}</p>
      <StatsSection ctx={ctx} stats={props.stats} />
    </Layout>
  );
}

export function OverviewPage(props: {
  ctx: PageContext;
  rows: {
    id: string;
    sender_state: string;
    type: CommType;
    urgency: string;
    tlp: Tlp;
    status: string;
    sent_at: Date;
    shared: boolean;
    recipients: { state: string; status: string; acknowledged_at: string | null; responded_at: string | null }[];
  }[];
  stats: { total: number; byType: StatRow[]; byUrgency: StatRow[] };
  stateNames: Record<string, string>;
}) {
  const { ctx } = props;
  const { t } = ctx;
  const name = (code: string) => props.stateNames[code] ?? code;
  return (
    <Layout ctx={ctx} title={t('comm.overview.title')}>
      <h1>{t('comm.overview.title')}</h1>
      <CommNav ctx={ctx} current="/communications/overview" manager />
      <p class="note">{t('comm.overview.explain')}</p>
      <StatsSection ctx={ctx} stats={props.stats} />
      <h2>{t('comm.overview.list')}</h2>
      {props.rows.length === 0 ? (
        <p>{t('comm.none')}</p>
      ) : (
        <div class="table-wrap">
          <table class="comm-stack">
            <thead>
              <tr>
                <th scope="col">{t('comm.when')}</th>
                <th scope="col">{t('comm.from')}</th>
                <th scope="col">{t('comm.to')}</th>
                <th scope="col">{t('comm.type')}</th>
                <th scope="col">{t('comm.urgency')}</th>
                <th scope="col">TLP</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr>
                  <td>
                    {r.shared ? (
                      <a href={`/communications/${r.id}`}>{stamp(ctx.locale, r.sent_at)}</a>
                    ) : (
                      stamp(ctx.locale, r.sent_at)
                    )}
                  </td>
                  <td data-label={t('comm.from')}>{name(r.sender_state)}</td>
                  <td data-label={t('comm.to')}>
                    {r.recipients.map((x) => (
                      <span class="tag">
                        {name(x.state)}: {t(STATUS_KEYS[x.status])}
                      </span>
                    ))}
                  </td>
                  <td data-label={t('comm.type')}>{t(TYPE_KEYS[r.type])}</td>
                  <td data-label={t('comm.urgency')}>{t(URGENCY_KEYS[r.urgency])}</td>
                  <td data-label="TLP">
                    <TlpMark tlp={r.tlp} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}
