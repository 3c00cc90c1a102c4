// PDF documents in the six UN languages: fonts for every script and text laid out line by line.
//
// pdfkit draws a string with one font and lays it out left to right. A thread or a report holds text in any
// of the six languages, often mixed in one paragraph (an Arabic sentence naming "TLP:AMBER" and a date, a
// Chinese message quoting an IP address), so this module lays the text out itself:
// - fonts: DejaVu Sans for Latin, Cyrillic, Greek and Arabic (shipped with the npm package dejavu-fonts-ttf),
//   and for Chinese a CJK font of the system (Debian's fonts-noto-cjk), or the file PDF_CJK_FONT names;
//   each run of text gets the font that has its glyphs;
// - lines are broken by width at spaces, and between Han characters, which have none;
// - each line is put in visual order by the Unicode bidirectional algorithm (bidi-js): right-to-left runs are
//   shaped by fontkit in logical order (which joins Arabic letters and reverses them), a paragraph whose first
//   strong character is right-to-left is aligned right, and mirrored characters (brackets) are swapped.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import bidiFactory from 'bidi-js';

const require = createRequire(import.meta.url);
const DEJAVU = {
  body: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
  mono: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansMono.ttf'),
};

/** Where CJK fonts are on Debian and Ubuntu (fonts-noto-cjk), with the face to take from each collection. */
const CJK_CANDIDATES: { regular: string; bold: string; face?: string; boldFace?: string }[] = [
  {
    regular: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
    bold: '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc',
    face: 'NotoSansCJKsc-Regular',
    boldFace: 'NotoSansCJKsc-Bold',
  },
  {
    regular: '/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf',
    bold: '/usr/share/fonts/opentype/noto/NotoSansCJKsc-Bold.otf',
  },
  {
    regular: '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf',
    bold: '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf',
  },
];

let configuredCjk: string | undefined;

/** Names the CJK font file to use (config PDF_CJK_FONT); without it the system's is looked for. */
export function configurePdf(opts: { cjkFont?: string }): void {
  configuredCjk = opts.cjkFont || undefined;
}

/** The CJK font found, or null: Chinese text then shows as missing glyphs, and the server log said why. */
export function cjkFont(): { regular: string; bold: string; face?: string; boldFace?: string } | null {
  if (configuredCjk) return existsSync(configuredCjk) ? { regular: configuredCjk, bold: configuredCjk } : null;
  return CJK_CANDIDATES.find((c) => existsSync(c.regular)) ?? null;
}

export type PdfDoc = PDFKit.PDFDocument;
export type FontName = 'body' | 'bold' | 'mono';

/** A new A4 document with the fonts registered, and the promise of its bytes once `doc.end()` is called. */
export async function createPdf(opts: {
  title: string;
  margins: { top: number; bottom: number; left: number; right: number };
  bufferPages?: boolean;
}): Promise<{ doc: PdfDoc; done: Promise<Buffer> }> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    margins: opts.margins,
    bufferPages: opts.bufferPages ?? false,
    info: { Title: opts.title, Producer: 'cybernorms', Creator: 'cybernorms' },
  });
  doc.registerFont('body', DEJAVU.body);
  doc.registerFont('bold', DEJAVU.bold);
  doc.registerFont('mono', DEJAVU.mono);
  fontsOf.set(doc, false);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  return { doc, done };
}

/** Whether the document has the CJK fonts registered. */
const fontsOf = new WeakMap<PdfDoc, boolean>();

/** Registers the CJK fonts with the document the first time its text needs them; false when there are none. */
function withCjk(doc: PdfDoc): boolean {
  if (fontsOf.get(doc)) return true;
  const cjk = cjkFont();
  if (!cjk) return false;
  // Read once per process, and only when Chinese is written: a CJK collection is about 20 MB.
  doc.registerFont('cjk', fileBytes(cjk.regular), cjk.face as string);
  doc.registerFont('cjk-bold', fileBytes(cjk.bold), (cjk.boldFace ?? cjk.face) as string);
  fontsOf.set(doc, true);
  return true;
}
const files = new Map<string, Buffer>();
const fileBytes = (file: string) => {
  const bytes = files.get(file) ?? readFileSync(file);
  files.set(file, bytes);
  return bytes;
};

// Han, Hiragana, Katakana, Hangul, CJK punctuation and full-width forms: the CJK font's.
const CJK =
  /[\u2e80-\u2fdf\u3000-\u30ff\u3100-\u31ff\u3200-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]|[\ud840-\ud87f][\udc00-\udfff]/;
// Letters of right-to-left scripts: fontkit lays such a run out right to left by itself.
const RTL_LETTER = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/;

let bidi: ReturnType<typeof bidiFactory> | null = null;
const bidiOf = () => {
  bidi ??= bidiFactory();
  return bidi;
};

/** A piece of a line to draw: its text as fontkit should receive it, and its font. */
export interface Run {
  text: string;
  font: string;
  /** Shaped and reversed by fontkit as one piece (pdfkit otherwise lays a string out word by word, in logical order). */
  rtl?: boolean;
}

/**
 * The runs of text[start..end] (inclusive) in visual order, left to right. Pure: the layout's core, tested
 * on its own.
 */
export function visualRuns(text: string, levels: Uint8Array, start: number, end: number, font: FontName, cjk: boolean): Run[] {
  const b = bidiOf();
  const order: number[] = [];
  for (let i = start; i <= end; i++) order.push(i);
  const embedding = { levels, paragraphs: [{ start: 0, end: text.length - 1, level: levels[start] ?? 0 }] };
  for (const [from, to] of b.getReorderSegments(text, embedding, start, end)) {
    const a = order.slice(from - start, to - start + 1).reverse();
    order.splice(from - start, a.length, ...a);
  }
  const cjkFontName = font === 'bold' ? 'cjk-bold' : 'cjk';
  const fontFor = (ch: string) => (cjk && font !== 'mono' && CJK.test(ch) ? cjkFontName : font);
  const runs: { idx: number[]; level: number; font: string }[] = [];
  for (const i of order) {
    const ch = text[i];
    const level = levels[i] ?? 0;
    const f = fontFor(ch);
    const last = runs.at(-1);
    if (last && last.level === level && last.font === f) last.idx.push(i);
    else runs.push({ idx: [i], level, font: f });
  }
  return runs
    .map((r) => {
      if (r.level % 2 === 0) return { text: r.idx.map((i) => text[i]).join(''), font: r.font };
      // Brackets are mirrored here. A right-to-left run with letters of a right-to-left script goes to fontkit
      // in logical order, which shapes and reverses it (see write: as one piece); a run of neutrals only
      // (spaces, punctuation) is ordered here.
      const logical = [...r.idx].reverse().map((i) => (b.getMirroredCharacter(text[i]) as string | null) ?? text[i]);
      if (RTL_LETTER.test(logical.join(''))) return { text: logical.join(''), font: r.font, rtl: true };
      return { text: r.idx.map((i) => (b.getMirroredCharacter(text[i]) as string | null) ?? text[i]).join(''), font: r.font };
    })
    .filter((r) => r.text.length > 0);
}

// Closing punctuation a line never starts with (Chinese line-breaking rules; also Latin closers).
const NO_BREAK_BEFORE = /[。，、；：？！）」』】〕〉》”’.,;:!?)\]}]/;

/** Places where a line may break: after a run of spaces, and before and after each CJK character. */
function breakPoints(text: string): number[] {
  const points: number[] = [];
  for (let i = 1; i < text.length; i++) {
    const prev = text[i - 1];
    const cur = text[i];
    if (NO_BREAK_BEFORE.test(cur)) continue;
    if ((prev === ' ' && cur !== ' ') || CJK.test(cur) || CJK.test(prev)) points.push(i);
  }
  points.push(text.length);
  return points;
}

/**
 * Writes text at the document's cursor, paragraph by paragraph (on "\n"), wrapped to the margins, in visual
 * order, with the font each script needs; moves the cursor below it and adds pages as needed.
 */
export function write(
  doc: PdfDoc,
  text: string,
  style: { font?: FontName; size?: number; color?: string; gap?: number } = {},
): void {
  const font = style.font ?? 'body';
  const size = style.size ?? 10;
  const cjk = CJK.test(text) && withCjk(doc);
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  doc.fontSize(size);
  if (style.color) doc.fillColor(style.color);
  const lineHeight = doc.font(font).currentLineHeight(true) * 1.15;
  // An empty feature list makes pdfkit lay the run out as one piece (fontkit then orders a right-to-left
  // run); without it pdfkit lays each word out alone and keeps the words in logical order.
  const opts = (r: Run): PDFKit.Mixins.TextOptions => (r.rtl ? { features: [] } : {});
  // Widths come from pdfkit's word-by-word layout, which it caches (the words' widths add up to the run's:
  // Arabic letters do not join across a space); only drawing a right-to-left run lays it out whole.
  const widthOf = (r: Run) => doc.font(r.font).widthOfString(r.text);
  const b = bidiOf();
  let y = doc.y;
  for (const paragraph of text.replace(/\r\n?/g, '\n').split('\n')) {
    const para = paragraph.replace(/\t/g, '    ').replace(/[\u0000-\u001f]/g, '');
    if (y + lineHeight > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      y = doc.page.margins.top;
    }
    if (!para.trim()) {
      y += lineHeight;
      continue;
    }
    const embedding = b.getEmbeddingLevels(para);
    const rtl = (embedding.paragraphs[0]?.level ?? 0) % 2 === 1;
    const lineRuns = (s: number, e: number) => visualRuns(para, embedding.levels, s, e, font, cjk);
    // Greedy breaking: as many pieces (a word with its spaces, or a Han character) as fit on a line; a piece
    // wider than a line is cut by characters. Each piece is measured once, in logical order, run by font
    // (the order does not change a width); its trailing spaces do not count at the end of a line.
    const lines: [number, number][] = [];
    let start = 0;
    let used = 0;
    let from = 0;
    for (const to of breakPoints(para)) {
      const last = trimEnd(para, from, to - 1);
      const full = measureLogical(doc, para, from, to - 1, font, cjk);
      const bare = last < from ? 0 : last === to - 1 ? full : measureLogical(doc, para, from, last, font, cjk);
      if (used + bare > width && from > start) {
        lines.push([start, from - 1]);
        start = from;
        used = 0;
      }
      if (bare > width) {
        // One piece wider than a line (a hash, a long address): as many characters as fit, line by line.
        let c = from;
        while (c <= last) {
          let e = c;
          while (e < last && measureLogical(doc, para, c, e + 1, font, cjk) <= width) e++;
          if (e < last) lines.push([c, e]);
          else {
            start = c;
            used = measureLogical(doc, para, c, to - 1, font, cjk);
          }
          c = e + 1;
        }
        from = to;
        continue;
      }
      used += full;
      from = to;
    }
    if (start < para.length) lines.push([start, para.length - 1]);
    for (const [s, e] of lines) {
      const last = trimEnd(para, s, e);
      if (last < s) continue;
      if (y + lineHeight > doc.page.height - doc.page.margins.bottom) {
        doc.addPage();
        y = doc.page.margins.top;
      }
      const runs = lineRuns(s, last);
      const widths = runs.map(widthOf);
      let x = rtl ? left + width - widths.reduce((a, w) => a + w, 0) : left;
      // One baseline for the line whatever the fonts (their ascents differ).
      const baseline = y + size * 0.95;
      for (const [i, r] of runs.entries()) {
        doc.font(r.font).text(r.text, x, baseline, { lineBreak: false, baseline: 'alphabetic', ...opts(r) });
        x += widths[i];
      }
      y += lineHeight;
    }
  }
  y += style.gap ?? 0;
  doc.font(font);
  doc.x = left;
  doc.y = y;
}

/** The width of text[start..end] drawn with the fonts its characters need. */
function measureLogical(doc: PdfDoc, text: string, start: number, end: number, font: FontName, cjk: boolean): number {
  const cjkName = font === 'bold' ? 'cjk-bold' : 'cjk';
  let w = 0;
  let runStart = start;
  let runFont = '';
  for (let i = start; i <= end + 1; i++) {
    const f = i > end ? '' : cjk && font !== 'mono' && CJK.test(text[i]) ? cjkName : font;
    if (i > start && f !== runFont) {
      w += doc.font(runFont).widthOfString(text.slice(runStart, i));
      runStart = i;
    }
    runFont = f;
  }
  return w;
}

/** The last index of text[start..end] that is not a space (start - 1 when all are). */
function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e >= start && text[e] === ' ') e--;
  return e;
}
