// A State's national implementation report for one cycle: how complete each part is, the four parts as
// forms (each with its own save button, so nothing depends on JavaScript; with it, each answer saves as
// it is typed), submit and reopen, starting from another cycle, and the focal point's publication choice.
// Readers who may not change it see the answers only.

import type { PageContext } from '../../views/context.ts';
import { Form, type FormProblem, Problems, Submit } from '../../views/forms.tsx';
import { Layout } from '../../views/layout.tsx';
import { Answer, AnswerInput, PART_KEYS, STATUS_KEYS, VISIBILITY_KEYS } from './answers.views.tsx';
import { answered, PARTS, type Part, type Question } from './questionnaire.ts';
import type { ReportView } from './reports.types.ts';

export function ReportPage(props: {
  ctx: PageContext;
  csrf: string;
  stateName: string;
  view: ReportView;
  cycles: number[];
  notice?: string;
  problems?: FormProblem[];
}) {
  const { ctx, view } = props;
  const { t } = ctx;
  const status = view.report?.status ?? 'not started';
  const editable = view.canWrite && status !== 'submitted';
  const base = `/states/${view.state}/reports/${view.cycle}`;
  const title = t('report.title', { state: props.stateName, year: String(view.cycle) });
  const problem = (key: string) =>
    props.problems?.find((p) => p.field === `answers.${key}` || p.field.startsWith(`answers.${key}[`))?.message;
  const norms = [...new Set(view.questions.filter((q) => q.norm).map((q) => q.norm as string))];
  const section = (part: Part) => {
    const qs = view.questions.filter((q) => q.part === part);
    // Read, not edited: only what was answered.
    const shown = editable ? qs : qs.filter((q) => answered(view.answers[q.key]));
    const all: [string | null, Question[]][] =
      part === 'norms' ? norms.map((n): [string | null, Question[]] => [n, shown.filter((q) => q.norm === n)]) : [[null, shown]];
    const groups = all.filter(([, list]) => list.length > 0);
    const body = groups.map(([norm, list]) => (
      <div class="question-group">
        {norm && (
          <h3 id={`norm-${norm}`}>
            <a href={`/norms/${norm}`}>{t('comm.norm', { letter: norm })}</a>
          </h3>
        )}
        {list.map((q) =>
          editable ? (
            <AnswerInput ctx={ctx} q={q} value={view.answers[q.key]} problem={problem(q.key)} />
          ) : (
            <div>
              <h4>{q.title}</h4>
              <Answer ctx={ctx} q={q} value={view.answers[q.key]} />
            </div>
          ),
        )}
      </div>
    ));
    return (
      <section id={`part-${part}`}>
        <h2>{t(PART_KEYS[part])}</h2>
        {part === 'norms' && groups.length > 1 && (
          <nav aria-label={t(PART_KEYS.norms)}>
            <ul class="chips">
              {groups.map(([n]) => (
                <li>
                  <a href={`#norm-${n}`}>{t('comm.norm', { letter: n as string })}</a>
                </li>
              ))}
            </ul>
          </nav>
        )}
        {editable ? (
          <Form action={`${base}/answers`} csrf={props.csrf} class="stack wide report-form">
            <input type="hidden" name="part" value={part} />
            {body}
            <Submit>{t('report.save', { part: t(PART_KEYS[part]) })}</Submit>
          </Form>
        ) : (
          body
        )}
      </section>
    );
  };
  return (
    <Layout ctx={ctx} title={title} scripts={editable ? ['autosave.js'] : undefined}>
      <p class="kicker">
        <a href={`/states/${view.state}/reports`}>{t('report.cycles.title', { state: props.stateName })}</a>
      </p>
      <h1>{title}</h1>
      <p class="lead">
        {t(STATUS_KEYS[status])}
        {view.report && view.canPublish && ` · ${t(VISIBILITY_KEYS[view.report.visibility])}`}
        {view.report && ` · ${t('report.version', { version: view.version })}`}
      </p>
      {props.notice && (
        <p class="success" role="status">
          {props.notice}
        </p>
      )}
      <p
        class="autosave-status"
        role="status"
        aria-live="polite"
        data-saved={t('report.autosaved')}
        data-failed={t('report.autosaveFailed')}
      />
      <Problems ctx={ctx} problems={props.problems ?? []} />
      <div class="table-wrap">
        <table>
          <caption>{t('report.completion')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('report.part')}</th>
              <th scope="col">{t('report.answered')}</th>
            </tr>
          </thead>
          <tbody>
            {view.completion.map((c) => (
              <tr>
                <td>
                  <a href={`#part-${c.part}`}>{t(PART_KEYS[c.part])}</a>
                </td>
                <td>
                  <meter min={0} max={c.total} value={c.answered} aria-label={t(PART_KEYS[c.part])} /> {c.answered} / {c.total}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        {t('report.export')}: <a href={`${base}/export?format=pdf`}>PDF</a> · <a href={`${base}/export?format=csv`}>CSV</a> ·{' '}
        <a href={`${base}/export?format=json`}>JSON</a> · <a href="/questionnaire.pdf">{t('report.questionnaire.pdf')}</a>
      </p>
      {props.cycles.filter((c) => c !== view.cycle).length > 0 && (
        <form method="get" action={`${base}/diff`} class="filters">
          <div class="field">
            <label for="f-with">{t('report.diff.with')}</label>
            <select id="f-with" name="with">
              {props.cycles
                .filter((c) => c !== view.cycle)
                .map((c) => (
                  <option value={String(c)}>{c}</option>
                ))}
            </select>
          </div>
          <button type="submit">{t('report.diff.show')}</button>
        </form>
      )}
      {view.canWrite && (
        <div class="buttons">
          {status === 'submitted' ? (
            <Form action={`${base}/reopen`} csrf={props.csrf} class="inline">
              <Submit secondary>{t('report.reopen')}</Submit>
            </Form>
          ) : (
            <Form action={`${base}/submit`} csrf={props.csrf} class="inline">
              <Submit>{t('report.submit')}</Submit>
            </Form>
          )}
          {editable && props.cycles.filter((c) => c !== view.cycle).length > 0 && (
            <Form action={`${base}/start-from`} csrf={props.csrf} class="inline">
              <label>
                {t('report.startFrom')}{' '}
                <select name="from">
                  {props.cycles
                    .filter((c) => c !== view.cycle)
                    .map((c) => (
                      <option value={String(c)}>{c}</option>
                    ))}
                </select>
              </label>{' '}
              <Submit secondary>{t('report.startFrom.button')}</Submit>
            </Form>
          )}
        </div>
      )}
      {view.canPublish && view.report && (
        <Form action={`${base}/visibility`} csrf={props.csrf} class="stack">
          <fieldset>
            <legend>{t('report.visibility')}</legend>
            {(['private', 'shared', 'public'] as const).map((v) => (
              <label>
                <input type="radio" name="visibility" value={v} checked={view.report?.visibility === v} /> {t(VISIBILITY_KEYS[v])}
              </label>
            ))}
            <label for="f-states">{t('report.visibility.states')}</label>
            <input id="f-states" name="states" value={view.sharedWith.join(', ')} maxLength={2000} />
          </fieldset>
          <Submit secondary>{t('report.visibility.save')}</Submit>
        </Form>
      )}
      {PARTS.map(section)}
    </Layout>
  );
}
