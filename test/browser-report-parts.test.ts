// In headless Chromium, at 1280 and 390 px: Kenya's rapporteur works on the report one section at a time and
// sees "Saved at … (UTC)" beside the save button, which stays in view; adds and removes evidence rows, with
// JavaScript (in place, saved as typed) and without it (buttons that save what was typed). The focal point
// shares the report with States found by their French and Arabic names; submitting and reopening ask first
// and say what follows. The map and its regional groups say demo States are not counted, and the norm
// selector shows the norms' titles. No page scrolls sideways on a phone; axe finds nothing serious. The
// refusals: bad input names its field, another State is refused, a visitor is sent to sign in.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { TestApp } from './support/app.ts';
import { seriousViolations } from './support/browser.ts';
import { type BrowserApp, browserApp } from './support/browser-app.ts';

let env: BrowserApp;
let t: TestApp;
let base: string;
const RAPPORTEUR = 'rapporteur@ke.example.org';
const FOCAL = 'focal@ke.example.org';
const OTHER = 'focal@xab.demo.cybernorms.example';

before(async () => {
  env = await browserApp();
  ({ t, base } = env);
  for (const [email, name, role] of [
    [RAPPORTEUR, 'Amina Odhiambo', 'rapporteur'],
    [FOCAL, 'Wanjiru Kamau', 'focal_point'],
  ]) {
    const [u] = await t.db.query<{ id: string }>(
      `insert into users (email, email_key, display_name, state_code, email_verified_at, totp_enabled_at)
       values ($1, $1, $2, 'KEN', now(), now()) returning id`,
      [email, name],
    );
    await t.db.query(`insert into user_roles (user_id, role, state_code, granted_by) values ($1, $2, 'KEN', 'test')`, [
      u.id,
      role,
    ]);
  }
});
after(async () => {
  await env?.close();
});

/** A browser of the given width, signed in as the user (or signed out), with or without JavaScript. */
async function open(email: string | null, width: number, js = true) {
  const { page, problems, context } = await env.open(email, { width, height: 800 }, js);
  return { page, problems, close: () => context.close() };
}

/** The page fits the screen's width, and axe finds nothing serious (axe needs JavaScript: only then). */
async function check(page: Page, width: number, js = true) {
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth).catch(() => null);
  if (scroll !== null) assert.ok(scroll <= width, `${page.url()} is ${scroll} px wide at ${width} px`);
  if (js) assert.deepEqual(await seriousViolations(page), [], page.url());
}

/** The element is on the screen now. */
async function inView(page: Page, selector: string) {
  // boundingBox() does not wait for the element: wait until it is shown.
  await page.locator(selector).waitFor({ state: 'visible' });
  const box = await page.locator(selector).boundingBox();
  const size = page.viewportSize();
  assert.ok(box && size && box.y >= 0 && box.y + box.height <= size.height, `${selector} is out of view`);
}

const evidence = async (cycle: number) =>
  (
    await t.db.query<{ value: { title: string }[] }>(
      `select a.value from report_answers a join reports r on r.id = a.report_id
       where r.state_code = 'KEN' and r.cycle = $1 and a.question = 'norm.c.evidence'`,
      [cycle],
    )
  )[0]?.value.map((e) => e.title);

describe('a rapporteur, section by section', () => {
  for (const [width, cycle] of [
    [1280, 2026],
    [390, 2025],
  ] as const)
    test(`with JavaScript at ${width} px: a section saves as typed and says so beside the button; rows come and go in place`, async () => {
      const { page, problems, close } = await open(RAPPORTEUR, width);
      try {
        await page.goto(`${base}/states/KEN/reports/${cycle}`);
        await check(page, width);
        await page.getByRole('link', { name: 'I. International law' }).click();
        // Typed once the page has loaded with its script (text typed before it listens is not saved by itself).
        await page.waitForURL(/\?part=law$/);
        await page.waitForLoadState('load');
        await page.locator('#q-law-measures').fill('A position paper on international law was published in 2025.');
        await page.locator('#save-state', { hasText: /^Saved at \d\d:\d\d \(UTC\)$/ }).waitFor();
        await inView(page, '#save-state');
        await page.getByRole('link', { name: /^Next: Norm a:/ }).click();
        await page.getByRole('link', { name: /^Norm c:/ }).click();
        await page.waitForURL(/norm=c$/);
        await page.waitForLoadState('load');
        assert.match(await page.locator('h1').innerText(), /^Norm c: Prevent misuse of ICTs in your territory$/);
        // The first box, at the top of a long page: the save state is still on the screen, at its foot.
        await page.locator('[data-question="norm.c.measures"] input').first().check();
        await page.locator('#save-state', { hasText: 'Saved at' }).waitFor();
        await inView(page, '#save-state');

        await page.locator('[name="e:norm.c.evidence:0:title"]').fill('National CERT act');
        await page.getByRole('button', { name: 'Add a row' }).click();
        assert.equal(await page.locator('[data-question="norm.c.evidence"] .evidence').count(), 2);
        assert.match(page.url(), /norm=c$/, 'added in place, without sending the form');
        await page.locator('[name="e:norm.c.evidence:1:title"]').fill('Cyber security strategy');
        await page.waitForFunction(async () => document.getElementById('save-state')?.textContent?.startsWith('Saved at'));
        await waitFor(async () => (await evidence(cycle))?.length === 2);
        await page.getByRole('button', { name: 'Remove row 1' }).click();
        assert.equal(await page.locator('[data-question="norm.c.evidence"] .evidence').count(), 1);
        assert.equal(await page.locator('[name="e:norm.c.evidence:0:title"]').inputValue(), 'Cyber security strategy');
        await waitFor(async () => JSON.stringify(await evidence(cycle)) === '["Cyber security strategy"]');
        await check(page, width);
        // Back on the overview, the section's progress shows.
        await page
          .getByRole('link', { name: /national implementation report/ })
          .first()
          .click();
        assert.match(await page.locator('main').innerText(), /Norm c: Prevent misuse of ICTs in your territory 2 of 6 answered/);
        assert.deepEqual(problems, []);
      } finally {
        await close();
      }
    });

  test('on a slow link, what is typed before the script has come is saved once it comes', async () => {
    const { page, problems, close } = await open(RAPPORTEUR, 390);
    try {
      // The page arrives; its script is held back until the answer has been typed.
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      await page.route('**/report-editor.js*', async (route) => {
        await held;
        await route.continue();
      });
      // A deferred script holds back DOMContentLoaded: the page is used as soon as its form is there.
      await page.goto(`${base}/states/KEN/reports/2025?part=law`, { waitUntil: 'commit' });
      const typed = 'Typed before the script came, on a slow link.';
      await page.locator('#q-law-practices').fill(typed);
      release();
      await page.locator('#save-state', { hasText: /^Saved at \d\d:\d\d \(UTC\)$/ }).waitFor();
      const [saved] = await t.db.query<{ value: unknown }>(
        `select a.value from report_answers a join reports r on r.id = a.report_id
         where r.state_code = 'KEN' and r.cycle = 2025 and a.question = 'law.practices'`,
      );
      assert.equal(saved?.value, typed, 'saved by itself, no button pressed');
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }
  });

  test('without JavaScript at 390 px: saving comes back saying when; "add a row" keeps what was typed; bad input is named', async () => {
    const { page, close } = await open(RAPPORTEUR, 390, false);
    try {
      await page.goto(`${base}/states/KEN/reports/2024?part=norms&norm=c`);
      await check(page, 390, false);
      await page.locator('[data-question="norm.c.gaps"]').getByLabel('Technical').check();
      await page.locator('[name="e:norm.c.evidence:0:title"]').fill('National CERT act');
      await page.locator('[name="e:norm.c.evidence:0:url"]').fill('https://example.org/cert-act');
      await page.getByRole('button', { name: 'Add a row' }).click();
      await page.waitForURL(/add=norm\.c\.evidence/);
      assert.equal(await page.locator('[name="e:norm.c.evidence:0:title"]').inputValue(), 'National CERT act');
      assert.equal(await page.locator('[name="e:norm.c.evidence:1:title"]').inputValue(), '');
      assert.ok(await page.locator('[data-question="norm.c.gaps"]').getByLabel('Technical').isChecked());
      assert.match(await page.locator('#save-state').innerText(), /^Saved at \d\d:\d\d \(UTC\)$/);
      await page.locator('[name="e:norm.c.evidence:1:title"]').fill('Cyber security strategy');
      await page.getByRole('button', { name: 'Save Norm c' }).click();
      await page.waitForURL(/saved=1/);
      assert.deepEqual(await evidence(2024), ['National CERT act', 'Cyber security strategy']);
      await page.getByRole('button', { name: 'Remove row 1' }).click();
      await page.waitForURL(/#q-norm-c-evidence$/);
      assert.deepEqual(await evidence(2024), ['Cyber security strategy']);
      assert.match(await page.locator('#save-state').innerText(), /^Saved at/);

      // A link that is not http(s): 400, named beside the form, and what was typed stays.
      await page.locator('[name="e:norm.c.evidence:0:url"]').fill('ftp://example.org/strategy');
      const [res] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/answers')),
        page.getByRole('button', { name: 'Save Norm c' }).click(),
      ]);
      assert.equal(res.status(), 400);
      assert.equal(
        await page.getByRole('alert').getByRole('link').getAttribute('href'),
        '#f-answers.norm.c.evidence[0].url',
        'the field is named',
      );
      assert.equal(await page.locator('[name="e:norm.c.evidence:0:url"]').inputValue(), 'ftp://example.org/strategy');
      assert.deepEqual(await evidence(2024), ['Cyber security strategy'], 'nothing saved');
      await check(page, 390, false);
    } finally {
      await close();
    }
  });
});

describe('the focal point', () => {
  test('shares with States found by their French and Arabic names; submitting and reopening say what follows', async () => {
    const { page, problems, close } = await open(FOCAL, 1280);
    try {
      await page.goto(`${base}/states/KEN/reports/2026`);
      await page.getByRole('radio', { name: /^Shared with chosen States/ }).check();
      const filter = page.getByLabel('Find a State by its name in any of the six official languages, or by its code');
      await filter.fill('Allemagne');
      await page.getByRole('checkbox', { name: 'Germany' }).check();
      await filter.fill('فرنسا');
      assert.equal(await page.locator('.state-picker label[data-names]:visible').count(), 1);
      await page.getByRole('checkbox', { name: 'France' }).check();
      assert.equal(await page.locator('#f-states-chosen').innerText(), 'Chosen: France, Germany.');
      await filter.press('Enter');
      assert.match(page.url(), /reports\/2026$/, 'Enter in the filter sends nothing');
      await check(page, 1280);
      await page.getByRole('button', { name: 'Save who may read it' }).click();
      await page.getByText('Saved: who may read the report.').waitFor();
      const shares = await t.db.query<{ s: string }>(
        "select s.state_code as s from report_shares s join reports r on r.id = s.report_id where r.state_code = 'KEN' order by 1",
      );
      assert.deepEqual(
        shares.map((r) => r.s),
        ['DEU', 'FRA'],
      );

      // Submitting: asked first, saying who will read it.
      await page.locator('summary', { hasText: 'Submit the report…' }).click();
      await page
        .getByText('It is shared with France, Germany: their officials can read it as soon as it is submitted.')
        .waitFor();
      await check(page, 1280);
      await page.getByRole('button', { name: 'Yes, submit the report' }).click();
      await page.getByText('The report is submitted.').waitFor();
      await page.getByRole('radio', { name: /^Public/ }).check();
      await page.getByRole('button', { name: 'Save who may read it' }).click();
      await page.getByText('Saved: who may read the report.').waitFor();
      assert.deepEqual(problems, []);
    } finally {
      await close();
    }

    // Reopening, on a phone without JavaScript: it says the report goes offline; a visitor then cannot read it.
    const phone = await open(FOCAL, 390, false);
    const visitor = await open(null, 390);
    try {
      await visitor.page.goto(`${base}/states/KEN/reports/2026`);
      assert.match(await visitor.page.locator('main').innerText(), /National CERT act|Cyber security strategy/);
      await phone.page.goto(`${base}/states/KEN/reports/2026`);
      await check(phone.page, 390, false);
      assert.equal(await phone.page.getByRole('button', { name: 'Yes, reopen the report' }).isVisible(), false);
      await phone.page.locator('summary', { hasText: 'Reopen to revise…' }).click();
      await phone.page.getByText('It is public now: reopening takes it offline.', { exact: false }).waitFor();
      await check(phone.page, 390, false);
      await phone.page.getByRole('button', { name: 'Yes, reopen the report' }).click();
      await phone.page.getByText('The report is open again for changes.').waitFor();
      await visitor.page.goto(`${base}/states/KEN/reports/2026`);
      await visitor.page.waitForURL(/\/sign-in\?next=/);
      // Submitted again, it is public again (the map below counts it).
      await phone.page.locator('summary', { hasText: 'Submit the report…' }).click();
      await phone.page.getByText('It is public: as soon as it is submitted, anyone can read it').waitFor();
      await phone.page.getByRole('button', { name: 'Yes, submit the report' }).click();
      await phone.page.getByText('The report is submitted.').waitFor();
    } finally {
      await phone.close();
      await visitor.close();
    }
  });
});

describe('the map and the comparison', () => {
  for (const width of [1280, 390])
    test(`at ${width} px: demo States are said not to be counted; the norm selector shows the titles`, async () => {
      const { page, problems, close } = await open(null, width);
      try {
        await page.goto(`${base}/map?norm=c&cycle=2026`);
        const main = await page.locator('main').innerText();
        assert.match(main, /1 of 193 Member States published a report for this cycle\./);
        assert.match(
          main,
          /Demo States are not counted: Demoland \(demo\), Samplestan \(demo\) exist only to try the platform\./,
        );
        assert.match(main, /Demo States belong to no regional group and are not counted here\./);
        assert.match(main, /African Group\s+1 of 54/);
        assert.equal(await page.locator('path[data-state="KEN"]').getAttribute('class'), 'm-few');
        await check(page, width);
        await page.getByLabel('Norm', { exact: true }).selectOption({ label: 'Norm h: Respond to requests for assistance' });
        await page.getByRole('button', { name: 'Show' }).click();
        await page.waitForURL(/norm=h/);
        assert.match(await page.locator('h1').innerText(), /Reporting on norm h, 2026/);

        await page.goto(`${base}/compare`);
        await page.getByLabel(/^Find a State/).fill('Кения');
        await page.getByRole('checkbox', { name: 'Kenya' }).check();
        await page.getByLabel(/^Find a State/).fill('Demo');
        await page.getByRole('checkbox', { name: 'Demoland (demo)' }).check();
        await page.getByRole('button', { name: 'Compare', exact: true }).click();
        await page.waitForURL(/states=/);
        assert.match(await page.locator('table.compare').innerText(), /Act once aware/);
        await check(page, width);
        assert.deepEqual(problems, []);
      } finally {
        await close();
      }
    });
});

test('no report or map page scrolls sideways at 390 px, in English or in Arabic', async () => {
  const { page, problems, close } = await open(FOCAL, 390);
  try {
    for (const lang of ['en', 'ar'])
      for (const path of [
        '/states/KEN/reports',
        '/states/KEN/reports/2026',
        '/states/KEN/reports/2025',
        '/states/KEN/reports/2025?part=law',
        '/states/KEN/reports/2025?part=norms&norm=c',
        '/states/KEN/reports/2025?part=cbms',
        '/states/KEN/reports/2026/diff?with=2025',
        '/map?norm=c&cycle=2026',
        '/compare?states=KEN&states=XAA&states=XAB&cycle=2026',
        '/questionnaire',
        '/capacity',
        '/states/KEN/capacity',
      ]) {
        const res = await page.goto(`${base}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
        assert.equal(res?.status(), 200, path);
        await check(page, 390);
      }
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

test('the refusals: bad input names its field; another State is refused; a visitor is sent to sign in', async () => {
  const focal = await open(FOCAL, 390);
  const other = await open(OTHER, 390);
  const visitor = await open(null, 390);
  try {
    const bad = await focal.page.goto(`${base}/states/KEN/reports/2025?part=nowhere`);
    assert.equal(bad?.status(), 400);
    assert.match(await focal.page.locator('main').innerText(), /part: must be one of law, norms, cbms, capacity/);
    // Another State's official: its own form's token, sent to Kenya's report, is refused; Kenya's draft is not shown.
    await other.page.goto(`${base}/states/XAB/reports/2026?part=law`);
    const csrf = await other.page.locator('input[name="_csrf"]').first().getAttribute('value');
    const write = await other.page.request.post(`${base}/states/KEN/reports/2025/answers`, {
      form: { _csrf: String(csrf), part: 'law', 'q:law.measures': 'Not ours to write' },
      maxRedirects: 0,
    });
    assert.equal(write.status(), 403);
    assert.equal((await other.page.goto(`${base}/states/KEN/reports/2025?part=law`))?.status(), 404);
    await visitor.page.goto(`${base}/states/KEN/reports/2025?part=law`);
    await visitor.page.waitForURL(/\/sign-in\?next=/);
  } finally {
    await focal.close();
    await other.close();
    await visitor.close();
  }
});

async function waitFor(ok: () => Promise<boolean>, ms = 5000) {
  const until = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > until) throw new Error('timed out waiting for the answer to be saved');
    await new Promise((r) => setTimeout(r, 100));
  }
}
