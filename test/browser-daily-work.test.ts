// In headless Chromium, at 1280 px and on a 390 px phone, the last of officials' daily work (issue 17): the
// communication check's scope chosen by name (a UN regional group, a network, or States ticked in the State
// picker, with JavaScript and without; a refused choice is a 400 naming the field and keeps what was chosen);
// the participation and norm pages saying that demo States are not counted; the norm page naming the States
// that reported on it, and following a report reopened and submitted again; a reply and a closing note that
// outlive an ended session or a stale form token, given back filled in (after signing in when needed); and the
// small things of point 10 (norm titles, the due date's time zone, sizes in words, the PDF's files and their
// SHA-256, "1 result"). Every page is checked with axe and for sideways scrolling.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { TestApp } from './support/app.ts';
import { codeFor, DEMO_PASSWORD } from './support/auth.ts';
import { checked } from './support/browser.ts';
import { type BrowserApp, browserApp, DESK, PHONE } from './support/browser-app.ts';
import { clientAs } from './support/client.ts';

let env: BrowserApp;
let t: TestApp;
let base: string;

const MANAGER = 'manager@demo.cybernorms.example';
const FOCAL_A = 'focal@xaa.demo.cybernorms.example';
const POC_A = 'poc@xaa.demo.cybernorms.example';
const POC_B = 'poc@xab.demo.cybernorms.example';

before(async () => {
  env = await browserApp();
  ({ t, base } = env);
});
after(async () => {
  await env?.close();
});

const mainText = (page: Page) => page.locator('main').innerText();
const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
const scopeOf = async (title: string) =>
  (await t.db.query<{ scope: unknown }>('select scope from ping_rounds where title = $1', [title]))[0]?.scope;

describe('the communication check asks by name, not by code', () => {
  for (const viewport of [DESK, PHONE])
    test(`with JavaScript: States found by name in another language and ticked, at ${viewport.width} px`, async () => {
      const { page, problems, context } = await env.open(MANAGER, viewport);
      await page.goto(`${base}/directory/rounds`);
      const who = page.getByLabel('Who is asked');
      const options = await who.locator('option').allInnerTexts();
      assert.ok(options.includes('Western European and Others Group'), `groups by name: ${options.join(' | ')}`);
      assert.ok(
        options.some((o) => /Organization for Security and Co-operation in Europe \(OSCE\)/.test(o)),
        `networks by their organisation's name: ${options.join(' | ')}`,
      );
      assert.doesNotMatch(await page.locator('form[action="/directory/rounds"]').innerText(), /\bweog\b|asia-pacific/);
      await checked(page, 'round form');
      const title = `Check by name at ${viewport.width}`;
      await page.getByLabel('Title').fill(title);
      // At 1280 px the list says so; on the phone it is left unchosen, and the States ticked are what is meant.
      if (viewport === DESK) await who.selectOption({ label: 'Chosen States (tick them below)' });
      // The filter finds Demoland by its French name.
      await page.getByLabel(/Find a State by its name/).fill('Démoland');
      await page.getByLabel('Demoland (demo)', { exact: true }).check();
      assert.match(await page.locator('#f-states-chosen').innerText(), /Chosen: Demoland \(demo\)/);
      await page.getByLabel('Deadline').fill(inAWeek());
      await page.getByRole('button', { name: 'Start a communication check' }).click();
      await page.waitForURL(/\/directory\/rounds\/[0-9a-f-]{36}$/);
      assert.match(await mainText(page), /Demoland \(demo\)/);
      await checked(page, 'round report');
      assert.deepEqual(await scopeOf(title), { kind: 'states', states: ['XAA'] });
      assert.deepEqual(problems, []);
      await context.close();
    });

  test('without JavaScript: a group that has no contact is refused by name, keeping the choice; ticked States start it', async () => {
    const { page, context } = await env.open(MANAGER, PHONE, false);
    await page.goto(`${base}/directory/rounds`);
    await page.getByLabel('Title').fill('Check without script');
    await page.getByLabel('Who is asked').selectOption({ label: 'Western European and Others Group' });
    await page.getByLabel('Deadline').fill(inAWeek());
    const refused = page.waitForResponse((r) => r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Start a communication check' }).click();
    assert.equal((await refused).status(), 400);
    assert.match(await page.getByRole('alert').innerText(), /Who is asked: choose who is asked; no contact matches it/);
    assert.equal(
      await page.getByLabel('Who is asked').inputValue(),
      'group:weog',
      'the group chosen is still chosen after the refusal',
    );
    await checked(page, 'refused round', false);
    await page.getByLabel('Who is asked').selectOption({ label: 'Chosen States (tick them below)' });
    await page.locator('summary', { hasText: 'Observer States, other States and demo States' }).click();
    await page.getByLabel('Samplestan (demo)', { exact: true }).check();
    await page.getByRole('button', { name: 'Start a communication check' }).click();
    await page.waitForURL(/\/directory\/rounds\/[0-9a-f-]{36}$/);
    assert.deepEqual(await scopeOf('Check without script'), { kind: 'states', states: ['XAB'] });
    await context.close();
  });

  test('the API still takes the codes, and bad input names its field', async () => {
    const manager = await clientAs(t, MANAGER);
    const ok = await manager.json('POST', '/api/v1/ping-rounds', {
      title: 'By code',
      scope: { kind: 'states', states: ['XAA'] },
      deadline: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      reminderHours: 48,
    });
    assert.equal(ok.statusCode, 201, ok.body);
    const form = await manager.post('/directory/rounds', {
      title: 'Bad group',
      who: 'group:nordic',
      deadline: inAWeek(),
      reminderHours: '48',
    });
    assert.equal(form.statusCode, 400, 'an unknown group is a 400');
    assert.match(form.body, /href="#f-who">Who is asked:/);
    const none = await manager.post('/directory/rounds', { title: 'Nobody', who: '', deadline: inAWeek(), reminderHours: '48' });
    assert.equal(none.statusCode, 400, 'no choice is a 400');
    assert.match(none.body, /href="#f-who">Who is asked:/);
    const states = await manager.post('/directory/rounds', {
      title: 'Bad State',
      who: 'states',
      states: 'NOT-A-STATE',
      deadline: inAWeek(),
      reminderHours: '48',
    });
    assert.equal(states.statusCode, 400, 'a State that is not one is a 400');
    assert.match(states.body, /href="#f-states">States:/);
  });
});

describe('demo States are said not to be counted', () => {
  for (const viewport of [DESK, PHONE])
    test(`on the participation page, at ${viewport.width} px`, async () => {
      const { page, context } = await env.open(null, viewport);
      await page.goto(`${base}/directory/participation`);
      assert.match(
        await mainText(page),
        /Demo States are not counted: Demoland \(demo\), Samplestan \(demo\) exist only to try the platform/,
      );
      await checked(page, 'participation');
      await context.close();
    });
});

describe('the norm page names the States that reported on it', () => {
  const reportersOn = async (page: Page) => {
    await page.goto(`${base}/norms/c`);
    return page.locator('#reported').innerText();
  };

  for (const viewport of [DESK, PHONE])
    test(`by name, with links, demo States apart, at ${viewport.width} px`, async () => {
      const { page, context } = await env.open(null, viewport);
      const text = await reportersOn(page);
      assert.match(text, /States that reported on this norm/);
      assert.match(text, /No Member State has published a report that answers on this norm yet/);
      assert.match(text, /Demo States are not counted/);
      const link = page.locator('#reported a', { hasText: 'Demoland (demo)' });
      assert.equal(await link.getAttribute('href'), '/states/XAA/reports/2025');
      // Norm h was answered too; norm b by nobody.
      assert.equal(await page.goto(`${base}/norms/b`).then(() => page.locator('#reported a[href^="/states/"]').count()), 0);
      await page.goto(`${base}/norms/c?lang=fr`);
      assert.match(await page.locator('#reported').innerText(), /Démoland \(démo\)/);
      // Related CBMs name their norms by title, not by letter alone.
      await page.goto(`${base}/norms/c`);
      assert.ok((await page.locator('#frameworks a.badge.titled').count()) > 0, 'norm titles beside the letters');
      await checked(page, 'norm page');
      await context.close();
    });

  test('a report reopened leaves the page at once, and is back when submitted again', async () => {
    const visitor = await env.open(null, PHONE);
    assert.match(await reportersOn(visitor.page), /Demoland \(demo\)/);
    const focal = await env.open(FOCAL_A, DESK);
    await focal.page.goto(`${base}/states/XAA/reports/2025`);
    await focal.page.locator('summary', { hasText: 'Reopen to revise' }).click();
    await focal.page.getByRole('button', { name: 'Yes, reopen the report' }).click();
    await focal.page.getByText('The report is open again for changes.').waitFor();
    // The signed-out reader's page (kept whole, and answered before the app) follows at once.
    assert.doesNotMatch(await reportersOn(visitor.page), /Demoland/);
    await focal.page.locator('summary', { hasText: 'Submit the report' }).click();
    await focal.page.getByRole('button', { name: 'Yes, submit the report' }).click();
    await focal.page.getByText('The report is submitted.').waitFor();
    assert.match(await reportersOn(visitor.page), /Demoland \(demo\)/);
    assert.deepEqual([...visitor.problems, ...focal.problems], []);
    await visitor.context.close();
    await focal.context.close();
  });
});

describe('a reply and a closing note outlive an ended session', () => {
  let thread = '';
  const file = Buffer.from('198.51.100.7\n203.0.113.9\n');
  const sha = createHash('sha256').update(file).digest('hex');
  before(async () => {
    const poc = await clientAs(t, POC_A);
    const sent = await poc.json('POST', '/api/v1/communications', {
      type: 'assistance',
      urgency: 'urgent',
      tlp: 'amber',
      recipients: ['XAB'],
      subject: 'Scanning of the grid operator',
      body: 'Our CERT sees scanning of the grid operator from the addresses attached.',
      norms: ['c', 'h'],
      actionRequested: 'Tell us whether the addresses are known to you.',
      actionDue: inAWeek(),
      attachments: [{ name: 'hosts.txt', mediaType: 'text/plain', contentBase64: file.toString('base64') }],
    });
    assert.equal(sent.statusCode, 201, sent.body);
    thread = sent.json().id;
  });

  const signInAgain = async (page: Page, email: string) => {
    await page.getByRole('link', { name: 'Sign in to continue' }).click();
    await page.getByLabel('E-mail address').fill(email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/sign-in\/code/);
    await page.getByLabel('Code', { exact: true }).fill(codeFor(email));
    await page.getByRole('button', { name: 'Continue' }).click();
  };

  test('on a phone, a response typed while the session ended is kept, and waits on the thread after signing in', async () => {
    const { page, problems, context } = await env.open(POC_B, PHONE);
    await page.goto(`${base}/communications/${thread}`);
    const main = await mainText(page);
    // Point 10: the norms by title, the due date with its time zone, the size in words.
    assert.match(main, /Prevent misuse of ICTs in your territory/);
    assert.match(main, /by .*\d{2}:\d{2}.*UTC/);
    assert.match(main, new RegExp(`hosts\\.txt\\s+TXT\\s+${file.length} bytes`));
    assert.doesNotMatch(main, /\b\d+ byte\b/);
    await checked(page, 'thread on a phone');
    await page.getByLabel('Your State’s response').fill('The addresses belong to a university; we have asked it to stop.');
    const [me] = await t.db.query<{ id: string }>('select id from users where email_key = $1', [POC_B]);
    await t.db.query('delete from sessions where user_id = $1', [me.id]);
    await page.getByRole('button', { name: 'Send the response' }).click();
    await page.getByRole('heading', { name: 'Your session had ended: nothing was sent' }).waitFor();
    await checked(page, 'session ended');
    await signInAgain(page, POC_B);
    await page.waitForURL(new RegExp(`/communications/${thread}\\?kept=`));
    assert.match(await page.getByRole('status').innerText(), /Nothing was sent: you were no longer signed in/);
    assert.equal(
      await page.getByLabel('Your State’s response').inputValue(),
      'The addresses belong to a university; we have asked it to stop.',
    );
    await checked(page, 'response given back');
    await page.getByRole('button', { name: 'Send the response' }).click();
    await page.waitForURL(/\?notice=reply/);
    assert.match(await mainText(page), /The addresses belong to a university/);
    const kept = await t.db.query('select 1 from comm_kept_forms where user_id = $1', [me.id]);
    assert.equal(kept.length, 0, 'what was kept goes once it is sent');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('at 1280 px, a closing note sent with a stale form token comes back filled in; the PDF lists the file and its SHA-256', async () => {
    const { page, problems, context } = await env.open(POC_A, DESK);
    await page.goto(`${base}/communications/${thread}`);
    await page.getByLabel('Closing note (optional)').fill('Closed: the university stopped the scanning.');
    // The page's form token has gone stale (another tab signed in again, say): the note is kept, not lost.
    await page.locator('form[action$="/close"] input[name="_csrf"]').evaluate((input: HTMLInputElement) => {
      input.value = 'stale';
    });
    await page.getByRole('button', { name: 'Close the thread' }).click();
    await page.waitForURL(new RegExp(`/communications/${thread}\\?kept=`));
    assert.match(await page.getByRole('status').innerText(), /Nothing was sent/);
    assert.equal(await page.getByLabel('Closing note (optional)').inputValue(), 'Closed: the university stopped the scanning.');
    await checked(page, 'closing note given back');

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'The thread as PDF, for the file' }).click();
    const dir = mkdtempSync(path.join(tmpdir(), 'cn-daily-'));
    try {
      const pdf = path.join(dir, 'thread.pdf');
      await (await download).saveAs(pdf);
      const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      assert.match(text, /hosts\.txt/);
      assert.ok(text.includes(`SHA-256 ${sha}`), 'the PDF gives the file’s SHA-256');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    await page.getByRole('button', { name: 'Close the thread' }).click();
    await page.waitForURL(/\?notice=closed/);
    assert.match(await mainText(page), /Closed: the university stopped the scanning\./);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a form forged elsewhere keeps nothing', async () => {
    const before = (await t.db.query('select 1 from comm_kept_forms')).length;
    const forged = await t.app.inject({
      method: 'POST',
      url: `/communications/${thread}/messages`,
      payload: { body: 'forged', idempotencyKey: 'form-forgedforgedforged', formToken: '1.2.3' },
    });
    assert.ok(forged.statusCode === 401 || forged.statusCode === 403, `a form from elsewhere is refused: ${forged.statusCode}`);
    assert.equal((await t.db.query('select 1 from comm_kept_forms')).length, before, 'and keeps nothing');
  });
});

test('search says "1 result" in the browser', async () => {
  const { page, context } = await env.open(null, PHONE);
  await page.goto(`${base}/search?q=${encodeURIComponent('Budapest Convention')}`);
  await page.getByLabel(/Actors \(1\)/).check();
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.waitForURL(/kind=actor/);
  const text = await mainText(page);
  assert.match(text, /\b1 result for “Budapest Convention”/);
  assert.doesNotMatch(text, /\b1 results\b/);
  await checked(page, 'search');
  await context.close();
});
