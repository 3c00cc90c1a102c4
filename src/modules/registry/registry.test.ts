// The registry: 193 Member States from world-countries (without the Holy See), the observer States, and
// the regional organisations with their member States, in the six UN languages.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

test('193 UN Member States in five regional groups; the Holy See and Palestine are observers', async () => {
  const res = await t.app.inject('/api/v1/states?status=member');
  const members = res.json().data as { code: string; un_group: string; names: Record<string, string> }[];
  assert.equal(members.length, 193);
  const byGroup: Record<string, number> = {};
  for (const m of members) byGroup[m.un_group] = (byGroup[m.un_group] ?? 0) + 1;
  assert.deepEqual(byGroup, {
    african: 54,
    'asia-pacific': 54,
    'eastern-european': 23,
    'latin-american-caribbean': 33,
    weog: 29,
  });
  assert.ok(!members.some((m) => m.code === 'VAT'));
  for (const m of members)
    for (const l of ['ar', 'zh', 'en', 'fr', 'ru', 'es']) assert.ok(m.names[l], `${m.code} has a name in ${l}`);
  const observers = (await t.app.inject('/api/v1/states?status=observer')).json().data.map((s: { code: string }) => s.code);
  assert.deepEqual(observers.sort(), ['PSE', 'VAT']);
});

test('regional organisations with their member States', async () => {
  const orgs = (await t.app.inject('/api/v1/organisations')).json().data as { code: string; members: number }[];
  assert.deepEqual(Object.fromEntries(orgs.map((o) => [o.code, o.members])), { ASEAN: 11, AU: 55, EU: 27, OAS: 34, OSCE: 57 });
  const osce = (await t.app.inject('/api/v1/organisations/OSCE')).json();
  assert.ok(
    osce.states.some((s: { code: string }) => s.code === 'VAT'),
    'the Holy See takes part in the OSCE',
  );
  const kenya = (await t.app.inject('/api/v1/states/KEN?lang=fr')).json();
  assert.equal(kenya.name, 'Kenya');
  assert.deepEqual(kenya.organisations, ['AU']);
  const ofGroup = (await t.app.inject('/api/v1/states?organisation=ASEAN&group=asia-pacific')).json().data;
  assert.equal(ofGroup.length, 11);
});

test('bad codes are refused with the field named; unknown ones are not found', async () => {
  const bad = await t.app.inject('/api/v1/states/ke');
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().errors[0].field, 'code');
  assert.equal((await t.app.inject('/api/v1/states/QQQ')).statusCode, 404);
  assert.equal((await t.app.inject('/api/v1/states?group=nordic')).statusCode, 400);
  assert.equal((await t.app.inject('/states?group=nordic')).statusCode, 400);
  assert.equal((await t.app.inject('/states/QQQ')).statusCode, 404);
});

test('pages: the list by group, a State in Arabic, an organisation', async () => {
  const list = await t.app.inject('/states?group=eastern-european');
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /href="\/states\/POL"/);
  assert.doesNotMatch(list.body, /href="\/states\/FRA"/);
  const ar = await t.app.inject('/states/EGY?lang=ar');
  assert.match(ar.body, /dir="rtl"/);
  assert.match(ar.body, /مصر/);
  assert.match((await t.app.inject('/organisations/AU')).body, /Sahrawi|Western Sahara/);
});
