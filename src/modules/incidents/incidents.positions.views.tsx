// What an incident page draws for its reader alone, outside anything shared between readers: a State's
// positions drafted by its points of contact (the focal point approves or declines them, the POC withdraws
// their own) and the communication threads linked to the incident that the reader is party to. Also the list
// of the drafts a focal point or POC reaches from their desk (/incidents/positions).
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import type { PageContext } from '../../views/context.ts';
import { Form, type FormProblem, Problems, Submit } from '../../views/forms.tsx';
import { Layout } from '../../views/layout.tsx';
import type { DraftView } from './incidents.positions.ts';
import type { Names } from './incidents.views.tsx';

const k = (key: string) => key as MessageKey;

export interface LinkedThread {
  thread: string;
  subject: string;
}

/** One draft: what it says, who drafted it, and what the reader may do with it. */
function Draft(props: {
  ctx: PageContext;
  csrf: string;
  d: DraftView;
  names: Names;
  focal: boolean;
  mine: boolean;
  from: 'incident' | 'list';
  /** The decline form of this draft was refused: its reason field is the one the problems link to. */
  failed: boolean;
}) {
  const { ctx, d, names } = props;
  const { t } = ctx;
  const date = new Intl.DateTimeFormat(ctx.locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(d.drafted_at));
  const reasonId = props.failed ? 'f-reason' : `f-reason-${d.id}`;
  const b = d.body;
  const back = <input type="hidden" name="from" value={props.from} />;
  return (
    <li id={`draft-${d.id}`}>
      <h3>
        {t(k(`incidents.position.${d.kind}`))} — {names.get(d.state_code) ?? d.state_code}
      </h3>
      {props.from === 'list' && (
        <p>
          <a href={`/incidents/${d.incident_id}#positions`}>{d.incident_title}</a>
        </p>
      )}
      <p class="tag">{t(k(`incidents.drafts.status.${d.status}`))}</p>
      <dl>
        {b.statedOn && (
          <>
            <dt>{t('incidents.position.statedOn')}</dt>
            <dd>{b.statedOn}</dd>
          </>
        )}
        {b.summary && (
          <>
            <dt>{t('incidents.position.summary')}</dt>
            <dd dir="auto">{b.summary}</dd>
          </>
        )}
        {(b.attributedState || b.attributedActor) && (
          <>
            <dt>{t('incidents.claim.to')}</dt>
            <dd>
              {[b.attributedState ? (names.get(b.attributedState) ?? b.attributedState) : '', b.attributedActor]
                .filter(Boolean)
                .join(' — ')}
            </dd>
          </>
        )}
        {b.sourceUrl && (
          <>
            <dt>{t('incidents.position.sourceUrl')}</dt>
            <dd>
              <a href={b.sourceUrl} rel="noopener noreferrer">
                {b.sourceUrl}
              </a>
            </dd>
          </>
        )}
      </dl>
      <p>{t('incidents.drafts.by', { name: d.drafted_by_name || '—', date })}</p>
      {d.status === 'declined' && d.reason && <p dir="auto">{t('incidents.drafts.reasonGiven', { reason: d.reason })}</p>}
      {props.focal && d.status === 'pending' && (
        <div class="actions">
          <Form action={`/incidents/positions/${d.id}/approve`} csrf={props.csrf} class="inline">
            {back}
            <Submit>{t('incidents.drafts.approve')}</Submit>
          </Form>
          <Form action={`/incidents/positions/${d.id}/decline`} csrf={props.csrf}>
            {back}
            <div class="field">
              <label for={reasonId}>{t('incidents.drafts.reason')}</label>
              <textarea id={reasonId} name="reason" rows={2} aria-invalid={props.failed ? 'true' : undefined} />
            </div>
            <Submit secondary>{t('incidents.drafts.decline')}</Submit>
          </Form>
        </div>
      )}
      {props.mine && !props.focal && d.status === 'pending' && (
        <Form action={`/incidents/positions/${d.id}/withdraw`} csrf={props.csrf} class="inline">
          {back}
          <Submit secondary>{t('incidents.drafts.withdraw')}</Submit>
        </Form>
      )}
    </li>
  );
}

export interface DraftsProps {
  ctx: PageContext;
  csrf: string;
  drafts: DraftView[];
  names: Names;
  /** The States whose focal point the reader is. */
  focalOf: string[];
  userId: string;
  problems?: FormProblem[];
  /** The draft whose decline was refused. */
  failed?: string;
}

function DraftList(props: DraftsProps & { from: 'incident' | 'list' }) {
  return (
    <ul class="cards">
      {props.drafts.map((d) => (
        <Draft
          ctx={props.ctx}
          csrf={props.csrf}
          d={d}
          names={props.names}
          focal={props.focalOf.includes(d.state_code)}
          mine={d.drafted_by === props.userId}
          from={props.from}
          failed={props.failed === d.id}
        />
      ))}
    </ul>
  );
}

/** The drafts of the reader's State on this incident: to decide (focal point) or their own (POC). */
export function DraftsSection(props: DraftsProps) {
  const { t } = props.ctx;
  if (!props.drafts.length && !props.problems?.length) return null;
  return (
    <section aria-labelledby="positions">
      <h2 id="positions">{props.focalOf.length ? t('incidents.drafts.title') : t('incidents.drafts.mine')}</h2>
      {props.focalOf.length > 0 && <p>{t('incidents.drafts.intro')}</p>}
      <Problems ctx={props.ctx} problems={props.problems ?? []} />
      <DraftList {...props} from="incident" />
    </section>
  );
}

/** The threads linked to this incident that the reader is party to; nothing at all when there are none. */
export function LinkedThreads(props: { ctx: PageContext; threads: LinkedThread[] }) {
  const { t } = props.ctx;
  if (!props.threads.length) return null;
  return (
    <section aria-labelledby="threads">
      <h2 id="threads">{t('incidents.threads.title')}</h2>
      <p>{t('incidents.threads.intro')}</p>
      <ul>
        {props.threads.map((x) => (
          <li>
            <a href={`/communications/${x.thread}`} dir="auto">
              {x.subject}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** /incidents/positions: every draft the reader may see, across incidents. */
export function DraftsPage(props: DraftsProps & { notice?: string }) {
  const { t } = props.ctx;
  return (
    <Layout ctx={props.ctx} title={t('incidents.drafts.page')}>
      <p class="kicker">
        <a href="/incidents">{t('incidents.title')}</a>
      </p>
      <h1>{t('incidents.drafts.page')}</h1>
      {props.notice && (
        <p class="success" role="status">
          {props.notice}
        </p>
      )}
      <p>{t('incidents.drafts.pageIntro')}</p>
      <Problems ctx={props.ctx} problems={props.problems ?? []} />
      {props.drafts.length ? <DraftList {...props} from="list" /> : <p>{t('incidents.drafts.none')}</p>}
    </Layout>
  );
}
