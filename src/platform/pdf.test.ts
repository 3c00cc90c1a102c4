// PDF text in the six languages: runs in visual order, fonts per script, lines within the margins.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import bidiFactory from 'bidi-js';
import { cjkFont, createPdf, visualRuns, write } from './pdf.ts';

const runsOf = (text: string) => {
  const { levels } = bidiFactory().getEmbeddingLevels(text);
  return visualRuns(text, levels, 0, text.length - 1, 'body', true);
};

test('an Arabic line quoting Latin text: runs left to right, the Arabic given to fontkit in logical order, brackets mirrored', () => {
  const runs = runsOf('وزارة الخارجية (TLP:AMBER) ويجب الإقرار');
  assert.deepEqual(
    runs.map((r) => r.text),
    // Leftmost first: the end of the sentence (its logical order, with the closing bracket mirrored to open
    // towards the marking), the Latin marking, then the start of the sentence.
    ['( ويجب الإقرار', 'TLP:AMBER', 'وزارة الخارجية )'],
    'three runs in visual order',
  );
  assert.deepEqual(
    runs.map((r) => Boolean(r.rtl)),
    [true, false, true],
    'the Arabic runs are laid out by fontkit as one piece each',
  );
});

test('a Latin line is one run; a Chinese line takes the CJK font for the Han characters only', () => {
  assert.deepEqual(runsOf('Recipients: France, Kenya'), [{ text: 'Recipients: France, Kenya', font: 'body' }], 'one run');
  assert.deepEqual(
    runsOf('来自 203.0.113.7 的扫描'),
    [
      { text: '来自', font: 'cjk' },
      { text: ' 203.0.113.7 ', font: 'body' },
      { text: '的扫描', font: 'cjk' },
    ],
    'Han in the CJK font, the address in the body font',
  );
});

test('a PDF with Chinese, Arabic and a long unbroken value: Chinese in a CJK font, every character kept, nothing past the margin', async (t) => {
  const font = cjkFont();
  if (!font) {
    t.skip('no CJK font on this machine (Debian: fonts-noto-cjk; or set PDF_CJK_FONT); .ci/run installs it');
    return;
  }
  const { doc, done } = await createPdf({ title: 't', margins: { top: 56, bottom: 56, left: 56, right: 56 } });
  const chinese =
    '我们观察到来自该地址的扫描活动，请协助调查。这是一段很长的中文文本，用于测试没有空格的行如何换行，以确保每一行都不会超出页边距。';
  const hash = 'ab'.repeat(60);
  write(doc, '接收国', { font: 'bold', size: 14 });
  write(doc, chinese, { size: 11 });
  write(doc, 'تم إرسال الإخطار إلى وزارة الخارجية', { size: 11 });
  write(doc, `SHA-256 ${hash}`, { font: 'mono', size: 9 });
  doc.end();
  const pdf = await done;
  assert.ok(pdf.includes(Buffer.from('NotoSansCJK')) || pdf.includes(Buffer.from('DroidSans')), 'a CJK font is embedded');
  const text = execFileSync('pdftotext', ['-', '-'], { input: pdf, encoding: 'utf8' });
  assert.ok(text.replace(/\s+/g, '').includes(chinese), 'the Chinese paragraph is extracted whole, in order');
  assert.ok(text.includes('接收国'), 'the heading');
  assert.ok(text.replace(/\s+/g, '').includes(hash), 'the long value is kept whole across lines');
  assert.ok(text.split('\n').filter((l) => l.includes('ab')).length >= 2, 'the long value wraps');
  // Every glyph lies within the page's margins (pdftotext's word boxes, in points).
  const boxes = execFileSync('pdftotext', ['-bbox', '-', '-'], { input: pdf, encoding: 'utf8' });
  const xMax = Math.max(...[...boxes.matchAll(/xMax="([\d.]+)"/g)].map((m) => Number(m[1])));
  assert.ok(xMax <= 595.28 - 56 + 0.5, `nothing past the right margin (${xMax})`);
});
