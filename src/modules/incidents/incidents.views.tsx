// The public record's incident page (the list is in incidents.list.views.tsx): every claim side by side, the
// responses, the contested mark and the norms at stake.
import type { VNode } from 'preact';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import type { PageContext } from '../../views/context.ts';
import { Form, type FormProblem, Submit } from '../../views/forms.tsx';
import { Layout } from '../../views/layout.tsx';
import type { StateChoice } from '../../views/state-picker.tsx';
import { PositionForm } from './incidents.position.views.tsx';
import type { ClaimRow, IncidentRow } from './incidents.queries.ts';
import type { IncidentView } from './incidents.service.ts';
import { type LocalisedView, normKey, type Shows } from './incidents.translations.ts';
import { LanguageNotice, Quoted, TranslateLinks, Txt } from './incidents.translations.views.tsx';

export type Names = Map<string, string>;
const k = (key: string) => key as MessageKey;

/** A date at its precision, in the reader's language. */
export function partialDate(ctx: PageContext, date: string | null, precision: string | null): string {
  if (!date) return '—';
  const d = new Date(`${date}T00:00:00Z`);
  const opts: Intl.DateTimeFormatOptions =
    precision === 'year'
      ? { year: 'numeric' }
      : precision === 'month'
        ? { year: 'numeric', month: 'long' }
        : { dateStyle: 'long' };
  return new Intl.DateTimeFormat(ctx.locale, { ...opts, timeZone: 'UTC' }).format(d);
}

/** Items as a list in the reader's language ("a, b and c"; in Arabic with its own comma and "و"). */
export const listIn = (ctx: PageContext, items: string[]) => new Intl.ListFormat(ctx.locale).format(items);

/** Elements (links) joined as a list in the reader's language: the list's own words between them, in its order. */
function linksIn(ctx: PageContext, items: VNode[]) {
  return new Intl.ListFormat(ctx.locale)
    .formatToParts(items.map((_, n) => String(n)))
    .map((p) => (p.type === 'element' ? items[Number(p.value)] : p.value));
}

export function claimant(ctx: PageContext, names: Names, c: ClaimRow): string {
  return c.claimant_states.length
    ? listIn(
        ctx,
        c.claimant_states.map((code) => names.get(code) ?? code),
      )
    : c.claimant_name;
}

export function attributedTo(ctx: PageContext, names: Names, c: ClaimRow): string {
  const kind = ctx.t(k(`incidents.attributed.${c.attributed_kind}`));
  const who = [c.attributed_state ? (names.get(c.attributed_state) ?? c.attributed_state) : '', c.attributed_actor]
    .filter(Boolean)
    .join(' — ');
  return who ? `${kind}: ${who}` : kind;
}

function Facts(props: { ctx: PageContext; i: IncidentRow; names: Names; shows?: Shows }) {
  const { ctx, i, names } = props;
  const { t } = ctx;
  const row = (label: MessageKey, value: string) => (
    <>
      <dt>{t(label)}</dt>
      <dd>{value || '—'}</dd>
    </>
  );
  return (
    <dl>
      {row('incidents.diff.started', partialDate(ctx, i.started_on, i.started_precision))}
      {row('incidents.field.ended', partialDate(ctx, i.ended_on, i.ended_precision))}
      {row('incidents.field.disclosed', partialDate(ctx, i.disclosed_on, i.disclosed_precision))}
      {row(
        'incidents.field.types',
        listIn(
          ctx,
          i.types.map((x) => t(k(`incidents.type.${x}`))),
        ),
      )}
      <dt>{t('incidents.field.targets')}</dt>
      <dd>
        {i.targets.length
          ? linksIn(
              ctx,
              i.targets.map((c) => <a href={`/states/${c}`}>{names.get(c) ?? c}</a>),
            )
          : '—'}
      </dd>
      {row(
        'incidents.field.sectors',
        listIn(
          ctx,
          i.sectors.map((x) => t(k(`incidents.sector.${x}`))),
        ),
      )}
      <dt>{t('incidents.field.effects')}</dt>
      <dd>
        <Txt ctx={ctx} shows={props.shows} k="effects" block>
          {i.effects || '—'}
        </Txt>
      </dd>
    </dl>
  );
}

export function IncidentPage(props: {
  ctx: PageContext;
  csrf: string;
  view: IncidentView;
  names: Names;
  /** Editors: the actions the reader may take on a draft or a proposal. */
  editor: { canPropose: boolean; canApprove: boolean; ownChange: boolean } | null;
  /** The State whose focal point the reader is, to publish its position; null otherwise. */
  focalOf: string | null;
  /** The States, for the position form to name one by its name. */
  states?: StateChoice[];
  notice?: string;
  problems?: FormProblem[];
  /** Drawn for this reader alone: their State's drafted positions, the linked threads they are party to. */
  reader?: VNode | null;
  /** The record in the reader's language: how each text is shown (incidents.translations.ts). */
  shown?: LocalisedView;
  /** A published incident: the link to its history (and editors' change), and its discussion as HTML. */
  revisions?: VNode<any>;
  discussion?: string;
}) {
  const { ctx, view, names } = props;
  const { t } = ctx;
  const i = view.incident;
  const shows = props.shown?.shows;
  return (
    <Layout ctx={ctx} title={i.title} scripts={props.states ? ['state-picker.js'] : undefined}>
      <h1>
        <Txt ctx={ctx} shows={shows} k="title">
          {i.title}
        </Txt>
      </h1>
      {props.shown && <LanguageNotice ctx={ctx} shown={props.shown} />}
      {props.notice && (
        <p class="success" role="status">
          {props.notice}
        </p>
      )}
      <p>
        {view.contested ? (
          <span class="tag warn">{t('incidents.contested')}</span>
        ) : (
          <span class="tag">{t('incidents.uncontested')}</span>
        )}
        <span class="tag">{t(k(`incidents.status.${i.status}`))}</span>
        {i.tlp !== 'clear' && <span class="tag warn">{t('incidents.marking', { tlp: `TLP:${i.tlp.toUpperCase()}` })}</span>}
      </p>
      <Txt ctx={ctx} shows={shows} k="summary" as="p" class="lead" block>
        {i.summary}
      </Txt>
      <Facts ctx={ctx} i={i} names={names} shows={shows} />
      {props.editor && (
        <div class="notice">
          {i.status !== 'published' && <a href={`/incidents/${i.id}/edit`}>{t('incidents.edit')}</a>}
          {props.editor.canPropose && (
            <Form action={`/incidents/${i.id}/propose`} csrf={props.csrf} class="inline">
              <Submit>{t('incidents.propose')}</Submit>
            </Form>
          )}
          {i.status === 'proposed' &&
            (props.editor.ownChange ? (
              <p>{t('incidents.approve.own')}</p>
            ) : (
              <Form action={`/incidents/${i.id}/approve`} csrf={props.csrf} class="inline">
                <Submit>{t('incidents.approve')}</Submit>
              </Form>
            ))}
        </div>
      )}
      {props.editor && i.status === 'published' && <TranslateLinks ctx={ctx} id={i.id} />}
      {props.revisions}
      <p>
        <a href={`/api/v1/incidents/${i.id}/stix`} download>
          {t('incidents.stix')}
        </a>
      </p>
      <h2 id="claims">{t('incidents.claims.title')}</h2>
      <p>{t('incidents.claims.intro')}</p>
      <ul class="cards">
        {view.claims.map((c, n) => (
          <li id={`claim-${n + 1}`}>
            <h3>
              {t('incidents.claim.n', { n: n + 1 })}: {claimant(ctx, names, c)}
            </h3>
            {c.stated_by_state && (
              <p class="tag">{t('incidents.ownStatement', { state: names.get(c.stated_by_state) ?? c.stated_by_state })}</p>
            )}
            <dl>
              <dt>{t('incidents.claim.who')}</dt>
              <dd>{t(k(`incidents.claimant.${c.claimant_kind}`))}</dd>
              <dt>{t('incidents.claim.when')}</dt>
              <dd>
                {partialDate(ctx, c.claimed_on, 'day')}
                {c.days !== null && ` (${t('incidents.claim.days', { days: c.days })})`}
              </dd>
              <dt>{t('incidents.claim.how')}</dt>
              <dd>{t(k(`incidents.basis.${c.basis}`))}</dd>
              <dt>{t('incidents.claim.to')}</dt>
              <dd>{attributedTo(ctx, names, c)}</dd>
              <dt>{t('incidents.source')}</dt>
              <dd>
                <a href={c.source_url} rel="noopener noreferrer">
                  <Txt ctx={ctx} shows={shows} k={`claim.${c.id}.sourceTitle`}>
                    {c.source_title || c.source_url}
                  </Txt>
                </a>
                {c.unconfirmed && <span class="tag warn">{t('incidents.unconfirmed')}</span>}
              </dd>
            </dl>
            {c.summary && (
              <>
                <Txt ctx={ctx} shows={shows} k={`claim.${c.id}.summary`} as="p" block>
                  {c.summary}
                </Txt>
                <Quoted ctx={ctx} shows={shows} k={`claim.${c.id}.summary`} />
              </>
            )}
            {c.responses.length > 0 && (
              <>
                <h4>{t('incidents.responses')}</h4>
                <ul>
                  {c.responses.map((r) => (
                    <li>
                      <strong>{names.get(r.state_code) ?? r.state_code}</strong> — {t(k(`incidents.stance.${r.stance}`))} (
                      {partialDate(ctx, r.stated_on, 'day')})
                      {r.own_statement && (
                        <span class="tag">{t('incidents.ownStatement', { state: names.get(r.state_code) ?? r.state_code })}</span>
                      )}
                      {r.summary && (
                        <>
                          {' '}
                          <Txt ctx={ctx} shows={shows} k={`response.${r.id}.summary`} block>
                            {r.summary}
                          </Txt>{' '}
                          <Quoted ctx={ctx} shows={shows} k={`response.${r.id}.summary`} />
                        </>
                      )}{' '}
                      {r.source_url && (
                        <a href={r.source_url} rel="noopener noreferrer">
                          {t('incidents.source')}
                        </a>
                      )}
                      {r.unconfirmed && <span class="tag warn">{t('incidents.unconfirmed')}</span>}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </li>
        ))}
      </ul>
      {view.claims.length === 0 && <p>{t('incidents.claims.none')}</p>}
      <h2 id="norms">{t('incidents.norms.title')}</h2>
      <ul>
        {view.norms.map((n) => (
          <li>
            <a href={`/norms/${n.norm_letter}`}>{t('comm.norm', { letter: n.norm_letter })}</a> —{' '}
            <span class="tag">
              {n.basis === 'invoked'
                ? t('incidents.norm.invoked', { state: names.get(n.invoked_by) ?? n.invoked_by })
                : t('incidents.norm.editors')}
            </span>{' '}
            <Txt ctx={ctx} shows={shows} k={normKey(n)} block>
              {n.rationale}
            </Txt>
          </li>
        ))}
      </ul>
      {view.norms.length === 0 && <p>{t('incidents.norms.none')}</p>}
      <h2 id="sources">{t('incidents.sources')}</h2>
      <ul>
        {i.sources.map((s, sn) => (
          <li>
            <a href={s.url} rel="noopener noreferrer">
              <Txt ctx={ctx} shows={shows} k={`source.${sn}.title`}>
                {s.title}
              </Txt>
            </a>
            {s.unconfirmed && <span class="tag warn">{t('incidents.unconfirmed')}</span>}
          </li>
        ))}
      </ul>
      {props.reader}
      {props.focalOf && i.status === 'published' && (
        <PositionForm
          ctx={ctx}
          csrf={props.csrf}
          view={view}
          state={props.focalOf}
          names={names}
          states={props.states}
          problems={props.problems ?? []}
        />
      )}
      {props.discussion && <div dangerouslySetInnerHTML={{ __html: props.discussion }} />}
    </Layout>
  );
}
