// The knowledge base through the API and the pages, on the database mode under test.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { norms as seedNorms } from '../../content/norms.ts';

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

describe('norms API', () => {
  test('lists the eleven norms a to k', async () => {
    const res = await get('/api/v1/norms');
    assert.equal(res.statusCode, 200);
    const { data } = res.json();
    assert.deepEqual(
      data.map((n: { letter: string }) => n.letter),
      ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k'],
    );
    assert.equal(data[9].title.text, 'Report ICT vulnerabilities');
  });

  test('a norm carries its official text with citation, implementation and relations', async () => {
    const res = await get('/api/v1/norms/c');
    assert.equal(res.statusCode, 200);
    const norm = res.json();
    assert.equal(
      norm.official_text,
      'States should not knowingly allow their territory to be used for internationally wrongful acts using ICTs;',
      'norms (a) to (j) end with a semicolon, as adopted: all eleven are one sentence of the report',
    );
    assert.equal(norm.citation, 'A/70/174, para. 13 (c)');
    assert.deepEqual(
      norm.official_versions.map((v: { lang: string; url: string }) => v.url),
      ['en', 'fr', 'es', 'ru', 'ar', 'zh'].map((l) => `https://undocs.org/${l}/A/70/174`),
    );
    assert.ok(norm.implementation.length >= 5);
    assert.ok(norm.actors.some((a: { slug: string }) => a.slug === 'national-certs'));
    assert.ok(norm.forums.some((f: { slug: string }) => f.slug === 'oewg'));
    assert.ok(norm.cbms.some((c: { id: string }) => c.id === 'osce-8'));
    assert.ok(norm.framework_elements.some((e: { id: string }) => e.id === 'gcsc-8'));
  });

  test('every norm is written to depth: about, relevance, at least four actions, actors and forums', async () => {
    for (const n of seedNorms) {
      const norm = (await get(`/api/v1/norms/${n.letter}`)).json();
      assert.ok(norm.about.length >= 1 && norm.relevance.length >= 1, n.letter);
      assert.ok(norm.implementation.length >= 4, `${n.letter} has ${norm.implementation.length} actions`);
      assert.ok(norm.actors.length >= 3 && norm.forums.length >= 2, n.letter);
    }
  });

  test('an unknown letter is a 404 problem, not a 5xx', async () => {
    for (const letter of ['z', 'A', 'ab', '%20', 'c%00']) {
      const res = await get(`/api/v1/norms/${letter}`);
      assert.equal(res.statusCode, 404, letter);
      assert.match(res.headers['content-type'] as string, /^application\/problem\+json/);
      assert.equal(res.json().code, 'NOT_FOUND');
    }
  });

  test("content is in the reader's language, and falls back to English, marked, where a translation is missing", async () => {
    const fr = (await get('/api/v1/norms/g?lang=fr')).json();
    assert.deepEqual(fr.title, { text: 'Protéger les infrastructures critiques', lang: 'fr' });
    assert.equal(fr.about[0].lang, 'fr');
    for (const list of [fr.implementation, fr.actors, fr.forums, fr.sectors, fr.cbms, fr.framework_elements])
      for (const item of list) assert.equal(item.lang, 'fr', JSON.stringify(item));
    assert.match(fr.official_text, /^States should take appropriate measures/, 'the official text stays the adopted English');
    const viaHeader = (await get('/api/v1/norms/g', { 'accept-language': 'es-ES,es;q=0.9' })).json();
    assert.equal(viaHeader.title.lang, 'es');
    const unknown = (await get('/api/v1/norms/g?lang=xx')).json();
    assert.equal(unknown.title.lang, 'en');
    // A field an editor blanked (its translation removed) falls back to English, marked as such.
    await t.db.query("delete from translations where entity = 'norm' and entity_id = 'k' and field = 'about' and lang = 'ru'");
    await t.db.query("delete from translations where entity = 'norm_action' and entity_id = 'k-1' and lang = 'ru'");
    const k = (await get('/api/v1/norms/k?lang=ru')).json();
    assert.equal(k.title.lang, 'ru');
    assert.equal(k.about[0].lang, 'en');
    assert.deepEqual(
      k.implementation.map((a: { lang: string }) => a.lang),
      k.implementation.map((_: unknown, i: number) => (i === 0 ? 'en' : 'ru')),
    );
    const page = (await get('/norms/k?lang=ru')).body;
    assert.match(page, /id="action-k-1" lang="en" dir="ltr"/);
    assert.match(page, /Перевод проекта cybernorms/);
  });

  test("every list of the framework is in the reader's language, with the dates the sources give", async () => {
    for (const url of [
      '/api/v1/actors',
      '/api/v1/forums',
      '/api/v1/sectors',
      '/api/v1/glossary',
      '/api/v1/timeline',
      '/api/v1/cbms',
    ]) {
      const { data } = (await get(`${url}?lang=zh`)).json();
      for (const item of data) assert.equal(item.lang, 'zh', `${url} ${JSON.stringify(item)}`);
    }
    const frameworks = (await get('/api/v1/frameworks?lang=ar')).json().data;
    for (const f of frameworks) for (const e of [f, ...f.elements]) assert.equal(e.lang, 'ar');
    const timeline = (await get('/api/v1/timeline')).json().data;
    const byId = Object.fromEntries(timeline.map((e: { id: string }) => [e.id, e]));
    assert.equal(byId['1998-res-53-70'].date, '1998', 'the day of A/RES/53/70 is not confirmed: only the year');
    assert.equal(byId['2022-apr1'].date, '2022-07');
    assert.equal(byId['2024-poc-live'].date, '2024-05-09');
    assert.match(byId['2023-poc'].title, /decided/);
    const cbms = (await get('/api/v1/cbms?source=un')).json().data;
    assert.deepEqual(
      cbms.map((c: { verified: boolean }) => c.verified),
      [true, true, false, false, false, false],
    );
  });
});

describe('framework API', () => {
  test('CBMs: the OSCE sixteen, the OAS six and the UN global ones', async () => {
    const count = async (source: string) => (await get(`/api/v1/cbms?source=${source}`)).json().data.length;
    assert.equal(await count('osce'), 16);
    assert.equal(await count('oas'), 6);
    assert.ok((await count('un')) >= 2);
    const bad = await get('/api/v1/cbms?source=nato');
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors[0].field, 'source');
  });

  test('frameworks map each element to norms', async () => {
    const { data } = (await get('/api/v1/frameworks')).json();
    const bySlug = Object.fromEntries(data.map((f: { slug: string }) => [f.slug, f]));
    assert.equal(bySlug['paris-call'].elements.length, 9);
    assert.equal(bySlug.gcsc.elements.length, 8);
    for (const f of data) for (const e of f.elements) assert.ok(e.norms.length > 0, e.id);
  });

  test('timeline runs from 1998 to the Global Mechanism in 2026', async () => {
    const { data } = (await get('/api/v1/timeline')).json();
    assert.equal(data[0].date.slice(0, 4), '1998');
    assert.equal(data.at(-1).date.slice(0, 4), '2026');
    assert.ok(data.some((e: { title: string }) => e.title.includes('Global Mechanism')));
  });

  test('glossary, actors, forums, sectors and pillars are listed', async () => {
    for (const [url, min] of [
      ['/api/v1/glossary', 20],
      ['/api/v1/actors', 15],
      ['/api/v1/forums', 10],
      ['/api/v1/sectors', 6],
      ['/api/v1/pillars', 4],
    ] as const) {
      const res = await get(url);
      assert.equal(res.statusCode, 200, url);
      assert.ok(res.json().data.length >= min, url);
    }
  });
});

describe('pages', () => {
  test('every main page renders', async () => {
    for (const url of [
      '/',
      '/norms',
      '/pillars',
      '/cbms',
      '/frameworks',
      '/actors',
      '/forums',
      '/sectors',
      '/glossary',
      '/timeline',
      '/search',
    ]) {
      const res = await get(url);
      assert.equal(res.statusCode, 200, url);
      assert.match(res.body, /^<!doctype html><html lang="en" dir="ltr">/, url);
    }
  });

  test('a norm page has the official text with citation and an anchor for every section', async () => {
    const res = await get('/norms/c');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<blockquote lang="en" dir="ltr"><p>States should not knowingly allow/);
    assert.match(res.body, /<cite><a href="https:\/\/undocs.org\/en\/A\/70\/174">A\/70\/174, para\. 13 \(c\)<\/a><\/cite>/);
    const fr = (await get('/norms/c?lang=fr')).body;
    assert.match(fr, /<a href="https:\/\/undocs.org\/fr\/A\/70\/174" hreflang="fr" lang="fr">Français<\/a>/);
    assert.match(fr, /<time datetime="1998"|lang="en" dir="ltr"><p>States should not knowingly/);
    for (const id of ['official-text', 'about', 'relevance', 'implementation', 'actors', 'forums', 'frameworks', 'sectors']) {
      assert.match(res.body, new RegExp(`<section id="${id}"`), id);
      assert.match(res.body, new RegExp(`href="#${id}"`), id);
    }
  });

  test('pictures are drawn on the server: the timeline and the framework matrix', async () => {
    const timeline = (await get('/timeline')).body;
    assert.match(timeline, /<svg class="timeline"[^>]*role="group"/, 'a picture of links is a group, not an image');
    const frameworks = (await get('/frameworks')).body;
    assert.equal((frameworks.match(/<svg class="matrix"/g) ?? []).length, 2);
  });

  test("a cached page never carries another request's query string", async () => {
    await get('/norms/d?utm=evil');
    const clean = await get('/norms/d');
    assert.doesNotMatch(clean.body, /evil/);
  });

  test('an unknown norm is a 404 page in the reader language', async () => {
    const res = await get('/norms/z?lang=fr');
    assert.equal(res.statusCode, 404);
    assert.match(res.headers['content-type'] as string, /text\/html/);
    assert.match(res.body, /Page introuvable/);
  });

  test('Arabic pages are right-to-left; the choice is remembered in a cookie', async () => {
    const res = await get('/norms/c?lang=ar');
    assert.match(res.body, /<html lang="ar" dir="rtl">/);
    const cookie = res.cookies.find((c) => c.name === 'lang');
    assert.equal(cookie?.value, 'ar');
    const next = await get('/norms', { cookie: 'lang=ar' });
    assert.match(next.body, /<html lang="ar" dir="rtl">/);
    assert.match(next.body, /القواعد الإحدى عشرة/);
  });

  test('an unknown language falls back to English; Accept-Language picks a supported one', async () => {
    assert.match((await get('/?lang=tlh')).body, /<html lang="en"/);
    assert.match((await get('/', { 'accept-language': 'de-DE, ru;q=0.8, en;q=0.5' })).body, /<html lang="ru"/);
  });
});
