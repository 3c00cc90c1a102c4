// Moderation by editors: publishing a comment awaiting moderation, hiding one with a reason, banning a
// member (their comments awaiting moderation are hidden with the same reason), and the queue of what
// awaits them. Every act is audited.
import { type Actor, authorize } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { AppError, errors, type FieldProblem, fieldProblem } from '../../platform/errors.ts';
import type { Origin } from '../../platform/kernel.ts';
import { type CommentsCore, commentActions, reasonOf } from './comments.common.ts';
import * as q from './comments.queries.ts';

export function createModeration(core: CommentsCore) {
  const { db, clock } = core;

  async function moderate(actor: Actor, id: string, status: 'published' | 'hidden', reason: string | null, origin: Origin) {
    authorize(actor, commentActions['comment.moderate']);
    const c = await core.commentOrFail(db, id);
    const now = clock().toISOString();
    await db.transaction(async (tx) => {
      await q.setCommentStatus(tx, id, status, reason, actor.userId, now);
      await q.resolveReports(tx, id, now);
      await core.audit(tx, actor, origin, status === 'published' ? 'comment.approve' : 'comment.hide', id, {
        from: c.status,
        ...(reason ? { reason } : {}),
      });
    });
    core.changed();
    return { id, status };
  }

  /** An editor publishes a pending (or previously hidden) comment. */
  const approve = (actor: Actor, id: string, origin: Origin) => moderate(actor, id, 'published', null, origin);

  /** An editor hides a comment with a reason; editors keep seeing it, with the reason. */
  function hide(actor: Actor, id: string, input: unknown, origin: Origin) {
    authorize(actor, commentActions['comment.moderate']);
    const { reason, problem } = reasonOf((input as { reason?: unknown } | undefined)?.reason);
    if (problem) throw errors.badInput([problem]);
    return moderate(actor, id, 'hidden', reason, origin);
  }

  /** An editor stops a member from commenting; their comments awaiting moderation are hidden with the same reason. */
  async function ban(actor: Actor, input: unknown, origin: Origin) {
    authorize(actor, commentActions['comment.moderate']);
    const raw = (input ?? {}) as { userId?: unknown; reason?: unknown };
    const userId = typeof raw.userId === 'string' ? raw.userId : '';
    const { reason, problem } = reasonOf(raw.reason);
    const problems: FieldProblem[] = [];
    const user = /^[0-9a-f-]{36}$/i.test(userId) ? await q.person(db, userId) : undefined;
    if (!user) problems.push(fieldProblem('userId', 'notFound'));
    else if (user.id === actor.userId) problems.push(fieldProblem('userId', 'notSelf'));
    if (problem) problems.push(problem);
    if (problems.length) throw errors.badInput(problems);
    const now = clock().toISOString();
    await db.transaction(async (tx) => {
      if (!(await q.insertBan(tx, userId, reason, actor.userId, now)))
        throw new AppError('CONFLICT', 409, 'This member is already banned.');
      const hidden = await q.hidePendingOf(tx, userId, reason, actor.userId, now);
      await recordAudit(
        tx,
        {
          actor: `user:${actor.userId}`,
          origin: origin.ip,
          action: 'comment.ban',
          entity: 'user',
          entityId: userId,
          details: { reason, hidden },
        },
        clock(),
      );
    });
    core.changed();
    return { userId, banned: true };
  }

  /** What awaits an editor: pending comments and comments with open reports, oldest first; and current bans. */
  async function queue(actor: Actor) {
    authorize(actor, commentActions['comment.review']);
    const items = await q.moderationQueue(db, 200);
    const bans = await q.bansByDate(db, 100);
    const withUrls = await Promise.all(
      items.map(async (i) => ({
        id: i.id,
        target: `${i.target_kind}:${i.target_id}`,
        url: await core.commentUrl(i, i.id),
        author: { id: i.author_id, name: i.author_name },
        body: i.body,
        status: i.status,
        createdAt: new Date(i.created_at).toISOString(),
        reports: i.reports ?? [],
      })),
    );
    return {
      items: withUrls,
      bans: bans.map((b) => ({
        userId: b.user_id,
        name: b.name,
        reason: b.reason,
        bannedAt: new Date(b.banned_at).toISOString(),
      })),
    };
  }

  return { approve, hide, ban, queue };
}
