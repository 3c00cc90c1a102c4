// The compose form: a new communication or a draft being edited, with the problems of the last attempt.
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import type { PageContext } from '../../views/context.ts';
import { fileSize } from '../../views/format.ts';
import { Field, Form, type FormProblem, Problems } from '../../views/forms.tsx';
import { Layout } from '../../views/layout.tsx';
import { INDICATOR_TYPES, NORM_LETTERS, TLPS, TYPES, URGENCIES } from './communications.validate.ts';
import { CommNav, TYPE_KEYS, URGENCY_KEYS } from './shared.view.tsx';

export interface ComposeValue {
  type?: string;
  urgency?: string;
  tlp?: string;
  recipients?: string[];
  people?: string;
  subject?: string;
  body?: string;
  norms?: string[];
  sectors?: string[];
  indicators?: string;
  actionRequested?: string;
  actionDue?: string;
}

export function ComposePage(props: {
  ctx: PageContext;
  csrf: string;
  action: string;
  idempotencyKey: string;
  value: ComposeValue;
  problems?: FormProblem[];
  states: { code: string; name: string }[];
  sectors: { slug: string; name: string }[];
  own: string;
  editing: boolean;
  maxMb: number;
  /** Files already attached to the draft. */
  attached?: { name: string; size: number }[];
}) {
  const { ctx } = props;
  const { t } = ctx;
  const v = props.value;
  const problem = (f: string) => props.problems?.find((p) => p.field === f);
  const Choice = (p: {
    name: string;
    label: MessageKey;
    options: readonly string[];
    keys?: Record<string, MessageKey>;
    value?: string;
  }) => (
    <div class="field">
      <label for={`f-${p.name}`}>{t(p.label)}</label>
      {problem(p.name) && (
        <p class="error" id={`f-${p.name}-error`}>
          {problem(p.name)?.message}
        </p>
      )}
      <select id={`f-${p.name}`} name={p.name} aria-invalid={problem(p.name) ? 'true' : undefined}>
        {p.options.map((o) => (
          <option value={o} selected={p.value === o}>
            {p.keys ? t(p.keys[o]) : `TLP:${o.toUpperCase()}`}
          </option>
        ))}
      </select>
    </div>
  );
  const Area = (p: { name: string; label: MessageKey; value?: string; rows?: number; hint?: string }) => (
    <div class="field">
      <label for={`f-${p.name}`}>{t(p.label)}</label>
      {p.hint && (
        <p class="hint" id={`f-${p.name}-hint`}>
          {p.hint}
        </p>
      )}
      {problem(p.name) && (
        <p class="error" id={`f-${p.name}-error`}>
          {problem(p.name)?.message}
        </p>
      )}
      <textarea
        id={`f-${p.name}`}
        name={p.name}
        rows={p.rows ?? 6}
        aria-invalid={problem(p.name) ? 'true' : undefined}
        aria-describedby={
          [p.hint ? `f-${p.name}-hint` : '', problem(p.name) ? `f-${p.name}-error` : ''].filter(Boolean).join(' ') || undefined
        }
      >
        {p.value ?? ''}
      </textarea>
    </div>
  );
  return (
    <Layout ctx={ctx} title={t('comm.new.title')}>
      <h1>{props.editing ? t('comm.edit.title') : t('comm.new.title')}</h1>
      <CommNav ctx={ctx} current="/communications/new" />
      <Problems ctx={ctx} problems={props.problems ?? []} />
      <Form action={props.action} csrf={props.csrf} class="stack wide" enctype="multipart/form-data">
        <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} />
        <Choice name="type" label="comm.type" options={TYPES} keys={TYPE_KEYS} value={v.type} />
        <Choice name="urgency" label="comm.urgency" options={URGENCIES} keys={URGENCY_KEYS} value={v.urgency ?? 'routine'} />
        <Choice name="tlp" label="comm.tlp" options={TLPS} value={v.tlp ?? 'amber'} />
        <p class="hint">{t('comm.tlp.hint')}</p>
        <div class="field">
          <label for="f-recipients">{t('comm.recipients')}</label>
          <p class="hint" id="f-recipients-hint">
            {t('comm.recipients.hint')}
          </p>
          {problem('recipients') && (
            <p class="error" id="f-recipients-error">
              {problem('recipients')?.message}
            </p>
          )}
          <select
            id="f-recipients"
            name="recipients"
            multiple
            size={8}
            aria-invalid={problem('recipients') ? 'true' : undefined}
            aria-describedby="f-recipients-hint"
          >
            {props.states
              .filter((s) => s.code !== props.own)
              .map((s) => (
                <option value={s.code} selected={v.recipients?.includes(s.code)}>
                  {s.name}
                </option>
              ))}
          </select>
        </div>
        <Field
          ctx={ctx}
          name="people"
          label="comm.people"
          value={v.people}
          hint={t('comm.people.hint')}
          problems={props.problems}
          maxLength={4000}
        />
        <Field
          ctx={ctx}
          name="subject"
          label="comm.subject"
          value={v.subject}
          problems={props.problems}
          maxLength={200}
          required
        />
        <Area name="body" label="comm.body" value={v.body} rows={8} />
        <fieldset id="f-norms">
          <legend>{t('comm.norms')}</legend>
          {problem('norms') && <p class="error">{problem('norms')?.message}</p>}
          <div class="checks">
            {NORM_LETTERS.map((n) => (
              <label>
                <input type="checkbox" name="norms" value={n} checked={v.norms?.includes(n)} /> {t('comm.norm', { letter: n })}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset id="f-sectors">
          <legend>{t('comm.sectors')}</legend>
          {problem('sectors') && <p class="error">{problem('sectors')?.message}</p>}
          <div class="checks">
            {props.sectors.map((s) => (
              <label>
                <input type="checkbox" name="sectors" value={s.slug} checked={v.sectors?.includes(s.slug)} /> {s.name}
              </label>
            ))}
          </div>
        </fieldset>
        <Area
          name="indicators"
          label="comm.indicators"
          value={v.indicators}
          rows={5}
          hint={t('comm.indicators.hint', { types: INDICATOR_TYPES.join(', ') })}
        />
        <Area name="actionRequested" label="comm.actionRequested" value={v.actionRequested} rows={3} />
        <Field ctx={ctx} name="actionDue" type="date" label="comm.actionDue" value={v.actionDue} problems={props.problems} />
        <div class="field">
          <label for="f-attachments">{t('comm.attachments')}</label>
          <p class="hint" id="f-attachments-hint">
            {t('comm.attachments.hint', { mb: props.maxMb })}
          </p>
          {problem('attachments') && (
            <p class="error" id="f-attachments-error">
              {problem('attachments')?.message}
            </p>
          )}
          {props.attached && props.attached.length > 0 && (
            <ul class="plain">
              {props.attached.map((a) => (
                <li>
                  {a.name} ({fileSize(ctx.locale, a.size)})
                </li>
              ))}
            </ul>
          )}
          <input
            id="f-attachments"
            type="file"
            name="attachments"
            multiple
            aria-describedby="f-attachments-hint"
            aria-invalid={problem('attachments') ? 'true' : undefined}
          />
        </div>
        <div class="buttons">
          <button type="submit" name="do" value="send">
            {t('comm.send')}
          </button>
          <button type="submit" name="do" value="draft" class="secondary">
            {t('comm.saveDraft')}
          </button>
        </div>
      </Form>
    </Layout>
  );
}
