// Translates interface messages for a locale, filling {placeholders}; missing keys cannot compile.
import { isLocale, type Locale } from './locales.ts';
import { ar } from './messages/ar.ts';
import { en, type MessageKey, type Messages } from './messages/en.ts';
import { es } from './messages/es.ts';
import { fr } from './messages/fr.ts';
import { ru } from './messages/ru.ts';
import { zh } from './messages/zh.ts';

export type { MessageKey };
export const catalogues: Record<Locale, Messages> = { en, fr, es, ru, ar, zh };

/** Says a message in one locale; `locale` names it, for what is translated outside the messages (reasons). */
export type Translate = ((key: MessageKey, vars?: Record<string, string | number>) => string) & { readonly locale: Locale };

const translators = new Map<Locale, Translate>();

/** Returns the translation function for a locale (one per locale, made once: Intl formatters are costly). */
/** The translator for a person's stored language (mail to them), English if it is not one of the six. */
export const translatorFor = (language: string): Translate => translator(isLocale(language) ? language : 'en');

export function translator(locale: Locale): Translate {
  let t = translators.get(locale);
  if (!t) {
    t = makeTranslator(locale);
    translators.set(locale, t);
  }
  return t;
}

function makeTranslator(locale: Locale): Translate {
  const messages = catalogues[locale];
  const format = new Intl.NumberFormat(locale);
  const t = (key: MessageKey, vars?: Record<string, string | number>) => {
    const text = messages[key];
    if (!vars) return text;
    return text.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = vars[name];
      return typeof value === 'number' ? format.format(value) : String(value ?? '');
    });
  };
  return Object.assign(t, { locale });
}

/** The base of message keys that hold a form for every plural category: `<base>.zero` … `<base>.other`. */
export type PluralKey = {
  [K in MessageKey]: K extends `${infer B}.other` ? (`${B}.${Intl.LDMLPluralRule}` extends MessageKey ? B : never) : never;
}[MessageKey];

const pluralRules = new Map<Locale, Intl.PluralRules>();

/**
 * Says a count in the form its language uses for that number (Intl.PluralRules: English one/other, Russian
 * one/few/many, Arabic zero/one/two/few/many/other…), with `{count}` filled. Every catalogue holds all six
 * forms of such a key; each language uses those its rules name.
 */
export function plural(t: Translate, base: PluralKey, count: number, vars: Record<string, string | number> = {}): string {
  let rules = pluralRules.get(t.locale);
  if (!rules) {
    rules = new Intl.PluralRules(t.locale);
    pluralRules.set(t.locale, rules);
  }
  return t(`${base}.${rules.select(count)}` as MessageKey, { ...vars, count });
}
