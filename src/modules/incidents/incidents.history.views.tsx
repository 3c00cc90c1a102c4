// The history of a published incident (its approved versions, compared two at a time, an earlier one restored)
// and the change waiting on it (what it changes, approve, send back, discard), in the look of the content
// editor's history (modules/editorial). Forms post and redirect; nothing needs script.
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import type { PageContext } from '../../views/context.ts';
import { dateTime } from '../../views/format.ts';
import { Form, type FormProblem, Problems, Submit } from '../../views/forms.tsx';
import { Layout } from '../../views/layout.tsx';
import { VersionPicks } from '../../views/version-picks.tsx';
import type { DiffField, FieldDiff } from './incidents.revisions.diff.ts';
import type { ChangeView, VersionView } from './incidents.revisions.ts';

const FIELD_KEYS: Record<DiffField, MessageKey> = {
  title: 'incidents.field.title',
  summary: 'incidents.field.summary',
  started: 'incidents.diff.started',
  ended: 'incidents.field.ended',
  disclosed: 'incidents.field.disclosed',
  types: 'incidents.field.types',
  targets: 'incidents.field.targets',
  sectors: 'incidents.field.sectors',
  effects: 'incidents.field.effects',
  sources: 'incidents.sources',
  claims: 'incidents.claims.title',
  responses: 'incidents.responses',
  norms: 'incidents.norms.title',
};
const LISTS = new Set<DiffField>(['types', 'targets', 'sectors', 'sources', 'claims', 'responses', 'norms']);

function Notice(props: { notice?: string }) {
  return props.notice ? (
    <p class="success" role="status">
      {props.notice}
    </p>
  ) : null;
}

/** The fields two versions differ by: words marked in text, items in lists; then those unchanged, named in a line. */
export function FieldDiffs(props: { ctx: PageContext; fields: FieldDiff[]; level?: 'h2' | 'h3' }) {
  const { t } = props.ctx;
  const H = props.level ?? 'h2';
  const unchanged = props.fields.filter((f) => !f.changed).map((f) => t(FIELD_KEYS[f.field]));
  // The record's text is in its own language and direction, whatever the page's.
  return (
    <>
      {props.fields
        .filter((f) => f.changed)
        .map((f) => (
          <section class="diff-field" id={`diff-${f.field}`}>
            <H>{t(FIELD_KEYS[f.field])}</H>
            {LISTS.has(f.field) ? (
              <pre class="diff" dir="auto">
                {f.parts.map((p) => (
                  <>
                    {p.added ? <ins>+ {p.value}</ins> : p.removed ? <del>− {p.value}</del> : `  ${p.value}`}
                    {'\n'}
                  </>
                ))}
              </pre>
            ) : (
              <pre class="diff" dir="auto">
                {f.parts.map((p) => (p.added ? <ins>{p.value}</ins> : p.removed ? <del>{p.value}</del> : p.value))}
              </pre>
            )}
          </section>
        ))}
      {unchanged.length > 0 && (
        <p class="muted" id="diff-unchanged">
          {t('incidents.diff.unchangedFields', { fields: new Intl.ListFormat(props.ctx.locale).format(unchanged) })}
        </p>
      )}
    </>
  );
}

export function HistoryPage(props: {
  ctx: PageContext;
  csrf: string;
  incident: { id: string; title: string };
  versions: VersionView[];
  change: ChangeView | null;
  editor: boolean;
  notice?: string;
  problems?: FormProblem[];
}) {
  const { ctx, incident, versions } = props;
  const { t } = ctx;
  const fmt = dateTime(ctx.locale);
  const base = `/incidents/${incident.id}`;
  const latest = versions[0]?.number;
  return (
    <Layout ctx={ctx} title={t('incidents.history.title', { title: incident.title })}>
      <p class="kicker">
        <a href="/incidents">{t('incidents.title')}</a> · <a href={base}>{incident.title}</a>
      </p>
      <h1>{t('incidents.history.title', { title: incident.title })}</h1>
      <p class="lead">{t('incidents.history.intro')}</p>
      <Notice notice={props.notice} />
      <Problems ctx={ctx} problems={props.problems ?? []} />
      {props.editor && (
        <div class="notice">
          {props.change ? (
            <p>
              {t('incidents.change.waiting')} <a href={`${base}/change/review`}>{t('incidents.change.review')}</a>
            </p>
          ) : (
            <p>
              <a href={`${base}/change`}>{t('incidents.change.propose')}</a>
            </p>
          )}
        </div>
      )}
      <form method="get" action={`${base}/diff`} class="stack">
        {/* Seven columns do not fit a phone: the table scrolls within its box, the page does not. */}
        <div class="table-wrap">
          <table>
            <caption>{t('incidents.history.versions')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('incidents.history.version')}</th>
                <th scope="col">{t('incidents.history.from')}</th>
                <th scope="col">{t('incidents.history.to')}</th>
                <th scope="col">{t('incidents.history.when')}</th>
                <th scope="col">{t('incidents.history.proposedBy')}</th>
                <th scope="col">{t('incidents.history.approvedBy')}</th>
                <th scope="col">{t('incidents.history.note')}</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v, i) => (
                <tr id={`version-${v.number}`}>
                  <td>{v.number}</td>
                  <VersionPicks
                    n={v.number}
                    index={i}
                    count={versions.length}
                    fromLabel={t('incidents.history.fromN', { n: v.number })}
                    toLabel={t('incidents.history.toN', { n: v.number })}
                  />
                  <td>{fmt.format(new Date(v.at))}</td>
                  <td>{v.proposedBy ?? '—'}</td>
                  <td>{v.approvedBy ?? '—'}</td>
                  <td>
                    {v.note || (v.number === 1 ? t('incidents.history.first') : '')}
                    {v.restoredFrom !== null && (
                      <span class="muted"> ({t('incidents.history.restoredFrom', { n: v.restoredFrom })})</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {versions.length > 1 && <button type="submit">{t('incidents.history.compare')}</button>}
      </form>
      {props.editor && !props.change && versions.length > 1 && (
        <section>
          <h2>{t('incidents.history.restoreTitle')}</h2>
          <p>{t('incidents.history.restoreHint')}</p>
          {versions
            .filter((v) => v.number !== latest)
            .map((v) => (
              <Form action={`${base}/restore`} csrf={props.csrf} class="inline">
                <input type="hidden" name="version" value={String(v.number)} />
                <button type="submit" class="secondary">
                  {t('incidents.history.restore', { n: v.number })}
                </button>
              </Form>
            ))}
        </section>
      )}
    </Layout>
  );
}

export function DiffPage(props: {
  ctx: PageContext;
  incident: { id: string; title: string };
  from: number | null;
  to: number | null;
  fields: FieldDiff[];
}) {
  const { ctx, incident } = props;
  const { t } = ctx;
  const name = (n: number | null) => (n === null ? t('incidents.diff.change') : String(n));
  const title = t('incidents.diff.title', { from: name(props.from), to: name(props.to) });
  return (
    <Layout ctx={ctx} title={`${title} · ${incident.title}`}>
      <p class="kicker">
        <a href={`/incidents/${incident.id}`}>{incident.title}</a> ·{' '}
        <a href={`/incidents/${incident.id}/history`}>{t('incidents.history')}</a>
      </p>
      <h1>{title}</h1>
      <FieldDiffs ctx={ctx} fields={props.fields} />
    </Layout>
  );
}

/** The change waiting: who proposed it and why, what it changes, and what the reader may do with it. */
export function ChangeReviewPage(props: {
  ctx: PageContext;
  csrf: string;
  incident: { id: string; title: string };
  change: ChangeView;
  diff: FieldDiff[];
  /** The reader took part in the change, so may not approve it or send it back. */
  own: boolean;
  problems?: FormProblem[];
}) {
  const { ctx, incident, change } = props;
  const { t } = ctx;
  const base = `/incidents/${incident.id}`;
  const act = `${base}/changes/${change.id}`;
  const edition = <input type="hidden" name="edition" value={String(change.edition)} />;
  return (
    <Layout ctx={ctx} title={t('incidents.change.title', { title: incident.title })}>
      <p class="kicker">
        <a href={base}>{incident.title}</a> · <a href={`${base}/history`}>{t('incidents.history')}</a>
      </p>
      <h1>{t('incidents.change.title', { title: incident.title })}</h1>
      <Problems ctx={ctx} problems={props.problems ?? []} />
      <p>
        <span class="tag">{t(`incidents.change.status.${change.status}` as MessageKey)}</span>{' '}
        {t('incidents.change.by', { name: change.proposedBy ?? '—', note: change.note })}
      </p>
      {change.status === 'returned' && change.decisionNote && (
        <p class="notice">{t('incidents.change.returned', { note: change.decisionNote })}</p>
      )}
      <p>{t('incidents.change.intro')}</p>
      <p>
        <a href={`${base}/change`}>{t('incidents.change.edit')}</a>
      </p>
      <h2>{t('incidents.change.what')}</h2>
      <FieldDiffs ctx={ctx} fields={props.diff} level="h3" />
      <div class="buttons">
        {change.status === 'proposed' &&
          (props.own ? (
            <p>{t('incidents.change.own')}</p>
          ) : (
            <>
              <Form action={`${act}/approve`} csrf={props.csrf} class="inline">
                {edition}
                <Submit>{t('incidents.change.approve')}</Submit>
              </Form>
              <Form action={`${act}/return`} csrf={props.csrf} class="stack">
                {edition}
                <div class="field">
                  <label for="f-return-note">{t('incidents.change.returnReason')}</label>
                  <input id="f-return-note" name="note" maxLength={300} />
                </div>
                <Submit secondary>{t('incidents.change.return')}</Submit>
              </Form>
            </>
          ))}
        <Form action={`${act}/discard`} csrf={props.csrf} class="inline">
          {edition}
          <Submit secondary>{t('incidents.change.discard')}</Submit>
        </Form>
      </div>
    </Layout>
  );
}

/** On a published incident's page: its history, and for editors a change to propose or the one waiting. */
export function IncidentHistoryLinks(props: { ctx: PageContext; id: string; editor: boolean; waiting: boolean }) {
  const { t } = props.ctx;
  const base = `/incidents/${props.id}`;
  return (
    <p class="revisions">
      <a href={`${base}/history`}>{t('incidents.history')}</a>
      {props.editor && !props.waiting && (
        <>
          {' '}
          · <a href={`${base}/change`}>{t('incidents.change.propose')}</a>
        </>
      )}
      {props.editor && props.waiting && (
        <>
          {' '}
          · {t('incidents.change.waiting')} <a href={`${base}/change/review`}>{t('incidents.change.review')}</a>
        </>
      )}
    </p>
  );
}

/** A change waiting on a published incident, as the editors' review list names it. */
export interface WaitingChange {
  incident: string;
  title: string;
  status: string;
  note: string;
  proposedBy: string | null;
}

/** The editors' list of changes to published incidents waiting for a second editor (nothing when none). */
export function WaitingChanges(props: { ctx: PageContext; changes: WaitingChange[] }) {
  const { t } = props.ctx;
  if (!props.changes.length) return null;
  return (
    <section id="changes" aria-labelledby="changes-h">
      <h2 id="changes-h">{t('incidents.changes.title')}</h2>
      <ul>
        {props.changes.map((c) => (
          <li>
            <a href={`/incidents/${c.incident}/change/review`}>{c.title}</a>{' '}
            <span class="tag">{t(`incidents.change.status.${c.status}` as MessageKey)}</span>{' '}
            {t('incidents.change.by', { name: c.proposedBy ?? '—', note: c.note })}
          </li>
        ))}
      </ul>
    </section>
  );
}
