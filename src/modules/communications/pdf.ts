// A thread as a PDF for a ministry's file: the TLP marking in the header and footer of every page (as
// FIRST asks), the communication's particulars, each recipient State's status, every message with its
// indicators and its attached files (name, size and SHA-256, so the file on record can be checked against
// it), and the timeline. Every time is in UTC and says so. DejaVu Sans covers Latin, Greek and Cyrillic; pdfkit is loaded with the
// first export, not at start.
import { createRequire } from 'node:module';
import type { EventView, MessageView, RecipientRow, ThreadRow } from './communications.types.ts';

const require = createRequire(import.meta.url);
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');
const MONO = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansMono.ttf');

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
  };
  exportedBy: string;
  exportedAt: Date;
}

const when = (d: Date | string | null) => (d ? `${new Date(d).toISOString().replace('T', ' ').slice(0, 16)} UTC` : '—');

export async function threadPdf(input: PdfInput): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 64, bottom: 64, left: 56, right: 56 },
    bufferPages: true,
    info: { Title: input.thread.subject, Producer: 'cybernorms', Creator: 'cybernorms' },
  });
  doc.registerFont('body', FONT);
  doc.registerFont('bold', BOLD);
  doc.registerFont('mono', MONO);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const { thread } = input;
  const label = `TLP:${thread.tlp.toUpperCase()}`;
  const name = (code: string) => input.states[code] ?? code;

  doc.font('bold').fontSize(18).text(thread.subject);
  doc.moveDown(0.4);
  doc.font('body').fontSize(10).fillColor('#333');
  doc.text(`${input.labels.type} · ${input.labels.urgency} · ${label}`);
  doc.text(`${name(thread.sender_state)} → ${input.recipients.map((r) => name(r.state_code)).join(', ')}`);
  doc.text(`Sent ${when(thread.sent_at)} · reference ${thread.id}`);
  doc.moveDown();
  doc.fillColor('#000').font('bold').fontSize(12).text('Recipients');
  doc.font('body').fontSize(10);
  for (const r of input.recipients)
    doc.text(
      `${name(r.state_code)}: ${input.labels.status(r.status)}; acknowledgement due ${when(r.ack_due)}; acknowledged ${when(r.acknowledged_at)}; responded ${when(r.responded_at)}${r.escalated_at ? `; escalated ${when(r.escalated_at)}` : ''}`,
    );

  for (const m of input.messages) {
    doc.moveDown();
    doc
      .font('bold')
      .fontSize(12)
      .text(`${input.labels.kind(m.kind)} — ${m.author} (${name(m.authorState)}), ${when(m.createdAt)}`);
    doc.font('body').fontSize(10.5).text(m.body, { paragraphGap: 4 });
    if (m.norms.length) doc.text(`Norms: ${m.norms.join(', ')}`);
    if (m.sectors.length) doc.text(`Sectors: ${m.sectors.map(input.labels.sector).join(', ')}`);
    if (m.actionRequested) doc.text(`Action requested: ${m.actionRequested}${m.actionDue ? ` (by ${when(m.actionDue)})` : ''}`);
    if (m.indicators.length) {
      doc.moveDown(0.3).font('bold').text('Indicators');
      doc.font('mono').fontSize(9);
      for (const i of m.indicators) doc.text(`${i.type.padEnd(7)} ${i.value}`);
      doc.font('body').fontSize(10.5);
    }
    if (m.attachments.length) {
      doc.moveDown(0.3).font('bold').text('Attachments');
      for (const a of m.attachments) {
        doc
          .font('body')
          .fontSize(10)
          .text(`${a.name} (${a.mediaType}, ${input.labels.size(a.size)})`);
        doc.font('mono').fontSize(8.5).text(`SHA-256 ${a.sha256}`);
      }
      doc.font('body').fontSize(10.5);
    }
  }

  doc.moveDown();
  doc.font('bold').fontSize(12).text('Timeline');
  doc.font('body').fontSize(10);
  for (const e of input.events) doc.text(`${when(e.at)} — ${input.labels.event(e)}`);
  doc.moveDown();
  doc
    .fillColor('#555')
    .fontSize(8)
    .text(`Exported by ${input.exportedBy} on ${when(input.exportedAt)}. ${label}: share only as the marking allows.`);

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
