// The officials' home: a section per kind of work with something waiting, items soonest-due first, each
// deadline given in UTC with how long is left; a phone shows it as a single column of cards.
import type { PageContext } from '../../views/context.ts';
import { Layout } from '../../views/layout.tsx';
import type { DeskSection } from './desk.pages.tsx';

/** "in 3 h", "2 days ago"… in the reader's language. */
function relative(ctx: PageContext, due: Date, now: Date): string {
  const rtf = new Intl.RelativeTimeFormat(ctx.locale, { numeric: 'auto' });
  const minutes = Math.round((due.getTime() - now.getTime()) / 60_000);
  if (Math.abs(minutes) < 60) return rtf.format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 48) return rtf.format(hours, 'hour');
  return rtf.format(Math.round(hours / 24), 'day');
}

export function DeskPage(props: { ctx: PageContext; sections: DeskSection[]; now: Date }) {
  const { ctx, now } = props;
  const { t } = ctx;
  const when = new Intl.DateTimeFormat(ctx.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
  const waiting = props.sections.filter((s) => s.items.length > 0);
  const byDue = (a: { due?: string | null }, b: { due?: string | null }) =>
    (a.due ? Date.parse(a.due) : Number.POSITIVE_INFINITY) - (b.due ? Date.parse(b.due) : Number.POSITIVE_INFINITY);
  return (
    <Layout ctx={ctx} title={t('desk.title')}>
      <h1>{t('desk.title')}</h1>
      {ctx.viewer && <p class="lead">{t('desk.hello', { name: ctx.viewer.name })}</p>}
      {waiting.length === 0 && <p class="notice">{t('desk.nothing')}</p>}
      {waiting.map((s) => (
        <section id={s.id} aria-labelledby={`${s.id}-h`} class="desk-section">
          <h2 id={`${s.id}-h`}>
            {t(s.title)} <span class="count">({s.items.length})</span>
          </h2>
          <ul class="desk-items">
            {[...s.items].sort(byDue).map((item) => {
              const due = item.due ? new Date(item.due) : null;
              const late = due !== null && due.getTime() < now.getTime();
              return (
                <li class={item.urgent || late ? 'urgent' : undefined}>
                  <a href={item.href}>{item.label}</a>
                  {item.meta && <span class="meta"> · {item.meta}</span>}
                  {due && (
                    <p class="due">
                      {t(late ? 'desk.overdue' : 'desk.due')}: <time datetime={due.toISOString()}>{when.format(due)} UTC</time> (
                      {relative(ctx, due, now)})
                    </p>
                  )}
                </li>
              );
            })}
          </ul>
          {s.more && (
            <p>
              <a href={s.more.href}>{t(s.more.label)} →</a>
            </p>
          )}
        </section>
      ))}
    </Layout>
  );
}
