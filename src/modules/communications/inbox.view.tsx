// A State official's boxes: received (inbox), sent and drafts, newest first, a page at a time.
import type { PageContext } from '../../views/context.ts';
import { dateTime } from '../../views/format.ts';
import { Layout } from '../../views/layout.tsx';
import type { CommType, Tlp } from './communications.validate.ts';
import { CommNav, STATUS_KEYS, TlpMark, TYPE_KEYS, URGENCY_KEYS } from './shared.view.tsx';

export interface InboxItem {
  id: string;
  sender_state: string;
  type: CommType;
  urgency: string;
  tlp: Tlp;
  subject: string;
  status: string;
  created_at: Date;
  sent_at: Date | null;
  recipients: { state: string; status: string; ack_due: string | null }[];
}

export function InboxPage(props: {
  ctx: PageContext;
  box: 'inbox' | 'sent' | 'drafts';
  items: InboxItem[];
  /** The cursor of the next (older) page, null on the last page. */
  next?: string | null;
  /** Whether this is a later page than the first. */
  paged?: boolean;
  /** The timeline's position when the page was read, where its live stream starts. */
  liveSince?: string;
  stateNames: Record<string, string>;
  notice?: string;
}) {
  const { ctx } = props;
  const { t } = ctx;
  const dt = dateTime(ctx.locale);
  const title = t(props.box === 'inbox' ? 'comm.nav.inbox' : props.box === 'sent' ? 'comm.nav.sent' : 'comm.nav.drafts');
  const name = (code: string) => props.stateNames[code] ?? code;
  const boxUrl = props.box === 'inbox' ? '/communications' : `/communications?box=${props.box}`;
  return (
    <Layout ctx={ctx} title={title} scripts={props.box === 'inbox' ? ['live.js'] : undefined}>
      <h1>{title}</h1>
      <p class="note">{t('comm.confidential')}</p>
      <CommNav ctx={ctx} current={boxUrl} />
      {props.notice && (
        <p class="success" role="status">
          {props.notice}
        </p>
      )}
      <div
        data-live={props.box === 'inbox' ? 'inbox' : undefined}
        data-live-since={props.box === 'inbox' ? props.liveSince : undefined}
      >
        {props.items.length === 0 ? (
          <p>{t('comm.none')}</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('comm.subject')}</th>
                  <th scope="col">{props.box === 'inbox' ? t('comm.from') : t('comm.to')}</th>
                  <th scope="col">{t('comm.type')}</th>
                  <th scope="col">{t('comm.urgency')}</th>
                  <th scope="col">{t('comm.status')}</th>
                  <th scope="col">{t('comm.when')}</th>
                </tr>
              </thead>
              <tbody>
                {props.items.map((m) => (
                  <tr>
                    <td>
                      <TlpMark tlp={m.tlp} />{' '}
                      <a href={props.box === 'drafts' ? `/communications/${m.id}/edit` : `/communications/${m.id}`}>
                        {m.subject || t('comm.untitled')}
                      </a>
                    </td>
                    <td>{props.box === 'inbox' ? name(m.sender_state) : m.recipients.map((r) => name(r.state)).join(', ')}</td>
                    <td>{t(TYPE_KEYS[m.type])}</td>
                    <td>{t(URGENCY_KEYS[m.urgency])}</td>
                    <td>
                      {props.box === 'drafts'
                        ? t('comm.status.draft')
                        : m.recipients.map((r) => (
                            <span class="tag">
                              {props.box === 'sent' ? `${r.state}: ` : ''}
                              {t(STATUS_KEYS[r.status])}
                            </span>
                          ))}
                    </td>
                    <td>{dt.format(new Date(m.sent_at ?? m.created_at))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
      {(props.next || props.paged) && (
        <nav class="pager" aria-label={title}>
          {props.paged && <a href={boxUrl}>{t('comm.newest')}</a>}{' '}
          {props.next && (
            <a rel="next" href={`${boxUrl}${props.box === 'inbox' ? '?' : '&'}before=${encodeURIComponent(props.next)}`}>
              {t('comm.older')}
            </a>
          )}
        </nav>
      )}
    </Layout>
  );
}
