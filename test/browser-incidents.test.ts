// In headless Chromium, at 1280 px and on a 390 px phone, the incident record's main path (issue 18): an editor
// writes a draft with two contradicting claims and proposes it; they may not approve it themselves; another
// editor approves it and it is public, contested at a glance; a State's focal point publishes the State's own
// position on a claim, shown as that State's statement. And the refusals: a draft without a title names the
// field and keeps what was typed, another State's focal point cannot speak for Demoland, a signed-out reader
// does not see the draft and is sent to sign in from the editors' pages. Every page is checked with axe and for
// sideways scrolling. A reader filters the record and downloads those incidents as CSV, a row per claim.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TestApp } from './support/app.ts';
import { addEditor } from './support/auth.ts';
import { checked } from './support/browser.ts';
import { type BrowserApp, browserApp, DESK, PHONE } from './support/browser-app.ts';

let env: BrowserApp;
let t: TestApp;
let base: string;

const EDITOR = 'editor@demo.cybernorms.example';
const EDITOR2 = 'editor2@browser.example.org';
const FOCAL_A = 'focal@xaa.demo.cybernorms.example';
const FOCAL_B = 'focal@xab.demo.cybernorms.example';
const SIZES = [
  ['1280 px', DESK],
  ['390 px', PHONE],
] as const;

before(async () => {
  env = await browserApp();
  ({ t, base } = env);
  await addEditor(t.db, EDITOR2);
});
after(async () => {
  await env?.close();
});

const statusOf = async (id: string) =>
  (await t.db.query<{ status: string }>('select status from incidents where id = $1', [id]))[0]?.status;

for (const [size, viewport] of SIZES) {
  describe(`the incident record at ${size}`, () => {
    test('an editor drafts and proposes, another approves, a State publishes its position', async () => {
      const title = `Wiper attack on a water utility (${size})`;
      // The first editor: a draft with two claims that contradict each other.
      const one = await env.open(EDITOR, viewport);
      await one.page.goto(`${base}/incidents/new`);
      await checked(one.page, 'new incident form');
      await one.page.locator('#f-title').fill(title);
      await one.page.locator('#f-summary').fill('A wiper disabled the billing systems of a water utility.');
      await one.page.locator('#f-started').fill('2026-11');
      await one.page.locator('input[name="types.disruption"]').check();
      // Claim 1: researchers attribute it to a State.
      await one.page.locator('[name="claims.0.claimantKind"]').selectOption('researchers');
      await one.page.locator('#f-claims-0-claimantName').fill('A security research lab');
      await one.page.locator('#f-claims-0-claimedOn').fill('2026-11-20');
      await one.page.locator('[name="claims.0.basis"]').selectOption('technical_report');
      await one.page.locator('[name="claims.0.attributedKind"]').selectOption('state');
      // The State named, chosen by its name in the picker (found by its code too).
      await one.page.locator('#f-claims-0-attributedState-filter').fill('Samplestan');
      await one.page.locator('#f-claims-0-attributedState input[value="XAB"]').check();
      await one.page.locator('#f-claims-0-sourceUrl').fill('https://lab.example/report');
      await one.page.getByRole('button', { name: /^Save the draft/ }).click();
      await one.page.waitForURL(/\/incidents\/[0-9a-f-]{36}/);
      const id = /\/incidents\/([0-9a-f-]{36})/.exec(one.page.url())?.[1] ?? '';
      assert.equal(await statusOf(id), 'draft', 'saved as a draft');
      await checked(one.page, 'draft page');
      await one.page.getByRole('button', { name: /Propose for publication/ }).click();
      await one.page.waitForURL(/notice=proposed/);
      assert.equal(await statusOf(id), 'proposed', 'proposed');
      // Four eyes: the one who proposed it is not offered approval, and a forced approval is refused.
      assert.equal(
        await one.page.getByRole('button', { name: /Approve and publish/ }).count(),
        0,
        'no approve button for its author',
      );
      const forced = await one.page.request.post(`${base}/incidents/${id}/approve`, {
        form: { _csrf: (await one.page.locator('input[name=_csrf]').first().inputValue()) ?? '' },
        maxRedirects: 0,
      });
      assert.equal(forced.status(), 403, 'nobody approves their own change');
      assert.equal(await statusOf(id), 'proposed', 'still proposed');
      await one.context.close();

      // Signed out: the proposal is not there.
      const anon = await env.open(null, viewport);
      assert.equal((await anon.page.goto(`${base}/incidents/${id}`))?.status(), 404, 'a proposal is not public');
      await anon.page.goto(`${base}/incidents/new`);
      assert.match(anon.page.url(), /\/sign-in\?next=/, 'the editors’ pages send to sign in');
      await anon.context.close();

      // The second editor approves it from the review list.
      const two = await env.open(EDITOR2, viewport);
      await two.page.goto(`${base}/incidents/review`);
      await checked(two.page, 'review list');
      await two.page.getByRole('link', { name: title }).click();
      await two.page.getByRole('button', { name: /Approve and publish/ }).click();
      await two.page.waitForURL(/notice=published/);
      assert.equal(await statusOf(id), 'published', 'published by the second editor');
      await two.context.close();

      // Public now; Demoland's focal point publishes Demoland's own attribution.
      const focal = await env.open(FOCAL_A, viewport);
      await focal.page.goto(`${base}/incidents/${id}`);
      await checked(focal.page, 'published incident, focal point');
      const form = focal.page.locator('form[action$="/states/XAA/positions"]').first();
      assert.ok((await form.count()) > 0, 'the focal point is offered a position form for Demoland');
      await form.locator('select[name=kind]').selectOption('attribution');
      await form.locator('select[name=attributedKind]').selectOption('unknown');
      await form.locator('[name=statedOn]').fill('2026-11-30');
      await form.locator('[name=summary]').fill('Demoland has not identified who is responsible.');
      await form.locator('[name=sourceUrl]').fill('https://demoland.example/statement');
      await form.getByRole('button', { name: /Publish the position/ }).click();
      await focal.page.waitForURL(/notice=position/);
      await checked(focal.page, 'after the position');
      assert.match(await focal.page.locator('main').innerText(), /Demoland/, 'the statement is Demoland’s');
      const positions = await t.db.query<{ n: number }>(
        'select count(*)::int as n from incident_claims where incident_id = $1 and stated_by_state = $2',
        [id, 'XAA'],
      );
      assert.equal(positions[0].n, 1, "Demoland's own claim is recorded as its statement");
      assert.deepEqual(focal.problems, [], 'no script errors');
      await focal.context.close();

      // Another State's focal point cannot speak for Demoland.
      const other = await env.open(FOCAL_B, viewport);
      await other.page.goto(`${base}/incidents/${id}`);
      assert.equal(
        await other.page.locator('form[action$="/states/XAA/positions"]').count(),
        0,
        'no Demoland form for another State',
      );
      const refused = await other.page.request.post(`${base}/incidents/${id}/states/XAA/positions`, {
        form: {
          _csrf: (await other.page.locator('input[name=_csrf]').first().inputValue()) ?? '',
          kind: 'attribution',
          attributedKind: 'unknown',
          statedOn: '2026-11-30',
          sourceUrl: 'https://x.example/',
        },
        maxRedirects: 0,
      });
      assert.equal(refused.status(), 403, "another State's focal point is refused");
      await other.context.close();
    });

    test('a reader filters the record and downloads those incidents as CSV, a row per claim; a bad filter is named', async () => {
      const reader = await env.open(null, viewport);
      await reader.page.goto(`${base}/incidents`);
      await reader.page.getByLabel('Attribution', { exact: true }).selectOption('yes');
      await reader.page.getByRole('button', { name: 'Show' }).click();
      await reader.page.waitForURL(/contested=yes/);
      const link = reader.page.getByRole('link', { name: /These incidents as CSV/ });
      assert.match(String(await link.getAttribute('href')), /^\/api\/v1\/incidents\/csv\?.*contested=yes/, 'the filters in use');
      const [download] = await Promise.all([reader.page.waitForEvent('download'), link.click()]);
      assert.equal(download.suggestedFilename(), 'incidents.csv');
      const file = await download.path();
      const { readFileSync } = await import('node:fs');
      const lines = readFileSync(file, 'utf8').trim().split('\r\n');
      assert.match(lines[0], /^incident_id,stix_id,title,/, 'the headings');
      const contested = (await (await fetch(`${base}/api/v1/incidents?contested=yes`)).json()) as {
        data: { claims: unknown[] }[];
      };
      assert.equal(
        lines.length - 1,
        contested.data.reduce((n, i) => n + Math.max(1, i.claims.length), 0),
        'a row per claim of the contested incidents',
      );
      assert.ok(
        lines.slice(1).every((l) => l.includes(',true,')),
        'each contested',
      );
      await reader.page.goto(`${base}/incidents?year=someday`);
      assert.match(await reader.page.locator('#problems').innerText(), /Year/, 'the refused filter is named');
      await checked(reader.page, 'filtered list');
      await reader.context.close();
    });

    test('a draft without a title names the field and keeps what was typed', async () => {
      const one = await env.open(EDITOR, viewport);
      await one.page.goto(`${base}/incidents/new`);
      await one.page.locator('#f-summary').fill('Kept after the refusal.');
      const before = await t.db.query<{ n: number }>('select count(*)::int as n from incidents');
      await one.page.getByRole('button', { name: /^Save the draft/ }).click();
      await one.page.waitForLoadState();
      const text = await one.page.locator('main').innerText();
      assert.match(text, /Title/, 'the problem names the title');
      assert.equal(await one.page.locator('#f-summary').inputValue(), 'Kept after the refusal.', 'what was typed is kept');
      const after = await t.db.query<{ n: number }>('select count(*)::int as n from incidents');
      assert.equal(after[0].n, before[0].n, 'nothing saved');
      await checked(one.page, 'refused draft');
      await one.context.close();
    });
  });
}
