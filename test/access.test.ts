// Every route the app serves must be declared here with who may use it; a route without a declaration
// fails. Today every route is public (the knowledge base); the identity issue adds roles and States,
// and this table grows a column per role × own State / other State / signed out.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type TestApp, testApp } from './support/app.ts';

type Access = 'public';

const DECLARED: Record<string, Access> = {
  'GET /': 'public',
  'GET /norms': 'public',
  'GET /norms/:letter': 'public',
  'GET /pillars': 'public',
  'GET /cbms': 'public',
  'GET /frameworks': 'public',
  'GET /actors': 'public',
  'GET /forums': 'public',
  'GET /sectors': 'public',
  'GET /glossary': 'public',
  'GET /timeline': 'public',
  'GET /search': 'public',
  'GET /api/v1/norms': 'public',
  'GET /api/v1/norms/:letter': 'public',
  'GET /api/v1/pillars': 'public',
  'GET /api/v1/cbms': 'public',
  'GET /api/v1/frameworks': 'public',
  'GET /api/v1/actors': 'public',
  'GET /api/v1/forums': 'public',
  'GET /api/v1/sectors': 'public',
  'GET /api/v1/glossary': 'public',
  'GET /api/v1/timeline': 'public',
  'GET /api/v1/search': 'public',
  'GET /api/openapi.json': 'public',
  'GET /healthz': 'public',
  'GET /readyz': 'public',
  'GET /metrics': 'public',
  'GET /static/*': 'public',
};

/** A request that satisfies the route's own validation, so only access decides the answer. */
const EXAMPLES: Record<string, string> = {
  '/norms/:letter': '/norms/c',
  '/api/v1/norms/:letter': '/api/v1/norms/c',
  '/api/v1/search': '/api/v1/search?q=norm',
  '/search': '/search?q=norm',
  '/static/*': '/static/app.css',
};

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

test('every route of the app has a declared access rule', () => {
  const routes = [...new Set(t.app.routeTable.filter((r) => r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`))];
  const undeclared = routes.filter((r) => !(r in DECLARED));
  assert.deepEqual(undeclared, [], 'declare these routes in test/access.test.ts');
  const stale = Object.keys(DECLARED).filter((r) => !routes.includes(r));
  assert.deepEqual(stale, [], 'these declared routes no longer exist');
});

test('public routes answer a signed-out visitor', async () => {
  for (const [route, access] of Object.entries(DECLARED)) {
    if (access !== 'public') continue;
    const url = route.split(' ')[1];
    const res = await t.app.inject(EXAMPLES[url] ?? url);
    assert.equal(res.statusCode, 200, `${route} → ${res.statusCode}`);
  }
});
