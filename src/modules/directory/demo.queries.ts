// Removing the directory's demo data (src/demo.ts calls it, in its transaction, before the demo accounts go).
import type { Queryable } from '../../db/client.ts';

/**
 * Deletes the demo States' directory: their communication-check tasks, then each communication check that
 * asked only demo States (nothing real was asked in it), then their contacts and every version of them.
 * A round that also asked a real State stays, with its real tasks. The demo accounts own no directory row
 * of their own (a contact belongs to its State, a round is kept by what it asked), so `users` is not needed.
 */
export async function purgeDemoData(q: Queryable, demo: { states: string[]; users: string[] }): Promise<void> {
  if (!demo.states.length) return;
  const wholly = await q.query<{ id: string }>(
    `select r.id from ping_rounds r
     where exists (select 1 from ping_tasks t where t.round_id = r.id)
       and not exists (select 1 from ping_tasks t where t.round_id = r.id and not (t.state_code = any($1::text[])))`,
    [demo.states],
  );
  await q.query('delete from ping_tasks where state_code = any($1::text[])', [demo.states]);
  await q.query('delete from ping_rounds where id = any($1::uuid[])', [wholly.map((r) => r.id)]);
  await q.query('delete from contact_versions where contact_id in (select id from contacts where state_code = any($1::text[]))', [
    demo.states,
  ]);
  await q.query('delete from contacts where state_code = any($1::text[])', [demo.states]);
}
