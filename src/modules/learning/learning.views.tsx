// Learning: the modules, a module's lessons with the reader's progress, and a lesson in the shape of the
// course page in 004_c1f0e59a44a67020.txt (guiding questions, body, reflection point, contribute and
// engage) with "n of N" navigation, a self-check with feedback on each answer, and the discussion.
import type { ComponentChildren } from 'preact';
import { Content, FallbackNotice, Section } from '../../views/components.tsx';
import type { PageContext } from '../../views/context.ts';
import { Form, type FormProblem, Problems } from '../../views/forms.tsx';
import { Layout } from '../../views/layout.tsx';
import { Markdown } from '../../views/markdown.tsx';
import type { CheckResult, LessonSummary, LessonView, ModuleSummary } from './learning.service.ts';

export function LearnIndexPage(props: { ctx: PageContext; modules: ModuleSummary[]; signedIn: boolean }) {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('learn.title')} description={t('learn.intro')}>
      <h1>{t('learn.title')}</h1>
      <p class="lead">{t('learn.intro')}</p>
      <FallbackNotice ctx={ctx} show={props.modules.some((m) => m.title.lang !== ctx.locale)} />
      {!props.signedIn && <p class="notice">{t('learn.signInForProgress')}</p>}
      <ol class="cards">
        {props.modules.map((m) => (
          <li>
            <h2>
              <a href={`/learn/${m.slug}`}>
                <Content ctx={ctx} text={m.title} />
              </a>
            </h2>
            <Content ctx={ctx} text={m.summary} as="p" />
            <p class="meta">
              {props.signedIn ? t('learn.progress', { done: m.done, total: m.lessons }) : t('learn.lessons', { n: m.lessons })}
            </p>
            {props.signedIn && <Progress value={m.done} max={m.lessons} />}
          </li>
        ))}
      </ol>
      <p>
        <a href="/feeds/lessons.atom">{t('feed.lessons')}</a>
      </p>
    </Layout>
  );
}

function Progress(props: { value: number; max: number }) {
  return <progress value={props.value} max={props.max} aria-hidden="true" />;
}

export function ModulePage(props: {
  ctx: PageContext;
  module: Omit<ModuleSummary, 'lessons'> & { lessons: LessonSummary[] };
  signedIn: boolean;
}) {
  const { ctx, module: m } = props;
  const { t } = ctx;
  const done = m.lessons.filter((l) => l.progress).length;
  return (
    <Layout ctx={ctx} title={m.title.text} description={m.summary.text}>
      <p class="kicker">
        <a href="/learn">{t('learn.title')}</a>
      </p>
      <h1>
        <Content ctx={ctx} text={m.title} />
      </h1>
      <Content ctx={ctx} text={m.summary} as="p" />
      <FallbackNotice ctx={ctx} show={m.title.lang !== ctx.locale} />
      {props.signedIn ? (
        <p>
          {t('learn.progress', { done, total: m.lessons.length })} <Progress value={done} max={m.lessons.length} />
        </p>
      ) : (
        <p class="notice">{t('learn.signInForProgress')}</p>
      )}
      <ol class="lessons">
        {m.lessons.map((l) => (
          <li>
            <a href={`/learn/${m.slug}/${l.slug}`}>
              <Content ctx={ctx} text={l.title} />
            </a>
            {l.progress && (
              <span class="done"> ✓ {t('learn.score', { correct: l.progress.correct, total: l.progress.total })}</span>
            )}
          </li>
        ))}
      </ol>
    </Layout>
  );
}

function Part(props: { id: string; title: string; children: ComponentChildren; class?: string }) {
  return (
    <div class={props.class}>
      <Section id={props.id} title={props.title}>
        {props.children}
      </Section>
    </div>
  );
}

export function LessonPage(props: {
  ctx: PageContext;
  lesson: LessonView;
  csrf: string;
  signedIn: boolean;
  results?: { results: CheckResult[]; correct: number; total: number; recorded: boolean };
  problems?: FormProblem[];
  chosen?: Record<string, number>;
  /** The discussion, rendered per reader. */
  discussion: ComponentChildren;
}) {
  const { ctx, lesson: l } = props;
  const { t } = ctx;
  const base = `/learn/${l.module.slug}`;
  const chosen = props.chosen ?? {};
  const result = (id: string) => props.results?.results.find((r) => r.id === id);
  return (
    <Layout ctx={ctx} title={l.title.text}>
      <article class="lesson">
        <p class="kicker">
          <a href={base}>
            <Content ctx={ctx} text={l.module.title} />
          </a>{' '}
          · <span class="part">{t('learn.nOfN', { n: l.position, total: l.total })}</span>
        </p>
        <h1>
          <Content ctx={ctx} text={l.title} />
        </h1>
        <FallbackNotice
          ctx={ctx}
          show={
            l.body.lang !== ctx.locale ||
            l.checks.some((c) => [c.prompt, ...c.options.map((o) => o.text)].some((x) => x.lang !== ctx.locale))
          }
        />
        {l.progress && <p class="success">{t('learn.completed', { correct: l.progress.correct, total: l.progress.total })}</p>}
        <Part id="questions" title={t('learn.questions')} class="guiding">
          <Markdown ctx={ctx} text={l.questions} />
        </Part>
        <Markdown ctx={ctx} text={l.body} />
        {l.norm && (
          <p>
            <a href={`/norms/${l.norm}`}>{t('learn.readNorm', { letter: l.norm })}</a>
          </p>
        )}
        <Part id="reflection" title={t('learn.reflection')} class="reflection">
          <Markdown ctx={ctx} text={l.reflection} />
        </Part>
        <Part id="engage" title={t('learn.engage')}>
          <Markdown ctx={ctx} text={l.engage} />
        </Part>
        <Part id="self-check" title={t('learn.check')}>
          {props.results && (
            <p class={props.results.correct === props.results.total ? 'success' : 'notice'} role="status" id="check-result">
              {t('learn.score', { correct: props.results.correct, total: props.results.total })}{' '}
              {props.results.recorded ? t('learn.recorded') : props.signedIn ? '' : t('learn.notRecorded')}
            </p>
          )}
          <Problems ctx={ctx} problems={props.problems ?? []} />
          <Form action={`${base}/${l.slug}/check#self-check`} csrf={props.csrf}>
            {l.checks.map((c) => {
              const r = result(c.id);
              return (
                <fieldset class="check" id={`f-answers.${c.id}`}>
                  <legend>
                    <Content ctx={ctx} text={c.prompt} />
                  </legend>
                  {c.options.map((o, i) => (
                    <label class="option">
                      <input type="radio" name={`answers.${c.id}`} value={String(i)} checked={chosen[c.id] === i} required />{' '}
                      <Content ctx={ctx} text={o.text} />
                    </label>
                  ))}
                  {r && (
                    <p class={r.correct ? 'feedback correct' : 'feedback wrong'}>
                      <strong>{r.correct ? t('learn.right') : t('learn.wrong')}</strong> <Content ctx={ctx} text={r.feedback} />
                    </p>
                  )}
                </fieldset>
              );
            })}
            <button type="submit">{t('learn.checkButton')}</button>
          </Form>
        </Part>
        <nav class="pager" aria-label={t('learn.lessonNav')}>
          {l.previous ? <a href={`${base}/${l.previous}`}>← {t('learn.previous')}</a> : <span />}
          <span>{t('learn.nOfN', { n: l.position, total: l.total })}</span>
          {l.next ? <a href={`${base}/${l.next}`}>{t('learn.next')} →</a> : <a href={base}>{t('learn.backToModule')}</a>}
        </nav>
      </article>
      {props.discussion}
    </Layout>
  );
}
