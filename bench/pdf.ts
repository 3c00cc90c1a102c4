// PDF text layout (platform/pdf.ts) against pdfkit's own text() as the baseline, side by side in one run:
// the same 40 paragraphs (a report's worth) in English, then in Arabic and Chinese, each drawn both ways,
// alternating, RUNS times. pdfkit's own layout cannot draw Arabic or Chinese correctly (the baseline's output
// there is wrong); it is timed as the cost floor. Run: npx tsx bench/pdf.ts
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { createPdf, write } from '../src/platform/pdf.ts';

const RUNS = Number(process.env.RUNS ?? 15);
const require = createRequire(import.meta.url);
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');

const TEXTS: Record<string, string> = {
  en: 'The national CERT shares indicators with its counterparts within 24 hours under TLP:AMBER, and the ministry reports each request for assistance to the point of contact of the State concerned (norm h).',
  ar: 'يتبادل الفريق الوطني للاستجابة للطوارئ الحاسوبية المؤشرات مع نظرائه خلال 24 ساعة وفق TLP:AMBER، وتبلغ الوزارة جهة الاتصال في الدولة المعنية بكل طلب للمساعدة (المعيار ح).',
  zh: '国家计算机应急响应小组在24小时内按照 TLP:AMBER 与对口机构共享指标，外交部将每一项援助请求通报有关国家的联络点（规范 (h)）。',
};

async function mine(text: string) {
  const { doc, done } = await createPdf({ title: 'b', margins: { top: 56, bottom: 56, left: 56, right: 56 } });
  for (let i = 0; i < 40; i++) write(doc, text, { size: 10, gap: 4 });
  doc.end();
  return done;
}

async function baseline(text: string) {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: 'A4', margins: { top: 56, bottom: 56, left: 56, right: 56 } });
  doc.registerFont('body', FONT);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.font('body').fontSize(10);
  for (let i = 0; i < 40; i++) doc.text(text, { paragraphGap: 4 });
  doc.end();
  return done;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log('| text | pdfkit text() (baseline) | platform/pdf.ts | ratio |');
console.log('| --- | ---: | ---: | ---: |');
for (const [lang, text] of Object.entries(TEXTS)) {
  await mine(text);
  await baseline(text);
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let s = performance.now();
    await baseline(text);
    a.push(performance.now() - s);
    s = performance.now();
    await mine(text);
    b.push(performance.now() - s);
  }
  console.log(
    `| ${lang}, 40 paragraphs | ${median(a).toFixed(1)} ms | ${median(b).toFixed(1)} ms | ${(median(b) / median(a)).toFixed(2)}× |`,
  );
}
