// The mail administrators look after: the platform's outbox (platform/mail-outbox.ts says what its columns
// mean), read here, and given-up mail put back in the queue. Never the body: it holds links that sign in.
import type { Queryable } from '../../db/client.ts';

export interface UndeliveredMail {
  id: string;
  recipient: string;
  subject: string;
  created_at: Date;
  attempts: number;
  last_attempt_at: Date | null;
  last_error: string | null;
  given_up_at: Date | null;
  next_attempt_at: Date | null;
}

const COLUMNS = 'id::text, recipient, subject, created_at, attempts, last_attempt_at, last_error, given_up_at, next_attempt_at';

/** Given-up mail, newest first, up to `limit`, older than the id `before` when given. */
export function givenUpMail(q: Queryable, before: string | null, limit: number): Promise<UndeliveredMail[]> {
  return q.query<UndeliveredMail>(
    `select ${COLUMNS} from outbox
     where sent_at is null and given_up_at is not null and ($1::bigint is null or id < $1::bigint)
     order by id desc limit $2`,
    [before, limit],
  );
}

/** Mail still being retried (tried at least once, not given up), oldest first, up to `limit`. */
export function failingMail(q: Queryable, limit: number): Promise<UndeliveredMail[]> {
  return q.query<UndeliveredMail>(
    `select ${COLUMNS} from outbox where sent_at is null and given_up_at is null and attempts > 0 order by id limit $1`,
    [limit],
  );
}

/** How many mails wait (never tried, or tried and waiting) and how many were given up. */
export async function undeliveredCounts(q: Queryable): Promise<{ pending: number; failing: number; given_up: number }> {
  const [row] = await q.query<{ pending: number; failing: number; given_up: number }>(
    `select count(*) filter (where given_up_at is null)::int as pending,
            count(*) filter (where given_up_at is null and attempts > 0)::int as failing,
            count(*) filter (where given_up_at is not null)::int as given_up
     from outbox where sent_at is null`,
  );
  return row;
}

/**
 * Puts given-up mail back in the queue, due now, with a fresh schedule (attempts from 0, the give-up time
 * counted from `now`): the mail with this id, or every given-up mail when id is null. Returns what it took.
 */
export function requeueGivenUp(
  q: Queryable,
  id: string | null,
  now: Date,
): Promise<{ id: string; recipient: string; subject: string; attempts: number; last_error: string | null }[]> {
  return q.query(
    `update outbox o set given_up_at = null, next_attempt_at = null, requeued_at = $2, attempts = 0, claimed_until = null
     from (select id, attempts, last_error from outbox
           where sent_at is null and given_up_at is not null and ($1::bigint is null or id = $1::bigint)
           for update) old
     where o.id = old.id
     returning o.id::text, o.recipient, o.subject, old.attempts, old.last_error`,
    [id, now.toISOString()],
  );
}
