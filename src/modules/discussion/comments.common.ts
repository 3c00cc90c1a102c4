// What the discussion's parts share: who may do what, the limits, targets, and the core every part is
// built on (the database, the clock, the readers' cache, the audit, finding a comment).
import type { Db, Queryable } from '../../db/client.ts';
import { type Actor, decide, defineRules } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { ContentCache } from '../../platform/cache.ts';
import { errors, fieldProblem } from '../../platform/errors.ts';
import type { Clock, Origin } from '../../platform/kernel.ts';
import * as q from './comments.queries.ts';

export const commentActions = defineRules({
  'comment.write': { self: true, write: true },
  'comment.moderate': { platform: ['editor'], write: true },
  /** Seeing the moderation queue and hidden comments: a read-only token of an editor may. */
  'comment.review': { platform: ['editor'] },
});

export const MAX_COMMENT = 5000;
/** The longest reason for a report, a hidden comment or a ban. */
export const MAX_REASON = 500;
export const EDIT_WINDOW_MINUTES = 15;
/** At most this many comments per member in ten minutes, and per day. */
export const RATE = { tenMinutes: 10, day: 100 };
export const TARGET_KINDS = ['norm', 'lesson', 'incident'] as const;

export interface Target {
  kind: (typeof TARGET_KINDS)[number];
  id: string;
}

/** `norm:c`, `lesson:un-process-origins` or `incident:<uuid>` (a published incident) → a target, or undefined. */
export function parseTarget(value: unknown): Target | undefined {
  const m = typeof value === 'string' ? /^(norm|lesson|incident):([a-z0-9-]{1,80})$/.exec(value) : null;
  return m ? { kind: m[1] as Target['kind'], id: m[2] } : undefined;
}

export interface CommentsDeps {
  db: Db;
  clock: Clock;
  targetUrl: (t: Target) => Promise<string | null>;
  /** Called after every change to comments (the other instances drop their copies too). */
  onChange?: () => void;
}

/** The reason given for a report, a hidden comment or a ban: required, at most MAX_REASON characters. */
export function reasonOf(value: unknown) {
  const reason = typeof value === 'string' ? value.trim() : '';
  if (!reason) return { reason, problem: fieldProblem('reason', 'required') };
  if (reason.length > MAX_REASON) return { reason, problem: fieldProblem('reason', 'tooLong', { n: MAX_REASON }) };
  return { reason, problem: undefined };
}

/** The parts every service of the discussion uses, over the deps app.ts gives. */
export function createCore(deps: CommentsDeps) {
  const { clock } = deps;
  // What signed-out readers see is the same for everyone: kept until a comment changes, so a norm page
  // stays one cache lookup plus a small render for them.
  const forReaders = new ContentCache(500);
  return {
    ...deps,
    forReaders,
    /** After a change: drop what readers were shown, and tell the other instances. */
    changed() {
      forReaders.invalidate();
      deps.onChange?.();
    },
    audit: (tx: Queryable, actor: Actor, origin: Origin, action: string, id: string, details?: Record<string, unknown>) =>
      recordAudit(
        tx,
        { actor: `user:${actor.userId}`, origin: origin.ip, action, entity: 'comment', entityId: id, details },
        clock(),
      ),
    /** Whether the actor sees the moderation queue and hidden comments. */
    moderator: (actor: Actor) => decide(actor, commentActions['comment.review']).ok,
    async commentOrFail(qy: Queryable, id: string) {
      const row = /^\d{1,18}$/.test(id) ? await q.commentById(qy, id) : undefined;
      if (!row) throw errors.notFound('The comment');
      return row;
    },
    /** Where the comment is shown. */
    async commentUrl(c: { target_kind: string; target_id: string }, id: string) {
      return `${await deps.targetUrl({ kind: c.target_kind as Target['kind'], id: c.target_id })}#comment-${id}`;
    },
  };
}

export type CommentsCore = ReturnType<typeof createCore>;
