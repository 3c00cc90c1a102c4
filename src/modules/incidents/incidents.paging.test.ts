// The list at scale: 50 incidents a page, on the API and the page, with the count of all that match, no incident
// on two pages or on none; the "contested" filter (the stored mark) splits the record exactly as isContested does.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { settleContested } from './incidents.contested.ts';
import { incidentCount, seedIncidents } from './index.ts';

let t: TestApp;
const N = 120;

before(async () => {
  t = await testApp();
  if ((await incidentCount(t.db)) === 0) await t.db.transaction((tx) => seedIncidents(tx));
  // N published incidents, all started on one day (so the order falls to the title and the id); a third of them
  // with two claims naming different States (contested), a third with one claim, a third with a denial.
  await t.db.query(
    `insert into incidents (title, status, started_on, started_precision, created_at, updated_at, published_at)
     select 'Paging incident ' || g, 'published', date '2001-05-05', 'day', now(), now(), now() from generate_series(1, $1::int) g`,
    [N],
  );
  await t.db.query(
    `insert into incident_claims (incident_id, position, claimant_kind, claimant_states, claimed_on, basis, attributed_kind,
                                  attributed_state, source_url, created_at)
     select i.id, p, 'state', array['XAA'], '2001-06-01', 'political_statement', 'state',
            case when p = 1 then 'XAB' else 'KEN' end, 'https://example.org/c', now()
       from incidents i cross join generate_series(0, 1) p
      where i.title like 'Paging incident %' and (p = 0 or substring(i.title from 17)::int % 3 = 0)`,
  );
  await t.db.query(
    `insert into incident_responses (claim_id, incident_id, state_code, stance, stated_on, summary, source_url, created_at)
     select c.id, c.incident_id, 'KEN', 'denies', '2001-06-02', 'No.', 'https://example.org/r', now()
       from incident_claims c join incidents i on i.id = c.incident_id
      where i.title like 'Paging incident %' and substring(i.title from 17)::int % 3 = 1`,
  );
  // Written behind the service's back, so each incident's stored mark is set as the service would set it.
  const rows = await t.db.query<{ id: string }>("select id from incidents where title like 'Paging incident %'");
  for (const { id } of rows) await settleContested(t.db, id);
});
after(() => t.close());

test('the API pages 50 at a time with the total; every incident is on exactly one page; past the end is empty', async () => {
  const seen: string[] = [];
  let total = -1;
  for (let page = 1; page <= 3; page++) {
    const res = await t.app.inject(`/api/v1/incidents?year=2001&page=${page}`);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.perPage, 50, 'fifty a page');
    assert.equal(body.page, page, 'the page asked for');
    total = body.total;
    seen.push(...body.data.map((i: { id: string }) => i.id));
    assert.equal(body.data.length, Math.min(50, N - (page - 1) * 50), `page ${page} holds what remains`);
  }
  assert.equal(total, N, 'the total counts every match');
  assert.equal(new Set(seen).size, N, 'no incident on two pages, none missing');
  const past = (await t.app.inject('/api/v1/incidents?year=2001&page=9')).json();
  assert.deepEqual([past.data.length, past.total], [0, N], 'past the end: nothing, and still the total');
  const bad = await t.app.inject('/api/v1/incidents?page=0');
  assert.equal(bad.statusCode, 400, 'page 0 is refused');
  assert.match(bad.body, /page/, 'naming the field');
});

test('contested in SQL is isContested: the filter splits the record exactly as each incident says of itself', async () => {
  const all = async (contested: string) => {
    const out: { id: string; contested: boolean }[] = [];
    for (let page = 1; ; page++) {
      const body = (await t.app.inject(`/api/v1/incidents?${contested}page=${page}`)).json();
      out.push(...body.data);
      if (page * body.perPage >= body.total) return out;
    }
  };
  const everything = await all('');
  const yes = await all('contested=yes&');
  const no = await all('contested=no&');
  assert.equal(yes.length + no.length, everything.length, 'every incident is contested or not');
  assert.ok(yes.length >= (2 * N) / 3 - 1, `the generated contested ones are found (${yes.length})`);
  assert.ok(
    yes.every((i) => i.contested),
    'each incident the filter calls contested says it is',
  );
  assert.ok(
    no.every((i) => !i.contested),
    'each incident the filter calls uncontested says it is not',
  );
});

test('the page shows 50 with the count, and links to the next page keeping the filter', async () => {
  const html = (await t.app.inject('/incidents?year=2001')).body;
  assert.equal((html.match(/<a href="\/incidents\/[0-9a-f-]{36}">/g) ?? []).length, 50, 'fifty on the page');
  assert.match(html, /Incidents found: 120/, 'the count of all');
  assert.match(html, /href="\/incidents\?year=2001&amp;page=2" rel="next"/, 'the next page keeps the filter');
  const last = (await t.app.inject('/incidents?year=2001&page=3')).body;
  assert.equal((last.match(/<a href="\/incidents\/[0-9a-f-]{36}">/g) ?? []).length, 20, 'the last page holds the rest');
  assert.match(last, /rel="prev"/, 'and links back');
  assert.doesNotMatch(last, /rel="next"/, 'and not further');
});
