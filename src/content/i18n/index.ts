// The shipped translations of the content: one catalogue per UN language other than English, each holding
// exactly the text units of `units.ts` (content.test.ts checks). Read when seeding, never on a normal start.
import { readFileSync } from 'node:fs';
import type { Catalogue } from './units.ts';

export const TRANSLATED_LOCALES = ['fr', 'es', 'ru', 'ar', 'zh'] as const;
export type TranslatedLocale = (typeof TRANSLATED_LOCALES)[number];

/** One language's catalogue as shipped. */
export function catalogueOf(lang: TranslatedLocale): Catalogue {
  return JSON.parse(readFileSync(new URL(`./${lang}.json`, import.meta.url), 'utf8'));
}

/** Every shipped translation as a row of the translations table: entity, id, field, language, text. */
export function shippedTranslations(): [string, string, string, TranslatedLocale, string][] {
  const rows: [string, string, string, TranslatedLocale, string][] = [];
  for (const lang of TRANSLATED_LOCALES) {
    for (const [entity, ids] of Object.entries(catalogueOf(lang)))
      for (const [id, fields] of Object.entries(ids))
        for (const [field, value] of Object.entries(fields)) rows.push([entity, id, field, lang, value]);
  }
  return rows;
}
