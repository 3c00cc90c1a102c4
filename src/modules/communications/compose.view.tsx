// The compose form: a new communication or a draft being edited, with the problems of the last attempt. What
// was typed stays; files of a refused attempt are kept and listed (untick to leave one out); a form given back
// after the session ended says so. Recipients are chosen by name (picker.view.tsx), norms and sectors by
// their names in the reader's language.

import type { MessageKey } from '../../platform/i18n/i18n.ts';
import { visibleText } from '../../platform/text.ts';
import type { PageContext } from '../../views/context.ts';
import { Field, Form, type FormProblem, Problems } from '../../views/forms.tsx';
import { Layout } from '../../views/layout.tsx';
import { fileKind, INDICATOR_TYPES, TLPS, TYPES, URGENCIES } from './communications.validate.ts';
import { sizeText, stamp } from './format.ts';
import type { PendingUpload } from './pending.service.ts';
import { type PickerState, RecipientPicker } from './picker.view.tsx';
import { CommNav, TYPE_KEYS, URGENCY_KEYS } from './shared.view.tsx';

export interface ComposeValue {
  type?: string;
  urgency?: string;
  tlp?: string;
  recipients?: string[];
  /** State names typed in the picker's box, not resolved yet. */
  recipientNames?: string;
  people?: string;
  subject?: string;
  body?: string;
  norms?: string[];
  sectors?: string[];
  indicators?: string;
  actionRequested?: string;
  actionDue?: string;
}

export interface ComposeProps {
  ctx: PageContext;
  csrf: string;
  action: string;
  idempotencyKey: string;
  /** Signs the form for its author, so it can be kept if the session ends before it is sent. */
  formToken: string;
  value: ComposeValue;
  problems?: FormProblem[];
  states: PickerState[];
  sectors: { slug: string; name: string }[];
  norms: { letter: string; title: string }[];
  editing: boolean;
  maxMb: number;
  /** Files already attached to the draft. */
  attached?: { name: string; size: number }[];
  /** Files kept from a refused attempt, sent with this one unless unticked. */
  pending?: PendingUpload[];
  keepHours: number;
  /** Said at the top: why the form holds what it holds (given back after the session ended). */
  notice?: string;
  /** Other forms kept after a session ended, to continue. */
  kept?: { href: string; subject: string; at: Date }[];
}

export function ComposePage(props: ComposeProps) {
  const { ctx } = props;
  const { t } = ctx;
  const v = props.value;
  const problem = (f: string) => props.problems?.find((p) => p.field === f);
  const ErrorOf = (p: { name: string }) =>
    problem(p.name) ? (
      <p class="error" id={`f-${p.name}-error`}>
        {problem(p.name)?.message}
      </p>
    ) : null;
  const Choice = (p: {
    name: string;
    label: MessageKey;
    options: readonly string[];
    keys?: Record<string, MessageKey>;
    value?: string;
  }) => (
    <div class="field">
      <label for={`f-${p.name}`}>{t(p.label)}</label>
      <ErrorOf name={p.name} />
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
      <ErrorOf name={p.name} />
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
  const title = props.editing ? t('comm.edit.title') : t('comm.new.title');
  return (
    <Layout ctx={ctx} title={title} scripts={['picker.js']}>
      <h1>{title}</h1>
      <CommNav ctx={ctx} current="/communications/new" />
      {props.notice && (
        <p class="notice" role="status">
          {props.notice}
        </p>
      )}
      {props.kept && props.kept.length > 0 && (
        <section class="kept-forms" aria-labelledby="kept-title">
          <h2 id="kept-title">{t('comm.kept.title')}</h2>
          <ul class="plain">
            {props.kept.map((k) => (
              <li>
                <a href={k.href}>{k.subject || t('comm.untitled')}</a> — {t('comm.kept.at', { at: stamp(ctx.locale, k.at) })}
              </li>
            ))}
          </ul>
        </section>
      )}
      <Problems ctx={ctx} problems={props.problems ?? []} />
      <Form action={props.action} csrf={props.csrf} class="stack wide compose" enctype="multipart/form-data">
        <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} />
        <input type="hidden" name="formToken" value={props.formToken} />
        {/* The form's default button: Enter in a field (a phone's Go key) checks the form, never sends it. */}
        <button type="submit" name="do" value="check" class="visually-hidden" tabIndex={-1}>
          {t('comm.check')}
        </button>
        <Choice name="type" label="comm.type" options={TYPES} keys={TYPE_KEYS} value={v.type} />
        <Choice name="urgency" label="comm.urgency" options={URGENCIES} keys={URGENCY_KEYS} value={v.urgency ?? 'routine'} />
        <Choice name="tlp" label="comm.tlp" options={TLPS} value={v.tlp ?? 'amber'} />
        <p class="hint">{t('comm.tlp.hint')}</p>
        <RecipientPicker
          ctx={ctx}
          states={props.states}
          chosen={v.recipients ?? []}
          typed={v.recipientNames}
          problems={props.problems?.filter((p) => p.field === 'recipients')}
        />
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
          <ErrorOf name="norms" />
          <div class="checks long">
            {props.norms.map((n) => (
              <label>
                <input type="checkbox" name="norms" value={n.letter} checked={v.norms?.includes(n.letter)} />{' '}
                {t('comm.norm.titled', { letter: n.letter, title: n.title })}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset id="f-sectors">
          <legend>{t('comm.sectors')}</legend>
          <ErrorOf name="sectors" />
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
        <Field
          ctx={ctx}
          name="actionDue"
          type="date"
          label="comm.actionDue"
          value={v.actionDue}
          hint={t('comm.actionDue.hint')}
          problems={props.problems}
        />
        <div class="field">
          <label for="f-attachments">{t('comm.attachments')}</label>
          <p class="hint" id="f-attachments-hint">
            {t('comm.attachments.hint', { mb: props.maxMb })}
          </p>
          <ErrorOf name="attachments" />
          {props.attached && props.attached.length > 0 && (
            <ul class="plain">
              {props.attached.map((a) => (
                <li>
                  <bdi dir="ltr">{visibleText(a.name)}</bdi> ({sizeText(ctx.locale, a.size)})
                </li>
              ))}
            </ul>
          )}
          {props.pending && props.pending.length > 0 && (
            <fieldset class="kept-files" id="f-keepUpload">
              <legend>{t('comm.pending.title')}</legend>
              <p class="hint">{t('comm.pending.hint', { hours: props.keepHours })}</p>
              {props.pending.map((f) => (
                <label>
                  <input type="checkbox" name="keepUpload" value={f.id} checked /> <bdi dir="ltr">{visibleText(f.name)}</bdi>{' '}
                  <span class="file-kind">{fileKind(f.name, f.mediaType)}</span> ({sizeText(ctx.locale, f.size)})
                </label>
              ))}
            </fieldset>
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
