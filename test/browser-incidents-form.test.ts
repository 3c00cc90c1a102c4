// In headless Chromium, at 1280 px and on a 390 px phone, the editors' incident form chooses States by name
// (issue 18): the targeted States, the claimant States, the State a claim names, a responding State and the
// State that invoked a norm, with the shared State picker, found by a name in any of the six languages, with
// script and without it, in English and in Arabic (right to left). Refused: a State the registry does not know
// (a forged form) names the field, a signed-out reader is sent to sign in. The list refuses a malformed filter
// with 400, the page shown and the filter named. Every page is checked with axe and for sideways scrolling.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { seedIncidents } from '../src/modules/incidents/index.ts';
import type { TestApp } from './support/app.ts';
import { checked } from './support/browser.ts';
import { type BrowserApp, browserApp, DESK, PHONE } from './support/browser-app.ts';

let env: BrowserApp;
let t: TestApp;
let base: string;

const EDITOR = 'editor@demo.cybernorms.example';
const FOCAL_A = 'focal@xaa.demo.cybernorms.example';
const SIZES = [
  ['1280 px', DESK],
  ['390 px', PHONE],
] as const;

before(async () => {
  env = await browserApp();
  ({ t, base } = env);
  await t.db.transaction((tx) => seedIncidents(tx));
});
after(async () => {
  await env?.close();
});

const saved = (title: string) =>
  t.db.query<{ targets: string[]; claimant_states: string[]; attributed_state: string | null; state_code: string | null }>(
    `select i.targets, c.claimant_states, c.attributed_state, r.state_code
       from incidents i join incident_claims c on c.incident_id = i.id left join incident_responses r on r.claim_id = c.id
      where i.title = $1`,
    [title],
  );

for (const [size, viewport] of SIZES) {
  describe(`the incident form's States by name at ${size}`, () => {
    test('an editor finds States by name in the picker (in English and in Arabic) and saves them', async () => {
      for (const lang of ['en', 'ar'] as const) {
        const title = `States by name (${size}, ${lang})`;
        const one = await env.open(EDITOR, viewport);
        await one.page.goto(`${base}/incidents/new?lang=${lang}`);
        assert.equal(await one.page.getAttribute('html', 'dir'), lang === 'ar' ? 'rtl' : 'ltr');
        await checked(one.page, `new incident form (${lang})`);
        await one.page.locator('#f-title').fill(title);
        // Targeted: Kenya, found by its Russian name; the claimant States by their names in the reader's language.
        const pick = async (field: string, name: string, code: string) => {
          await one.page.locator(`#${field}-filter`).fill(name);
          await one.page.locator(`#${field} input[value="${code}"]`).check();
          await one.page.locator(`#${field}-filter`).fill('');
        };
        await pick('f-targets', 'Кения', 'KEN');
        await one.page.locator('[name="claims.0.claimantKind"]').selectOption('states_jointly');
        await pick('f-claims-0-claimantStates', lang === 'ar' ? 'فرنسا' : 'France', 'FRA');
        await pick('f-claims-0-claimantStates', lang === 'ar' ? 'البرازيل' : 'Brazil', 'BRA');
        assert.match(
          await one.page.locator('#f-claims-0-claimantStates-chosen').innerText(),
          lang === 'ar' ? /فرنسا/ : /France/,
          'the chosen States are named as they are ticked',
        );
        await one.page.locator('#f-claims-0-claimedOn').fill('2026-10-02');
        await one.page.locator('[name="claims.0.basis"]').selectOption('political_statement');
        await one.page.locator('[name="claims.0.attributedKind"]').selectOption('state');
        await pick('f-claims-0-attributedState', 'Samplestan', 'XAB');
        await one.page.locator('#f-claims-0-sourceUrl').fill('https://example.org/joint-statement');
        // A response by a State chosen by its code.
        await pick('f-claims-0-responses-0-state', 'XAB', 'XAB');
        await one.page.locator('[name="claims.0.responses.0.stance"]').selectOption('denies');
        await one.page.locator('#f-claims-0-responses-0-statedOn').fill('2026-10-03');
        await checked(one.page, `filled form (${lang})`);
        await one.page.locator('form[action="/incidents"] button[type=submit]').click();
        await one.page.waitForURL(/\/incidents\/[0-9a-f-]{36}\?notice=saved/);
        await checked(one.page, `saved draft (${lang})`);
        const rows = await saved(title);
        assert.deepEqual(rows[0]?.targets, ['KEN'], 'the targeted State');
        assert.deepEqual([...(rows[0]?.claimant_states ?? [])].sort(), ['BRA', 'FRA'], 'the claimant States');
        assert.equal(rows[0]?.attributed_state, 'XAB', 'the State named');
        assert.equal(rows[0]?.state_code, 'XAB', 'the responding State');
        // Changing it shows the States chosen, ticked, their groups open.
        await one.page.goto(one.page.url().replace(/\?.*$/, '/edit'));
        assert.ok(await one.page.locator('#f-targets input[value="KEN"]').isChecked(), 'Kenya still ticked');
        assert.ok(await one.page.locator('#f-claims-0-attributedState input[value="XAB"]').isChecked());
        await checked(one.page, `edit form (${lang})`);
        assert.deepEqual(one.problems, [], 'no script errors');
        await one.context.close();
      }
    });

    test("a State's focal point names the State it attributes an incident to by its name", async () => {
      const focal = await env.open(FOCAL_A, viewport);
      const [{ id }] = await t.db.query<{ id: string }>("select id from incidents where title = 'NotPetya'");
      await focal.page.goto(`${base}/incidents/${id}?lang=ar`);
      const form = focal.page.locator('form[action$="/states/XAA/positions"]');
      await form.locator('select[name=kind]').selectOption('attribution');
      await form.locator('select[name=attributedKind]').selectOption('state');
      await form.locator('#f-attributedState-filter').fill('Samplestan');
      await form.locator('#f-attributedState input[value="XAB"]').check();
      await form.locator('[name=statedOn]').fill('2026-11-30');
      await form.locator('[name=sourceUrl]').fill('https://demoland.example/notpetya');
      await checked(focal.page, 'position form, Arabic');
      await form.locator('button[type=submit]').click();
      await focal.page.waitForURL(/notice=position/);
      const rows = await t.db.query<{ n: number }>(
        `select count(*)::int as n from incident_claims where incident_id = $1 and stated_by_state = 'XAA' and attributed_state = 'XAB'`,
        [id],
      );
      assert.ok(rows[0].n >= 1, "Demoland's own attribution names Samplestan");
      await focal.context.close();
    });

    test('without script: a group opens with a click and the State is ticked', async () => {
      const title = `States without script (${size})`;
      const one = await env.open(EDITOR, viewport, false);
      await one.page.goto(`${base}/incidents/new`);
      await one.page.locator('#f-title').fill(title);
      assert.equal(await one.page.locator('#f-targets-filter').isVisible(), false, 'no filter box without script');
      await one.page.locator('#f-targets details', { hasText: 'African Group' }).locator('summary').click();
      await one.page.locator('#f-targets input[value="KEN"]').check();
      await one.page.locator('form[action="/incidents"] button[type=submit]').click();
      await one.page.waitForURL(/notice=saved/);
      assert.deepEqual((await t.db.query('select targets from incidents where title = $1', [title]))[0]?.targets, ['KEN']);
      await one.context.close();
    });

    test('refused: a State the registry does not know names the field; signed out goes to sign in', async () => {
      const one = await env.open(EDITOR, viewport);
      await one.page.goto(`${base}/incidents/new`);
      const csrf = (await one.page.locator('input[name=_csrf]').first().inputValue()) ?? '';
      const forged = await one.page.request.post(`${base}/incidents`, {
        form: { _csrf: csrf, title: 'Forged State', targets: 'ZZZ' },
        maxRedirects: 0,
      });
      assert.equal(forged.status(), 400, 'an unknown State is refused');
      assert.match(await forged.text(), /Targeted States: /, 'naming the field by its label');
      await one.context.close();
      const anon = await env.open(null, viewport);
      await anon.page.goto(`${base}/incidents/new`);
      assert.match(anon.page.url(), /\/sign-in\?next=/, 'sent to sign in');
      await anon.context.close();
    });

    test('the list refuses a malformed filter with 400, the page shown and the filter named (English, Arabic)', async () => {
      const one = await env.open(null, viewport);
      const res = await one.page.goto(`${base}/incidents?page=0&type=ransomware`);
      assert.equal(res?.status(), 400);
      assert.match(await one.page.locator('#problems').innerText(), /Page: must be at least 1/);
      assert.equal(await one.page.locator('#f-type').inputValue(), 'ransomware', 'the type still applies');
      assert.match(await one.page.locator('main').innerText(), /Incidents found: 1/, 'the list is shown, the type applied');
      await checked(one.page, 'refused filter');
      const ar = await one.page.goto(`${base}/incidents?year=abc&lang=ar`);
      assert.equal(ar?.status(), 400);
      assert.match(await one.page.locator('#problems').innerText(), /السنة/);
      await checked(one.page, 'refused filter, Arabic');
      await one.context.close();
    });
  });
}
