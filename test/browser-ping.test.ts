// In headless Chromium on a 390 px phone, the communication check's link (issue 17, point 2): the contact
// opens the link from the mail received over SMTP, sees the page and its one button (opening it confirmed
// nothing), presses it and sees it confirmed; the round's report then counts one answer. Pages are checked
// with axe, and neither page is wider than the phone.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { seriousViolations } from './support/browser.ts';
import { type BrowserApp, browserApp } from './support/browser-app.ts';
import { clientAs } from './support/client.ts';
import { linkIn, type startSmtp } from './support/smtp.ts';

let env: BrowserApp;
let smtp: Awaited<ReturnType<typeof startSmtp>>;

before(async () => {
  env = await browserApp({ smtp: true });
  smtp = env.smtp as Awaited<ReturnType<typeof startSmtp>>;
});
after(() => env?.close());

const MANAGER = 'manager@demo.cybernorms.example';
const CONTACT = 'diplomat@xaa.demo.cybernorms.example';

async function fitsThePhone(page: Page) {
  assert.deepEqual(await seriousViolations(page), [], page.url());
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `${page.url()} is ${width} px wide`);
}

async function confirmedInRound(id: string): Promise<number> {
  const report = await (await clientAs(env.t, MANAGER)).json('GET', `/api/v1/ping-rounds/${id}`);
  assert.equal(report.statusCode, 200, report.body);
  return report.json().overall.confirmed;
}

test('on a phone, the contact opens the mailed link, presses the one button, and sees it confirmed', async () => {
  const manager = await clientAs(env.t, MANAGER);
  const started = await manager.json('POST', '/api/v1/ping-rounds', {
    title: 'Spring check',
    scope: { kind: 'states', states: ['XAA'] },
    deadline: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    reminderHours: 48,
  });
  assert.equal(started.statusCode, 201, started.body);
  const round = started.json().id;
  const mail = await smtp.waitFor(CONTACT, (m) => /Spring check/.test(m.subject));
  assert.match(mail.text, /press the button/);
  const link = linkIn(mail, '/ping');

  const context = await env.browser.newContext({ bypassCSP: true, viewport: { width: 390, height: 844 }, isMobile: true });
  try {
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    const opened = await page.goto(link);
    assert.equal(opened?.status(), 200);
    assert.equal(await page.locator('h1').innerText(), 'Communication check');
    assert.match(await page.locator('main').innerText(), /Spring check/);
    const button = page.getByRole('button', { name: 'Confirm that this address reaches me' });
    assert.ok(await button.isVisible());
    await fitsThePhone(page);
    // Opening the page (twice, as a gateway and then the person) confirmed nothing.
    await page.reload();
    assert.equal(await confirmedInRound(round), 0);

    await button.click();
    await page.locator('h1', { hasText: 'Confirmed' }).waitFor();
    assert.match(await page.locator('main').innerText(), /Thank you, Dana Diplomat \(Demoland, demo\)/);
    await fitsThePhone(page);
    assert.equal(await confirmedInRound(round), 1);

    // Opening it again says it was already confirmed, with no button.
    const again = await page.goto(link);
    assert.equal(again?.status(), 409);
    assert.equal(await page.getByRole('button', { name: 'Confirm that this address reaches me' }).count(), 0);
    await fitsThePhone(page);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
