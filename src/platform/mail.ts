// Outgoing mail. A feature queues a message in its own transaction (queueMail); the outbox delivers it
// after commit and again at start and every half minute for anything a crash or an SMTP outage left, so a
// mail a user was told about is never lost. Rows are claimed for a minute before sending, so several
// instances never send one twice while they are up. Without SMTP_URL each mail is written to a file under
// DATA_DIR/mail and its path logged, so someone trying the platform can follow the links.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Transporter } from 'nodemailer';
import type { Db, Queryable } from '../db/client.ts';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface MailTransport {
  describe: string;
  send(mail: Mail & { id: string }): Promise<string | null>;
  /** Closes open connections, if any. */
  close?(): void;
}

/**
 * Mail over SMTP on pooled connections: a round of communication checks sends hundreds of mails, and a
 * new connection for each costs about 100 ms (docs/benchmarks.md); `pool=false` in SMTP_URL turns it off.
 */
export function smtpTransport(url: string, from: string, opts: { pool?: boolean } = {}): MailTransport {
  const target = new URL(url);
  if (opts.pool !== undefined) target.searchParams.set('pool', String(opts.pool));
  else if (!target.searchParams.has('pool')) target.searchParams.set('pool', 'true');
  // nodemailer is loaded with the first mail, not at start.
  let transporter: Promise<Transporter> | null = null;
  return {
    describe: `SMTP ${target.host}`,
    async send(mail) {
      transporter ??= import('nodemailer').then((m) => m.default.createTransport(target.toString()));
      await (await transporter).sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
      return null;
    },
    close() {
      void transporter?.then((t) => t.close());
      transporter = null;
    },
  };
}

export function fileTransport(dir: string, from: string): MailTransport {
  return {
    describe: `files in ${dir}`,
    async send(mail) {
      mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${mail.id}.eml`);
      const headers = [`From: ${from}`, `To: ${mail.to}`, `Subject: ${mail.subject}`, 'Content-Type: text/plain; charset=utf-8'];
      writeFileSync(file, `${headers.join('\n')}\n\n${mail.text}\n`);
      return file;
    },
  };
}

export async function queueMail(tx: Queryable, mail: Mail, now: Date): Promise<void> {
  await tx.query('insert into outbox (recipient, subject, body, created_at) values ($1, $2, $3, $4)', [
    mail.to,
    mail.subject,
    mail.text,
    now.toISOString(),
  ]);
}

export interface Outbox {
  /** Delivers what is pending; concurrent calls share one run. */
  flush(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

export function createOutbox(deps: {
  db: Db;
  transport: MailTransport;
  log: { info: (o: object, m: string) => void; warn: (o: object, m: string) => void };
}): Outbox {
  let running: Promise<number> | null = null;
  let timer: NodeJS.Timeout | null = null;

  async function deliver(): Promise<number> {
    let sent = 0;
    for (;;) {
      // Claim a batch for a minute: another instance skips it, and a crash releases it.
      const batch = await deps.db.query<{ id: string; recipient: string; subject: string; body: string }>(
        `update outbox set attempts = attempts + 1, last_error = 'claimed', claimed_until = now() + interval '1 minute'
         where id in (select id from outbox where sent_at is null and attempts < 120
                        and (claimed_until is null or claimed_until < now())
                      order by id limit 20 for update skip locked)
         returning id, recipient, subject, body`,
      );
      if (!batch.length) return sent;
      for (const [i, m] of batch.entries()) {
        try {
          const file = await deps.transport.send({ id: m.id, to: m.recipient, subject: m.subject, text: m.body });
          await deps.db.query('update outbox set sent_at = now(), last_error = null where id = $1', [m.id]);
          deps.log.info(
            { mail: m.id, to: m.recipient, ...(file ? { file } : {}) },
            file ? `mail written to ${file}` : 'mail sent',
          );
          sent++;
        } catch (err) {
          // The server is likely down: release this mail and the rest of the batch for the next try.
          const rest = batch.slice(i).map((r) => r.id);
          await deps.db.query('update outbox set last_error = $2, claimed_until = null where id = any($1::bigint[])', [
            rest,
            String(err),
          ]);
          deps.log.warn({ mail: m.id, err }, 'mail not sent; will retry');
          return sent;
        }
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

  return {
    flush,
    start() {
      void flush();
      timer = setInterval(() => void flush(), 30_000);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      await running;
      deps.transport.close?.();
    },
  };
}
