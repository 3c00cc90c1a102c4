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

const formValue = fc.oneof(anyText, fc.array(anyText, { maxLength: 3 }), fc.constant(undefined));

/** An urlencoded body from arbitrary fields, with the session's CSRF token unless it is left out. */
function encode(fields: Record<string, unknown>, csrf: string | null) {
  const p = new URLSearchParams();
  if (csrf !== null) p.set('_csrf', csrf);
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) if (x !== undefined) p.append(k, String(x));
  return p.toString();
}

test('sign-in, second factor, registration and reset forms: any input answers 2xx, 3xx or 4xx, never 5xx', async () => {
  const { anonymous } = await import('./support/auth.ts');
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom('/sign-in', '/sign-in/code', '/register', '/password/forgot', '/password/reset/abc', '/invitations/abc'),
      fc.record({ email: formValue, password: formValue, displayName: formValue, code: formValue }, { requiredKeys: [] }),
      fc.boolean(),
      async (url, fields, withCsrf) => {
        const s = anonymous();
        const res = await t.app.inject({
          method: 'POST',
          url,
          headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
          payload: encode(fields, withCsrf ? s.csrf : null),
        });
        assert.ok(res.statusCode < 500, `${url} ${JSON.stringify(fields)} → ${res.statusCode}`);
        if (!withCsrf) assert.equal(res.statusCode, 403);
      },
    ),
    { numRuns: 60 },
  );
});

test('token endpoints: any JSON body and any Authorization header answers 4xx or 2xx, never 5xx', async () => {
  const { sessionFor } = await import('./support/auth.ts');
  const s = await sessionFor(t.db, 'member@demo.cybernorms.example');
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(
        fc.anything(),
        fc.record(
          {
            name: anyText,
            scope: fc.oneof(anyText, fc.constantFrom('read', 'write')),
            expiresInDays: fc.oneof(fc.integer(), fc.double(), anyText),
          },
          { requiredKeys: [] },
        ),
      ),
      fc.oneof(
        anyText,
        fc.constant('Bearer '),
        fc.string({ maxLength: 300 }).map((x) => `Bearer ${x}`),
      ),
      async (body, authorization) => {
        const created = await t.app.inject({
          method: 'POST',
          url: '/api/v1/tokens',
          headers: { cookie: s.cookie, 'content-type': 'application/json' },
          payload: JSON.stringify(body) ?? 'null',
        });
        assert.ok(created.statusCode < 500, `POST /api/v1/tokens ${JSON.stringify(body)} → ${created.statusCode}`);
        const header = authorization.replace(/[^\t\x20-\x7e]/g, '');
        const me = await t.app.inject({ url: '/api/v1/me', headers: { authorization: header } });
        assert.ok(me.statusCode === 401 || me.statusCode === 200, `Authorization ${header} → ${me.statusCode}`);
        const del = await t.app.inject({
          method: 'DELETE',
          url: `/api/v1/tokens/${encodeURIComponent(String(authorization).slice(0, 60))}`,
          headers: { cookie: s.cookie },
        });
        assert.ok([400, 404].includes(del.statusCode), `DELETE → ${del.statusCode}`);
      },
    ),
    { numRuns: 100 },
  );
});
