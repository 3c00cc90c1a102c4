// Capacity-building: the needs States published (by norm and region) with a form to offer help, and a
// State's offers, received and made, with the focal point's acceptance.

import type { MessageKey } from '../../platform/i18n/i18n.ts';
import type { PageContext } from '../../views/context.ts';
import { Form, type FormProblem, Problems, Submit } from '../../views/forms.tsx';
import { GROUP_KEYS } from '../../views/groups.ts';
import { Layout } from '../../views/layout.tsx';
import { GAP_KEYS } from './answers.views.tsx';
import type { Need } from './capacity.service.ts';

const SUBJECT_KEYS: Record<string, MessageKey> = {
  law: 'report.part.law',
  cbm: 'report.part.cbms',
  capacity: 'report.part.capacity',
};

export function NeedsPage(props: {
  ctx: PageContext;
  csrf: string;
  needs: Need[];
  norm?: string;
  group?: string;
  /** The reader's State, if they may offer help. */
  canOffer: string | null;
  notice?: string;
  problems?: FormProblem[];
}) {
  const { ctx } = props;
  const { t } = ctx;
  const subject = (n: Need) =>
    n.norm ? t('comm.norm', { letter: n.norm }) : t(SUBJECT_KEYS[n.subject] ?? 'report.part.capacity');
  return (
    <Layout ctx={ctx} title={t('capacity.title')}>
      <h1>{t('capacity.title')}</h1>
      <p class="lead">{t('capacity.intro')}</p>
      {props.notice && (
        <p class="success" role="status">
          {props.notice}
        </p>
      )}
      <Problems ctx={ctx} problems={props.problems ?? []} />
      <form method="get" action="/capacity" class="filters">
        <div class="field">
          <label for="f-norm">{t('map.norm')}</label>
          <select id="f-norm" name="norm">
            <option value="">{t('capacity.all')}</option>
            {'abcdefghijk'.split('').map((n) => (
              <option value={n} selected={props.norm === n}>
                {t('comm.norm', { letter: n })}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-group">{t('state.group')}</label>
          <select id="f-group" name="group">
            <option value="">{t('capacity.all')}</option>
            {Object.entries(GROUP_KEYS).map(([g, key]) => (
              <option value={g} selected={props.group === g}>
                {t(key)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t('map.show')}</button>
      </form>
      {props.needs.length === 0 && <p>{t('capacity.none')}</p>}
      {props.needs.map((n) => (
        <article class="message">
          <header>
            <strong>
              <a href={`/states/${n.state}`}>{n.name}</a>
            </strong>{' '}
            — {subject(n)} · {t('report.cycle', { year: String(n.cycle) })}
            {n.accepted && <span class="tag">{t('capacity.matched')}</span>}
          </header>
          <p>
            {n.gaps.map((g) => (
              <span class="tag">{t(GAP_KEYS[g] ?? 'report.gap.other')}</span>
            ))}
          </p>
          {n.text && <p>{n.text}</p>}
          <p class="meta">{t('capacity.offers', { n: String(n.offers) })}</p>
          {props.canOffer && props.canOffer !== n.state && (
            <Form action="/capacity/offers" csrf={props.csrf} class="stack">
              <input type="hidden" name="state" value={n.state} />
              <input type="hidden" name="cycle" value={String(n.cycle)} />
              <input type="hidden" name="question" value={n.question} />
              <div class="field">
                <label for={`m-${n.state}-${n.question}`}>{t('capacity.offer.label')}</label>
                <textarea id={`m-${n.state}-${n.question}`} name="message" rows={2} maxLength={4000} />
              </div>
              <Submit secondary>{t('capacity.offer')}</Submit>
            </Form>
          )}
        </article>
      ))}
    </Layout>
  );
}

export function OffersPage(props: {
  ctx: PageContext;
  csrf: string;
  state: { code: string; name: string };
  offers: {
    id: string;
    need_state: string;
    cycle: number;
    question: string;
    offered_by_state: string;
    offered_by_name: string;
    message: string;
    status: string;
    created_at: Date;
  }[];
  names: Record<string, string>;
  canAccept: boolean;
  notice?: string;
}) {
  const { ctx } = props;
  const { t } = ctx;
  const date = new Intl.DateTimeFormat(ctx.locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const received = props.offers.filter((o) => o.need_state === props.state.code);
  const made = props.offers.filter((o) => o.offered_by_state === props.state.code);
  const title = t('capacity.mine.title', { state: props.state.name });
  return (
    <Layout ctx={ctx} title={title}>
      <p class="kicker">
        <a href="/capacity">{t('capacity.title')}</a>
      </p>
      <h1>{title}</h1>
      {props.notice && (
        <p class="success" role="status">
          {props.notice}
        </p>
      )}
      <h2>{t('capacity.received')}</h2>
      {received.length === 0 && <p>{t('capacity.none')}</p>}
      <ul class="plain">
        {received.map((o) => (
          <li>
            <strong>{props.names[o.offered_by_state] ?? o.offered_by_state}</strong> ({o.offered_by_name},{' '}
            {date.format(new Date(o.created_at))}) — {o.question}: {o.message}{' '}
            {o.status === 'accepted' ? (
              <span class="tag">{t('capacity.matched')}</span>
            ) : (
              props.canAccept && (
                <Form action={`/capacity/offers/${o.id}/accept`} csrf={props.csrf} class="inline">
                  <Submit>{t('capacity.accept')}</Submit>
                </Form>
              )
            )}
          </li>
        ))}
      </ul>
      <h2>{t('capacity.made')}</h2>
      {made.length === 0 && <p>{t('capacity.none')}</p>}
      <ul class="plain">
        {made.map((o) => (
          <li>
            <strong>{props.names[o.need_state] ?? o.need_state}</strong> — {o.question}: {o.message}{' '}
            <span class="tag">{o.status === 'accepted' ? t('capacity.matched') : t('capacity.open')}</span>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
