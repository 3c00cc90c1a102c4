// Growing delays after repeated failures of sign-in, the second factor, registration and password reset.
// An attempt is counted before the slow check it guards (argon2, a code), in one atomic statement per key,
// so requests sent at once are limited exactly as the same requests sent one after the other: in
// PostgreSQL the WHERE of ON CONFLICT DO UPDATE is evaluated on the conflicting row under its lock, so
// concurrent reservations of one key take turns and each sees the count the one before it left; PGlite runs
// one transaction at a time. An attempt that then succeeds is forgiven (succeeded), or given back when it
// was not a real attempt (release).
import type { Db, Queryable } from '../../db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { countAttempt, forgetKey, giveBackAttempt, throttleRow } from './throttle.queries.ts';

export class ThrottledError extends AppError {
  constructor(readonly retryAfter: number) {
    super('TOO_MANY_ATTEMPTS', 429, `Too many attempts: try again in ${retryAfter} seconds.`);
  }
}

/** Failures allowed without delay: many people can share one address (a ministry behind one gateway). */
export const FREE_FAILURES = { address: 10, account: 3 } as const;

/** Failures older than this are forgotten: the count starts again. */
export const FORGET_AFTER_MS = 3600_000;

const MAX_DELAY_MS = 15 * 60_000;

/**
 * Growing delay after repeated failures: none for the first few (3 per account; 10 per address), then 1 s,
 * 2 s, 4 s … up to 15 minutes. `failures` counts attempts made, including the one that set the delay.
 */
export function throttleDelayMs(failures: number, free: number): number {
  return failures < free ? 0 : Math.min(1000 * 2 ** (failures - free), MAX_DELAY_MS);
}

/** What is counted: the attempts of one address or of one account, for one kind of action. */
export interface ThrottleKey {
  key: string;
  kind: 'address' | 'account';
}

/** Attempts from one network address, e.g. byAddress('sign-in', ip). */
export const byAddress = (action: string, ip: string): ThrottleKey => ({ key: `${action}:ip:${ip}`, kind: 'address' });
/** Attempts on one account (an e-mail key or a user id), e.g. byAccount('sign-in', email). */
export const byAccount = (action: string, account: string): ThrottleKey => ({
  key: `${action}:account:${account}`,
  kind: 'account',
});

export function createThrottle(deps: { db: Db; clock: () => Date }) {
  const { db, clock } = deps;

  /**
   * Counts one attempt on every key, or on none: if any key is waiting out a delay, nothing is counted and
   * ThrottledError says how many seconds are left. Call it before the check it guards.
   */
  async function reserve(keys: ThrottleKey[]): Promise<void> {
    // Always the same order, so two requests sharing two keys cannot deadlock.
    const sorted = [...keys].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const now = clock();
    await db.transaction(async (tx) => {
      let waitMs = 0;
      for (const k of sorted) {
        const free = FREE_FAILURES[k.kind];
        // The WHERE is throttleDelayMs in SQL: the row is updated only when its delay is over (or forgotten).
        const counted = await countAttempt(tx, {
          key: k.key,
          at: now,
          free,
          forgetMs: FORGET_AFTER_MS,
          maxDelayMs: MAX_DELAY_MS,
        });
        if (counted) continue;
        waitMs = Math.max(waitMs, await remainingMs(tx, k, now));
      }
      // Throwing rolls back the attempts counted on the other keys.
      if (waitMs > 0) throw new ThrottledError(Math.max(1, Math.ceil(waitMs / 1000)));
    });
  }

  async function remainingMs(tx: Queryable, k: ThrottleKey, now: Date): Promise<number> {
    const row = await throttleRow(tx, k.key);
    const until = new Date(row.last_failure_at).getTime() + throttleDelayMs(row.failures, FREE_FAILURES[k.kind]);
    // At least a second: the row was refused, so it is waiting, whatever rounding says.
    return Math.max(until - now.getTime(), 1000);
  }

  /**
   * The attempt succeeded: the account's failures are forgiven; the address gives back this attempt only,
   * since other people's failures from it still count.
   */
  async function succeeded(keys: ThrottleKey[]): Promise<void> {
    await db.transaction((tx) => forgive(tx, keys));
  }

  /** The same, inside a transaction of the caller's (committed with the success it records). */
  async function forgive(tx: Queryable, keys: ThrottleKey[]): Promise<void> {
    for (const k of keys) {
      if (k.kind === 'account') await forgetKey(tx, k.key);
      else await giveBackAttempt(tx, k.key);
    }
  }

  /** The attempt was not one (refused before any check, e.g. a weak new password): give it back everywhere. */
  async function release(keys: ThrottleKey[]): Promise<void> {
    await db.transaction(async (tx) => {
      for (const k of keys) await giveBackAttempt(tx, k.key);
    });
  }

  return { reserve, succeeded, forgive, release };
}

export type Throttle = ReturnType<typeof createThrottle>;
