// A report's answers on a page, read or edited, and the labels the report pages share (parts, gaps,
// statuses, visibility).
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import type { PageContext } from '../../views/context.ts';
import { type EvidenceItem, GAPS, type Part, type Question } from './questionnaire.ts';

export const PART_KEYS: Record<Part, MessageKey> = {
  law: 'report.part.law',
  norms: 'report.part.norms',
  cbms: 'report.part.cbms',
  capacity: 'report.part.capacity',
};
export const GAP_KEYS: Record<string, MessageKey> = {
  legal: 'report.gap.legal',
  technical: 'report.gap.technical',
  financial: 'report.gap.financial',
  human: 'report.gap.human',
  coordination: 'report.gap.coordination',
  other: 'report.gap.other',
};
export const STATUS_KEYS: Record<string, MessageKey> = {
  draft: 'report.status.draft',
  submitted: 'report.status.submitted',
  'not started': 'report.status.none',
};
export const VISIBILITY_KEYS: Record<string, MessageKey> = {
  private: 'report.visibility.private',
  shared: 'report.visibility.shared',
  public: 'report.visibility.public',
};

/** An answer as read: option labels, the text, or the evidence as links; a dash when none. */
export function Answer(props: { ctx: PageContext; q: Question; value: unknown }) {
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

/** A question as a form field: a text area, check boxes, or rows of evidence (one empty row to add). */
export function AnswerInput(props: { ctx: PageContext; q: Question; value: unknown; problem?: string }) {
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
