// The questionnaire page: the current version's questions by part, its exports (PDF, CSV, JSON), the versions
// published, and (editors) the form to publish a new one.
import type { PageContext } from '../../views/context.ts';
import { Form, type FormProblem, Problems, Submit } from '../../views/forms.tsx';
import { Layout } from '../../views/layout.tsx';
import { PART_KEYS } from './answers.views.tsx';
import { PARTS, type Question } from './questionnaire.ts';
import type { VersionRow } from './reports.types.ts';

export function QuestionnairePage(props: {
  ctx: PageContext;
  csrf: string;
  version: number;
  questions: Question[];
  versions: VersionRow[];
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
      {PARTS.map((part) => (
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
