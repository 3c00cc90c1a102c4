// In headless Chromium: an administrator invites a State's focal point; the invitation arrives at a real
// SMTP server; the invitee follows the link, chooses a password (a weak one is refused first), sets up
// two-factor sign-in with a code computed here, lands on their State's page and is refused another State's;
// signs out, and back in with a recovery code. Every page on the way is checked with axe-core.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { totpCode } from '../src/modules/identity/totp.ts';
import { type TestApp, testApp } from './support/app.ts';
import { codeFor, DEMO_PASSWORD } from './support/auth.ts';
import { launchBrowser, seriousViolations } from './support/browser.ts';
import { freePort } from './support/net.ts';
import { linkIn, startSmtp } from './support/smtp.ts';

let t: TestApp;
let browser: Browser;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let base: string;

before(async () => {
  smtp = await startSmtp();
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  t = await testApp({ mail: smtp.transport, publicUrl: base });
  await t.app.listen({ port, host: '127.0.0.1' });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await t.close();
  await smtp.close();
});

async function newPage() {
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  return { page, problems, close: () => context.close() };
}

async function signIn(page: Page, email: string, password: string, code: () => string) {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/sign-in\/code/);
  await page.getByLabel('Code', { exact: true }).fill(code());
  await page.getByRole('button', { name: 'Continue' }).click();
}

test('an invited focal point sets a password and TOTP, reaches their State’s page and not another’s', async () => {
  const admin = await newPage();
  const invitee = await newPage();
  try {
    // The administrator invites Kenya's focal point.
    await signIn(admin.page, 'admin@demo.cybernorms.example', DEMO_PASSWORD, () => codeFor('admin@demo.cybernorms.example'));
    await admin.page.waitForURL(`${base}/desk`);
    await admin.page.goto(`${base}/admin`);
    assert.deepEqual(await seriousViolations(admin.page), []);
    await admin.page.getByLabel('State', { exact: true }).selectOption('KEN');
    await admin.page.getByLabel('E-mail address').fill('focal.point@kenya.example.org');
    await admin.page.getByLabel('Focal point').check();
    await admin.page.getByRole('button', { name: 'Send the invitation' }).click();
    await admin.page.getByText('Invitation sent to focal.point@kenya.example.org').waitFor();

    // The mail reaches a real SMTP server; its link opens the invitation.
    const mail = await smtp.waitFor('focal.point@kenya.example.org');
    assert.equal(mail.subject, 'Your invitation to cybernorms');
    assert.match(mail.text, /Kenya/);
    const { page } = invitee;
    await page.goto(linkIn(mail, '/invitations'));
    assert.match(await page.locator('main').innerText(), /official of Kenya/);
    assert.deepEqual(await seriousViolations(page), []);

    // A common password is refused, the field named; nothing is created.
    await page.getByLabel('Name').fill('Amina Odhiambo');
    await page.getByLabel('New password').fill('password1234');
    await page.getByRole('button', { name: 'Accept and continue' }).click();
    assert.match(await page.getByRole('alert').innerText(), /New password|Password: is too common/);
    assert.equal(await page.getByLabel('New password').getAttribute('aria-invalid'), 'true');
    assert.equal((await t.db.query("select 1 from users where email_key = 'focal.point@kenya.example.org'")).length, 0);

    await page.getByLabel('New password').fill('savanna lantern copper 19');
    await page.getByRole('button', { name: 'Accept and continue' }).click();
    await page.waitForURL(/\/account\/two-factor/);
    assert.match(await page.locator('.notice').first().innerText(), /Your roles need two-factor sign-in/);
    assert.equal(await page.locator('.qr svg').count(), 1, 'the QR code is drawn on the server');
    assert.deepEqual(await seriousViolations(page), []);

    // Before the second factor, the State's page is not open yet.
    const early = await page.request.get(`${base}/states/KEN/people`, { maxRedirects: 0 });
    assert.equal(early.status(), 303);

    const secret = (await page.locator('code.secret').innerText()).trim();
    await page.getByLabel('Code', { exact: true }).fill(totpCode(secret));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('Two-factor sign-in is on.').waitFor();
    const codes = await page.locator('ul.codes li').allInnerTexts();
    assert.equal(codes.length, 10);
    await page.getByRole('link', { name: 'Continue' }).click();

    // Landed on the State's own page, with the invited role.
    await page.waitForURL(`${base}/states/KEN/people`);
    assert.match(await page.locator('h1').innerText(), /Officials of Kenya/);
    assert.match(await page.locator('table').innerText(), /Amina Odhiambo[\s\S]*Focal point/);
    assert.deepEqual(await seriousViolations(page), []);

    // Another State's page is refused.
    const other = await page.goto(`${base}/states/XAA/people`);
    assert.equal(other?.status(), 403);
    assert.equal(await page.locator('h1').innerText(), 'Not allowed');

    // Signed out, the page sends to sign-in; a recovery code signs back in and returns to it.
    await page.goto(`${base}/account`);
    await page.locator('main').getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByText('You are signed out.').waitFor();
    await page.goto(`${base}/states/KEN/people`);
    await page.waitForURL(/\/sign-in\?next=/);
    assert.deepEqual(await seriousViolations(page), []);
    await page.getByLabel('E-mail address').fill('focal.point@kenya.example.org');
    await page.getByLabel('Password').fill('savanna lantern copper 19');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/sign-in\/code/);
    await page.getByLabel('Code', { exact: true }).fill(codes[0]);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(`${base}/states/KEN/people`);

    // The invitation link is spent.
    const spent = await page.goto(linkIn(mail, '/invitations'));
    assert.equal(spent?.status(), 410);
    assert.deepEqual([...admin.problems, ...invitee.problems], []);
  } finally {
    await admin.close();
    await invitee.close();
  }
});

test('a wrong password is refused in the reader’s language, and a form posted from elsewhere is refused', async () => {
  const { page, close } = await newPage();
  try {
    await page.goto(`${base}/sign-in?lang=es`);
    await page.getByLabel('Correo electrónico').fill('poc@xaa.demo.cybernorms.example');
    await page.getByLabel('Contraseña').fill('not the right one at all');
    await page.getByRole('button', { name: 'Iniciar sesión' }).click();
    assert.match(await page.getByRole('alert').innerText(), /El correo electrónico o la contraseña no son correctos/);
    // A form without this site's token (as a page elsewhere would post it).
    const res = await page.request.post(`${base}/sign-in`, {
      form: { email: 'poc@xaa.demo.cybernorms.example', password: DEMO_PASSWORD },
    });
    assert.equal(res.status(), 403);
  } finally {
    await close();
  }
});
