// Who a communication check asks, as choices named in the reader's language (issue 17): one list holds every
// contact, each UN regional group by its name and each network by its organisation's name, or "chosen
// States", which are ticked in the State picker below it (grouped, searchable by name in the six languages
// with /static/state-picker.js, usable without it). One list, so a group picked cannot disagree with a kind.
import type { PageContext } from '../../views/context.ts';
import type { FormProblem } from '../../views/forms.tsx';
import { GROUP_KEYS } from '../../views/groups.ts';
import { type StateChoice, StatePicker } from '../../views/state-picker.tsx';
import { NETWORKS } from './directory.validate.ts';
import { GROUPS } from './pings.validate.ts';

/** The round form's scope as chosen: `all`, `group:<group>`, `network:<network>` or `states`, and the States ticked. */
export interface ScopeValue {
  who?: string;
  states?: string[];
}

export function RoundScopeFields(props: {
  ctx: PageContext;
  value: ScopeValue;
  states: StateChoice[];
  /** The networks' organisations, named in the reader's language, by code. */
  organisations: Record<string, string>;
  problems?: FormProblem[];
}) {
  const { ctx } = props;
  const { t } = ctx;
  // Nothing is chosen at first, so that States ticked with the list left alone mean those States (pages.common.ts).
  const who = props.value.who ?? '';
  const problem = (field: string) => props.problems?.find((p) => p.field === field)?.message;
  const option = (value: string, label: string) => (
    <option value={value} selected={who === value}>
      {label}
    </option>
  );
  const networkName = (n: string) =>
    n === 'GLOBAL' ? t('dir.network.global') : props.organisations[n] ? `${props.organisations[n]} (${n})` : n;
  return (
    <>
      <div class="field">
        <label for="f-who">{t('dir.rounds.scope')}</label>
        <p class="hint" id="f-who-hint">
          {t('dir.rounds.scope.hint')}
        </p>
        {problem('who') && (
          <p class="error" id="f-who-error">
            {problem('who')}
          </p>
        )}
        <select
          id="f-who"
          name="who"
          aria-describedby={problem('who') ? 'f-who-hint f-who-error' : 'f-who-hint'}
          aria-invalid={problem('who') ? 'true' : undefined}
        >
          {option('', t('dir.rounds.scope.choose'))}
          {option('all', t('dir.scope.all'))}
          <optgroup label={t('dir.scope.groups')}>{GROUPS.map((g) => option(`group:${g}`, t(GROUP_KEYS[g])))}</optgroup>
          <optgroup label={t('dir.networks')}>{NETWORKS.map((n) => option(`network:${n}`, networkName(n)))}</optgroup>
          {option('states', t('dir.scope.states'))}
        </select>
      </div>
      <StatePicker
        ctx={ctx}
        name="states"
        legend="dir.rounds.states"
        states={props.states}
        chosen={props.value.states ?? []}
        problem={problem('states')}
      />
    </>
  );
}
