// The error page for people (the API answers problem+json instead).
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import type { PageContext } from '../context.ts';
import { Layout } from '../layout.tsx';

const TITLES: Record<string, MessageKey> = {
  NOT_FOUND: 'error.notFound.title',
  BAD_INPUT: 'error.badInput.title',
  UNAVAILABLE: 'error.unavailable.title',
};

export function ErrorPage(props: { ctx: PageContext; code: string; detail: string }) {
  const { ctx } = props;
  const title = ctx.t(TITLES[props.code] ?? 'error.internal.title');
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>{props.code === 'NOT_FOUND' ? ctx.t('error.notFound.body') : props.detail}</p>
      <p>
        <a href="/">{ctx.t('error.back')}</a>
      </p>
    </Layout>
  );
}
