// Cached pages are compressed once per encoding and served as the browser asks: the negotiation, the bytes
// (which decode to the plain page, and are the same object on every request), and a content change that
// drops them, through the real app on the database mode under test.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { type TestApp, testApp } from '../../test/support/app.ts';
import { Client, clientAs } from '../../test/support/client.ts';
import { EncodedPage, negotiateEncoding } from './cache.ts';

describe('Accept-Encoding', () => {
  test('the accepted encoding with the highest weight, Brotli before gzip on a tie, else none', () => {
    const cases: [string | undefined, string][] = [
      [undefined, 'identity'],
      ['', 'identity'],
      ['br, gzip', 'br'],
      ['gzip, deflate, br, zstd', 'br'],
      ['gzip', 'gzip'],
      ['x-gzip', 'gzip'],
      ['GZIP', 'gzip'],
      ['br;q=0, gzip', 'gzip'],
      ['gzip;q=1.0, br;q=0.5', 'gzip'],
      ['br;q=0.5, gzip;q=0.5', 'br'],
      ['*', 'br'],
      ['*;q=0.1, br;q=0', 'gzip'],
      ['*;q=0', 'identity'],
      ['identity', 'identity'],
      ['deflate', 'identity'],
      ['br;q=nonsense', 'identity'],
      [' , ;q=1, ', 'identity'],
    ];
    for (const [header, expected] of cases) assert.equal(negotiateEncoding(header), expected, String(header));
  });
});

describe('an encoded page', () => {
  const html = `<!doctype html><p>${'Norms of responsible State behaviour. '.repeat(200)}</p>`;
  test('decodes to the page, and is compressed once per encoding', async () => {
    const page = new EncodedPage(html);
    assert.equal(page.body('identity').toString(), html);
    const [br, again] = await Promise.all([page.body('br'), page.body('br')]);
    assert.equal(br, again, 'two requests at once share one compression');
    assert.equal(brotliDecompressSync(br).toString(), html);
    assert.ok(br.length < html.length / 10);
    assert.equal(page.body('br'), br, 'later requests get the kept bytes at once');
    assert.equal(gunzipSync(await page.body('gzip')).toString(), html);
  });
});

describe('cached pages through the app', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  const get = (url: string, acceptEncoding?: string) =>
    t.app.inject({ url, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });
  const decode = (res: Awaited<ReturnType<typeof get>>) => {
    const encoding = res.headers['content-encoding'];
    return encoding === 'br'
      ? brotliDecompressSync(res.rawPayload).toString()
      : encoding === 'gzip'
        ? gunzipSync(res.rawPayload).toString()
        : res.body;
  };

  for (const url of ['/pillars', '/norms/c', '/norms/c?lang=fr', '/glossary']) {
    test(`${url}: Brotli, gzip or plain as asked, the same page in each, the same bytes each time`, async () => {
      const plain = await get(url);
      assert.equal(plain.statusCode, 200);
      assert.equal(plain.headers['content-encoding'], undefined);
      for (const [asked, encoding] of [
        ['br, gzip', 'br'],
        ['gzip', 'gzip'],
      ] as const) {
        const first = await get(url, asked);
        assert.equal(first.statusCode, 200);
        assert.equal(first.headers['content-encoding'], encoding);
        assert.equal(first.headers['content-type'], 'text/html; charset=utf-8');
        assert.equal(Number(first.headers['content-length']), first.rawPayload.length);
        assert.match(String(first.headers.vary), /Accept-Language/);
        assert.match(String(first.headers.vary), /Accept-Encoding/);
        assert.equal(decode(first), plain.body);
        assert.ok(
          first.rawPayload.length < plain.rawPayload.length / 2,
          `${first.rawPayload.length} of ${plain.rawPayload.length}`,
        );
        assert.deepEqual((await get(url, asked)).rawPayload, first.rawPayload);
      }
    });
  }

  test('a page the editor changes is served changed in every encoding at once', async () => {
    const editor = await clientAs(t, 'editor@demo.cybernorms.example');
    // Fill the cache in every encoding first.
    for (const asked of [undefined, 'br', 'gzip']) assert.equal((await get('/norms/c', asked)).statusCode, 200);
    const original = (await editor.json('GET', '/api/v1/content/norm/c')).json();
    const marker = 'Compressed pages follow the content they were made from.';
    const saved = await editor.json('PUT', '/api/v1/content/norm/c', {
      lang: 'en',
      fields: { ...original.fields, about: `${original.fields.about}\n\n${marker}` },
      note: 'A sentence to find',
      baseRevision: original.revision,
    });
    assert.equal(saved.statusCode, 200, saved.body);
    for (const asked of [undefined, 'br', 'gzip']) assert.ok(decode(await get('/norms/c', asked)).includes(marker), asked);
    // A signed-in reader's page (composed for them, compressed per request) follows too.
    const member = await clientAs(t, 'member@demo.cybernorms.example');
    assert.ok((await member.get('/norms/c')).body.includes(marker));
    assert.ok((await new Client(t.app).get('/norms/c')).body.includes(marker));
  });

  test('HEAD answers with the headers and no body', async () => {
    const res = await t.app.inject({ method: 'HEAD', url: '/pillars', headers: { 'accept-encoding': 'br' } });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-encoding'], 'br');
    assert.equal(res.rawPayload.length, 0);
  });
});
