// The search page: the form, and ranked results with highlighted snippets.

import { english, FallbackNotice } from '../../views/components.tsx';
import type { PageContext } from '../../views/context.ts';
import { Layout } from '../../views/layout.tsx';
import type { SearchResult } from './search.schemas.ts';

export function SearchPage(props: { ctx: PageContext; query: string; result: SearchResult | null; error?: string }) {
  const { ctx, result } = props;
  const { t } = ctx;
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
      {!result && !props.error && <p>{t('search.prompt')}</p>}
      {result && (
        <>
          <p role="status">
            {result.total === 0
              ? t('search.none', { query: props.query })
              : t('search.results', { count: result.total, query: props.query })}
          </p>
          <FallbackNotice ctx={ctx} show={result.total > 0} />
          <ol class="results" {...english(ctx)}>
            {result.hits.map((h) => (
              <li>
                <a href={h.url} dangerouslySetInnerHTML={{ __html: h.title_html }} />
                <p dangerouslySetInnerHTML={{ __html: h.snippet_html }} />
                <p class="meta">{h.url}</p>
              </li>
            ))}
          </ol>
          {result.next_cursor && (
            <p>
              <a rel="next" href={`/search?q=${encodeURIComponent(props.query)}&cursor=${result.next_cursor}`}>
                {t('search.more')} →
              </a>
            </p>
          )}
        </>
      )}
    </Layout>
  );
}
