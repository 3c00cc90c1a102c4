// In headless Chromium, at 1280 px and on a 390 px phone, the incident record in Arabic (right to left) and in
// Chinese (decision 77): a reader sees a shipped incident and the list in their language, labelled as this
// platform's translation; a record not translated yet is shown in English, marked as English, with the notice
// saying so; an editor translates a published incident in the browser, each English text beside its field,
// and the page shows it. The refusals: a blank title while another text is translated names the title and
// keeps what was typed; a member is refused (403); signed out, the form sends to sign in. Every page is checked
// with axe and for sideways scrolling.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SHIPPED_TRANSLATIONS } from '../src/modules/incidents/incidents.seed.translations.ts';
import { incidentCount, seedIncidents } from '../src/modules/incidents/index.ts';
import type { TestApp } from './support/app.ts';
import { addEditor } from './support/auth.ts';
import { checked } from './support/browser.ts';
import { type BrowserApp, browserApp, DESK, PHONE } from './support/browser-app.ts';
import { clientAs } from './support/client.ts';

let env: BrowserApp;
let t: TestApp;
let base: string;

const EDITOR = 'editor@demo.cybernorms.example';
const EDITOR2 = 'editor2@languages.example.org';
const MEMBER = 'member@demo.cybernorms.example';
const SIZES = [
  ['1280 px', DESK],
  ['390 px', PHONE],
] as const;
const LANGS = [
  ['ar', 'rtl'],
  ['zh', 'ltr'],
] as const;

let wannacry = '';
before(async () => {
  env = await browserApp();
  ({ t, base } = env);
  if ((await incidentCount(t.db)) === 0) await t.db.transaction((tx) => seedIncidents(tx));
  await addEditor(t.db, EDITOR2);
  wannacry = (await t.db.query<{ id: string }>("select id from incidents where title = 'WannaCry ransomware'"))[0].id;
});
after(async () => {
  await env?.close();
});

/** A record published by one editor and approved by another, in English only. */
async function published(title: string): Promise<string> {
  const one = await clientAs(t, EDITOR);
  const made = await one.json('POST', '/api/v1/incidents', {
    title,
    summary: 'A wiper disabled the billing systems of a water utility.',
    types: ['disruption'],
    started: '2026-11',
    targets: ['XAA'],
    effects: 'Bills were not sent for a week.',
    claims: [
      {
        claimantKind: 'researchers',
        claimantName: 'A security research lab',
        claimedOn: '2026-11-20',
        basis: 'technical_report',
        attributedKind: 'unknown',
        summary: 'The lab found the wiper but named nobody.',
        sourceUrl: 'https://lab.example/report',
      },
    ],
    norms: [],
  });
  assert.equal(made.statusCode, 201, made.body);
  const id = made.json().id;
  await one.json('POST', `/api/v1/incidents/${id}/propose`, {});
  assert.equal((await (await clientAs(t, EDITOR2)).json('POST', `/api/v1/incidents/${id}/approve`, {})).statusCode, 200);
  return id;
}

for (const [size, viewport] of SIZES) {
  for (const [lang, dir] of LANGS) {
    describe(`the incident record in ${lang} at ${size}`, () => {
      test('a reader reads a shipped incident and the list in the language, labelled as a translation made here', async () => {
        const shipped = SHIPPED_TRANSLATIONS[lang][0];
        const anon = await env.open(null, viewport);
        await anon.page.goto(`${base}/incidents/${wannacry}?lang=${lang}`);
        assert.equal(await anon.page.locator('html').getAttribute('dir'), dir);
        assert.equal((await anon.page.locator('h1').innerText()).trim(), shipped.title);
        assert.ok(await anon.page.locator('#language').isVisible(), 'the notice says whose translation it is');
        assert.match(await anon.page.locator('main').innerText(), new RegExp(shipped.norms[0].slice(0, 12)));
        // Nothing of it is left in English.
        assert.equal(await anon.page.locator('main [lang="en"]').count(), 0, 'no English text');
        await checked(anon.page, `shipped incident in ${lang}`);
        await anon.page.goto(`${base}/incidents?lang=${lang}`);
        assert.ok(await anon.page.getByRole('link', { name: SHIPPED_TRANSLATIONS[lang][2].title }).isVisible());
        await checked(anon.page, `list in ${lang}`);
        assert.deepEqual(anon.problems, []);
        await anon.context.close();
      });

      test('an editor translates a record shown in English; the refusals keep what was typed', async () => {
        const id = await published(`Wiper attack on a water utility (${lang}, ${size})`);
        // Before: in English, marked as English, with the notice.
        const anon = await env.open(null, viewport);
        await anon.page.goto(`${base}/incidents/${id}?lang=${lang}`);
        assert.equal(await anon.page.locator('h1 [lang="en"]').getAttribute('dir'), 'ltr', 'the English title is marked');
        assert.ok(await anon.page.locator('#language').isVisible());
        await checked(anon.page, `record in English, page in ${lang}`);
        // Signed out, the form sends to sign in.
        await anon.page.goto(`${base}/incidents/${id}/translate?to=${lang}`);
        assert.match(anon.page.url(), /\/sign-in\?next=/);
        await anon.context.close();

        // A member is refused.
        const member = await env.open(MEMBER, viewport);
        assert.equal((await member.page.goto(`${base}/incidents/${id}/translate?to=${lang}`))?.status(), 403);
        await member.context.close();

        const editor = await env.open(EDITOR, viewport);
        await editor.page.goto(`${base}/incidents/${id}?lang=${lang}`);
        await editor.page.locator(`#translate a[hreflang="${lang}"]`).click();
        await editor.page.waitForURL(/\/translate\?to=/);
        await checked(editor.page, `translation form, ${lang}`);
        const title = editor.page.locator('[name="fields.title"]');
        assert.equal(await title.getAttribute('lang'), lang);
        assert.equal(await title.getAttribute('dir'), dir);
        const summary =
          lang === 'ar' ? 'عطّلت برمجية ماسحة نظم الفوترة في مرفق للمياه.' : '一种擦除软件使一家供水企业的计费系统瘫痪。';
        // A blank title while the summary is translated: refused, naming the title, the summary kept.
        await editor.page.locator('[name="fields.summary"]').fill(summary);
        await editor.page.locator('form.stack button[type="submit"]').click();
        await editor.page.waitForLoadState();
        assert.equal(await editor.page.locator('#f-fields\\.title-error').count(), 1, 'the title is named');
        assert.equal(await editor.page.locator('[name="fields.summary"]').inputValue(), summary, 'what was typed is kept');
        await checked(editor.page, `refused translation, ${lang}`);
        const translated = lang === 'ar' ? 'هجوم ببرمجية ماسحة على مرفق للمياه' : '针对一家供水企业的擦除软件攻击';
        await title.fill(translated);
        await editor.page.locator('form.stack button[type="submit"]').click();
        await editor.page.waitForURL(/saved=1/);
        assert.ok(await editor.page.locator('.success[role="status"]').isVisible(), 'saved and published');
        const [row] = await t.db.query<{ n: number }>(
          "select count(*)::int as n from audit_log where action = 'incident.translate' and entity_id = $1",
          [id],
        );
        assert.equal(row.n, 1, 'audited');
        await editor.context.close();

        const reader = await env.open(null, viewport);
        await reader.page.goto(`${base}/incidents/${id}?lang=${lang}`);
        assert.equal((await reader.page.locator('h1').innerText()).trim(), translated);
        assert.ok((await reader.page.locator('p.lead').innerText()).includes(summary));
        // The effects are not translated: still English, marked.
        assert.equal(await reader.page.locator('dd [lang="en"]', { hasText: 'Bills were not sent' }).count(), 1);
        await checked(reader.page, `translated record, ${lang}`);
        await reader.context.close();
      });
    });
  }
}
