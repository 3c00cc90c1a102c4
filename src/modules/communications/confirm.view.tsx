// Pages that stand between a person and a step they cannot take back, or that tell them what happened to
// their work: the confirmation of withdrawing a communication or sharing it with the directory manager (the
// consequence said in one sentence, then the button that does it), and the page after a form arrived once the
// session had ended (nothing was sent; what was typed is kept; sign in to continue).
import type { PageContext } from '../../views/context.ts';
import { Form } from '../../views/forms.tsx';
import { Layout } from '../../views/layout.tsx';
import type { Tlp } from './communications.validate.ts';
import { TlpMark } from './shared.view.tsx';

export function ConfirmPage(props: {
  ctx: PageContext;
  csrf: string;
  thread: { id: string; subject: string; tlp: Tlp };
  step: 'withdraw' | 'share';
  /** The sentences that say what will happen, in the reader's language. */
  consequences: string[];
}) {
  const { ctx, thread } = props;
  const { t } = ctx;
  const title = props.step === 'withdraw' ? t('comm.withdraw.confirm.title') : t('comm.share.confirm.title');
  return (
    <Layout ctx={ctx} title={title}>
      <p class="kicker">
        <a href={`/communications/${thread.id}`}>{thread.subject || t('comm.untitled')}</a>
      </p>
      <p>
        <TlpMark tlp={thread.tlp} />
      </p>
      <h1>{title}</h1>
      <div class={`consequence ${props.step}`}>
        {props.consequences.map((c) => (
          <p>{c}</p>
        ))}
      </div>
      <Form action={`/communications/${thread.id}/${props.step}`} csrf={props.csrf} class="buttons confirm-step">
        <input type="hidden" name="confirm" value={props.step} />
        <button type="submit" class={props.step === 'withdraw' ? 'danger' : undefined}>
          {props.step === 'withdraw' ? t('comm.withdraw.confirm.do') : t('comm.share.confirm.do')}
        </button>
        <a href={`/communications/${thread.id}`} class="button-link">
          {t('comm.confirm.cancel')}
        </a>
      </Form>
    </Layout>
  );
}

export function KeptPage(props: { ctx: PageContext; signIn: string; files: number; hours: number }) {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('comm.kept.ended.title')}>
      <h1>{t('comm.kept.ended.title')}</h1>
      <p class="notice" role="status">
        {t('comm.kept.ended.body', { hours: props.hours })}
        {props.files > 0 && ` ${t('comm.kept.ended.files')}`}
      </p>
      <p>
        <a class="button-link primary" href={props.signIn}>
          {t('comm.kept.ended.signIn')}
        </a>
      </p>
    </Layout>
  );
}
