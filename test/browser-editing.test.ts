// In headless Chromium: an editor finds a lesson's self-check on the editors' index, opens it in Arabic (the
// English beside each field, the correct answer marked), translates its question and an answer's feedback,
// and a visitor sees them on the lesson in Arabic, the feedback after answering too; the pages pass axe.
// Refusals: a blank English answer and a norm's official text without its source come back named with
// nothing saved; a signed-out visitor is sent to sign in; a member may not edit.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { translator } from '../src/platform/i18n/i18n.ts';
import type { TestApp } from './support/app.ts';
import { seriousViolations } from './support/browser.ts';
import { type BrowserApp, browserApp } from './support/browser-app.ts';

let env: BrowserApp;
let t: TestApp;
let base: string;
const ar = translator('ar');
const revisions = async () => (await t.db.query<{ n: number }>('select count(*)::int as n from content_revisions'))[0].n;

before(async () => {
  env = await browserApp();
  ({ t, base } = env);
});
after(async () => {
  await env?.close();
});

test('an editor translates a self-check in Arabic in the browser; the lesson shows it in Arabic, with its feedback', async () => {
  const { page, problems } = await env.as('editor@demo.cybernorms.example');
  await page.goto(`${base}/editor`);
  const checks = page.locator('section#lesson_check');
  assert.match(await checks.getByRole('heading').innerText(), /Self-checks of the lessons/);
  await checks.getByRole('link', { name: /How was the 1998 resolution/ }).click();
  assert.match(page.url(), /\/editor\/lesson_check\/un-process-origins-1$/);
  await page.getByRole('navigation', { name: 'Language of the text' }).getByRole('link', { name: 'العربية' }).click();
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  // The English beside each field; the correct answer marked for the editor.
  const prompt = page.getByLabel('prompt');
  assert.equal(await prompt.getAttribute('dir'), 'rtl');
  assert.match(await page.locator('.field').first().locator('pre.source').innerText(), /How was the 1998 resolution/);
  assert.match(await page.locator('#f-fields\\.option-1-note').innerText(), /هذه هي الإجابة الصحيحة/);
  assert.deepEqual(await seriousViolations(page), []);

  await prompt.fill('كيف اعتُمد قرار عام 1998؟ (صيغة المحرر)');
  await page.getByLabel('feedback-2').fill('غير صحيح: اعتُمد دون تصويت (ملاحظة المحرر).');
  await page.getByLabel(ar('edit.note')).fill('مراجعة الترجمة');
  await page.getByRole('button', { name: ar('edit.save') }).click();
  assert.match(await page.getByRole('status').innerText(), /حُفظت المراجعة 2 ونُشرت/);
  assert.equal(await page.getByLabel('prompt').inputValue(), 'كيف اعتُمد قرار عام 1998؟ (صيغة المحرر)');

  const visitor = (await env.as(null)).page;
  await visitor.goto(`${base}/learn/un-process/un-process-origins?lang=ar`);
  const check = visitor.locator('fieldset.check').first();
  assert.equal(await check.locator('legend').innerText(), 'كيف اعتُمد قرار عام 1998؟ (صيغة المحرر)');
  await check.getByLabel('بتصويت مسجل، رغم اعتراضات الدول الغربية').check();
  await visitor.getByLabel('أنهى أعماله دون تقرير موضوعي').check();
  await visitor.getByRole('button', { name: ar('learn.checkButton') }).click();
  const feedback = await visitor.locator('.feedback').allInnerTexts();
  assert.match(feedback[0], /^ليس تمامًا\. غير صحيح: اعتُمد دون تصويت \(ملاحظة المحرر\)\.$/);
  assert.match(feedback[1], /^صحيح\. صحيح\. ومع ذلك جُدّدت الولاية/);
  assert.deepEqual(await seriousViolations(visitor), []);
  assert.deepEqual(problems, []);
});

test('refusals in the browser: a blank English answer, an official text without its source, signed out, a member', async () => {
  const { page } = await env.as('editor@demo.cybernorms.example');
  const before = await revisions();
  await page.goto(`${base}/editor/lesson_check/cbms-why-1`);
  await page.getByLabel('option-2').fill('');
  await page.getByLabel('Change note').fill('Blank');
  await page.getByRole('button', { name: 'Save revision' }).click();
  assert.match(await page.getByRole('alert').innerText(), /fields\.option-2: is required/);
  assert.equal(await page.getByLabel('option-2').getAttribute('aria-invalid'), 'true');

  await page.goto(`${base}/editor/norm/c?lang=fr`);
  assert.match(await page.locator('#f-fields\\.official_text-note').innerText(), /jamais une traduction faite ici/);
  await page
    .getByLabel('official_text')
    .fill('Les États ne devraient pas permettre sciemment que leur territoire soit utilisé ;');
  await page.getByLabel('Note de modification').fill('Texte officiel');
  await page.getByRole('button', { name: 'Enregistrer la révision' }).click();
  assert.match(
    await page.getByRole('alert').innerText(),
    /fields\.official_source: est obligatoire lorsque official_text est renseigné/,
  );
  assert.equal(
    await page.getByLabel('official_text').inputValue(),
    'Les États ne devraient pas permettre sciemment que leur territoire soit utilisé ;',
  );
  assert.equal(await revisions(), before, 'nothing saved');

  const visitor = (await env.as(null)).page;
  await visitor.goto(`${base}/editor/lesson_check/cbms-why-1?lang=ar`);
  assert.match(visitor.url(), /\/sign-in\?next=%2Feditor%2Flesson_check%2Fcbms-why-1/);
  const member = (await env.as('member@demo.cybernorms.example')).page;
  assert.equal((await member.goto(`${base}/editor/lesson_check/cbms-why-1`))?.status(), 403);
});
