// Markdown content in pages: rendered by the safe renderer (platform/markdown.ts), marked with its
// language when it is a fallback in English; UN document symbols link to the UN's version in the reader's language.
import { renderComment, renderContent } from '../platform/markdown.ts';
import { linkSymbols } from '../platform/un-documents.ts';
import type { Text } from './components.tsx';
import type { PageContext } from './context.ts';

export function Markdown(props: { ctx: PageContext; text: Text; class?: string }) {
  const foreign = props.text.lang !== props.ctx.locale;
  return (
    <div
      class={props.class ?? 'prose'}
      lang={foreign ? props.text.lang : undefined}
      dir={foreign ? 'ltr' : undefined}
      dangerouslySetInnerHTML={{ __html: linkSymbols(renderContent(props.text.text), props.ctx.locale) }}
    />
  );
}

export function CommentBody(props: { body: string }) {
  return <div class="comment-body" dangerouslySetInnerHTML={{ __html: renderComment(props.body) }} />;
}
