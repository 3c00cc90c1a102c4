// In headless Chromium, at 1280 px and on a 390 px phone, changes to a published incident and its history
// (decision 73): an editor proposes a change from the incident's page (the draft's form, prefilled, with a note);
// the public still sees the published version; the proposer is offered no approval and a forced one is refused;
// another editor reviews what it changes and approves it; the history lists both versions with who proposed and
// approved them, and the comparison shows the difference. A comment under the incident, seen by a signed-out
// reader. The refusals: a change without a title names the field and keeps what was typed; a signed-out reader
// is sent to sign in; a State's focal point (not an editor) is refused. Every page checked with axe and for
// sideways scrolling.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TestApp } from './support/app.ts';
import { addEditor } from './support/auth.ts';
import { checked } from './support/browser.ts';
import { type BrowserApp, browserApp, DESK, PHONE } from './support/browser-app.ts';
import { clientAs } from './support/client.ts';

let env: BrowserApp;
let t: TestApp;
let base: string;

const EDITOR = 'editor@demo.cybernorms.example';
const EDITOR2 = 'editor2@history.example.org';
const FOCAL = 'focal@xaa.demo.cybernorms.example';
const SIZES = [
  ['1280 px', DESK],
  ['390 px', PHONE],
] as const;

before(async () => {
  env = await browserApp();
  ({ t, base } = env);
  await addEditor(t.db, EDITOR2, 'Ana Second');
});
after(async () => {
  await env?.close();
});

/** A record proposed by the first editor and approved by the second, through the API. */
async function published(title: string): Promise<string> {
  const one = await clientAs(t, EDITOR);
  const made = await one.json('POST', '/api/v1/incidents', {
    title,
    summary: 'Ransomware stopped the billing of a water utility.',
    types: ['ransomware'],
    started: '2026-10-02',
    targets: ['XAA'],
    claims: [
      {
        claimantKind: 'researchers',
        claimantName: 'A security lab',
        claimedOn: '2026-10-20',
        basis: 'technical_report',
        attributedKind: 'non_state',
        attributedActor: 'Group W',
        sourceUrl: 'https://lab.example/w',
      },
    ],
    norms: [{ norm: 'f', basis: 'editors', rationale: 'A utility serving the public was hit.' }],
  });
  const id = made.json().id;
  await one.json('POST', `/api/v1/incidents/${id}/propose`, {});
  const ok = await (await clientAs(t, EDITOR2)).json('POST', `/api/v1/incidents/${id}/approve`, {});
  assert.equal(ok.statusCode, 200, ok.body);
  return id;
}

for (const [size, viewport] of SIZES) {
  describe(`changes to a published incident at ${size}`, () => {
    test('one editor proposes a change, another approves it; the history shows both versions and the difference', async () => {
      const title = `Water utility ransomware (${size})`;
      const id = await published(title);
      const one = await env.open(EDITOR, viewport);
      await one.page.goto(`${base}/incidents/${id}`);
      await checked(one.page, 'published incident, editor');
      await one.page.getByRole('link', { name: 'Propose a change' }).first().click();
      await one.page.waitForURL(/\/change$/);
      await checked(one.page, 'change form');
      assert.equal(await one.page.locator('#f-title').inputValue(), title, 'prefilled with the published record');
      await one.page.locator('#f-title').fill(`${title}, attributed`);
      await one.page.locator('#f-claims-0-summary').fill('The lab names the group and its tools.');
      await one.page.locator('#f-note').fill('The lab report names the group.');
      await one.page.getByRole('button', { name: 'Propose the change' }).click();
      await one.page.waitForURL(/notice=changeProposed/);
      await checked(one.page, 'history with a change waiting');

      // The public still sees the published version.
      const anon = await env.open(null, viewport);
      await anon.page.goto(`${base}/incidents/${id}`);
      assert.equal(await anon.page.locator('h1').innerText(), title);
      await anon.context.close();

      // Four eyes: its proposer (also the record's author) is offered no approval, and a forced one is refused.
      await one.page.goto(`${base}/incidents/${id}/change/review`);
      await checked(one.page, 'review, own change');
      assert.equal(await one.page.getByRole('button', { name: 'Approve and publish the change' }).count(), 0);
      const change = await t.db.query<{ id: string }>(
        "select id from incident_revisions where incident_id = $1 and status = 'proposed'",
        [id],
      );
      const forced = await one.page.request.post(`${base}/incidents/${id}/changes/${change[0].id}/approve`, {
        form: { _csrf: await one.page.locator('input[name=_csrf]').first().inputValue() },
        maxRedirects: 0,
      });
      assert.equal(forced.status(), 403, 'nobody approves their own change');
      await one.context.close();

      // The second editor reviews what it changes and approves it.
      const two = await env.open(EDITOR2, viewport);
      await two.page.goto(`${base}/incidents/${id}`);
      await two.page.getByRole('link', { name: 'Review the change' }).first().click();
      await checked(two.page, 'review of the change');
      assert.match(await two.page.locator('main').innerText(), /The lab report names the group/);
      assert.equal(await two.page.locator('#diff-title ins').count(), 1, 'the title’s addition is marked');
      await two.page.getByRole('button', { name: 'Approve and publish the change' }).click();
      await two.page.waitForURL(/notice=changeApproved/);
      await checked(two.page, 'history after approval');
      const rows = await two.page.locator('tbody tr').allInnerTexts();
      assert.equal(rows.length, 2, 'two versions');
      assert.match(rows[0], /2[\s\S]*Ana Second[\s\S]*The lab report names the group/);
      assert.match(rows[1], /1[\s\S]*Ana Second/);
      await two.page.getByRole('button', { name: 'Compare the two versions' }).click();
      await two.page.waitForURL(/\/diff\?/);
      await checked(two.page, 'comparison of versions 1 and 2');
      assert.match(await two.page.locator('#diff-title ins').innerText(), /attributed/);
      assert.match(await two.page.locator('#diff-claims').innerText(), /names the group/);
      assert.match(await two.page.locator('#diff-unchanged').innerText(), /Unchanged: .*Norms at stake/);

      // A comment under the incident (an editor's is published at once), seen by a signed-out reader.
      await two.page.goto(`${base}/incidents/${id}`);
      await two.page.locator('textarea[name="body"]').first().fill(`Is the group known from other incidents? (${size})`);
      await two.page.locator('form[action="/comments"] button[type="submit"]').first().click();
      await two.page.waitForURL(/\/incidents\//);
      await checked(two.page, 'incident with a comment');
      await two.context.close();
      const reader = await env.open(null, viewport);
      await reader.page.goto(`${base}/incidents/${id}`);
      assert.equal(await reader.page.locator('h1').innerText(), `${title}, attributed`, 'the public sees the approved version');
      assert.match(await reader.page.locator('main').innerText(), new RegExp(`other incidents\\? \\(${size}\\)`));
      await checked(reader.page, 'incident with a comment, signed out');
      await reader.page.goto(`${base}/incidents/${id}/history`);
      await checked(reader.page, 'public history');
      assert.equal(await reader.page.locator('tbody tr').count(), 2);
      await reader.context.close();
    });

    test('refusals: a change without a title, a signed-out reader, a focal point who is not an editor', async () => {
      const id = await published(`Refused changes (${size})`);
      const one = await env.open(EDITOR, viewport);
      await one.page.goto(`${base}/incidents/${id}/change`);
      await one.page.locator('#f-title').fill('');
      await one.page.locator('#f-note').fill('Trying without a title.');
      // The browser would stop an empty required field; the server's refusal is what is tested here.
      await one.page.locator('#f-title').evaluate((e) => e.removeAttribute('required'));
      await one.page.getByRole('button', { name: 'Propose the change' }).click();
      await one.page.waitForLoadState();
      assert.match(await one.page.locator('#f-title-error').innerText(), /Title: is required/);
      assert.equal(await one.page.locator('#f-note').inputValue(), 'Trying without a title.', 'what was typed is kept');
      await checked(one.page, 'refused change');
      await one.context.close();

      const anon = await env.open(null, viewport);
      await anon.page.goto(`${base}/incidents/${id}/change`);
      assert.match(anon.page.url(), /\/sign-in\?next=/, 'sent to sign in');
      await anon.context.close();

      const focal = await env.open(FOCAL, viewport);
      const res = await focal.page.goto(`${base}/incidents/${id}/change`);
      assert.equal(res?.status(), 403);
      await focal.page.goto(`${base}/incidents/${id}`);
      assert.equal(await focal.page.getByRole('link', { name: 'Propose a change' }).count(), 0, 'no change offered');
      await focal.context.close();
    });
  });
}
