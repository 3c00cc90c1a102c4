// In headless Chromium: a learner completes a lesson's self-check (feedback per answer) and sees their
// progress; a member's first comment waits, an editor approves it from the moderation page and it appears;
// an editor changes a norm's text with a preview, the page shows it, the diff shows exactly the change,
// and a restore brings the old text back; hostile Markdown never runs (no dialog ever opens); the Atom
// feed parses as XML in the Atom namespace and lists the change. Refusals: an empty comment, a member on
// the editor, a signed-out visitor asked to sign in. Pages are checked with axe.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { TestApp } from './support/app.ts';
import { seriousViolations } from './support/browser.ts';
import { type BrowserApp, browserApp } from './support/browser-app.ts';

let env: BrowserApp;
let t: TestApp;
let base: string;

before(async () => {
  env = await browserApp();
  ({ t, base } = env);
});
after(async () => {
  await env?.close();
});

const as = (email: string | null) => env.as(email);

test('a learner completes a lesson self-check, gets feedback on each answer and sees their progress', async () => {
  const { page, problems } = await as('member@demo.cybernorms.example');
  await page.goto(`${base}/learn`);
  assert.match(await page.locator('main').innerText(), /0 of 5 lessons completed/);
  await page.getByRole('link', { name: 'The UN process on responsible State behaviour' }).click();
  await page.getByRole('link', { name: /Where it started/ }).click();
  assert.match(await page.locator('.kicker').innerText(), /1 of 5/);
  assert.deepEqual(await seriousViolations(page), []);
  await page.getByLabel('By a recorded vote, over Western objections').check();
  await page.getByLabel('It ended without a substantive report').check();
  await page.getByRole('button', { name: 'Check my answers' }).click();
  assert.match(await page.locator('#check-result').innerText(), /1 of 2 answers right\. Your progress is saved\./);
  const feedback = await page.locator('.feedback').allInnerTexts();
  assert.match(feedback[0], /^Not quite\. No\. A\/RES\/53\/70 was adopted without a vote/);
  assert.match(feedback[1], /^Right\. Right\. The mandate was renewed/);
  // Navigation to the next lesson, "2 of 5".
  await page.getByRole('link', { name: /Next lesson/ }).click();
  assert.match(await page.locator('.kicker').innerText(), /2 of 5/);
  await page.goto(`${base}/learn`);
  assert.match(await page.locator('main').innerText(), /1 of 5 lessons completed/);
  await page.goto(`${base}/learn/un-process`);
  assert.match(await page.locator('ol.lessons li').first().innerText(), /✓ 1 of 2 answers right/);
  assert.deepEqual(problems, []);

  // A visitor gets the same feedback, but nothing is kept.
  const visitor = (await as(null)).page;
  await visitor.goto(`${base}/learn/un-process/un-process-origins`);
  await visitor.getByLabel('Without a vote').check();
  await visitor.getByLabel('It ended without a substantive report').check();
  await visitor.getByRole('button', { name: 'Check my answers' }).click();
  assert.match(await visitor.locator('#check-result').innerText(), /2 of 2 answers right\. Sign in to keep your progress\./);
});

test("a member's first comment waits, an editor approves it and it appears; an empty one is refused", async () => {
  const member = (await as('member@demo.cybernorms.example')).page;
  await member.goto(`${base}/learn/norms-in-practice/norm-h`);
  // Empty: refused with the reason, nothing saved.
  await member.getByRole('button', { name: 'Post comment' }).click();
  assert.match(await member.getByRole('alert').innerText(), /is empty/);
  assert.equal((await t.db.query('select id from comments')).length, 0);
  await member.getByRole('link', { name: 'Back to the page' }).click();
  await member.getByLabel('Your comment').fill('Our CERT answers requests within **two hours**, see https://example.org/policy');
  await member.getByRole('button', { name: 'Post comment' }).click();
  assert.match(await member.getByRole('status').innerText(), /will appear once an editor has approved it/);
  assert.match(await member.locator('#discussion').innerText(), /Awaiting moderation/);
  assert.deepEqual(await seriousViolations(member), []);

  const visitor = (await as(null)).page;
  await visitor.goto(`${base}/learn/norms-in-practice/norm-h`);
  assert.doesNotMatch(await visitor.locator('#discussion').innerText(), /two hours/);
  await visitor.getByRole('link', { name: 'Sign in to comment' }).click();
  assert.match(visitor.url(), /\/sign-in\?next=/);

  const editor = (await as('editor@demo.cybernorms.example')).page;
  await editor.goto(`${base}/moderation`);
  assert.match(await editor.locator('main').innerText(), /Our CERT answers requests/);
  assert.deepEqual(await seriousViolations(editor), []);
  await editor.getByRole('button', { name: 'Approve' }).click();
  assert.match(await editor.getByRole('status').innerText(), /The comment is published/);
  assert.match(await editor.locator('main').innerText(), /Nothing awaits moderation/);

  await visitor.goto(`${base}/learn/norms-in-practice/norm-h`);
  const comment = visitor.locator('#discussion article.comment');
  assert.match(await comment.innerText(), /Our CERT answers requests within two hours/);
  assert.equal(await comment.locator('strong', { hasText: 'two hours' }).count(), 1);
  assert.equal(await comment.locator('a[href="https://example.org/policy"]').getAttribute('rel'), 'nofollow ugc');

  // The editor replies from the comment's own page and comes back to the thread.
  await editor.goto(`${base}/learn/norms-in-practice/norm-h`);
  await editor.locator('#discussion').getByRole('link', { name: 'Reply' }).click();
  await editor.getByLabel('Your reply').fill('Thank you, that matches our practice.');
  await editor.getByRole('button', { name: 'Post reply' }).click();
  assert.match(await editor.locator('#discussion .replies').innerText(), /Thank you, that matches our practice/);
  await visitor.goto(`${base}/learn/norms-in-practice/norm-h`);
  assert.match(await visitor.locator('#discussion .replies').innerText(), /Thank you, that matches our practice/);
});

test('an editor changes a norm with a preview; the page shows it, the diff shows exactly the change, a restore brings it back', async () => {
  const { page, problems, dialogs } = await as('editor@demo.cybernorms.example');
  const reader = await as(null);
  const visitor = reader.page;
  await visitor.goto(`${base}/norms/b`);
  const before = await visitor.locator('#about').innerText();
  assert.doesNotMatch(before, /checklist/);
  const linksBefore = await visitor.locator('#about a').count();

  await page.goto(`${base}/editor`);
  await page.getByRole('link', { name: /^\(b\) / }).click();
  assert.deepEqual(await seriousViolations(page), []);
  const about = page.locator('textarea[name="fields.about"]');
  const original = await about.inputValue();
  const added =
    '\n\nStates can use a shared checklist. <script>alert("x")</script> <img src=x onerror=alert(2)> [see](javascript:alert(3))';
  await about.fill(original + added);
  await page.getByLabel('Change note').fill('Add the checklist');
  await page.getByRole('button', { name: 'Preview' }).click();
  assert.match(
    await page.locator('.preview').first().innerText(),
    /States can use a shared checklist\. <script>alert\("x"\)<\/script>/,
  );
  await page.getByRole('button', { name: 'Save revision' }).click();
  assert.match(await page.getByRole('status').innerText(), /Revision 2 is saved and published/);

  await visitor.goto(`${base}/norms/b`);
  const changed = await visitor.locator('#about').innerText();
  assert.match(changed, /States can use a shared checklist\./);
  assert.equal(await visitor.locator('#about a').count(), linksBefore, 'the javascript: link is not a link');
  assert.equal(await visitor.locator('#about a[href^="javascript"]').count(), 0);
  assert.deepEqual([...dialogs, ...reader.dialogs], [], 'no script ran');

  await page.getByRole('link', { name: 'Revision history' }).click();
  assert.match(await page.locator('table').innerText(), /Add the checklist/);
  await page.getByRole('button', { name: 'Compare' }).click();
  const inserted = await page.locator('#diff-about ins').allInnerTexts();
  assert.equal(inserted.join(''), added);
  assert.equal(await page.locator('#diff-about del').count(), 0);
  assert.match(await page.locator('#diff-title').innerText(), /Unchanged/);
  assert.deepEqual(await seriousViolations(page), []);

  await page.goBack();
  await page.getByRole('button', { name: 'Restore revision 1' }).click();
  assert.match(await page.getByRole('status').innerText(), /Revision 1 is restored/);
  await visitor.goto(`${base}/norms/b`);
  assert.equal(await visitor.locator('#about').innerText(), before);
  assert.deepEqual(problems, []);

  // The feed, parsed by the browser as XML.
  await visitor.goto(`${base}/norms`);
  const feed = await visitor.evaluate(async () => {
    const xml = await (await fetch('/feeds/norms.atom')).text();
    const doc = new DOMParser().parseFromString(xml, 'application/xml');
    return {
      error: doc.getElementsByTagName('parsererror').length,
      ns: doc.documentElement.namespaceURI,
      titles: Array.from(doc.getElementsByTagNameNS('http://www.w3.org/2005/Atom', 'entry')).map(
        (e) => e.getElementsByTagName('title')[0].textContent,
      ),
    };
  });
  assert.equal(feed.error, 0);
  assert.equal(feed.ns, 'http://www.w3.org/2005/Atom');
  assert.ok(feed.titles.includes('Norm (b) updated: Add the checklist'), feed.titles.slice(0, 3).join(' | '));
});

test('a member may not edit content or moderate; a visitor is sent to sign in', async () => {
  const member = (await as('member@demo.cybernorms.example')).page;
  for (const path of ['/editor', '/editor/norm/b', '/moderation']) {
    const res = await member.goto(`${base}${path}`);
    assert.equal(res?.status(), 403, path);
  }
  const visitor = (await as(null)).page;
  await visitor.goto(`${base}/editor/norm/b`);
  assert.match(visitor.url(), /\/sign-in\?next=%2Feditor%2Fnorm%2Fb/);
});
