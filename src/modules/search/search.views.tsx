// The search page: the form with its filters by kind, the correction and fallback notices, and ranked results
// with highlighted snippets.
import type { ComponentChildren } from 'preact';
import { plural } from '../../platform/i18n/i18n.ts';
import { direction } from '../../platform/i18n/locales.ts';
import { english } from '../../views/components.tsx';
import type { PageContext } from '../../views/context.ts';
import { Layout } from '../../views/layout.tsx';
import { isSearchKind, type SearchKind, type SearchResult } from './search.schemas.ts';

/** The address of a search: the query, the kinds kept, and the page or the exact-words choice if any. */
function searchHref(q: string, kinds: readonly SearchKind[], extra: { cursor?: string; exact?: boolean } = {}) {
  const params = new URLSearchParams({ q });
  if (kinds.length) params.set('kind', kinds.join(','));
  if (extra.exact) params.set('exact', 'true');
  if (extra.cursor) params.set('cursor', extra.cursor);
  return `/search?${params}`;
}

/** A message with a link standing where its placeholder is (the words around it stay translatable). */
function withLink(text: (value: string) => string, link: ComponentChildren) {
  const [before, after = ''] = text('\u0001').split('\u0001');
  return (
    <>
      {before}
      {link}
      {after}
    </>
  );
}

/** The filters by kind: a form of its own that searches the same words again, so it needs no script. */
function Filters(props: { ctx: PageContext; query: string; exact?: boolean; result: SearchResult }) {
  const { ctx, result } = props;
  const { t } = ctx;
  // The kinds that match, and those chosen (so that they can be unchosen even when nothing of them matches).
  const shown = result.counts.filter((c) => c.count > 0 || result.kinds.includes(c.kind));
  if (!shown.length) return null;
  return (
    <form class="search-filters" action="/search" method="get">
      <input type="hidden" name="q" value={props.query} />
      {props.exact && <input type="hidden" name="exact" value="true" />}
      <fieldset>
        <legend>{t('search.filter.legend')}</legend>
        <ul class="chips">
          {shown.map((c) => (
            <li>
              <label>
                <input type="checkbox" name="kind" value={c.kind} checked={result.kinds.includes(c.kind)} />{' '}
                {t('search.filter.option', { kind: t(`search.kind.${c.kind}`), count: c.count })}
              </label>
            </li>
          ))}
        </ul>
        <button type="submit">{t('search.filter.apply')}</button>
      </fieldset>
    </form>
  );
}

export function SearchPage(props: {
  ctx: PageContext;
  query: string;
  result: SearchResult | null;
  error?: string;
  exact?: boolean;
}) {
  const { ctx, result } = props;
  const { t } = ctx;
  const shownQuery = result?.corrected && result.suggestion ? result.suggestion : props.query;
  return (
    <Layout ctx={ctx} title={props.query ? `${t('search.title')}: ${props.query}` : t('search.title')}>
      <h1>{t('search.title')}</h1>
      <form class="search-big" action="/search" method="get" role="search">
        <label for="q">{t('search.label')}</label>
        <div>
          <input
            id="q"
            type="search"
            name="q"
            value={props.query}
            maxLength={500}
            aria-invalid={props.error ? 'true' : undefined}
            aria-describedby={props.error ? 'q-error' : undefined}
          />
          <button type="submit">{t('search.button')}</button>
        </div>
        {props.error && (
          <p id="q-error" class="error" role="alert">
            {props.error}
          </p>
        )}
      </form>
      {result && <Filters ctx={ctx} query={props.query} exact={props.exact} result={result} />}
      {!result && !props.error && <p>{t('search.prompt')}</p>}
      {result && (
        <>
          {result.corrected && result.suggestion && (
            <p class="notice">
              {withLink(
                (s) => t('search.showingFor', { suggestion: s }),
                <a href={searchHref(result.suggestion, result.kinds)}>
                  <strong>{result.suggestion}</strong>
                </a>,
              )}{' '}
              {withLink(
                (s) => t('search.searchInstead', { query: s }),
                <a href={searchHref(props.query, result.kinds, { exact: true })}>{props.query}</a>,
              )}
            </p>
          )}
          {!result.corrected && result.suggestion && (
            <p class="suggestion">
              {withLink(
                (s) => t('search.didYouMean', { suggestion: s }),
                <a href={searchHref(result.suggestion, result.kinds)}>
                  <strong>{result.suggestion}</strong>
                </a>,
              )}
            </p>
          )}
          <p role="status">
            {result.total === 0
              ? t('search.none', { query: shownQuery })
              : plural(t, 'search.count', result.total, { query: shownQuery })}
          </p>
          {result.fallback && <p class="notice">{t('search.fallback', { query: shownQuery })}</p>}
          <ol class="results" {...(result.results_lang === ctx.locale ? {} : english(ctx))}>
            {result.hits.map((hit) => (
              <li>
                <a href={hit.url} dangerouslySetInnerHTML={{ __html: hit.title_html }} />
                <p dangerouslySetInnerHTML={{ __html: hit.snippet_html }} />
                <p class="meta">
                  {isSearchKind(hit.kind) && (
                    <>
                      <span {...(result.results_lang === ctx.locale ? {} : { lang: ctx.locale, dir: direction(ctx.locale) })}>
                        {t(`search.kind.${hit.kind}`)}
                      </span>{' '}
                      ·{' '}
                    </>
                  )}
                  <span dir="ltr">{hit.url}</span>
                </p>
              </li>
            ))}
          </ol>
          {result.next_cursor && (
            <p>
              <a rel="next" href={searchHref(props.query, result.kinds, { cursor: result.next_cursor, exact: props.exact })}>
                {t('search.more')} →
              </a>
            </p>
          )}
        </>
      )}
    </Layout>
  );
}
