// A State's national implementation report for one cycle. For those who may change it, an overview: each
// section with how far it is answered, leading to the section's own page (part.views.tsx), then submitting
// or reopening (each saying what follows), starting from another cycle, and the focal point's choice of who
// may read it. Readers who may not change it (and everyone once it is submitted) read the answers here.

import type { PageContext } from '../../views/context.ts';
import type { FormProblem } from '../../views/forms.tsx';
import { Form, Problems, Submit } from '../../views/forms.tsx';
import { Layout } from '../../views/layout.tsx';
import type { StateChoice } from '../../views/state-picker.tsx';
import { Answer, labelOf, PART_KEYS, STATUS_KEYS, VISIBILITY_KEYS } from './answers.views.tsx';
import { type NormTitles, SectionList, sectionName } from './part.views.tsx';
import { answered, PARTS } from './questionnaire.ts';
import type { ReportView } from './reports.types.ts';
import { inSection, sectionsOf } from './sections.ts';
import { StatusStep, VisibilityForm } from './steps.views.tsx';

/** The parts with an answer, each with its sections holding answers: what a reader sees. */
function answeredParts(view: ReportView) {
  const sections = sectionsOf(view.questions)
    .map((s) => ({ s, qs: view.questions.filter((q) => inSection(s, q) && answered(view.answers[q.key])) }))
    .filter((x) => x.qs.length);
  return PARTS.map((part) => ({ part, sections: sections.filter((x) => x.s.part === part) })).filter((p) => p.sections.length);
}

/** Every answered question, part by part (norm by norm in part II), as read. */
function Answers(props: { ctx: PageContext; view: ReportView; titles: NormTitles }) {
  const { ctx, view } = props;
  const { t } = ctx;
  const parts = answeredParts(view);
  if (!parts.length) return <p>{t('report.noAnswers')}</p>;
  return (
    <>
      {parts.map(({ part, sections }) => (
        <section id={`part-${part}`}>
          <h2>{t(PART_KEYS[part])}</h2>
          {sections.map(({ s, qs }) => (
            <div id={s.norm ? `norm-${s.norm}` : undefined}>
              {s.norm && (
                <h3>
                  <a href={`/norms/${s.norm}`}>{sectionName(ctx, s, props.titles)}</a>
                </h3>
              )}
              {qs.map((q) => (
                <div class="read-answer">
                  <h4>{labelOf(t, q)}</h4>
                  <Answer ctx={ctx} q={q} value={view.answers[q.key]} />
                </div>
              ))}
            </div>
          ))}
        </section>
      ))}
    </>
  );
}

export function ReportPage(props: {
  ctx: PageContext;
  csrf: string;
  stateName: string;
  view: ReportView;
  cycles: number[];
  titles: NormTitles;
  /** Every State, for the focal point's choice of whom to share with. */
  states: StateChoice[];
  notice?: string;
  problems?: FormProblem[];
  /** The States ticked when the visibility form came back with a problem. */
  chosen?: string[];
}) {
  const { ctx, view } = props;
  const { t } = ctx;
  const status = view.report?.status ?? 'not started';
  const editable = view.canWrite && status !== 'submitted';
  const base = `/states/${view.state}/reports/${view.cycle}`;
  const title = t('report.title', { state: props.stateName, year: String(view.cycle) });
  const names = Object.fromEntries(props.states.map((s) => [s.code, s.name]));
  const others = props.cycles.filter((c) => c !== view.cycle);
  const stateProblem = props.problems?.find((p) => p.field === 'states')?.message;
  return (
    <Layout ctx={ctx} title={title} scripts={view.canPublish ? ['state-picker.js'] : undefined}>
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
      <Problems ctx={ctx} problems={props.problems ?? []} />
      {editable ? (
        <section aria-labelledby="parts-title">
          <h2 id="parts-title">{t('report.parts.title')}</h2>
          <p>{t('report.parts.explain')}</p>
          <SectionList ctx={ctx} view={view} base={base} titles={props.titles} class="section-list wide" />
        </section>
      ) : (
        answeredParts(view).length > 0 && (
          <nav aria-labelledby="parts-title" class="read-nav">
            <h2 id="parts-title">{t('report.parts.title')}</h2>
            <ul class="chips">
              {answeredParts(view).map(({ part }) => (
                <li>
                  <a href={`#part-${part}`}>{t(PART_KEYS[part])}</a>
                </li>
              ))}
            </ul>
          </nav>
        )
      )}
      {view.canWrite && (
        <section aria-labelledby="status-title" class="report-steps">
          <h2 id="status-title">{status === 'submitted' ? t('report.reopen.title') : t('report.submit.title')}</h2>
          <StatusStep
            ctx={ctx}
            csrf={props.csrf}
            base={base}
            view={view}
            stateName={props.stateName}
            sharedNames={view.sharedWith.map((c) => names[c] ?? c)}
          />
          {editable && others.length > 0 && (
            <Form action={`${base}/start-from`} csrf={props.csrf} class="inline start-from">
              <label>
                {t('report.startFrom')}{' '}
                <select name="from">
                  {others.map((c) => (
                    <option value={String(c)}>{c}</option>
                  ))}
                </select>
              </label>{' '}
              <Submit secondary>{t('report.startFrom.button')}</Submit>
            </Form>
          )}
        </section>
      )}
      {view.canPublish && view.report && (
        <VisibilityForm
          ctx={ctx}
          csrf={props.csrf}
          base={base}
          view={view}
          stateName={props.stateName}
          states={props.states.filter((s) => s.code !== view.state)}
          chosen={props.chosen ?? view.sharedWith}
          problem={stateProblem}
        />
      )}
      {!editable && <Answers ctx={ctx} view={view} titles={props.titles} />}
      <p>
        {t('report.export')}: <a href={`${base}/export?format=pdf`}>PDF</a> · <a href={`${base}/export?format=csv`}>CSV</a> ·{' '}
        <a href={`${base}/export?format=json`}>JSON</a> · <a href="/questionnaire.pdf">{t('report.questionnaire.pdf')}</a>
      </p>
      {others.length > 0 && (
        <form method="get" action={`${base}/diff`} class="filters">
          <div class="field">
            <label for="f-with">{t('report.diff.with')}</label>
            <select id="f-with" name="with">
              {others.map((c) => (
                <option value={String(c)}>{c}</option>
              ))}
            </select>
          </div>
          <button type="submit">{t('report.diff.show')}</button>
        </form>
      )}
    </Layout>
  );
}
