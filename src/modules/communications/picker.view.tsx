// Choosing recipient States: a box to type names in (any of the six languages, separated by commas) and a
// checkbox per State, grouped by UN regional group, each named in the reader's language. Without JavaScript
// the names typed are resolved when the form is sent (names.ts) and the groups open like any disclosure;
// public/picker.js makes the box filter the States as one types, Enter ticks the first match, and the chosen
// States are listed with a button each to take one off.
import type { UnGroup } from '../../content/registry.ts';
import type { PageContext } from '../../views/context.ts';
import type { FormProblem } from '../../views/forms.tsx';
import { GROUP_KEYS } from '../../views/groups.ts';
import { UN_GROUPS } from '../registry/index.ts';

export interface PickerState {
  code: string;
  name: string;
  group: UnGroup | null;
  /** Its names in the six languages and its code, normalised (names.ts), for the filter. */
  keys: string[];
}

export function RecipientPicker(props: {
  ctx: PageContext;
  states: PickerState[];
  chosen: string[];
  /** Names typed in the box and not yet resolved (kept after a refusal). */
  typed?: string;
  problems?: FormProblem[];
}) {
  const { ctx } = props;
  const { t } = ctx;
  const collator = new Intl.Collator(ctx.locale);
  const chosen = new Set(props.chosen);
  const groups: (UnGroup | null)[] = [...UN_GROUPS, null];
  const names = props.states.filter((s) => chosen.has(s.code)).map((s) => s.name);
  const problems = props.problems ?? [];
  const described = ['f-recipients-hint', problems.length ? 'f-recipients-error' : ''].filter(Boolean).join(' ');
  return (
    <fieldset
      class="picker"
      id="f-recipients"
      aria-describedby={described}
      data-picker
      data-chosen-label={t('comm.recipients.chosen', { n: '{n}' })}
      data-none-label={t('comm.recipients.noneChosen')}
      data-remove-label={t('comm.recipients.remove', { name: '{name}' })}
      data-added-label={t('comm.recipients.added', { name: '{name}' })}
    >
      <legend>{t('comm.recipients')}</legend>
      <p class="hint" id="f-recipients-hint">
        {t('comm.recipients.hint')}
      </p>
      {problems.length > 0 && (
        <div class="error" id="f-recipients-error">
          {problems.map((p) => (
            <p>{p.message}</p>
          ))}
        </div>
      )}
      <div class="field picker-find">
        <label for="f-recipientNames">{t('comm.recipients.find')}</label>
        <input
          id="f-recipientNames"
          name="recipientNames"
          type="text"
          value={props.typed ?? ''}
          autocomplete="off"
          spellcheck={false}
          maxLength={2000}
          aria-describedby="f-recipients-hint"
          aria-invalid={problems.length ? 'true' : undefined}
          data-picker-filter
        />
      </div>
      <div class="picker-chosen" data-picker-chosen>
        <p>
          {names.length
            ? `${t('comm.recipients.chosen', { n: names.length })} ${names.join(', ')}`
            : t('comm.recipients.noneChosen')}
        </p>
      </div>
      <p class="visually-hidden" aria-live="polite" data-picker-status />
      <p class="hint" data-picker-empty hidden>
        {t('comm.recipients.noMatch')}
      </p>
      {groups.map((g) => {
        const members = props.states.filter((s) => s.group === g).sort((a, b) => collator.compare(a.name, b.name));
        if (!members.length) return null;
        const picked = members.filter((s) => chosen.has(s.code)).length;
        return (
          <details class="picker-group" open={picked > 0} data-picker-group>
            <summary>
              {g ? t(GROUP_KEYS[g]) : t('comm.recipients.otherGroup')} <span class="picker-count">({members.length})</span>
            </summary>
            <ul class="picker-states">
              {members.map((s) => (
                <li data-names={s.keys.join('|')}>
                  <label>
                    <input type="checkbox" name="recipients" value={s.code} checked={chosen.has(s.code)} /> {s.name}
                  </label>
                </li>
              ))}
            </ul>
          </details>
        );
      })}
    </fieldset>
  );
}
