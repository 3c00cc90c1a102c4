// Fuzzing every operation of the app's own OpenAPI document, and every HTML form route, with malformed
// input: bodies of the wrong shape and type, huge, deeply nested or broken; path and query parameters that
// are huge numbers, negative, not numbers, unicode, far too long or badly escaped; content types the route
// does not read, multipart without a boundary or with broken parts; bodies over the size limit. Signed out,
// and as officials signed in with the second factor (a focal point and an administrator). Whatever is sent,
// the answer is never a 5xx and never takes longer than REQUEST_TIMEOUT_MS. Every value comes from a seeded
// generator (fast-check), so a failure is the same on every run; all failures are reported together. The
// TAXII 2.1 routes, outside the OpenAPI document, get their own hostile paging, filters and media types, read
// with a session and with an API token too.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { PUBLIC_COLLECTION_ID, stateCollectionId, TAXII_ROOT } from '../src/modules/taxii/index.ts';
import { type TestApp, testApp } from './support/app.ts';
import { anonymous, sessionFor, type TestSession, tokenFor } from './support/auth.ts';

const SEED = 20_150_6;
const REQUEST_TIMEOUT_MS = 10_000;
/** Generated bodies per operation and per actor; fixed hostile bodies and content types come on top. */
const BODIES = 4;
const FOCAL = 'focal@xaa.demo.cybernorms.example';
const ADMIN = 'admin@demo.cybernorms.example';

let t: TestApp;
const failures: string[] = [];
let sent = 0;
const timings: Array<[number, string]> = [];

before(async () => {
  // A small attachment limit keeps the oversize bodies small for the communication routes too.
  t = await testApp({ config: { MAX_ATTACHMENT_MB: 1 } });
});
after(async () => {
  await t?.close();
});

/**
 * Sends one request and records a 5xx or a hang; never throws. A hang is a request taking over
 * REQUEST_TIMEOUT_MS, or, for a page that is slow to make (a backup of the whole database), over four times
 * what its plain request took (`slowMs`), since a loaded machine slows both alike.
 */
async function send(label: string, opts: InjectOptions, slowMs = 0) {
  sent++;
  let timer: NodeJS.Timeout | undefined;
  const limit = Math.max(REQUEST_TIMEOUT_MS, 4 * slowMs);
  const hang = new Promise<'hang'>((resolve) => {
    timer = setTimeout(() => resolve('hang'), limit);
  });
  try {
    const res = await Promise.race([t.app.inject(opts), hang]);
    if (res === 'hang') failures.push(`${label}: ${opts.method} ${opts.url} took over ${limit} ms`);
    else if (res.statusCode >= 500)
      failures.push(
        `${label}: ${opts.method} ${String(opts.url).slice(0, 160)} [${opts.headers?.['content-type'] ?? ''}] → ${res.statusCode} ${res.body.slice(0, 200)}`,
      );
    return res;
  } catch (err) {
    failures.push(`${label}: ${opts.method} ${opts.url} threw ${(err as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
}

// — Hostile values —

const sample = <T>(arb: fc.Arbitrary<T>, n: number, salt: number) => fc.sample(arb, { seed: SEED + salt, numRuns: n });

/** Parameter values every actor sends: a year past 2³¹, negative, not a number, unicode, very long, no such date. */
const PARAM_CORE = ['2147483648', '-1', '𝔘ñíçødé ‮', 'x'.repeat(3000), '0000-01-01'];
/** More of the same, shared out between the actors (each sends a third) to keep the run short. */
const PARAM_MORE = [
  '-2147483649',
  '9223372036854775808',
  '99999999999999999999999999',
  '0',
  'abc',
  '1.5',
  '1e309',
  'NaN',
  '0x7fffffff',
  ' ',
  '99999-12-31',
  '2024-02-30',
  '-000001-01-01T00:00:00Z',
  "' or 1=1 --",
  '[object Object]',
  '00000000-0000-0000-0000-000000000000',
  ...sample(fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.bigInt().map(String), fc.double().map(String)), 3, 1),
];
const PARAM_VALUES = [...PARAM_CORE, ...PARAM_MORE];
/** The core list and this actor's share of the rest (actor `a` of `n`). */
const share = <T>(core: T[], more: T[], a: number, n = 3) => [...core, ...more.filter((_, i) => i % n === a)];
/** Escapes that do not decode, sent as they are. */
const RAW_PARAM_VALUES = ['%', '%E0%A4%A', '%FF%FE', '%00'];

/** A whole JSON value of any shape: what a careless or hostile client sends where an object belongs. */
const anyJson = fc.oneof(
  fc.constant(null),
  fc.jsonValue({ maxDepth: 3 }),
  fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 3 }),
  fc.constant('x'.repeat(200_000)),
  fc.constant(2 ** 31),
  fc.constant(-1e308),
);

interface Schema {
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  $ref?: string;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  default?: unknown;
}

let components: Record<string, Schema> = {};

/** A value mostly of the schema's shape, each part replaced now and then by anything at all. */
function shaped(schema: Schema, depth = 0): fc.Arbitrary<unknown> {
  if (schema.$ref) return shaped(components[schema.$ref.split('/').pop() as string] ?? {}, depth);
  const alternatives = schema.anyOf ?? schema.oneOf;
  let own: fc.Arbitrary<unknown>;
  if (alternatives) own = fc.oneof(...alternatives.map((s) => shaped(s, depth + 1)));
  else if (schema.enum) own = fc.constantFrom(...schema.enum);
  else if (schema.type === 'object' || schema.properties) {
    const props = schema.properties ?? {};
    own = fc.record(Object.fromEntries(Object.entries(props).map(([k, s]) => [k, shaped(s, depth + 1)])), {
      requiredKeys: (schema.required ?? []).filter((k) => k in props),
    });
  } else if (schema.type === 'array')
    own = fc.array(shaped(schema.items ?? {}, depth + 1), { maxLength: Math.min(schema.maxItems ?? 3, 3) });
  else if (schema.type === 'integer' || schema.type === 'number')
    own = fc.oneof(fc.integer({ min: schema.minimum ?? -5, max: Math.min(schema.maximum ?? 5000, 5000) }), fc.constant(2 ** 31));
  else if (schema.type === 'boolean') own = fc.boolean();
  else if (schema.type === 'null') own = fc.constant(null);
  else if (schema.type === 'string')
    own = fc.oneof(
      fc.string({ maxLength: Math.min(schema.maxLength ?? 30, 30) }),
      fc.string({ unit: 'binary', maxLength: 20 }),
      fc.constantFrom(...PARAM_VALUES),
    );
  else own = fc.jsonValue({ maxDepth: 2 });
  return depth > 4 ? own : fc.oneof({ weight: 6, arbitrary: own }, { weight: 1, arbitrary: anyJson });
}

/** Bodies sent as they are, whatever the route: broken or nested JSON, wrong top-level types, sizes. */
const RAW_JSON_CORE = ['{', 'null', '[]', `${'['.repeat(65)}${']'.repeat(65)}`];
const RAW_JSON_MORE = [
  '',
  '0',
  '"text"',
  '{"a":1,}',
  '{"a":"\\ud800"}',
  '\ufeff{}',
  '{"__proto__":{"admin":true}}',
  '{"constructor":{"prototype":{"x":1}}}',
  '['.repeat(100_000),
  `{"a":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`,
  JSON.stringify({ x: 'y'.repeat(900_000) }),
];
/** Over every route's body limit (the largest is the communications' with a 1 MB attachment limit). */
const OVERSIZE = JSON.stringify({ x: 'z'.repeat(3 * 1024 * 1024) });
const MULTIPART_BOUNDARY = 'fuzzBoundary7MA4YWxkTrZu0gW';
const multipartBody = (csrf: string) =>
  [
    `--${MULTIPART_BOUNDARY}`,
    'Content-Disposition: form-data; name="_csrf"',
    '',
    csrf,
    `--${MULTIPART_BOUNDARY}`,
    'Content-Disposition: form-data; name="subject"',
    '',
    '𝔘ñí\u202e',
    `--${MULTIPART_BOUNDARY}`,
    'Content-Disposition: form-data; name="attachments"; filename="a.pdf"',
    'Content-Type: application/pdf',
    '',
    '%PDF-1.4 not really',
    `--${MULTIPART_BOUNDARY}--`,
    '',
  ].join('\r\n');
type BodyCase = [string | undefined, string];
/** Multipart without a boundary, with a malformed one, with broken parts: sent by every actor to every route. */
const multipartCases = (csrf: string): BodyCase[] => [
  ['multipart/form-data', `_csrf=${csrf}`],
  ['multipart/form-data; boundary=', 'x'],
  [
    `multipart/form-data; boundary=${MULTIPART_BOUNDARY}`,
    `--${MULTIPART_BOUNDARY}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}`,
  ],
];
/** Other content types the route does not read, or reads and finds broken: shared out between the actors. */
const otherTypeCases = (csrf: string): BodyCase[] => [
  ['multipart/form-data; boundary="unterminated', 'x'],
  [`multipart/form-data; boundary=${'b'.repeat(200)}`, 'x'],
  [`multipart/form-data; boundary=${MULTIPART_BOUNDARY}`, 'garbage with no parts'],
  [`multipart/form-data; boundary=${MULTIPART_BOUNDARY}`, multipartBody(csrf)],
  ['text/plain', 'hello'],
  ['application/xml', '<a/>'],
  ['application/octet-stream', '\u0000\u0001'],
  ['application/x-www-form-urlencoded', `_csrf=${csrf}&%=%%&a[b][c]=1&__proto__[x]=1&${'k=v&'.repeat(2000)}`],
  ['application/json; charset=utf-16', '{}'],
  ['application/json', '{"broken":'],
  ['application/problem+json', '{"type":'],
  [undefined, '{"no":"content type"}'],
];

// — The operations —

interface Operation {
  method: string;
  path: string;
  params: Array<{ in: string; name: string; schema: Schema }>;
  body?: Schema;
}

async function operations(): Promise<Operation[]> {
  const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
  assert.equal(res.statusCode, 200);
  const doc = res.json() as {
    paths: Record<
      string,
      Record<string, { parameters?: Operation['params']; requestBody?: { content: Record<string, { schema: Schema }> } }>
    >;
    components?: { schemas?: Record<string, Schema> };
  };
  components = doc.components?.schemas ?? {};
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      params: op.parameters ?? [],
      body: op.requestBody?.content['application/json']?.schema,
    })),
  );
}

/** Real values for path parameters, so that a request reaches past "no such thing" into the handler. */
async function knownValues(): Promise<Record<string, string[]>> {
  const one = async (sql: string) => (await t.db.query<{ v: string }>(sql)).map((r) => String(r.v));
  return {
    code: ['XAA', 'XAB'],
    cycle: await one('select year as v from report_cycles order by year desc limit 1'),
    letter: ['a'],
    module: await one('select slug as v from learning_modules order by slug limit 1'),
    lesson: await one('select slug as v from lessons order by slug limit 1'),
    kind: ['norm'],
    role: ['rapporteur'],
    id: [randomUUID()],
    communication: await one("select id::text as v from threads where sender_state = 'XAA' limit 1"),
    contact: await one("select id::text as v from contacts where state_code = 'XAA' limit 1"),
    comment: await one('select id::text as v from comments limit 1'),
    userId: await one("select id::text as v from users where email_key like '%xaa%' limit 1"),
    file: await one('select id::text as v from message_attachments limit 1'),
  };
}

const fill = (path: string, values: Record<string, string>) =>
  path.replace(/\{(\w+)\}|:(\w+)/g, (_, a: string | undefined, b: string | undefined) =>
    encodeURIComponent(values[(a ?? b) as string] ?? 'x'),
  );

interface Actor {
  name: string;
  session: () => Promise<TestSession>;
}
const ACTORS: Actor[] = [
  { name: 'signed out', session: async () => anonymous() },
  { name: 'focal point', session: () => sessionFor(t.db, FOCAL) },
  { name: 'administrator', session: () => sessionFor(t.db, ADMIN) },
];

const problems = (body: string) => (JSON.parse(body) as { errors?: Array<{ field: string; code: string }> }).errors ?? [];

test('multipart/form-data without a boundary, or with broken parts, is a 400 naming the problem, signed out too', async () => {
  const csrf = anonymous();
  const post = (url: string, type: string, payload: string) =>
    t.app.inject({ method: 'POST', url, headers: { cookie: csrf.cookie, 'content-type': type }, payload });
  for (const type of [
    'multipart/form-data',
    'multipart/form-data; boundary=',
    'multipart/form-data; boundary=a b',
    `multipart/form-data; boundary=${'b'.repeat(71)}`,
  ]) {
    const api = await post('/api/v1/comments', type, 'x');
    assert.equal(api.statusCode, 400, type);
    assert.deepEqual(
      problems(api.body).map((p) => [p.field, p.code]),
      [['content-type', 'multipartBoundary']],
      type,
    );
    const page = await post('/sign-in', type, `_csrf=${csrf.csrf}`);
    assert.equal(page.statusCode, 400, `POST /sign-in with ${type}`);
  }
  // A boundary, but parts that are broken or end too early: the body is named.
  for (const payload of [
    'no parts at all',
    `--${MULTIPART_BOUNDARY}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf.csrf}`,
  ]) {
    const res = await post('/api/v1/comments', `multipart/form-data; boundary=${MULTIPART_BOUNDARY}`, payload);
    assert.equal(res.statusCode, 400);
    assert.deepEqual(
      problems(res.body).map((p) => [p.field, p.code]),
      [['body', 'multipart']],
    );
    assert.equal((await post('/sign-in', `multipart/form-data; boundary="${MULTIPART_BOUNDARY}"`, payload)).statusCode, 400);
  }
  // A well-formed multipart form still reads: the sign-in form posted as multipart gets as far as the password.
  const good = await post(
    '/sign-in',
    `multipart/form-data; boundary=${MULTIPART_BOUNDARY}`,
    multipartBody(csrf.csrf).replace('name="subject"', 'name="email"'),
  );
  assert.notEqual(good.statusCode, 500);
  assert.notEqual(good.statusCode, 403, 'the CSRF field was read from the multipart body');
});

test('a year out of range (2³¹, negative, twenty digits) is a 400 naming the cycle, on the public map and comparison too', async () => {
  for (const year of ['2147483648', '4294967296', '-1', '99999999999999999999', '1e3', '0']) {
    for (const url of [`/map?norm=a&cycle=${year}`, `/compare?states=XAA&cycle=${year}`, `/states/XAA/reports/${year}/export`]) {
      const res = await t.app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 400, `${url} → ${res.statusCode}`);
    }
    const api = await t.app.inject({ method: 'GET', url: `/api/v1/states/XAA/reports/${year}/export` });
    assert.equal(api.statusCode, 400, `export ${year}`);
    assert.deepEqual(
      problems(api.body).map((p) => [p.field, p.code]),
      [['cycle', 'reportCycle']],
    );
  }
});

/** Fails with every 5xx and hang found since `since`, listed (all of them in FUZZ_REPORT, if set). */
function report(since: { sent: number; failures: number; at: number }) {
  const found = failures.slice(since.failures);
  const seconds = ((Date.now() - since.at) / 1000).toFixed(1);
  if (process.env.FUZZ_REPORT) {
    const slowest = timings
      .splice(0)
      .sort((x, y) => y[0] - x[0])
      .slice(0, 10)
      .map(([ms, l]) => `${ms} ms ${l}`);
    appendFileSync(
      process.env.FUZZ_REPORT,
      `${[...slowest, `${sent - since.sent} requests in ${seconds} s`, ...found].join('\n')}\n`,
    );
  }
  assert.ok(sent - since.sent > 1000, `only ${sent - since.sent} requests were sent`);
  assert.equal(
    found.length,
    0,
    `${found.length} of ${sent - since.sent} requests failed (in ${seconds} s):\n${found.slice(0, 30).join('\n')}`,
  );
}
const mark = () => ({ sent, failures: failures.length, at: Date.now() });

test('every operation of /api/openapi.json, given malformed input, answers without a 5xx or a hang', async () => {
  const since = mark();
  const ops = await operations();
  assert.ok(ops.length > 50, `the document lists ${ops.length} operations`);
  const known = await knownValues();
  for (const [a, actor] of ACTORS.entries()) {
    const params = share(PARAM_CORE, PARAM_MORE, a);
    for (const [i, op] of ops.entries()) {
      const opStarted = Date.now();
      const session = await actor.session();
      const headers = { cookie: session.cookie };
      const label = `${actor.name} ${op.method} ${op.path}`;
      const method = op.method as 'POST';
      const base: Record<string, string> = {};
      for (const p of op.params) if (p.in === 'path') base[p.name] = known[p.name]?.[0] ?? 'x';
      const idOf = /\/communications\//.test(op.path)
        ? 'communication'
        : /\/contacts\//.test(op.path)
          ? 'contact'
          : /\/comments\//.test(op.path)
            ? 'comment'
            : '';
      if (idOf && known[idOf][0]) base.id = known[idOf][0];
      const url = fill(op.path, base);
      const validBody = op.body ? sample(shaped(op.body, 5), 1, i)[0] : undefined;
      const withBody = op.body ? { payload: { ...(validBody as object) } } : {};

      // Path parameters: each in turn, the others real.
      for (const p of op.params.filter((x) => x.in === 'path')) {
        for (const v of [...(known[p.name] ?? []).slice(1), ...params])
          await send(label, { method, url: fill(op.path, { ...base, [p.name]: v }), headers, ...withBody });
        const raw = RAW_PARAM_VALUES[(a + i) % RAW_PARAM_VALUES.length];
        await send(label, {
          method,
          url: op.path.replace(`{${p.name}}`, raw).replace(/\{(\w+)\}/g, (_, n: string) => base[n]),
          headers,
        });
      }
      // Query parameters and headers: each in turn with every hostile value; a query parameter repeated, and raw.
      for (const p of op.params.filter((x) => x.in === 'query' || x.in === 'header')) {
        for (const v of params) {
          if (p.in === 'header')
            await send(label, { method, url, headers: { ...headers, [p.name]: v.replace(/[^\x20-\x7e]/g, '?') }, ...withBody });
          else await send(label, { method, url: `${url}?${p.name}=${encodeURIComponent(v)}`, headers, ...withBody });
        }
        if (p.in === 'query') {
          await send(label, { method, url: `${url}?${p.name}=1&${p.name}=2&${p.name}[x]=3`, headers });
          await send(label, { method, url: `${url}?${p.name}=${RAW_PARAM_VALUES[(a + i) % RAW_PARAM_VALUES.length]}`, headers });
        }
      }
      if (op.method !== 'GET') {
        // Bodies: of the schema's shape with parts replaced, wrong at the top, raw, in other content types, too large.
        const json = { ...headers, 'content-type': 'application/json' };
        for (const body of sample(op.body ? shaped(op.body) : anyJson, BODIES, 1000 * a + i))
          await send(label, { method, url, headers: json, payload: JSON.stringify(body) });
        for (const payload of share(RAW_JSON_CORE, RAW_JSON_MORE, a)) await send(label, { method, url, headers: json, payload });
        for (const [type, payload] of [...multipartCases(session.csrf), ...share([], otherTypeCases(session.csrf), a)])
          await send(label, { method, url, headers: { ...headers, ...(type && { 'content-type': type }) }, payload });
        if (a === 0) await send(label, { method, url, headers: json, payload: OVERSIZE });
      }
      timings.push([Date.now() - opStarted, label]);
    }
  }
  report(since);
});

/** The names a page reads from its query: its forms' fields and the parameters of its links to itself. */
function queryNames(path: string, html: string): string[] {
  const names = new Set<string>();
  for (const m of html.matchAll(/<form\b[^>]*>([\s\S]*?)<\/form>/g)) {
    if (/method="post"/i.test(m[0].slice(0, m[0].indexOf('>')))) continue;
    for (const f of m[1].matchAll(/\bname="([\w.[\]-]{1,40})"/g)) names.add(f[1]);
  }
  for (const h of html.matchAll(/href="([^"#]*)\?([^"#]*)"/g)) {
    if (h[1] !== '' && h[1] !== path) continue;
    for (const kv of h[2].replaceAll('&amp;', '&').split('&')) if (kv) names.add(kv.split('=')[0]);
  }
  names.delete('_csrf');
  return [...names];
}

/** The fields a form on the page posts, when the page at the same address has one. */
const formFields = (html: string) =>
  [...new Set([...html.matchAll(/\bname="([\w.[\]-]{1,60})"/g)].map((m) => m[1]))].filter((n) => n !== '_csrf');

test('every page and HTML form route, given malformed queries and bodies, answers without a 5xx or a hang', async () => {
  const since = mark();
  const known = await knownValues();
  const routes = t.app.routeTable.filter(
    (r) =>
      !r.documented &&
      r.method !== 'HEAD' &&
      !r.url.startsWith('/api/') &&
      !r.url.startsWith('/taxii2/') &&
      !r.url.includes('*') &&
      !r.url.includes('/events'),
  );
  const pageValues: Record<string, string> = {
    code: 'XAA',
    cycle: known.cycle[0],
    letter: 'a',
    module: known.module[0],
    lesson: known.lesson[0],
    kind: 'norm',
    role: 'rapporteur',
  };
  assert.ok(
    routes.some((r) => r.method === 'POST' && r.url === '/sign-in'),
    'the page routes include POST /sign-in',
  );
  for (const [a, actor] of ACTORS.entries()) {
    const params = share(PARAM_CORE, PARAM_MORE, a);
    for (const [i, route] of routes.entries()) {
      const opStarted = Date.now();
      const session = await actor.session();
      const headers = { cookie: session.cookie };
      const label = `${actor.name} ${route.method} ${route.url} (page)`;
      const url = fill(route.url, {
        ...pageValues,
        id: route.url.includes('/communications/') ? (known.communication[0] ?? randomUUID()) : randomUUID(),
      });
      const page = await t.app.inject({ method: 'GET', url, headers });
      const html = page.statusCode === 200 && /html/.test(String(page.headers['content-type'])) ? page.body : '';
      if (route.method === 'GET' || route.method === 'HEAD') {
        // The query names the page reads (or, if it shows none, the usual ones), each with hostile values; a page
        // that is slow to make (an export, a backup) gets one.
        const names = queryNames(route.url.includes(':') ? url : route.url, html);
        const took = Date.now() - opStarted;
        const heavy = took > 300;
        const values = heavy ? ['2147483648'] : params.slice(0, 4);
        for (const name of (names.length ? names : ['cycle', 'q']).slice(0, heavy ? 1 : 6))
          for (const v of values)
            await send(
              label,
              { method: 'GET', url: `${url}?${encodeURIComponent(name)}=${encodeURIComponent(v)}`, headers },
              took,
            );
        for (const p of heavy ? [] : (route.url.match(/:\w+/g) ?? []))
          for (const v of values)
            await send(label, {
              method: 'GET',
              url: fill(route.url, { ...pageValues, id: randomUUID(), [p.slice(1)]: v }),
              headers,
            });
      } else {
        // The form's own fields (from the page at the same address) with hostile values, urlencoded and as JSON.
        const fields = formFields(html).slice(0, 30);
        const form = { ...headers, 'content-type': 'application/x-www-form-urlencoded' };
        for (const [type, payload] of [...multipartCases(session.csrf), ...share([], otherTypeCases(session.csrf), a)])
          await send(label, { method: 'POST', url, headers: { ...headers, ...(type && { 'content-type': type }) }, payload });
        for (const [k, v] of params.slice(0, 3).entries()) {
          const body = new URLSearchParams({ _csrf: session.csrf });
          for (const f of fields.length ? fields : ['name', 'value']) {
            body.append(f, v);
            if (k % 2) body.append(f, params[(k + 1) % params.length]);
          }
          await send(label, { method: 'POST', url, headers: form, payload: body.toString() });
        }
        for (const body of sample(fc.string({ unit: 'binary', maxLength: 300 }), 2, 2000 * a + i))
          await send(label, { method: 'POST', url, headers: form, payload: `_csrf=${session.csrf}&${body}` });
        for (const body of sample(
          fc.dictionary(fc.constantFrom(...(fields.length ? fields : ['name'])), anyJson),
          2,
          3000 * a + i,
        ))
          await send(label, {
            method: 'POST',
            url,
            headers: { ...headers, 'content-type': 'application/json' },
            payload: JSON.stringify({ ...body, _csrf: session.csrf }),
          });
      }
      timings.push([Date.now() - opStarted, label]);
    }
  }
  report(since);
});

// — TAXII 2.1 —

const TAXII = 'application/taxii+json;version=2.1';
/** A `next` token of the server's own shape (base64url of `taxii:<place>`) around a place that is not one. */
const nextOf = (place: string) => Buffer.from(`taxii:${place}`).toString('base64url');
/** Values for TAXII's query parameters: timestamps of the right shape that name no instant or the ends of time, the version keywords listed oddly, tokens that decode to nothing or to a place past any integer, limits out of range, lists with empty items. */
const TAXII_CORE = [
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999999Z',
  '2024-02-30T00:00:00Z',
  nextOf('9999999999999999999'),
  'first,last,all,',
  '0',
];
const TAXII_MORE = [
  '2024-13-01T00:00:00Z',
  '2024-01-01T24:00:00Z',
  '2024-01-01T00:00:60Z',
  '1970-01-01T00:00:00.000000Z',
  '2026-12-06T10:00:00.1234567Z',
  'first',
  'last',
  'all',
  nextOf('9223372036854775808'),
  nextOf('-1'),
  nextOf('0'),
  nextOf(''),
  'dGF4aWk6',
  '====',
  '1001',
  '2147483648',
  '1e3',
  ',',
  'indicator--00000000-0000-0000-0000-000000000000,',
  'INDICATOR',
  '2.1,9.9',
  ...sample(fc.string({ unit: 'binary', maxLength: 40 }), 2, 4000),
];
/** The query parameters of TAXII's object endpoints (§3.4). */
const TAXII_QUERY = ['added_after', 'next', 'limit', 'match[id]', 'match[type]', 'match[version]', 'match[spec_version]'];
/** Accept headers besides TAXII's own: other versions, ranges, weights, junk (each answered 406 or read). */
const TAXII_ACCEPT = [
  'application/taxii+json;version=2.0',
  'application/taxii+json; version="2.1"; q=0.5, */*;q=0',
  'application/*',
  'text/html',
  ';;;,,=',
  `application/taxii+json;${'version=2.1;'.repeat(500)}`,
  'application/taxii+json;version',
];
/** Bodies posted to a read-only collection: TAXII's type, others, broken. */
const TAXII_BODIES: BodyCase[] = [
  [TAXII, '{"objects":[]}'],
  [TAXII, '{'],
  [`${TAXII};charset=utf-16`, '\u0000'],
  ['application/taxii+json;version=2.0', '{}'],
  ['application/json', '{}'],
  [`multipart/form-data; boundary=${MULTIPART_BOUNDARY}`, 'x'],
  [undefined, 'x'.repeat(2 * 1024 * 1024)],
];

test('every TAXII 2.1 route, given hostile paging, filters and media types, answers without a 5xx or a hang', async () => {
  const since = mark();
  const routes = t.app.routeTable.filter((r) => r.url.startsWith('/taxii2/') && r.method !== 'HEAD');
  assert.ok(routes.length >= 9, `${routes.length} TAXII routes`);
  // A read first fills the store; then real ids reach past "no such object" into the pages.
  const focalToken = await tokenFor(t.db, FOCAL);
  for (const id of [PUBLIC_COLLECTION_ID, stateCollectionId('XAA')])
    await send('fill', {
      method: 'GET',
      url: `${TAXII_ROOT}collections/${id}/objects/`,
      headers: { authorization: `Bearer ${focalToken}` },
    });
  const objectOf = async (collection: string) =>
    (
      await t.db.query<{ id: string }>('select stix_id as id from taxii_objects where collection = $1 order by seq limit 1', [
        collection,
      ])
    )[0]?.id ?? 'indicator--00000000-0000-0000-0000-000000000000';
  const collections = [PUBLIC_COLLECTION_ID, stateCollectionId('XAA'), stateCollectionId('XAB')];
  const objects = [await objectOf('incidents'), await objectOf('state:XAA')];
  const actors: Array<{ name: string; headers: () => Promise<Record<string, string>> }> = [
    { name: 'signed out', headers: async () => ({}) },
    { name: 'focal point (session)', headers: async () => ({ cookie: (await sessionFor(t.db, FOCAL)).cookie }) },
    { name: 'administrator (session)', headers: async () => ({ cookie: (await sessionFor(t.db, ADMIN)).cookie }) },
    { name: 'focal point (token)', headers: async () => ({ authorization: `Bearer ${focalToken}` }) },
  ];
  for (const [a, actor] of actors.entries()) {
    const values = share(TAXII_CORE, [...TAXII_MORE, ...PARAM_MORE], a, actors.length);
    const hostile = share(PARAM_CORE.slice(0, 3), PARAM_MORE, a, actors.length);
    for (const [i, route] of routes.entries()) {
      const opStarted = Date.now();
      const headers = { accept: TAXII, ...(await actor.headers()) };
      const label = `${actor.name} ${route.method} ${route.url}`;
      const method = route.method as 'GET';
      const at = (id: string, objectId: string) =>
        route.url.replace('*', 'collections/x/objects/y/z/').replace(':id', id).replace(':objectId', objectId);
      // Each collection (public, own State, another State) and each known object, then hostile path values.
      const urls = collections.flatMap((c) =>
        route.url.includes(':objectId') ? objects.map((o) => at(c, o)) : [at(c, objects[0])],
      );
      for (const url of urls.slice(0, route.url.includes(':') ? undefined : 1)) await send(label, { method, url, headers });
      for (const v of route.url.includes(':') ? [...hostile, ...RAW_PARAM_VALUES.slice(a % 2, (a % 2) + 2)] : []) {
        const raw = RAW_PARAM_VALUES.includes(v) ? v : encodeURIComponent(v);
        await send(label, { method, url: at(raw, objects[0]), headers });
        if (route.url.includes(':objectId')) await send(label, { method, url: at(collections[a % 3], raw), headers });
      }
      // The same resource asked with other Accept headers, and with a Content-Type a GET does not read.
      const url = route.url.includes(':') ? urls[a % urls.length] : urls[0];
      for (const accept of share([], TAXII_ACCEPT, a % 2, 2)) await send(label, { method, url, headers: { ...headers, accept } });
      if (method === 'GET') await send(label, { method, url, headers: { ...headers, 'content-type': 'text/plain' } });
      if (route.method === 'POST')
        for (const [type, payload] of TAXII_BODIES)
          await send(label, { method, url, headers: { ...headers, ...(type && { 'content-type': type }) }, payload });
      // The paging and filter parameters of a GET that pages: each with every hostile value, repeated, raw; then
      // mixed together.
      const pages = method === 'GET' && /objects|manifest/.test(route.url);
      for (const name of pages ? TAXII_QUERY : []) {
        for (const v of values)
          await send(label, { method, url: `${url}?${encodeURIComponent(name)}=${encodeURIComponent(v)}`, headers });
        const q = encodeURIComponent(name);
        await send(label, { method, url: `${url}?${q}=1&${q}=2&${q}[x]=3`, headers });
        await send(label, { method, url: `${url}?${q}=${RAW_PARAM_VALUES[(a + i) % RAW_PARAM_VALUES.length]}`, headers });
      }
      for (const query of sample(
        fc.dictionary(fc.constantFrom(...TAXII_QUERY), fc.constantFrom(...values), { maxKeys: 5 }),
        pages ? 6 : 0,
        5000 * a + i,
      ))
        await send(label, { method, url: `${url}?${new URLSearchParams(query)}`, headers });
      timings.push([Date.now() - opStarted, label]);
    }
  }
  report(since);
});
