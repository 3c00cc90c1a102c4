// What leaves the platform: a thread as an export (the STIX bundle and PDF are built from it by stix.ts and
// pdf.ts) and one attached file. Both show only what the reader may see, and each is recorded in the audit log.
import type { Actor } from '../../platform/access.ts';
import { AppError, errors } from '../../platform/errors.ts';
import type { Origin } from '../../platform/kernel.ts';
import type { Core } from './communications.common.ts';
import { party, UUID } from './communications.policy.ts';
import { stateNames } from './communications.queries.ts';
import { attachmentOfThread } from './messages.queries.ts';
import type { Reading } from './reading.service.ts';

export function createExports(core: Core, reading: Pick<Reading, 'messages' | 'events'>) {
  const { db, audit } = core;

  /** What an export (STIX bundle, PDF) contains for this reader; the export is recorded. */
  async function exportView(actor: Actor, id: string, format: 'stix' | 'pdf', origin: Origin) {
    const p = await party(db, actor, id);
    if (p.thread.status === 'draft') throw new AppError('CONFLICT', 409, 'A draft cannot be exported; send it first.');
    const recipients = p.sees ? p.recipients.filter((r) => p.sees?.includes(r.state_code)) : p.recipients;
    const codes = [p.thread.sender_state, ...recipients.map((r) => r.state_code)];
    const names = await stateNames(db, codes);
    const states = Object.fromEntries(codes.map((c) => [c, names.find((n) => n.code === c)?.name ?? c]));
    await db.transaction((tx) => audit(tx, actor, origin, 'communication.export', id, { format, side: p.side }));
    return { ...p, recipients, states, messages: await reading.messages(p), events: await reading.events(p) };
  }

  /** One attached file, for a reader who may see the message it belongs to; the download is recorded. */
  async function attachment(actor: Actor, id: string, attachmentId: string, origin: Origin) {
    const p = await party(db, actor, id);
    if (!UUID.test(attachmentId)) throw errors.notFound('The file');
    const f = await attachmentOfThread(db, attachmentId, id);
    if (!f || (p.sees && !p.sees.includes(f.author_state))) throw errors.notFound('The file');
    await db.transaction((tx) =>
      audit(tx, actor, origin, 'communication.attachment', id, { file: attachmentId, sha256: f.sha256 }),
    );
    return { name: f.name, mediaType: f.media_type, sha256: f.sha256, content: Buffer.from(f.content) };
  }

  return { exportView, attachment };
}
