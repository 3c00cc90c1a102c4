// Links to the UN's official documents: a document symbol (A/70/174, A/RES/73/27, S/RES/2341 (2017)…) is the
// same in all six languages, and the UN's document system serves each language version at
// https://undocs.org/<language>/<symbol>. Content text shows symbols as such links in the reader's language.
import type { Locale } from './i18n/locales.ts';

/** General Assembly, Security Council and ECOSOC symbols, with their resolution and sub-body parts. */
export const SYMBOL = /\b(?:(?:A|E)\/(?:(?:RES|AC\.\d+|C\.\d+|CONF\.\d+)\/)*\d+\/\d+(?:\/(?:Rev|Add|Corr)\.\d+)?|S\/RES\/\d+)\b/g;

/** The UN's page for the document in the language. */
export function unDocumentUrl(symbol: string, locale: Locale): string {
  return `https://undocs.org/${locale}/${symbol}`;
}

/** The first document symbol in a citation such as "A/70/174, para. 13 (c)", or null. */
export function symbolIn(text: string): string | null {
  return text.match(SYMBOL)?.[0] ?? null;
}

/**
 * HTML with every document symbol in its text (not inside a tag or an existing link) made a link to the UN's
 * version in the locale. The input must already be safe HTML (escaped text and the renderer's own tags).
 */
export function linkSymbols(html: string, locale: Locale): string {
  let depth = 0;
  return html
    .split(/(<[^>]*>)/)
    .map((part) => {
      if (part.startsWith('<')) {
        if (/^<a[\s>]/i.test(part)) depth++;
        else if (/^<\/a>/i.test(part)) depth = Math.max(0, depth - 1);
        return part;
      }
      if (depth > 0) return part;
      return part.replace(SYMBOL, (symbol) => `<a class="undoc" href="${unDocumentUrl(symbol, locale)}">${symbol}</a>`);
    })
    .join('');
}
