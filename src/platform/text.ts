// What a piece of user text may not contain. Bidirectional controls make a name read differently from
// what it is (`invoice\u202Efdp.txt` shows as "invoicetxt.pdf"), and control characters hide or break
// lines in pages, mail, PDFs and exports. Validators call these and refuse the field with the reason's code.

/** Overrides, embeddings and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI): they reorder what follows. */
const BIDI_FORMATTING = /[\u202A-\u202E\u2066-\u2069]/;
/** The same, plus the invisible direction marks (LRM, RLM, ALM), which have no place in a one-line field. */
const BIDI_ANY = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;
/** C0 and C1 control characters, DEL, and the Unicode line and paragraph separators. */
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;
/** The same, except tab, line feed and carriage return, which multi-line text keeps. */
const CONTROL_MULTILINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

import type { ReasonCode } from './i18n/reasons.ts';

/** Why a text is refused, as a reason code of the catalogue and the character it found. */
export interface TextProblem {
  code: ReasonCode;
  params: { char: string };
}

const codePoint = (ch: string) => `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Null when the text is fit for a one-line field (a subject, a name, a title, a file name), else the reason,
 * naming the first offending character.
 */
export function singleLineProblem(text: string): TextProblem | null {
  const bidi = BIDI_ANY.exec(text);
  if (bidi) return { code: 'bidi', params: { char: codePoint(bidi[0]) } };
  const control = CONTROL.exec(text);
  if (control) return { code: 'control', params: { char: codePoint(control[0]) } };
  return null;
}

/**
 * Null when the text is fit for a multi-line field (a Markdown body, a note), else the reason: line breaks
 * and tabs are kept, as are the direction marks right-to-left writing uses; overrides, embeddings, isolates
 * and other control characters are not.
 */
export function multiLineProblem(text: string): TextProblem | null {
  const bidi = BIDI_FORMATTING.exec(text);
  if (bidi) return { code: 'bidiFormatting', params: { char: codePoint(bidi[0]) } };
  const control = CONTROL_MULTILINE.exec(text);
  if (control) return { code: 'controlMultiline', params: { char: codePoint(control[0]) } };
  return null;
}

const INVISIBLE = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u0000-\u001F\u007F-\u009F\u2028\u2029]/g;

/**
 * The text as it may be shown on one line whatever it holds (a name stored before these checks existed):
 * every bidirectional or control character becomes a visible U+FFFD, so nothing reorders what follows.
 */
export function visibleText(text: string): string {
  return text.replace(INVISIBLE, '\uFFFD');
}
