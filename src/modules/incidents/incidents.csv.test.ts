// The record as CSV for researchers: a row per attribution claim (never merged), the incident's facts on each,
// codes not words, the list's filters (a malformed one refused by name), published incidents only, and cells a
// spreadsheet would run as formulas kept as text.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { clientAs, fieldsOf } from '../../../test/support/client.ts';
import { CSV_COLUMNS } from './incidents.csv.ts';
import { incidentCount, seedIncidents } from './index.ts';

let t: TestApp;
before(async () => {
  t = await testApp();
  if ((await incidentCount(t.db)) === 0) await t.db.transaction((tx) => seedIncidents(tx));
});
after(() => t.close());

/** RFC 4180 as a spreadsheet reads it: quoted cells may hold commas, quotes ("") and line breaks. */
function parse(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return rows;
}

const csv = async (query = '') => {
  const res = await t.app.inject(`/api/v1/incidents/csv${query}`);
  assert.equal(res.statusCode, 200, res.body);
  assert.match(String(res.headers['content-type']), /^text\/csv; charset=utf-8/);
  assert.match(String(res.headers['content-disposition']), /attachment; filename="incidents.csv"/);
  const [head, ...rows] = parse(res.body);
  assert.deepEqual(head, [...CSV_COLUMNS], 'the headings');
  return rows.map((r) => Object.fromEntries(head.map((h, n) => [h, r[n]])) as Record<(typeof CSV_COLUMNS)[number], string>);
};

test('a row per claim, each with its incident’s facts, as the API has them', async () => {
  const rows = await csv();
  const api = (await t.app.inject('/api/v1/incidents')).json().data as {
    id: string;
    title: string;
    claims: { claimantStates: string[]; attributedState: string | null; basis: string; responses: unknown[] }[];
  }[];
  assert.equal(
    rows.length,
    api.reduce((n, i) => n + Math.max(1, i.claims.length), 0),
    'one row per claim',
  );
  for (const i of api) {
    const own = rows.filter((r) => r.incident_id === i.id);
    assert.deepEqual(
      own.map((r) => r.claim),
      i.claims.map((_, n) => String(n + 1)),
      `${i.title}: its claims, numbered, never merged`,
    );
    for (const [n, c] of i.claims.entries()) {
      assert.equal(own[n].title, i.title);
      assert.equal(own[n].claimant_states, c.claimantStates.join(' '));
      assert.equal(own[n].attributed_state, c.attributedState ?? '');
      assert.equal(own[n].basis, c.basis, 'the vocabulary’s code');
    }
  }
  const notpetya = rows.filter((r) => r.title === 'NotPetya');
  assert.ok(notpetya.length > 1, 'several claims');
  assert.equal(notpetya[0].targets.split(' ').includes('UKR'), true, 'targets as ISO codes');
  assert.match(notpetya[0].started, /^\d{4}(-\d\d){0,2}$/, 'a date as precise as known');
  assert.match(notpetya[0].stix_id, /^incident--[0-9a-f-]{36}$/);
  assert.ok(
    notpetya.some((r) => /^[A-Z]{3} (supports|denies|comments) \d{4}-\d\d-\d\d/.test(r.responses)),
    'responses as State, stance, date',
  );
});

test('the list’s filters apply; a malformed one is refused by name; the page links the filtered CSV', async () => {
  const ukraine = await csv('?target=UKR');
  assert.ok(ukraine.length > 0);
  assert.ok(
    ukraine.every((r) => r.targets.split(' ').includes('UKR')),
    'only incidents that targeted Ukraine',
  );
  assert.ok((await csv('?target=UKR&contested=no')).every((r) => r.contested === 'false'));
  const bad = await t.app.inject('/api/v1/incidents/csv?year=soon&norm=z');
  assert.equal(bad.statusCode, 400);
  assert.deepEqual(fieldsOf(bad).sort(), ['norm', 'year']);
  const page = (await t.app.inject('/incidents?target=UKR&page=1')).body;
  assert.match(page, /<a href="\/api\/v1\/incidents\/csv\?target=UKR" download>These incidents as CSV/);
  assert.match(
    (await t.app.inject('/incidents?lang=fr')).body,
    /<a href="\/api\/v1\/incidents\/csv" download>Ces incidents en CSV/,
  );
});

test('published incidents only; a cell that starts like a formula stays text', async () => {
  await t.db.query(
    `insert into incidents (title, status, started_on, started_precision, created_at, updated_at, published_at)
     values ('=HYPERLINK("http://evil.example","x")', 'published', '2025-05-01', 'month', now(), now(), now()),
            ('Draft only', 'draft', null, null, now(), now(), null)`,
  );
  // Written behind the services' back: the export made once per change of the record is dropped by hand.
  t.app.contentCache.invalidate();
  const rows = await csv();
  assert.ok(!rows.some((r) => r.title === 'Draft only'), 'no draft');
  const formula = rows.find((r) => r.title.includes('HYPERLINK'));
  assert.equal(formula?.title, `'=HYPERLINK("http://evil.example","x")`, 'prefixed with a quote');
  assert.equal(formula?.started, '2025-05', 'a month is a month');
  assert.equal(formula?.claim, '', 'no claim yet: one row, the claim empty');
});

test('the whole record’s exports are made once per change of the record, and follow each change', async () => {
  const first = await t.app.inject('/api/v1/incidents/stix');
  const again = await t.app.inject('/api/v1/incidents/stix');
  assert.equal(again.body, first.body, 'the same bytes');
  // Made once: a row written behind the services' back (no change told) is not in it until the record changes.
  await t.db.query(
    `insert into incidents (title, status, started_on, started_precision, created_at, updated_at, published_at)
     values ('Written behind its back', 'published', '2025-01-01', 'year', now(), now(), now())`,
  );
  assert.doesNotMatch((await t.app.inject('/api/v1/incidents/stix')).body, /Written behind its back/, 'kept, not made again');
  assert.match(String(first.headers['content-type']), /^application\/json; charset=utf-8/);
  // A State's position changes the record: the next exports have it.
  const focal = await clientAs(t, 'focal@xaa.demo.cybernorms.example');
  const notpetya = (await t.app.inject('/api/v1/incidents?target=UKR')).json().data[0];
  const said = 'Demoland supports this attribution, for the export test.';
  const res = await focal.json('POST', `/api/v1/incidents/${notpetya.id}/states/XAA/positions`, {
    kind: 'supports',
    claim: notpetya.claims[0].id,
    statedOn: '2024-07-01',
    summary: said,
    sourceUrl: 'https://demoland.example/export-test',
  });
  assert.equal(res.statusCode, 201, res.body);
  const now = (await t.app.inject('/api/v1/incidents/stix')).body;
  assert.ok(now.includes(said), 'STIX has the new opinion');
  assert.match(now, /Written behind its back/, 'made again from the record as it is');
  assert.ok(
    (await csv()).some((r) => r.title === 'NotPetya' && r.responses.includes('XAA supports 2024-07-01')),
    'the CSV has the new response',
  );
});
