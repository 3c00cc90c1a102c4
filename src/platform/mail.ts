// Outgoing mail. A feature queues a message in its own transaction (queueMail); the outbox
// (mail-outbox.ts) delivers it after commit, and retries each mail that could not go on its own schedule,
// so a mail a user was told about is never lost. Without SMTP_URL each mail is written to a file under
// DATA_DIR/mail and its path logged, so someone trying the platform can follow the links.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Transporter } from 'nodemailer';
import type { Queryable } from '../db/client.ts';
import { utcStamp } from './dates.ts';

export { createOutbox, type Outbox, type OutboxStats, retryDelayMs } from './mail-outbox.ts';

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

/** How long an SMTP conversation may stall, so one attempt ends well within the outbox's claim. */
export interface SmtpTimeouts {
  connectionMs?: number;
  greetingMs?: number;
  socketMs?: number;
}

/**
 * Mail over SMTP on pooled connections: a round of communication checks sends hundreds of mails, and a
 * new connection for each costs about 100 ms (docs/benchmarks.md); `pool=false` in SMTP_URL turns it off.
 * A server that accepts the connection and then says nothing (a black hole) fails the attempt after the
 * timeouts (15 s to connect or be greeted, 60 s of silence), not nodemailer's default of minutes.
 */
export function smtpTransport(url: string, from: string, opts: { pool?: boolean; timeouts?: SmtpTimeouts } = {}): MailTransport {
  const target = new URL(url);
  if (opts.pool !== undefined) target.searchParams.set('pool', String(opts.pool));
  else if (!target.searchParams.has('pool')) target.searchParams.set('pool', 'true');
  // nodemailer reads its options from the address's query; one given in SMTP_URL wins.
  const t = opts.timeouts ?? {};
  for (const [key, ms] of [
    ['connectionTimeout', t.connectionMs ?? 15_000],
    ['greetingTimeout', t.greetingMs ?? 15_000],
    ['socketTimeout', t.socketMs ?? 60_000],
  ] as const)
    if (!target.searchParams.has(key)) target.searchParams.set(key, String(ms));
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
      void transporter?.then((tr) => tr.close());
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

/**
 * A date and time in a mail, said as the recipient's language says it, in UTC with the zone named
 * ("5 mars 2026 à 14:30 UTC"): a mail is read anywhere, so it never leaves the zone to be guessed.
 */
export const mailDate = (locale: string, at: Date | string): string => utcStamp(locale, at, 'long');

/** Queues a mail in the caller's transaction: it goes out after commit, and never if the change rolls back. */
export async function queueMail(tx: Queryable, mail: Mail, now: Date): Promise<void> {
  await tx.query('insert into outbox (recipient, subject, body, created_at) values ($1, $2, $3, $4)', [
    mail.to,
    mail.subject,
    mail.text,
    now.toISOString(),
  ]);
}
