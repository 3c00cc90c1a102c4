// The error page for people (the API answers problem+json instead).
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import type { PageContext } from '../context.ts';
import { Layout } from '../layout.tsx';

const TITLES: Record<string, MessageKey> = {
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
const BODIES: Record<string, MessageKey> = {
  NOT_FOUND: 'error.notFound.body',
  FORBIDDEN: 'error.forbidden.body',
  UNAUTHENTICATED: 'error.unauthenticated.body',
  CSRF: 'error.csrf.body',
  LINK_INVALID: 'error.link.body',
};

export function ErrorPage(props: { ctx: PageContext; code: string; detail: string }) {
  const { ctx } = props;
  const title = ctx.t(TITLES[props.code] ?? 'error.internal.title');
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>{BODIES[props.code] ? ctx.t(BODIES[props.code]) : props.detail}</p>
      <p>
        <a href="/">{ctx.t('error.back')}</a>
      </p>
    </Layout>
  );
}
