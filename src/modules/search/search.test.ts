// Full-text search through the API, the page and its bad inputs, on the database mode under test.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { markHighlights } from './search.service.ts';

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

const api = (q: string, extra = '') => t.app.inject({ method: 'GET', url: `/api/v1/search?q=${encodeURIComponent(q)}${extra}` });

describe('search API', () => {
  test('ranks the matching norm first and highlights the words', async () => {
    const res = await api('critical infrastructure');
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.ok(body.total >= 5);
    assert.match(body.hits[0].url, /^\/norms\/[fg]/);
    assert.match(body.hits[0].snippet_html, /<mark>critical<\/mark> <mark>infrastructure<\/mark>/);
  });

  test('reaches every kind of content', async () => {
    const expectations: [string, string][] = [
      ['Budapest Convention', 'actor'],
      ['vulnerabilities equities process', 'glossary'],
      ['hack-back', 'framework'],
      ['terminology', 'cbm'],
      ['Hanoi', 'timeline'],
      ['sanitation', 'sector'],
    ];
    for (const [q, kind] of expectations) {
      const { hits } = (await api(q)).json();
      assert.ok(
        hits.some((h: { kind: string }) => h.kind === kind),
        `${q} → ${kind}`,
      );
    }
  });

  test('pages through results with a cursor', async () => {
    const first = (await api('norm')).json();
    assert.equal(first.hits.length, 10);
    assert.ok(first.next_cursor);
    const second = (await api('norm', `&cursor=${first.next_cursor}`)).json();
    assert.equal(second.total, first.total);
    assert.notDeepEqual(second.hits[0], first.hits[0]);
    const bad = await api('norm', '&cursor=abc');
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors[0].field, 'cursor');
  });

  test('refuses an empty query and one over 500 characters, naming the field', async () => {
    for (const q of ['', '   ', 'x'.repeat(501)]) {
      const res = await api(q);
      assert.equal(res.statusCode, 400);
      assert.match(res.headers['content-type'] as string, /^application\/problem\+json/);
      assert.equal(res.json().errors[0].field, 'q');
    }
    const missing = await t.app.inject('/api/v1/search');
    assert.equal(missing.statusCode, 400);
    assert.equal(missing.json().errors[0].field, 'q');
  });

  test('markup and SQL in a query change nothing and come back escaped', async () => {
    const before = (await api('critical')).json().total;
    // A NUL character is refused everywhere (PostgreSQL cannot store one), naming the field.
    const nul = await api('a\u0000b');
    assert.equal(nul.statusCode, 400);
    assert.equal(nul.json().errors[0].field, 'q');
    for (const q of ["'; drop table norms; --", '<script>alert(1)</script>', '"unclosed', '-', 'OR OR OR', ':*&|!']) {
      const res = await api(q);
      assert.equal(res.statusCode, 200, q);
      assert.match(res.headers['content-type'] as string, /^application\/json/);
      for (const hit of res.json().hits) assert.doesNotMatch(hit.snippet_html + hit.title_html, /<(?!\/?mark>)/);
    }
    assert.equal((await api('critical')).json().total, before);
    assert.equal((await t.app.inject('/api/v1/norms')).json().data.length, 11);
  });

  test('highlights are escaped before markers become <mark>', () => {
    assert.equal(markHighlights('<b>\u27e6x\u27e7</b>'), '&lt;b&gt;<mark>x</mark>&lt;/b&gt;');
  });
});

describe('search page', () => {
  test('shows ranked results with links and highlighted snippets', async () => {
    const res = await t.app.inject('/search?q=critical+infrastructure');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<ol class="results">/);
    assert.match(res.body, /<a href="\/norms\/[fg]">/);
    assert.match(res.body, /<mark>critical<\/mark>/);
  });

  test('the language links keep the query', async () => {
    const res = await t.app.inject('/search?q=attribution&lang=fr');
    assert.match(res.body, /href="\/search\?lang=ar&amp;q=attribution"/);
    assert.match(res.body, /Pas encore traduit/, 'English results on a French page say so');
  });

  test('a query with markup is shown escaped', async () => {
    const res = await t.app.inject(`/search?q=${encodeURIComponent('<img src=x onerror=alert(1)>')}`);
    assert.equal(res.statusCode, 200);
    assert.doesNotMatch(res.body, /<img src=x/);
    assert.match(res.body, /value="&lt;img src=x onerror=alert\(1\)>"/);
  });

  test('a query over 500 characters is a 400 page saying why, in the reader language', async () => {
    const res = await t.app.inject(`/search?q=${'a'.repeat(600)}&lang=es`);
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /como máximo 500 caracteres/);
  });
});
