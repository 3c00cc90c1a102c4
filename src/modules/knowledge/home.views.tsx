// The home page: what the framework is, the four pillars, the eleven norms and the latest timeline entries.

import { Content, inLang } from '../../views/components.tsx';
import type { PageContext } from '../../views/context.ts';
import { Layout } from '../../views/layout.tsx';
import type { TimelineRow } from './knowledge.queries.ts';
import { type NormSummary, preciseDate, type Text } from './knowledge.service.ts';
import { NormList } from './norms.views.tsx';

export function HomePage(props: {
  ctx: PageContext;
  pillars: { slug: string; title: Text; summary: Text }[];
  norms: NormSummary[];
  latest: (TimelineRow & { text: Record<'date_label' | 'title', Text> })[];
}) {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('site.tagline')}>
      <h1>{t('site.tagline')}</h1>
      <section aria-labelledby="what-h">
        <h2 id="what-h">{t('home.what.title')}</h2>
        <p class="lead">{t('home.what.body')}</p>
      </section>
      <section aria-labelledby="pillars-h">
        <h2 id="pillars-h">{t('home.pillars')}</h2>
        <ol class="cards">
          {props.pillars.map((p) => (
            <li>
              <h3>
                <a href={`/pillars#${p.slug}`}>
                  <Content ctx={ctx} text={p.title} />
                </a>
              </h3>
              <Content ctx={ctx} text={p.summary} as="p" />
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="norms-h">
        <h2 id="norms-h">{t('home.norms')}</h2>
        <NormList ctx={ctx} norms={props.norms} />
      </section>
      <section aria-labelledby="latest-h">
        <h2 id="latest-h">{t('home.timeline')}</h2>
        <ul class="events">
          {props.latest.map((e) => (
            <li {...inLang(ctx, e.text.title.lang)}>
              <time datetime={preciseDate(e)}>{e.text.date_label.text}</time>{' '}
              <a href={`/timeline#${e.id}`}>{e.text.title.text}</a>
            </li>
          ))}
        </ul>
        <p>
          <a href="/timeline">{t('home.timeline.all')} →</a>
        </p>
      </section>
    </Layout>
  );
}
