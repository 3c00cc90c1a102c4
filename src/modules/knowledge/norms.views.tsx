// The norms index and the page of one norm, with an anchor per section.

import { LOCALE_NAMES, LOCALES } from '../../platform/i18n/locales.ts';
import { symbolIn, unDocumentUrl } from '../../platform/un-documents.ts';
import { Content, inLang, NormBadges, Section, TranslationNotice } from '../../views/components.tsx';
import type { PageContext } from '../../views/context.ts';
import { Layout } from '../../views/layout.tsx';
import { Markdown } from '../../views/markdown.tsx';
import type { NormSummary, NormView, Text } from './knowledge.service.ts';
import { type NormIncidentItem, NormIncidents } from './norm-incidents.views.tsx';

/** Paragraphs back into one Markdown text (they are stored as one, split for the API). */
const joined = (parts: Text[]): Text => ({ text: parts.map((p) => p.text).join('\n\n'), lang: parts[0]?.lang ?? 'en' });

export function NormsIndexPage(props: { ctx: PageContext; norms: NormSummary[] }) {
  const { ctx } = props;
  const { t } = ctx;
  const fallback = props.norms.some((n) => n.summary.lang !== ctx.locale);
  return (
    <Layout ctx={ctx} title={t('norms.title')} description={t('norms.intro')}>
      <h1>{t('norms.title')}</h1>
      <p class="lead">{t('norms.intro')}</p>
      <p class="note">{t('norms.titlesNote')}</p>
      <TranslationNotice ctx={ctx} fallback={fallback} />
      <NormList ctx={ctx} norms={props.norms} />
    </Layout>
  );
}

export function NormList(props: { ctx: PageContext; norms: NormSummary[] }) {
  return (
    <ol class="norm-list">
      {props.norms.map((n) => (
        <li id={`norm-${n.letter}`}>
          <a href={`/norms/${n.letter}`}>
            <span class="letter" aria-hidden="true">
              {n.letter}
            </span>
            <div>
              <strong>
                {props.ctx.t('norm.label', { letter: n.letter })} — <Content ctx={props.ctx} text={n.title} />
              </strong>
              <Content ctx={props.ctx} text={n.summary} as="p" />
            </div>
          </a>
        </li>
      ))}
    </ol>
  );
}

const SECTIONS = [
  ['official-text', 'norm.official'],
  ['about', 'norm.about'],
  ['relevance', 'norm.relevance'],
  ['implementation', 'norm.implementation'],
  ['reported', 'norm.reporters'],
  ['incidents', 'norm.incidents'],
  ['actors', 'norm.actors'],
  ['forums', 'norm.forums'],
  ['frameworks', 'norm.frameworks'],
  ['sectors', 'norm.sectors'],
] as const;

/** A State whose published report answers on the norm: named in the reader's language, with its latest cycle. */
export interface NormReporter {
  code: string;
  name: string;
  cycle: number;
  demo: boolean;
}

export function NormPage(props: {
  ctx: PageContext;
  norm: NormView;
  reporters?: NormReporter[];
  /** The published incidents at stake for the norm, from the incident record. */
  incidents?: NormIncidentItem[];
  /** Every norm's title in the reader's language, for the norms a related CBM maps to. */
  normTitles?: Map<string, Text>;
}) {
  const { ctx, norm } = props;
  const { t } = ctx;
  const heading = `${t('norm.label', { letter: norm.letter })} — ${norm.title.text}`;
  return (
    <Layout ctx={ctx} title={heading} description={norm.summary.text}>
      <article class="norm">
        <p class="kicker">{t('norm.label', { letter: norm.letter })}</p>
        <h1>
          <Content ctx={ctx} text={norm.title} />
        </h1>
        <Content ctx={ctx} text={norm.summary} as="p" />
        <p class="note">{t('norms.titlesNote')}</p>
        <TranslationNotice
          ctx={ctx}
          fallback={norm.about[0]?.lang !== ctx.locale || norm.actions.some((a) => a.lang !== ctx.locale)}
        />
        <p class="lesson-link">
          <a href={`/learn/norms-in-practice/norm-${norm.letter}`}>{t('learn.lessonOnNorm', { letter: norm.letter })}</a> ·{' '}
          <a href={`/map?norm=${norm.letter}`}>{t('norm.reportedOn', { letter: norm.letter })}</a>
        </p>
        <nav class="toc" aria-labelledby="toc-h">
          <h2 id="toc-h">{t('norm.onThisPage')}</h2>
          <ul>
            {SECTIONS.map(([id, key]) => (
              <li>
                <a href={`#${id}`}>{t(key)}</a>
              </li>
            ))}
          </ul>
        </nav>
        <Section id="official-text" title={t('norm.official')}>
          <OfficialText ctx={ctx} norm={norm} />
        </Section>
        <Section id="about" title={t('norm.about')}>
          <Markdown ctx={ctx} text={joined(norm.about)} />
        </Section>
        <Section id="relevance" title={t('norm.relevance')}>
          <Markdown ctx={ctx} text={joined(norm.relevance)} />
        </Section>
        <Section id="implementation" title={t('norm.implementation')}>
          <ol class="actions">
            {norm.actions.map((a) => (
              <li id={`action-${a.id}`} {...inLang(ctx, a.lang)}>
                <strong>{a.title}.</strong> {a.description}
              </li>
            ))}
          </ol>
        </Section>
        <Section id="reported" title={t('norm.reporters')}>
          <Reporters ctx={ctx} letter={norm.letter} reporters={props.reporters ?? []} />
        </Section>
        <Section id="incidents" title={t('norm.incidents')}>
          <NormIncidents ctx={ctx} letter={norm.letter} incidents={props.incidents ?? []} />
        </Section>
        <Section id="actors" title={t('norm.actors')}>
          <ul class="plain">
            {norm.actors.map((a) => (
              <li {...inLang(ctx, a.lang)}>
                <a href={`/actors#${a.slug}`}>{a.name}</a>: {a.role}
              </li>
            ))}
          </ul>
        </Section>
        <Section id="forums" title={t('norm.forums')}>
          <ul class="plain">
            {norm.forums.map((f) => (
              <li {...inLang(ctx, f.lang)}>
                <a href={`/forums#${f.slug}`}>{f.name}</a>: {f.note}
              </li>
            ))}
          </ul>
        </Section>
        <Section id="frameworks" title={t('norm.frameworks')}>
          <p class="note">{t('norm.mappingNote')}</p>
          <ul class="plain">
            {norm.frameworkElements.map((e) => (
              <li {...inLang(ctx, e.lang)}>
                <a href={`/frameworks#${e.id}`}>
                  {e.framework_name}, {e.number}: {e.title}
                </a>
              </li>
            ))}
            {norm.cbms.map((c) => (
              <li {...inLang(ctx, c.lang)}>
                <a href={`/cbms#${c.id}`}>{c.title}</a> <span class="meta">({t(`cbms.${c.source}`)})</span>{' '}
                {!c.verified && <span class="badge warn">{t('label.notVerified')}</span>}{' '}
                <NormBadges norms={c.norms} titles={props.normTitles} ctx={ctx} />
              </li>
            ))}
          </ul>
        </Section>
        <Section id="sectors" title={t('norm.sectors')}>
          {norm.sectors.length === 0 ? (
            <p>{t('norm.sectors.none')}</p>
          ) : (
            <ul class="chips">
              {norm.sectors.map((s) => (
                <li {...inLang(ctx, s.lang)}>
                  <a href={`/sectors#${s.slug}`}>{s.name}</a>
                </li>
              ))}
            </ul>
          )}
        </Section>
        <nav class="pager" aria-label={t('norms.title')}>
          {norm.previous && (
            <a rel="prev" href={`/norms/${norm.previous}`}>
              ← {t('norm.previous')} ({norm.previous})
            </a>
          )}
          {norm.next && (
            <a rel="next" href={`/norms/${norm.next}`}>
              {t('norm.next')} ({norm.next}) →
            </a>
          )}
        </nav>
        <p>
          <a href="/feeds/norms.atom">{t('feed.norms')}</a>
        </p>
      </article>
      {/* The discussion is rendered per reader and put here; the rest of the page is cached. */}
      <div id="discussion-slot" dangerouslySetInnerHTML={{ __html: DISCUSSION_SLOT }} />
    </Layout>
  );
}

export const DISCUSSION_SLOT = '<!--discussion-->';

/** The States that reported on the norm, each linked to its report; demo States apart, as not counted. */
function Reporters(props: { ctx: PageContext; letter: string; reporters: NormReporter[] }) {
  const { ctx } = props;
  const { t } = ctx;
  const links = (list: NormReporter[]) => (
    <ul class="chips">
      {list.map((r) => (
        <li>
          <a href={`/states/${r.code}/reports/${r.cycle}`}>
            {r.name} <span class="meta">({r.cycle})</span>
          </a>
        </li>
      ))}
    </ul>
  );
  const members = props.reporters.filter((r) => !r.demo);
  const demo = props.reporters.filter((r) => r.demo);
  return (
    <>
      {members.length ? (
        <>
          <p>{t('norm.reporters.intro')}</p>
          {links(members)}
        </>
      ) : (
        <p>{t('norm.reporters.none')}</p>
      )}
      {demo.length > 0 && (
        <>
          <p class="note">{t('norm.reporters.demo')}</p>
          {links(demo)}
        </>
      )}
      <p>
        <a href={`/map?norm=${props.letter}`}>{t('norm.reporters.map')}</a>
      </p>
    </>
  );
}

/**
 * The official text: the adopted English, quoted, with its citation; the UN's own version of the document in
 * each of its languages, linked; and, when an editor entered it with its source, the official text in the
 * reader's language. A translation made here is never shown as the official text.
 */
function OfficialText(props: { ctx: PageContext; norm: NormView }) {
  const { ctx, norm } = props;
  const { t } = ctx;
  const symbol = symbolIn(norm.citation);
  return (
    <>
      {norm.officialTranslation && (
        <figure class="official">
          <blockquote>
            <p>{norm.officialTranslation.text}</p>
          </blockquote>
          <figcaption>
            <cite>{norm.officialTranslation.source}</cite>
          </figcaption>
        </figure>
      )}
      <figure class="official">
        <blockquote lang="en" dir="ltr">
          <p>{norm.officialText}</p>
        </blockquote>
        <figcaption>
          {symbol ? (
            <cite>
              <a href={unDocumentUrl(symbol, 'en')}>{norm.citation}</a>
            </cite>
          ) : (
            <cite>{norm.citation}</cite>
          )}
        </figcaption>
      </figure>
      {ctx.locale !== 'en' && !norm.officialTranslation && <p class="note">{t('norm.officialEnglishOnly')}</p>}
      {symbol && (
        <p class="meta">
          {t('norm.officialVersions', { symbol })}{' '}
          {LOCALES.map((lang, i) => (
            <>
              {i > 0 && ' · '}
              <a href={unDocumentUrl(symbol, lang)} hreflang={lang} lang={lang}>
                {LOCALE_NAMES[lang]}
              </a>
            </>
          ))}
        </p>
      )}
    </>
  );
}
