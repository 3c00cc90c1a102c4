// Form pieces: every form posts with its CSRF token, shows problems next to their fields and in a summary
// at the top (announced to screen readers), and keeps what was typed except passwords.
import type { ComponentChildren } from 'preact';
import type { FormProblem } from '../platform/http/form-problems.ts';
import type { MessageKey } from '../platform/i18n/i18n.ts';
import type { PageContext } from './context.ts';

export type { FormProblem };

export function Form(props: {
  action: string;
  csrf: string;
  children: ComponentChildren;
  class?: string;
  id?: string;
  /** multipart/form-data for a form with files. */
  enctype?: string;
}) {
  return (
    <form method="post" action={props.action} class={props.class ?? 'stack'} id={props.id} enctype={props.enctype} novalidate>
      <input type="hidden" name="_csrf" value={props.csrf} />
      {props.children}
    </form>
  );
}

export function Problems(props: { ctx: PageContext; problems: FormProblem[] }) {
  if (!props.problems.length) return null;
  return (
    <div class="problems" role="alert" tabIndex={-1} id="problems">
      <h2>{props.ctx.t('form.problems')}</h2>
      <ul>
        {props.problems.map((p) => (
          <li>{p.field ? <a href={`#f-${p.field}`}>{p.message}</a> : p.message}</li>
        ))}
      </ul>
    </div>
  );
}

/** What a field's control carries so its label, hint and problem are read with it. */
export interface FieldControl {
  id: string;
  invalid: 'true' | undefined;
  describedBy: string | undefined;
}

/** A field's frame: its label, hint and problem, around the control `children` draws with the ids given. */
export function FieldFrame(props: {
  ctx: PageContext;
  name: string;
  label: MessageKey;
  hint?: string;
  problems?: FormProblem[];
  children: (control: FieldControl) => ComponentChildren;
}) {
  const id = `f-${props.name}`;
  const problem = props.problems?.find((p) => p.field === props.name);
  const described = [props.hint ? `${id}-hint` : '', problem ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class="field">
      <label for={id}>{props.ctx.t(props.label)}</label>
      {props.hint && (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      {problem && (
        <p class="error" id={`${id}-error`}>
          {problem.message}
        </p>
      )}
      {props.children({ id, invalid: problem ? 'true' : undefined, describedBy: described || undefined })}
    </div>
  );
}

export function Field(props: {
  ctx: PageContext;
  name: string;
  label: MessageKey;
  type?: 'text' | 'email' | 'password' | 'date';
  value?: string;
  autocomplete?: string;
  hint?: string;
  problems?: FormProblem[];
  inputmode?: string;
  maxLength?: number;
  required?: boolean;
}) {
  return (
    <FieldFrame ctx={props.ctx} name={props.name} label={props.label} hint={props.hint} problems={props.problems}>
      {(c) => (
        <input
          id={c.id}
          name={props.name}
          // The union of input types is narrowed per type by Preact's JSX types; any of ours takes these attributes.
          type={(props.type ?? 'text') as 'text'}
          value={props.type === 'password' ? undefined : props.value}
          autocomplete={props.autocomplete}
          inputMode={props.inputmode as 'numeric' | undefined}
          maxLength={props.maxLength ?? 320}
          required={props.required}
          aria-invalid={c.invalid}
          aria-describedby={c.describedBy}
        />
      )}
    </FieldFrame>
  );
}

export function Submit(props: { children: ComponentChildren; secondary?: boolean }) {
  return (
    <button type="submit" class={props.secondary ? 'secondary' : undefined}>
      {props.children}
    </button>
  );
}
