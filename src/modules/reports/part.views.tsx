// One section of a report, edited on a page of its own: its questions as a form whose save button and save
// state stay in view at the foot of the screen, the previous and next sections, and the list of every
// section with how far each is answered (beside the form on a wide screen, after it on a phone). The form
// works without JavaScript; public/report-editor.js saves each answer as it is typed and adds and removes
// evidence rows in place.

import type { PageContext } from '../../views/context.ts';
import { Form, type FormProblem, Problems } from '../../views/forms.tsx';
import { Layout } from '../../views/layout.tsx';
import { AnswerInput, GAP_KEYS, labelOf, PART_KEYS, STATUS_KEYS } from './answers.views.tsx';
import { GAPS, type Question } from './questionnaire.ts';
import type { ReportView } from './reports.types.ts';
import { inSection, progressOf, type Section, sectionHref, sectionsOf } from './sections.ts';

/** Each norm's title in the reader's language, by letter. */
export type NormTitles = Record<string, string>;

/** A section's name: its part, or in part II its norm and the norm's title. */
export function sectionName(ctx: PageContext, s: Section, titles: NormTitles): string {
  const { t } = ctx;
  if (!s.norm) return t(PART_KEYS[s.part]);
  const norm = t('comm.norm', { letter: s.norm });
  return titles[s.norm] ? t('report.normTitle', { norm, title: titles[s.norm] }) : norm;
}

/**
 * A question as a document (the PDF) names it in the reader's language: its label, after its norm's name in
 * part II, and the capacity gaps by name.
 */
export function questionInWords(ctx: PageContext, q: Question, titles: NormTitles): Question {
  const { t } = ctx;
  const label = labelOf(t, q);
  const title = q.norm ? `${sectionName(ctx, { part: q.part, norm: q.norm }, titles)} — ${label}` : label;
  const options = q.key.endsWith('.gaps') ? GAPS.map((g) => ({ id: g, label: t(GAP_KEYS[g]) })) : q.options;
  return { ...q, title, ...(options ? { options } : {}) };
}

/** "Saved at 14:05 (UTC)": the same words the script writes after saving as one types. */
export const savedAt = (ctx: PageContext, at: Date | string) =>
  ctx.t('report.savedAt', { time: new Date(at).toISOString().slice(11, 16) });

/** Every section with how many of its questions are answered; part II's norms nested under it. */
export function SectionList(props: {
  ctx: PageContext;
  view: ReportView;
  base: string;
  titles: NormTitles;
  current?: Section;
  class?: string;
}) {
  const { ctx, view, base } = props;
  const { t } = ctx;
  const sections = sectionsOf(view.questions);
  const item = (s: Section, label: string) => {
    const p = progressOf(s, view.questions, view.answers);
    const current = props.current && props.current.part === s.part && props.current.norm === s.norm;
    return (
      <li class={p.answered ? 'begun' : undefined}>
        <a href={sectionHref(base, s)} aria-current={current ? 'page' : undefined}>
          {label}
        </a>{' '}
        <span class="meta">{t('report.progress', { n: String(p.answered), total: String(p.total) })}</span>
      </li>
    );
  };
  return (
    <ol class={props.class ?? 'section-list'}>
      {[...new Set(sections.map((s) => s.part))].map((part) => {
        const inPart = sections.filter((s) => s.part === part);
        if (part !== 'norms') return item(inPart[0], t(PART_KEYS[part]));
        return (
          <li>
            <span class="part-name">{t(PART_KEYS.norms)}</span>
            <ol>{inPart.map((s) => item(s, sectionName(ctx, s, props.titles)))}</ol>
          </li>
        );
      })}
    </ol>
  );
}

export function PartPage(props: {
  ctx: PageContext;
  csrf: string;
  stateName: string;
  view: ReportView;
  section: Section;
  titles: NormTitles;
  /** Just saved: the save state says when. */
  saved: boolean;
  /** An evidence question given one more empty row ("add a row" without JavaScript). */
  extraRow?: string;
  problems?: FormProblem[];
}) {
  const { ctx, view, section } = props;
  const { t } = ctx;
  const base = `/states/${view.state}/reports/${view.cycle}`;
  const report = t('report.title', { state: props.stateName, year: String(view.cycle) });
  const name = sectionName(ctx, section, props.titles);
  const sections = sectionsOf(view.questions);
  const at = sections.findIndex((s) => s.part === section.part && s.norm === section.norm);
  const [previous, next] = [sections[at - 1], sections[at + 1]];
  const questions = view.questions.filter((q) => inSection(section, q));
  const progress = progressOf(section, view.questions, view.answers);
  const problem = (key: string) =>
    props.problems?.find((p) => p.field === `answers.${key}` || p.field.startsWith(`answers.${key}[`))?.message;
  const saveLabel = t('report.save', { part: section.norm ? t('comm.norm', { letter: section.norm }) : name });
  return (
    <Layout ctx={ctx} title={`${name} · ${report}`} scripts={['report-editor.js']}>
      <p class="kicker">
        <a href={base}>{report}</a>
        {section.norm && ` › ${t(PART_KEYS.norms)}`}
      </p>
      <h1>{name}</h1>
      <p class="lead">
        {t(STATUS_KEYS[view.report?.status ?? 'not started'])} ·{' '}
        {t('report.progress', { n: String(progress.answered), total: String(progress.total) })}
        {section.norm && (
          <>
            {' · '}
            <a href={`/norms/${section.norm}`}>{t('report.aboutNorm', { norm: t('comm.norm', { letter: section.norm }) })}</a>
          </>
        )}
      </p>
      <Problems ctx={ctx} problems={props.problems ?? []} />
      <div class="report-layout">
        <div class="report-main">
          <Form action={`${base}/answers`} csrf={props.csrf} class="stack wide report-form" id="part-form">
            {/* Enter in a field presses the form's first button: this one saves, never a row's button. */}
            <button type="submit" class="visually-hidden" tabIndex={-1} aria-hidden="true">
              {saveLabel}
            </button>
            <input type="hidden" name="part" value={section.part} />
            {section.norm && <input type="hidden" name="norm" value={section.norm} />}
            {questions.map((q) => (
              <AnswerInput
                ctx={ctx}
                q={q}
                value={view.answers[q.key]}
                problem={problem(q.key)}
                extraRow={props.extraRow === q.key}
              />
            ))}
            <div class="save-bar">
              <button type="submit">{saveLabel}</button>
              <p
                class="save-state"
                id="save-state"
                role="status"
                data-saved={t('report.savedAt', { time: '{time}' })}
                data-saving={t('report.saving')}
                data-failed={t('report.autosaveFailed')}
              >
                {props.saved && view.report ? savedAt(ctx, view.report.updated_at) : ''}
              </p>
            </div>
          </Form>
          <nav class="pager" aria-label={t('report.pager')}>
            {previous ? (
              <a href={sectionHref(base, previous)} rel="prev">
                {t('report.previous', { section: sectionName(ctx, previous, props.titles) })}
              </a>
            ) : (
              <a href={base}>{t('report.overview')}</a>
            )}
            {next ? (
              <a href={sectionHref(base, next)} rel="next">
                {t('report.next', { section: sectionName(ctx, next, props.titles) })}
              </a>
            ) : (
              <a href={`${base}#submit`}>{t('report.toSubmit')}</a>
            )}
          </nav>
        </div>
        <nav class="part-nav" aria-labelledby="part-nav-title">
          <h2 id="part-nav-title">{t('report.parts.title')}</h2>
          <SectionList ctx={ctx} view={view} base={base} titles={props.titles} current={section} />
        </nav>
      </div>
    </Layout>
  );
}
