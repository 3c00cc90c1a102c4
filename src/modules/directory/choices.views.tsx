// Choices instead of codes on the contact form: working languages named in the reader's language (the six UN
// languages first, every other ISO 639-1 language behind "Other languages", filterable), time zones by their
// IANA name with the reader's name for them and the current offset, and phone numbers shown as people write
// them. Everything works without JavaScript; /static/filter.js only adds the filter box's live filtering.
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { LOCALES } from '../../platform/i18n/locales.ts';
import type { PageContext } from '../../views/context.ts';
import type { FormProblem } from '../../views/forms.tsx';

/** Every ISO 639-1 language (two letters); the platform also accepts three-letter ISO 639 codes through the API. */
const ISO_639_1 = `aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz
  ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv
  ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl
  nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta
  te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu`.split(/\s+/);

const collators = new Map<string, Intl.Collator>();
const byName = (locale: string) => {
  let c = collators.get(locale);
  if (!c) {
    c = new Intl.Collator(locale);
    collators.set(locale, c);
  }
  return c;
};

/** Languages other than the six UN ones, named in the locale, by name. Made once per locale. */
const otherLanguages = new Map<string, { code: string; name: string }[]>();
function languagesFor(locale: string) {
  let list = otherLanguages.get(locale);
  if (!list) {
    const names = new Intl.DisplayNames([locale], { type: 'language', fallback: 'none' });
    const un = new Set<string>(LOCALES);
    list = ISO_639_1.filter((c) => !un.has(c))
      .map((code) => ({ code, name: names.of(code) ?? '' }))
      .filter((l) => l.name && l.name !== l.code)
      .sort((a, b) => byName(locale).compare(a.name, b.name));
    otherLanguages.set(locale, list);
  }
  return list;
}

/** Working languages: the six UN languages as checkboxes, then every other language, filterable by name. */
export function LanguagesField(props: { ctx: PageContext; value: string[] | undefined; problem?: FormProblem }) {
  const { ctx, problem } = props;
  const { t } = ctx;
  const chosen = new Set(props.value ?? []);
  const names = new Intl.DisplayNames([ctx.locale], { type: 'language', fallback: 'code' });
  const others = languagesFor(ctx.locale);
  const otherChosen = others.filter((l) => chosen.has(l.code)).length;
  return (
    <fieldset id="f-languages" aria-describedby="languages-hint" aria-invalid={problem ? 'true' : undefined}>
      <legend>{t('dir.languages')}</legend>
      <p class="hint" id="languages-hint">
        {t('dir.languages.choose')}
      </p>
      {problem && <p class="error">{problem.message}</p>}
      <div class="choices">
        {LOCALES.map((code) => (
          <label>
            <input type="checkbox" name="languages" value={code} checked={chosen.has(code)} /> {names.of(code)}
          </label>
        ))}
      </div>
      <details open={otherChosen > 0}>
        <summary>
          {t('dir.languages.other')}
          {otherChosen > 0 && ` (${otherChosen})`}
        </summary>
        <label class="filter" for="languages-filter">
          {t('choices.filter')}
        </label>
        <input id="languages-filter" type="search" class="filter-box" data-filter="languages-others" autocomplete="off" />
        <div class="choices scroll" id="languages-others">
          {others.map((l) => (
            <label>
              <input type="checkbox" name="languages" value={l.code} checked={chosen.has(l.code)} /> {l.name}
            </label>
          ))}
        </div>
      </details>
    </fieldset>
  );
}

/** One working language to filter by: the six UN languages first, then every other, named in the locale. */
export function LanguageSelect(props: { ctx: PageContext; value: string | undefined; allLabel: string }) {
  const { ctx } = props;
  const names = new Intl.DisplayNames([ctx.locale], { type: 'language', fallback: 'code' });
  return (
    <div class="field">
      <label for="f-language">{ctx.t('dir.language')}</label>
      <select id="f-language" name="language">
        <option value="">{props.allLabel}</option>
        <optgroup label={ctx.t('dir.languages.un')}>
          {LOCALES.map((code) => (
            <option value={code} selected={props.value === code}>
              {names.of(code)}
            </option>
          ))}
        </optgroup>
        <optgroup label={ctx.t('dir.languages.other')}>
          {languagesFor(ctx.locale).map((l) => (
            <option value={l.code} selected={props.value === l.code}>
              {l.name}
            </option>
          ))}
        </optgroup>
      </select>
    </div>
  );
}

/** Every IANA time zone this runtime knows, with UTC. */
const ZONES = ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];

/** "Central European Time (GMT+01:00)" in the locale, for each zone; made once per locale and day. */
const zoneLabels = new Map<string, { day: string; labels: [string, string][] }>();
function zonesFor(locale: string): [string, string][] {
  const day = new Date().toISOString().slice(0, 10);
  const known = zoneLabels.get(locale);
  if (known && known.day === day) return known.labels;
  const now = new Date();
  const part = (zone: string, style: 'longGeneric' | 'longOffset') =>
    new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: style })
      .formatToParts(now)
      .find((p) => p.type === 'timeZoneName')?.value ?? '';
  const labels = ZONES.map((zone): [string, string] => [zone, `${part(zone, 'longGeneric')} (${part(zone, 'longOffset')})`]);
  zoneLabels.set(locale, { day, labels });
  return labels;
}

/** The time zone: typed or picked by its IANA name, each suggestion named in the reader's language. */
export function TimeZoneField(props: { ctx: PageContext; value: string | undefined; problem?: FormProblem }) {
  const { ctx, problem } = props;
  const { t } = ctx;
  return (
    <div class="field">
      <label for="f-timeZone">{t('dir.timeZone')}</label>
      <p class="hint" id="timeZone-hint">
        {t('dir.timeZone.hint')}
      </p>
      {problem && (
        <p class="error" id="timeZone-error">
          {problem.message}
        </p>
      )}
      <input
        id="f-timeZone"
        name="timeZone"
        list="time-zones"
        value={props.value ?? ''}
        maxLength={64}
        required
        autocomplete="off"
        aria-describedby={problem ? 'timeZone-hint timeZone-error' : 'timeZone-hint'}
        aria-invalid={problem ? 'true' : undefined}
      />
      <datalist id="time-zones">
        {zonesFor(ctx.locale).map(([zone, label]) => (
          <option value={zone} label={label} />
        ))}
      </datalist>
    </div>
  );
}

/** A phone number stored in E.164 form, written as people write it internationally (+41 22 917 12 34). */
export function formatPhone(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}

/** The names of a contact's fields in its history, as the form names them. */
export const FIELD_LABELS = {
  kind: 'dir.kind',
  name: 'auth.name',
  position: 'dir.position',
  institution: 'dir.institution',
  email: 'auth.email',
  phone: 'dir.phone',
  languages: 'dir.languages',
  timeZone: 'dir.timeZone',
  allDay: 'dir.allDay',
  hours: 'dir.hours',
  networks: 'dir.networks',
} as const;
