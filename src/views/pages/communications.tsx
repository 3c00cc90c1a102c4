// State-to-State communications: the inbox (received, sent, drafts), the compose form, a thread with its
// timeline and the steps each side can take, and the manager's overview (metadata and statistics, never
// content). The TLP marking is shown at the top of every view of a thread.
import type {
  EventView,
  MessageView,
  RecipientRow,
  Side,
  ThreadRow,
} from '../../modules/communications/communications.service.ts';
import {
  type CommType,
  fileKind,
  INDICATOR_TYPES,
  NORM_LETTERS,
  TLPS,
  type Tlp,
  TYPES,
  URGENCIES,
} from '../../modules/communications/communications.validate.ts';
import type { MessageKey, Translate } from '../../platform/i18n/i18n.ts';
import { visibleText } from '../../platform/text.ts';
import { ChipNav } from '../components.tsx';
import type { PageContext } from '../context.ts';
import { dateTime, duration, fileSize } from '../format.ts';
import { Field, Form, type FormProblem, Problems, Submit } from '../forms.tsx';
import { Layout } from '../layout.tsx';

export const TYPE_KEYS: Record<CommType, MessageKey> = {
  notification: 'comm.type.notification',
  assistance: 'comm.type.assistance',
  information: 'comm.type.information',
  vulnerability: 'comm.type.vulnerability',
  consultation: 'comm.type.consultation',
};
const URGENCY_KEYS: Record<string, MessageKey> = {
  routine: 'comm.urgency.routine',
  priority: 'comm.urgency.priority',
  urgent: 'comm.urgency.urgent',
};
const STATUS_KEYS: Record<string, MessageKey> = {
  draft: 'comm.status.draft',
  sent: 'comm.status.sent',
  delivered: 'comm.status.delivered',
  acknowledged: 'comm.status.acknowledged',
  responded: 'comm.status.responded',
  closed: 'comm.status.closed',
  withdrawn: 'comm.status.withdrawn',
  open: 'comm.status.open',
};
const EVENT_KEYS: Record<string, MessageKey> = {
  sent: 'comm.event.sent',
  delivered: 'comm.event.delivered',
  acknowledged: 'comm.event.acknowledged',
  response: 'comm.event.response',
  update: 'comm.event.update',
  reminder: 'comm.event.reminder',
  escalated: 'comm.event.escalated',
  closed: 'comm.event.closed',
  withdrawn: 'comm.event.withdrawn',
  shared_with_manager: 'comm.event.shared',
};
const KIND_KEYS: Record<string, MessageKey> = {
  initial: 'comm.kind.initial',
  update: 'comm.kind.update',
  response: 'comm.kind.response',
  closure: 'comm.kind.closure',
};

/** The TLP marking as FIRST shows it: the label in capitals on black, in its colour. */
export function TlpMark(props: { tlp: Tlp; large?: boolean }) {
  return (
    <strong class={`tlp tlp-${props.tlp.replace('+', '-')}${props.large ? ' tlp-large' : ''}`}>
      TLP:{props.tlp.toUpperCase()}
    </strong>
  );
}

function CommNav(props: { ctx: PageContext; current: string; manager?: boolean }) {
  const links: [string, MessageKey][] = props.manager
    ? [['/communications/overview', 'comm.nav.overview']]
    : [
        ['/communications', 'comm.nav.inbox'],
        ['/communications?box=sent', 'comm.nav.sent'],
        ['/communications?box=drafts', 'comm.nav.drafts'],
        ['/communications/new', 'comm.nav.new'],
        ['/communications/stats', 'comm.nav.stats'],
      ];
  return <ChipNav ctx={props.ctx} label={props.ctx.t('comm.title')} links={links} current={props.current} />;
}

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
  stateNames: Record<string, string>;
  notice?: string;
}) {
  const { ctx } = props;
  const { t } = ctx;
  const dt = dateTime(ctx.locale);
  const title = t(props.box === 'inbox' ? 'comm.nav.inbox' : props.box === 'sent' ? 'comm.nav.sent' : 'comm.nav.drafts');
  const name = (code: string) => props.stateNames[code] ?? code;
  return (
    <Layout ctx={ctx} title={title} scripts={props.box === 'inbox' ? ['live.js'] : undefined}>
      <h1>{title}</h1>
      <p class="note">{t('comm.confidential')}</p>
      <CommNav ctx={ctx} current={props.box === 'inbox' ? '/communications' : `/communications?box=${props.box}`} />
      {props.notice && (
        <p class="success" role="status">
          {props.notice}
        </p>
      )}
      <div data-live={props.box === 'inbox' ? 'inbox' : undefined}>
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
    </Layout>
  );
}

export interface ComposeValue {
  type?: string;
  urgency?: string;
  tlp?: string;
  recipients?: string[];
  people?: string;
  subject?: string;
  body?: string;
  norms?: string[];
  sectors?: string[];
  indicators?: string;
  actionRequested?: string;
  actionDue?: string;
}

export function ComposePage(props: {
  ctx: PageContext;
  csrf: string;
  action: string;
  idempotencyKey: string;
  value: ComposeValue;
  problems?: FormProblem[];
  states: { code: string; name: string }[];
  sectors: { slug: string; name: string }[];
  own: string;
  editing: boolean;
  maxMb: number;
  /** Files already attached to the draft. */
  attached?: { name: string; size: number }[];
}) {
  const { ctx } = props;
  const { t } = ctx;
  const v = props.value;
  const problem = (f: string) => props.problems?.find((p) => p.field === f);
  const Choice = (p: {
    name: string;
    label: MessageKey;
    options: readonly string[];
    keys?: Record<string, MessageKey>;
    value?: string;
  }) => (
    <div class="field">
      <label for={`f-${p.name}`}>{t(p.label)}</label>
      {problem(p.name) && (
        <p class="error" id={`f-${p.name}-error`}>
          {problem(p.name)?.message}
        </p>
      )}
      <select id={`f-${p.name}`} name={p.name} aria-invalid={problem(p.name) ? 'true' : undefined}>
        {p.options.map((o) => (
          <option value={o} selected={p.value === o}>
            {p.keys ? t(p.keys[o]) : `TLP:${o.toUpperCase()}`}
          </option>
        ))}
      </select>
    </div>
  );
  const Area = (p: { name: string; label: MessageKey; value?: string; rows?: number; hint?: string }) => (
    <div class="field">
      <label for={`f-${p.name}`}>{t(p.label)}</label>
      {p.hint && (
        <p class="hint" id={`f-${p.name}-hint`}>
          {p.hint}
        </p>
      )}
      {problem(p.name) && (
        <p class="error" id={`f-${p.name}-error`}>
          {problem(p.name)?.message}
        </p>
      )}
      <textarea
        id={`f-${p.name}`}
        name={p.name}
        rows={p.rows ?? 6}
        aria-invalid={problem(p.name) ? 'true' : undefined}
        aria-describedby={
          [p.hint ? `f-${p.name}-hint` : '', problem(p.name) ? `f-${p.name}-error` : ''].filter(Boolean).join(' ') || undefined
        }
      >
        {p.value ?? ''}
      </textarea>
    </div>
  );
  return (
    <Layout ctx={ctx} title={t('comm.new.title')}>
      <h1>{props.editing ? t('comm.edit.title') : t('comm.new.title')}</h1>
      <CommNav ctx={ctx} current="/communications/new" />
      <Problems ctx={ctx} problems={props.problems ?? []} />
      <Form action={props.action} csrf={props.csrf} class="stack wide" enctype="multipart/form-data">
        <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} />
        <Choice name="type" label="comm.type" options={TYPES} keys={TYPE_KEYS} value={v.type} />
        <Choice name="urgency" label="comm.urgency" options={URGENCIES} keys={URGENCY_KEYS} value={v.urgency ?? 'routine'} />
        <Choice name="tlp" label="comm.tlp" options={TLPS} value={v.tlp ?? 'amber'} />
        <p class="hint">{t('comm.tlp.hint')}</p>
        <div class="field">
          <label for="f-recipients">{t('comm.recipients')}</label>
          <p class="hint" id="f-recipients-hint">
            {t('comm.recipients.hint')}
          </p>
          {problem('recipients') && (
            <p class="error" id="f-recipients-error">
              {problem('recipients')?.message}
            </p>
          )}
          <select
            id="f-recipients"
            name="recipients"
            multiple
            size={8}
            aria-invalid={problem('recipients') ? 'true' : undefined}
            aria-describedby="f-recipients-hint"
          >
            {props.states
              .filter((s) => s.code !== props.own)
              .map((s) => (
                <option value={s.code} selected={v.recipients?.includes(s.code)}>
                  {s.name}
                </option>
              ))}
          </select>
        </div>
        <Field
          ctx={ctx}
          name="people"
          label="comm.people"
          value={v.people}
          hint={t('comm.people.hint')}
          problems={props.problems}
          maxLength={4000}
        />
        <Field
          ctx={ctx}
          name="subject"
          label="comm.subject"
          value={v.subject}
          problems={props.problems}
          maxLength={200}
          required
        />
        <Area name="body" label="comm.body" value={v.body} rows={8} />
        <fieldset id="f-norms">
          <legend>{t('comm.norms')}</legend>
          {problem('norms') && <p class="error">{problem('norms')?.message}</p>}
          <div class="checks">
            {NORM_LETTERS.map((n) => (
              <label>
                <input type="checkbox" name="norms" value={n} checked={v.norms?.includes(n)} /> {t('comm.norm', { letter: n })}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset id="f-sectors">
          <legend>{t('comm.sectors')}</legend>
          {problem('sectors') && <p class="error">{problem('sectors')?.message}</p>}
          <div class="checks">
            {props.sectors.map((s) => (
              <label>
                <input type="checkbox" name="sectors" value={s.slug} checked={v.sectors?.includes(s.slug)} /> {s.name}
              </label>
            ))}
          </div>
        </fieldset>
        <Area
          name="indicators"
          label="comm.indicators"
          value={v.indicators}
          rows={5}
          hint={t('comm.indicators.hint', { types: INDICATOR_TYPES.join(', ') })}
        />
        <Area name="actionRequested" label="comm.actionRequested" value={v.actionRequested} rows={3} />
        <Field ctx={ctx} name="actionDue" type="date" label="comm.actionDue" value={v.actionDue} problems={props.problems} />
        <div class="field">
          <label for="f-attachments">{t('comm.attachments')}</label>
          <p class="hint" id="f-attachments-hint">
            {t('comm.attachments.hint', { mb: props.maxMb })}
          </p>
          {problem('attachments') && (
            <p class="error" id="f-attachments-error">
              {problem('attachments')?.message}
            </p>
          )}
          {props.attached && props.attached.length > 0 && (
            <ul class="plain">
              {props.attached.map((a) => (
                <li>
                  {a.name} ({fileSize(ctx.locale, a.size)})
                </li>
              ))}
            </ul>
          )}
          <input
            id="f-attachments"
            type="file"
            name="attachments"
            multiple
            aria-describedby="f-attachments-hint"
            aria-invalid={problem('attachments') ? 'true' : undefined}
          />
        </div>
        <div class="buttons">
          <button type="submit" name="do" value="send">
            {t('comm.send')}
          </button>
          <button type="submit" name="do" value="draft" class="secondary">
            {t('comm.saveDraft')}
          </button>
        </div>
      </Form>
    </Layout>
  );
}

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
  stateNames: Record<string, string>;
  sectorNames: Record<string, string>;
  notice?: string;
  problems?: FormProblem[];
  reply?: string;
}

export function ThreadPage(props: ThreadViewProps) {
  const { ctx, thread } = props;
  const { t } = ctx;
  const dt = dateTime(ctx.locale);
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
      <div data-live={`thread:${thread.id}`}>
        <div class="table-wrap">
          <table>
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
                  <td>{name(r.state_code)}</td>
                  <td>
                    {t(STATUS_KEYS[r.status])}
                    {r.escalated_at && <span class="tag warn">{t('comm.escalated')}</span>}
                  </td>
                  <td>{r.ack_due ? `${dt.format(new Date(r.ack_due))} UTC` : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>

        {mine && props.canAct && (mine.status === 'sent' || mine.status === 'delivered') && (
          <Form action={`/communications/${thread.id}/acknowledge`} csrf={props.csrf} class="ack">
            <p>{t('comm.ack.explain')}</p>
            <Submit>{t('comm.ack')}</Submit>
          </Form>
        )}

        {props.messages.map((m) => (
          <article class="message" id={`m${m.seq}`}>
            <header>
              <strong>{t(KIND_KEYS[m.kind])}</strong> — {m.author} ({name(m.authorState)}), {dt.format(new Date(m.createdAt))} UTC
            </header>
            {m.body.split(/\n\s*\n/).map((para) => (
              <p>{para}</p>
            ))}
            {m.norms.length > 0 && (
              <p>
                {t('comm.norms')}:{' '}
                {m.norms.map((n) => (
                  <a class="badge" href={`/norms/${n}`} title={t('comm.norm', { letter: n })}>
                    {n}
                  </a>
                ))}
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
                {m.actionDue && ` — ${t('comm.by', { date: dt.format(new Date(m.actionDue)) })}`}
              </p>
            )}
            {m.attachments.length > 0 && (
              <div class="table-wrap">
                <table>
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
                        <td>{fileSize(ctx.locale, a.size)}</td>
                        <td>
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
                <table class="indicators">
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
                        <td>{i.type}</td>
                        <td>
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
              <time dateTime={new Date(e.at).toISOString()}>{dt.format(new Date(e.at))} UTC</time> —{' '}
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
            <div class="field">
              <label for="f-note">{t('comm.close.note')}</label>
              <textarea id="f-note" name="body" rows={2} />
            </div>
            <div class="buttons">
              <Submit>{t('comm.close')}</Submit>
            </div>
          </Form>
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

export interface StatRow {
  key: string;
  received: number;
  acknowledged: number;
  responded: number;
  ackMedian: number | null;
  ackP95: number | null;
  respMedian: number | null;
  respP95: number | null;
}

function StatsTable(props: { ctx: PageContext; caption: string; rows: StatRow[]; label: (k: string) => string }) {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <div class="table-wrap">
      <table>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{props.caption}</th>
            <th scope="col">{t('comm.stats.received')}</th>
            <th scope="col">{t('comm.stats.acknowledged')}</th>
            <th scope="col">{t('comm.stats.ackMedian')}</th>
            <th scope="col">{t('comm.stats.ackP95')}</th>
            <th scope="col">{t('comm.stats.responded')}</th>
            <th scope="col">{t('comm.stats.respMedian')}</th>
            <th scope="col">{t('comm.stats.respP95')}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr>
              <td>{props.label(r.key)}</td>
              <td>{r.received}</td>
              <td>{r.acknowledged}</td>
              <td>{duration(ctx.locale, r.ackMedian)}</td>
              <td>{duration(ctx.locale, r.ackP95)}</td>
              <td>{r.responded}</td>
              <td>{duration(ctx.locale, r.respMedian)}</td>
              <td>{duration(ctx.locale, r.respP95)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function StatsSection(props: { ctx: PageContext; stats: { total: number; byType: StatRow[]; byUrgency: StatRow[] } }) {
  const { ctx } = props;
  const { t } = ctx;
  if (!props.stats.total) return <p>{t('comm.none')}</p>;
  return (
    <>
      <StatsTable ctx={ctx} caption={t('comm.type')} rows={props.stats.byType} label={(k) => t(TYPE_KEYS[k as CommType])} />
      <StatsTable ctx={ctx} caption={t('comm.urgency')} rows={props.stats.byUrgency} label={(k) => t(URGENCY_KEYS[k])} />
    </>
  );
}

export function StatsPage(props: {
  ctx: PageContext;
  stateName: string;
  stats: { total: number; byType: StatRow[]; byUrgency: StatRow[] };
}) {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('comm.stats.title', { state: props.stateName })}>
      <h1>{t('comm.stats.title', { state: props.stateName })}</h1>
      <CommNav ctx={ctx} current="/communications/stats" />
      <p>{t('comm.stats.explain')}</p>
      <StatsSection ctx={ctx} stats={props.stats} />
    </Layout>
  );
}

export function OverviewPage(props: {
  ctx: PageContext;
  rows: {
    id: string;
    sender_state: string;
    type: CommType;
    urgency: string;
    tlp: Tlp;
    status: string;
    sent_at: Date;
    shared: boolean;
    recipients: { state: string; status: string; acknowledged_at: string | null; responded_at: string | null }[];
  }[];
  stats: { total: number; byType: StatRow[]; byUrgency: StatRow[] };
  stateNames: Record<string, string>;
}) {
  const { ctx } = props;
  const { t } = ctx;
  const dt = dateTime(ctx.locale);
  const name = (code: string) => props.stateNames[code] ?? code;
  return (
    <Layout ctx={ctx} title={t('comm.overview.title')}>
      <h1>{t('comm.overview.title')}</h1>
      <CommNav ctx={ctx} current="/communications/overview" manager />
      <p class="note">{t('comm.overview.explain')}</p>
      <StatsSection ctx={ctx} stats={props.stats} />
      <h2>{t('comm.overview.list')}</h2>
      {props.rows.length === 0 ? (
        <p>{t('comm.none')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('comm.when')}</th>
                <th scope="col">{t('comm.from')}</th>
                <th scope="col">{t('comm.to')}</th>
                <th scope="col">{t('comm.type')}</th>
                <th scope="col">{t('comm.urgency')}</th>
                <th scope="col">TLP</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr>
                  <td>
                    {r.shared ? (
                      <a href={`/communications/${r.id}`}>{dt.format(new Date(r.sent_at))}</a>
                    ) : (
                      dt.format(new Date(r.sent_at))
                    )}
                  </td>
                  <td>{name(r.sender_state)}</td>
                  <td>
                    {r.recipients.map((x) => (
                      <span class="tag">
                        {name(x.state)}: {t(STATUS_KEYS[x.status])}
                      </span>
                    ))}
                  </td>
                  <td>{t(TYPE_KEYS[r.type])}</td>
                  <td>{t(URGENCY_KEYS[r.urgency])}</td>
                  <td>
                    <TlpMark tlp={r.tlp} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

/** The words an export (PDF) uses for a thread, in the reader's language. */
export function exportLabels(t: Translate, thread: ThreadRow, states: Record<string, string>) {
  return {
    type: t(TYPE_KEYS[thread.type]),
    urgency: t(URGENCY_KEYS[thread.urgency]),
    status: (s: string) => t(STATUS_KEYS[s] ?? 'comm.status'),
    kind: (k: string) => t(KIND_KEYS[k] ?? 'comm.kind.update'),
    event: (e: EventView) =>
      t(EVENT_KEYS[e.kind] ?? 'comm.event.update', {
        state: e.state ? (states[e.state] ?? e.state) : '',
        who: e.actor.startsWith('system:') ? t('comm.system') : e.actor,
      }),
  };
}
