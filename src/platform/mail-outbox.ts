// Delivering the outbox. Each mail keeps its own schedule: after a failed attempt it waits (30 s, then
// twice as long each time, at most 30 min by default) before it is tried again, whatever else happens
// meanwhile: mail queued by other actions calls flush(), which sends only what is due, so a burst of
// sends during an SMTP outage never burns the attempts of the mail before it. A mail still unsent
// MAIL_GIVE_UP_HOURS after it was queued (or sent again) is given up at its next failed attempt: kept with
// its last reason for administrators (who can send it again), counted in /metrics, logged once at error
// level. Never deleted.
//
// Exactly once: rows are claimed (`claimed_until`, in the database's real time, for five minutes) before
// sending, so two instances never send one twice while they are up; an attempt ends within the SMTP
// timeouts, and a batch that has run for half its claim lets the rest go and claims afresh. The schedule
// (next_attempt_at, the give-up time) is in the app's clock, so tests move hours in milliseconds.
import type { Db } from '../db/client.ts';
import type { MailTransport } from './mail.ts';

export interface Outbox {
  /** Delivers what is due; concurrent calls share one run (and ask for one more pass). */
  flush(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
  /** The outbox as it is now, across every instance (the database's counts). */
  stats(): Promise<OutboxStats>;
  /** What this instance did since it started, for the /metrics counters. */
  readonly counters: { sent: number; failedAttempts: number; givenUp: number };
}

export interface OutboxStats {
  /** Waiting to go (never tried, or tried and waiting for the next attempt); not given up. */
  pending: number;
  /** Of those, tried at least once without success. */
  failing: number;
  givenUp: number;
  /** Age in seconds of the oldest pending mail, 0 when none. */
  oldestPendingSeconds: number;
}

export interface OutboxSchedule {
  /** The wait after the first failed attempt; it doubles after each further one. */
  firstRetryMs: number;
  /** The longest wait between two attempts. */
  maxRetryMs: number;
  /** How long after it was queued a mail that still cannot go is given up. */
  giveUpMs: number;
}

const CLAIM_MS = 5 * 60_000;
const BATCH = 20;

/** The wait after `attempts` failed attempts: first × 2^(attempts−1), at most max. */
export function retryDelayMs(attempts: number, s: Pick<OutboxSchedule, 'firstRetryMs' | 'maxRetryMs'>): number {
  const n = Math.max(1, attempts);
  return Math.min(s.maxRetryMs, s.firstRetryMs * 2 ** Math.min(n - 1, 40));
}

/** Failures of this one message (a recipient or the message refused); any other failure is the server's. */
function messageOnly(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return code === 'EENVELOPE' || code === 'EMESSAGE';
}

/** The reason kept with the mail: the SMTP answer or the error's code and message, bounded. */
function reasonOf(err: unknown): string {
  const e = err as { code?: unknown; response?: unknown; message?: unknown };
  const text = typeof e?.response === 'string' ? e.response : typeof e?.message === 'string' ? e.message : String(err);
  const code = typeof e?.code === 'string' && !text.includes(e.code) ? `${e.code}: ` : '';
  return `${code}${text}`.slice(0, 1000);
}

interface Claimed {
  id: string;
  recipient: string;
  subject: string;
  body: string;
  attempts: number;
  created_at: Date | string;
  requeued_at: Date | string | null;
}

export function createOutbox(deps: {
  db: Db;
  transport: MailTransport;
  log: {
    info: (o: object, m: string) => void;
    warn: (o: object, m: string) => void;
    error: (o: object, m: string) => void;
  };
  /** The app's clock: when a mail is due and when it is given up. */
  clock?: () => Date;
  schedule?: Partial<OutboxSchedule>;
  /** How often due mail is looked for besides the flushes actions ask for. */
  intervalMs?: number;
}): Outbox {
  const clock = deps.clock ?? (() => new Date());
  const schedule: OutboxSchedule = {
    firstRetryMs: 30_000,
    maxRetryMs: 30 * 60_000,
    giveUpMs: 72 * 3_600_000,
    ...deps.schedule,
  };
  const counters = { sent: 0, failedAttempts: 0, givenUp: 0 };
  let running: Promise<number> | null = null;
  let timer: NodeJS.Timeout | null = null;

  const release = (ids: string[]) =>
    ids.length
      ? deps.db.query('update outbox set claimed_until = null where id = any($1::bigint[]) and sent_at is null', [ids])
      : Promise.resolve([]);

  async function failed(m: Claimed, err: unknown): Promise<void> {
    const now = clock();
    const attempts = m.attempts + 1;
    const since = new Date(m.requeued_at ?? m.created_at).getTime();
    const giveUp = now.getTime() - since >= schedule.giveUpMs;
    const next = giveUp ? null : new Date(now.getTime() + retryDelayMs(attempts, schedule)).toISOString();
    const reason = reasonOf(err);
    const rows = await deps.db.query<{ id: string }>(
      `update outbox set attempts = attempts + 1, last_attempt_at = $2, last_error = $3, claimed_until = null,
         next_attempt_at = $4, given_up_at = case when $5::boolean then $2::timestamptz end
       where id = $1 and sent_at is null and given_up_at is null returning id`,
      [m.id, now.toISOString(), reason, next, giveUp],
    );
    counters.failedAttempts++;
    if (giveUp && rows.length) {
      counters.givenUp++;
      // Once per mail: the row is given up only here, and a given-up row is never claimed again.
      deps.log.error(
        { mail: m.id, to: m.recipient, subject: m.subject, attempts, queuedAt: new Date(m.created_at).toISOString(), err },
        'mail given up: not sent within the give-up time; kept for administrators to send again (/admin/mail)',
      );
    } else {
      deps.log.warn({ mail: m.id, attempts, nextAttemptAt: next, err }, 'mail not sent; will retry');
    }
  }

  async function deliver(): Promise<number> {
    let sent = 0;
    for (;;) {
      // Claim a batch of due mail: another instance skips it, and a crash releases it when the claim ends.
      const batch = await deps.db.query<Claimed>(
        `update outbox set claimed_until = now() + interval '${CLAIM_MS / 1000} seconds'
         where id in (select id from outbox
                      where sent_at is null and given_up_at is null
                        and (next_attempt_at is null or next_attempt_at <= $1)
                        and (claimed_until is null or claimed_until < now())
                      order by id limit ${BATCH} for update skip locked)
         returning id::text, recipient, subject, body, attempts, created_at, requeued_at`,
        [clock().toISOString()],
      );
      if (!batch.length) return sent;
      batch.sort((a, b) => Number(a.id) - Number(b.id));
      const claimedAt = performance.now();
      for (const [i, m] of batch.entries()) {
        // A slow server: let the rest go before the claim could end under us, and claim afresh.
        if (performance.now() - claimedAt > CLAIM_MS / 2) {
          await release(batch.slice(i).map((r) => r.id));
          break;
        }
        let file: string | null;
        try {
          file = await deps.transport.send({ id: m.id, to: m.recipient, subject: m.subject, text: m.body });
        } catch (err) {
          await failed(m, err);
          if (messageOnly(err)) continue;
          // The server is down or refusing: the rest were not tried, so they keep their turn for the next run.
          await release(batch.slice(i + 1).map((r) => r.id));
          return sent;
        }
        const now = clock().toISOString();
        await deps.db.query(
          `update outbox set sent_at = $2, last_attempt_at = $2, attempts = attempts + 1, claimed_until = null,
             next_attempt_at = null where id = $1`,
          [m.id, now],
        );
        counters.sent++;
        deps.log.info({ mail: m.id, to: m.recipient, ...(file ? { file } : {}) }, file ? `mail written to ${file}` : 'mail sent');
        sent++;
      }
    }
  }

  let again = false;
  // One run at a time; a call during a run asks for one more pass, so mail queued meanwhile is not left waiting.
  const flush = (): Promise<number> => {
    if (running) {
      again = true;
      return running;
    }
    running = deliver()
      .catch((err) => {
        deps.log.warn({ err }, 'mail delivery failed; will retry');
        return 0;
      })
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          void flush();
        }
      });
    return running;
  };

  async function stats(): Promise<OutboxStats> {
    const [row] = await deps.db.query<{ pending: number; failing: number; given_up: number; oldest: Date | string | null }>(
      `select count(*) filter (where given_up_at is null)::int as pending,
              count(*) filter (where given_up_at is null and attempts > 0)::int as failing,
              count(*) filter (where given_up_at is not null)::int as given_up,
              min(created_at) filter (where given_up_at is null) as oldest
       from outbox where sent_at is null`,
    );
    const oldest = row?.oldest ? new Date(row.oldest).getTime() : null;
    return {
      pending: row?.pending ?? 0,
      failing: row?.failing ?? 0,
      givenUp: row?.given_up ?? 0,
      oldestPendingSeconds: oldest === null ? 0 : Math.max(0, Math.round((clock().getTime() - oldest) / 1000)),
    };
  }

  return {
    flush,
    stats,
    counters,
    start() {
      void flush();
      timer = setInterval(() => void flush(), deps.intervalMs ?? Math.min(30_000, Math.max(1_000, schedule.firstRetryMs)));
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      await running;
      deps.transport.close?.();
    },
  };
}
