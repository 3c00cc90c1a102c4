// Browser tests in headless Chromium: the main path (home → norm (c), search → result, Arabic right-to-left),
// the refusals (bad input, unknown page), no console errors, and axe-core finding nothing serious.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type TestApp, testApp } from './support/app.ts';
import { launchBrowser, seriousViolations } from './support/browser.ts';

let t: TestApp;
let browser: Browser;
let base: string;

before(async () => {
  t = await testApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await t.close();
});

/** A fresh page that records console errors and failed requests. axe is injected, so CSP is bypassed only for it. */
async function openPage(options: { javaScriptEnabled?: boolean; locale?: string } = {}) {
  const context: BrowserContext = await browser.newContext({ bypassCSP: true, ...options });
  const page: Page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  return { page, problems, close: () => context.close() };
}

describe('main path', () => {
  test('home → Norms → norm (c), readable, accessible, no console errors', async () => {
    const { page, problems, close } = await openPage();
    try {
      await page.goto(base);
      assert.match(await page.locator('h1').innerText(), /UN framework/);
      assert.deepEqual(await seriousViolations(page), []);
      await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Norms' }).click();
      await page.waitForURL(`${base}/norms`);
      await page.getByRole('link', { name: /Norm \(c\)/ }).click();
      await page.waitForURL(`${base}/norms/c`);
      assert.equal(await page.locator('h1').innerText(), 'Prevent misuse of ICTs in your territory');
      assert.match(
        await page.locator('#official-text blockquote').innerText(),
        /States should not knowingly allow their territory/,
      );
      await page.getByRole('navigation', { name: 'On this page' }).getByRole('link', { name: 'How it is implemented' }).click();
      assert.ok(page.url().endsWith('#implementation'));
      assert.deepEqual(await seriousViolations(page), []);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test('search "critical infrastructure" and follow a result', async () => {
    const { page, problems, close } = await openPage();
    try {
      await page.goto(base);
      await page.getByRole('searchbox', { name: 'Search the framework' }).fill('critical infrastructure');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.waitForURL(/\/search\?q=critical\+infrastructure/);
      assert.match(await page.getByRole('status').innerText(), /results for “critical infrastructure”/);
      assert.ok((await page.locator('.results mark').count()) > 0, 'matches are highlighted');
      assert.deepEqual(await seriousViolations(page), []);
      const first = page.locator('.results li a').first();
      const href = await first.getAttribute('href');
      await first.click();
      await page.waitForURL(`${base}${href}`);
      assert.match(await page.locator('h1').innerText(), /critical infrastructure/i);
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test('switch to Arabic: a right-to-left, mirrored page', async () => {
    const { page, problems, close } = await openPage();
    try {
      await page.goto(`${base}/norms/c`);
      await page.locator('nav.langs').getByRole('link', { name: 'العربية' }).click();
      await page.waitForURL(/lang=ar/);
      assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'ar');
      // Mirrored: the brand sits on the right, the search form on the left.
      const brand = await page.locator('.brand').boundingBox();
      const search = await page.locator('.search-form').boundingBox();
      assert.ok(brand && search && brand.x > search.x, 'the header is mirrored');
      assert.equal(await page.locator('.nav a[aria-current="page"]').innerText(), 'القواعد');
      assert.deepEqual(await seriousViolations(page), []);
      // The choice is remembered on the next page.
      await page.getByRole('link', { name: 'المسرد' }).click();
      assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test('every page is readable with JavaScript off', async () => {
    const { page, close } = await openPage({ javaScriptEnabled: false });
    try {
      for (const path of ['/', '/norms/h', '/cbms', '/frameworks', '/timeline', '/search?q=attribution']) {
        const res = await page.goto(`${base}${path}`);
        assert.equal(res?.status(), 200, path);
        assert.ok((await page.locator('main').innerText()).length > 200, path);
      }
    } finally {
      await close();
    }
  });
});

describe('refusals', () => {
  test('a query over 500 characters is refused on the page, saying why', async () => {
    const { page, close } = await openPage();
    try {
      const res = await page.goto(`${base}/search?q=${'a'.repeat(600)}`);
      assert.equal(res?.status(), 400);
      assert.match(await page.getByRole('alert').innerText(), /at most 500 characters/);
      assert.equal(await page.locator('#q').getAttribute('aria-invalid'), 'true');
    } finally {
      await close();
    }
  });

  test('markup typed into search is shown as text and runs nothing', async () => {
    const { page, close } = await openPage();
    try {
      let dialog = false;
      page.on('dialog', async (d) => {
        dialog = true;
        await d.dismiss();
      });
      await page.goto(base);
      await page.getByRole('searchbox', { name: 'Search the framework' }).fill('<img src=x onerror=alert(1)>');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.waitForURL(/\/search\?q=/);
      assert.match(await page.getByRole('status').innerText(), /<img src=x onerror=alert\(1\)>/);
      assert.equal(dialog, false);
    } finally {
      await close();
    }
  });

  test('an unknown norm is a 404 page with a way back', async () => {
    const { page, close } = await openPage();
    try {
      const res = await page.goto(`${base}/norms/z`);
      assert.equal(res?.status(), 404);
      assert.equal(await page.locator('h1').innerText(), 'Page not found');
      await page.getByRole('link', { name: 'Back to the home page' }).click();
      await page.waitForURL(`${base}/`);
    } finally {
      await close();
    }
  });
});
