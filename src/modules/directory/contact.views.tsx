// Changing a State's entries: the nomination and edit form (with removal), and a contact's history.

import type { PageContext } from '../../views/context.ts';
import { dateTime } from '../../views/format.ts';
import { Field, Form, type FormProblem, Problems, Submit } from '../../views/forms.tsx';
import { Layout } from '../../views/layout.tsx';
import { FIELD_LABELS, LanguagesField, TimeZoneField } from './choices.views.tsx';
import type { ContactInput } from './directory.validate.ts';

export function ContactFormPage(props: {
  ctx: PageContext;
  csrf: string;
  state: { code: string; name: string; networks: string[] };
  action: string;
  value: Partial<ContactInput> & { effectiveFrom?: string };
  problems?: FormProblem[];
  editing: boolean;
  removeAction?: string;
  /** Whose role the removal takes, when it takes effect. */
  removalEffect?: { email: string; role: string; state: string } | null;
}) {
  const { ctx, value, state } = props;
  const { t } = ctx;
  const title = props.editing ? t('dir.edit.title', { name: value.name ?? '' }) : t('dir.nominate.title', { state: state.name });
  const problem = (f: string) => props.problems?.find((p) => p.field === f);
  return (
    <Layout ctx={ctx} title={title} scripts={['filter.js']}>
      <p class="kicker">
        <a href={`/directory/states/${state.code}`}>{t('dir.state.title', { state: state.name })}</a>
      </p>
      <h1>{title}</h1>
      <Problems ctx={ctx} problems={props.problems ?? []} />
      <Form action={props.action} csrf={props.csrf}>
        <div class="field">
          <label for="f-kind">{t('dir.kind')}</label>
          {problem('kind') && (
            <p class="error" id="f-kind-error">
              {problem('kind')?.message}
            </p>
          )}
          <select id="f-kind" name="kind" aria-invalid={problem('kind') ? 'true' : undefined}>
            <option value="diplomatic" selected={value.kind === 'diplomatic'}>
              {t('dir.kind.diplomatic')}
            </option>
            <option value="technical" selected={value.kind === 'technical'}>
              {t('dir.kind.technical')}
            </option>
          </select>
        </div>
        <Field ctx={ctx} name="name" label="auth.name" value={value.name} problems={props.problems} maxLength={200} required />
        <Field ctx={ctx} name="position" label="dir.position" value={value.position} problems={props.problems} maxLength={200} />
        <Field
          ctx={ctx}
          name="institution"
          label="dir.institution"
          value={value.institution}
          problems={props.problems}
          maxLength={200}
          required
        />
        <Field ctx={ctx} name="email" type="email" label="auth.email" value={value.email} problems={props.problems} required />
        <Field
          ctx={ctx}
          name="phone"
          label="dir.phone"
          value={value.phone}
          hint={t('dir.phone.hint')}
          problems={props.problems}
          maxLength={40}
          required
        />
        <LanguagesField ctx={ctx} value={value.languages} problem={problem('languages')} />
        <TimeZoneField ctx={ctx} value={value.timeZone} problem={problem('timeZone')} />
        <div class="field">
          <label>
            <input type="checkbox" name="allDay" value="true" checked={value.allDay === true} /> {t('dir.allDay')}
          </label>
        </div>
        <Field
          ctx={ctx}
          name="hours"
          label="dir.hours"
          value={value.hours}
          hint={t('dir.hours.hint')}
          problems={props.problems}
          maxLength={200}
        />
        <fieldset id="f-networks">
          <legend>{t('dir.networks')}</legend>
          {problem('networks') && <p class="error">{problem('networks')?.message}</p>}
          {state.networks.map((n) => (
            <label>
              <input type="checkbox" name="networks" value={n} checked={(value.networks ?? ['GLOBAL']).includes(n as never)} />{' '}
              {n === 'GLOBAL' ? t('dir.network.global') : n}
            </label>
          ))}
        </fieldset>
        <Field
          ctx={ctx}
          name="effectiveFrom"
          type="date"
          label="dir.effective"
          value={value.effectiveFrom}
          hint={t('dir.effective.hint')}
          problems={props.problems}
        />
        <Submit>{props.editing ? t('dir.save') : t('dir.nominate')}</Submit>
      </Form>
      {props.removeAction && (
        <Form action={props.removeAction} csrf={props.csrf}>
          <h2>{t('dir.remove')}</h2>
          {props.removalEffect && (
            <p class="note">
              {t('dir.remove.roles', {
                role: t(props.removalEffect.role === 'poc_diplomatic' ? 'role.poc_diplomatic' : 'role.poc_technical'),
                state: state.name,
                email: props.removalEffect.email,
              })}
            </p>
          )}
          <Field ctx={ctx} name="effectiveFrom" type="date" label="dir.effective" hint={t('dir.effective.hint')} />
          <Submit secondary>{t('dir.remove')}</Submit>
        </Form>
      )}
    </Layout>
  );
}

export function HistoryPage(props: {
  ctx: PageContext;
  state: { code: string; name: string };
  versions: {
    version: number;
    effective_from: Date;
    removed: boolean;
    changed_by: string;
    changed_by_email: string | null;
    changed_at: Date;
    changes: Record<string, [unknown, unknown]>;
  }[];
}) {
  const { ctx } = props;
  const { t } = ctx;
  const dt = dateTime(ctx.locale);
  const show = (v: unknown) => (Array.isArray(v) ? v.join(', ') : v === null || v === undefined || v === '' ? '—' : String(v));
  return (
    <Layout ctx={ctx} title={t('dir.history')}>
      <p class="kicker">
        <a href={`/directory/states/${props.state.code}`}>{t('dir.state.title', { state: props.state.name })}</a>
      </p>
      <h1>{t('dir.history')}</h1>
      <ol class="events" reversed>
        {props.versions.map((v) => (
          <li>
            <p>
              <strong>{t('dir.version', { version: v.version })}</strong> — {v.changed_by_email ?? v.changed_by},{' '}
              {dt.format(new Date(v.changed_at))} UTC; {t('dir.effectiveAt', { date: dt.format(new Date(v.effective_from)) })}
            </p>
            <ul class="plain">
              {Object.entries(v.changes).map(([field, [from, to]]) => (
                <li>
                  {field in FIELD_LABELS ? t(FIELD_LABELS[field as keyof typeof FIELD_LABELS]) : field}: {show(from)} → {show(to)}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </Layout>
  );
}
