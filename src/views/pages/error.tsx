// The error page for people (the API answers problem+json instead).

import { h } from 'preact';
import { type ProblemCode, problemTitleKey } from '../../platform/errors.ts';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import type { PageContext } from '../context.ts';
import { Layout } from '../layout.tsx';
import { renderDocument } from '../render.ts';

/** Titles worded for a page; every other code shows its catalogue title (`problem.<CODE>`). */
const TITLES: Partial<Record<ProblemCode, MessageKey>> = {
  NOT_FOUND: 'error.notFound.title',
  BAD_INPUT: 'error.badInput.title',
  UNAVAILABLE: 'error.unavailable.title',
  FORBIDDEN: 'error.forbidden.title',
  UNAUTHENTICATED: 'error.unauthenticated.title',
  CSRF: 'error.csrf.title',
  TOO_MANY_ATTEMPTS: 'error.throttled.title',
  LINK_INVALID: 'error.link.title',
  TOKEN_SCOPE: 'error.forbidden.title',
  BAD_TOKEN: 'error.unauthenticated.title',
};

/** What to say for a code, in the reader's language; other codes show the detail as it came. */
const BODIES: Partial<Record<ProblemCode, MessageKey>> = {
  NOT_FOUND: 'error.notFound.body',
  FORBIDDEN: 'error.forbidden.body',
  UNAUTHENTICATED: 'error.unauthenticated.body',
  CSRF: 'error.csrf.body',
  LINK_INVALID: 'error.link.body',
};

export function ErrorPage(props: { ctx: PageContext; code: ProblemCode; detail: string }) {
  const { ctx } = props;
  const title = ctx.t(TITLES[props.code] ?? problemTitleKey(props.code));
  const body = BODIES[props.code];
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>{body ? ctx.t(body) : props.detail}</p>
      <p>
        <a href="/">{ctx.t('error.back')}</a>
      </p>
    </Layout>
  );
}

/** The whole error document, as the error handling in platform/http asks for it (app.ts hands it over). */
export function renderErrorPage(ctx: PageContext, code: ProblemCode, detail: string): string {
  return renderDocument(h(ErrorPage, { ctx, code, detail }));
}
