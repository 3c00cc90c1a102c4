// The list page reads its filter with the API's schema (issue 18): a malformed filter is a 400 on the page as in
// the API, the page shown with the refused filter named, and why, in the reader's language; the filters that
// are right still apply.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { reasonText } from '../../platform/i18n/reasons.ts';
import { seedIncidents } from './index.ts';

let t: TestApp;

before(async () => {
  t = await testApp();
  await t.db.transaction((tx) => seedIncidents(tx));
});
after(() => t.close());

const get = (url: string) => t.app.inject({ url, headers: { 'accept-language': 'en' } });
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&#39;|&#x27;/g, "'");

test('each malformed filter is a 400 on the page as in the API, naming the filter and why; the list is shown', async () => {
  for (const [query, field, label] of [
    ['page=0', 'page', 'Page'],
    ['year=abc', 'year', 'Year'],
    ['year=1850', 'year', 'Year'],
    ['type=sabotage', 'type', 'Type of incident'],
    ['target=kenya', 'target', 'Targeted State'],
    ['region=europe', 'region', 'Regional group'],
    ['norm=z', 'norm', 'Norm'],
    ['contested=maybe', 'contested', 'Attribution'],
  ]) {
    const api = await get(`/api/v1/incidents?${query}`);
    assert.equal(api.statusCode, 400, `${query}: the API refuses it`);
    const [problem] = api.json().errors;
    assert.equal(problem.field, field, `${query}: the API names ${field}`);
    const page = await get(`/incidents?${query}`);
    assert.equal(page.statusCode, 400, `${query}: so does the page`);
    const shown = text(page.body);
    assert.match(shown, /These filters were refused and are not applied/, `${query}: said`);
    assert.ok(
      shown.includes(`${label}: ${reasonText('en', problem.code, problem.params)}`),
      `${query}: the page names ${label} with the API's reason (${problem.code})`,
    );
    assert.match(shown, /Incidents found: 3/, `${query}: the list is shown, without the refused filter`);
  }
});

test('the filters that are right still apply beside a refused one, and the pages link without it', async () => {
  const page = await get('/incidents?year=abc&type=ransomware');
  assert.equal(page.statusCode, 400);
  assert.match(text(page.body), /Incidents found: 1/, 'the type still filters');
  assert.match(page.body, /WannaCry ransomware/);
  assert.match(page.body, /<select id="f-year" name="year" aria-invalid="true"/, 'the refused filter is marked');
  assert.match(page.body, /<a href="#f-year">/, 'and linked from its problem');
  const fine = await get('/incidents?year=2017&type=ransomware&contested=yes');
  assert.equal(fine.statusCode, 200);
  assert.doesNotMatch(fine.body, /were refused/);
});

test('the refusal in the reader’s language (Arabic, French)', async () => {
  const ar = await t.app.inject('/incidents?year=abc&lang=ar');
  assert.equal(ar.statusCode, 400);
  assert.match(ar.body, /dir="rtl"/);
  assert.match(text(ar.body), /رُفضت عوامل التصفية هذه/, 'said in Arabic');
  assert.match(text(ar.body), /السنة: /, 'naming the filter in Arabic');
  const fr = await t.app.inject('/incidents?contested=peut-être&lang=fr');
  assert.equal(fr.statusCode, 400);
  assert.match(text(fr.body), /Ces filtres ont été refusés/);
});
