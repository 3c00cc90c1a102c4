// The form a State's focal point uses to publish that State's own position on a published incident: support
// for, denial of or comment on a claim, or an attribution of its own.
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import type { PageContext } from '../../views/context.ts';
import { Form, type FormProblem, Problems, Submit } from '../../views/forms.tsx';
import { type StateChoice, StatePicker } from '../../views/state-picker.tsx';
import type { IncidentView } from './incidents.service.ts';
import { claimant, type Names } from './incidents.views.tsx';

const k = (key: string) => key as MessageKey;

export function PositionForm(props: {
  ctx: PageContext;
  csrf: string;
  view: IncidentView;
  state: string;
  names: Names;
  /** The States, to name the one a State attributes the incident to by its name (else its code is typed). */
  states?: StateChoice[];
  problems: FormProblem[];
  /** A point of contact's: sent to the State's focal point for approval (incidents.positions.ts). */
  draft?: boolean;
}) {
  const { ctx, view, names } = props;
  const { t } = ctx;
  const err = (f: string) => props.problems.find((p) => p.field === f)?.message;
  const text = (name: string, label: MessageKey, type: 'text' | 'date' | 'url' = 'text') => (
    <div class="field">
      <label for={`f-${name}`}>{t(label)}</label>
      {err(name) && (
        <p class="error" id={`f-${name}-error`}>
          {err(name)}
        </p>
      )}
      <input
        id={`f-${name}`}
        name={name}
        type={type as 'text'}
        aria-invalid={err(name) ? 'true' : undefined}
        aria-describedby={err(name) ? `f-${name}-error` : undefined}
      />
    </div>
  );
  return (
    <section aria-labelledby="position-h">
      <h2 id="position-h">{t('incidents.position.title', { state: names.get(props.state) ?? props.state })}</h2>
      <p>{t(props.draft ? 'incidents.position.draftIntro' : 'incidents.position.intro')}</p>
      <Problems ctx={ctx} problems={props.problems} />
      <Form action={`/incidents/${view.incident.id}/states/${props.state}/positions`} csrf={props.csrf}>
        <div class="field">
          <label for="f-kind">{t('incidents.position.kind')}</label>
          <select id="f-kind" name="kind">
            {(['supports', 'denies', 'comments', 'attribution'] as const).map((x) => (
              <option value={x}>{t(k(`incidents.position.${x}`))}</option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-claim">{t('incidents.position.claim')}</label>
          <select id="f-claim" name="claim">
            <option value="">—</option>
            {view.claims.map((c, n) => (
              <option value={c.id}>
                {t('incidents.claim.n', { n: n + 1 })}: {claimant(ctx, names, c)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-attributedKind">{t('incidents.claim.to')}</label>
          <select id="f-attributedKind" name="attributedKind">
            {(['state', 'state_affiliated', 'non_state', 'unknown'] as const).map((x) => (
              <option value={x}>{t(k(`incidents.attributed.${x}`))}</option>
            ))}
          </select>
        </div>
        {props.states ? (
          <StatePicker
            ctx={ctx}
            name="attributedState"
            legend="incidents.field.attributedState"
            states={props.states}
            chosen={[]}
            problem={err('attributedState')}
            single={{ none: 'incidents.field.noState' }}
          />
        ) : (
          text('attributedState', 'incidents.field.attributedState')
        )}
        {text('attributedActor', 'incidents.field.attributedActor')}
        {text('statedOn', 'incidents.position.statedOn', 'date')}
        {text('summary', 'incidents.position.summary')}
        {text('sourceUrl', 'incidents.position.sourceUrl', 'url')}
        <Submit>{t(props.draft ? 'incidents.position.submit' : 'incidents.position.publish')}</Submit>
      </Form>
    </section>
  );
}
