// In headless Chromium, at 1280 px and on a 390 px phone, the compose form as a duty officer answering at night
// uses it: recipients chosen by typing their names in French and in Arabic, with JavaScript (the box filters,
// Enter ticks) and without (the names are resolved when the form is sent); a refused submit keeps its file and
// the next sends it (the recipient sees it with its SHA-256); a session that ended before Send keeps what was
// typed and brings the person back to it after signing in; withdrawing and sharing ask first, saying what will
// happen; the inbox is one card per thread and Acknowledge is on the first screen; no page scrolls sideways.
// The refusals: bad input (400 naming the field), another State's thread (404), signed out (to sign in). Every
// page is checked with axe.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { TestApp } from './support/app.ts';
import { codeFor, DEMO_PASSWORD } from './support/auth.ts';
import { checked } from './support/browser.ts';
import { type BrowserApp, browserApp, DESK, PHONE } from './support/browser-app.ts';

let env: BrowserApp;
let t: TestApp;
let base: string;

const POC_A = 'poc@xaa.demo.cybernorms.example';
const POC_B = 'poc@xab.demo.cybernorms.example';
const MANAGER = 'manager@demo.cybernorms.example';
const KENYA = 'poc@ke.example.org';

before(async () => {
  env = await browserApp();
  ({ t, base } = env);
  const [u] = await t.db.query<{ id: string }>(
    `insert into users (email, email_key, display_name, state_code, email_verified_at, totp_enabled_at) values ($1, $1, 'Kenyan POC', 'KEN', now(), now()) returning id`,
    [KENYA],
  );
  await t.db.query(`insert into user_roles (user_id, role, state_code, granted_by) values ($1, 'poc_technical', 'KEN', 'test')`, [
    u.id,
  ]);
});
after(async () => {
  await env?.close();
});

const recipientsOf = async (id: string) =>
  (
    await t.db.query<{ state_code: string }>('select state_code from thread_recipients where thread_id = $1 order by 1', [id])
  ).map((r) => r.state_code);
const threadIn = (url: string) => /\/communications\/([0-9a-f-]{36})/.exec(url)?.[1] ?? '';

/** Fills what every communication needs besides its recipients. */
async function basics(page: Page, subject: string, labels = { subject: 'Subject', body: 'Description' }) {
  await page.getByLabel(labels.subject, { exact: true }).fill(subject);
  await page.getByLabel(labels.body, { exact: true }).fill('Our CERT sees scanning from two addresses since 02:00 UTC.');
}

describe('choosing recipients by name', () => {
  for (const viewport of [DESK, PHONE])
    test(`with JavaScript, in French and in Arabic, at ${viewport.width} px`, async () => {
      const { page, problems, context } = await env.open(POC_A, viewport);
      await page.goto(`${base}/communications/new?lang=fr`);
      await checked(page, 'compose (fr)');
      const find = page.getByLabel('Rechercher des États par leur nom');
      await find.fill('allema');
      // The box filters: Germany shows, France does not; Enter ticks the first match and empties the box.
      assert.equal(await page.getByLabel('Allemagne', { exact: true }).isVisible(), true);
      assert.equal(await page.getByLabel('France', { exact: true }).isVisible(), false);
      await find.press('Enter');
      assert.equal(await page.getByLabel('Allemagne', { exact: true }).isChecked(), true);
      assert.equal(await find.inputValue(), '');
      await page.getByRole('button', { name: 'Retirer Allemagne' }).waitFor();
      // A name in another of the six languages finds the State too.
      await find.fill('肯尼亚');
      await find.press('Enter');
      assert.equal(await page.getByLabel('Kenya', { exact: true }).isChecked(), true);
      await checked(page, 'compose with States chosen (fr)');

      await page.goto(`${base}/communications/new?lang=ar`);
      const findAr = page.getByLabel('ابحث عن الدول بأسمائها');
      await findAr.fill('المانيا');
      await findAr.press('Enter');
      assert.equal(await page.getByLabel('ألمانيا', { exact: true }).isChecked(), true);
      await findAr.fill('كينيا');
      await findAr.press('Enter');
      await basics(page, `Scanning, Arabic form, ${viewport.width}`, { subject: 'الموضوع', body: 'الوصف' });
      await checked(page, 'compose (ar)');
      await page.getByRole('button', { name: 'إرسال', exact: true }).click();
      await page.waitForURL(/\/communications\/[0-9a-f-]{36}\?notice=sent/);
      assert.deepEqual(await recipientsOf(threadIn(page.url())), ['DEU', 'KEN']);
      assert.deepEqual(problems, []);
      await context.close();
    });

  for (const viewport of [DESK, PHONE])
    test(`without JavaScript, names typed in French and in Arabic are resolved on sending, at ${viewport.width} px`, async () => {
      const { page, context } = await env.open(POC_A, viewport, false);
      await page.goto(`${base}/communications/new?lang=fr`);
      await checked(page, 'compose without JavaScript', false);
      await page.getByLabel('Rechercher des États par leur nom').fill('Allemagne, كينيا, Atlantide');
      await basics(page, `Scanning, no script, ${viewport.width}`, { subject: 'Objet', body: 'Description' });
      const refused = page.waitForResponse((r) => r.request().method() === 'POST');
      await page.getByRole('button', { name: 'Envoyer', exact: true }).click();
      assert.equal((await refused).status(), 400);
      assert.match(await page.getByRole('alert').innerText(), /États destinataires: aucun État ne s’appelle Atlantide/);
      // What matched is ticked now; the name that did not stays in the box to be corrected.
      assert.equal(await page.getByLabel('Allemagne', { exact: true }).isChecked(), true);
      assert.equal(await page.getByLabel('Kenya', { exact: true }).isChecked(), true);
      assert.equal(await page.getByLabel('Rechercher des États par leur nom').inputValue(), 'Atlantide');
      await checked(page, 'compose refused without JavaScript', false);
      await page.getByLabel('Rechercher des États par leur nom').fill('');
      // Enter in a field (a phone's Go key) checks the form and sends nothing.
      const threads = (await t.db.query('select 1 from threads')).length;
      const checkedOnly = page.waitForResponse((r) => r.request().method() === 'POST');
      await page.getByLabel('Objet', { exact: true }).press('Enter');
      assert.equal((await checkedOnly).status(), 200);
      await page.getByText('Rien ne manque. Rien n’a encore été envoyé').waitFor();
      assert.equal((await t.db.query('select 1 from threads')).length, threads);
      await page.getByRole('button', { name: 'Envoyer', exact: true }).click();
      await page.waitForURL(/\/communications\/[0-9a-f-]{36}\?notice=sent/);
      assert.deepEqual(await recipientsOf(threadIn(page.url())), ['DEU', 'KEN']);
      await context.close();
    });
});

describe('nothing typed or attached is lost', () => {
  const hosts = Buffer.from('198.51.100.23 c2 server\n');
  const sha = createHash('sha256').update(hosts).digest('hex');

  test('a refused submit keeps the file, and the next submit sends it; the recipient sees it with its SHA-256', async () => {
    const { page, problems, context } = await env.open(POC_A, PHONE);
    await page.goto(`${base}/communications/new`);
    await page.getByLabel('Find States by name').fill('Samplestan');
    await page.getByLabel('Find States by name').press('Enter');
    await page.getByLabel('Description', { exact: true }).fill('Traffic to the servers in the file.');
    await page.getByLabel('Technical indicators').fill('198.51.100.23\nnot a domain!');
    await page
      .getByLabel('Attachments', { exact: true })
      .setInputFiles({ name: 'hosts.txt', mimeType: 'text/plain', buffer: hosts });
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const alert = await page.getByRole('alert').innerText();
    assert.match(alert, /Subject: is required/);
    assert.match(alert, /“not a domain!” is not a valid domain indicator/);
    // The file is kept: named, with its size, ticked to go with the next submit.
    const kept = page.getByLabel(/hosts\.txt/);
    assert.equal(await kept.isChecked(), true);
    assert.match(await page.locator('.kept-files').innerText(), /hosts\.txt TXT \(24 bytes\)/);
    await checked(page, 'compose with a kept file');
    await page.getByLabel('Subject', { exact: true }).fill('C2 servers: list attached');
    await page.getByLabel('Technical indicators').fill('198.51.100.23');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.waitForURL(/\?notice=sent/);
    const url = page.url().replace(/\?.*$/, '');
    assert.deepEqual(problems, []);

    const recipient = await env.open(POC_B, PHONE);
    await recipient.page.goto(url);
    assert.match(await recipient.page.locator('main').innerText(), new RegExp(`hosts\\.txt\\s+TXT\\s+24 bytes\\s+${sha}`));
    await checked(recipient.page, 'thread with a file');
    await context.close();
    await recipient.context.close();
  });

  test('a session that ended before Send keeps what was typed, and brings the person back to it after signing in', async () => {
    const { page, context } = await env.open(POC_A, PHONE);
    await page.goto(`${base}/communications/new`);
    await page.getByLabel('Find States by name').fill('Samplestan');
    await page.getByLabel('Find States by name').press('Enter');
    await basics(page, 'Typed before the session ended');
    await page
      .getByLabel('Attachments', { exact: true })
      .setInputFiles({ name: 'hosts.txt', mimeType: 'text/plain', buffer: hosts });
    // Meanwhile the session ends (idle, or signed out elsewhere).
    const [me] = await t.db.query<{ id: string }>('select id from users where email_key = $1', [POC_A]);
    await t.db.query('delete from sessions where user_id = $1', [me.id]);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByRole('heading', { name: 'Your session had ended: nothing was sent' }).waitFor();
    assert.doesNotMatch(await page.locator('main').innerText(), /did not come from this site/);
    await checked(page, 'session ended');
    await page.getByRole('link', { name: 'Sign in to continue' }).click();
    await page.getByLabel('E-mail address').fill(POC_A);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/sign-in\/code/);
    await page.getByLabel('Code', { exact: true }).fill(codeFor(POC_A));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(/\/communications\/new\?kept=/);
    assert.match(await page.getByRole('status').innerText(), /Nothing was sent: you were no longer signed in/);
    assert.equal(await page.getByLabel('Subject', { exact: true }).inputValue(), 'Typed before the session ended');
    assert.equal(await page.getByLabel('Samplestan (demo)', { exact: true }).isChecked(), true);
    assert.equal(await page.getByLabel(/hosts\.txt/).isChecked(), true);
    await checked(page, 'compose given back');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.waitForURL(/\?notice=sent/);
    const id = threadIn(page.url());
    const [file] = await t.db.query<{ sha256: string }>(
      'select a.sha256 from message_attachments a join thread_messages m on m.id = a.message_id where m.thread_id = $1',
      [id],
    );
    assert.equal(file?.sha256, sha);
    await context.close();
  });
});

describe('a thread on a phone, and the steps that cannot be taken back', () => {
  let thread = '';
  before(async () => {
    const { page, context } = await env.open(POC_A);
    await page.goto(`${base}/communications/new`);
    await page.getByLabel('Find States by name').fill('Samplestan');
    await page.getByLabel('Find States by name').press('Enter');
    await page.getByLabel('Urgency').selectOption('urgent');
    await page.getByLabel('Sharing (TLP 2.0)').selectOption('green');
    await basics(page, 'Urgent: intrusion attempts against the grid operator');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.waitForURL(/\?notice=sent/);
    thread = threadIn(page.url());
    await context.close();
  });

  test('the inbox is one card per thread with urgency, TLP, status, due date and sender; Acknowledge is on the first screen', async () => {
    const { page, context } = await env.open(POC_B, PHONE);
    await page.goto(`${base}/communications`);
    const card = page.locator('.comm-card', { hasText: 'Urgent: intrusion attempts against the grid operator' });
    const said = await card.innerText();
    for (const part of [/TLP:GREEN/, /Urgent/, /sent/, /Acknowledgement due/, /UTC/, /Demoland \(demo\)/])
      assert.match(said, part);
    await checked(page, 'inbox');
    await card.getByRole('link').click();
    await page.waitForURL(`${base}/communications/${thread}`);
    const ack = page.getByRole('button', { name: 'Acknowledge receipt' });
    // boundingBox() does not wait, and the live part of the page may be swapped in just after it loads (between
    // a wait and the measure, under load): measure again until the button is there to be measured.
    let box: Awaited<ReturnType<typeof ack.boundingBox>> = null;
    for (let i = 0; i < 50 && !box; i++) {
      await ack.waitFor({ state: 'visible' });
      box = await ack.boundingBox();
    }
    assert.ok(box && box.y + box.height <= PHONE.height, `Acknowledge at ${box?.y} px, below the first screen`);
    assert.match(await page.locator('.ack').innerText(), /Please acknowledge receipt by .* UTC/);
    await checked(page, 'thread (recipient)');
    await ack.click();
    await page.getByText('Receipt acknowledged.').waitFor();
    await context.close();
  });

  test('sharing and withdrawing say what will happen, then do it', async () => {
    const { page, context } = await env.open(POC_A, PHONE);
    await page.goto(`${base}/communications/${thread}`);
    await checked(page, 'thread (sender)');
    await page.getByRole('button', { name: 'Share with the directory manager…' }).click();
    assert.match(await page.locator('main').innerText(), /will be able to read all of “Urgent: intrusion attempts/);
    assert.equal((await t.db.query('select 1 from thread_shares where thread_id = $1', [thread])).length, 0);
    await checked(page, 'share confirmation');
    await page.getByRole('button', { name: 'Share it now' }).click();
    await page.getByText('The directory manager can now read this thread.').waitFor();

    await page.getByRole('button', { name: 'Withdraw the communication…' }).click();
    assert.match(await page.locator('main').innerText(), /will be marked as withdrawn for Samplestan \(demo\) at once/);
    await checked(page, 'withdraw confirmation');
    // Going back changes nothing.
    await page.getByRole('link', { name: 'Go back without changing anything' }).click();
    assert.equal((await t.db.query<{ status: string }>('select status from threads where id = $1', [thread]))[0].status, 'open');
    await page.getByRole('button', { name: 'Withdraw the communication…' }).click();
    await page.getByRole('button', { name: 'Withdraw it now' }).click();
    await page.getByText('The communication is withdrawn.').waitFor();
    assert.equal(
      (await t.db.query<{ status: string }>('select status from threads where id = $1', [thread]))[0].status,
      'withdrawn',
    );
    await context.close();
  });

  test('no communications page scrolls sideways at 390 px', async () => {
    const draft = await env.open(POC_A, PHONE);
    await draft.page.goto(`${base}/communications/new`);
    await basics(draft.page, 'A draft with a very long word: Supercalifragilisticexpialidocious-infrastructure-incident-report');
    await draft.page.getByRole('button', { name: 'Save as draft' }).click();
    await draft.page.waitForURL(/\/edit\?notice=draft/);
    await checked(draft.page, 'draft');
    for (const url of ['/communications', '/communications?box=sent', '/communications?box=drafts', '/communications/stats']) {
      await draft.page.goto(`${base}${url}`);
      await checked(draft.page, url);
    }
    for (const lang of ['ar', 'zh', 'ru'])
      for (const url of ['/communications?box=sent', '/communications/new', `/communications/${thread}`]) {
        await draft.page.goto(`${base}${url}${url.includes('?') ? '&' : '?'}lang=${lang}`);
        await checked(draft.page, `${url} (${lang})`);
      }
    const manager = await env.open(MANAGER, PHONE);
    for (const url of ['/communications/overview', `/communications/${thread}`]) {
      await manager.page.goto(`${base}${url}`);
      await checked(manager.page, `${url} (manager)`);
    }
    await draft.context.close();
    await manager.context.close();
  });

  test('the refusals: bad input names the field (400), another State’s thread is 404, a visitor is sent to sign in', async () => {
    const { page, context } = await env.open(POC_A, PHONE, false);
    await page.goto(`${base}/communications/new`);
    const refused = page.waitForResponse((r) => r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    assert.equal((await refused).status(), 400);
    const alert = await page.getByRole('alert').innerText();
    assert.match(alert, /Recipient States: choose at least one recipient State/);
    assert.match(alert, /Subject: is required/);
    await context.close();
    const kenya = await env.open(KENYA, PHONE);
    assert.equal((await kenya.page.goto(`${base}/communications/${thread}`))?.status(), 404);
    assert.doesNotMatch(await kenya.page.content(), /intrusion attempts/);
    await kenya.context.close();
    const visitor = await env.open(null, PHONE);
    await visitor.page.goto(`${base}/communications/new`);
    await visitor.page.waitForURL(/\/sign-in\?next=%2Fcommunications%2Fnew/);
    await visitor.context.close();
  });
});
