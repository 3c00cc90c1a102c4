// In headless Chromium, the content in Arabic and Chinese as a reader sees it, at 1280 px and on a 390 px
// phone: the page's language and direction, the content in its own script and marked as the project's
// translation, the official text kept in the adopted English with a link to the UN's own version in the
// reader's language, dates at the precision the sources give, States named as the UN names them, and no
// sideways scrolling. The refusals: an unknown norm is a 404 page in the reader's language, an unknown
// language falls back to English, and a signed-out reader of the directory is sent to sign in. Checked with axe.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { seriousViolations } from './support/browser.ts';
import { type BrowserApp, browserApp } from './support/browser-app.ts';

let env: BrowserApp;
before(async () => {
  env = await browserApp();
});
after(() => env?.close());

const SCRIPT = { ar: /\p{Script=Arabic}/u, zh: /\p{Script=Han}/u } as const;

async function noSidewaysScroll(page: Page) {
  const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok(scroll <= width, `${page.url()} is ${scroll} px wide on a ${width} px screen`);
}

for (const lang of ['ar', 'zh'] as const) {
  describe(`reading in ${lang}`, () => {
    for (const width of [1280, 390]) {
      test(`a norm, the timeline and the States at ${width} px`, async () => {
        const { page, problems } = await env.as(null);
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`${env.base}/norms/c?lang=${lang}`);
        assert.equal(await page.getAttribute('html', 'lang'), lang);
        assert.equal(await page.getAttribute('html', 'dir'), lang === 'ar' ? 'rtl' : 'ltr');
        const h1 = await page.locator('h1').innerText();
        assert.match(h1, SCRIPT[lang]);
        const about = page.locator('#about');
        assert.match(await about.innerText(), SCRIPT[lang]);
        assert.equal(await about.locator('[lang="en"]').count(), 0, 'nothing in the explanation falls back to English');
        // Labelled as the project's translation, never as UN text.
        assert.match(await page.locator('main .notice').first().innerText(), /cybernorms/);
        // The official text stays the adopted English, marked as English, with the UN's own version linked.
        const official = page.locator('#official-text blockquote[lang="en"]');
        assert.match(await official.innerText(), /^States should not knowingly allow/);
        assert.equal(await page.locator(`#official-text a[href="https://undocs.org/${lang}/A/70/174"]`).count(), 1);
        // Implementation, actors and forums are translated too.
        for (const section of ['#implementation', '#actors', '#forums'])
          assert.match(await page.locator(section).innerText(), SCRIPT[lang], section);
        await noSidewaysScroll(page);
        assert.deepEqual(await seriousViolations(page), [], page.url());

        await page.goto(`${env.base}/timeline?lang=${lang}`);
        assert.equal(await page.locator('#\\31 998-res-53-70 time').getAttribute('datetime'), '1998');
        assert.equal(await page.locator('#\\32 024-poc-live time').getAttribute('datetime'), '2024-05-09');
        assert.match(await page.locator('#\\32 024-poc-live').innerText(), SCRIPT[lang]);
        await noSidewaysScroll(page);
        assert.deepEqual(await seriousViolations(page), [], page.url());

        await page.goto(`${env.base}/states?group=weog&lang=${lang}`);
        const names = await page.locator('main table').innerText();
        if (lang === 'zh') assert.match(names, /大不列颠及北爱尔兰联合王国/);
        else assert.match(names, /المملكة المتحدة لبريطانيا العظمى وأيرلندا الشمالية/);
        await noSidewaysScroll(page);
        assert.deepEqual(await seriousViolations(page), [], page.url());
        assert.deepEqual(problems, []);
      });
    }

    test('the refusals: an unknown norm, an unknown language, the directory signed out', async () => {
      const { page } = await env.as(null);
      const missing = await page.goto(`${env.base}/norms/z?lang=${lang}`);
      assert.equal(missing?.status(), 404);
      assert.equal(await page.getAttribute('html', 'lang'), lang);
      assert.match(await page.locator('h1').innerText(), SCRIPT[lang]);
      await page.goto(`${env.base}/norms/c?lang=xx`);
      // An unknown language is not an error: the remembered choice (the cookie) stays.
      assert.equal(await page.getAttribute('html', 'lang'), lang);
      await page.goto(`${env.base}/directory?lang=${lang}`);
      assert.match(new URL(page.url()).pathname, /^\/sign-in/);
    });
  });
}
