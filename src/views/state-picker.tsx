// Choosing States by name: check boxes grouped by UN regional group, each State named in the reader's language,
// a group opened when it holds a chosen State; or, for one State, radio buttons (with "none" when it may be left out). Without JavaScript, a group opens with a click (and the
// browser's find-in-page looks inside); public/state-picker.js adds a filter box that finds a State by its
// name in any of the six languages or by its code.

import type { UnGroup } from '../content/registry.ts';
import type { MessageKey } from '../platform/i18n/i18n.ts';
import type { PageContext } from './context.ts';
import { GROUP_KEYS } from './groups.ts';

export interface StateChoice {
  code: string;
  /** In the reader's language. */
  name: string;
  /** In the six languages, for the filter. */
  names: string[];
  group: UnGroup | null;
  demo: boolean;
}

const OTHER = 'other';

export function StatePicker(props: {
  ctx: PageContext;
  /** The field's name; its id is `f-<name>`, where a problem's link leads. */
  name: string;
  legend: MessageKey;
  states: StateChoice[];
  chosen: string[];
  problem?: string;
  /** The fieldset's id when it is not `f-<name>` (a form whose ids are `f-claims-0-state`); its parts' ids follow it. */
  id?: string;
  /** One State at most: radio buttons, with this choice for none first when the State may be left out. */
  single?: { none?: MessageKey };
}) {
  const { ctx, name } = props;
  const id = props.id ?? `f-${name}`;
  const type = props.single ? 'radio' : 'checkbox';
  const { t } = ctx;
  const chosen = new Set(props.chosen);
  const byName = new Intl.Collator(ctx.locale).compare;
  const groups = [...(Object.keys(GROUP_KEYS) as UnGroup[]), OTHER].map((g) => ({
    g,
    label: g === OTHER ? t('report.picker.otherGroup') : t(GROUP_KEYS[g as UnGroup]),
    states: props.states.filter((s) => (s.group ?? OTHER) === g).sort((a, b) => byName(a.name, b.name)),
  }));
  const names = props.states.filter((s) => chosen.has(s.code)).map((s) => s.name);
  return (
    <fieldset class="state-picker" id={id} data-picker aria-describedby={`${id}-chosen`}>
      <legend>{t(props.legend)}</legend>
      {props.problem && <p class="error">{props.problem}</p>}
      <p
        class="hint"
        id={`${id}-chosen`}
        data-chosen={t('report.picker.chosen', { states: '{states}' })}
        data-none={t('report.picker.noneChosen')}
      >
        {names.length ? t('report.picker.chosen', { states: names.join(', ') }) : t('report.picker.noneChosen')}
      </p>
      {props.single?.none && (
        <label class="check">
          <input type="radio" name={name} value="" checked={!props.chosen.some(Boolean)} /> {t(props.single.none)}
        </label>
      )}
      <div class="field picker-filter" hidden data-filter-box>
        <label for={`${id}-filter`}>{t('report.picker.filter')}</label>
        <input id={`${id}-filter`} type="search" autocomplete="off" maxLength={60} data-filter />
        <p class="meta" hidden data-no-match>
          {t('report.picker.noMatch')}
        </p>
      </div>
      {groups
        .filter((g) => g.states.length)
        .map((g) => (
          <details open={g.states.some((s) => chosen.has(s.code))} data-group>
            <summary>
              {g.label} <span class="meta">({g.states.length})</span>
            </summary>
            <div class="checks">
              {g.states.map((s) => (
                <label data-names={[s.code, ...s.names].join('|')} data-name={s.name}>
                  <input type={type} name={name} value={s.code} checked={chosen.has(s.code)} /> {s.name}
                </label>
              ))}
            </div>
          </details>
        ))}
    </fieldset>
  );
}
