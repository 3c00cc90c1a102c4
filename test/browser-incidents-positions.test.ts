// In headless Chromium, at 1280 px and on a 390 px phone (issue 18, decision 74): Demoland's POC drafts
// Demoland's position on a published incident; its focal point finds it from the desk and approves it, and it
// shows as Demoland's statement; a decline without a reason names the field; another State's focal point is
// refused. A party links a communication to the incident from the thread page (search by title, no script
// needed) and sees it on the incident page, while a signed-out reader and another State's official see no
// trace of it. Every page is checked with axe and for sideways scrolling.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TestApp } from './support/app.ts';
import { checked } from './support/browser.ts';
import { type BrowserApp, browserApp, DESK, PHONE } from './support/browser-app.ts';

let env: BrowserApp;
let t: TestApp;
let base: string;

const POC_A = 'poc@xaa.demo.cybernorms.example';
const FOCAL_A = 'focal@xaa.demo.cybernorms.example';
const FOCAL_B = 'focal@xab.demo.cybernorms.example';
const SIZES = [
  ['1280 px', DESK],
  ['390 px', PHONE],
] as const;

before(async () => {
  env = await browserApp();
  ({ t, base } = env);
});
after(async () => {
  await env?.close();
});

/** A published incident with this title (what the editors would have published). */
async function published(title: string): Promise<string> {
  const [i] = await t.db.query<{ id: string }>(
    `insert into incidents (title, summary, status, started_on, started_precision, created_at, updated_at, published_at)
     values ($1, 'A disruption of a port authority.', 'published', '2026-10-01', 'day', now(), now(), now()) returning id`,
    [title],
  );
  return i.id;
}

/** A communication from Demoland to Kenya (Samplestan is party to nothing here). */
async function threadOfDemoland(subject: string): Promise<string> {
  const [u] = await t.db.query<{ id: string }>('select id from users where email_key = $1', [POC_A]);
  const [th] = await t.db.query<{ id: string }>(
    `insert into threads (sender_state, created_by, type, urgency, tlp, subject, status, created_at, sent_at)
     values ('XAA', $1, 'notification', 'routine', 'green', $2, 'open', now(), now()) returning id`,
    [u.id, subject],
  );
  await t.db.query(
    `insert into thread_recipients (thread_id, state_code, status, ack_due, sent_at) values ($1, 'KEN', 'sent', now() + interval '3 days', now())`,
    [th.id],
  );
  await t.db.query(
    `insert into thread_messages (thread_id, seq, kind, author_id, author_state, body, created_at) values ($1, 1, 'initial', $2, 'XAA', 'Details follow.', now())`,
    [th.id, u.id],
  );
  return th.id;
}

const csrfOf = async (page: import('playwright-core').Page) =>
  (await page.locator('input[name=_csrf]').first().inputValue()) ?? '';

for (const [size, viewport] of SIZES) {
  describe(`a State's positions and linked threads at ${size}`, () => {
    test('a POC drafts, the focal point approves from the desk, it is the State’s statement', async () => {
      const title = `Port authority outage (${size})`;
      const summary = `Demoland attributes it to nobody yet (${size}).`;
      const id = await published(title);

      const poc = await env.open(POC_A, viewport);
      await poc.page.goto(`${base}/incidents/${id}`);
      await checked(poc.page, 'incident page, POC');
      const form = poc.page.locator('form[action$="/states/XAA/positions"]');
      await form.locator('select[name=kind]').selectOption('attribution');
      await form.locator('select[name=attributedKind]').selectOption('unknown');
      await form.locator('[name=statedOn]').fill('2026-10-20');
      await form.locator('[name=summary]').fill(summary);
      await form.locator('[name=sourceUrl]').fill('https://demoland.example/port');
      await form.getByRole('button', { name: /Send to the focal point for approval/ }).click();
      await poc.page.waitForURL(/notice=drafted/);
      await checked(poc.page, 'drafted, POC');
      assert.match(await poc.page.locator('#positions').locator('..').innerText(), /Waiting for the focal point/);
      assert.deepEqual(poc.problems, [], 'no script errors');
      await poc.context.close();

      // Nobody else sees it yet: a signed-out reader, another State's focal point.
      for (const who of [null, FOCAL_B]) {
        const other = await env.open(who, viewport);
        await other.page.goto(`${base}/incidents/${id}`);
        assert.doesNotMatch(await other.page.locator('main').innerText(), new RegExp(summary.replace(/[()]/g, '.')));
        await other.context.close();
      }
      const [draft] = await t.db.query<{ id: string }>('select id from incident_position_drafts where incident_id = $1', [id]);

      // Another State's focal point cannot decide it: 404, as if it did not exist.
      const b = await env.open(FOCAL_B, viewport);
      await b.page.goto(`${base}/desk`);
      const refused = await b.page.request.post(`${base}/incidents/positions/${draft.id}/approve`, {
        form: { _csrf: await csrfOf(b.page), from: 'list' },
        maxRedirects: 0,
      });
      assert.equal(refused.status(), 404, "another State's focal point");
      await b.context.close();

      const focal = await env.open(FOCAL_A, viewport);
      await focal.page.goto(`${base}/desk`);
      await checked(focal.page, 'desk with a position waiting');
      assert.match(await focal.page.locator('main').innerText(), /Positions of your State waiting for a decision/);
      await focal.page.locator(`a[href="/incidents/${id}#positions"]`).first().click();
      await focal.page.waitForURL(new RegExp(`/incidents/${id}`));
      await checked(focal.page, 'incident page, focal point with a draft waiting');
      // A decline without a reason names the field and declines nothing.
      await focal.page
        .locator(`#draft-${draft.id}`)
        .getByRole('button', { name: /^Decline/ })
        .click();
      await focal.page.waitForLoadState();
      assert.match(await focal.page.locator('#problems').innerText(), /Reason for declining/);
      await checked(focal.page, 'decline refused');
      await focal.page
        .locator(`#draft-${draft.id}`)
        .getByRole('button', { name: /Approve and publish/ })
        .click();
      await focal.page.waitForURL(/notice=approved/);
      await checked(focal.page, 'approved');
      const main = await focal.page.locator('main').innerText();
      assert.ok(main.includes(summary), 'the position is on the page');
      assert.match(main, /Statement of Demoland/, 'shown as Demoland’s statement');
      assert.deepEqual(focal.problems, [], 'no script errors');
      await focal.context.close();

      const anon = await env.open(null, viewport);
      await anon.page.goto(`${base}/incidents/${id}`);
      assert.ok((await anon.page.locator('main').innerText()).includes(summary), 'public once approved');
      await anon.context.close();
    });

    test('a party links a thread to the incident; only those who see the thread see the link', async () => {
      const title = `Harbour cranes stopped (${size})`;
      const subject = `Cranes follow-up for the record (${size})`;
      const id = await published(title);
      const thread = await threadOfDemoland(subject);

      const poc = await env.open(POC_A, viewport);
      await poc.page.goto(`${base}/communications/${thread}`);
      const search = poc.page.locator('form[role=search][action*="/communications/"]');
      await search.locator('input[name=find]').fill('Harbour cranes');
      await search.getByRole('button', { name: /Search/ }).click();
      await poc.page.waitForURL(/find=Harbour/);
      await checked(poc.page, 'thread page, incidents found');
      // Nothing chosen: the field is named.
      await poc.page.getByRole('button', { name: /Link to this incident/ }).click();
      await poc.page.waitForLoadState();
      assert.match(await poc.page.locator('#f-incident-error').innerText(), /Incident/);
      await poc.page.goto(`${base}/communications/${thread}?find=${encodeURIComponent('Harbour cranes')}`);
      await poc.page.locator('select[name=incident]').selectOption(id);
      await poc.page.getByRole('button', { name: /Link to this incident/ }).click();
      await poc.page.waitForURL(/notice=linked/);
      await checked(poc.page, 'thread page, linked');
      assert.match(await poc.page.locator('#incidents').locator('..').innerText(), new RegExp(title.replace(/[()]/g, '.')));
      await poc.page.goto(`${base}/incidents/${id}`);
      await checked(poc.page, 'incident page, party');
      assert.ok((await poc.page.locator('main').innerText()).includes(subject), 'the party sees the thread');
      assert.deepEqual(poc.problems, [], 'no script errors');
      await poc.context.close();

      // A signed-out reader and another State's official: no trace of the thread.
      for (const who of [null, FOCAL_B]) {
        const other = await env.open(who, viewport);
        await other.page.goto(`${base}/incidents/${id}`);
        const html = await other.page.content();
        assert.ok(!html.includes(subject) && !html.includes(thread), `${who ?? 'signed out'} sees no trace`);
        await checked(other.page, `incident page, ${who ?? 'signed out'}`);
        const res = await other.page.goto(`${base}/communications/${thread}`);
        assert.ok(who ? res?.status() === 404 : /\/sign-in\?next=/.test(other.page.url()), 'the thread is not theirs');
        await other.context.close();
      }
    });
  });
}
