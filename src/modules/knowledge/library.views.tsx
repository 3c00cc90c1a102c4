// Reference pages of the knowledge base: pillars, CBMs, frameworks (with the matrix), actors, forums,
// sectors, glossary and the timeline (with its picture).

import { linkSymbols } from '../../platform/un-documents.ts';
import { Content, inLang, NormBadges, Section, TranslationNotice } from '../../views/components.tsx';
import type { PageContext } from '../../views/context.ts';
import { escapeHtml } from '../../views/html.ts';
import { Layout } from '../../views/layout.tsx';
import { Markdown } from '../../views/markdown.tsx';
import { NormMatrix } from '../../views/svg/matrix.tsx';
import type {
  ActorRow,
  CbmRow,
  ElementRow,
  ForumRow,
  FrameworkRow,
  GlossaryRow,
  SectorRow,
  TimelineRow,
} from './knowledge.queries.ts';
import { type InLang, preciseDate, type Text } from './knowledge.service.ts';
import { TimelinePicture } from './timeline.views.tsx';

/** Text with its UN document symbols linked to the UN's version in the reader's language. */
export function DocumentSymbols(props: { ctx: PageContext; text: string }) {
  return <span dangerouslySetInnerHTML={{ __html: linkSymbols(escapeHtml(props.text), props.ctx.locale) }} />;
}

export function PillarsPage(props: { ctx: PageContext; pillars: { slug: string; title: Text; summary: Text; body: Text[] }[] }) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={ctx.t('pillars.title')}>
      <h1>{ctx.t('pillars.title')}</h1>
      <TranslationNotice ctx={ctx} fallback={props.pillars.some((p) => p.summary.lang !== ctx.locale)} />
      {props.pillars.map((p) => (
        <Section id={p.slug} title={p.title.text} lang={p.title.lang === ctx.locale ? undefined : p.title.lang}>
          <Content ctx={ctx} text={p.summary} as="p" />
          <Markdown ctx={ctx} text={{ text: p.body.map((b) => b.text).join('\n\n'), lang: p.body[0]?.lang ?? 'en' }} />
        </Section>
      ))}
    </Layout>
  );
}

type Localised<R, F extends string> = R & { text: Record<F, Text> };

export function CbmsPage(props: {
  ctx: PageContext;
  cbms: Localised<CbmRow, 'title' | 'description' | 'adopted'>[];
  normTitles: Map<string, Text>;
}) {
  const { ctx } = props;
  const { t } = ctx;
  const groups = [
    ['un', t('cbms.un')],
    ['osce', t('cbms.osce')],
    ['oas', t('cbms.oas')],
  ] as const;
  return (
    <Layout ctx={ctx} title={t('cbms.title')} description={t('cbms.intro')}>
      <h1>{t('cbms.title')}</h1>
      <p class="lead">{t('cbms.intro')}</p>
      <TranslationNotice ctx={ctx} fallback={props.cbms.some((c) => c.text.description.lang !== ctx.locale)} />
      <p class="note">{t('norm.mappingNote')}</p>
      <p class="note">{t('cbms.numbering')}</p>
      {groups.map(([source, title]) => {
        const items = props.cbms.filter((c) => c.source === source);
        return (
          <Section id={source} title={title}>
            <NormMatrix
              title={`${title}: ${t('frameworks.matrix')}`}
              normLabel={t('label.norms')}
              rows={items.map((c) => ({ id: c.id, label: `${c.number}. ${c.text.title.text}`, norms: c.norms }))}
            />
            <ol class="items">
              {items.map((c) => (
                <li id={c.id} value={c.number}>
                  <strong>
                    <Content ctx={ctx} text={c.text.title} />
                  </strong>{' '}
                  {!c.verified && <span class="badge warn">{t('label.notVerified')}</span>}{' '}
                  <NormBadges norms={c.norms} titles={props.normTitles} ctx={ctx} />
                  <Markdown ctx={ctx} text={c.text.description} />
                  <p class="meta">
                    {t('label.adopted')}: <Content ctx={ctx} text={c.text.adopted} />
                  </p>
                  {!c.verified && <p class="note">{t('cbms.unverified')}</p>}
                </li>
              ))}
            </ol>
          </Section>
        );
      })}
    </Layout>
  );
}

export function FrameworksPage(props: {
  ctx: PageContext;
  frameworks: (InLang<FrameworkRow> & { elements: InLang<ElementRow>[] })[];
  normTitles: Map<string, Text>;
}) {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('frameworks.title')} description={t('frameworks.intro')}>
      <h1>{t('frameworks.title')}</h1>
      <p class="lead">{t('frameworks.intro')}</p>
      <TranslationNotice ctx={ctx} fallback={props.frameworks.some((f) => f.lang !== ctx.locale)} />
      <p class="note">{t('norm.mappingNote')}</p>
      {props.frameworks.map((f) => (
        <Section id={f.slug} title={f.name} lang={f.lang === ctx.locale ? undefined : f.lang}>
          <p {...inLang(ctx, f.lang)}>{f.description}</p>
          <p class="meta" {...inLang(ctx, f.lang)}>
            {t('label.adopted')}: {f.adopted} · {t('label.source')}: <a href={f.source_url}>{f.source_url}</a>
          </p>
          <NormMatrix
            title={`${f.name}: ${t('frameworks.matrix')}`}
            normLabel={t('label.norms')}
            rows={f.elements.map((e) => ({ id: e.id, label: `${e.number}. ${e.title}`, norms: e.norms }))}
          />
          <ol class="items">
            {f.elements.map((e) => (
              <li id={e.id} value={e.number} {...inLang(ctx, e.lang)}>
                <strong>{e.title}</strong> <NormBadges norms={e.norms} titles={props.normTitles} ctx={ctx} />
                <p>{e.description}</p>
              </li>
            ))}
          </ol>
        </Section>
      ))}
    </Layout>
  );
}

export function ActorsPage(props: { ctx: PageContext; actors: InLang<ActorRow>[] }) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={ctx.t('actors.title')} description={ctx.t('actors.intro')}>
      <h1>{ctx.t('actors.title')}</h1>
      <p class="lead">{ctx.t('actors.intro')}</p>
      <TranslationNotice ctx={ctx} fallback={props.actors.some((a) => a.lang !== ctx.locale)} />
      <dl class="defs">
        {props.actors.map((a) => (
          <div id={a.slug} {...inLang(ctx, a.lang)}>
            <dt>{a.name}</dt>
            <dd>{a.description}</dd>
          </div>
        ))}
      </dl>
    </Layout>
  );
}

export function ForumsPage(props: { ctx: PageContext; forums: InLang<ForumRow>[] }) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={ctx.t('forums.title')} description={ctx.t('forums.intro')}>
      <h1>{ctx.t('forums.title')}</h1>
      <p class="lead">{ctx.t('forums.intro')}</p>
      <TranslationNotice ctx={ctx} fallback={props.forums.some((f) => f.lang !== ctx.locale)} />
      <dl class="defs">
        {props.forums.map((f) => (
          <div id={f.slug} {...inLang(ctx, f.lang)}>
            <dt>{f.name}</dt>
            <dd>{f.description}</dd>
          </div>
        ))}
      </dl>
    </Layout>
  );
}

export function SectorsPage(props: { ctx: PageContext; sectors: InLang<SectorRow>[] }) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={ctx.t('norm.sectors')}>
      <h1>{ctx.t('norm.sectors')}</h1>
      <TranslationNotice ctx={ctx} fallback={props.sectors.some((s) => s.lang !== ctx.locale)} />
      <dl class="defs">
        {props.sectors.map((s) => (
          <div id={s.slug} {...inLang(ctx, s.lang)}>
            <dt>{s.name}</dt>
            <dd>
              {s.description} <span class="meta">{s.sources}</span>
            </dd>
          </div>
        ))}
      </dl>
    </Layout>
  );
}

export function GlossaryPage(props: { ctx: PageContext; terms: Localised<GlossaryRow, 'term' | 'definition'>[] }) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={ctx.t('glossary.title')}>
      <h1>{ctx.t('glossary.title')}</h1>
      <TranslationNotice ctx={ctx} fallback={props.terms.some((g) => g.text.definition.lang !== ctx.locale)} />
      <dl class="defs">
        {props.terms.map((g) => (
          <div id={g.slug}>
            <dt>
              <Content ctx={ctx} text={g.text.term} />
            </dt>
            <dd>
              <Markdown ctx={ctx} text={g.text.definition} />
            </dd>
          </div>
        ))}
      </dl>
    </Layout>
  );
}

export function TimelinePage(props: {
  ctx: PageContext;
  events: Localised<TimelineRow, 'date_label' | 'title' | 'description'>[];
}) {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('timeline.title')} description={t('timeline.intro')}>
      <h1>{t('timeline.title')}</h1>
      <p class="lead">{t('timeline.intro')}</p>
      <TranslationNotice ctx={ctx} fallback={props.events.some((e) => e.text.description.lang !== ctx.locale)} />
      <figure class="picture">
        <TimelinePicture title={t('timeline.picture')} events={props.events} />
      </figure>
      <ol class="timeline-list">
        {props.events.map((e) => (
          <li id={e.id}>
            <time datetime={preciseDate(e)}>
              <Content ctx={ctx} text={e.text.date_label} />
            </time>
            <div>
              <strong>
                <Content ctx={ctx} text={e.text.title} />
              </strong>
              <Markdown ctx={ctx} text={e.text.description} />
              {(e.symbol || e.status !== 'confirmed') && (
                <p class="meta">
                  {e.symbol && (
                    <>
                      {t('label.symbol')}: <DocumentSymbols ctx={ctx} text={e.symbol} />
                    </>
                  )}
                  {e.status !== 'confirmed' &&
                    ` (${t(e.status === 'partial' ? 'label.status.partial' : 'label.status.unconfirmed')})`}
                </p>
              )}
            </div>
          </li>
        ))}
      </ol>
    </Layout>
  );
}
