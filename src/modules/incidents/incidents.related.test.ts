// The record where readers already are: the norm pages (and their API) list the published incidents at stake,
// the State pages those a State attributed, was attributed or was targeted by, and the Atom feed the published
// record; a draft never shows; an incident approved after a cached norm page was read is on the next read.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { addEditor } from '../../../test/support/auth.ts';
import { clientAs } from '../../../test/support/client.ts';
import { incidentCount, seedIncidents } from './index.ts';

let t: TestApp;
const EDITOR = 'editor@demo.cybernorms.example';
const EDITOR2 = 'editor2@example.org';

before(async () => {
  t = await testApp({ publicUrl: 'https://cybernorms.test' });
  if ((await incidentCount(t.db)) === 0) await t.db.transaction((tx) => seedIncidents(tx));
  await addEditor(t.db, EDITOR2);
});
after(() => t.close());

const get = (url: string) => t.app.inject(url);
const ids = async () =>
  new Map(((await get('/api/v1/incidents')).json().data as { id: string; title: string }[]).map((i) => [i.title, i.id] as const));

/** The items of the page's section with this id (its links to incidents), in order. */
function linked(html: string, section: string): string[] {
  const start = html.indexOf(`id="${section}"`);
  assert.ok(start > 0, `the page has a section #${section}`);
  const end = html.indexOf('</section>', start);
  return [...html.slice(start, end).matchAll(/<a href="\/incidents\/([0-9a-f-]{36})">([^<]*)<\/a>/g)].map((m) => m[2]);
}

const DRAFT = {
  title: 'Test outage of the Demoland grid',
  summary: 'A test incident.',
  types: ['disruption'],
  started: '2024-03-01',
  targets: ['XAA'],
  sectors: ['energy'],
  claims: [
    {
      claimantKind: 'state',
      claimantStates: ['XAA'],
      claimedOn: '2024-03-11',
      basis: 'political_statement',
      attributedKind: 'state',
      attributedState: 'XAB',
      sourceUrl: 'https://demoland.example/statement',
    },
  ],
  norms: [{ norm: 'k', basis: 'invoked', invokedBy: 'XAA', rationale: 'Demoland said its response team was hit.' }],
};

test('a norm page lists the published incidents at stake, with year, contested mark and whose reading', async () => {
  const f = await get('/norms/f');
  assert.equal(f.statusCode, 200);
  assert.deepEqual(
    linked(f.body, 'incidents'),
    ['NotPetya', 'WannaCry ransomware'],
    'norm (f): the two 2017 incidents, latest first',
  );
  assert.match(f.body, /\(2017\)/, 'the year');
  assert.match(f.body, /Editors’ reading/, 'whose reading');
  assert.match(f.body, /Attribution contested/, 'WannaCry is contested (North Korea denied)');
  assert.match(f.body, /href="\/incidents\?norm=f"/, 'the list filtered by the norm');
  assert.deepEqual(linked((await get('/norms/c')).body, 'incidents'), ['Microsoft Exchange Server compromise']);
  const k = await get('/norms/k');
  assert.deepEqual(linked(k.body, 'incidents'), [], 'no incident on norm (k)');
  assert.match(k.body, /No published incident in the record has this norm at stake yet/);
  const fr = await get('/norms/f?lang=fr');
  assert.match(fr.body, /Incidents en cause/, 'the section in French');
  // The API answer for the norm carries the same list.
  const api = (await get('/api/v1/norms/f')).json();
  assert.deepEqual(
    api.incidents.map((i: { title: string }) => i.title),
    ['NotPetya', 'WannaCry ransomware'],
    'the API lists them',
  );
  const wannacry = api.incidents[1];
  assert.equal(wannacry.year, 2017, 'the year in the API');
  assert.equal(wannacry.contested, true, 'contested in the API');
  assert.equal(wannacry.url, `/incidents/${(await ids()).get('WannaCry ransomware')}`, 'its page');
  assert.deepEqual(
    wannacry.readings.map((r: { basis: string; invoked_by: string | null }) => [r.basis, r.invoked_by]),
    [['editors', null]],
    'the editors’ reading',
  );
});

test('a State page lists the incidents it attributed, was attributed, or was targeted by', async () => {
  const gbr = await get('/states/GBR');
  assert.equal(gbr.statusCode, 200);
  const html = gbr.body;
  const part = (from: string, to: string) => html.slice(html.indexOf(from), html.indexOf(to, html.indexOf(from)));
  const attributed = part('Incidents it attributed', 'Incidents attributed to it');
  const attributedTo = part('Incidents attributed to it', 'Incidents that targeted it');
  const targeted = part('Incidents that targeted it', '</section>');
  assert.match(attributed, /NotPetya[\s\S]*WannaCry ransomware/, 'GBR attributed NotPetya and WannaCry, latest first');
  assert.match(attributed, /Microsoft Exchange Server compromise/, 'and joined the Exchange attribution');
  assert.match(attributedTo, /None in the published record/, 'nothing attributed to GBR');
  assert.match(targeted, /WannaCry ransomware/, 'WannaCry targeted GBR');
  assert.doesNotMatch(targeted, /NotPetya/, 'NotPetya targeted Ukraine');
  assert.match(html, /href="\/incidents\?attributor=GBR"/, 'the filtered list');
  const rus = (await get('/states/RUS')).body;
  assert.deepEqual(linked(rus, 'incidents'), ['NotPetya'], 'Russia was attributed NotPetya');
  assert.match((await get('/states/PRK')).body, /WannaCry ransomware/, 'North Korea was attributed WannaCry');
  // A demo State has none.
  const demo = (await get('/states/XAA')).body;
  assert.deepEqual(linked(demo, 'incidents'), [], 'a demo State has no incident');
  assert.equal(demo.match(/None in the published record/g)?.length, 3, 'three empty lists');
});

test('a State page names the incidents in the reader’s language where translated, and marks English where not', async () => {
  const fr = (await get('/states/PRK?lang=fr')).body;
  assert.match(fr, /<a href="\/incidents\/[0-9a-f-]{36}">Rançongiciel WannaCry<\/a>/, 'the French title, in the page’s language');
  assert.doesNotMatch(fr, />WannaCry ransomware</, 'not the English one');
  // An incident with no French title is named in English, marked so.
  const id = (await ids()).get('WannaCry ransomware') as string;
  await t.db.query("delete from incident_translations where incident_id = $1 and lang = 'fr'", [id]);
  t.app.contentCache.invalidate();
  const en = (await get('/states/PRK?lang=fr')).body;
  assert.match(en, /<a href="\/incidents\/[0-9a-f-]{36}" lang="en">WannaCry ransomware<\/a>/, 'English, marked lang="en"');
  assert.doesNotMatch((await get('/states/PRK')).body, /lang="en">WannaCry/, 'an English page marks nothing');
});

test('the Atom feed is well-formed XML and lists the published record only, the latest change first', async () => {
  const res = await get('/feeds/incidents.atom');
  assert.equal(res.statusCode, 200, 'the feed answers');
  assert.match(String(res.headers['content-type']), /application\/atom\+xml/, 'as Atom');
  assert.equal(XMLValidator.validate(res.body), true, 'well-formed XML');
  const feed = new XMLParser({ ignoreAttributes: false }).parse(res.body).feed;
  assert.equal(feed['@_xmlns'], 'http://www.w3.org/2005/Atom', 'in the Atom namespace');
  const entries = [feed.entry].flat() as { title: string; updated: string; link: { '@_href': string } }[];
  const published = await ids();
  assert.deepEqual(entries.map((e) => e.title).sort(), [...published.keys()].sort(), 'the published incidents, no other');
  for (const e of entries)
    assert.equal(e.link['@_href'], `https://cybernorms.test/incidents/${published.get(e.title)}`, 'each links its page');
  const times = entries.map((e) => Date.parse(e.updated));
  assert.deepEqual(
    times,
    [...times].sort((a, b) => b - a),
    'the latest change first',
  );
  // The list page links the feed, for people and in the head for feed readers.
  const list = (await get('/incidents')).body;
  assert.match(list, /<link rel="alternate" type="application\/atom\+xml" href="\/feeds\/incidents.atom"/, 'in the head');
  assert.match(list, /<a href="\/feeds\/incidents.atom">Follow the incident record/, 'a visible link');
});

test('a draft never shows; once approved it is on the next read of the cached norm page, the State page and the feed', async () => {
  const before = await get('/norms/k');
  assert.deepEqual(linked(before.body, 'incidents'), [], 'nothing yet (and the page is now cached)');
  const editor = await clientAs(t, EDITOR);
  const made = await editor.json('POST', '/api/v1/incidents', DRAFT);
  assert.equal(made.statusCode, 201, made.body);
  const { id } = made.json();
  assert.equal((await editor.json('POST', `/api/v1/incidents/${id}/propose`, {})).statusCode, 200, 'proposed');
  // A draft or a proposal: nowhere for the public.
  assert.deepEqual(linked((await get('/norms/k')).body, 'incidents'), [], 'not on the norm page');
  assert.doesNotMatch((await get('/states/XAA')).body, /Test outage/, 'not on the State page');
  assert.doesNotMatch((await get('/feeds/incidents.atom')).body, /Test outage/, 'not in the feed');
  assert.doesNotMatch(JSON.stringify((await get('/api/v1/norms/k')).json()), /Test outage/, 'not in the API');
  // Approved by another editor: at once on the next read.
  const second = await clientAs(t, EDITOR2);
  assert.equal((await second.json('POST', `/api/v1/incidents/${id}/approve`, {})).statusCode, 200, 'approved');
  const k = await get('/norms/k');
  assert.deepEqual(linked(k.body, 'incidents'), [DRAFT.title], 'on the norm page at once');
  assert.match(k.body, /Invoked by Demoland \(demo\) in its statement/, 'a State’s own reading, named');
  const xaa = (await get('/states/XAA')).body;
  assert.match(
    xaa.slice(xaa.indexOf('Incidents it attributed'), xaa.indexOf('Incidents attributed to it')),
    /Test outage/,
    'Demoland attributed it',
  );
  assert.match((await get('/states/XAB')).body, /Test outage/, 'it was attributed to XAB');
  const feed = new XMLParser().parse((await get('/feeds/incidents.atom')).body).feed;
  assert.equal([feed.entry].flat()[0].title, DRAFT.title, 'first in the feed, the latest change');
});

test("a State's own position on a published incident reaches its page and the feed at once", async () => {
  const notpetya = (await ids()).get('NotPetya');
  assert.doesNotMatch((await get('/states/XAA')).body, /NotPetya/, 'not yet on the demo State’s page');
  await get('/norms/f');
  const focal = await clientAs(t, 'focal@xaa.demo.cybernorms.example');
  const own = await focal.json('POST', `/api/v1/incidents/${notpetya}/states/XAA/positions`, {
    kind: 'attribution',
    statedOn: '2024-05-02',
    attributedKind: 'state',
    attributedState: 'RUS',
    sourceUrl: 'https://demoland.example/a',
  });
  assert.equal(own.statusCode, 201, own.body);
  const xaa = (await get('/states/XAA')).body;
  assert.match(
    xaa.slice(xaa.indexOf('Incidents it attributed'), xaa.indexOf('Incidents attributed to it')),
    /NotPetya/,
    'Demoland attributed it, in its own statement',
  );
  const feed = new XMLParser().parse((await get('/feeds/incidents.atom')).body).feed;
  assert.equal([feed.entry].flat()[0].title, 'NotPetya', 'the latest change first');
});

test('a signed-out reader of a norm page sees a change to the record at once, before its event has come back', async () => {
  // The page a signed-out reader gets is composed (the page and its discussion) and kept. A change drops the
  // page at once on this instance; the composed page must follow it then, not when the event returns.
  assert.doesNotMatch((await get('/norms/f')).body, /Written straight into the record/);
  const [row] = await t.db.query<{ id: string }>(
    `insert into incidents (title, status, started_on, started_precision, created_at, updated_at, published_at)
     values ('Written straight into the record', 'published', '2025-03-01', 'day', now(), now(), now()) returning id`,
  );
  await t.db.query(
    `insert into incident_norms (incident_id, norm_letter, basis, rationale) values ($1, 'f', 'editors', 'Hit.')`,
    [row.id],
  );
  t.app.contentCache.invalidate(); // what recordChanged does first; no event is sent
  assert.match((await get('/norms/f')).body, /Written straight into the record/, 'the composed page follows');
});
