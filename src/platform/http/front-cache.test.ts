// The front cache, over a real port (inject() does not pass through it): a signed-out reader's repeat request
// gets exactly what the app sent the first time, headers and bytes; a content change, a new comment, a
// session, a condition or a language cookie being set all go through the app; its answers are counted.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { clientAs } from '../../../test/support/client.ts';

const METRICS_TOKEN = 'metrics-token-for-the-front-cache-0123456789';

describe('the front cache', () => {
  let t: TestApp;
  let base: string;
  before(async () => {
    t = await testApp({ config: { METRICS_TOKEN } });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  });
  after(() => t.close());

  const get = async (path: string, sent: Record<string, string> = {}) => {
    const res = await fetch(base + path, { headers: { 'accept-encoding': 'br', ...sent } });
    const headers: Record<string, string> = {};
    res.headers.forEach((value, name) => {
      headers[name] = value;
    });
    return { status: res.status, headers, body: await res.text() };
  };
  const hits = async () => {
    const res = await t.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    return Number(/^cybernorms_http_front_cache_hits_total (\d+)/m.exec(res.body)?.[1]);
  };
  /** The headers without those made per response. */
  const fixed = (h: Record<string, string>) => {
    const { date: _d, connection: _c, 'keep-alive': _k, ...rest } = h;
    return rest;
  };

  test('a repeat request is answered with the same headers and bytes, and counted', async () => {
    const first = await get('/norms/c');
    assert.equal(first.status, 200);
    const before = await hits();
    const second = await get('/norms/c');
    assert.equal(await hits(), before + 1, 'the second request was answered by the front cache');
    assert.deepEqual(fixed(second.headers), fixed(first.headers));
    assert.equal(second.body, first.body);
    assert.equal(second.headers['content-encoding'], 'br');
    assert.equal(second.headers['content-security-policy'], first.headers['content-security-policy']);
    // Plain and gzip are kept separately, each made once by the app first.
    const plain = await get('/norms/c', { 'accept-encoding': 'identity' });
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.body, first.body);
  });

  test('each language is its own answer: Accept-Language and the language cookie are part of the key', async () => {
    const fr = await get('/norms/c', { 'accept-language': 'fr' });
    const frAgain = await get('/norms/c', { 'accept-language': 'fr' });
    assert.equal(frAgain.headers['content-language'], 'fr');
    assert.equal(frAgain.body, fr.body);
    const zh = await get('/norms/c', { cookie: 'lang=zh' });
    assert.equal((await get('/norms/c', { cookie: 'lang=zh' })).headers['content-language'], 'zh');
    assert.notEqual(zh.body, fr.body);
    // ?lang= sets the cookie: that answer is never kept, so every such request gets its cookie.
    for (let i = 0; i < 2; i++) assert.match(String((await get('/norms/c?lang=es')).headers['set-cookie']), /lang=es/);
  });

  test('an editor’s change and a new comment reach the next signed-out reader', async () => {
    await get('/norms/c');
    await get('/norms/c');
    const editor = await clientAs(t, 'editor@demo.cybernorms.example');
    const original = (await editor.json('GET', '/api/v1/content/norm/c')).json();
    const marker = 'The front cache follows the content.';
    const saved = await editor.json('PUT', '/api/v1/content/norm/c', {
      lang: 'en',
      fields: { ...original.fields, about: `${original.fields.about}\n\n${marker}` },
      note: 'A sentence to find',
      baseRevision: original.revision,
    });
    assert.equal(saved.statusCode, 200, saved.body);
    assert.ok((await get('/norms/c')).body.includes(marker));
    assert.ok((await get('/norms/c')).body.includes(marker));

    const posted = await editor.json('POST', '/api/v1/comments', { target: 'norm:c', body: 'Seen by the next reader.' });
    assert.equal(posted.statusCode, 201, posted.body);
    assert.ok((await get('/norms/c')).body.includes('Seen by the next reader.'));
  });

  test('a signed-in reader, a conditional request and a HEAD go through the app', async () => {
    await get('/pillars');
    await get('/pillars');
    const before = await hits();
    const member = await clientAs(t, 'member@demo.cybernorms.example');
    const cookie = member.cookieHeader;
    const signedIn = await get('/pillars', { cookie });
    assert.equal(signedIn.status, 200);
    await get('/pillars', { 'if-none-match': '"x"' });
    await get('/pillars', { authorization: 'Bearer not-a-token' });
    const head = await fetch(`${base}/pillars`, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(await hits(), before, 'none of them was answered by the front cache');
  });
});
