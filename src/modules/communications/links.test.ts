// A thread linked to an incident record (issue 18, decision 74): a party links and unlinks it from the thread
// page or the API, audited; the link shows on the thread page and, on the incident page and its API, only to
// those who see the thread. A non-party (another State's officials, editors, administrators, the manager, a
// signed-out reader) finds no trace of it: not on the page, in the API, STIX, TAXII or the feed.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { clientAs } from '../../../test/support/client.ts';
import { seedIncidents } from '../incidents/index.ts';
import { PUBLIC_COLLECTION_ID, stateCollectionId, TAXII_ROOT } from '../taxii/index.ts';

let t: TestApp;
const POC_A = 'poc@xaa.demo.cybernorms.example';
const FOCAL_A = 'focal@xaa.demo.cybernorms.example';
const NON_PARTY = [
  'focal@xab.demo.cybernorms.example',
  'poc@xab.demo.cybernorms.example',
  'editor@demo.cybernorms.example',
  'admin@demo.cybernorms.example',
  'manager@demo.cybernorms.example',
  'member@demo.cybernorms.example',
];
const SUBJECT = 'Grid outage follow-up, linked to the record';
const as = (email: string) => clientAs(t, email);
const anon = (url: string) => t.app.inject({ url });

let thread = '';
let notpetya = '';
let wannacry = '';
let draftIncident = '';

before(async () => {
  t = await testApp();
  await t.db.transaction((tx) => seedIncidents(tx));
  const list = (await anon('/api/v1/incidents')).json().data as { id: string; title: string }[];
  notpetya = list.find((i) => i.title === 'NotPetya')?.id ?? '';
  wannacry = list.find((i) => i.title === 'WannaCry ransomware')?.id ?? '';
  const [d] = await t.db.query<{ id: string }>(
    `insert into incidents (title, status, created_at, updated_at) values ('Unpublished draft', 'draft', now(), now()) returning id`,
  );
  draftIncident = d.id;
  // Demoland to Kenya: Samplestan is party to nothing here.
  const [u] = await t.db.query<{ id: string }>('select id from users where email_key = $1', [POC_A]);
  const [th] = await t.db.query<{ id: string }>(
    `insert into threads (sender_state, created_by, type, urgency, tlp, subject, status, created_at, sent_at)
     values ('XAA', $1, 'notification', 'routine', 'green', $2, 'open', now(), now()) returning id`,
    [u.id, SUBJECT],
  );
  thread = th.id;
  await t.db.query(
    `insert into thread_recipients (thread_id, state_code, status, ack_due, sent_at) values ($1, 'KEN', 'sent', now() + interval '3 days', now())`,
    [thread],
  );
  await t.db.query(
    `insert into thread_messages (thread_id, seq, kind, author_id, author_state, body, created_at) values ($1, 1, 'initial', $2, 'XAA', 'Body', now())`,
    [thread, u.id],
  );
});
after(() => t.close());

const audits = async (action: string) =>
  t.db.query<{ details: Record<string, unknown> }>('select details from audit_log where action = $1 and entity_id = $2', [
    action,
    thread,
  ]);

/** Everything a reader can reach about the incident (page, API, STIX, feed, TAXII), as one text. */
async function seenBy(email: string | null): Promise<string> {
  const c = email ? await as(email) : null;
  const get = async (url: string, accept?: string) =>
    c
      ? (await c.json('GET', url, undefined, accept ? { accept } : {})).body
      : (await t.app.inject({ url, headers: accept ? { accept } : {} })).body;
  const taxii = 'application/taxii+json;version=2.1';
  return [
    await get(`/incidents/${notpetya}`),
    await get(`/api/v1/incidents/${notpetya}`),
    await get(`/api/v1/incidents/${notpetya}/threads`),
    await get(`/api/v1/incidents/${notpetya}/stix`),
    await get('/api/v1/incidents/stix'),
    await get('/feeds/incidents.atom'),
    await get(`${TAXII_ROOT}collections/${PUBLIC_COLLECTION_ID}/objects/`, taxii),
    await get(`${TAXII_ROOT}collections/${stateCollectionId('XAB')}/objects/`, taxii),
  ].join('\n');
}

test('a party links a thread to a published incident; only those who see the thread see the link', async () => {
  const poc = await as(POC_A);
  const res = await poc.json('POST', `/api/v1/communications/${thread}/incidents`, { incident: notpetya });
  assert.equal(res.statusCode, 201, res.body);
  assert.equal(res.json().title, 'NotPetya');
  assert.equal((await audits('communication.link_incident')).length, 1);
  // Linking again changes nothing and writes nothing.
  assert.equal((await poc.json('POST', `/api/v1/communications/${thread}/incidents`, { incident: notpetya })).statusCode, 201);
  assert.equal((await audits('communication.link_incident')).length, 1);

  // Parties: the thread page, its API, the incident page and its API.
  for (const who of [POC_A, FOCAL_A]) {
    const c = await as(who);
    assert.match((await c.get(`/communications/${thread}`)).body, /href="\/incidents\/[^"]+">NotPetya</);
    assert.equal((await c.json('GET', `/api/v1/communications/${thread}/incidents`)).json().data[0].incident, notpetya);
    const page = (await c.get(`/incidents/${notpetya}`)).body;
    assert.match(page, /Your communications about this incident/);
    assert.ok(page.includes(SUBJECT), who);
    assert.deepEqual((await c.json('GET', `/api/v1/incidents/${notpetya}/threads`)).json().data, [{ thread, subject: SUBJECT }]);
  }

  // Anyone else: no trace of the thread, its subject or the link.
  for (const who of [...NON_PARTY, null]) {
    const text = await seenBy(who);
    assert.ok(!text.includes(SUBJECT), `${who ?? 'signed out'} sees the subject`);
    assert.ok(!text.includes(thread), `${who ?? 'signed out'} sees the thread's id`);
    assert.ok(!text.includes('Your communications about this incident'), `${who ?? 'signed out'} sees the section`);
    // The thread itself: the same answer as for one that does not exist.
    const c = who ? await as(who) : null;
    for (const url of [`/communications/${thread}`, `/api/v1/communications/${thread}/incidents`]) {
      const res = c ? await c.json('GET', url) : await anon(url);
      assert.ok([303, 401, 403, 404].includes(res.statusCode), `${who}: ${url} ${res.statusCode}`);
      assert.ok(!res.body.includes(SUBJECT));
    }
  }
  const other = await as('focal@xab.demo.cybernorms.example');
  assert.equal((await other.json('GET', `/api/v1/communications/${thread}/incidents`)).statusCode, 404);
  assert.equal((await other.json('POST', `/api/v1/communications/${thread}/incidents`, { incident: wannacry })).statusCode, 404);
  assert.equal((await other.json('DELETE', `/api/v1/communications/${thread}/incidents/${notpetya}`)).statusCode, 404);
  assert.deepEqual((await other.json('GET', `/api/v1/incidents/${notpetya}/threads`)).json().data, []);
  assert.equal((await anon(`/api/v1/incidents/${notpetya}/threads`)).statusCode, 401);
  assert.equal((await anon(`/api/v1/communications/${thread}/incidents`)).statusCode, 401);

  // Unlinked: gone from both pages, audited.
  const gone = await poc.json('DELETE', `/api/v1/communications/${thread}/incidents/${notpetya}`);
  assert.equal(gone.statusCode, 200, gone.body);
  assert.equal((await audits('communication.unlink_incident')).length, 1);
  assert.ok(!(await poc.get(`/incidents/${notpetya}`)).body.includes(SUBJECT));
  assert.equal((await poc.json('DELETE', `/api/v1/communications/${thread}/incidents/${notpetya}`)).statusCode, 404);
});

test('refusals: the field named, an unknown or unpublished incident; a draft incident has no threads to list', async () => {
  const poc = await as(POC_A);
  const url = `/api/v1/communications/${thread}/incidents`;
  for (const [body, code] of [
    [{}, 'required'],
    [{ incident: 'nope' }, 'notFound'],
    [{ incident: draftIncident }, 'notFound'],
  ] as const) {
    const res = await poc.json('POST', url, body);
    assert.equal(res.statusCode, 400, res.body);
    assert.deepEqual(
      res.json().errors.map((e: { field: string; code: string }) => [e.field, e.code]),
      [['incident', code]],
    );
  }
  assert.equal((await poc.json('GET', `/api/v1/incidents/${draftIncident}/threads`)).statusCode, 404);
});

test('the thread page: search by title without a script, link, a refusal beside the field, unlink', async () => {
  const poc = await as(POC_A);
  const page = await poc.get(`/communications/${thread}?find=Wanna`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<option value="[^"]+">WannaCry ransomware/);
  assert.doesNotMatch(page.body, /<option value="[^"]+">NotPetya/);
  const none = await poc.post(`/communications/${thread}/incidents`, { incident: '' });
  assert.equal(none.statusCode, 400);
  assert.match(none.body, /id="f-incident-error"/);
  const linked = await poc.post(`/communications/${thread}/incidents`, { incident: wannacry });
  assert.equal(linked.statusCode, 303);
  assert.match(String(linked.headers.location), /notice=linked/);
  const shown = await poc.get(`/communications/${thread}?notice=linked`);
  assert.match(shown.body, /The communication is linked to the incident record/);
  assert.match(shown.body, /Remove the link to WannaCry ransomware/);
  const unlinked = await poc.post(`/communications/${thread}/incidents/${wannacry}/unlink`);
  assert.equal(unlinked.statusCode, 303);
  assert.doesNotMatch((await poc.get(`/communications/${thread}`)).body, /Remove the link to WannaCry/);
  // Not party: the thread's 404, for the form too.
  const other = await as('poc@xab.demo.cybernorms.example');
  await other.get('/desk');
  assert.equal((await other.post(`/communications/${thread}/incidents`, { incident: wannacry })).statusCode, 404);
  const signedOut = await t.app.inject({ method: 'POST', url: `/communications/${thread}/incidents`, payload: {} });
  assert.ok([303, 401, 403].includes(signedOut.statusCode), String(signedOut.statusCode));
});
