// A State official's boxes: received (inbox), sent and drafts, newest first, a page at a time. Each thread is a
// card that reads the same on a phone as on a desk: its marking, urgency and status first, the subject, then
// who, what and by when (a time always with its zone), with nothing to scroll sideways.
import type { ComponentChildren } from 'preact';
import type { PageContext } from '../../views/context.ts';
import { Layout } from '../../views/layout.tsx';
import type { CommType, Tlp } from './communications.validate.ts';
import { stamp } from './format.ts';
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

type Box = 'inbox' | 'sent' | 'drafts';

/** Still waiting for the reader's State to acknowledge. */
const awaiting = (status: string) => status === 'sent' || status === 'delivered';

function Card(props: { ctx: PageContext; box: Box; item: InboxItem; name: (code: string) => string; now: Date }) {
  const { ctx, box, item: m, name } = props;
  const { t } = ctx;
  const at = (d: Date | string) => stamp(ctx.locale, d);
  const mine = box === 'inbox' ? m.recipients[0] : undefined;
  const due = mine && awaiting(mine.status) && mine.ack_due ? new Date(mine.ack_due) : null;
  const overdue = due !== null && due.getTime() < props.now.getTime();
  const Fact = (p: { label: string; children: ComponentChildren; class?: string }) => (
    <div>
      <dt>{p.label}</dt>
      <dd class={p.class}>{p.children}</dd>
    </div>
  );
  return (
    <li class={`comm-card urgency-${m.urgency}${due ? ' awaiting' : ''}`}>
      <p class="comm-card-marks">
        <TlpMark tlp={m.tlp} /> <span class={`urgency urgency-${m.urgency}`}>{t(URGENCY_KEYS[m.urgency])}</span>{' '}
        {box === 'drafts' ? (
          <span class="tag">{t('comm.status.draft')}</span>
        ) : box === 'inbox' && mine ? (
          <span class={`tag status-${mine.status}`}>{t(STATUS_KEYS[mine.status])}</span>
        ) : null}
        {overdue && <span class="tag warn">{t('comm.overdue')}</span>}
      </p>
      <h2 class="comm-card-title">
        <a href={box === 'drafts' ? `/communications/${m.id}/edit` : `/communications/${m.id}`}>
          <bdi>{m.subject || t('comm.untitled')}</bdi>
        </a>
      </h2>
      <dl class="comm-card-facts">
        {box === 'inbox' ? (
          <Fact label={t('comm.from')}>{name(m.sender_state)}</Fact>
        ) : (
          <Fact label={t('comm.to')}>
            {m.recipients.length === 0
              ? '—'
              : m.recipients.map((r) => (
                  <span class="comm-card-to">
                    {name(r.state)}
                    {box === 'sent' && <span class={`tag status-${r.status}`}>{t(STATUS_KEYS[r.status])}</span>}
                  </span>
                ))}
          </Fact>
        )}
        <Fact label={t('comm.type')}>{t(TYPE_KEYS[m.type])}</Fact>
        {due && (
          <Fact label={t('comm.ackDue')} class="comm-card-due">
            {at(due)}
          </Fact>
        )}
        <Fact label={box === 'drafts' ? t('comm.started') : box === 'inbox' ? t('comm.received') : t('comm.when')}>
          {at(m.sent_at ?? m.created_at)}
        </Fact>
      </dl>
    </li>
  );
}

export function InboxPage(props: {
  ctx: PageContext;
  box: Box;
  items: InboxItem[];
  /** The cursor of the next (older) page, null on the last page. */
  next?: string | null;
  /** Whether this is a later page than the first. */
  paged?: boolean;
  /** The timeline's position when the page was read, where its live stream starts. */
  liveSince?: string;
  stateNames: Record<string, string>;
  notice?: string;
  /** The time the page is made at, to mark what is overdue. */
  now?: Date;
}) {
  const { ctx } = props;
  const { t } = ctx;
  const title = t(props.box === 'inbox' ? 'comm.nav.inbox' : props.box === 'sent' ? 'comm.nav.sent' : 'comm.nav.drafts');
  const name = (code: string) => props.stateNames[code] ?? code;
  const boxUrl = props.box === 'inbox' ? '/communications' : `/communications?box=${props.box}`;
  const now = props.now ?? new Date();
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
          <ol class="comm-cards">
            {props.items.map((m) => (
              <Card ctx={ctx} box={props.box} item={m} name={name} now={now} />
            ))}
          </ol>
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
