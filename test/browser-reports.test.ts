// In headless Chromium: Kenya's rapporteur (its focal point here) types an answer on part I's page, which
// saves itself; reloads and finds it; ticks measures on norm (c)'s page and saves it with its button; an
// evidence link that is not http(s) is refused by name; submits, once asked to confirm. Samplestan's focal point gets 404 for the draft, a
// visitor is sent to sign in. The focal point publishes it: a visitor sees it on Kenya's page, and Kenya
// changes colour on the map of norm (c). Pages are checked with axe.
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
  const [u] = await t.db.query<{ id: string }>(
    `insert into users (email, email_key, display_name, state_code, email_verified_at, totp_enabled_at)
     values ('focal@ke.example.org', 'focal@ke.example.org', 'Wanjiru Kamau', 'KEN', now(), now()) returning id`,
  );
  for (const role of ['focal_point', 'rapporteur'])
    await t.db.query(`insert into user_roles (user_id, role, state_code, granted_by) values ($1, $2, 'KEN', 'test')`, [
      u.id,
      role,
    ]);
});
after(async () => {
  await env?.close();
});

const as = (email: string | null) => env.as(email);

test('a rapporteur fills part of a report, finds it after a reload, and submits it; others do not see the draft', async () => {
  const { page, problems } = await as('focal@ke.example.org');
  await page.goto(`${base}/states/KEN/reports`);
  await page.getByRole('link', { name: 'Cycle 2026' }).click();
  await page.waitForURL(`${base}/states/KEN/reports/2026`);
  assert.match(await page.locator('h1').innerText(), /Kenya: national implementation report 2026/);
  assert.deepEqual(await seriousViolations(page), []);

  // Part I on its own page: typed, saved by itself.
  await page.getByRole('link', { name: 'I. International law' }).click();
  // Typed only once the section's page has loaded with its script: text typed before the script listens is
  // never saved by itself (under load, CI once typed in that moment).
  await page.waitForURL(/\?part=law$/);
  await page.waitForLoadState('load');
  await page.locator('#q-law-measures').fill('A position paper on international law was published in 2025.');
  await page.locator('#save-state', { hasText: 'Saved at' }).waitFor();
  await page.reload();
  assert.equal(
    await page.locator('#q-law-measures').inputValue(),
    'A position paper on international law was published in 2025.',
  );

  // Norm (c): measures ticked and the part saved with its button (no script needed).
  await page.getByRole('link', { name: /^Norm c:/ }).click();
  await page.waitForURL(/norm=c$/);
  await page.waitForLoadState('load');
  const normC = page.locator('[data-question="norm.c.measures"]');
  await normC.locator('input[type=checkbox]').first().check();
  await page.locator('[data-question="norm.c.gaps"]').getByLabel('Technical').check();
  await page.locator('[name="e:norm.c.evidence:0:title"]').fill('National CERT act');
  await page.locator('[name="e:norm.c.evidence:0:url"]').fill('javascript:alert(1)');
  await page.getByRole('button', { name: 'Save Norm c' }).click();
  assert.match(await page.getByRole('alert').innerText(), /must be an http\(s\) link/);
  // The boxes and the title saved themselves as they were typed; the bad link was never stored.
  const evidence = await t.db.query<{ value: unknown }>("select value from report_answers where question = 'norm.c.evidence'");
  assert.doesNotMatch(JSON.stringify(evidence), /javascript/);
  assert.equal(
    await page.locator('[name="e:norm.c.evidence:0:url"]').inputValue(),
    'javascript:alert(1)',
    'what was typed stays',
  );
  await page.locator('[name="e:norm.c.evidence:0:url"]').fill('https://example.org/cert-act');
  await page.getByRole('button', { name: 'Save Norm c' }).click();
  await page.waitForURL(/saved=1/);
  await page.locator('#save-state', { hasText: 'Saved at' }).waitFor();
  assert.match(await page.locator('main').innerText(), /Norm c: Prevent misuse of ICTs in your territory 3 of 6 answered/);
  assert.deepEqual(await seriousViolations(page), []);

  // Submitting is confirmed, once the page has said who will read it.
  await page.getByRole('link', { name: 'Kenya: national implementation report 2026' }).click();
  await page.locator('summary', { hasText: 'Submit the report' }).click();
  await page.getByRole('button', { name: 'Yes, submit the report' }).click();
  await page.getByText('The report is submitted.').waitFor();
  assert.match(await page.locator('main').innerText(), /National CERT act/);
  assert.equal(await page.locator('#q-law-measures').count(), 0, 'a submitted report is read, not edited');
  assert.deepEqual(problems, []);

  // Another State's official: 404; a visitor: sign in.
  const other = await as('focal@xab.demo.cybernorms.example');
  assert.equal((await other.page.goto(`${base}/states/KEN/reports/2026`))?.status(), 404);
  const visitor = await as(null);
  await visitor.page.goto(`${base}/states/KEN/reports/2026`);
  await visitor.page.waitForURL(/\/sign-in\?next=/);
  await visitor.page.goto(`${base}/map?norm=c&cycle=2026`);
  assert.equal(await visitor.page.locator('path[data-state="KEN"]').getAttribute('class'), 'm-none');

  // The focal point publishes it; the visitor sees it on Kenya's page and on the map.
  await page.getByRole('radio', { name: /^Public/ }).check();
  await page.getByRole('button', { name: 'Save who may read it' }).click();
  await page.getByText('Saved: who may read the report.').waitFor();
  await visitor.page.goto(`${base}/states/KEN`);
  await visitor.page.getByRole('link', { name: 'Cycle 2026' }).click();
  assert.match(await visitor.page.locator('main').innerText(), /National CERT act/);
  assert.deepEqual(await seriousViolations(visitor.page), []);
  await visitor.page.goto(`${base}/map?norm=c&cycle=2026`);
  assert.equal(await visitor.page.locator('path[data-state="KEN"]').getAttribute('class'), 'm-few');
  assert.match(await visitor.page.locator('main').innerText(), /1 of 193 Member States/);
  assert.deepEqual(await seriousViolations(visitor.page), []);
});
