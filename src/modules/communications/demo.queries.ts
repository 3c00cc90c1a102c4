// Removing the demo data of the communications module: every thread a demo account started, a demo State sent
// or a demo State received, with everything that hangs on it. Demo data never mixes with real data, so a
// thread that touches a demo State is demo data as a whole. src/demo.ts calls this in its transaction.
import type { Queryable } from '../../db/client.ts';

/** The threads created by one of the users, sent by one of the States, or with one of the States as recipient. */
export async function demoThreadIds(q: Queryable, demo: { states: string[]; users: string[] }): Promise<string[]> {
  const rows = await q.query<{ id: string }>(
    `select t.id from threads t
     where t.created_by = any($2::uuid[]) or t.sender_state = any($1::text[])
       or exists (select 1 from thread_recipients r where r.thread_id = t.id and r.state_code = any($1::text[]))`,
    [demo.states, demo.users],
  );
  return rows.map((r) => r.id);
}

/** Deletes the threads and all their rows, the rows that point at others first. */
export async function deleteThreads(q: Queryable, ids: string[]) {
  if (!ids.length) return;
  const messages = 'select id from thread_messages where thread_id = any($1::uuid[])';
  await q.query(`delete from message_indicators where message_id in (${messages})`, [ids]);
  await q.query(`delete from message_attachments where message_id in (${messages})`, [ids]);
  await q.query('delete from thread_messages where thread_id = any($1::uuid[])', [ids]);
  await q.query('delete from thread_events where thread_id = any($1::uuid[])', [ids]);
  await q.query('delete from thread_people where thread_id = any($1::uuid[])', [ids]);
  await q.query('delete from thread_recipients where thread_id = any($1::uuid[])', [ids]);
  await q.query('delete from thread_shares where thread_id = any($1::uuid[])', [ids]);
  await q.query('delete from threads where id = any($1::uuid[])', [ids]);
}

/**
 * Deletes the communications of the demo States and of the demo accounts (threads they created, sent or
 * received, with their messages, indicators, files, timeline, named people, recipients and shares), and
 * whatever the demo accounts had kept unsent.
 */
export async function purgeDemoData(q: Queryable, demo: { states: string[]; users: string[] }): Promise<void> {
  await deleteThreads(q, await demoThreadIds(q, demo));
  // What the demo accounts had not sent yet: files kept from a refused submit, forms kept after a session ended.
  await q.query('delete from comm_pending_uploads where user_id = any($1::uuid[])', [demo.users]);
  await q.query('delete from comm_kept_forms where user_id = any($1::uuid[])', [demo.users]);
}
