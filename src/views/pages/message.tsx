// A page that only says something (done, expired, signed out) with an optional link onward: shared by features.
import type { PageContext } from '../context.ts';
import { Layout } from '../layout.tsx';

export function MessagePage(props: {
  ctx: PageContext;
  title: string;
  body: string;
  link?: { href: string; text: string };
  ok?: boolean;
}) {
  return (
    <Layout ctx={props.ctx} title={props.title}>
      <h1>{props.title}</h1>
      <p class={props.ok ? 'success' : 'notice'} role="status">
        {props.body}
      </p>
      {props.link && (
        <p>
          <a href={props.link.href}>{props.link.text}</a>
        </p>
      )}
    </Layout>
  );
}
