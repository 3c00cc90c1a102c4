// Every text unit of the shipped content is translated into each of the five other UN languages, and only
// those units: a new or renamed unit without its translations fails here. Each translation keeps what must
// not change between languages: link targets, UN document symbols, paragraph breaks and list items.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { catalogueOf, TRANSLATED_LOCALES } from './index.ts';
import { contentUnits } from './units.ts';

const units = contentUnits();
const linkTargets = (text: string) => [...text.matchAll(/\]\((\/[^)]*)\)/g)].map((m) => m[1]).sort();
const symbols = (text: string) => [...text.matchAll(/\bA\/(?:RES\/)?\d+\/\d+/g)].map((m) => m[0]).sort();

test('the units are unique and none is empty', () => {
  const keys = units.map((u) => `${u.entity}/${u.id}/${u.field}`);
  assert.equal(new Set(keys).size, keys.length);
  for (const u of units) assert.ok(u.text.trim(), `${u.entity}/${u.id}/${u.field}`);
});

for (const lang of TRANSLATED_LOCALES) {
  describe(`the ${lang} catalogue`, () => {
    const catalogue = catalogueOf(lang);
    test('holds every unit, translated, and nothing else', () => {
      const missing = units.filter((u) => !catalogue[u.entity]?.[u.id]?.[u.field]?.trim());
      assert.deepEqual(
        missing.map((u) => `${u.entity}/${u.id}/${u.field}`),
        [],
        'units without a translation',
      );
      const known = new Set(units.map((u) => `${u.entity}/${u.id}/${u.field}`));
      const extra = Object.entries(catalogue).flatMap(([entity, ids]) =>
        Object.entries(ids).flatMap(([id, fields]) => Object.keys(fields).map((field) => `${entity}/${id}/${field}`)),
      );
      assert.deepEqual(
        extra.filter((k) => !known.has(k)),
        [],
        'translations of units that do not exist',
      );
    });
    test('keeps link targets, document symbols, paragraphs and list items as in the English', () => {
      for (const u of units) {
        const text = catalogue[u.entity][u.id][u.field];
        const where = `${lang} ${u.entity}/${u.id}/${u.field}`;
        assert.deepEqual(linkTargets(text), linkTargets(u.text), where);
        assert.deepEqual(symbols(text), symbols(u.text), where);
        assert.equal(text.split(/\n{2,}/).length, u.text.split(/\n{2,}/).length, where);
        assert.equal(text.split('\n- ').length, u.text.split('\n- ').length, where);
      }
    });
    if (lang !== 'fr' && lang !== 'es')
      test('is written in its own script, not left in English', () => {
        const script = { ru: /\p{Script=Cyrillic}/u, ar: /\p{Script=Arabic}/u, zh: /\p{Script=Han}/u }[lang];
        for (const u of units) {
          const text = catalogue[u.entity][u.id][u.field];
          // So is an acronym alone (a glossary term such as "CERT / CSIRT") or a date of years only.
          if (/^[A-Z0-9 /().–-]+$/.test(text)) continue;
          assert.match(text, script, `${lang} ${u.entity}/${u.id}/${u.field}`);
        }
      });
  });
}
