// Small shared pieces of markup: content text in its real language, section headings with anchors, norm badges,
// and the row of links between the pages of one area.
import type { ComponentChildren } from 'preact';
import type { MessageKey } from '../platform/i18n/i18n.ts';
import type { Locale } from '../platform/i18n/locales.ts';
import type { PageContext } from './context.ts';

/** A piece of content text and the language it is really in (English when no translation exists yet). */
export interface Text {
  text: string;
  lang: Locale;
}

/** Content text; when it fell back to English on a page in another language, it says so for screen readers. */
export function Content(props: { ctx: PageContext; text: Text; as?: 'p' | 'span' }) {
  const Tag = props.as ?? 'span';
  const foreign = props.text.lang !== props.ctx.locale;
  return (
    <Tag lang={foreign ? props.text.lang : undefined} dir={foreign ? 'ltr' : undefined}>
      {props.text.text}
    </Tag>
  );
}

/**
 * Says once, near the top of a content page in another language than English, that the text is the project's
 * own translation (never a UN text), and when some of it is not translated yet, that it is shown in English.
 */
export function TranslationNotice(props: { ctx: PageContext; fallback: boolean }) {
  const { ctx } = props;
  if (ctx.locale === 'en') return null;
  return (
    <p class="notice">
      {ctx.t('label.ourTranslation')}
      {props.fallback && ` ${ctx.t('label.fallback')}`}
    </p>
  );
}

/** Attributes for an item whose text is in `lang`: marked (and left to right) when it is not the page's language. */
export function inLang(ctx: PageContext, lang: Locale): { lang?: string; dir?: 'ltr' } {
  return lang === ctx.locale ? {} : { lang, dir: 'ltr' };
}

/** Says once, near the top, that some of the page's content is shown in English. */
export function FallbackNotice(props: { ctx: PageContext; show: boolean }) {
  if (!props.show || props.ctx.locale === 'en') return null;
  return <p class="notice">{props.ctx.t('label.fallback')}</p>;
}

/** A section whose heading links to its own anchor, so every part of a page has a stable URL. */
export function Section(props: { id: string; title: string; level?: 2 | 3; lang?: string; children: ComponentChildren }) {
  const H = props.level === 3 ? 'h3' : 'h2';
  return (
    <section id={props.id} aria-labelledby={`${props.id}-h`} lang={props.lang} dir={props.lang ? 'ltr' : undefined}>
      <H id={`${props.id}-h`}>
        <a class="anchor" href={`#${props.id}`}>
          {props.title}
        </a>
      </H>
      {props.children}
    </section>
  );
}

/** Links to the norms an item maps to, each named by its letter and (when given) its short title. */
export function NormBadges(props: { norms: string[]; titles?: Map<string, Text>; ctx?: PageContext }) {
  const { titles, ctx } = props;
  return (
    <span class="badges">
      {props.norms.map((n) => {
        const title = titles?.get(n);
        const label = ctx ? ctx.t('norm.label', { letter: n }) : `Norm (${n})`;
        return title ? (
          <a class="badge titled" href={`/norms/${n}`}>
            <span aria-hidden="true">{n}</span> <span class="visually-hidden">{label}: </span>
            <span lang={ctx && title.lang !== ctx.locale ? title.lang : undefined}>{title.text}</span>
          </a>
        ) : (
          <a class="badge" href={`/norms/${n}`} aria-label={label}>
            {n}
          </a>
        );
      })}
    </span>
  );
}

/** Attributes for a block of English content shown on a page in another language (and direction). */
export function english(ctx: PageContext): { lang?: string; dir?: 'ltr' } {
  return ctx.locale === 'en' ? {} : { lang: 'en', dir: 'ltr' };
}

/** A row of links to the pages of one area (the directory, communications), the current one marked. */
export function ChipNav(props: { ctx: PageContext; label: string; links: [string, MessageKey][]; current: string }) {
  const { t } = props.ctx;
  return (
    <nav aria-label={props.label}>
      <ul class="chips">
        {props.links.map(([href, key]) => (
          <li>
            <a href={href} aria-current={props.current === href ? 'page' : undefined}>
              {t(key)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
