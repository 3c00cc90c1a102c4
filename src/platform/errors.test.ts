// One catalogue of problem codes: every code thrown in src is in it with its status, every code has a title in
// the six languages, docs/architecture.md and the OpenAPI description list exactly its codes, and the API
// answers with the title in the reader's language.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import Fastify from 'fastify';
import { AppError, errors, PROBLEM_CODES, PROBLEMS, type ProblemCode, problemTitleKey } from './errors.ts';
import { installErrorHandling } from './http/error-handler.ts';
import { problem } from './http/openapi.ts';
import { catalogues } from './i18n/i18n.ts';

const root = join(import.meta.dirname, '..', '..');
const src = join(root, 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [path] : [];
  });
}

const files = sources(src).map((path) => ({ path: relative(root, path), text: readFileSync(path, 'utf8') }));
const isCode = (c: string): c is ProblemCode => Object.hasOwn(PROBLEMS, c);

/** `new AppError('X', 409, …` and `super('X', 429, …` in a subclass, across lines. */
const THROWN = /\b(?:new AppError|super)\(\s*'([A-Za-z_]+)'\s*,\s*(\d{3})\b/g;
/** In files that use AppError, a code compared with `.code`: `err.code === 'X'`, `['X', 'Y'].includes(err.code)`, `case 'X':`. */
const COMPARED = /\.code\s*[!=]==\s*'([A-Z][A-Z_]+)'|\[((?:\s*'[A-Z_]+',?)+)\]\.includes\(\w+\.code\)|case '([A-Z][A-Z_]+)':/g;

test('every code thrown in src is in the catalogue, with the catalogue status', () => {
  const problems: string[] = [];
  const thrown = new Set<string>();
  for (const { path, text } of files) {
    for (const m of text.matchAll(THROWN)) {
      const [, code, status] = m;
      thrown.add(code);
      if (!isCode(code)) problems.push(`${path}: ${code} is not in PROBLEMS (src/platform/errors.ts)`);
      else if (PROBLEMS[code].status !== Number(status))
        problems.push(`${path}: ${code} is thrown as ${status}, the catalogue says ${PROBLEMS[code].status}`);
    }
  }
  assert.deepEqual(problems, []);
  // The scan finds the codes it should (the factories in errors.ts, a subclass, a page), so it cannot pass vacuously.
  for (const code of ['NOT_FOUND', 'TOO_MANY_ATTEMPTS', 'LAST_ADMINISTRATOR', 'EDIT_WINDOW_CLOSED', 'BANNED', 'CSRF'])
    assert.ok(thrown.has(code), `the scan found ${code}`);
  // …and no code in the catalogue is dead: each is thrown somewhere (or decided by access.ts).
  const decided = readFileSync(join(src, 'platform', 'access.ts'), 'utf8');
  const unused = PROBLEM_CODES.filter((c) => !thrown.has(c) && !decided.includes(`code: '${c}'`));
  assert.deepEqual(unused, [], 'catalogue codes nothing throws');
});

test('every code compared with an error code in src is in the catalogue', () => {
  const problems: string[] = [];
  let seen = 0;
  for (const { path, text } of files.filter((f) => f.text.includes('AppError'))) {
    for (const m of text.matchAll(COMPARED)) {
      const codes = m[2] ? [...m[2].matchAll(/'([A-Z_]+)'/g)].map((x) => x[1]) : [m[1] ?? m[3]];
      seen += codes.length;
      // Fastify's own codes (FST_ERR_…) are compared before they become catalogue codes.
      for (const code of codes) if (!code.startsWith('FST_') && !isCode(code)) problems.push(`${path}: ${code}`);
    }
  }
  assert.deepEqual(problems, []);
  assert.ok(seen > 20, `the scan found ${seen} compared codes`);
});

test('every catalogue code has a title in all six languages, and no title is left over', () => {
  const missing: string[] = [];
  for (const [locale, messages] of Object.entries(catalogues)) {
    const texts = messages as Record<string, string | undefined>;
    for (const code of PROBLEM_CODES) {
      const title = texts[problemTitleKey(code)];
      if (!title?.trim()) missing.push(`${locale}: ${problemTitleKey(code)}`);
      else if (locale !== 'en' && title === catalogues.en[problemTitleKey(code)])
        missing.push(`${locale}: ${problemTitleKey(code)} is the English text`);
    }
    for (const key of Object.keys(texts))
      if (key.startsWith('problem.') && !isCode(key.slice('problem.'.length))) missing.push(`${locale}: ${key} has no code`);
  }
  assert.equal(Object.keys(catalogues).length, 6);
  assert.deepEqual(missing, []);
});

test("docs/architecture.md's Errors table lists exactly the catalogue, in its order", () => {
  const doc = readFileSync(join(root, 'docs', 'architecture.md'), 'utf8');
  const start = doc.indexOf('**Errors**');
  assert.ok(start >= 0, 'docs/architecture.md has an **Errors** paragraph');
  const rows = doc
    .slice(start)
    .split('\n\n')
    .find((block) => block.startsWith('| code |'));
  assert.ok(rows, 'the Errors paragraph is followed by a table');
  const documented = rows
    .split('\n')
    .slice(2)
    .map((line) => line.split(' | ').map((cell) => cell.replace(/^\| ?|`| ?\|$/g, '')));
  const expected = PROBLEM_CODES.map((c) => [c, String(PROBLEMS[c].status), PROBLEMS[c].meaning.replaceAll('`', '')]);
  assert.deepEqual(
    documented,
    expected,
    `expected the table:\n${PROBLEM_CODES.map((c) => `| \`${c}\` | ${PROBLEMS[c].status} | ${PROBLEMS[c].meaning} |`).join('\n')}`,
  );
});

test("the OpenAPI description of `code` lists exactly the catalogue's codes", () => {
  const listed = /Stable error code: ([A-Z_]+(?:, [A-Z_]+)*)/.exec(problem.shape.code.description ?? '')?.[1].split(', ');
  assert.deepEqual(listed, PROBLEM_CODES);
});

test("the API answers with the code's title in the reader's language, the detail and Retry-After", async (t) => {
  const app = Fastify();
  t.after(() => app.close());
  installErrorHandling(app, { assetVersion: 'test', renderErrorPage: (_ctx, code) => code });
  app.get('/api/flood', async () => {
    throw errors.rateLimited(600, 'You have posted many comments in a short time; wait a few minutes.');
  });
  app.get('/api/conflict', async () => {
    throw new AppError('CONFLICT', 409, 'This report was submitted: reopen it to change it.');
  });
  app.post('/api/body', async () => ({ ok: true }));

  const flood = await app.inject({ url: '/api/flood', headers: { 'accept-language': 'fr' } });
  assert.equal(flood.statusCode, 429);
  assert.equal(flood.headers['retry-after'], '600');
  assert.deepEqual(flood.json(), {
    type: 'urn:cybernorms:problem:rate_limited',
    title: 'Trop de demandes',
    status: 429,
    code: 'RATE_LIMITED',
    instance: '/api/flood',
    detail: 'You have posted many comments in a short time; wait a few minutes.',
  });
  for (const [lang, title] of [
    ['en', 'Not possible in the current state'],
    ['ar', 'غير ممكن في الحالة الراهنة'],
    ['zh', '当前状态下无法执行'],
  ]) {
    const res = await app.inject({ url: '/api/conflict', headers: { 'accept-language': lang } });
    assert.equal(res.json().title, title);
    assert.equal(res.json().code, 'CONFLICT');
    assert.equal(res.json().detail, 'This report was submitted: reopen it to change it.');
  }
  // Fastify's own client errors answer under catalogue codes too.
  const json = { 'content-type': 'application/json' };
  const badJson = await app.inject({ method: 'POST', url: '/api/body', headers: json, payload: '{"a":' });
  assert.equal(badJson.statusCode, 400);
  assert.equal(badJson.json().code, 'BAD_INPUT');
  assert.equal(badJson.json().errors[0].field, 'body');
  const xml = await app.inject({ method: 'POST', url: '/api/body', headers: { 'content-type': 'text/xml' }, payload: '<a/>' });
  assert.equal(xml.statusCode, 415);
  assert.equal(xml.json().code, 'UNSUPPORTED_MEDIA_TYPE');
  const big = await app.inject({ method: 'POST', url: '/api/body', headers: json, payload: `"${'x'.repeat(1_100_000)}"` });
  assert.equal(big.statusCode, 413);
  assert.equal(big.json().code, 'PAYLOAD_TOO_LARGE');
  assert.equal(big.json().title, 'Request too large');
});
