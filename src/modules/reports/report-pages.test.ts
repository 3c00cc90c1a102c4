// The report pages without a browser: a report worked section by section (each section its own page, saved
// whole and back to it saying when), evidence rows added and removed by buttons that keep what was typed,
// submitting and reopening that say what follows, sharing with States ticked by name, and the map and
// comparison naming norms by their titles and saying demo States are not counted. The refusals: bad input
// names its field, another State gets 403 or 404, a visitor is sent to sign in; no GET changes anything.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { clientAs } from '../../../test/support/client.ts';

let t: TestApp;
const FOCAL_A = 'focal@xaa.demo.cybernorms.example';
const FOCAL_B = 'focal@xab.demo.cybernorms.example';
const POC_A = 'poc@xaa.demo.cybernorms.example';
const BASE = '/states/XAA/reports/2026';
const NORM_C = `${BASE}?part=norms&norm=c`;

before(async () => {
  t = await testApp();
});
after(() => t.close());

const as = (email: string) => clientAs(t, email);
/** A page holds the pattern (only the pattern is printed when it does not: pages are long). */
const has = (text: string, re: RegExp, message?: string) => assert.ok(re.test(text), message ?? `no ${re}`);
const hasNot = (text: string, re: RegExp, message?: string) => assert.ok(!re.test(text), message ?? `found ${re}`);
const answer = async (question: string) =>
  (
    await t.db.query<{ value: unknown }>(
      `select a.value from report_answers a join reports r on r.id = a.report_id
       where r.state_code = 'XAA' and r.cycle = 2026 and a.question = $1`,
      [question],
    )
  )[0]?.value;
/** What a GET must leave as it was: the answers, the reports and the shares. */
const snapshot = async () =>
  JSON.stringify([
    await t.db.query('select report_id, question, value, updated_at from report_answers order by 1, 2'),
    await t.db.query('select id, status, visibility, updated_at from reports order by 1'),
    await t.db.query('select * from report_shares order by 1, 2'),
  ]);

describe('a report, section by section', () => {
  test('the overview lists every section with how far it is answered; each section is a page of its own', async () => {
    const a = await as(FOCAL_A);
    const overview = await a.get(BASE);
    assert.equal(overview.statusCode, 200);
    has(overview.body, /href="\/states\/XAA\/reports\/2026\?part=law"/);
    has(
      overview.body,
      /href="\/states\/XAA\/reports\/2026\?part=norms&amp;norm=c"[^>]*>Norm c: [^<]+<\/a> <span class="meta">1 of 6 answered/,
    );
    hasNot(overview.body, /name="q:law.measures"/, 'the overview holds no section’s form');
    const page = await a.get(NORM_C);
    assert.equal(page.statusCode, 200);
    has(page.body, /<h1>Norm c: [^<]+<\/h1>/);
    has(page.body, /name="norm" value="c"/);
    has(page.body, /name="q:norm.c.measures"/);
    hasNot(page.body, /name="q:norm.b.measures"/, 'one norm per page');
    has(page.body, /rel="prev"[^>]*>Previous: Norm b: /);
    has(page.body, /rel="next"[^>]*>Next: Norm d: /);
    has(page.body, /<script src="\/static\/report-editor.js/);
    // ?part=norms alone opens part II's first norm.
    has((await a.get(`${BASE}?part=norms`)).body, /name="norm" value="a"/);
  });

  test('saving a section keeps the other sections, and comes back to it saying when it was saved', async () => {
    const a = await as(FOCAL_A);
    const law = await answer('law.measures');
    await a.get(NORM_C);
    const res = await a.post(`${BASE}/answers`, {
      part: 'norms',
      norm: 'c',
      'q:norm.c.practices': 'A duty officer answers at night.',
    });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `${NORM_C}&saved=1#save-state`);
    assert.equal(await answer('norm.c.practices'), 'A duty officer answers at night.');
    assert.equal(await answer('norm.c.measures'), undefined, 'the unticked boxes of the section were cleared');
    assert.deepEqual(await answer('law.measures'), law, 'another section is untouched');
    const [{ at }] = await t.db.query<{ at: Date }>(
      "select updated_at as at from reports where state_code = 'XAA' and cycle = 2026",
    );
    const back = await a.get(`${NORM_C}&saved=1`);
    has(
      back.body,
      new RegExp(`id="save-state" role="status"[^>]*>Saved at ${new Date(at).toISOString().slice(11, 16)} \\(UTC\\)<`),
    );
    has((await a.get(NORM_C)).body, /id="save-state" role="status"[^>]*><\/p>/, 'said only after a save');
  });

  test('evidence rows: "add a row" saves what was typed and gives an empty row; "remove" takes one away', async () => {
    const a = await as(FOCAL_A);
    await a.get(NORM_C);
    const typed = {
      part: 'norms',
      norm: 'c',
      'e:norm.c.evidence:0:title': 'CERT decree',
      'e:norm.c.evidence:0:url': 'https://example.org/decree',
    };
    const added = await a.post(`${BASE}/answers`, { ...typed, add: 'norm.c.evidence' });
    assert.equal(added.statusCode, 303);
    assert.equal(added.headers.location, `${NORM_C}&saved=1&add=norm.c.evidence#q-norm-c-evidence-1-title`);
    assert.deepEqual(await answer('norm.c.evidence'), [
      { title: 'CERT decree', url: 'https://example.org/decree', date: null, inProgress: false },
    ]);
    const page = await a.get(String(added.headers.location).split('#')[0]);
    has(page.body, /name="e:norm.c.evidence:0:title" value="CERT decree"/);
    has(page.body, /id="q-norm-c-evidence-1-title" name="e:norm.c.evidence:1:title" value maxlength/);
    has(page.body, /<button type="submit" class="visually-hidden" tabindex="-1" aria-hidden="true">Save Norm c<\/button>/);

    const two = { ...typed, 'e:norm.c.evidence:1:title': 'Cyber strategy', 'e:norm.c.evidence:1:date': '2025-02-01' };
    const removed = await a.post(`${BASE}/answers`, { ...two, remove: 'norm.c.evidence:0' });
    assert.equal(removed.headers.location, `${NORM_C}&saved=1#q-norm-c-evidence`);
    assert.deepEqual(await answer('norm.c.evidence'), [
      { title: 'Cyber strategy', url: '', date: '2025-02-01', inProgress: false },
    ]);
  });

  test('a refused section comes back as typed, naming the field, and saves nothing', async () => {
    const a = await as(FOCAL_A);
    await a.get(NORM_C);
    const before = await answer('norm.c.evidence');
    const practices = await answer('norm.c.practices');
    const res = await a.post(`${BASE}/answers`, {
      part: 'norms',
      norm: 'c',
      'q:norm.c.practices': 'Changed?',
      'e:norm.c.evidence:0:title': 'Law',
      'e:norm.c.evidence:0:url': 'javascript:alert(1)',
      add: 'norm.c.evidence',
    });
    assert.equal(res.statusCode, 400);
    has(res.body, /href="#f-answers.norm.c.evidence\[0\].url">[^<]*http\(s\)/);
    has(res.body, /value="javascript:alert\(1\)"/, 'what was typed stays');
    has(res.body, /name="e:norm.c.evidence:1:title"/, 'with the row asked for');
    assert.deepEqual(await answer('norm.c.evidence'), before);
    assert.equal(await answer('norm.c.practices'), practices);
    for (const [fields, field] of [
      [{ part: 'nowhere' }, 'part'],
      [{ part: 'norms', norm: 'z' }, 'norm'],
    ] as const) {
      const bad = await a.post(`${BASE}/answers`, fields);
      assert.equal(bad.statusCode, 400);
      has(bad.body, new RegExp(field === 'part' ? /must be one of law, norms/.source : /must be one of a, b/.source));
    }
    assert.equal((await a.get(`${BASE}?part=nowhere`)).statusCode, 400);
    assert.equal(
      (await a.json('PUT', `/api/v1${BASE}/answers`, { answers: { 'norm.c.evidence': 'x' } })).json().errors[0].field,
      'answers.norm.c.evidence',
    );
  });

  test('others: another State is refused (403 to write, 404 to read a draft), a visitor is sent to sign in, a POC reads', async () => {
    const b = await as(FOCAL_B);
    await b.get('/states/XAB/reports/2026');
    assert.equal((await b.post(`${BASE}/answers`, { part: 'law', 'q:law.measures': 'Not ours' })).statusCode, 403);
    assert.equal((await b.get(`${BASE}?part=law`)).statusCode, 404);
    const visitor = await t.app.inject(`${BASE}?part=law`);
    assert.equal(visitor.statusCode, 303);
    has(String(visitor.headers.location), /^\/sign-in\?next=/);
    const poc = await as(POC_A);
    const read = await poc.get(`${BASE}?part=law`);
    assert.equal(read.statusCode, 303, 'a reader is sent to the report as read');
    assert.equal(read.headers.location, BASE);
  });

  test('no GET changes anything, whatever it asks for', async () => {
    const a = await as(FOCAL_A);
    const before = await snapshot();
    for (const url of [
      BASE,
      NORM_C,
      `${NORM_C}&saved=1&add=norm.c.evidence`,
      `${BASE}?notice=submitted`,
      '/map?norm=c&cycle=2026',
    ])
      assert.ok([200, 400].includes((await a.get(url)).statusCode), url);
    assert.equal(await snapshot(), before);
  });
});

describe('submitting, reopening and sharing say what follows', () => {
  test('the focal point shares with States ticked by name; the steps say who will read it', async () => {
    const a = await as(FOCAL_A);
    let page = (await a.get(BASE)).body;
    has(page, /<summary>Submit the report…<\/summary>/);
    has(page, /It is private: only the officials of Demoland \(demo\) can read it\./);
    // Every State is a box named in the reader's language, findable by its names in the six languages.
    has(
      page,
      /<label data-names="FRA\|فرنسا\|France\|Francia\|Франция\|法国" data-name="France"><input type="checkbox" name="states" value="FRA"\/> France/,
    );
    hasNot(page, /value="XAA"/, 'not with itself');

    const none = await a.post(`${BASE}/visibility`, { visibility: 'shared' });
    assert.equal(none.statusCode, 400);
    has(none.body, /href="#f-states"/);
    const shared = await a.post(`${BASE}/visibility`, { visibility: 'shared', states: ['XAB', 'FRA'] });
    assert.equal(shared.statusCode, 303);
    assert.deepEqual(
      (await t.db.query<{ s: string }>('select state_code as s from report_shares order by 1')).map((r) => r.s),
      ['FRA', 'XAA', 'XAB'],
    );
    page = (await a.get(BASE)).body;
    has(page, /value="FRA" checked/);
    has(page, /It is shared with France, Samplestan \(demo\): their officials can read it as soon as it is submitted\./);
    // In French, the same boxes are named in French.
    has((await a.get(`${BASE}?lang=fr`)).body, /name="states" value="DEU"\/> Allemagne/);

    await a.get(`${BASE}?lang=en`);
    await a.post(`${BASE}/visibility`, { visibility: 'public' });
    has((await a.get(BASE)).body, /It is public: as soon as it is submitted, anyone can read it/);
    assert.equal((await a.post(`${BASE}/submit`)).statusCode, 303);
    page = (await a.get(BASE)).body;
    has(page, /<summary>Reopen to revise…<\/summary>/);
    has(page, /It is public now: reopening takes it offline\./);
    assert.equal((await t.app.inject(`/api/v1${BASE}`)).statusCode, 200, 'published');
    assert.equal((await a.post(`${BASE}/reopen`)).statusCode, 303);
    assert.equal((await t.app.inject(`/api/v1${BASE}`)).statusCode, 401, 'offline until submitted again');
  });
});

describe('the map and the comparison', () => {
  test('the map names the norms by their titles, in the reader’s language, and says demo States are not counted', async () => {
    const en = (await t.app.inject('/map?norm=c&cycle=2025')).body;
    const [c] = (await t.app.inject('/api/v1/norms')).json().data.filter((n: { letter: string }) => n.letter === 'c');
    assert.ok(en.includes(`<option value="c" selected>Norm c: ${c.title.text}</option>`), 'the norm’s title');
    has(en, /0 of 193 Member States published a report/);
    has(en, /Demo States are not counted: Demoland \(demo\), Samplestan \(demo\) exist only to try the platform/);
    has(en, /<h2 id="demo-title">Demo States \(not counted\)<\/h2>/);
    has(en, /href="\/states\/XAA\/reports\/2025">Demoland \(demo\)<\/a> — 3 measures reported/);
    const [fr] = (await t.app.inject('/api/v1/norms?lang=fr')).json().data.filter((n: { letter: string }) => n.letter === 'c');
    const frPage = (await t.app.inject('/map?norm=c&cycle=2025&lang=fr')).body;
    assert.ok(
      frPage.includes(`Norme c : ${fr.title.text.replace(/'/g, '&#39;')}`) || frPage.includes(`Norme c : ${fr.title.text}`),
    );
    has(frPage, /Les États de démonstration ne sont pas comptés/);
  });

  test('the comparison takes States ticked by name (repeated) or codes typed; bad ones are named', async () => {
    const ticked = await t.app.inject('/compare?states=XAA&states=KEN&cycle=2025');
    assert.equal(ticked.statusCode, 200);
    has(ticked.body, /value="KEN" checked/);
    has(ticked.body, /Kenya<\/a><span class="tag">no published report/);
    has(ticked.body, /<td data-label="Demoland \(demo\)">/);
    assert.equal((await t.app.inject('/compare?states=XAA,KEN&cycle=2025')).statusCode, 200);
    const bad = await t.app.inject('/compare?states=XAA&states=ZZZ&cycle=2025');
    assert.equal(bad.statusCode, 400);
    has(bad.body, /ZZZ/);
  });
});

describe("in the reader's language", () => {
  /** Text as the page writes it, as a pattern. */
  const shown = (s: string) =>
    s
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const translated = async (entity: string, id: string, lang: string) =>
    (
      await t.db.query<{ value: string }>(
        `select value from translations where entity = $1 and entity_id = $2 and lang = $3 and field = 'title'`,
        [entity, id, lang],
      )
    )[0]?.value;

  test('the choices of a section, of the report read and of the comparison are the actions and CBMs in that language', async () => {
    const [action] = await t.db.query<{ id: string; title: string }>(
      `select id, title from norm_actions where norm_letter = 'c' order by position limit 1`,
    );
    const [cbm] = await t.db.query<{ id: string; title: string }>('select id, title from cbms order by source, number limit 1');
    const actionFr = await translated('norm_action', action.id, 'fr');
    const cbmAr = await translated('cbm', cbm.id, 'ar');
    assert.ok(actionFr && cbmAr, 'the shipped content is translated');
    const a = await as(FOCAL_A);
    const section = await a.get(`${NORM_C}&lang=fr`);
    assert.equal(section.statusCode, 200);
    has(section.body, new RegExp(`value="${action.id}"[^>]*/?> ${shown(actionFr)}</label>`));
    hasNot(section.body, new RegExp(`/?> ${shown(action.title)}</label>`), 'not the English title');
    const cbms = await a.get(`${BASE}?part=cbms&lang=ar`);
    has(cbms.body, new RegExp(`value="${cbm.id}"[^>]*/?> [A-Z]+ \\d+: ${shown(cbmAr)}</label>`));
    // In English, the titles the questionnaire was published with.
    has((await a.get(`${NORM_C}&lang=en`)).body, new RegExp(`value="${action.id}"[^>]*/?> ${shown(action.title)}</label>`));

    // Chosen and published, the measure is named in French in the report read and the comparison.
    const saved = await a.post(`${BASE}/answers`, { part: 'norms', norm: 'c', 'q:norm.c.measures': action.id });
    assert.equal(saved.statusCode, 303);
    assert.deepEqual(await answer('norm.c.measures'), [action.id]);
    await t.db.query(`update reports set status = 'submitted', visibility = 'public' where state_code = 'XAA' and cycle = 2026`);
    const read = await a.get(`${BASE}?lang=fr`);
    has(read.body, new RegExp(`<li>${shown(actionFr)}</li>`));
    const compared = await t.app.inject(`/compare?states=XAA&cycle=2026&lang=fr`);
    assert.equal(compared.statusCode, 200);
    has(compared.body, new RegExp(shown(actionFr)));
    hasNot(compared.body, new RegExp(`>${shown(action.title)}<`), 'not the English title');
  });
});
