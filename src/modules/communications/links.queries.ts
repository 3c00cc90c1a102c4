// The SQL of a thread's links to incident records (links.service.ts). Who may see a link is decided by party(),
// never here: these statements answer for any thread, and the service asks party() first.
import type { Queryable } from '../../db/client.ts';

export interface LinkRow {
  thread_id: string;
  incident_id: string;
  linked_by: string;
  linked_at: string;
}

/** Links the thread to the incident; false when it already was. */
export async function insertLink(q: Queryable, thread: string, incident: string, by: string, at: string): Promise<boolean> {
  const rows = await q.query<{ thread_id: string }>(
    `insert into thread_incidents (thread_id, incident_id, linked_by, linked_at) values ($1, $2, $3, $4)
     on conflict do nothing returning thread_id`,
    [thread, incident, by, at],
  );
  return rows.length > 0;
}

/** Removes the link; false when there was none. */
export async function deleteLink(q: Queryable, thread: string, incident: string): Promise<boolean> {
  const rows = await q.query<{ thread_id: string }>(
    'delete from thread_incidents where thread_id = $1 and incident_id = $2 returning thread_id',
    [thread, incident],
  );
  return rows.length > 0;
}

/** A thread's links, latest first. */
export function linksOfThread(q: Queryable, thread: string): Promise<LinkRow[]> {
  return q.query<LinkRow>(
    `select thread_id, incident_id, linked_by, linked_at::text from thread_incidents where thread_id = $1
     order by linked_at desc`,
    [thread],
  );
}

/** The threads linked to an incident (each still to be checked with party()), latest first. */
export function linksToIncident(q: Queryable, incident: string): Promise<LinkRow[]> {
  return q.query<LinkRow>(
    `select thread_id, incident_id, linked_by, linked_at::text from thread_incidents where incident_id = $1
     order by linked_at desc limit 500`,
    [incident],
  );
}
