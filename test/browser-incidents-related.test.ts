// In headless Chromium, at 1280 px and on a 390 px phone, the incident record where readers already are (issue
// 18): a reader goes from a norm page to an incident at stake and on to a State it targeted, whose page lists the
// incidents it attributed, was attributed or was targeted by; a signed-out reader never meets a draft; the Arabic
// pages read right to left. Every page is checked with axe and for sideways scrolling.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { incidentCount, seedIncidents } from '../src/modules/incidents/index.ts';
import type { TestApp } from './support/app.ts';
import { addEditor } from './support/auth.ts';
import { checked } from './support/browser.ts';
import { type BrowserApp, browserApp, DESK, PHONE } from './support/browser-app.ts';
import { clientAs } from './support/client.ts';

let env: BrowserApp;
let t: TestApp;
let base: string;
let draft: string;

const EDITOR = 'editor@demo.cybernorms.example';
const DRAFT_TITLE = 'Unpublished test outage of the Demoland grid';

before(async () => {
  env = await browserApp();
  ({ t, base } = env);
  if ((await incidentCount(t.db)) === 0) await t.db.transaction((tx) => seedIncidents(tx));
  // A draft on norm (f), targeting the United Kingdom: it must appear nowhere a signed-out reader looks.
  const editor = await clientAs(t, EDITOR);
  const made = await editor.json('POST', '/api/v1/incidents', {
    title: DRAFT_TITLE,
    summary: 'A draft.',
    types: ['disruption'],
    started: '2024-03-01',
    targets: ['GBR'],
    sectors: ['energy'],
    claims: [
      {
        claimantKind: 'state',
        claimantStates: ['XAA'],
        claimedOn: '2024-03-11',
        basis: 'political_statement',
        attributedKind: 'state',
        attributedState: 'XAB',
        sourceUrl: 'https://demoland.example/statement',
      },
    ],
    norms: [{ norm: 'f', basis: 'editors', rationale: 'A test.' }],
  });
  assert.equal(made.statusCode, 201, made.body);
  draft = made.json().id;
  await addEditor(t.db, 'editor2@example.org');
});
after(async () => {
  await env?.close();
});

describe('the incident record on the norm and State pages', () => {
  for (const viewport of [DESK, PHONE])
    test(`norm page → incident → State page, no draft anywhere, at ${viewport.width} px`, async () => {
      const { page, problems, context } = await env.open(null, viewport);
      await page.goto(`${base}/norms/f`);
      const section = page.locator('section#incidents');
      assert.match(await section.locator('h2').innerText(), /Incidents at stake/, 'the section');
      const titles = await section.locator('li > a').allInnerTexts();
      assert.deepEqual(titles, ['NotPetya', 'WannaCry ransomware'], 'the published incidents on norm (f), no draft');
      assert.match(await section.innerText(), /Editors’ reading/, 'whose reading');
      assert.match(await section.innerText(), /Attribution contested/, 'the contested mark');
      assert.equal(
        await section.getByRole('link', { name: /All incidents with norm \(f\)/ }).getAttribute('href'),
        '/incidents?norm=f',
        'the filtered list',
      );
      await checked(page, 'norm page');
      await section.getByRole('link', { name: 'WannaCry ransomware' }).click();
      await page.waitForURL(/\/incidents\/[0-9a-f-]{36}$/);
      assert.equal(await page.locator('h1').innerText(), 'WannaCry ransomware', 'the incident');
      await checked(page, 'incident page');
      await page.locator('main dl').getByRole('link', { name: 'United Kingdom of Great Britain and Northern Ireland' }).click();
      await page.waitForURL(/\/states\/GBR$/);
      const incidents = page.locator('section#incidents');
      const text = await incidents.innerText();
      assert.match(text, /Incidents it attributed[\s\S]*NotPetya[\s\S]*WannaCry ransomware/, 'it attributed both');
      assert.match(text, /Incidents attributed to it\s+None in the published record/, 'none attributed to it');
      assert.match(text, /Incidents that targeted it\s+WannaCry ransomware/, 'WannaCry targeted it');
      assert.doesNotMatch(text, new RegExp(DRAFT_TITLE), 'no draft on the State page');
      await checked(page, 'State page');
      // The draft: not in the filtered list, not on its own address, not in the feed.
      await page.goto(`${base}/incidents?norm=f`);
      assert.doesNotMatch(await page.locator('main').innerText(), new RegExp(DRAFT_TITLE), 'not in the list');
      const feedLink = page.locator('link[rel="alternate"][type="application/atom+xml"]');
      assert.equal(await feedLink.getAttribute('href'), '/feeds/incidents.atom', 'the feed announced in the head');
      await checked(page, 'incident list');
      const res = await page.goto(`${base}/incidents/${draft}`);
      assert.equal(res?.status(), 404, 'the draft is not found');
      const feed = await (await page.request.get(`${base}/feeds/incidents.atom`)).text();
      assert.match(feed, /WannaCry ransomware/, 'the feed lists the record');
      assert.doesNotMatch(feed, new RegExp(DRAFT_TITLE), 'but not the draft');
      // A demo State simply has none.
      await page.goto(`${base}/states/XAA`);
      assert.equal(await page.locator('section#incidents li').count(), 0, 'a demo State has no incident');
      await checked(page, 'demo State page');
      assert.deepEqual(problems, [], 'no script error');
      await context.close();
    });

  test('an incident approved after a signed-out reader read the norm page is there when they read it again', async () => {
    const { page, context } = await env.open(null, DESK);
    await page.goto(`${base}/norms/k`);
    assert.equal(await page.locator('section#incidents li').count(), 0, 'none on norm (k) yet');
    await page.reload();
    const editor = await clientAs(t, EDITOR);
    const made = await editor.json('POST', '/api/v1/incidents', {
      title: 'Test attack on the Demoland response team',
      summary: 'A test.',
      types: ['disruption'],
      started: '2025-01-10',
      targets: ['XAA'],
      claims: [],
      norms: [{ norm: 'k', basis: 'invoked', invokedBy: 'XAA', rationale: 'Demoland said its team was hit.' }],
    });
    assert.equal(made.statusCode, 201, made.body);
    const { id } = made.json();
    assert.equal((await editor.json('POST', `/api/v1/incidents/${id}/propose`, {})).statusCode, 200, 'proposed');
    const second = await clientAs(t, 'editor2@example.org');
    assert.equal((await second.json('POST', `/api/v1/incidents/${id}/approve`, {})).statusCode, 200, 'approved');
    await page.reload();
    assert.deepEqual(
      await page.locator('section#incidents li > a').allInnerTexts(),
      ['Test attack on the Demoland response team'],
      'on the page at once, past the front cache',
    );
    await context.close();
  });

  for (const viewport of [DESK, PHONE])
    test(`in Arabic, the lists read right to left, at ${viewport.width} px`, async () => {
      const { page, context } = await env.open(null, viewport);
      await page.goto(`${base}/norms/f?lang=ar`);
      assert.equal(await page.locator('html').getAttribute('dir'), 'rtl', 'the page is right to left');
      const section = page.locator('section#incidents');
      assert.equal(await section.locator('h2').innerText(), 'الحوادث التي تمس هذه القاعدة', 'the heading in Arabic');
      assert.match(await section.innerText(), /قراءة المحررين/, 'whose reading, in Arabic');
      assert.equal(
        await section.evaluate((el) => getComputedStyle(el).direction),
        'rtl',
        'the section is laid out right to left',
      );
      await checked(page, 'Arabic norm page');
      await page.goto(`${base}/states/RUS?lang=ar`);
      const incidents = page.locator('section#incidents');
      assert.match(await incidents.innerText(), /حوادث أُسندت إليها[\s\S]*NotPetya/, 'NotPetya attributed to Russia');
      await checked(page, 'Arabic State page');
      await context.close();
    });
});
