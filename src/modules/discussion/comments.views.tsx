// The discussion under a norm or lesson (threaded, with reply, edit, report and, for editors, moderation
// in place), the page a refused comment comes back to, the edit page, and the moderation queue.

import type { PageContext } from '../../views/context.ts';
import { dateTime } from '../../views/format.ts';
import { Form, type FormProblem, Problems } from '../../views/forms.tsx';
import { Layout } from '../../views/layout.tsx';
import { CommentBody } from '../../views/markdown.tsx';
import type { CommentView } from './comments.service.ts';

export interface DiscussionProps {
  ctx: PageContext;
  csrf: string;
  target: string;
  /** The page the discussion is on, to come back to after signing in. */
  back: string;
  comments: CommentView[];
  signedIn: boolean;
  moderator: boolean;
  banned: boolean;
  /** What just happened: pending, reported, approved, hidden. */
  notice?: string;
}

/** The fields every comment form carries: the body and a honeypot people never see. */
function CommentFields(props: { ctx: PageContext; id: string; value?: string; label: string }) {
  return (
    <>
      <div class="field">
        <label for={props.id}>{props.label}</label>
        <textarea id={props.id} name="body" rows={4} maxLength={5000} required>
          {props.value ?? ''}
        </textarea>
      </div>
      <div class="hp" aria-hidden="true">
        <label for={`${props.id}-website`}>{props.ctx.t('comment.honeypot')}</label>
        <input id={`${props.id}-website`} name="website" type="text" tabIndex={-1} autocomplete="off" />
      </div>
    </>
  );
}

function Comment(props: DiscussionProps & { c: CommentView }) {
  const { ctx, c } = props;
  const { t } = ctx;
  const fmt = dateTime(ctx.locale);
  const hidden = c.status === 'hidden';
  return (
    <li>
      <article class={`comment ${c.status}`} id={`comment-${c.id}`}>
        <header>
          <strong>{c.author.name}</strong> · <time dateTime={c.createdAt}>{fmt.format(new Date(c.createdAt))}</time>
          {c.editedAt && <> · {t('comment.edited')}</>}
          {c.status === 'pending' && <span class="tag"> {t('comment.pending')}</span>}
          {hidden && <span class="tag"> {t('comment.hidden')}</span>}
        </header>
        {hidden && !props.moderator ? (
          <p class="muted">{t('comment.hiddenBody')}</p>
        ) : (
          <>
            {hidden && c.hiddenReason && (
              <p class="notice">
                {t('comment.hiddenReason')}: {c.hiddenReason}
              </p>
            )}
            <CommentBody body={c.body} />
          </>
        )}
        <div class="comment-actions">
          {c.editable && <a href={`/comments/${c.id}/edit`}>{t('comment.edit')}</a>}
          {props.signedIn && c.status === 'published' && (
            <>
              {!props.banned && <a href={`/comments/${c.id}/reply#reply`}>{t('comment.reply')}</a>}
              <a href={`/comments/${c.id}/reply#report`}>{t('comment.report')}</a>
            </>
          )}
          {props.moderator && <ModerationButtons ctx={ctx} csrf={props.csrf} id={c.id} status={c.status} />}
        </div>
        {c.replies.length > 0 && (
          <ol class="replies">
            {c.replies.map((r) => (
              <Comment {...props} c={r} />
            ))}
          </ol>
        )}
      </article>
    </li>
  );
}

function ModerationButtons(props: { ctx: PageContext; csrf: string; id: string; status: string }) {
  const { t } = props.ctx;
  return (
    <>
      {props.status !== 'published' && (
        <Form action={`/moderation/comments/${props.id}/approve`} csrf={props.csrf} class="inline">
          <button type="submit">{t('mod.approve')}</button>
        </Form>
      )}
      {props.status !== 'hidden' && (
        <details>
          <summary>{t('mod.hide')}</summary>
          <Form action={`/moderation/comments/${props.id}/hide`} csrf={props.csrf}>
            <div class="field">
              <label for={`hide-${props.id}`}>{t('mod.hideReason')}</label>
              <input id={`hide-${props.id}`} name="reason" maxLength={500} required />
            </div>
            <button type="submit" class="secondary">
              {t('mod.hide')}
            </button>
          </Form>
        </details>
      )}
    </>
  );
}

const count = (list: CommentView[]): number => list.reduce((n, c) => n + 1 + count(c.replies), 0);

/** The discussion section of a norm or lesson page. */
export function Discussion(props: DiscussionProps) {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <section id="discussion" aria-labelledby="discussion-h" class="discussion">
      <h2 id="discussion-h">
        <a class="anchor" href="#discussion">
          {t('comment.title')} ({count(props.comments)})
        </a>
      </h2>
      {props.notice && ['pending', 'reported', 'approved', 'hidden'].includes(props.notice) && (
        <p class={props.notice === 'pending' ? 'notice' : 'success'} role="status">
          {t(`comment.notice.${props.notice}` as 'comment.notice.pending')}
        </p>
      )}
      {props.comments.length === 0 && <p>{t('comment.none')}</p>}
      <ol class="comments">
        {props.comments.map((c) => (
          <Comment {...props} c={c} />
        ))}
      </ol>
      {!props.signedIn ? (
        <p>
          <a href={`/sign-in?next=${encodeURIComponent(`${props.back}#discussion`)}`}>{t('comment.signIn')}</a>
        </p>
      ) : props.banned ? (
        <p class="notice">{t('comment.banned')}</p>
      ) : (
        <Form action="/comments" csrf={props.csrf} id="new-comment">
          <input type="hidden" name="target" value={props.target} />
          <CommentFields ctx={ctx} id="comment-body" label={t('comment.yours')} />
          <p class="hint">{t('comment.hint')}</p>
          <button type="submit">{t('comment.post')}</button>
        </Form>
      )}
    </section>
  );
}

/** One comment with the forms to reply to it and to report it. */
export function CommentRespondPage(props: {
  ctx: PageContext;
  csrf: string;
  comment: { id: string; body: string; author: string; createdAt: string; target: string; url: string };
  banned: boolean;
}) {
  const { ctx, comment: c } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('comment.reply')}>
      <p class="kicker">
        <a href={c.url}>{t('comment.backToPage')}</a>
      </p>
      <article class="comment" id={`comment-${c.id}`}>
        <header>
          <strong>{c.author}</strong> · <time dateTime={c.createdAt}>{dateTime(ctx.locale).format(new Date(c.createdAt))}</time>
        </header>
        <CommentBody body={c.body} />
      </article>
      <section id="reply" aria-labelledby="reply-h">
        <h2 id="reply-h">{t('comment.reply')}</h2>
        {props.banned ? (
          <p class="notice">{t('comment.banned')}</p>
        ) : (
          <Form action="/comments" csrf={props.csrf}>
            <input type="hidden" name="target" value={c.target} />
            <input type="hidden" name="parentId" value={c.id} />
            <CommentFields ctx={ctx} id="f-body" label={t('comment.yourReply')} />
            <button type="submit">{t('comment.postReply')}</button>
          </Form>
        )}
      </section>
      <section id="report" aria-labelledby="report-h">
        <h2 id="report-h">{t('comment.report')}</h2>
        <Form action={`/comments/${c.id}/report`} csrf={props.csrf}>
          <div class="field">
            <label for="f-reason">{t('comment.reportReason')}</label>
            <input id="f-reason" name="reason" maxLength={500} required />
          </div>
          <button type="submit" class="secondary">
            {t('comment.sendReport')}
          </button>
        </Form>
      </section>
    </Layout>
  );
}

/** A comment that was refused, back with the reason and what was typed. */
export function CommentRefusedPage(props: {
  ctx: PageContext;
  csrf: string;
  problems: FormProblem[];
  target: string;
  parentId: string;
  body: string;
  back: string | null;
}) {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('comment.refused')}>
      <h1>{t('comment.refused')}</h1>
      <Problems ctx={ctx} problems={props.problems} />
      <Form action="/comments" csrf={props.csrf}>
        <input type="hidden" name="target" value={props.target} />
        {props.parentId && <input type="hidden" name="parentId" value={props.parentId} />}
        <CommentFields ctx={ctx} id="f-body" value={props.body} label={t('comment.yours')} />
        <button type="submit">{t('comment.post')}</button>
      </Form>
      {props.back && (
        <p>
          <a href={props.back}>{t('comment.backToPage')}</a>
        </p>
      )}
    </Layout>
  );
}

export function CommentEditPage(props: { ctx: PageContext; csrf: string; id: string; body: string; problems?: FormProblem[] }) {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('comment.editTitle')}>
      <h1>{t('comment.editTitle')}</h1>
      <p class="hint">{t('comment.editWindow')}</p>
      <Problems ctx={ctx} problems={props.problems ?? []} />
      <Form action={`/comments/${props.id}/edit`} csrf={props.csrf}>
        <div class="field">
          <label for="f-body">{t('comment.yours')}</label>
          <textarea id="f-body" name="body" rows={6} maxLength={5000} required>
            {props.body}
          </textarea>
        </div>
        <button type="submit">{t('comment.save')}</button>
      </Form>
    </Layout>
  );
}

export interface QueueItem {
  id: string;
  target: string;
  url: string;
  author: { id: string; name: string };
  body: string;
  status: string;
  createdAt: string;
  reports: { reason: string; at: string }[];
}

export function ModerationPage(props: {
  ctx: PageContext;
  csrf: string;
  items: QueueItem[];
  bans: { userId: string; name: string; reason: string; bannedAt: string }[];
  notice?: string;
  problems?: FormProblem[];
}) {
  const { ctx } = props;
  const { t } = ctx;
  const fmt = dateTime(ctx.locale);
  return (
    <Layout ctx={ctx} title={t('mod.title')}>
      <h1>{t('mod.title')}</h1>
      {props.notice && (
        <p class="success" role="status">
          {props.notice}
        </p>
      )}
      <Problems ctx={ctx} problems={props.problems ?? []} />
      {props.items.length === 0 && <p>{t('mod.empty')}</p>}
      {props.items.map((i) => (
        <article class="message" id={`queue-${i.id}`}>
          <header>
            <strong>{i.author.name}</strong> · <time dateTime={i.createdAt}>{fmt.format(new Date(i.createdAt))}</time> ·{' '}
            <a href={i.url}>{i.target}</a> · {i.status === 'pending' ? t('comment.pending') : i.status}
          </header>
          <CommentBody body={i.body} />
          {i.reports.length > 0 && (
            <ul class="reports">
              {i.reports.map((r) => (
                <li>
                  {t('mod.reported')}: {r.reason}
                </li>
              ))}
            </ul>
          )}
          <div class="comment-actions">
            <ModerationButtons ctx={ctx} csrf={props.csrf} id={i.id} status={i.status} />
            <details>
              <summary>{t('mod.ban')}</summary>
              <Form action="/moderation/bans" csrf={props.csrf}>
                <input type="hidden" name="userId" value={i.author.id} />
                <div class="field">
                  <label for={`ban-${i.id}`}>{t('mod.banReason')}</label>
                  <input id={`ban-${i.id}`} name="reason" maxLength={500} required />
                </div>
                <button type="submit" class="secondary">
                  {t('mod.ban')}
                </button>
              </Form>
            </details>
          </div>
        </article>
      ))}
      <h2>{t('mod.bans')}</h2>
      {props.bans.length === 0 ? (
        <p>{t('mod.noBans')}</p>
      ) : (
        <ul>
          {props.bans.map((b) => (
            <li>
              <strong>{b.name}</strong> · {fmt.format(new Date(b.bannedAt))}: {b.reason}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
