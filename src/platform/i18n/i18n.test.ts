// The six catalogues are complete and language negotiation follows ?lang=, cookie, Accept-Language.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { catalogues, translator } from './i18n.ts';
import { fromAcceptLanguage, LOCALES, negotiate } from './locales.ts';

test('every language has every message, with the same placeholders as English', () => {
  const en = catalogues.en;
  for (const locale of LOCALES) {
    const messages = catalogues[locale];
    assert.deepEqual(Object.keys(messages).sort(), Object.keys(en).sort(), locale);
    for (const [key, text] of Object.entries(messages)) {
      const vars = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      assert.deepEqual(vars(text), vars(en[key as keyof typeof en]), `${locale} ${key}`);
      assert.ok(text.trim().length > 0, `${locale} ${key}`);
    }
  }
});

test('placeholders are filled, numbers in the locale format', () => {
  assert.equal(translator('en')('search.results', { count: 1200, query: 'x' }), '1,200 results for “x”');
  assert.match(translator('fr')('search.results', { count: 1200, query: 'x' }), /^1\s200 résultats/);
});

test('negotiation: ?lang= first, then cookie, then Accept-Language by quality, else English', () => {
  assert.equal(negotiate('ar', 'fr', 'es'), 'ar');
  assert.equal(negotiate('xx', 'fr', 'es'), 'fr');
  assert.equal(negotiate(undefined, undefined, 'de, zh-CN;q=0.7, ru;q=0.9'), 'ru');
  assert.equal(fromAcceptLanguage('de-AT, it'), 'en');
  assert.equal(fromAcceptLanguage('zh-Hant-TW'), 'zh');
  assert.equal(fromAcceptLanguage('ru;q=0, fr;q=abc, es;q=0.1'), 'es');
  assert.equal(fromAcceptLanguage(undefined), 'en');
});
