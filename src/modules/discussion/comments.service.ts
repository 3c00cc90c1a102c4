// Comments on norms and lessons (incidents later): threaded replies, edits by the author for 15 minutes,
// reports by readers, and moderation by editors (approve, hide with a reason, ban). A member's first
// comment waits for an editor; later ones appear at once. A honeypot field and per-member rate limits
// (counted in the database, so they hold across instances and restarts) stop bots. Every write is audited.
import type { Db, Queryable } from '../../db/client.ts';
import { type Actor, authorize, decide, defineRules } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { ContentCache } from '../../platform/cache.ts';
import { AppError, errors } from '../../platform/errors.ts';
import type { Clock, Origin } from '../../platform/kernel.ts';

export const commentActions = defineRules({
  'comment.write': { self: true, write: true },
  'comment.moderate': { platform: ['editor'], write: true },
  /** Seeing the moderation queue and hidden comments: a read-only token of an editor may. */
  'comment.review': { platform: ['editor'] },
});

export const MAX_COMMENT = 5000;
export const EDIT_WINDOW_MINUTES = 15;
/** At most this many comments per member in ten minutes, and per day. */
export const RATE = { tenMinutes: 10, day: 100 };
export const TARGET_KINDS = ['norm', 'lesson'] as const;

export interface CommentView {
  id: string;
  parentId: string | null;
  author: { id: string; name: string };
  /** Empty for readers when the comment is hidden. */
  body: string;
  status: 'pending' | 'published' | 'hidden';
  hiddenReason: string | null;
  createdAt: string;
  editedAt: string | null;
  /** The reader wrote it and may still change it. */
  editable: boolean;
  replies: CommentView[];
}

interface CommentRow {
  id: string;
  target_kind: string;
  target_id: string;
  parent_id: string | null;
  author_id: string;
  author_name: string;
  body: string;
  status: CommentView['status'];
  hidden_reason: string | null;
  created_at: Date;
  edited_at: Date | null;
}

export interface Target {
  kind: (typeof TARGET_KINDS)[number];
  id: string;
}

/** `norm:c` or `lesson:un-process-origins` → a target, or undefined. */
export function parseTarget(value: unknown): Target | undefined {
  const m = typeof value === 'string' ? /^(norm|lesson):([a-z0-9-]{1,80})$/.exec(value) : null;
  return m ? { kind: m[1] as Target['kind'], id: m[2] } : undefined;
}

export function createCommentsService(deps: {
  db: Db;
  clock: Clock;
  targetUrl: (t: Target) => Promise<string | null>;
  /** Called after every change to comments (the other instances drop their copies too). */
  onChange?: () => void;
}) {
  const { db, clock } = deps;
  // What signed-out readers see is the same for everyone: kept until a comment changes, so a norm page
  // stays one cache lookup plus a small render for them.
  const forReaders = new ContentCache(500);
  const changed = () => {
    forReaders.invalidate();
    deps.onChange?.();
  };
  const audit = (tx: Queryable, actor: Actor, origin: Origin, action: string, id: string, details?: Record<string, unknown>) =>
    recordAudit(
      tx,
      { actor: `user:${actor.userId}`, origin: origin.ip, action, entity: 'comment', entityId: id, details },
      clock(),
    );
  const moderator = (actor: Actor) => decide(actor, commentActions['comment.review']).ok;

  async function targetOrFail(value: unknown): Promise<{ target: Target; url: string }> {
    const target = parseTarget(value);
    const url = target ? await deps.targetUrl(target) : null;
    if (!target || !url) throw errors.badInput([{ field: 'target', reason: 'is not a norm or lesson that exists' }]);
    return { target, url };
  }

  const bodyOf = (value: unknown) => {
    const body = typeof value === 'string' ? value.replace(/\r\n/g, '\n').trim() : '';
    if (!body) throw errors.badInput([{ field: 'body', reason: 'is empty' }]);
    if (body.length > MAX_COMMENT) throw errors.badInput([{ field: 'body', reason: `is longer than ${MAX_COMMENT} characters` }]);
    return body;
  };

  /** The thread on a target as this reader may see it: published comments, plus their own pending ones; editors see all. */
  function list(actor: Actor, target: Target): Promise<CommentView[]> {
    if (!actor.userId) return forReaders.get(`${target.kind}:${target.id}`, () => listFor(actor, target));
    return listFor(actor, target);
  }

  async function listFor(actor: Actor, target: Target): Promise<CommentView[]> {
    const rows = await db.query<CommentRow>(
      `select c.id::text, c.target_kind, c.target_id, c.parent_id::text, c.author_id, u.display_name as author_name, c.body, c.status,
              c.hidden_reason, c.created_at, c.edited_at
       from comments c join users u on u.id = c.author_id
       where c.target_kind = $1 and c.target_id = $2 order by c.id`,
      [target.kind, target.id],
    );
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
        editable: own && r.status !== 'hidden' && now - new Date(r.created_at).getTime() < EDIT_WINDOW_MINUTES * 60_000,
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
      throw errors.badInput([{ field: 'website', reason: 'must be left empty' }]);
    const { target, url } = await targetOrFail(raw.target);
    const body = bodyOf(raw.body);
    const parentId = raw.parentId === undefined || raw.parentId === null || raw.parentId === '' ? null : String(raw.parentId);
    if (parentId !== null) {
      const [parent] = /^\d{1,18}$/.test(parentId)
        ? await db.query<{ status: string; target_kind: string; target_id: string }>(
            'select status, target_kind, target_id from comments where id = $1',
            [parentId],
          )
        : [];
      if (!parent || parent.target_kind !== target.kind || parent.target_id !== target.id)
        throw errors.badInput([{ field: 'parentId', reason: 'is not a comment on this page' }]);
      if (parent.status === 'hidden') throw errors.badInput([{ field: 'parentId', reason: 'was hidden by a moderator' }]);
      if (parent.status === 'pending') throw errors.badInput([{ field: 'parentId', reason: 'is still awaiting moderation' }]);
    }
    const now = clock();
    return db
      .transaction(async (tx) => {
        // One member's posts are serialised, so two at once cannot both slip under the limit.
        await tx.query('select id from users where id = $1 for update', [actor.userId]);
        const [ban] = await tx.query<{ reason: string }>('select reason from comment_bans where user_id = $1', [actor.userId]);
        if (ban) throw new AppError('BANNED', 403, `You may no longer comment: ${ban.reason}`);
        const [counts] = await tx.query<{ recent: number; day: number; published: number }>(
          `select count(*) filter (where created_at > $2::timestamptz - interval '10 minutes')::int as recent,
                count(*) filter (where created_at > $2::timestamptz - interval '1 day')::int as day,
                count(*) filter (where status = 'published')::int as published
         from comments where author_id = $1`,
          [actor.userId, now.toISOString()],
        );
        if (counts.recent >= RATE.tenMinutes || counts.day >= RATE.day)
          throw errors.rateLimited(
            counts.recent >= RATE.tenMinutes ? 600 : 86_400,
            'You have posted many comments in a short time; wait a few minutes.',
          );
        const status = moderator(actor) || counts.published > 0 ? 'published' : 'pending';
        const [row] = await tx.query<{ id: string }>(
          `insert into comments (target_kind, target_id, parent_id, author_id, body, status, created_at)
         values ($1, $2, $3, $4, $5, $6, $7) returning id::text`,
          [target.kind, target.id, parentId, actor.userId, body, status, now.toISOString()],
        );
        await audit(tx, actor, origin, 'comment.create', row.id, { target: `${target.kind}:${target.id}`, parentId, status });
        return { id: row.id, status, url: `${url}#comment-${row.id}` };
      })
      .finally(changed);
  }

  async function commentOrFail(q: Queryable, id: string) {
    const [row] = /^\d{1,18}$/.test(id)
      ? await q.query<CommentRow>(
          'select id::text, target_kind, target_id, author_id, status, created_at, body from comments where id = $1',
          [id],
        )
      : [];
    if (!row) throw errors.notFound('The comment');
    return row;
  }

  /** The author changes their comment within 15 minutes of posting it. */
  async function edit(actor: Actor, id: string, input: unknown, origin: Origin) {
    authorize(actor, commentActions['comment.write']);
    const c = await commentOrFail(db, id);
    if (c.author_id !== actor.userId) throw new AppError('FORBIDDEN', 403, 'Only the author may edit a comment.');
    if (c.status === 'hidden') throw new AppError('CONFLICT', 409, 'A hidden comment cannot be edited.');
    const now = clock();
    if (now.getTime() - new Date(c.created_at).getTime() >= EDIT_WINDOW_MINUTES * 60_000)
      throw new AppError('EDIT_WINDOW_CLOSED', 409, `A comment can be edited for ${EDIT_WINDOW_MINUTES} minutes after posting.`);
    const body = bodyOf((input as { body?: unknown } | undefined)?.body);
    await db.transaction(async (tx) => {
      await tx.query('update comments set body = $2, edited_at = $3 where id = $1', [id, body, now.toISOString()]);
      await audit(tx, actor, origin, 'comment.edit', id, { previousLength: c.body.length });
    });
    changed();
    return { id, url: `${await deps.targetUrl({ kind: c.target_kind as Target['kind'], id: c.target_id })}#comment-${id}` };
  }

  /** A reader reports a comment to the moderators, once. */
  async function report(actor: Actor, id: string, input: unknown, origin: Origin) {
    authorize(actor, commentActions['comment.write']);
    const c = await commentOrFail(db, id);
    if (c.status !== 'published') throw errors.notFound('The comment');
    const reason = typeof (input as { reason?: unknown })?.reason === 'string' ? (input as { reason: string }).reason.trim() : '';
    if (!reason || reason.length > 500)
      throw errors.badInput([{ field: 'reason', reason: 'is required (at most 500 characters)' }]);
    await db.transaction(async (tx) => {
      const done = await tx.query(
        `insert into comment_reports (comment_id, user_id, reason, created_at) values ($1, $2, $3, $4)
         on conflict do nothing returning comment_id`,
        [id, actor.userId, reason, clock().toISOString()],
      );
      if (done.length === 0) throw new AppError('CONFLICT', 409, 'You have already reported this comment.');
      await audit(tx, actor, origin, 'comment.report', id, { reason });
    });
    return { id, url: `${await deps.targetUrl({ kind: c.target_kind as Target['kind'], id: c.target_id })}#comment-${id}` };
  }

  async function moderate(actor: Actor, id: string, status: 'published' | 'hidden', reason: string | null, origin: Origin) {
    authorize(actor, commentActions['comment.moderate']);
    const c = await commentOrFail(db, id);
    const now = clock().toISOString();
    await db.transaction(async (tx) => {
      await tx.query('update comments set status = $2, hidden_reason = $3, moderated_by = $4, moderated_at = $5 where id = $1', [
        id,
        status,
        reason,
        actor.userId,
        now,
      ]);
      await tx.query('update comment_reports set resolved_at = $2 where comment_id = $1 and resolved_at is null', [id, now]);
      await audit(tx, actor, origin, status === 'published' ? 'comment.approve' : 'comment.hide', id, {
        from: c.status,
        ...(reason ? { reason } : {}),
      });
    });
    changed();
    return { id, status };
  }

  /** An editor publishes a pending (or previously hidden) comment. */
  const approve = (actor: Actor, id: string, origin: Origin) => moderate(actor, id, 'published', null, origin);

  /** An editor hides a comment with a reason; editors keep seeing it, with the reason. */
  function hide(actor: Actor, id: string, input: unknown, origin: Origin) {
    authorize(actor, commentActions['comment.moderate']);
    const reason = typeof (input as { reason?: unknown })?.reason === 'string' ? (input as { reason: string }).reason.trim() : '';
    if (!reason || reason.length > 500)
      throw errors.badInput([{ field: 'reason', reason: 'is required (at most 500 characters)' }]);
    return moderate(actor, id, 'hidden', reason, origin);
  }

  /** An editor stops a member from commenting; their comments awaiting moderation are hidden with the same reason. */
  async function ban(actor: Actor, input: unknown, origin: Origin) {
    authorize(actor, commentActions['comment.moderate']);
    const raw = (input ?? {}) as { userId?: unknown; reason?: unknown };
    const userId = typeof raw.userId === 'string' ? raw.userId : '';
    const reason = typeof raw.reason === 'string' ? raw.reason.trim() : '';
    const problems = [];
    const [user] = /^[0-9a-f-]{36}$/i.test(userId)
      ? await db.query<{ id: string }>('select id from users where id = $1', [userId])
      : [];
    if (!user) problems.push({ field: 'userId', reason: 'is not a user' });
    else if (user.id === actor.userId) problems.push({ field: 'userId', reason: 'cannot be yourself' });
    if (!reason || reason.length > 500) problems.push({ field: 'reason', reason: 'is required (at most 500 characters)' });
    if (problems.length) throw errors.badInput(problems);
    const now = clock().toISOString();
    await db.transaction(async (tx) => {
      const done = await tx.query(
        'insert into comment_bans (user_id, reason, banned_by, banned_at) values ($1, $2, $3, $4) on conflict do nothing returning user_id',
        [userId, reason, actor.userId, now],
      );
      if (done.length === 0) throw new AppError('CONFLICT', 409, 'This member is already banned.');
      const hidden = await tx.query(
        `update comments set status = 'hidden', hidden_reason = $2, moderated_by = $3, moderated_at = $4
         where author_id = $1 and status = 'pending' returning id`,
        [userId, reason, actor.userId, now],
      );
      await recordAudit(
        tx,
        {
          actor: `user:${actor.userId}`,
          origin: origin.ip,
          action: 'comment.ban',
          entity: 'user',
          entityId: userId,
          details: { reason, hidden: hidden.length },
        },
        clock(),
      );
    });
    changed();
    return { userId, banned: true };
  }

  /** What awaits an editor: pending comments and comments with open reports, oldest first; and current bans. */
  async function queue(actor: Actor) {
    authorize(actor, commentActions['comment.review']);
    const items = await db.query<{
      id: string;
      target_kind: string;
      target_id: string;
      author_id: string;
      author_name: string;
      body: string;
      status: string;
      created_at: Date;
      reports: { reason: string; at: string }[] | null;
    }>(
      `select c.id::text, c.target_kind, c.target_id, c.author_id, u.display_name as author_name, c.body, c.status, c.created_at,
              (select json_agg(json_build_object('reason', r.reason, 'at', r.created_at) order by r.created_at)
               from comment_reports r where r.comment_id = c.id and r.resolved_at is null) as reports
       from comments c join users u on u.id = c.author_id
       where c.status = 'pending' or exists (select 1 from comment_reports r where r.comment_id = c.id and r.resolved_at is null)
       order by c.id limit 200`,
    );
    const bans = await db.query<{ user_id: string; name: string; reason: string; banned_at: Date }>(
      `select b.user_id, u.display_name as name, b.reason, b.banned_at from comment_bans b join users u on u.id = b.user_id
       order by b.banned_at desc limit 100`,
    );
    const withUrls = await Promise.all(
      items.map(async (i) => ({
        id: i.id,
        target: `${i.target_kind}:${i.target_id}`,
        url: `${await deps.targetUrl({ kind: i.target_kind as Target['kind'], id: i.target_id })}#comment-${i.id}`,
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

  /** The author's own comment, for the edit form, while it may still be edited. */
  async function ownForEdit(actor: Actor, id: string) {
    authorize(actor, commentActions['comment.write']);
    const c = await commentOrFail(db, id);
    if (c.author_id !== actor.userId) throw new AppError('FORBIDDEN', 403, 'Only the author may edit a comment.');
    if (clock().getTime() - new Date(c.created_at).getTime() >= EDIT_WINDOW_MINUTES * 60_000)
      throw new AppError('EDIT_WINDOW_CLOSED', 409, `A comment can be edited for ${EDIT_WINDOW_MINUTES} minutes after posting.`);
    return { id: c.id, body: c.body };
  }

  /** Where a comment is shown, if this reader may see it. */
  async function urlOf(actor: Actor, id: string) {
    const c = await commentOrFail(db, id);
    if (c.status === 'pending' && c.author_id !== actor.userId && !moderator(actor)) throw errors.notFound('The comment');
    return `${await deps.targetUrl({ kind: c.target_kind as Target['kind'], id: c.target_id })}#comment-${id}`;
  }

  /** A published comment to reply to or report, with its author and page. */
  async function forResponse(actor: Actor, id: string) {
    authorize(actor, commentActions['comment.write']);
    const c = await commentOrFail(db, id);
    if (c.status !== 'published') throw errors.notFound('The comment');
    const [author] = await db.query<{ display_name: string }>('select display_name from users where id = $1', [c.author_id]);
    const target = { kind: c.target_kind as Target['kind'], id: c.target_id };
    return {
      id: c.id,
      body: c.body,
      author: author.display_name,
      createdAt: new Date(c.created_at).toISOString(),
      target: `${target.kind}:${target.id}`,
      url: `${await deps.targetUrl(target)}#comment-${c.id}`,
    };
  }

  /** The rendered discussion signed-out readers see, kept until a comment changes. */
  const readerHtml = (key: string, render: () => Promise<string>) => forReaders.get(`html:${key}`, render);

  async function isBanned(userId: string) {
    return (await db.query('select 1 from comment_bans where user_id = $1', [userId])).length > 0;
  }

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
    approve,
    hide,
    ban,
    queue,
    ownForEdit,
    urlOf,
    isBanned,
    isModerator: moderator,
  };
}

export type CommentsService = ReturnType<typeof createCommentsService>;
