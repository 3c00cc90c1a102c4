// State-to-State communications: notifications (norm c), requests for assistance (h) and information (d),
// vulnerability reports (j) and consultations. A thread goes from one State to one or more; each recipient
// State has its own lifecycle (sent → delivered → acknowledged → responded → closed, or withdrawn).
// The service is composed of parts, each a file: who sees what (communications.policy.ts, `party()`),
// reading (reading.service.ts), composing and sending (sending.service.ts), the life of a sent thread
// (lifecycle.service.ts), its deadlines (deadlines.service.ts) and what leaves the platform (exports.service.ts).
// Their SQL is in communications.queries.ts and messages.queries.ts (and demo.queries.ts, removing the demo data).
import type { Queryable } from '../../db/client.ts';
import type { Actor } from '../../platform/access.ts';
import { type CommunicationsDeps, createCore } from './communications.common.ts';
import { party, statesOf } from './communications.policy.ts';
import { createDeadlines } from './deadlines.service.ts';
import { createExports } from './exports.service.ts';
import { createLifecycle } from './lifecycle.service.ts';
import { lastTimelineId, timelineSince } from './live.queries.ts';
import { createReading } from './reading.service.ts';
import { createSending } from './sending.service.ts';

export type { CommunicationsDeps } from './communications.common.ts';

/** The communications service: one object with every operation, built from its parts. */
export function createCommunicationsService(deps: CommunicationsDeps) {
  const core = createCore(deps);
  const reading = createReading(core);
  const { exportView, attachment } = createExports(core, reading);
  const { saveDraft, updateDraft, send, sendDraft } = createSending(core, reading);
  const { acknowledge, reply, close, withdraw, share } = createLifecycle(core);
  const { read, list, metadata, stats, draft, sectorList } = reading;
  return {
    statesOf,
    /** Decides whether and how the actor sees a thread (see communications.policy.ts); 404 if not at all. */
    party: (actor: Actor, id: string, q: Queryable = deps.db, lock = false) => party(q, actor, id, lock),
    draft,
    exportView,
    attachment,
    sectorList,
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
    list,
    metadata,
    stats,
    /** The live stream's reading: the latest timeline number, and the timeline rows after one (in order). */
    lastChange: () => lastTimelineId(deps.db),
    changesSince: (after: string, limit: number) => timelineSince(deps.db, after, limit),
    /** The deadline jobs' handlers, for the job runner. */
    handlers: createDeadlines(core).handlers,
  };
}

export type CommunicationsService = ReturnType<typeof createCommunicationsService>;
