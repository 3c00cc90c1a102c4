// The page shell: skip link, header with navigation, language switcher and search, main, footer.
import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { MessageKey } from '../platform/i18n/i18n.ts';
import { direction, LOCALE_NAMES, LOCALES } from '../platform/i18n/locales.ts';
import type { PageContext } from './context.ts';

const NAV: [string, MessageKey][] = [
  ['/', 'nav.home'],
  ['/norms', 'nav.norms'],
  ['/pillars', 'nav.pillars'],
  ['/cbms', 'nav.cbms'],
  ['/frameworks', 'nav.frameworks'],
  ['/actors', 'nav.actors'],
  ['/forums', 'nav.forums'],
  ['/glossary', 'nav.glossary'],
  ['/timeline', 'nav.timeline'],
  ['/learn', 'nav.learn'],
  ['/states', 'nav.states'],
  ['/map', 'nav.map'],
  ['/directory', 'nav.directory'],
  ['/communications', 'nav.communications'],
];

/** Marks the header's account area in a page cached for everyone, so a signed-in reader's copy can show them. */
export const ACCOUNT_START = '<!--account-->';
export const ACCOUNT_END = '<!--/account-->';

/**
 * Who is signed in, with their account and a sign-out; a link to sign in (to the account) for everyone else.
 * On a page cached for everyone it is the signed-out version, replaced per signed-in reader (withAccount).
 */
export function AccountArea(props: { ctx: PageContext }) {
  const { t, viewer, path } = props.ctx;
  if (!viewer)
    return (
      <a class="account-link" href="/account" aria-current={isCurrent(path, '/account') ? 'page' : undefined}>
        {t('nav.account')}
      </a>
    );
  return (
    <div class="who">
      <a href="/account" aria-current={isCurrent(path, '/account') ? 'page' : undefined} class="who-name">
        <span class="visually-hidden">{t('nav.signedInAs')} </span>
        {viewer.name}
        {viewer.states.length > 0 && <small>{viewer.states.join(', ')}</small>}
      </a>
      <a href="/desk" aria-current={isCurrent(path, '/desk') ? 'page' : undefined} class="desk-link">
        {t('nav.desk')}
      </a>
      <form method="post" action="/sign-out" class="inline">
        {viewer.csrf && <input type="hidden" name="_csrf" value={viewer.csrf} />}
        <button type="submit" class="link">
          {t('nav.signOut')}
        </button>
      </form>
    </div>
  );
}

/** A page cached for everyone as a signed-in reader sees it: their name, States and sign-out in the header. */
export function withAccount(html: string, ctx: PageContext): string {
  const start = html.indexOf(ACCOUNT_START);
  const end = html.indexOf(ACCOUNT_END, start);
  if (start < 0 || end < 0 || !ctx.viewer) return html;
  return html.slice(0, start + ACCOUNT_START.length) + renderToString(<AccountArea ctx={ctx} />) + html.slice(end);
}

function isCurrent(path: string, href: string) {
  return href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`);
}

export function Layout(props: {
  ctx: PageContext;
  title: string;
  description?: string;
  /** Scripts under /static that enhance the page; it works without them. */
  scripts?: string[];
  /** An Atom feed of what the page lists, announced in the head for feed readers. */
  feed?: { href: string; title: string };
  children: ComponentChildren;
}) {
  const { ctx, title } = props;
  const { t, locale, path } = ctx;
  return (
    <html lang={locale} dir={direction(locale)}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${t('site.name')}`}</title>
        <meta name="description" content={props.description ?? t('site.tagline')} />
        <link rel="stylesheet" href={`/static/app.css?v=${ctx.assetVersion}`} />
        <link rel="icon" href="/static/icon.svg" type="image/svg+xml" />
        {props.feed && <link rel="alternate" type="application/atom+xml" href={props.feed.href} title={props.feed.title} />}
        {props.scripts?.map((src) => (
          <script src={`/static/${src}?v=${ctx.assetVersion}`} defer />
        ))}
        {LOCALES.map((l) => (
          <link rel="alternate" hreflang={l} href={`${ctx.origin}${path}?lang=${l}${ctx.keepQuery}`} />
        ))}
      </head>
      <body>
        <a class="skip" href="#main">
          {t('a11y.skip')}
        </a>
        <header class="site-header">
          {/* Opens the navigation on a phone without JavaScript; hidden, with the menu button, on wider screens. */}
          <input type="checkbox" id="nav-toggle" class="nav-toggle" aria-controls="site-nav" aria-label={t('nav.menu')} />
          <div class="bar">
            <a class="brand" href="/">
              <img src="/static/icon.svg" alt="" width="28" height="28" />
              <span>
                <strong>{t('site.name')}</strong>
                <small>{t('site.tagline')}</small>
              </span>
            </a>
            <form class="search-form" action="/search" method="get" role="search">
              <label for="site-search" class="visually-hidden">
                {t('search.label')}
              </label>
              <input id="site-search" type="search" name="q" maxLength={500} placeholder={t('search.label')} />
              <button type="submit">{t('search.button')}</button>
            </form>
            <div
              class="account-area"
              dangerouslySetInnerHTML={{ __html: `${ACCOUNT_START}${renderToString(<AccountArea ctx={ctx} />)}${ACCOUNT_END}` }}
            />
            <label for="nav-toggle" class="menu-button">
              {t('nav.menu')}
            </label>
          </div>
          <nav aria-label={t('nav.label')} id="site-nav">
            <ul class="nav">
              {NAV.map(([href, key]) => (
                <li>
                  <a href={href} aria-current={isCurrent(path, href) ? 'page' : undefined}>
                    {t(key)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <nav aria-label={t('lang.label')} class="langs">
            <ul>
              {LOCALES.map((l) => (
                <li>
                  <a
                    href={`${path}?lang=${l}${ctx.keepQuery}`}
                    hreflang={l}
                    lang={l}
                    aria-current={l === locale ? 'true' : undefined}
                  >
                    {LOCALE_NAMES[l]}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        <main id="main" tabIndex={-1}>
          {props.children}
        </main>
        <footer class="site-footer">
          <p>{t('footer.about')}</p>
          <p>{t('footer.official')}</p>
          <p>
            <a href="/api/openapi.json">{t('footer.api')}</a> ·{' '}
            <a href="https://www.apache.org/licenses/LICENSE-2.0">{t('footer.licence')}: Apache-2.0</a>
          </p>
        </footer>
      </body>
    </html>
  );
}
