// What the live event stream reads: the threads' timelines (thread_events) in the order their rows were
// numbered. A stream catches up from these rows, so a change is told even when its NOTIFY was never heard.
import type { Queryable } from '../../db/client.ts';

/** The number of the latest timeline entry, '0' for none. */
export async function lastTimelineId(q: Queryable): Promise<string> {
  const [row] = await q.query<{ id: string }>('select coalesce(max(id), 0)::text as id from thread_events');
  return row.id;
}

/**
 * Up to `limit` timeline entries numbered after `after`, in order, each with the States party to its thread
 * (the sender and the recipients). Only what a stream needs to decide whom to tell; never content.
 */
export function timelineSince(q: Queryable, after: string, limit: number) {
  return q.query<{ id: string; thread_id: string; states: string[] }>(
    `select e.id::text as id, e.thread_id, t.sender_state || array(select r.state_code from thread_recipients r
       where r.thread_id = e.thread_id) as states
     from thread_events e join threads t on t.id = e.thread_id
     where e.id > $1::bigint order by e.id limit $2`,
    [after, limit],
  );
}
