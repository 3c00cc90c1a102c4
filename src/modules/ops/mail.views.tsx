// The administrators' page of mail that could not be sent: the counts, the given-up mail with its last
// reason and a button to send each again (and one for all), and the mail still being retried.
import type { PageContext } from '../../views/context.ts';
import { Form } from '../../views/forms.tsx';
import { Layout } from '../../views/layout.tsx';
import type { UndeliveredMail } from './mail.queries.ts';
import type { UndeliveredView } from './mail.service.ts';

function When(props: { at: Date | string | null }) {
  if (props.at === null) return <span>—</span>;
  const iso = new Date(props.at).toISOString();
  return <time dateTime={iso}>{iso.replace('T', ' ').slice(0, 19)} UTC</time>;
}

function MailRows(props: { ctx: PageContext; csrf: string; rows: UndeliveredMail[]; givenUp: boolean }) {
  const { t } = props.ctx;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t('mail.to')}</th>
            <th scope="col">{t('mail.subject')}</th>
            <th scope="col">{t('mail.queued')}</th>
            <th scope="col">{t('mail.attempts')}</th>
            <th scope="col">{props.givenUp ? t('mail.givenUpAt') : t('mail.nextAttempt')}</th>
            <th scope="col">{t('mail.reason')}</th>
            {props.givenUp && <th scope="col">{t('mail.action')}</th>}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((m) => (
            <tr id={`mail-${m.id}`}>
              <td>{m.id}</td>
              <td>{m.recipient}</td>
              <td>{m.subject}</td>
              <td>
                <When at={m.created_at} />
              </td>
              <td>{m.attempts}</td>
              <td>
                <When at={props.givenUp ? m.given_up_at : m.next_attempt_at} />
              </td>
              <td>
                <code>{m.last_error ?? ''}</code>
              </td>
              {props.givenUp && (
                <td>
                  <Form action={`/admin/mail/${m.id}/send-again`} csrf={props.csrf} class="inline">
                    <button type="submit">{t('mail.sendAgain')}</button>
                  </Form>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function UndeliveredPage(props: { ctx: PageContext; csrf: string; view: UndeliveredView; requeued: number | null }) {
  const { ctx, view } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('mail.title')}>
      <h1>{t('mail.title')}</h1>
      <p>{t('mail.intro')}</p>
      {props.requeued !== null && (
        <p class="success" role="status">
          {t('mail.requeued', { n: String(props.requeued) })}
        </p>
      )}
      <p>
        {t('mail.counts', {
          pending: String(view.counts.pending),
          failing: String(view.counts.failing),
          givenUp: String(view.counts.given_up),
        })}
      </p>
      <h2 id="given-up">{t('mail.givenUp')}</h2>
      {view.givenUp.length === 0 ? (
        <p>{t('mail.noneGivenUp')}</p>
      ) : (
        <>
          <Form action="/admin/mail/send-again" csrf={props.csrf} class="inline">
            <button type="submit">{t('mail.sendAllAgain', { n: String(view.counts.given_up) })}</button>
          </Form>
          <MailRows ctx={ctx} csrf={props.csrf} rows={view.givenUp} givenUp />
          {view.next && (
            <p>
              <a href={`/admin/mail?before=${view.next}`}>{t('mail.older')}</a>
            </p>
          )}
        </>
      )}
      <h2 id="failing">{t('mail.failing')}</h2>
      {view.failing.length === 0 ? (
        <p>{t('mail.noneFailing')}</p>
      ) : (
        <MailRows ctx={ctx} csrf={props.csrf} rows={view.failing} givenUp={false} />
      )}
    </Layout>
  );
}
