// Statements on the throttle table: one row per key (an address or an account and an action), counting
// recent failures. The delay rule itself is throttleDelayMs in throttle.ts; countAttempt says it in SQL.
import type { Queryable } from '../../db/client.ts';

/**
 * Counts one attempt on a key unless it is waiting out a delay (throttleDelayMs in SQL); true when counted.
 * Failures older than `forgetMs` start over at one.
 */
export async function countAttempt(
  q: Queryable,
  a: { key: string; at: Date; free: number; forgetMs: number; maxDelayMs: number },
): Promise<boolean> {
  const counted = await q.query(
    `insert into throttle as t (key, failures, last_failure_at) values ($1, 1, $2)
     on conflict (key) do update set
       failures = case when t.last_failure_at < $2::timestamptz - $4::int * interval '1 millisecond'
                       then 1 else t.failures + 1 end,
       last_failure_at = $2
     where t.last_failure_at < $2::timestamptz - $4::int * interval '1 millisecond'
        or t.failures < $3::int
        or t.last_failure_at + least(1000 * power(2, least(t.failures - $3::int, 30)), $5::int) * interval '1 millisecond'
           <= $2::timestamptz
     returning failures`,
    [a.key, a.at.toISOString(), a.free, a.forgetMs, a.maxDelayMs],
  );
  return counted.length > 0;
}

/** A key's failures and when the last one was. */
export async function throttleRow(q: Queryable, key: string): Promise<{ failures: number; last_failure_at: Date }> {
  const [row] = await q.query<{ failures: number; last_failure_at: Date }>(
    'select failures, last_failure_at from throttle where key = $1',
    [key],
  );
  return row;
}

/** Forgets every failure on a key. */
export async function forgetKey(q: Queryable, key: string): Promise<void> {
  await q.query('delete from throttle where key = $1', [key]);
}

/** Gives one attempt back on a key. */
export async function giveBackAttempt(q: Queryable, key: string): Promise<void> {
  await q.query('update throttle set failures = greatest(failures - 1, 0) where key = $1', [key]);
}
