// Durable jobs (reminders, deadlines). A job is a row with a time to run and a unique key, so scheduling
// twice schedules once. A runner claims due jobs for a minute (another instance skips them; a crashed one
// releases them when the minute is up) and runs each handler in one transaction with marking it done, so
// whatever a handler writes (mail queued in the outbox, a round closed) happens exactly once.
import type { z } from 'zod';
import type { Db, Queryable } from '../db/client.ts';

export interface Job {
  id: string;
  kind: string;
  key: string;
  payload: Record<string, unknown>;
  run_at: Date;
}

export type JobHandler = (tx: Queryable, job: Job, now: Date) => Promise<void>;

/** Schedules a job inside the caller's transaction; a job with the same key is left as it is. */
export async function schedule(tx: Queryable, job: { kind: string; key: string; payload: Record<string, unknown>; runAt: Date }) {
  await tx.query('insert into jobs (kind, key, payload, run_at) values ($1, $2, $3, $4) on conflict (key) do nothing', [
    job.kind,
    job.key,
    JSON.stringify(job.payload),
    job.runAt.toISOString(),
  ]);
}

/**
 * A kind of job whose payload has a schema: `schedule` takes only a payload of that shape, and the handler
 * gets it parsed (a row that does not match fails the job, naming the field, and is retried like any
 * failure), so a job scheduled by one version and run by the next cannot be misread silently.
 */
export interface JobKind<P> {
  kind: string;
  schedule(tx: Queryable, job: { key: string; payload: P; runAt: Date }): Promise<void>;
  /** The handler for the runner, from a function that gets the parsed payload. */
  handler(run: (tx: Queryable, payload: P, now: Date, job: Job) => Promise<void>): JobHandler;
}

export function defineJob<S extends z.ZodType<Record<string, unknown>>>(kind: string, payload: S): JobKind<z.infer<S>> {
  return {
    kind,
    schedule: (tx, job) => schedule(tx, { kind, key: job.key, payload: payload.parse(job.payload), runAt: job.runAt }),
    handler: (run) => async (tx, job, now) => {
      const parsed = payload.safeParse(job.payload);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`).join('; ');
        throw new Error(`job ${job.key}: the payload does not match ${kind}: ${issues}`);
      }
      await run(tx, parsed.data, now, job);
    },
  };
}

export interface JobRunner {
  /** Runs every job due now; returns how many ran. Concurrent calls share one run. */
  runDue(): Promise<number>;
  start(intervalMs: number): void;
  stop(): Promise<void>;
}

export function createJobRunner(deps: {
  db: Db;
  clock: () => Date;
  handlers: Record<string, JobHandler>;
  /** Called after jobs ran, e.g. to deliver the mail they queued. */
  afterRun?: () => void;
  log: { warn: (o: object, m: string) => void };
}): JobRunner {
  let running: Promise<number> | null = null;
  let timer: NodeJS.Timeout | null = null;

  async function runOnce(): Promise<number> {
    let ran = 0;
    for (;;) {
      const now = deps.clock();
      const claimed = await deps.db.query<Job>(
        `update jobs set locked_until = $1::timestamptz + interval '1 minute', attempts = attempts + 1
         where id in (select id from jobs where done_at is null and run_at <= $1 and attempts < 50
                        and (locked_until is null or locked_until < $1)
                      order by run_at, id limit 20 for update skip locked)
         returning id::text, kind, key, payload, run_at`,
        [now.toISOString()],
      );
      if (!claimed.length) break;
      for (const job of claimed.sort((a, b) => new Date(a.run_at).getTime() - new Date(b.run_at).getTime())) {
        const handler = deps.handlers[job.kind];
        try {
          await deps.db.transaction(async (tx) => {
            // Still ours and not done (a slow run may have lost its claim): otherwise do nothing.
            const mine = await tx.query('select 1 from jobs where id = $1 and done_at is null for update', [job.id]);
            if (!mine.length) return;
            if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
            await handler(tx, job, deps.clock());
            await tx.query('update jobs set done_at = $2, last_error = null where id = $1', [job.id, deps.clock().toISOString()]);
          });
          ran++;
        } catch (err) {
          await deps.db
            .query('update jobs set last_error = $2, locked_until = null where id = $1', [
              job.id,
              (err instanceof Error ? (err.stack ?? err.message) : String(err)).slice(0, 2000),
            ])
            .catch(() => {});
          deps.log.warn({ job: job.key, err }, 'job failed; it will be retried');
        }
      }
    }
    if (ran) deps.afterRun?.();
    return ran;
  }

  const runDue = () => {
    running ??= runOnce().finally(() => {
      running = null;
    });
    return running;
  };

  return {
    runDue,
    start(intervalMs) {
      void runDue().catch(() => {});
      timer = setInterval(() => void runDue().catch((err) => deps.log.warn({ err }, 'jobs could not run')), intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      await running?.catch(() => {});
    },
  };
}
