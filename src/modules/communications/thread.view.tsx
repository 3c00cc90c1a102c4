// One thread as its reader may see it: the TLP marking at the top and bottom, recipients and their status,
// messages with indicators and files, the timeline, and the steps the reader's side can take.
import type { ComponentChildren } from 'preact';
import { visibleText } from '../../platform/text.ts';
import type { PageContext } from '../../views/context.ts';
import { Form, type FormProblem, Problems, Submit } from '../../views/forms.tsx';
import { Layout } from '../../views/layout.tsx';
import type { EventView, MessageView, RecipientRow, Side, ThreadRow } from './communications.types.ts';
import { fileKind } from './communications.validate.ts';
import { sizeText, stamp } from './format.ts';
import { EVENT_KEYS, KIND_KEYS, STATUS_KEYS, TlpMark, TYPE_KEYS, URGENCY_KEYS } from './shared.view.tsx';

export interface ThreadViewProps {
  ctx: PageContext;
  csrf: string;
  thread: ThreadRow;
  side: Side;
  state: string | null;
  canAct: boolean;
  /** The reader's State already shared this thread with the directory manager. */
  sharedByMe: boolean;
  recipients: RecipientRow[];
  messages: MessageView[];
  events: EventView[];
  /** The timeline's position when the page was read, where its live stream starts. */
  liveSince?: string;
  stateNames: Record<string, string>;
  sectorNames: Record<string, string>;
  /** The norms' titles in the reader's language, by letter. */
  normTitles: Record<string, string>;
  notice?: string;
  problems?: FormProblem[];
  reply?: string;
  /** A closing note given back (kept after the session ended). */
  closeNote?: string;
  /** The reply and closing forms' key and their author's signature (pending.service.ts). */
  formKey: string;
  formToken: string;
  /** The incident records the thread is linked to (links.view.tsx). */
  links?: ComponentChildren;
}

export function ThreadPage(props: ThreadViewProps) {
  const { ctx, thread } = props;
  const { t } = ctx;
  const at = (d: Date | string) => stamp(ctx.locale, d);
  const name = (code: string) => props.stateNames[code] ?? code;
  const mine = props.side === 'recipient' ? props.recipients.find((r) => r.state_code === props.state) : undefined;
  const open = thread.status === 'open';
  const canShare = props.canAct && open && thread.tlp !== 'red' && thread.tlp !== 'amber+strict' && !props.sharedByMe;
  return (
    <Layout ctx={ctx} title={thread.subject} scripts={props.side === 'manager' ? undefined : ['live.js']}>
      <p class="kicker">
        <a href={props.side === 'manager' ? '/communications/overview' : '/communications'}>{t('comm.title')}</a>
      </p>
      <p>
        <TlpMark tlp={thread.tlp} large />
      </p>
      <h1>{thread.subject}</h1>
      <p class="lead">
        {t(TYPE_KEYS[thread.type])} · {t(URGENCY_KEYS[thread.urgency])} ·{' '}
        {t('comm.fromTo', { from: name(thread.sender_state), to: props.recipients.map((r) => name(r.state_code)).join(', ') })}
      </p>
      {props.notice && (
        <p class="success" role="status">
          {props.notice}
        </p>
      )}
      <Problems ctx={ctx} problems={props.problems ?? []} />
      <div data-live={`thread:${thread.id}`} data-live-since={props.liveSince}>
        {/* First on the page, so a phone shows it without scrolling: receipt is what the sender waits for. */}
        {mine && props.canAct && (mine.status === 'sent' || mine.status === 'delivered') && (
          <Form action={`/communications/${thread.id}/acknowledge`} csrf={props.csrf} class="ack">
            {mine.ack_due && (
              <p class="ack-due">
                <strong>{t('comm.ack.dueBy', { at: at(mine.ack_due) })}</strong>
              </p>
            )}
            <p>{t('comm.ack.explain')}</p>
            <Submit>{t('comm.ack')}</Submit>
          </Form>
        )}
        <div class="table-wrap">
          <table class="comm-stack">
            <caption>{t('comm.recipients')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('comm.state')}</th>
                <th scope="col">{t('comm.status')}</th>
                <th scope="col">{t('comm.ackDue')}</th>
              </tr>
            </thead>
            <tbody>
              {props.recipients.map((r) => (
                <tr>
                  <td>
                    <strong>{name(r.state_code)}</strong>
                  </td>
                  <td data-label={t('comm.status')}>
                    {t(STATUS_KEYS[r.status])}
                    {r.escalated_at && <span class="tag warn">{t('comm.escalated')}</span>}
                  </td>
                  <td data-label={t('comm.ackDue')}>{r.ack_due ? at(r.ack_due) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>

        {props.messages.map((m) => (
          <article class="message" id={`m${m.seq}`}>
            <header>
              <strong>{t(KIND_KEYS[m.kind])}</strong> — {m.author} ({name(m.authorState)}), {at(m.createdAt)}
            </header>
            {m.body.split(/\n\s*\n/).map((para) => (
              <p>{para}</p>
            ))}
            {m.norms.length > 0 && (
              <p>
                {t('comm.norms')}:{' '}
                <span class="badges">
                  {m.norms.map((n) => (
                    <a class="badge titled" href={`/norms/${n}`}>
                      <span aria-hidden="true">{n}</span>{' '}
                      {props.normTitles[n] ? (
                        <>
                          <span class="visually-hidden">{t('comm.norm', { letter: n })}: </span>
                          {props.normTitles[n]}
                        </>
                      ) : (
                        t('comm.norm', { letter: n })
                      )}
                    </a>
                  ))}
                </span>
              </p>
            )}
            {m.sectors.length > 0 && (
              <p>
                {t('comm.sectors')}: {m.sectors.map((s) => props.sectorNames[s] ?? s).join(', ')}
              </p>
            )}
            {m.actionRequested && (
              <p>
                <strong>{t('comm.actionRequested')}:</strong> {m.actionRequested}
                {m.actionDue && ` — ${t('comm.by', { date: at(m.actionDue) })}`}
              </p>
            )}
            {m.attachments.length > 0 && (
              <div class="table-wrap">
                <table class="comm-stack">
                  <caption>{t('comm.attachments')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('comm.attachment.name')}</th>
                      <th scope="col">{t('comm.attachment.size')}</th>
                      <th scope="col">SHA-256</th>
                    </tr>
                  </thead>
                  <tbody>
                    {m.attachments.map((a) => (
                      <tr>
                        <td>
                          {/* Isolated left to right, controls made visible, and the kind beside it: the real extension shows. */}
                          <a href={`/communications/${thread.id}/attachments/${a.id}`}>
                            <bdi dir="ltr">{visibleText(a.name)}</bdi>
                          </a>{' '}
                          <span class="file-kind">{fileKind(a.name, a.mediaType)}</span>
                        </td>
                        <td data-label={t('comm.attachment.size')}>{sizeText(ctx.locale, a.size)}</td>
                        <td data-label="SHA-256">
                          <code class="hash">{a.sha256}</code>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {m.indicators.length > 0 && (
              <div class="table-wrap">
                <table class="indicators comm-stack">
                  <caption>{t('comm.indicators')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('comm.indicator.type')}</th>
                      <th scope="col">{t('comm.indicator.value')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {m.indicators.map((i) => (
                      <tr>
                        <td data-label={t('comm.indicator.type')}>{i.type}</td>
                        <td data-label={t('comm.indicator.value')}>
                          <code>{i.value}</code>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </article>
        ))}

        <h2>{t('comm.timeline')}</h2>
        <ol class="timeline-list">
          {props.events.map((e) => (
            <li>
              <time dateTime={new Date(e.at).toISOString()}>{at(e.at)}</time> —{' '}
              {t(EVENT_KEYS[e.kind] ?? 'comm.event.update', {
                state: e.state ? name(e.state) : '',
                who: e.actor.startsWith('system:') ? t('comm.system') : e.actor,
              })}
            </li>
          ))}
        </ol>
      </div>

      {props.canAct && open && (
        <>
          <h2>{mine ? t('comm.reply.title') : t('comm.update.title')}</h2>
          <Form action={`/communications/${thread.id}/messages`} csrf={props.csrf}>
            <input type="hidden" name="kind" value={mine ? 'response' : 'update'} />
            <FormSignature {...props} />
            <div class="field">
              <label for="f-body">{mine ? t('comm.reply.label') : t('comm.update.label')}</label>
              <textarea id="f-body" name="body" rows={5}>
                {props.reply ?? ''}
              </textarea>
            </div>
            <Submit>{mine ? t('comm.reply.send') : t('comm.update.send')}</Submit>
          </Form>
        </>
      )}
      {props.canAct && open && props.side === 'sender' && (
        <>
          <h2>{t('comm.close.title')}</h2>
          <Form action={`/communications/${thread.id}/close`} csrf={props.csrf}>
            <FormSignature {...props} />
            <div class="field">
              <label for="f-note">{t('comm.close.note')}</label>
              <textarea id="f-note" name="body" rows={2}>
                {props.closeNote ?? ''}
              </textarea>
            </div>
            <div class="buttons">
              <Submit>{t('comm.close')}</Submit>
            </div>
          </Form>
          {/* Each asks first, on a page that says what will happen (confirm.view.tsx). */}
          <Form action={`/communications/${thread.id}/withdraw`} csrf={props.csrf} class="inline">
            <Submit secondary>{t('comm.withdraw')}</Submit>
          </Form>
        </>
      )}
      {canShare && (
        <Form action={`/communications/${thread.id}/share`} csrf={props.csrf} class="inline">
          <Submit secondary>{t('comm.share')}</Submit>
        </Form>
      )}
      {props.links}
      <h2>{t('comm.export')}</h2>
      <ul class="plain">
        <li>
          <a href={`/communications/${thread.id}/pdf`}>{t('comm.export.pdf')}</a>
        </li>
        <li>
          <a href={`/communications/${thread.id}/stix`}>{t('comm.export.stix')}</a>
        </li>
      </ul>
      <p>
        <TlpMark tlp={thread.tlp} />
      </p>
    </Layout>
  );
}

/** The form's key and its author's signature, so what is typed survives a session that ended meanwhile. */
function FormSignature(props: { formKey: string; formToken: string }) {
  return (
    <>
      <input type="hidden" name="idempotencyKey" value={props.formKey} />
      {props.formToken && <input type="hidden" name="formToken" value={props.formToken} />}
    </>
  );
}
