// The incident record in the reader's language (decision 77): each text marked with the language it is in (an
// English original inside a translated page is lang="en", so screen readers read it with the right voice), an
// outdated translation marked with the English now beside it, the notices that say whose translation it is; and
// the editors' form to translate a published incident, each English text beside its field.
import type { ComponentChildren, VNode } from 'preact';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import { LOCALE_NAMES } from '../../platform/i18n/locales.ts';
import type { PageContext } from '../../views/context.ts';
import { Form, type FormProblem, Problems, Submit } from '../../views/forms.tsx';
import { Layout } from '../../views/layout.tsx';
import { type LocalisedView, type Shows, TRANSLATED, type TranslatedLocale, type Unit } from './incidents.translations.ts';
import type { Names } from './incidents.views.tsx';

/**
 * One text of the record as it is shown: as it is when it is in the page's language; marked lang="en" (left to
 * right) when it is the English original; an outdated translation with its mark, and, where the text stands as a
 * block (`block`: not inside a heading or a link), the English now beside it.
 */
export function Txt(props: {
  ctx: PageContext;
  shows?: Shows;
  k: string;
  children: ComponentChildren;
  as?: 'p' | 'span';
  class?: string;
  block?: boolean;
}) {
  const { ctx } = props;
  const shown = props.shows?.get(props.k);
  const As = props.as ?? 'span';
  if (!shown || ctx.locale === 'en') return <As class={props.class}>{props.children}</As>;
  const attrs = shown.lang === ctx.locale ? {} : { lang: shown.lang, dir: 'ltr' as const };
  return (
    <>
      <As {...attrs} class={props.class}>
        {props.children}
      </As>
      {shown.outdated && !props.block && <span class="tag warn">{ctx.t('incidents.tr.outdated')}</span>}
      {shown.outdated && props.block && <Outdated ctx={ctx} english={shown.english ?? ''} />}
    </>
  );
}

/** An outdated translation's mark, and the English now (collapsed). */
export function Outdated(props: { ctx: PageContext; english: string }) {
  return (
    <details class="outdated">
      <summary>
        <span class="tag warn">{props.ctx.t('incidents.tr.outdated')}</span>
      </summary>
      <p lang="en" dir="ltr">
        {props.english}
      </p>
    </details>
  );
}

/** Near the top of an incident page not in English: whose translation it is, or that the record is in English. */
export function LanguageNotice(props: { ctx: PageContext; shown: LocalisedView }) {
  const { ctx, shown } = props;
  if (ctx.locale === 'en') return null;
  const all = [...shown.shows.values()];
  const translated = all.some((s) => s.lang === ctx.locale);
  return (
    <div class="notice" id="language">
      <p>{translated ? ctx.t('incidents.tr.ours') : ctx.t('incidents.tr.inEnglish')}</p>
      {translated && shown.fallback && <p>{ctx.t('incidents.tr.partly')}</p>}
      {shown.outdated && <p>{ctx.t('incidents.tr.outdatedNotice')}</p>}
    </div>
  );
}

/** After a translated summary of a claimant's statement: the translation is this platform's, the source is authoritative. */
export function Quoted(props: { ctx: PageContext; shows?: Shows; k: string }) {
  const shown = props.shows?.get(props.k);
  if (!shown || shown.lang !== props.ctx.locale || props.ctx.locale === 'en') return null;
  return <span class="tag">{props.ctx.t('incidents.tr.quoted')}</span>;
}

/** For editors on a published incident: translate it into each language. */
export function TranslateLinks(props: { ctx: PageContext; id: string }) {
  const { ctx } = props;
  return (
    <p class="notice" id="translate">
      {ctx.t('incidents.tr.translate')}:{' '}
      {TRANSLATED.map((lang, n) => (
        <>
          {n > 0 && ' · '}
          <a href={`/incidents/${props.id}/translate?to=${lang}`} hreflang={lang} lang={lang}>
            {LOCALE_NAMES[lang]}
          </a>
        </>
      ))}
    </p>
  );
}

const k = (key: string) => key as MessageKey;

/** A unit's label: what it belongs to and which of its texts it is. */
export function unitLabel(ctx: PageContext, names: Names, x: Unit): string {
  const { t } = ctx;
  const field = t(k(`incidents.field.${x.name}`));
  if (x.part === 'incident') return field;
  if (x.part === 'source') return `${t('incidents.tr.source', { n: x.n })} — ${field}`;
  if (x.part === 'norm') return `${t('comm.norm', { letter: x.about ?? '' })} — ${field}`;
  const claim = t('incidents.claim.n', { n: x.n });
  if (x.part === 'response')
    return `${claim} — ${t('incidents.tr.response', { state: names.get(x.about ?? '') ?? x.about ?? '' })} — ${field}`;
  return `${claim} — ${field}`;
}

export interface FormUnit extends Unit {
  value: string;
  outdated: boolean;
}

/** The editors' translation form: the English of each text beside its field in the language chosen. */
export function TranslatePage(props: {
  ctx: PageContext;
  csrf: string;
  id: string;
  title: string;
  lang: TranslatedLocale;
  units: FormUnit[];
  names: Names;
  saved?: boolean;
  values?: Record<string, string>;
  problems?: FormProblem[];
}) {
  const { ctx, lang } = props;
  const { t } = ctx;
  const base = `/incidents/${props.id}/translate`;
  // The record's own title is the English original: marked so on a page in another language.
  const english = ctx.locale === 'en' ? {} : { lang: 'en', dir: 'ltr' as const };
  return (
    <Layout ctx={ctx} title={t('incidents.tr.title', { title: props.title })}>
      <p class="kicker">
        <a href={`/incidents/${props.id}`} {...english}>
          {props.title}
        </a>
      </p>
      <h1>
        {t('incidents.tr.translate')}: <span {...english}>{props.title}</span>
      </h1>
      <nav class="translate-langs" aria-label={t('incidents.tr.language')}>
        <p>
          {t('incidents.tr.language')}:{' '}
          {TRANSLATED.map((l, n) => (
            <>
              {n > 0 && ' · '}
              <a href={`${base}?to=${l}`} hreflang={l} lang={l} aria-current={l === lang ? 'page' : undefined}>
                {LOCALE_NAMES[l]}
              </a>
            </>
          ))}
        </p>
      </nav>
      {props.saved && (
        <p class="success" role="status">
          {t('incidents.tr.saved')}{' '}
          <a href={`/incidents/${props.id}?lang=${lang}`} hreflang={lang}>
            {t('incidents.tr.view')}
          </a>
        </p>
      )}
      <p>{t('incidents.tr.intro')}</p>
      <Problems ctx={ctx} problems={props.problems ?? []} />
      <Form action={base} csrf={props.csrf}>
        <input type="hidden" name="lang" value={lang} />
        {props.units.map((x) => {
          const name = `fields.${x.key}`;
          const id = `f-${name}`;
          const p = props.problems?.find((q) => q.field === name);
          const value = props.values?.[name] ?? x.value;
          const control = {
            id,
            name,
            lang,
            dir: lang === 'ar' ? ('rtl' as const) : ('ltr' as const),
            'aria-invalid': p ? ('true' as const) : undefined,
            'aria-describedby': [`${id}-en`, p && `${id}-error`, x.outdated && `${id}-outdated`].filter(Boolean).join(' '),
          };
          return (
            <div class="field">
              <label for={id}>
                {unitLabel(ctx, props.names, x)}
                {x.required && ` (${t('incidents.tr.required')})`}
              </label>
              <p class="hint" id={`${id}-en`}>
                <span class="muted">{t('incidents.tr.english')}:</span>{' '}
                <span lang="en" dir="ltr">
                  {x.english}
                </span>
              </p>
              {x.outdated && (
                <>
                  <p class="error" id={`${id}-outdated`}>
                    {t('incidents.tr.outdated')}
                  </p>
                  <label class="check">
                    <input type="checkbox" name="confirm" value={x.key} /> {t('incidents.tr.confirm')}
                  </label>
                </>
              )}
              {p && (
                <p class="error" id={`${id}-error`}>
                  {p.message}
                </p>
              )}
              {x.line ? (
                <input {...control} value={value} maxLength={300} />
              ) : (
                <textarea {...control} rows={Math.min(10, Math.max(3, Math.ceil(x.english.length / 90) + 1))}>
                  {value}
                </textarea>
              )}
            </div>
          );
        })}
        <Submit>{t('incidents.tr.save')}</Submit>
      </Form>
    </Layout>
  );
}

/** The list's titles: each one's language, and a notice of whose translation they are, or that they are English. */
export interface ListLanguages {
  attrs: (id: string) => { lang?: string; dir?: 'ltr' };
  notice: VNode | null;
}

export function listLanguages(ctx: PageContext, shown: LocalisedView[]): ListLanguages {
  const langs = new Map(shown.map((s) => [s.view.incident.id, s.shows.get('title')?.lang ?? ctx.locale]));
  const attrs = (id: string) => {
    const lang = langs.get(id) ?? ctx.locale;
    return lang === ctx.locale ? {} : { lang, dir: 'ltr' as const };
  };
  if (ctx.locale === 'en' || !shown.length) return { attrs, notice: null };
  const some = [...langs.values()].some((l) => l === ctx.locale);
  const all = [...langs.values()].every((l) => l === ctx.locale);
  const notice = (
    <div class="notice" id="language">
      <p>{some ? ctx.t('incidents.tr.listOurs') : ctx.t('incidents.tr.listEnglish')}</p>
      {some && !all && <p>{ctx.t('incidents.tr.partly')}</p>}
    </div>
  );
  return { attrs, notice };
}
