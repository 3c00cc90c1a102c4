// In headless Chromium, the directory's main path: Demoland's focal point nominates a point of contact
// (a malformed phone number is refused first, the field named, nothing saved), is refused Samplestan's
// entries; the directory manager starts a communication check; one contact confirms from the mail link
// (a second click changes nothing), another in the platform; the report shows who answered. Signed out,
// the directory sends to sign-in, and the public figures never show a contact. Pages are checked with axe.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { TestApp } from './support/app.ts';
import { codeFor, DEMO_PASSWORD } from './support/auth.ts';
import { seriousViolations } from './support/browser.ts';
import { type BrowserApp, browserApp } from './support/browser-app.ts';
import { linkIn, type startSmtp } from './support/smtp.ts';

let env: BrowserApp;
let t: TestApp;
let browser: Browser;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let base: string;

before(async () => {
  env = await browserApp({ smtp: true });
  ({ t, browser, base } = env);
  smtp = env.smtp as Awaited<ReturnType<typeof startSmtp>>;
});
after(() => env?.close());

async function signedIn(email: string) {
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/sign-in\/code/);
  await page.getByLabel('Code', { exact: true }).fill(codeFor(email));
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
  return { page, problems, close: () => context.close() };
}

const contactsOf = async (state: string) =>
  (await t.db.query<{ n: number }>('select count(*)::int as n from contacts where state_code = $1', [state]))[0].n;

async function accessible(page: Page) {
  assert.deepEqual(await seriousViolations(page), [], page.url());
}

test('a focal point nominates, the manager runs a check, contacts confirm by link and in the platform', async () => {
  const focal = await signedIn('focal@xaa.demo.cybernorms.example');
  const manager = await signedIn('manager@demo.cybernorms.example');
  const poc = await signedIn('poc@xaa.demo.cybernorms.example');
  const anonymous = await browser.newContext({ bypassCSP: true });
  try {
    // The focal point opens Demoland's page and the nomination form.
    const { page } = focal;
    await page.goto(`${base}/directory/states/XAA`);
    assert.match(await page.locator('main').innerText(), /Pat Contact \(Demoland, demo\)/);
    await accessible(page);
    await page.goto(`${base}/directory/states/XAA/contacts/new`);
    await accessible(page);
    const before = await contactsOf('XAA');
    await page.getByLabel('Type').selectOption('technical');
    await page.getByLabel('Name', { exact: true }).fill('Noor Haddad');
    await page.getByLabel('Position').fill('Duty officer');
    await page.getByLabel('Institution').fill('Demoland CERT (demo)');
    await page.getByLabel('E-mail address').fill('noor.haddad@cert.demoland.example');
    await page.getByLabel('Phone').fill('call me maybe');
    // Languages are ticked by name, not typed as codes; the time zone is picked by its IANA name.
    await page.getByLabel('English', { exact: true }).check();
    await page.getByLabel('Arabic', { exact: true }).check();
    await page.getByText('Other languages').click();
    await page.getByLabel('Filter by name').fill('swah');
    assert.equal(await page.getByLabel('Swahili').isVisible(), true);
    assert.equal(await page.getByLabel('Turkish').isVisible(), false, 'the filter hides the other languages');
    await page.getByLabel('Swahili').check();
    await page.getByLabel('Time zone').fill('Asia/Amman');
    await page.getByLabel('Available 24/7').check();
    await page.getByRole('button', { name: 'Nominate a point of contact' }).click();

    // Refused with the field named; what was typed stays; nothing saved.
    assert.match(await page.getByRole('alert').innerText(), /Phone/);
    assert.equal(await page.getByLabel('Phone').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), 'Noor Haddad');
    assert.equal(await page.getByLabel('Arabic', { exact: true }).isChecked(), true, 'the ticked languages stay ticked');
    assert.equal(await contactsOf('XAA'), before);
    await accessible(page);

    await page.getByLabel('Phone').fill('+999 1234 5678');
    await page.getByRole('button', { name: 'Nominate a point of contact' }).click();
    await page
      .getByText(/Noor Haddad/)
      .first()
      .waitFor();
    assert.equal(await contactsOf('XAA'), before + 1);
    const invitation = await smtp.waitFor('noor.haddad@cert.demoland.example');
    assert.match(invitation.text, /Demoland/);

    // Samplestan's entries can be read (that is the directory's purpose) but not changed or exported,
    // and its record of communication checks stays its own.
    await page.goto(`${base}/directory/states/XAB`);
    assert.match(await page.locator('main').innerText(), /Paz Contact/);
    assert.equal(await page.locator('a[href*="/edit"], a[href$="/contacts/new"]').count(), 0);
    const [{ id: foreign }] = await t.db.query<{ id: string }>("select id from contacts where state_code = 'XAB' limit 1");
    for (const url of [
      `/directory/contacts/${foreign}/edit`,
      '/directory/states/XAB/contacts/new',
      '/directory/states/XAB/export?format=csv',
      '/directory/states/XAB/pings',
    ]) {
      const res = await page.goto(`${base}${url}`);
      assert.ok([403, 404].includes(res?.status() ?? 0), `${url}: ${res?.status()}`);
      assert.doesNotMatch(await page.content(), /Paz Contact/);
    }
    const posted = await page.request.post(`${base}/directory/contacts/${foreign}/remove`, {
      form: { _csrf: 'x' },
      maxRedirects: 0,
    });
    assert.ok(posted.status() >= 400);
    assert.equal((await t.db.query('select 1 from contact_versions where contact_id = $1 and removed', [foreign])).length, 0);

    // The manager starts a communication check for Demoland.
    const m = manager.page;
    await m.goto(`${base}/directory/rounds`);
    await accessible(m);
    const deadline = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    await m.getByLabel('Title').fill('November check');
    await m.getByLabel('Who is asked').selectOption({ label: 'Chosen States (tick them below)' });
    await m.getByLabel(/Find a State by its name/).fill('Demoland');
    await m.getByLabel('Demoland (demo)', { exact: true }).check();
    await m.getByLabel('Deadline').fill(deadline);
    await m.getByLabel('Remind every (hours)').fill('24');
    await m.getByRole('button', { name: 'Start a communication check' }).click();
    await m.waitForURL(/\/directory\/rounds\/[0-9a-f-]+$/);
    assert.match(await m.locator('h1').innerText(), /November check/);
    const report = m.url();

    // Each contact gets a mail with a one-time link. The diplomat confirms from it, without signing in.
    const pingMail = await smtp.waitFor('diplomat@xaa.demo.cybernorms.example', (mail) => /November check/.test(mail.subject));
    const link = linkIn(pingMail, '/ping');
    const visitor = await anonymous.newPage();
    await visitor.goto(link);
    // Opening the link changes nothing (mail gateways open links); the button confirms.
    await visitor.getByRole('button', { name: 'Confirm that this address reaches me' }).click();
    await visitor.locator('h1', { hasText: 'Confirmed' }).waitFor();
    await accessible(visitor);
    const again = await visitor.goto(link);
    assert.equal(again?.status(), 409);
    assert.equal(await visitor.locator('h1').innerText(), 'Already confirmed');
    assert.match(await visitor.locator('main').innerText(), /Nothing was changed/);
    const forged = await visitor.goto(`${link.slice(0, -4)}AAAA`);
    assert.equal(forged?.status(), 404);

    // The technical contact confirms in the platform.
    await poc.page.goto(`${base}/directory/tasks`);
    await accessible(poc.page);
    assert.match(await poc.page.locator('main').innerText(), /November check/);
    await poc.page.getByRole('button', { name: 'Confirm' }).first().click();
    await poc.page
      .getByText(/recorded|Confirmed/)
      .first()
      .waitFor();

    // The report shows two of Demoland's three contacts answered, and who did not.
    await m.goto(report);
    const text = await m.locator('main').innerText();
    assert.match(text, /2\s*\/\s*3|67\s?%/);
    assert.match(text, /Noor Haddad/);
    await accessible(m);

    // Signed out, the directory sends to sign-in; the public page has numbers and no contact.
    const outside = await anonymous.newPage();
    await outside.goto(`${base}/directory/states/XAA`);
    await outside.waitForURL(/\/sign-in\?next=/);
    await outside.goto(`${base}/directory/participation`);
    const figures = await outside.locator('main').innerText();
    assert.doesNotMatch(figures, /Pat Contact|poc@xaa|\+999/);
    await accessible(outside);
    assert.deepEqual([...focal.problems, ...manager.problems, ...poc.problems], []);
  } finally {
    await focal.close();
    await manager.close();
    await poc.close();
    await anonymous.close();
  }
});
