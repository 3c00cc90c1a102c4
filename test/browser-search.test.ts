// In headless Chromium, at 1280 and 390 px: searching in Arabic (a right-to-left page) and in Chinese finds
// the content in that language with the matches marked, the filters by kind are checkboxes that work
// without JavaScript, a mistyped query shows the results of its correction with a link back, and the page
// never scrolls sideways. Pages are checked with axe.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { seriousViolations } from './support/browser.ts';
import { type BrowserApp, browserApp } from './support/browser-app.ts';

let env: BrowserApp;
let base: string;

before(async () => {
  env = await browserApp();
  ({ base } = env);
});
after(async () => {
  await env?.close();
});

/** A signed-out reader at the given width; with JavaScript off the page must work the same (axe needs it on). */
async function reader(width: number, javaScriptEnabled = true) {
  const context = await env.browser.newContext({ bypassCSP: true, javaScriptEnabled, viewport: { width, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  return { page, problems, close: () => context.close() };
}

/** The page is no wider than the window: nothing makes the reader scroll sideways. */
async function fitsWidth(page: Page) {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  assert.ok(scroll <= client, `the page is ${scroll} px wide in a ${client} px window`);
}

/** Searches from the page's own search form. */
async function searchFor(page: Page, query: string, button: string) {
  await page.locator('#q').fill(query);
  await page.locator('form.search-big').getByRole('button', { name: button, exact: true }).click();
  await page.waitForURL(/\/search\?q=/);
}

for (const width of [1280, 390]) {
  describe(`at ${width} px`, () => {
    test('Arabic: right to left, results in Arabic with marks, filters, a corrected query', async () => {
      const { page, problems, close } = await reader(width);
      try {
        await page.goto(`${base}/search?lang=ar`);
        assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
        await searchFor(page, 'الهياكل الأساسية الحيوية', 'بحث');
        assert.match(await page.getByRole('status').innerText(), /\d+ (نتيجة|نتائج|نتيجتان) لـ «الهياكل الأساسية الحيوية»/);
        const first = page.locator('.results li').first();
        assert.match((await first.locator('a').first().getAttribute('href')) ?? '', /^\/norms\/[fg]$/);
        assert.match(await first.locator('a').first().innerText(), /^القاعدة \([fg]\): /);
        assert.ok((await page.locator('.results mark', { hasText: 'الحيوية' }).count()) > 0, 'matches are marked');
        assert.equal(await page.locator('.results').getAttribute('lang'), null, 'the results are in Arabic');
        await fitsWidth(page);
        assert.deepEqual(await seriousViolations(page), []);

        // The filter, with JavaScript off: tick "norms", apply, and only norms remain, the box still ticked.
        const plain = await reader(width, false);
        try {
          await plain.page.goto(`${page.url()}&lang=${await page.evaluate(() => document.documentElement.lang)}`);
          await plain.page.getByRole('checkbox', { name: /^القواعد \(\d+\)$/ }).check();
          await plain.page.getByRole('button', { name: 'تطبيق عوامل التصفية' }).click();
          await plain.page.waitForURL(/kind=norm(&|$)/);
          assert.equal(await plain.page.getByRole('checkbox', { name: /^القواعد \(\d+\)$/ }).isChecked(), true, 'still ticked');
          const kinds = await plain.page.locator('.results .meta span:not([dir])').allInnerTexts();
          assert.ok(kinds.length > 0 && kinds.every((k) => k === 'القواعد'), kinds.join(', '));
          await fitsWidth(plain.page);
        } finally {
          await plain.close();
        }

        // A mistyped word: the results of the correction, a link to it, and a link to search as typed.
        await page.goto(`${base}/search?q=${encodeURIComponent('الهياكل الأساسيه الحيوية')}`);
        const notice = page.locator('.notice').first();
        assert.match(await notice.innerText(), /تُعرض نتائج الهياكل الأساسية الحيوية\./);
        assert.ok((await page.locator('.results li').count()) > 0, 'results');
        await notice.getByRole('link', { name: 'الهياكل الأساسيه الحيوية' }).click();
        await page.waitForURL(/exact=true/);
        assert.match(await page.getByRole('status').innerText(), /لا توجد نتائج/);
        await page.locator('.suggestion').getByRole('link', { name: 'الهياكل الأساسية الحيوية' }).click();
        await page.waitForURL(/\/search\?q=[^&]+$/);
        assert.ok((await page.locator('.results li').count()) > 0, 'results');
        await fitsWidth(page);
        assert.deepEqual(await seriousViolations(page), []);
        assert.deepEqual(problems, []);
      } finally {
        await close();
      }
    });

    test('Chinese: a run of Han characters found inside longer text, filters, and English when nothing matches', async () => {
      const { page, problems, close } = await reader(width);
      try {
        await page.goto(`${base}/search?lang=zh`);
        await searchFor(page, '关键基础设施', '搜索');
        assert.match(await page.getByRole('status').innerText(), /^“关键基础设施”的结果：\d+ 条$/);
        const first = page.locator('.results li').first();
        assert.match((await first.locator('a').first().getAttribute('href')) ?? '', /^\/norms\/[fg]$/);
        assert.match(await first.locator('a').first().innerText(), /^规范（[fg]）：/);
        const marks = await page.locator('.results mark').allInnerTexts();
        assert.ok(marks.length > 0 && marks.every((m) => m === '关键基础设施'), marks.join(', '));
        await fitsWidth(page);
        assert.deepEqual(await seriousViolations(page), []);

        // Two kinds ticked, with JavaScript off.
        const plain = await reader(width, false);
        try {
          await plain.page.goto(`${page.url()}&lang=${await page.evaluate(() => document.documentElement.lang)}`);
          await plain.page.getByRole('checkbox', { name: /^课程（\d+）$/ }).check();
          await plain.page.getByRole('checkbox', { name: /^规范（\d+）$/ }).check();
          await plain.page.getByRole('button', { name: '应用筛选' }).click();
          await plain.page.waitForURL(/kind=norm&kind=lesson/);
          const kinds = await plain.page.locator('.results .meta span:not([dir])').allInnerTexts();
          assert.ok(kinds.length > 0 && kinds.every((k) => k === '规范' || k === '课程'), kinds.join(', '));
          assert.equal(await plain.page.getByRole('checkbox', { name: /^课程（\d+）$/ }).isChecked(), true, 'still ticked');
          await fitsWidth(plain.page);
        } finally {
          await plain.close();
        }

        // Mistyped English on a Chinese page: corrected from the English vocabulary, the English results shown.
        await page.goto(`${base}/search?q=critcal+infrastructure`);
        assert.match(
          await page.locator('.notice').first().innerText(),
          /^以下是 critical infrastructure 的结果。 仍然搜索 critcal infrastructure$/,
        );
        assert.match(await page.locator('.notice').nth(1).innerText(), /显示英文结果/);
        assert.equal(await page.locator('.results').getAttribute('lang'), 'en');
        assert.ok((await page.locator('.results mark', { hasText: 'critical' }).count()) > 0, 'marked');
        await page.locator('.notice').first().getByRole('link', { name: 'critical infrastructure' }).click();
        await page.waitForURL(/q=critical\+infrastructure/);
        assert.ok((await page.locator('.results li').count()) > 0, 'results');
        await fitsWidth(page);
        assert.deepEqual(await seriousViolations(page), []);
        assert.deepEqual(problems, []);
      } finally {
        await close();
      }
    });
  });
}
