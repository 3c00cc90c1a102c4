// Property tests: whatever arrives in the search box, a path, a letter or a language, nothing answers 5xx.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { type TestApp, testApp } from './support/app.ts';

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

const anyText = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom("' or 1=1 --", '<script>alert(1)</script>', '"', '!', '&', '|', ':*', '\\', '%', '\u0000', 'a'.repeat(501)),
);

test('search: any query answers 200 or 400, never 5xx, on the API and the page', async () => {
  await fc.assert(
    fc.asyncProperty(anyText, fc.option(fc.string({ maxLength: 6 })), async (q, cursor) => {
      const qs = `q=${encodeURIComponent(q)}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
      for (const url of [`/api/v1/search?${qs}`, `/search?${qs}`]) {
        const res = await t.app.inject(url);
        assert.ok([200, 400].includes(res.statusCode), `${url} → ${res.statusCode}`);
      }
    }),
    { numRuns: 150 },
  );
});

test('norms: any letter answers 200 or 404, never 5xx', async () => {
  await fc.assert(
    fc.asyncProperty(anyText, async (letter) => {
      for (const prefix of ['/api/v1/norms/', '/norms/']) {
        const res = await t.app.inject(prefix + encodeURIComponent(letter));
        assert.ok([200, 404].includes(res.statusCode), `${prefix}${letter} → ${res.statusCode}`);
      }
    }),
    { numRuns: 150 },
  );
});

test('languages and list filters: any value answers 2xx or 4xx, never 5xx', async () => {
  await fc.assert(
    fc.asyncProperty(
      anyText,
      fc.constantFrom('/', '/norms', '/api/v1/norms', '/api/v1/cbms', '/api/v1/pillars'),
      async (value, path) => {
        const v = encodeURIComponent(value);
        for (const url of [`${path}?lang=${v}`, `${path}?source=${v}`]) {
          const res = await t.app.inject({ url, headers: { 'accept-language': value.replace(/[^\t\x20-\x7e]/g, '') } });
          assert.ok(res.statusCode < 500, `${url} → ${res.statusCode}`);
        }
      },
    ),
    { numRuns: 100 },
  );
});
