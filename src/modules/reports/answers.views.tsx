// A report's answers on a page, read or edited, and the labels the report pages share (parts, gaps,
// statuses, visibility).
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import type { PageContext } from '../../views/context.ts';
import { MAX_ROWS } from './answers.form.ts';
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

/** The label of a question on the form, in the reader's language where the questionnaire's own key says what it asks. */
export function labelOf(t: PageContext['t'], q: Question): string {
  const known: [string, MessageKey][] = [
    ['.gaps.text', 'report.q.gapsText'],
    ['.gaps', 'report.q.gaps'],
    ['.practices', 'report.q.practices'],
    ['.evidence', 'report.q.evidence'],
    ['.measures.text', 'report.q.otherMeasures'],
  ];
  const hit = known.find(([end]) => q.key.endsWith(end));
  if (hit) return t(hit[1]);
  const whole: Record<string, MessageKey> = {
    'law.measures': 'report.q.lawMeasures',
    'cbm.measures': 'report.q.cbmMeasures',
    'capacity.measures': 'report.q.capacityMeasures',
  };
  if (whole[q.key]) return t(whole[q.key]);
  if (q.kind === 'choices' && q.norm && q.key === `norm.${q.norm}.measures`) return t('report.q.measures');
  return q.title;
}

/** A question as a form field: a text area, check boxes, or rows of evidence with buttons to add and remove rows. */
export function AnswerInput(props: { ctx: PageContext; q: Question; value: unknown; problem?: string; extraRow?: boolean }) {
  const { ctx, q, value } = props;
  const { t } = ctx;
  const id = `q-${q.key.replace(/\./g, '-')}`;
  const label = labelOf(t, q);
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
  const blank = { title: '', url: '', date: null, inProgress: false };
  const stored = Array.isArray(value) ? (value as EvidenceItem[]).slice(0, MAX_ROWS) : [];
  const items = stored.length ? stored : [blank];
  if (props.extraRow && items.length < MAX_ROWS) items.push(blank);
  return (
    <fieldset
      data-question={q.key}
      data-kind="evidence"
      id={id}
      data-max-rows={MAX_ROWS}
      data-remove-label={t('report.evidence.remove', { n: '{n}' })}
    >
      <legend>{label}</legend>
      {props.problem && <p class="error">{props.problem}</p>}
      <ol class="evidence-rows">
        {items.map((e, i) => {
          const f = (name: string) => `e:${q.key}:${i}:${name}`;
          const fid = (name: string) => `${id}-${i}-${name}`;
          return (
            <li class="evidence" data-row={i}>
              <label>
                {t('report.evidence.title')} <input id={fid('title')} name={f('title')} value={e.title} maxLength={300} />
              </label>
              <label>
                {t('report.evidence.url')} <input id={fid('url')} name={f('url')} value={e.url} type="url" maxLength={2000} />
              </label>
              <label>
                {t('report.evidence.date')} <input id={fid('date')} name={f('date')} value={e.date ?? ''} type="date" />
              </label>
              <label>
                <input type="checkbox" name={f('inProgress')} value="true" checked={e.inProgress} />{' '}
                {t('report.evidence.inProgress')}
              </label>
              <button type="submit" class="secondary small" name="remove" value={`${q.key}:${i}`} data-remove>
                {t('report.evidence.remove', { n: String(i + 1) })}
              </button>
            </li>
          );
        })}
      </ol>
      <button type="submit" class="secondary small" name="add" value={q.key} data-add hidden={items.length >= MAX_ROWS}>
        {t('report.evidence.add')}
      </button>
    </fieldset>
  );
}
