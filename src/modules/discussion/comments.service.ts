// Comments on norms, lessons and published incidents: threaded replies, edits by the author for 15 minutes,
// reports by readers, and moderation by editors (approve, hide with a reason, ban: moderation.service.ts).
// A member's first comment waits for an editor; later ones appear at once. A honeypot field and per-member
// rate limits (counted in the database, so they hold across instances and restarts) stop bots. Every
// write is audited. The SQL is in comments.queries.ts; limits and shared parts in comments.common.ts.
import { type Actor, authorize } from '../../platform/access.ts';
import { AppError, errors, fieldProblem } from '../../platform/errors.ts';
import type { Origin } from '../../platform/kernel.ts';
import {
  type CommentsDeps,
  commentActions,
  createCore,
  EDIT_WINDOW_MINUTES,
  MAX_COMMENT,
  parseTarget,
  RATE,
  reasonOf,
  type Target,
} from './comments.common.ts';
import * as q from './comments.queries.ts';
import { createModeration } from './moderation.service.ts';

export {
  commentActions,
  EDIT_WINDOW_MINUTES,
  MAX_COMMENT,
  parseTarget,
  RATE,
  TARGET_KINDS,
  type Target,
} from './comments.common.ts';

export interface CommentView {
  id: string;
  parentId: string | null;
  author: { id: string; name: string };
  /** Empty for readers when the comment is hidden. */
  body: string;
  status: q.CommentStatus;
  hiddenReason: string | null;
  createdAt: string;
  editedAt: string | null;
  /** The reader wrote it and may still change it. */
  editable: boolean;
  replies: CommentView[];
}

export function createCommentsService(deps: CommentsDeps) {
  const core = createCore(deps);
  const { db, clock, forReaders, moderator } = core;
  const editWindowOpen = (createdAt: Date, now: number) => now - new Date(createdAt).getTime() < EDIT_WINDOW_MINUTES * 60_000;

  async function targetOrFail(value: unknown): Promise<{ target: Target; url: string }> {
    const target = parseTarget(value);
    const url = target ? await deps.targetUrl(target) : null;
    if (!target || !url) throw errors.badInput([fieldProblem('target', 'commentTarget')]);
    return { target, url };
  }

  const bodyOf = (value: unknown) => {
    const body = typeof value === 'string' ? value.replace(/\r\n/g, '\n').trim() : '';
    if (!body) throw errors.badInput([fieldProblem('body', 'empty')]);
    if (body.length > MAX_COMMENT) throw errors.badInput([fieldProblem('body', 'tooLong', { n: MAX_COMMENT })]);
    return body;
  };

  /** The thread on a target as this reader may see it: published comments, plus their own pending ones; editors see all. */
  function list(actor: Actor, target: Target): Promise<CommentView[]> {
    if (!actor.userId) return forReaders.get(`${target.kind}:${target.id}`, () => listFor(actor, target));
    return listFor(actor, target);
  }

  async function listFor(actor: Actor, target: Target): Promise<CommentView[]> {
    const rows = await q.commentsOnTarget(db, target.kind, target.id);
    const mod = moderator(actor);
    const now = clock().getTime();
    const views = new Map<string, CommentView>();
    const roots: CommentView[] = [];
    for (const r of rows) {
      const own = r.author_id === actor.userId;
      if (r.status === 'pending' && !own && !mod) continue;
      const hiddenToReader = r.status === 'hidden' && !mod;
      const view: CommentView = {
        id: r.id,
        parentId: r.parent_id,
        author: { id: r.author_id, name: r.author_name },
        body: hiddenToReader ? '' : r.body,
        status: r.status,
        hiddenReason: mod ? r.hidden_reason : null,
        createdAt: new Date(r.created_at).toISOString(),
        editedAt: r.edited_at ? new Date(r.edited_at).toISOString() : null,
        editable: own && r.status !== 'hidden' && editWindowOpen(r.created_at, now),
        replies: [],
      };
      views.set(r.id, view);
      const parent = r.parent_id ? views.get(r.parent_id) : undefined;
      if (r.parent_id && !parent) continue; // under a comment this reader cannot see
      (parent ? parent.replies : roots).push(view);
    }
    return roots;
  }

  /** Posts a comment or a reply. Returns its id, status ('pending' for a member's first) and the page to show it on. */
  async function create(actor: Actor, input: unknown, origin: Origin) {
    authorize(actor, commentActions['comment.write']);
    const raw = (input ?? {}) as { target?: unknown; parentId?: unknown; body?: unknown; website?: unknown };
    // A field people never see: only a bot fills it in.
    if (typeof raw.website === 'string' && raw.website.trim() !== '')
      throw errors.badInput([fieldProblem('website', 'mustBeEmpty')]);
    const { target, url } = await targetOrFail(raw.target);
    const body = bodyOf(raw.body);
    const parentId = raw.parentId === undefined || raw.parentId === null || raw.parentId === '' ? null : String(raw.parentId);
    if (parentId !== null) {
      const parent = /^\d{1,18}$/.test(parentId) ? await q.parentComment(db, parentId) : undefined;
      if (!parent || parent.target_kind !== target.kind || parent.target_id !== target.id)
        throw errors.badInput([fieldProblem('parentId', 'notOnPage')]);
      if (parent.status === 'hidden') throw errors.badInput([fieldProblem('parentId', 'parentHidden')]);
      if (parent.status === 'pending') throw errors.badInput([fieldProblem('parentId', 'parentPending')]);
    }
    const userId = actor.userId as string;
    const now = clock();
    return db
      .transaction(async (tx) => {
        // One member's posts are serialised, so two at once cannot both slip under the limit.
        await q.lockAuthor(tx, userId);
        const ban = await q.banOf(tx, userId);
        if (ban) throw new AppError('BANNED', 403, `You may no longer comment: ${ban.reason}`);
        const counts = await q.authorCounts(tx, userId, now.toISOString());
        if (counts.recent >= RATE.tenMinutes || counts.day >= RATE.day)
          throw errors.rateLimited(
            counts.recent >= RATE.tenMinutes ? 600 : 86_400,
            'You have posted many comments in a short time; wait a few minutes.',
          );
        const status = moderator(actor) || counts.published > 0 ? 'published' : 'pending';
        const id = await q.insertComment(tx, {
          kind: target.kind,
          id: target.id,
          parentId,
          authorId: userId,
          body,
          status,
          at: now.toISOString(),
        });
        await core.audit(tx, actor, origin, 'comment.create', id, { target: `${target.kind}:${target.id}`, parentId, status });
        return { id, status, url: `${url}#comment-${id}` };
      })
      .finally(core.changed);
  }

  /** The author's comment, while it may still be edited; refused otherwise. */
  async function editableOrFail(actor: Actor, id: string) {
    const c = await core.commentOrFail(db, id);
    if (c.author_id !== actor.userId) throw new AppError('FORBIDDEN', 403, 'Only the author may edit a comment.');
    return c;
  }
  const windowClosed = () =>
    new AppError('EDIT_WINDOW_CLOSED', 409, `A comment can be edited for ${EDIT_WINDOW_MINUTES} minutes after posting.`);

  /** The author changes their comment within 15 minutes of posting it. */
  async function edit(actor: Actor, id: string, input: unknown, origin: Origin) {
    authorize(actor, commentActions['comment.write']);
    const c = await editableOrFail(actor, id);
    if (c.status === 'hidden') throw new AppError('CONFLICT', 409, 'A hidden comment cannot be edited.');
    const now = clock();
    if (!editWindowOpen(c.created_at, now.getTime())) throw windowClosed();
    const body = bodyOf((input as { body?: unknown } | undefined)?.body);
    await db.transaction(async (tx) => {
      await q.updateCommentBody(tx, id, body, now.toISOString());
      await core.audit(tx, actor, origin, 'comment.edit', id, { previousLength: c.body.length });
    });
    core.changed();
    return { id, url: await core.commentUrl(c, id) };
  }

  /** A reader reports a comment to the moderators, once. */
  async function report(actor: Actor, id: string, input: unknown, origin: Origin) {
    authorize(actor, commentActions['comment.write']);
    const c = await core.commentOrFail(db, id);
    if (c.status !== 'published') throw errors.notFound('The comment');
    const { reason, problem } = reasonOf((input as { reason?: unknown } | undefined)?.reason);
    if (problem) throw errors.badInput([problem]);
    await db.transaction(async (tx) => {
      if (!(await q.insertReport(tx, id, actor.userId as string, reason, clock().toISOString())))
        throw new AppError('CONFLICT', 409, 'You have already reported this comment.');
      await core.audit(tx, actor, origin, 'comment.report', id, { reason });
    });
    return { id, url: await core.commentUrl(c, id) };
  }

  /** The author's own comment, for the edit form, while it may still be edited. */
  async function ownForEdit(actor: Actor, id: string) {
    authorize(actor, commentActions['comment.write']);
    const c = await editableOrFail(actor, id);
    if (!editWindowOpen(c.created_at, clock().getTime())) throw windowClosed();
    return { id: c.id, body: c.body };
  }

  /** Where a comment is shown, if this reader may see it. */
  async function urlOf(actor: Actor, id: string) {
    const c = await core.commentOrFail(db, id);
    if (c.status === 'pending' && c.author_id !== actor.userId && !moderator(actor)) throw errors.notFound('The comment');
    return core.commentUrl(c, id);
  }

  /** A published comment to reply to or report, with its author and page. */
  async function forResponse(actor: Actor, id: string) {
    authorize(actor, commentActions['comment.write']);
    const c = await core.commentOrFail(db, id);
    if (c.status !== 'published') throw errors.notFound('The comment');
    const author = await q.person(db, c.author_id);
    return {
      id: c.id,
      body: c.body,
      author: author?.display_name ?? '',
      createdAt: new Date(c.created_at).toISOString(),
      target: `${c.target_kind}:${c.target_id}`,
      url: await core.commentUrl(c, c.id),
    };
  }

  /** The rendered discussion (or composed page) signed-out readers see, kept until a comment changes. */
  const readerHtml = <T>(key: string, render: () => Promise<T>) => forReaders.get(`html:${key}`, render);

  const isBanned = async (userId: string) => (await q.banOf(db, userId)) !== undefined;

  /** Drops what signed-out readers were shown (another instance changed a comment). */
  const forget = () => forReaders.invalidate();

  return {
    list,
    forget,
    readerHtml,
    forResponse,
    create,
    edit,
    report,
    ...createModeration(core),
    ownForEdit,
    urlOf,
    isBanned,
    isModerator: moderator,
  };
}

export type CommentsService = ReturnType<typeof createCommentsService>;
