// The page a communication check's mailed link opens, in the contact's language: who is asked, until when,
// and the one button that confirms. Opening the page changes nothing: mail gateways open every link in
// incoming mail, and only a person pressing the button (a POST with the form's token) confirms.
import type { PageContext } from '../../views/context.ts';
import { Form, Submit } from '../../views/forms.tsx';
import { Layout } from '../../views/layout.tsx';

export function PingLinkPage(props: {
  ctx: PageContext;
  csrf: string;
  /** Where the button posts: the link itself. */
  action: string;
  name: string;
  title: string;
  /** The deadline, already said in the page's language with its time zone. */
  deadline: string;
}) {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('ping.title')}>
      <h1>{t('ping.title')}</h1>
      <p>{t('ping.intro', { name: props.name, title: props.title, deadline: props.deadline })}</p>
      <Form action={props.action} csrf={props.csrf}>
        <Submit>{t('ping.button')}</Submit>
      </Form>
      <p class="note">{t('ping.note')}</p>
    </Layout>
  );
}
