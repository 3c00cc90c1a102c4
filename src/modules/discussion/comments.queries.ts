// Every SQL statement of the discussion module, one function each, named after what it returns (or, for a
// write, what it does). Authors' names come from identity's `people` view. No rules here.
import type { Queryable } from '../../db/client.ts';

export type CommentStatus = 'pending' | 'published' | 'hidden';

export interface CommentRow {
  id: string;
  target_kind: string;
  target_id: string;
  parent_id: string | null;
  author_id: string;
  author_name: string;
  body: string;
  status: CommentStatus;
  hidden_reason: string | null;
  created_at: Date;
  edited_at: Date | null;
}

export type CommentCore = Pick<CommentRow, 'id' | 'target_kind' | 'target_id' | 'author_id' | 'status' | 'created_at' | 'body'>;

export interface QueueRow {
  id: string;
  target_kind: string;
  target_id: string;
  author_id: string;
  author_name: string;
  body: string;
  status: string;
  created_at: Date;
  reports: { reason: string; at: string }[] | null;
}

// Reading

/** Every comment on a target with its author's name, oldest first (parents before their replies). */
export const commentsOnTarget = (q: Queryable, kind: string, id: string) =>
  q.query<CommentRow>(
    `select c.id::text, c.target_kind, c.target_id, c.parent_id::text, c.author_id, u.display_name as author_name, c.body, c.status,
            c.hidden_reason, c.created_at, c.edited_at
     from comments c join people u on u.id = c.author_id
     where c.target_kind = $1 and c.target_id = $2 order by c.id`,
    [kind, id],
  );

/** One comment (id: digits only), if it exists. */
export async function commentById(q: Queryable, id: string): Promise<CommentCore | undefined> {
  const [row] = await q.query<CommentCore>(
    'select id::text, target_kind, target_id, author_id, status, created_at, body from comments where id = $1',
    [id],
  );
  return row;
}

/** A comment's status and target, to reply under it (id: digits only). */
export async function parentComment(q: Queryable, id: string) {
  const [row] = await q.query<{ status: CommentStatus; target_kind: string; target_id: string }>(
    'select status, target_kind, target_id from comments where id = $1',
    [id],
  );
  return row;
}

/** The author's comments in the ten minutes and the day before `at`, and how many of theirs are published. */
export async function authorCounts(q: Queryable, authorId: string, at: string) {
  const [counts] = await q.query<{ recent: number; day: number; published: number }>(
    `select count(*) filter (where created_at > $2::timestamptz - interval '10 minutes')::int as recent,
            count(*) filter (where created_at > $2::timestamptz - interval '1 day')::int as day,
            count(*) filter (where status = 'published')::int as published
     from comments where author_id = $1`,
    [authorId, at],
  );
  return counts;
}

/** Pending comments and comments with open reports (with those reports), oldest first. */
export const moderationQueue = (q: Queryable, limit: number) =>
  q.query<QueueRow>(
    `select c.id::text, c.target_kind, c.target_id, c.author_id, u.display_name as author_name, c.body, c.status, c.created_at,
            (select json_agg(json_build_object('reason', r.reason, 'at', r.created_at) order by r.created_at)
             from comment_reports r where r.comment_id = c.id and r.resolved_at is null) as reports
     from comments c join people u on u.id = c.author_id
     where c.status = 'pending' or exists (select 1 from comment_reports r where r.comment_id = c.id and r.resolved_at is null)
     order by c.id limit $1`,
    [limit],
  );

/** The current bans with the members' names, newest first. */
export const bansByDate = (q: Queryable, limit: number) =>
  q.query<{ user_id: string; name: string; reason: string; banned_at: Date }>(
    `select b.user_id, u.display_name as name, b.reason, b.banned_at from comment_bans b join people u on u.id = b.user_id
     order by b.banned_at desc limit $1`,
    [limit],
  );

/** Why the member is banned, if they are. */
export async function banOf(q: Queryable, userId: string): Promise<{ reason: string } | undefined> {
  const [ban] = await q.query<{ reason: string }>('select reason from comment_bans where user_id = $1', [userId]);
  return ban;
}

/** A person's id and display name, if the account exists. */
export async function person(q: Queryable, userId: string): Promise<{ id: string; display_name: string } | undefined> {
  const [row] = await q.query<{ id: string; display_name: string }>('select id, display_name from people where id = $1', [
    userId,
  ]);
  return row;
}

// Writing

/**
 * Waits until no other transaction is posting for this member (released at commit), so two posts at once
 * cannot both slip under the rate limit.
 */
export const lockAuthor = (q: Queryable, userId: string) =>
  q.query('select pg_advisory_xact_lock(hashtext($1))', [`comments:author:${userId}`]);

/** A new comment's id. */
export async function insertComment(
  q: Queryable,
  c: { kind: string; id: string; parentId: string | null; authorId: string; body: string; status: CommentStatus; at: string },
): Promise<string> {
  const [row] = await q.query<{ id: string }>(
    `insert into comments (target_kind, target_id, parent_id, author_id, body, status, created_at)
     values ($1, $2, $3, $4, $5, $6, $7) returning id::text`,
    [c.kind, c.id, c.parentId, c.authorId, c.body, c.status, c.at],
  );
  return row.id;
}

/** Changes a comment's text. */
export const updateCommentBody = (q: Queryable, id: string, body: string, at: string) =>
  q.query('update comments set body = $2, edited_at = $3 where id = $1', [id, body, at]);

/** Records a reader's report; false when they had already reported the comment. */
export async function insertReport(q: Queryable, id: string, userId: string, reason: string, at: string): Promise<boolean> {
  const done = await q.query(
    `insert into comment_reports (comment_id, user_id, reason, created_at) values ($1, $2, $3, $4)
     on conflict do nothing returning comment_id`,
    [id, userId, reason, at],
  );
  return done.length > 0;
}

/** Publishes or hides a comment, recording the moderator. */
export const setCommentStatus = (
  q: Queryable,
  id: string,
  status: CommentStatus,
  reason: string | null,
  moderatorId: string | null,
  at: string,
) =>
  q.query('update comments set status = $2, hidden_reason = $3, moderated_by = $4, moderated_at = $5 where id = $1', [
    id,
    status,
    reason,
    moderatorId,
    at,
  ]);

/** Closes a comment's open reports. */
export const resolveReports = (q: Queryable, id: string, at: string) =>
  q.query('update comment_reports set resolved_at = $2 where comment_id = $1 and resolved_at is null', [id, at]);

/** Bans a member; false when they were already banned. */
export async function insertBan(q: Queryable, userId: string, reason: string, by: string | null, at: string): Promise<boolean> {
  const done = await q.query(
    'insert into comment_bans (user_id, reason, banned_by, banned_at) values ($1, $2, $3, $4) on conflict do nothing returning user_id',
    [userId, reason, by, at],
  );
  return done.length > 0;
}

/** Hides the member's comments awaiting moderation with the reason; how many. */
export async function hidePendingOf(
  q: Queryable,
  userId: string,
  reason: string,
  by: string | null,
  at: string,
): Promise<number> {
  const hidden = await q.query(
    `update comments set status = 'hidden', hidden_reason = $2, moderated_by = $3, moderated_at = $4
     where author_id = $1 and status = 'pending' returning id`,
    [userId, reason, by, at],
  );
  return hidden.length;
}
