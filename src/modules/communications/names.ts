// States by the names people type: in any of the six languages, with or without accents, hamza or case, and
// separated by commas in any script. The compose form's picker filters with the same normalisation in the
// browser (public/picker.js repeats normaliseName), and without JavaScript the names typed in its box are
// resolved here when the form is sent. Pure: no database.
import type { Names } from '../../content/registry.ts';

/** A name as it is compared: decomposed, marks and apostrophes dropped, other punctuation as spaces, lower case. */
export function normaliseName(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ٱ/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .replace(/['’‘`´ʼـ]/g, '')
    .replace(/[\p{P}\p{S}\s]+/gu, ' ')
    .trim();
}

/** What a State is found by: its names in the six languages and its code, each normalised, once each. */
export function nameKeys(code: string, names: Partial<Names>): string[] {
  return [...new Set([...Object.values(names).map((n) => normaliseName(n ?? '')), code.toLowerCase()].filter(Boolean))];
}

export interface FindableState {
  code: string;
  /** The name in the reader's language. */
  name: string;
  keys: string[];
}

export interface Resolved {
  codes: string[];
  /** Names that match no State. */
  unknown: string[];
  /** Names that match several: the term and the States it could be. */
  ambiguous: { term: string; names: string[] }[];
}

/** Splits on commas, semicolons and line breaks, in Latin, Arabic and Chinese punctuation. */
const SEPARATORS = /[,;\n\r،؛，、；]+/;

/**
 * How well a normalised name matches a State: 0 it is one of its names (or its code), 1 one of its names
 * starts with it or has a word that does, 2 one of its names contains it, 3 not at all. The picker's script
 * ranks the same way, so Enter there picks what sending would.
 */
export function matchTier(keys: string[], n: string): number {
  if (keys.includes(n)) return 0;
  if (keys.some((k) => k.startsWith(n) || k.includes(` ${n}`))) return 1;
  return keys.some((k) => k.includes(n)) ? 2 : 3;
}

/**
 * The States named in a text: each name is the State it matches best (matchTier); several equally good are
 * ambiguous, none is unknown.
 */
export function resolveNames(text: string, states: FindableState[]): Resolved {
  const out: Resolved = { codes: [], unknown: [], ambiguous: [] };
  for (const raw of text.split(SEPARATORS)) {
    const term = raw.trim();
    const n = normaliseName(term);
    if (!n) continue;
    const tiers = states.map((s) => matchTier(s.keys, n));
    const best = Math.min(3, ...tiers);
    const found = best < 3 ? states.filter((_, i) => tiers[i] === best) : [];
    if (found.length === 1) out.codes.push(found[0].code);
    else if (!found.length) out.unknown.push(term.slice(0, 80));
    else out.ambiguous.push({ term: term.slice(0, 80), names: found.slice(0, 6).map((s) => s.name) });
  }
  out.codes = [...new Set(out.codes)];
  return out;
}
