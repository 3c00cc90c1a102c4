// Editors' pages: every editable item, the Markdown editor with preview (per language, English original
// beside it), the revision history, the comparison of two revisions and restoring one.

import type { MessageKey } from '../../platform/i18n/i18n.ts';
import { LOCALES } from '../../platform/i18n/locales.ts';
import { renderContent } from '../../platform/markdown.ts';
import type { PageContext } from '../../views/context.ts';
import { dateTime } from '../../views/format.ts';
import { Form, type FormProblem, Problems } from '../../views/forms.tsx';
import { Layout } from '../../views/layout.tsx';
import { VersionPicks } from '../../views/version-picks.tsx';
import type { FieldSpec, Fields, Revision } from './editorial.kinds.ts';

export const KIND_KEYS: Record<string, MessageKey> = {
  norm: 'nav.norms',
  norm_action: 'edit.normActions',
  norm_actor: 'edit.normActors',
  norm_forum: 'edit.normForums',
  pillar: 'nav.pillars',
  cbm: 'nav.cbms',
  framework: 'nav.frameworks',
  framework_element: 'edit.frameworkElements',
  actor: 'nav.actors',
  forum: 'nav.forums',
  sector: 'edit.sectors',
  glossary: 'nav.glossary',
  timeline: 'nav.timeline',
  module: 'edit.modules',
  lesson: 'edit.lessons',
  lesson_check: 'edit.selfChecks',
};

/** A plain-text field this long is edited in a box of several lines (it is still one paragraph). */
const LONG_LINE = 1000;

const LANG_NAMES: Record<string, string> = {
  en: 'English',
  fr: 'Français',
  es: 'Español',
  ru: 'Русский',
  ar: 'العربية',
  zh: '中文',
};

export function EditorIndexPage(props: {
  ctx: PageContext;
  kinds: { kind: string; items: { id: string; label: string; revisions: number }[] }[];
}) {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('edit.title')}>
      <h1>{t('edit.title')}</h1>
      <p class="lead">{t('edit.intro')}</p>
      <p>
        <a href="/moderation">{t('mod.title')}</a>
      </p>
      {props.kinds.map((k) => (
        <section id={k.kind}>
          <h2>{t(KIND_KEYS[k.kind])}</h2>
          <ul class="plain columns">
            {k.items.map((i) => (
              <li>
                <a href={`/editor/${k.kind}/${i.id}`}>{i.label}</a>
                {i.revisions > 0 && <span class="muted"> · {t('edit.revisionCount', { n: i.revisions })}</span>}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Layout>
  );
}

function LangNav(props: { ctx: PageContext; base: string; lang: string; suffix?: string }) {
  return (
    <nav aria-label={props.ctx.t('edit.language')}>
      <ul class="chips">
        {LOCALES.map((l) => (
          <li>
            <a
              href={`${props.base}${props.suffix ?? ''}?lang=${l}`}
              aria-current={l === props.lang ? 'page' : undefined}
              lang={l}
            >
              {LANG_NAMES[l]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function EditPage(props: {
  ctx: PageContext;
  csrf: string;
  kind: string;
  id: string;
  lang: string;
  url: string;
  spec: readonly FieldSpec[];
  fields: Fields;
  english: Fields;
  revision: number;
  note: string;
  preview: boolean;
  notice?: string;
  problems?: FormProblem[];
}) {
  const { ctx } = props;
  const { t } = ctx;
  const base = `/editor/${props.kind}/${props.id}`;
  const problem = (name: string) => props.problems?.find((p) => p.field === `fields.${name}`);
  return (
    <Layout ctx={ctx} title={t('edit.editing', { item: `${props.kind} ${props.id}` })}>
      <p class="kicker">
        <a href="/editor">{t('edit.title')}</a> · {t(KIND_KEYS[props.kind])}
      </p>
      <h1>{t('edit.editing', { item: `${props.kind} ${props.id}` })}</h1>
      <p>
        <a href={props.url}>{t('edit.viewPage')}</a> · <a href={`${base}/history?lang=${props.lang}`}>{t('edit.history')}</a>
      </p>
      <LangNav ctx={ctx} base={base} lang={props.lang} />
      {props.notice && (
        <p class="success" role="status">
          {props.notice}
        </p>
      )}
      <Problems ctx={ctx} problems={props.problems ?? []} />
      {props.lang !== 'en' && <p class="notice">{t('edit.translationHint')}</p>}
      <Form action={base} csrf={props.csrf}>
        <input type="hidden" name="lang" value={props.lang} />
        <input type="hidden" name="baseRevision" value={String(props.revision)} />
        {props.spec.map((f) => {
          const id = `f-fields.${f.name}`;
          const p = problem(f.name);
          const control = {
            id,
            name: `fields.${f.name}`,
            lang: props.lang,
            dir: props.lang === 'ar' ? ('rtl' as const) : undefined,
            'aria-invalid': p ? ('true' as const) : undefined,
            'aria-describedby': [p && `${id}-error`, f.note && `${id}-note`].filter(Boolean).join(' ') || undefined,
          };
          const value = props.fields[f.name] ?? '';
          return (
            <div class="field">
              <label for={id}>
                {f.name} {f.markdown && <span class="muted">(Markdown)</span>}
              </label>
              {f.note && (
                <p class="hint" id={`${id}-note`}>
                  {t(f.note)}
                </p>
              )}
              {p && (
                <p class="error" id={`${id}-error`}>
                  {p.message}
                </p>
              )}
              {f.markdown || f.max >= LONG_LINE ? (
                <textarea
                  {...control}
                  rows={f.markdown ? Math.min(20, Math.max(4, value.split('\n').length + 2)) : 4}
                  maxLength={f.markdown ? undefined : f.max}
                >
                  {value}
                </textarea>
              ) : (
                <input {...control} value={value} maxLength={f.max} />
              )}
              {props.lang !== 'en' && (
                <details open>
                  <summary>{t('edit.english')}</summary>
                  <pre class="source" lang="en" dir="ltr">
                    {props.english[f.name]}
                  </pre>
                </details>
              )}
              {props.preview && f.markdown && (props.fields[f.name] ?? '') !== '' && (
                <div class="preview">
                  <p class="kicker">{t('edit.preview')}</p>
                  <div
                    class="prose"
                    lang={props.lang}
                    dangerouslySetInnerHTML={{ __html: renderContent(props.fields[f.name] ?? '') }}
                  />
                </div>
              )}
            </div>
          );
        })}
        <div class="field">
          <label for="f-note">{t('edit.note')}</label>
          <input id="f-note" name="note" value={props.note} maxLength={300} />
        </div>
        <div class="buttons">
          <button type="submit" name="do" value="preview" class="secondary">
            {t('edit.previewButton')}
          </button>
          <button type="submit" name="do" value="save">
            {t('edit.save')}
          </button>
        </div>
      </Form>
    </Layout>
  );
}

export function HistoryPage(props: {
  ctx: PageContext;
  csrf: string;
  kind: string;
  id: string;
  lang: string;
  url: string;
  revisions: Revision[];
  notice?: string;
}) {
  const { ctx } = props;
  const { t } = ctx;
  const fmt = dateTime(ctx.locale);
  const base = `/editor/${props.kind}/${props.id}`;
  const latest = props.revisions[0]?.number;
  return (
    <Layout ctx={ctx} title={t('edit.historyOf', { item: `${props.kind} ${props.id}` })}>
      <p class="kicker">
        <a href="/editor">{t('edit.title')}</a> · <a href={`${base}?lang=${props.lang}`}>{t('edit.back')}</a> ·{' '}
        <a href={props.url}>{t('edit.viewPage')}</a>
      </p>
      <h1>{t('edit.historyOf', { item: `${props.kind} ${props.id}` })}</h1>
      <LangNav ctx={ctx} base={base} lang={props.lang} suffix="/history" />
      {props.notice && (
        <p class="success" role="status">
          {props.notice}
        </p>
      )}
      {props.revisions.length === 0 ? (
        <p>{t('edit.noRevisions')}</p>
      ) : (
        <form method="get" action={`${base}/diff`} class="stack">
          <input type="hidden" name="lang" value={props.lang} />
          <table>
            <caption>{t('edit.revisions')}</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('edit.from')}</th>
                <th scope="col">{t('edit.to')}</th>
                <th scope="col">{t('edit.when')}</th>
                <th scope="col">{t('edit.who')}</th>
                <th scope="col">{t('edit.note')}</th>
              </tr>
            </thead>
            <tbody>
              {props.revisions.map((r, i) => (
                <tr id={`rev-${r.number}`}>
                  <td>{r.number}</td>
                  <VersionPicks
                    n={r.number}
                    index={i}
                    count={props.revisions.length}
                    fromLabel={t('edit.fromN', { n: r.number })}
                    toLabel={t('edit.toN', { n: r.number })}
                  />
                  <td>{fmt.format(new Date(r.createdAt))}</td>
                  <td>{r.author ?? t('edit.shipped')}</td>
                  <td>
                    {r.note}
                    {r.restoredFrom !== null && <span class="muted"> ({t('edit.restoredFrom', { n: r.restoredFrom })})</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="submit">{t('edit.compare')}</button>
        </form>
      )}
      {props.revisions
        .filter((r) => r.number !== latest)
        .map((r) => (
          <Form action={`${base}/restore`} csrf={props.csrf} class="inline">
            <input type="hidden" name="lang" value={props.lang} />
            <input type="hidden" name="revision" value={String(r.number)} />
            <button type="submit" class="secondary">
              {t('edit.restore', { n: r.number })}
            </button>
          </Form>
        ))}
    </Layout>
  );
}

export function DiffPage(props: {
  ctx: PageContext;
  kind: string;
  id: string;
  lang: string;
  from: Revision;
  to: Revision;
  fields: { field: string; changed: boolean; parts: { value: string; added: boolean; removed: boolean }[] }[];
}) {
  const { ctx } = props;
  const { t } = ctx;
  const base = `/editor/${props.kind}/${props.id}`;
  return (
    <Layout ctx={ctx} title={t('edit.diffTitle', { from: props.from.number, to: props.to.number })}>
      <p class="kicker">
        <a href={`${base}/history?lang=${props.lang}`}>{t('edit.history')}</a>
      </p>
      <h1>{t('edit.diffTitle', { from: props.from.number, to: props.to.number })}</h1>
      <p>
        {props.from.number}: {props.from.note} → {props.to.number}: {props.to.note}
      </p>
      {props.fields.map((f) => (
        <section class="diff-field" id={`diff-${f.field}`}>
          <h2>{f.field}</h2>
          {f.changed ? (
            <pre class="diff" lang={props.lang}>
              {f.parts.map((p) => (p.added ? <ins>{p.value}</ins> : p.removed ? <del>{p.value}</del> : p.value))}
            </pre>
          ) : (
            <p class="muted">{t('edit.unchanged')}</p>
          )}
        </section>
      ))}
    </Layout>
  );
}
