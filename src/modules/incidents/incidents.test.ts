// The incident record: the shipped incidents, filters, claims never merged, the contested mark, four eyes
// (nobody approves their own change), a State's own position (its focal point only), refusals by field
// name, signed-out readers and drafts invisible to the public.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { addEditor } from '../../../test/support/auth.ts';
import { type Client, clientAs, fieldsOf } from '../../../test/support/client.ts';
import { seedIncidents } from './index.ts';

let t: TestApp;
const EDITOR = 'editor@demo.cybernorms.example';
const EDITOR2 = 'editor2@example.org';
const FOCAL_A = 'focal@xaa.demo.cybernorms.example';
const FOCAL_B = 'focal@xab.demo.cybernorms.example';
const as = (email: string) => clientAs(t, email);

before(async () => {
  t = await testApp();
  await t.db.transaction((tx) => seedIncidents(tx));
  await addEditor(t.db, EDITOR2);
});
after(() => t.close());

const anon = () => ({ get: (url: string) => t.app.inject(url) });
const list = async (query = '') => (await anon().get(`/api/v1/incidents${query}`)).json().data as { title: string; id: string }[];

const DRAFT = {
  title: 'Test operation against Demoland',
  summary: 'A test.',
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
    {
      claimantKind: 'researchers',
      claimantName: 'Independent lab',
      claimedOn: '2024-04-01',
      basis: 'technical_report',
      attributedKind: 'non_state',
      attributedActor: 'Criminal group Z',
      sourceUrl: 'https://lab.example/report',
    },
  ],
  norms: [{ norm: 'f', basis: 'invoked', invokedBy: 'XAA', rationale: 'Demoland said its power grid was hit.' }],
};

test('the shipped incidents are public, each claim on its own, with its source and days after the incident', async () => {
  const all = await list();
  assert.deepEqual(all.map((i) => i.title).sort(), ['Microsoft Exchange Server compromise', 'NotPetya', 'WannaCry ransomware']);
  const wannacry = (await anon().get(`/api/v1/incidents/${all.find((i) => i.title === 'WannaCry ransomware')?.id}`)).json();
  assert.equal(wannacry.claims.length, 3);
  assert.equal(wannacry.claims[0].daysAfterIncident, 221);
  assert.ok(wannacry.claims.every((c: { sourceUrl: string }) => c.sourceUrl.startsWith('https://')));
  assert.equal(wannacry.contested, true, 'North Korea denied');
  const page = await anon().get(`/incidents/${wannacry.id}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Claim 3/);
  assert.match(page.body, /Not confirmed from the sources available/);
});

test('filters: year, type, target, region, sector, attributing and attributed State, norm, contested', async () => {
  const titles = async (q: string) => (await list(q)).map((i) => i.title).sort();
  assert.deepEqual(await titles('?year=2021'), ['Microsoft Exchange Server compromise']);
  assert.deepEqual(await titles('?type=ransomware'), ['WannaCry ransomware']);
  assert.deepEqual(await titles('?target=UKR'), ['NotPetya']);
  assert.deepEqual(await titles('?region=eastern-european'), ['NotPetya']);
  assert.deepEqual(await titles('?sector=healthcare'), ['WannaCry ransomware']);
  assert.deepEqual(await titles('?attributor=JPN'), ['Microsoft Exchange Server compromise']);
  assert.deepEqual(await titles('?attributed=RUS'), ['NotPetya']);
  assert.deepEqual(await titles('?norm=c'), ['Microsoft Exchange Server compromise']);
  assert.equal((await titles('?contested=no')).length, 0);
  assert.equal((await anon().get('/api/v1/incidents?type=cyberwar')).statusCode, 400);
  // The page: each filter is a choice named in the reader's language, and works without script.
  const page = await anon().get('/incidents?type=ransomware&lang=fr');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Rançongiciel/);
  assert.match(page.body, /WannaCry/);
  assert.doesNotMatch(page.body, /NotPetya/);
});

test('four eyes: a draft is invisible to the public; its author may not approve it; another editor publishes it', async () => {
  const editor = await as(EDITOR);
  const made = await editor.json('POST', '/api/v1/incidents', DRAFT);
  assert.equal(made.statusCode, 201, made.body);
  const { id } = made.json();
  assert.equal((await anon().get(`/api/v1/incidents/${id}`)).statusCode, 404);
  assert.equal((await anon().get(`/incidents/${id}`)).statusCode, 404);
  assert.ok(!(await list()).some((i) => i.id === id));
  assert.equal((await editor.json('POST', `/api/v1/incidents/${id}/approve`, {})).statusCode, 403, 'not proposed, and their own');
  assert.equal((await editor.json('POST', `/api/v1/incidents/${id}/propose`, {})).statusCode, 200);
  const own = await editor.json('POST', `/api/v1/incidents/${id}/approve`, {});
  assert.equal(own.statusCode, 403, 'nobody approves their own change');
  const second = await as(EDITOR2);
  // A change by the second editor makes it a draft again and theirs too: then neither may approve alone.
  const changed = await second.json('PUT', `/api/v1/incidents/${id}`, { ...DRAFT, summary: 'Changed.' });
  assert.equal(changed.statusCode, 200, `${changed.statusCode} ${changed.body}`);
  assert.equal((await second.json('POST', `/api/v1/incidents/${id}/propose`, {})).statusCode, 200);
  assert.equal((await second.json('POST', `/api/v1/incidents/${id}/approve`, {})).statusCode, 403);
  assert.equal((await editor.json('POST', `/api/v1/incidents/${id}/approve`, {})).statusCode, 403);
  // A fresh draft: proposed by one, approved by the other.
  const next = (await editor.json('POST', '/api/v1/incidents', DRAFT)).json().id;
  await editor.json('POST', `/api/v1/incidents/${next}/propose`, {});
  const ok = await second.json('POST', `/api/v1/incidents/${next}/approve`, {});
  assert.equal(ok.statusCode, 200, ok.body);
  const shown = (await anon().get(`/api/v1/incidents/${next}`)).json();
  assert.equal(shown.status, 'published');
  // The two contradicting claims are both there, never merged; the incident is contested.
  assert.equal(shown.claims.length, 2);
  assert.deepEqual(
    shown.claims.map((c: { attributedState: string | null; attributedActor: string }) => c.attributedState ?? c.attributedActor),
    ['XAB', 'Criminal group Z'],
  );
  assert.equal(shown.contested, true);
  assert.deepEqual(shown.norms, [{ norm: 'f', basis: 'invoked', invokedBy: 'XAA', rationale: DRAFT.norms[0].rationale }]);
  const audit = await t.db.query<{ action: string }>(
    "select action from audit_log where entity = 'incident' and entity_id = $1 order by id",
    [next],
  );
  assert.deepEqual(
    audit.map((a) => a.action),
    ['incident.create', 'incident.propose', 'incident.approve'],
  );
  assert.equal((await second.json('PUT', `/api/v1/incidents/${next}`, DRAFT)).statusCode, 409);
});

test('bad input is refused naming each field, and nothing is saved', async () => {
  const editor = await as(EDITOR);
  const before = (await t.db.query<{ n: number }>('select count(*)::int as n from incidents'))[0].n;
  const res = await editor.json('POST', '/api/v1/incidents', {
    title: '',
    started: '2017-13',
    targets: ['ZZZ'],
    claims: [{ ...DRAFT.claims[0], sourceUrl: 'javascript:alert(1)', claimedOn: 'yesterday' }],
  });
  assert.equal(res.statusCode, 400);
  const fields = fieldsOf(res).sort();
  assert.deepEqual(fields, ['claims[0].claimedOn', 'claims[0].sourceUrl', 'started', 'targets', 'title']);
  assert.equal((await t.db.query<{ n: number }>('select count(*)::int as n from incidents'))[0].n, before);
  // The page shows the form again with each problem beside its field.
  await editor.get('/incidents/new');
  const page = await editor.post('/incidents', { title: '', 'claims.0.claimantKind': 'state', 'claims.0.sourceUrl': 'nope' });
  assert.equal(page.statusCode, 400);
  assert.match(page.body, /Title: is required/);
  assert.match(page.body, /id="f-claims-0-sourceUrl-error"/);
});

test("a State's focal point publishes its own position; another State's focal point and others may not", async () => {
  const notpetya = (await list('?target=UKR'))[0].id;
  const claim = (await anon().get(`/api/v1/incidents/${notpetya}`)).json().claims[0].id;
  const focal = await as(FOCAL_A);
  const url = `/api/v1/incidents/${notpetya}/states/XAA/positions`;
  const body = {
    kind: 'supports',
    claim,
    statedOn: '2024-05-01',
    summary: 'Demoland supports.',
    sourceUrl: 'https://demoland.example/s',
  };
  assert.equal((await (await as(FOCAL_B)).json('POST', url, body)).statusCode, 403, "another State's focal point");
  assert.equal((await (await as(EDITOR)).json('POST', url, body)).statusCode, 403);
  assert.equal((await t.app.inject({ method: 'POST', url, payload: body })).statusCode, 401);
  const bad = await focal.json('POST', url, { ...body, statedOn: '', sourceUrl: 'ftp://x' });
  assert.equal(bad.statusCode, 400);
  assert.deepEqual(fieldsOf(bad).sort(), ['response.sourceUrl', 'response.statedOn']);
  const ok = await focal.json('POST', url, body);
  assert.equal(ok.statusCode, 201, ok.body);
  const own = await focal.json('POST', url, {
    kind: 'attribution',
    statedOn: '2024-05-02',
    attributedKind: 'state',
    attributedState: 'RUS',
    sourceUrl: 'https://demoland.example/a',
  });
  assert.equal(own.statusCode, 201, own.body);
  const shown = (await anon().get(`/api/v1/incidents/${notpetya}`)).json();
  const support = shown.claims[0].responses.find((r: { state: string }) => r.state === 'XAA');
  assert.equal(support.ownStatement, true);
  assert.ok(shown.claims.some((c: { statedByState: string | null }) => c.statedByState === 'XAA'));
  const page = await anon().get(`/incidents/${notpetya}`);
  assert.match(page.body, /Statement of Demoland/);
  // The page form: the focal point sees it; a refusal is shown beside the field.
  const client: Client = await as(FOCAL_A);
  const form = await client.get(`/incidents/${notpetya}`);
  assert.match(form.body, /Publish the position/);
  const refused = await client.post(`/incidents/${notpetya}/states/XAA/positions`, { kind: 'denies', claim, statedOn: '' });
  assert.equal(refused.statusCode, 400);
  assert.match(refused.body, /id="f-statedOn-error"/);
});

test('signed out: the editors’ pages send to sign in, the API answers 401', async () => {
  const page = await anon().get('/incidents/review');
  assert.equal(page.statusCode, 303);
  assert.match(String(page.headers.location), /^\/sign-in\?next=/);
  assert.equal((await t.app.inject({ method: 'POST', url: '/api/v1/incidents', payload: DRAFT })).statusCode, 401);
  assert.equal((await anon().get('/api/v1/incidents/pending')).statusCode, 401);
});

test("the form keeps what the sources do not confirm: a claim's, a response's and a source's mark, saved and shown again", async () => {
  const editor = await as(EDITOR);
  const fields = {
    title: 'Marks through the form',
    'types.disruption': 'on',
    started: '2024',
    sources: 'Press report | https://press.example/a | ?\nOfficial statement | https://gov.example/b',
    'claims.0.claimantKind': 'media',
    'claims.0.claimantName': 'A newspaper',
    'claims.0.claimedOn': '2024-02-01',
    'claims.0.basis': 'media_report',
    'claims.0.attributedKind': 'unknown',
    'claims.0.sourceUrl': 'https://press.example/a',
    'claims.0.unconfirmed': 'on',
    'claims.0.responses.0.state': 'XAB',
    'claims.0.responses.0.stance': 'denies',
    'claims.0.responses.0.statedOn': '2024-02-03',
    'claims.0.responses.0.sourceUrl': 'https://xab.example/denial',
    'claims.0.responses.0.unconfirmed': 'on',
  };
  const saved = await editor.post('/incidents', fields);
  assert.equal(saved.statusCode, 303, saved.body.slice(0, 400));
  const id = /\/incidents\/([0-9a-f-]{36})/.exec(String(saved.headers.location))?.[1] as string;
  const stored = (await editor.json('GET', `/api/v1/incidents/${id}`)).json();
  assert.deepEqual(
    stored.sources.map((s: { unconfirmed: boolean }) => s.unconfirmed),
    [true, false],
  );
  assert.equal(stored.claims[0].unconfirmed, true);
  assert.equal(stored.claims[0].responses[0].unconfirmed, true);
  // The edit form shows them again, so saving it unchanged keeps them.
  const form = (await editor.get(`/incidents/${id}/edit`)).body;
  assert.match(form, /Press report \| https:\/\/press\.example\/a \| \?\nOfficial statement \| https:\/\/gov\.example\/b</);
  assert.match(form, /name="claims\.0\.responses\.0\.unconfirmed" checked/);
  const again = await editor.post(`/incidents/${id}`, { ...fields, 'claims.0.responses.0.unconfirmed': [] });
  assert.equal(again.statusCode, 303, again.body.slice(0, 400));
  const changed = (await editor.json('GET', `/api/v1/incidents/${id}`)).json();
  assert.equal(changed.claims[0].responses[0].unconfirmed, false, 'unticked, the mark goes');
  assert.equal(changed.claims[0].unconfirmed, true);
});
