// A thread's incident records, on the thread page: the links its parties made, and for a party that may act,
// a search by title (a GET form, no script needed) and a list of the published incidents found to link one.

import type { PageContext } from '../../views/context.ts';
import { Form, Submit } from '../../views/forms.tsx';
import type { PublishedTitle } from '../incidents/index.ts';
import type { ThreadLink } from './links.service.ts';

export function LinksSection(props: {
  ctx: PageContext;
  csrf: string;
  thread: string;
  links: ThreadLink[];
  /** A party that may act: the search and the link and unlink buttons. */
  canLink: boolean;
  find: string;
  matches: PublishedTitle[];
  /** The link form was refused: its problem, said beside the field. */
  problem?: string;
}) {
  const { ctx, thread } = props;
  const { t } = ctx;
  const linked = new Set(props.links.map((l) => l.incident));
  const choices = props.matches.filter((m) => !linked.has(m.id));
  return (
    <section aria-labelledby="incidents">
      <h2 id="incidents">{t('comm.links.title')}</h2>
      <p>{t('comm.links.intro')}</p>
      {props.links.length ? (
        <ul class="plain">
          {props.links.map((l) => (
            <li>
              <a href={`/incidents/${l.incident}`}>{l.title}</a>
              {props.canLink && (
                <Form action={`/communications/${thread}/incidents/${l.incident}/unlink`} csrf={props.csrf} class="inline">
                  <Submit secondary>{t('comm.links.unlink', { title: l.title })}</Submit>
                </Form>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('comm.links.none')}</p>
      )}
      {props.canLink && (
        <>
          <form method="get" action={`/communications/${thread}#incidents`} class="stack" role="search">
            <div class="field">
              <label for="f-find">{t('comm.links.find')}</label>
              <input id="f-find" name="find" type="search" value={props.find} maxLength={200} />
            </div>
            <Submit secondary>{t('comm.links.search')}</Submit>
          </form>
          {choices.length ? (
            <Form action={`/communications/${thread}/incidents`} csrf={props.csrf}>
              <div class="field">
                <label for="f-incident">{t('comm.links.incident')}</label>
                {props.problem && (
                  <p class="error" id="f-incident-error">
                    {props.problem}
                  </p>
                )}
                <select
                  id="f-incident"
                  name="incident"
                  aria-invalid={props.problem ? 'true' : undefined}
                  aria-describedby={props.problem ? 'f-incident-error' : undefined}
                >
                  <option value="">—</option>
                  {choices.map((m) => (
                    <option value={m.id}>
                      {m.title}
                      {m.started_on ? ` (${m.started_on.slice(0, 4)})` : ''}
                    </option>
                  ))}
                </select>
              </div>
              <Submit>{t('comm.links.link')}</Submit>
            </Form>
          ) : (
            // Nothing to offer: none matches (those already linked are listed above, not offered again).
            !props.matches.length && <p>{t('comm.links.noMatch')}</p>
          )}
        </>
      )}
    </section>
  );
}
