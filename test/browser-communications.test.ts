// In headless Chromium, a communication between two States: Demoland's POC composes a notification (a
// malformed indicator is refused first, the field named, nothing saved) and sends it; Samplestan's POC,
// whose inbox is open, sees it arrive without reloading, opens it, acknowledges it in one click and
// responds, while the sender's open page shows each step live. A third State's official and a member get
// 404, a visitor is sent to sign in. Pages are checked with axe.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { TestApp } from './support/app.ts';
import { seriousViolations } from './support/browser.ts';
import { type BrowserApp, browserApp } from './support/browser-app.ts';

let env: BrowserApp;
let t: TestApp;
let base: string;

before(async () => {
  env = await browserApp({ smtp: true });
  ({ t, base } = env);
  const [u] = await t.db.query<{ id: string }>(
    `insert into users (email, email_key, display_name, state_code, email_verified_at, totp_enabled_at) values ('poc@ke.example.org', 'poc@ke.example.org', 'Kenyan POC', 'KEN', now(), now()) returning id`,
  );
  await t.db.query(`insert into user_roles (user_id, role, state_code, granted_by) values ($1, 'poc_technical', 'KEN', 'test')`, [
    u.id,
  ]);
});
after(async () => {
  await env?.close();
});

const as = (email: string | null) => env.as(email);

async function accessible(page: Page) {
  assert.deepEqual(await seriousViolations(page), [], page.url());
}

const threads = async () => (await t.db.query<{ n: number }>('select count(*)::int as n from threads'))[0].n;

test('a notification is sent, arrives live, is acknowledged and answered; others never see it', async () => {
  const sender = await as('poc@xaa.demo.cybernorms.example');
  const recipient = await as('poc@xab.demo.cybernorms.example');

  // The recipient's inbox is open before anything is sent.
  await recipient.page.goto(`${base}/communications`);
  assert.match(await recipient.page.locator('main').innerText(), /No communication yet/);
  await accessible(recipient.page);

  // The sender composes; a malformed indicator is refused with the field named, and nothing is saved.
  const s = sender.page;
  await s.goto(`${base}/communications/new`);
  await accessible(s);
  await s.getByLabel('Type').selectOption('notification');
  await s.getByLabel('Urgency').selectOption('priority');
  await s.getByLabel('Sharing (TLP 2.0)').selectOption('amber');
  await s.getByLabel('Find States by name').fill('Samplestan');
  await s.getByLabel('Find States by name').press('Enter');
  await s.getByLabel('Subject').fill('Botnet command servers hosted in Samplestan');
  await s.getByLabel('Description').fill('Our CERT traced command traffic to two servers.\n\nPlease see the indicators.');
  await s.getByLabel('Norm c').check();
  await s.getByLabel('Energy').check();
  await s.getByLabel('Technical indicators').fill('198.51.100.23\nnot a domain!');
  const before = await threads();
  await s.getByRole('button', { name: 'Send', exact: true }).click();
  assert.match(await s.getByRole('alert').innerText(), /Technical indicators: “not a domain!” is not a valid domain indicator/);
  assert.equal(await s.getByLabel('Technical indicators').getAttribute('aria-invalid'), 'true');
  assert.equal(await s.getByLabel('Subject').inputValue(), 'Botnet command servers hosted in Samplestan');
  assert.equal(await threads(), before);
  await accessible(s);

  await s.getByLabel('Technical indicators').fill('198.51.100.23\nc2.example.org');
  const hosts = Buffer.from('198.51.100.23 c2 server\n');
  await s.getByLabel('Attachments').setInputFiles({ name: 'hosts.txt', mimeType: 'text/plain', buffer: hosts });
  await s.getByRole('button', { name: 'Send', exact: true }).click();
  await s.waitForURL(/\/communications\/[0-9a-f-]+\?notice=sent$/);
  const url = s.url().replace(/\?.*$/, '');
  assert.equal(await threads(), before + 1);
  assert.match(await s.locator('.tlp-large').innerText(), /TLP:AMBER/);
  // The attached file, with its SHA-256.
  const { createHash } = await import('node:crypto');
  assert.match(
    await s.locator('main').innerText(),
    new RegExp(`hosts\\.txt[\\s\\S]*${createHash('sha256').update(hosts).digest('hex')}`),
  );
  assert.match(await s.locator('main').innerText(), /sent/);
  await accessible(s);

  // It appears in the open inbox without a reload.
  await recipient.page.getByRole('link', { name: 'Botnet command servers hosted in Samplestan' }).waitFor({ timeout: 10_000 });

  // The recipient opens it: the marking, the indicators, and the acknowledgement that says what it means.
  const r = recipient.page;
  await r.getByRole('link', { name: 'Botnet command servers hosted in Samplestan' }).click();
  await r.waitForURL(url);
  assert.match(await r.locator('main').innerText(), /c2\.example\.org/);
  assert.match(await r.locator('.ack').innerText(), /confirms receipt only/);
  await accessible(r);
  // The sender's open page shows "delivered" by itself.
  await s.locator('main', { hasText: 'delivered' }).waitFor({ timeout: 10_000 });

  await r.getByRole('button', { name: 'Acknowledge receipt' }).click();
  await r.getByText('Receipt acknowledged.').waitFor();
  await s.getByText(/Receipt acknowledged by Samplestan/).waitFor({ timeout: 10_000 });

  await r.getByLabel('Your State’s response').fill('The servers were taken offline this morning.');
  await r.getByRole('button', { name: 'Send the response' }).click();
  await r.getByText('Added to the thread.').waitFor();
  await s.getByText('The servers were taken offline this morning.').waitFor({ timeout: 10_000 });
  assert.match(await s.locator('main').innerText(), /responded/);

  // A third State's official and a member get 404; a visitor is sent to sign in.
  for (const email of ['poc@ke.example.org', 'member@demo.cybernorms.example']) {
    const other = await as(email);
    const res = await other.page.goto(url);
    assert.equal(res?.status(), 404, email);
    assert.doesNotMatch(await other.page.content(), /Botnet/);
  }
  const visitor = await as(null);
  await visitor.page.goto(url);
  await visitor.page.waitForURL(/\/sign-in\?next=/);
  assert.deepEqual([...sender.problems, ...recipient.problems], []);
});
