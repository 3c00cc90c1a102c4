// Mail that could not be sent, for administrators: what was given up (with the last reason) and what is
// still being retried, and sending given-up mail again (one or all), audited. Delivery itself is the
// platform's outbox; after a send-again the outbox is asked to flush at once.
import type { Db } from '../../db/client.ts';
import { type Actor, authorize } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { errors } from '../../platform/errors.ts';
import type { Origin } from '../../platform/kernel.ts';
import { mailActions } from './mail.policy.ts';
import { failingMail, givenUpMail, requeueGivenUp, type UndeliveredMail, undeliveredCounts } from './mail.queries.ts';

export const UNDELIVERED_PAGE = 100;

export interface UndeliveredView {
  counts: { pending: number; failing: number; given_up: number };
  givenUp: UndeliveredMail[];
  /** The id to pass as `before` for the next (older) page of given-up mail. */
  next: string | null;
  /** Mail still being retried, oldest first (the first 100). */
  failing: UndeliveredMail[];
}

export function createMailAdminService(deps: { db: Db; clock: () => Date; flushMail: () => void }) {
  async function sendAgain(actor: Actor, id: string | null, origin: Origin): Promise<{ requeued: number }> {
    authorize(actor, mailActions['mail.undelivered.send_again']);
    if (id !== null && !/^\d{1,18}$/.test(id)) throw errors.notFound('The mail');
    const now = deps.clock();
    const taken = await deps.db.transaction(async (tx) => {
      const rows = await requeueGivenUp(tx, id, now);
      if (id !== null && !rows.length) throw errors.notFound('The given-up mail');
      if (rows.length)
        await recordAudit(
          tx,
          {
            actor: `user:${actor.userId}`,
            origin: origin.ip,
            action: 'mail.send_again',
            entity: 'outbox',
            entityId: id ?? undefined,
            // One mail in full; for all of them, which ones (the list holds each one's address and reason).
            details:
              id !== null
                ? { to: rows[0].recipient, subject: rows[0].subject, attempts: rows[0].attempts, reason: rows[0].last_error }
                : { all: true, count: rows.length, ids: rows.map((r) => r.id) },
          },
          now,
        );
      return rows;
    });
    if (taken.length) deps.flushMail();
    return { requeued: taken.length };
  }

  return {
    async list(actor: Actor, before: string | null = null): Promise<UndeliveredView> {
      authorize(actor, mailActions['mail.undelivered.read']);
      const cursor = before !== null && /^\d{1,18}$/.test(before) ? before : null;
      const rows = await givenUpMail(deps.db, cursor, UNDELIVERED_PAGE + 1);
      const givenUp = rows.slice(0, UNDELIVERED_PAGE);
      return {
        counts: await undeliveredCounts(deps.db),
        givenUp,
        next: rows.length > UNDELIVERED_PAGE ? givenUp[givenUp.length - 1].id : null,
        failing: await failingMail(deps.db, 100),
      };
    },
    /** One given-up mail back in the queue (404 if there is no such given-up mail). */
    sendAgain: (actor: Actor, id: string, origin: Origin) => sendAgain(actor, id, origin),
    /** Every given-up mail back in the queue. */
    sendAllAgain: (actor: Actor, origin: Origin) => sendAgain(actor, null, origin),
  };
}

export type MailAdminService = ReturnType<typeof createMailAdminService>;
