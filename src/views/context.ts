// What every page needs to know about the request it renders for.
import type { Translate } from '../platform/i18n/i18n.ts';
import type { Locale } from '../platform/i18n/locales.ts';

export interface PageContext {
  locale: Locale;
  t: Translate;
  /** The request path without the query string, for the language switcher and the current-page marker. */
  path: string;
  /** The request's query string without `lang` (starting with `&` when not empty), kept by the language links. */
  keepQuery: string;
  /** Cache-busting suffix for the stylesheet. */
  assetVersion: string;
}
