// A thread as a PDF for a ministry's file: the TLP marking in the header and footer of every page (as
// FIRST asks), the communication's particulars, each recipient State's status, every message with its
// indicators and its attached files (name, size and SHA-256, so the file on record can be checked against
// it), and the timeline. Headings are in the reader's language; every time is in UTC and says so. Text in
// any of the six languages is laid out by platform/pdf.ts (right to left where it is, Chinese in a CJK font);
// pdfkit is loaded with the first export, not at start.
import type { Translate } from '../../platform/i18n/i18n.ts';
import { createPdf, write } from '../../platform/pdf.ts';
import type { EventView, MessageView, RecipientRow, ThreadRow } from './communications.types.ts';

const TLP_COLOURS: Record<string, string> = {
  red: '#FF2B2B',
  amber: '#FFC000',
  'amber+strict': '#FFC000',
  green: '#33FF00',
  clear: '#FFFFFF',
};

export interface PdfInput {
  thread: ThreadRow;
  recipients: RecipientRow[];
  messages: MessageView[];
  events: EventView[];
  states: Record<string, string>;
  labels: {
    type: string;
    urgency: string;
    status: (s: string) => string;
    event: (e: EventView) => string;
    kind: (k: string) => string;
    /** A file size in the reader's language ("42 bytes", "1.2 MB"). */
    size: (bytes: number) => string;
    /** A sector's name in the reader's language. */
    sector: (slug: string) => string;
    /** The reader's translator, for the headings and sentences. */
    t: Translate;
  };
  exportedBy: string;
  exportedAt: Date;
}

const when = (d: Date | string | null) => (d ? `${new Date(d).toISOString().replace('T', ' ').slice(0, 16)} UTC` : '—');

export async function threadPdf(input: PdfInput): Promise<Buffer> {
  const { doc, done } = await createPdf({
    title: input.thread.subject,
    margins: { top: 64, bottom: 64, left: 56, right: 56 },
    bufferPages: true,
  });
  const { thread } = input;
  const { t } = input.labels;
  const label = `TLP:${thread.tlp.toUpperCase()}`;
  const name = (code: string) => input.states[code] ?? code;
  const list = (items: string[]) => items.join(t.locale === 'zh' ? '、' : t.locale === 'ar' ? '، ' : ', ');
  const heading = (text: string) => {
    doc.moveDown(0.6);
    write(doc, text, { font: 'bold', size: 12, color: '#000' });
  };

  write(doc, thread.subject, { font: 'bold', size: 18, gap: 6 });
  write(doc, `${input.labels.type} · ${input.labels.urgency} · ${label}`, { color: '#333' });
  write(doc, `${name(thread.sender_state)} → ${list(input.recipients.map((r) => name(r.state_code)))}`);
  write(doc, t('pdf.sent', { at: when(thread.sent_at), id: thread.id }));
  heading(t('pdf.recipients'));
  for (const r of input.recipients)
    write(
      doc,
      t(r.escalated_at ? 'pdf.recipient.escalated' : 'pdf.recipient', {
        state: name(r.state_code),
        status: input.labels.status(r.status),
        due: when(r.ack_due),
        acknowledged: when(r.acknowledged_at),
        responded: when(r.responded_at),
        escalated: when(r.escalated_at),
      }),
    );

  for (const m of input.messages) {
    heading(`${input.labels.kind(m.kind)} — ${m.author} (${name(m.authorState)}), ${when(m.createdAt)}`);
    write(doc, m.body, { size: 10.5, gap: 4 });
    if (m.norms.length) write(doc, t('pdf.norms', { list: list(m.norms) }));
    if (m.sectors.length) write(doc, t('pdf.sectors', { list: list(m.sectors.map(input.labels.sector)) }));
    if (m.actionRequested)
      write(
        doc,
        m.actionDue
          ? t('pdf.action.due', { action: m.actionRequested, due: when(m.actionDue) })
          : t('pdf.action', { action: m.actionRequested }),
      );
    if (m.indicators.length) {
      write(doc, t('comm.indicators'), { font: 'bold' });
      for (const i of m.indicators) write(doc, `${i.type.padEnd(7)} ${i.value}`, { font: 'mono', size: 9 });
    }
    if (m.attachments.length) {
      write(doc, t('comm.attachments'), { font: 'bold' });
      for (const a of m.attachments) {
        write(doc, `${a.name} (${a.mediaType}, ${input.labels.size(a.size)})`);
        write(doc, `SHA-256 ${a.sha256}`, { font: 'mono', size: 8.5 });
      }
    }
  }

  heading(t('comm.timeline'));
  for (const e of input.events) write(doc, `${when(e.at)} — ${input.labels.event(e)}`);
  doc.moveDown();
  write(doc, t('pdf.footer', { who: input.exportedBy, at: when(input.exportedAt), label }), { size: 8, color: '#555' });

  // The marking on every page, top and bottom.
  const range = doc.bufferedPageRange();
  for (let p = range.start; p < range.start + range.count; p++) {
    doc.switchToPage(p);
    for (const y of [28, doc.page.height - 44]) {
      const width = doc.font('mono').fontSize(10).widthOfString(label) + 12;
      const x = doc.page.width - doc.page.margins.right - width;
      doc.save().rect(x, y, width, 16).fill('#000').restore();
      doc.fillColor(TLP_COLOURS[thread.tlp] ?? '#FFF').text(label, x + 6, y + 3, { lineBreak: false });
    }
    doc
      .fillColor('#555')
      .font('body')
      .fontSize(8)
      .text(`${p + 1} / ${range.count}`, doc.page.margins.left, doc.page.height - 40, { lineBreak: false });
  }
  doc.end();
  return done;
}
