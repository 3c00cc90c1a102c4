// The OpenAPI document is generated from the routes, valid OpenAPI 3.1, and lists every API route.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { type TestApp, testApp } from './support/app.ts';

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

test('the document validates against the OpenAPI 3.1 schema', async () => {
  const res = await t.app.inject('/api/openapi.json');
  assert.equal(res.statusCode, 200);
  const doc = res.json();
  assert.equal(doc.openapi, '3.1.0');
  const result = await new Validator().validate(doc);
  assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2));
});

test('every documented route of the app is in the document, and nothing else', async () => {
  const doc = (await t.app.inject('/api/openapi.json')).json();
  const inDoc = new Set(
    Object.entries(doc.paths as Record<string, object>).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    ),
  );
  const documented = t.app.routeTable.filter((r) => r.documented && r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`);
  assert.ok(documented.length >= 12);
  assert.deepEqual([...inDoc].sort(), [...new Set(documented)].sort());
  for (const r of t.app.routeTable.filter((r) => r.url.startsWith('/api/v1/')))
    assert.ok(r.documented, `${r.url} must be documented`);
});

test('errors are described as problem+json', async () => {
  const doc = (await t.app.inject('/api/openapi.json')).json();
  const notFound = doc.paths['/api/v1/norms/{letter}'].get.responses['404'];
  assert.ok(notFound, 'the 404 of a norm is documented');
});

test('the committed contract (docs/openapi.json) is what the code generates: an API change shows in review', async () => {
  const { readFileSync, writeFileSync } = await import('node:fs');
  const path = new URL('../docs/openapi.json', import.meta.url);
  const generated = `${JSON.stringify((await t.app.inject('/api/openapi.json')).json(), null, 2)}\n`;
  // UPDATE_OPENAPI=1 npm test (or this file alone) rewrites it after an intended change.
  if (process.env.UPDATE_OPENAPI === '1') writeFileSync(path, generated);
  const committed = readFileSync(path, 'utf8');
  assert.ok(
    committed === generated,
    'docs/openapi.json differs from the generated document: run UPDATE_OPENAPI=1 node --import tsx --test test/openapi.test.ts and commit it',
  );
});
