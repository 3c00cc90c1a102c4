// A real SMTP server for the tests (smtp-server), collecting every message it receives.
import { SMTPServer } from 'smtp-server';
import { smtpTransport } from '../../src/platform/mail.ts';
import { freePort } from './net.ts';

export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
  raw: string;
}

/** Starts the server, on a given port (e.g. one a transport was already pointed at) or a free one. */
export async function startSmtp(atPort?: number) {
  const received: ReceivedMail[] = [];
  const waiters: (() => void)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // A client that keeps a pooled connection open does not hold up the end of a test for long.
    closeTimeout: 1000,
    onData(stream, session, callback) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        raw += chunk;
      });
      stream.on('end', () => {
        const [folded, ...body] = raw.split(/\r?\n\r?\n/);
        const head = folded.replace(/\r?\n[ \t]+/g, ' ');
        const subject = /^Subject: (.*)$/im.exec(head)?.[1] ?? '';
        const text = decodeBody(head, body.join('\n\n'));
        received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), subject: decodeHeader(subject), text, raw });
        for (const w of waiters.splice(0)) w();
        callback();
      });
    },
  });
  const port = atPort ?? (await freePort());
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${port}`,
    transport: smtpTransport(`smtp://127.0.0.1:${port}`, 'cybernorms <no-reply@cybernorms.invalid>'),
    received,
    /** Waits until a mail to this address (matching the filter) has arrived, and returns it. */
    async waitFor(to: string, match: (m: ReceivedMail) => boolean = () => true, timeoutMs = 10_000): Promise<ReceivedMail> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const hit = received.find((m) => m.to === to.toLowerCase() && match(m));
        if (hit) return hit;
        if (Date.now() > deadline)
          throw new Error(`no mail to ${to} within ${timeoutMs} ms (got: ${received.map((m) => m.to).join(', ')})`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function decodeHeader(value: string): string {
  return value.replace(/=\?utf-8\?([BQ])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(
          text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
          'latin1',
        ).toString('utf8'),
  );
}

function decodeBody(head: string, body: string): string {
  if (/Content-Transfer-Encoding: quoted-printable/i.test(head)) {
    const bytes = body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  if (/Content-Transfer-Encoding: base64/i.test(head)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return body;
}

/** The first link in a mail to this platform's path. */
export function linkIn(mail: ReceivedMail, path: string): string {
  const m = new RegExp(`https?://[^\\s]+${path}/[A-Za-z0-9_-]+`).exec(mail.text);
  if (!m) throw new Error(`no ${path} link in: ${mail.text}`);
  return m[0];
}
