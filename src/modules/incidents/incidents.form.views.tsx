// The editors' pages: the drafts and proposals waiting for a second editor, and the form that creates or
// changes a draft: the record, each claim (with its responses) and each norm at stake, with one empty block
// of each to add another (saving shows a new one), so it works without script.
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import type { PageContext } from '../../views/context.ts';
import { Form, type FormProblem, Problems, Submit } from '../../views/forms.tsx';
import { Layout } from '../../views/layout.tsx';
import { type StateChoice, StatePicker } from '../../views/state-picker.tsx';
import { type WaitingChange, WaitingChanges } from './incidents.history.views.tsx';
import { ImportForm } from './incidents.import.views.tsx';
import type { IncidentView } from './incidents.service.ts';
import {
  ATTRIBUTED_KINDS,
  CLAIM_BASES,
  CLAIMANT_KINDS,
  INCIDENT_TYPES,
  NORM_BASES,
  NORM_LETTERS,
  SECTORS,
  STANCES,
} from './incidents.vocab.ts';

const k = (key: string) => key as MessageKey;
type Values = Record<string, string>;

export function ReviewPage(props: {
  ctx: PageContext;
  views: IncidentView[];
  csrf: string;
  problems?: FormProblem[];
  pasted?: string;
  /** The record already here that the pasted bundle is. */
  existing?: { id: string; title: string };
  /** Changes to published incidents waiting for a second editor (incidents.revisions.ts). */
  changes?: WaitingChange[];
}) {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('incidents.review.title')}>
      <h1>{t('incidents.review.title')}</h1>
      <p>
        <a href="/incidents/new">{t('incidents.new')}</a>
      </p>
      <ul>
        {props.views.map((v) => (
          <li>
            <a href={`/incidents/${v.incident.id}`}>{v.incident.title}</a>{' '}
            <span class="tag">{t(k(`incidents.status.${v.incident.status}`))}</span>
          </li>
        ))}
      </ul>
      {props.views.length === 0 && <p>{t('incidents.none')}</p>}
      {props.changes && <WaitingChanges ctx={ctx} changes={props.changes} />}
      <ImportForm
        ctx={ctx}
        csrf={props.csrf}
        problems={props.problems ?? []}
        pasted={props.pasted ?? ''}
        existing={props.existing}
      />
    </Layout>
  );
}

/** The form's values from a view (a change) or nothing (a new record). */
export function valuesOf(v: IncidentView | null): Values {
  if (!v) return {};
  const i = v.incident;
  const cut = (d: string | null, p: string | null) =>
    d ? (p === 'year' ? d.slice(0, 4) : p === 'month' ? d.slice(0, 7) : d) : '';
  const out: Values = {
    title: i.title,
    summary: i.summary,
    started: cut(i.started_on, i.started_precision),
    ended: cut(i.ended_on, i.ended_precision),
    disclosed: cut(i.disclosed_on, i.disclosed_precision),
    targets: i.targets.join(' '),
    effects: i.effects,
    sources: i.sources.map((s) => `${s.title} | ${s.url}${s.unconfirmed ? ' | ?' : ''}`).join('\n'),
  };
  for (const x of i.types) out[`types.${x}`] = 'on';
  for (const x of i.sectors) out[`sectors.${x}`] = 'on';
  v.claims.forEach((c, n) => {
    const p = `claims.${n}.`;
    Object.assign(out, {
      [`${p}claimantKind`]: c.claimant_kind,
      [`${p}claimantStates`]: c.claimant_states.join(' '),
      [`${p}claimantName`]: c.claimant_name,
      [`${p}claimedOn`]: c.claimed_on,
      [`${p}basis`]: c.basis,
      [`${p}attributedKind`]: c.attributed_kind,
      [`${p}attributedState`]: c.attributed_state ?? '',
      [`${p}attributedActor`]: c.attributed_actor,
      [`${p}summary`]: c.summary,
      [`${p}sourceUrl`]: c.source_url,
      [`${p}sourceTitle`]: c.source_title,
      [`${p}unconfirmed`]: c.unconfirmed ? 'on' : '',
    });
    c.responses.forEach((r, m) => {
      const q = `${p}responses.${m}.`;
      Object.assign(out, {
        [`${q}state`]: r.state_code,
        [`${q}stance`]: r.stance,
        [`${q}statedOn`]: r.stated_on,
        [`${q}summary`]: r.summary,
        [`${q}sourceUrl`]: r.source_url,
        [`${q}unconfirmed`]: r.unconfirmed ? 'on' : '',
      });
    });
  });
  v.norms.forEach((x, n) => {
    Object.assign(out, {
      [`norms.${n}.norm`]: x.norm_letter,
      [`norms.${n}.basis`]: x.basis,
      [`norms.${n}.invokedBy`]: x.invoked_by,
      [`norms.${n}.rationale`]: x.rationale,
    });
  });
  return out;
}

/** How many blocks of a kind the values hold (`claims.3.…` → 4). */
const blocks = (values: Values, prefix: string) =>
  Object.keys(values).reduce((m, key) => {
    const n = new RegExp(`^${prefix.replace(/\./g, '\\.')}(\\d+)\\.`).exec(key);
    return n ? Math.max(m, Number(n[1]) + 1) : m;
  }, 0);

export function EditPage(props: {
  ctx: PageContext;
  csrf: string;
  id: string | null;
  values: Values;
  problems: FormProblem[];
  /** A change to a published incident (incidents.revisions.ts): its own heading, address and note. */
  change?: { heading: string; action: string; intro: string };
  /** The States to choose from by name, in the reader's language (without them, codes are typed). */
  states?: StateChoice[];
}) {
  const { ctx, values } = props;
  const { t } = ctx;
  const msg = (f: string) => props.problems.find((p) => p.field === f)?.message;
  const described = (f: string) => (msg(f) ? { 'aria-invalid': 'true' as const, 'aria-describedby': `${idOf(f)}-error` } : {});
  const idOf = (f: string) => `f-${f.replace(/\./g, '-')}`;
  const error = (f: string) =>
    msg(f) && (
      <p class="error" id={`${idOf(f)}-error`}>
        {msg(f)}
      </p>
    );
  const input = (f: string, label: MessageKey, type: 'text' | 'date' | 'url' = 'text') => (
    <div class="field">
      <label for={idOf(f)}>{t(label)}</label>
      {error(f)}
      <input id={idOf(f)} name={f} type={type as 'text'} value={values[f] ?? ''} {...described(f)} />
    </div>
  );
  const area = (f: string, label: MessageKey, hint?: MessageKey) => (
    <div class="field">
      <label for={idOf(f)}>{t(label)}</label>
      {hint && <p class="hint">{t(hint)}</p>}
      {error(f)}
      <textarea id={idOf(f)} name={f} rows={3} {...described(f)}>
        {values[f] ?? ''}
      </textarea>
    </div>
  );
  const select = (f: string, label: MessageKey, options: readonly string[], key: string, blank = true) => (
    <div class="field">
      <label for={idOf(f)}>{t(label)}</label>
      {error(f)}
      <select id={idOf(f)} name={f} {...described(f)}>
        {blank && <option value="">—</option>}
        {options.map((o) => (
          <option value={o} selected={values[f] === o}>
            {key === 'norm' ? t('comm.norm', { letter: o }) : t(k(`incidents.${key}.${o}`))}
          </option>
        ))}
      </select>
    </div>
  );
  const boxes = (f: string, label: MessageKey, options: readonly string[], key: string) => (
    <fieldset>
      <legend>{t(label)}</legend>
      {error(f)}
      {options.map((o) => (
        <label class="check">
          <input type="checkbox" name={`${f}.${o}`} checked={values[`${f}.${o}`] === 'on'} /> {t(k(`incidents.${key}.${o}`))}
        </label>
      ))}
    </fieldset>
  );
  // States by name (views/state-picker.tsx): several, or one with "none" first; a picker's id is its field's.
  const states = (f: string, label: MessageKey, one = false) =>
    props.states ? (
      <StatePicker
        ctx={ctx}
        name={f}
        id={idOf(f)}
        legend={label}
        states={props.states}
        chosen={(values[f] ?? '').split(/[\s,;]+/).filter(Boolean)}
        problem={msg(f)}
        single={one ? { none: 'incidents.field.noState' } : undefined}
      />
    ) : (
      input(f, label)
    );
  const claims = blocks(values, 'claims.') + 1;
  const norms = blocks(values, 'norms.') + 1;
  return (
    <Layout
      ctx={ctx}
      title={props.change?.heading ?? t(props.id ? 'incidents.edit' : 'incidents.new')}
      scripts={props.states ? ['state-picker.js'] : undefined}
    >
      <h1>{props.change?.heading ?? t(props.id ? 'incidents.edit' : 'incidents.new')}</h1>
      {props.change && <p class="lead">{props.change.intro}</p>}
      <Problems ctx={ctx} problems={props.problems.map((p) => ({ ...p, field: p.field ? idOf(p.field).slice(2) : '' }))} />
      <Form action={props.change?.action ?? (props.id ? `/incidents/${props.id}` : '/incidents')} csrf={props.csrf}>
        {input('title', 'incidents.field.title')}
        {area('summary', 'incidents.field.summary')}
        {boxes('types', 'incidents.field.types', INCIDENT_TYPES, 'type')}
        {input('started', 'incidents.field.started')}
        {input('ended', 'incidents.field.ended')}
        {input('disclosed', 'incidents.field.disclosed')}
        {states('targets', 'incidents.field.targets')}
        {boxes('sectors', 'incidents.field.sectors', SECTORS, 'sector')}
        {area('effects', 'incidents.field.effects')}
        {area('sources', 'incidents.sources', 'incidents.sources.hint')}
        {Array.from({ length: claims }, (_, n) => {
          const p = `claims.${n}.`;
          return (
            <fieldset>
              <legend>{t('incidents.claim.n', { n: n + 1 })}</legend>
              {values[`${p}id`] && <input type="hidden" name={`${p}id`} value={values[`${p}id`]} />}
              {select(`${p}claimantKind`, 'incidents.claim.who', CLAIMANT_KINDS, 'claimant')}
              {states(`${p}claimantStates`, 'incidents.field.claimantStates')}
              {input(`${p}claimantName`, 'incidents.field.claimantName')}
              {input(`${p}claimedOn`, 'incidents.claim.when', 'date')}
              {select(`${p}basis`, 'incidents.claim.how', CLAIM_BASES, 'basis')}
              {select(`${p}attributedKind`, 'incidents.claim.to', ATTRIBUTED_KINDS, 'attributed')}
              {states(`${p}attributedState`, 'incidents.field.attributedState', true)}
              {input(`${p}attributedActor`, 'incidents.field.attributedActor')}
              {area(`${p}summary`, 'incidents.field.summary')}
              {input(`${p}sourceUrl`, 'incidents.field.sourceUrl', 'url')}
              {input(`${p}sourceTitle`, 'incidents.field.sourceTitle')}
              <label class="check">
                <input type="checkbox" name={`${p}unconfirmed`} checked={values[`${p}unconfirmed`] === 'on'} />{' '}
                {t('incidents.unconfirmed')}
              </label>
              {Array.from({ length: blocks(values, `${p}responses.`) + 1 }, (_, m) => {
                const q = `${p}responses.${m}.`;
                return (
                  <fieldset>
                    <legend>{t('incidents.response.n', { n: m + 1 })}</legend>
                    {values[`${q}id`] && <input type="hidden" name={`${q}id`} value={values[`${q}id`]} />}
                    {states(`${q}state`, 'incidents.field.state', true)}
                    {select(`${q}stance`, 'incidents.field.stance', STANCES, 'stance')}
                    {input(`${q}statedOn`, 'incidents.position.statedOn', 'date')}
                    {input(`${q}summary`, 'incidents.position.summary')}
                    {input(`${q}sourceUrl`, 'incidents.position.sourceUrl', 'url')}
                    <label class="check">
                      <input type="checkbox" name={`${q}unconfirmed`} checked={values[`${q}unconfirmed`] === 'on'} />{' '}
                      {t('incidents.unconfirmed')}
                    </label>
                  </fieldset>
                );
              })}
            </fieldset>
          );
        })}
        {Array.from({ length: norms }, (_, n) => (
          <fieldset>
            <legend>{t('incidents.normAtStake.n', { n: n + 1 })}</legend>
            {select(`norms.${n}.norm`, 'incidents.filter.norm', NORM_LETTERS, 'norm')}
            {select(`norms.${n}.basis`, 'incidents.field.normBasis', NORM_BASES, 'normBasis')}
            {states(`norms.${n}.invokedBy`, 'incidents.field.invokedBy', true)}
            {area(`norms.${n}.rationale`, 'incidents.field.rationale')}
          </fieldset>
        ))}
        {props.change && (
          <div class="field">
            <label for="f-note">{t('incidents.change.note')}</label>
            {error('note')}
            <input id="f-note" name="note" value={values.note ?? ''} maxLength={300} required {...described('note')} />
          </div>
        )}
        <Submit>{t(props.change ? 'incidents.change.submit' : 'incidents.save')}</Submit>
      </Form>
    </Layout>
  );
}
