// The consequential steps on a report, each saying what it will do before it is done: submitting (closed to
// changes; read at once by whoever the focal point chose), reopening (a published report goes offline until
// it is submitted again), and the focal point's choice of who may read it, with the States chosen by name.
// A step opens with a first click and is confirmed with a second, without JavaScript (<details>).

import type { PageContext } from '../../views/context.ts';
import { Form, Submit } from '../../views/forms.tsx';
import { type StateChoice, StatePicker } from '../../views/state-picker.tsx';
import { VISIBILITY_KEYS } from './answers.views.tsx';
import type { ReportView } from './reports.types.ts';

/** Submit or reopen, behind a disclosure that says the consequence for this report as it is shared now. */
export function StatusStep(props: {
  ctx: PageContext;
  csrf: string;
  base: string;
  view: ReportView;
  stateName: string;
  /** The names of the States the report is shared with, in the reader's language. */
  sharedNames: string[];
}) {
  const { ctx, view } = props;
  const { t } = ctx;
  const submitted = view.report?.status === 'submitted';
  const visibility = view.report?.visibility ?? 'private';
  const byName = new Intl.Collator(ctx.locale).compare;
  const vars = { state: props.stateName, states: [...props.sharedNames].sort(byName).join(', ') };
  const shared = visibility === 'shared' && props.sharedNames.length > 0;
  const audience = shared ? 'shared' : visibility === 'public' ? 'public' : 'private';
  const [first, then] = submitted
    ? ([t('report.reopen.draft'), t(`report.reopen.${audience}`, vars)] as const)
    : ([t('report.submit.closes'), t(`report.submit.${audience}`, vars)] as const);
  return (
    <details class="step" id={submitted ? 'reopen' : 'submit'}>
      <summary>{submitted ? t('report.reopen.ask') : t('report.submit.ask')}</summary>
      <div class="step-body">
        <p>{first}</p>
        <p class={audience !== 'private' ? 'consequence' : undefined}>
          <strong>{then}</strong>
        </p>
        <Form action={`${props.base}/${submitted ? 'reopen' : 'submit'}`} csrf={props.csrf} class="inline">
          <Submit secondary={submitted}>{submitted ? t('report.reopen.confirm') : t('report.submit.confirm')}</Submit>
        </Form>
      </div>
    </details>
  );
}

/** The focal point's choice: private, shared with States chosen by name, or public; each saying who reads it. */
export function VisibilityForm(props: {
  ctx: PageContext;
  csrf: string;
  base: string;
  view: ReportView;
  stateName: string;
  states: StateChoice[];
  /** The States ticked (as saved, or as sent back with a problem). */
  chosen: string[];
  problem?: string;
}) {
  const { ctx, view } = props;
  const { t } = ctx;
  const hint = {
    private: t('report.visibility.privateHint', { state: props.stateName }),
    shared: t('report.visibility.sharedHint'),
    public: t('report.visibility.publicHint'),
  };
  return (
    <Form action={`${props.base}/visibility`} csrf={props.csrf} class="stack wide" id="visibility">
      <fieldset>
        <legend>{t('report.visibility')}</legend>
        {(['private', 'shared', 'public'] as const).map((v) => (
          <label class="choice">
            <input
              type="radio"
              name="visibility"
              value={v}
              checked={view.report?.visibility === v}
              aria-describedby={`visibility-${v}-hint`}
            />{' '}
            {t(VISIBILITY_KEYS[v])}
            <span class="hint" id={`visibility-${v}-hint`}>
              {hint[v]}
            </span>
          </label>
        ))}
      </fieldset>
      <StatePicker
        ctx={ctx}
        name="states"
        legend="report.visibility.states"
        states={props.states}
        chosen={props.chosen}
        problem={props.problem}
      />
      <Submit secondary>{t('report.visibility.save')}</Submit>
    </Form>
  );
}
