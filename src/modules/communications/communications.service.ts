// State-to-State communications: notifications (norm c), requests for assistance (h) and information (d),
// vulnerability reports (j) and consultations. A thread goes from one State to one or more; each recipient
// State has its own lifecycle (sent → delivered → acknowledged → responded → closed, or withdrawn).
// The service is composed of parts, each a file: who sees what (communications.policy.ts, `party()`),
// reading (reading.service.ts), composing and sending (sending.service.ts), the life of a sent thread
// (lifecycle.service.ts), its deadlines (deadlines.service.ts), what leaves the platform (exports.service.ts)
// and the work not sent yet that is kept for its author (pending.service.ts).
// Their SQL is in communications.queries.ts and messages.queries.ts (and demo.queries.ts, removing the demo data).
import type { Queryable } from '../../db/client.ts';
import type { Actor } from '../../platform/access.ts';
import { AppError, type FieldProblem } from '../../platform/errors.ts';
import { type CommunicationsDeps, createCore } from './communications.common.ts';
import { party, senderState, statesOf } from './communications.policy.ts';
import { createDeadlines } from './deadlines.service.ts';
import { createExports } from './exports.service.ts';
import { createLifecycle } from './lifecycle.service.ts';
import { createLinks } from './links.service.ts';
import { lastTimelineId, timelineSince } from './live.queries.ts';
import { createPending } from './pending.service.ts';
import { createReading } from './reading.service.ts';
import { createSending } from './sending.service.ts';

export type { CommunicationsDeps } from './communications.common.ts';

/** The communications service: one object with every operation, built from its parts. */
export function createCommunicationsService(deps: CommunicationsDeps) {
  const core = createCore(deps);
  const reading = createReading(core);
  const { exportView, attachment } = createExports(core, reading);
  const { saveDraft, updateDraft, send, sendDraft } = createSending(core, reading);
  const { acknowledge, reply, close, withdraw, share, beforeWithdraw, beforeShare } = createLifecycle(core);
  const { read, list, metadata, stats, draft, sectorList, normList } = reading;
  const { handlers: pendingHandlers, ...pending } = createPending(core);
  /** What a communication (or a draft) would be refused for, without saving anything: none when it is fine. */
  async function problemsOf(actor: Actor, input: unknown, draft: boolean): Promise<FieldProblem[]> {
    try {
      core.check((input ?? {}) as Record<string, unknown>, await core.context(senderState(actor), draft));
      return [];
    } catch (err) {
      if (err instanceof AppError && err.code === 'BAD_INPUT') return err.fields;
      throw err;
    }
  }

  return {
    statesOf,
    problemsOf,
    /** The service's time (tests move it), for what a page marks as overdue. */
    now: () => deps.clock(),
    /** Decides whether and how the actor sees a thread (see communications.policy.ts); 404 if not at all. */
    party: (actor: Actor, id: string, q: Queryable = deps.db, lock = false) => party(q, actor, id, lock),
    draft,
    exportView,
    attachment,
    sectorList,
    normList,
    /** Files and forms kept for their author until sent (see pending.service.ts). */
    pending,
    /** A thread's links to incident records, seen by who sees the thread (see links.service.ts). */
    links: createLinks(core),
    saveDraft,
    updateDraft,
    send,
    sendDraft,
    read,
    acknowledge,
    reply,
    close,
    withdraw,
    share,
    beforeWithdraw,
    beforeShare,
    list,
    metadata,
    stats,
    /** Hours unsent work is kept for its author (PENDING_KEEP_HOURS), for the pages that say so. */
    keepHours: core.keepHours,
    /** The live stream's reading: the latest timeline number, and the timeline rows after one (in order). */
    lastChange: () => lastTimelineId(deps.db),
    changesSince: (after: string, limit: number) => timelineSince(deps.db, after, limit),
    /** The jobs' handlers (deadlines, the expiry of kept work), for the job runner. */
    handlers: { ...createDeadlines(core).handlers, ...pendingHandlers },
  };
}

export type CommunicationsService = ReturnType<typeof createCommunicationsService>;
