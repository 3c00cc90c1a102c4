// A State's national implementation report for one cycle: how complete each part is, the four parts as
// forms (each with its own save button, so nothing depends on JavaScript; with it, each answer saves as
// it is typed), submit and reopen, starting from another cycle, and the focal point's publication choice.
// Readers who may not change it see the answers only.

import type { MessageKey } from '../../platform/i18n/i18n.ts';
import type { PageContext } from '../../views/context.ts';
import { Form, type FormProblem, Problems, Submit } from '../../views/forms.tsx';
import { Layout } from '../../views/layout.tsx';
import { answered, type EvidenceItem, GAPS, type Part, type Question } from './questionnaire.ts';
import type { ReportView } from './reports.service.ts';

export const PART_KEYS: Record<Part, MessageKey> = {
  law: 'report.part.law',
  norms: 'report.part.norms',
  cbms: 'report.part.cbms',
  capacity: 'report.part.capacity',
};
const GAP_KEYS: Record<string, MessageKey> = {
  legal: 'report.gap.legal',
  technical: 'report.gap.technical',
  financial: 'report.gap.financial',
  human: 'report.gap.human',
  coordination: 'report.gap.coordination',
  other: 'report.gap.other',
};
const STATUS_KEYS: Record<string, MessageKey> = {
  draft: 'report.status.draft',
  submitted: 'report.status.submitted',
  'not started': 'report.status.none',
};
const VISIBILITY_KEYS: Record<string, MessageKey> = {
  private: 'report.visibility.private',
  shared: 'report.visibility.shared',
  public: 'report.visibility.public',
};

export function QuestionnairePage(props: {
  ctx: PageContext;
  csrf: string;
  version: number;
  questions: Question[];
  versions: { version: number; published_at: Date; note: string; questions: number }[];
  canPublish: boolean;
  notice?: string;
  problems?: FormProblem[];
}) {
  const { ctx } = props;
  const { t } = ctx;
  const date = new Intl.DateTimeFormat(ctx.locale, { dateStyle: 'medium', timeZone: 'UTC' });
  return (
    <Layout ctx={ctx} title={t('report.questionnaire.title')}>
      <h1>{t('report.questionnaire.title')}</h1>
      <p class="lead">
        {t('report.version', { version: String(props.version) })} ·{' '}
        <a href="/questionnaire.pdf">{t('report.questionnaire.pdf')}</a> · <a href="/questionnaire.csv">CSV</a> ·{' '}
        <a href="/questionnaire.json">JSON</a>
      </p>
      {props.notice && (
        <p class="success" role="status">
          {props.notice}
        </p>
      )}
      <Problems ctx={ctx} problems={props.problems ?? []} />
      {props.canPublish && (
        <Form action="/questionnaire/versions" csrf={props.csrf}>
          <h2>{t('report.publish.title')}</h2>
          <p>{t('report.publish.explain')}</p>
          <div class="field">
            <label for="f-note">{t('report.publish.note')}</label>
            <input id="f-note" name="note" maxLength={500} />
          </div>
          <Submit>{t('report.publish.button')}</Submit>
        </Form>
      )}
      <h2>{t('report.versions')}</h2>
      <ul class="plain">
        {props.versions.map((v) => (
          <li>
            {t('report.version', { version: String(v.version) })} — {date.format(new Date(v.published_at))}: {v.note} (
            {v.questions})
          </li>
        ))}
      </ul>
      {(['law', 'norms', 'cbms', 'capacity'] as const).map((part) => (
        <section>
          <h2>{t(PART_KEYS[part])}</h2>
          <ul class="plain">
            {props.questions
              .filter((q) => q.part === part)
              .map((q) => (
                <li>
                  {q.title}
                  {q.options && <span class="meta"> ({q.options.length})</span>}
                </li>
              ))}
          </ul>
        </section>
      ))}
    </Layout>
  );
}

export function CyclesPage(props: {
  ctx: PageContext;
  state: { code: string; name: string };
  cycles: { year: number; status: string | null; visibility: string | null; updated_at: Date | null }[];
}) {
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

function Answer(props: { ctx: PageContext; q: Question; value: unknown }) {
  const { ctx, q, value } = props;
  const { t } = ctx;
  if (value === undefined || value === null || (Array.isArray(value) && !value.length)) return <p class="meta">—</p>;
  if (q.kind === 'text') return <p class="answer">{String(value)}</p>;
  if (q.kind === 'choices')
    return (
      <ul class="plain">
        {(value as string[]).map((id) => (
          <li>
            {GAP_KEYS[id] && q.key.endsWith('.gaps') ? t(GAP_KEYS[id]) : (q.options?.find((o) => o.id === id)?.label ?? id)}
          </li>
        ))}
      </ul>
    );
  return (
    <ul class="plain">
      {(value as EvidenceItem[]).map((e) => (
        <li>
          {e.url ? (
            <a href={e.url} rel="nofollow noopener">
              {e.title}
            </a>
          ) : (
            e.title
          )}
          {e.date && ` (${e.date})`}
          {e.inProgress && <span class="tag">{t('report.evidence.inProgress')}</span>}
        </li>
      ))}
    </ul>
  );
}

function Input(props: { ctx: PageContext; q: Question; value: unknown; problem?: string }) {
  const { ctx, q, value } = props;
  const { t } = ctx;
  const id = `q-${q.key.replace(/\./g, '-')}`;
  const label = q.key.endsWith('.gaps')
    ? t('report.q.gaps')
    : q.key.endsWith('.gaps.text')
      ? t('report.q.gapsText')
      : q.key.endsWith('.practices')
        ? t('report.q.practices')
        : q.key.endsWith('.evidence')
          ? t('report.q.evidence')
          : q.key.endsWith('.measures.text')
            ? t('report.q.otherMeasures')
            : q.title;
  if (q.kind === 'text')
    return (
      <div class="field" data-question={q.key} data-kind="text">
        <label for={id}>{label}</label>
        {props.problem && <p class="error">{props.problem}</p>}
        <textarea id={id} name={`q:${q.key}`} rows={3}>
          {typeof value === 'string' ? value : ''}
        </textarea>
      </div>
    );
  if (q.kind === 'choices') {
    const chosen = new Set(Array.isArray(value) ? (value as string[]) : []);
    const options = q.key.endsWith('.gaps') ? GAPS.map((g) => ({ id: g, label: t(GAP_KEYS[g]) })) : (q.options ?? []);
    return (
      <fieldset data-question={q.key} data-kind="choices" id={id}>
        <legend>{label}</legend>
        {props.problem && <p class="error">{props.problem}</p>}
        <div class="checks">
          {options.map((o) => (
            <label>
              <input type="checkbox" name={`q:${q.key}`} value={o.id} checked={chosen.has(o.id)} /> {o.label}
            </label>
          ))}
        </div>
      </fieldset>
    );
  }
  const items = [
    ...(Array.isArray(value) ? (value as EvidenceItem[]) : []),
    { title: '', url: '', date: null, inProgress: false },
  ];
  return (
    <fieldset data-question={q.key} data-kind="evidence" id={id}>
      <legend>{label}</legend>
      {props.problem && <p class="error">{props.problem}</p>}
      {items.map((e, i) => (
        <div class="evidence" data-row={i}>
          <label>
            {t('report.evidence.title')} <input name={`e:${q.key}:${i}:title`} value={e.title} maxLength={300} />
          </label>
          <label>
            {t('report.evidence.url')} <input name={`e:${q.key}:${i}:url`} value={e.url} type="url" maxLength={2000} />
          </label>
          <label>
            {t('report.evidence.date')} <input name={`e:${q.key}:${i}:date`} value={e.date ?? ''} type="date" />
          </label>
          <label>
            <input type="checkbox" name={`e:${q.key}:${i}:inProgress`} value="true" checked={e.inProgress} />{' '}
            {t('report.evidence.inProgress')}
          </label>
        </div>
      ))}
    </fieldset>
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
        <table class="diff">
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
                <td>
                  <Answer ctx={ctx} q={r.question} value={r.before} />
                </td>
                <td>
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
            <Input ctx={ctx} q={q} value={view.answers[q.key]} problem={problem(q.key)} />
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
      {(['law', 'norms', 'cbms', 'capacity'] as const).map(section)}
    </Layout>
  );
}
