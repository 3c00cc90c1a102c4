// A State's reporting cycles with its report's state in each, and two cycles of its report side by side.
import type { PageContext } from '../../views/context.ts';
import { Layout } from '../../views/layout.tsx';
import { Answer, STATUS_KEYS, VISIBILITY_KEYS } from './answers.views.tsx';
import type { Question } from './questionnaire.ts';
import type { CycleRow } from './reports.types.ts';

export function CyclesPage(props: { ctx: PageContext; state: { code: string; name: string }; cycles: CycleRow[] }) {
  const { ctx } = props;
  const { t } = ctx;
  const title = t('report.cycles.title', { state: props.state.name });
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>{t('report.cycles.explain')}</p>
      <ul class="plain">
        {props.cycles.map((c) => (
          <li>
            <a href={`/states/${props.state.code}/reports/${c.year}`}>{t('report.cycle', { year: String(c.year) })}</a> —{' '}
            {t(STATUS_KEYS[c.status ?? 'not started'])}
            {c.visibility && c.status === 'submitted' && <span class="tag">{t(VISIBILITY_KEYS[c.visibility])}</span>}
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export function DiffPage(props: {
  ctx: PageContext;
  stateName: string;
  diff: {
    state: string;
    before: number;
    after: number;
    rows: { question: Question; before: unknown; after: unknown; changed: boolean }[];
  };
}) {
  const { ctx, diff } = props;
  const { t } = ctx;
  const title = t('report.diff.title', { state: props.stateName, before: String(diff.before), after: String(diff.after) });
  return (
    <Layout ctx={ctx} title={title}>
      <p class="kicker">
        <a href={`/states/${diff.state}/reports/${diff.after}`}>
          {t('report.title', { state: props.stateName, year: String(diff.after) })}
        </a>
      </p>
      <h1>{title}</h1>
      <p>{t('report.diff.summary', { n: String(diff.rows.filter((r) => r.changed).length) })}</p>
      <div class="table-wrap">
        <table class="diff cards-on-phone">
          <thead>
            <tr>
              <th scope="col">{t('report.diff.question')}</th>
              <th scope="col">{diff.before}</th>
              <th scope="col">{diff.after}</th>
            </tr>
          </thead>
          <tbody>
            {diff.rows.map((r) => (
              <tr class={r.changed ? 'changed' : undefined}>
                <th scope="row">
                  {r.question.title}
                  {r.changed && <span class="tag">{t('report.diff.changed')}</span>}
                </th>
                <td data-label={String(diff.before)}>
                  <Answer ctx={ctx} q={r.question} value={r.before} />
                </td>
                <td data-label={String(diff.after)}>
                  <Answer ctx={ctx} q={r.question} value={r.after} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}
