// A POC's position with the focal point's approval (issue 18, decision 74): kept as a draft that nobody else
// sees (not on the public page, the API, STIX, TAXII or the feed), approved (then published as the State's
// statement, both people recorded) or declined with a reason by the State's focal point, withdrawn by its
// author; 404 to other States, one decision wins, a POC cannot approve, a role removed is gone at the next request.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { type Client, clientAs, fieldsOf } from '../../../test/support/client.ts';
import { PUBLIC_COLLECTION_ID, TAXII_ROOT } from '../taxii/index.ts';
import { seedIncidents } from './index.ts';

let t: TestApp;
const FOCAL_A = 'focal@xaa.demo.cybernorms.example';
const POC_A = 'poc@xaa.demo.cybernorms.example';
const FOCAL_B = 'focal@xab.demo.cybernorms.example';
const POC_B = 'poc@xab.demo.cybernorms.example';
const EDITOR = 'editor@demo.cybernorms.example';
const ADMIN = 'admin@demo.cybernorms.example';
const as = (email: string) => clientAs(t, email);
const anon = (url: string, method: 'GET' | 'POST' = 'GET', payload?: unknown) =>
  t.app.inject({ method, url, payload: payload as never });

let notpetya = '';
let claim = '';
before(async () => {
  t = await testApp();
  await t.db.transaction((tx) => seedIncidents(tx));
  const list = (await anon('/api/v1/incidents?target=UKR')).json().data;
  notpetya = list[0].id;
  claim = (await anon(`/api/v1/incidents/${notpetya}`)).json().claims[0].id;
});
after(() => t.close());

const SUMMARY = 'Demoland denies any part in it, drafted by its POC.';
const body = (summary = SUMMARY) => ({
  kind: 'denies',
  claim,
  statedOn: '2024-06-01',
  summary,
  sourceUrl: 'https://demoland.example/poc',
});
const positions = (id = notpetya) => `/api/v1/incidents/${id}/states/XAA/positions`;
const audits = async (action: string) =>
  await t.db.query<{ details: Record<string, unknown>; actor: string }>(
    'select details, actor from audit_log where action = $1',
    [action],
  );
/** The mail queued for this address whose subject matches, newest last. */
const mailTo = async (email: string, subject: RegExp) =>
  (
    await t.db.query<{ subject: string; body: string }>(
      'select subject, body from outbox where lower(recipient) = $1 order by id',
      [email],
    )
  ).filter((m) => subject.test(m.subject));
const userId = async (email: string) =>
  (await t.db.query<{ id: string }>('select id from users where email_key = $1', [email]))[0].id;

/** Everything public about the record: the API, the page, STIX (one and all), the feed, TAXII. */
async function publicParts(): Promise<[string, string][]> {
  const taxii = await t.app.inject({
    url: `${TAXII_ROOT}collections/${PUBLIC_COLLECTION_ID}/objects/`,
    headers: { accept: 'application/taxii+json;version=2.1' },
  });
  assert.equal(taxii.statusCode, 200, taxii.body);
  return [
    ['API', (await anon(`/api/v1/incidents/${notpetya}`)).body],
    ['page', (await anon(`/incidents/${notpetya}`)).body],
    ['STIX', (await anon(`/api/v1/incidents/${notpetya}/stix`)).body],
    ['all STIX', (await anon('/api/v1/incidents/stix')).body],
    ['feed', (await anon('/feeds/incidents.atom')).body],
    ['TAXII', taxii.body],
  ];
}

/** The parts that lack the text (the feed lists incidents, not statements), once all have it or after five seconds (TAXII hears by an event). */
async function lacking(text: string): Promise<string[]> {
  let missing: string[] = [];
  for (let i = 0; i < 50; i++) {
    missing = (await publicParts()).filter(([name, body]) => name !== 'feed' && !body.includes(text)).map(([name]) => name);
    if (!missing.length) return [];
    await new Promise((r) => setTimeout(r, 100));
  }
  return missing;
}

test('a POC drafts; only their focal point sees it; approved, it is the State’s statement with both people recorded', async () => {
  const poc = await as(POC_A);
  // The focal point reads mail in French: they are told in French, with the State named in French.
  await t.db.query("update users set language = 'fr' where email_key = $1", [FOCAL_A]);
  // A current French title of the incident (NotPetya is NotPetya in every shipped translation): the mail names it.
  await t.db.query(
    `insert into incident_translations (incident_id, lang, field, value, source, translated_at)
     values ($1, 'fr', 'title', 'NotPetya (titre français)', 'NotPetya', now())`,
    [notpetya],
  );
  const res = await poc.json('POST', positions(), body());
  assert.equal(res.statusCode, 201, res.body);
  assert.equal(res.json().status, 'pending');
  const draft = res.json().id as string;
  assert.equal((await audits('incident.position_draft')).filter((a) => a.details.draft === draft).length, 1);
  const [told] = await mailTo(FOCAL_A, /attend votre approbation/);
  assert.ok(told, 'the focal point is told, in their language');
  assert.match(told.subject, /: NotPetya \(titre français\)$/, 'the incident by its current French title');
  await t.db.query("delete from incident_translations where value = 'NotPetya (titre français)'");
  assert.match(told.body, /\/incidents\/positions/, 'with the link to the drafts');
  assert.match(told.body, /Position : Démenti d’une allégation/, 'what kind of position, in French');
  assert.doesNotMatch(told.body, new RegExp(SUMMARY), 'the position itself stays in the platform');
  assert.deepEqual(await mailTo(FOCAL_B, /approval|approbation/), [], 'another State’s focal point is told nothing');

  // Nowhere public, nor to editors, administrators or another State.
  for (const [name, text] of await publicParts()) assert.ok(!text.includes(SUMMARY), name);
  for (const who of [EDITOR, ADMIN, FOCAL_B, POC_B]) {
    const c = await as(who);
    assert.doesNotMatch((await c.get(`/incidents/${notpetya}`)).body, new RegExp(SUMMARY), who);
    assert.equal((await c.json('GET', `/api/v1/incidents/positions/${draft}`)).statusCode, who.includes('xab') ? 404 : 403, who);
  }
  assert.equal((await anon(`/api/v1/incidents/positions/${draft}`)).statusCode, 401);

  // The focal point sees it on the page, in the list and on the desk.
  const focal = await as(FOCAL_A);
  const page = await focal.get(`/incidents/${notpetya}`);
  assert.match(page.body, new RegExp(SUMMARY));
  assert.match(page.body, /Approve and publish/);
  assert.ok((await focal.json('GET', '/api/v1/incidents/positions')).json().data.some((d: { id: string }) => d.id === draft));
  assert.match((await focal.get('/incidents/positions')).body, new RegExp(SUMMARY));
  assert.match((await focal.get('/desk')).body, /Positions of your State waiting for a decision/);
  // The POC sees their own, and is refused approving it.
  assert.match((await poc.get(`/incidents/${notpetya}`)).body, /Withdraw this draft/);
  assert.equal((await poc.json('POST', `/api/v1/incidents/positions/${draft}/approve`, {})).statusCode, 403);

  const ok = await focal.json('POST', `/api/v1/incidents/positions/${draft}/approve`, {});
  assert.equal(ok.statusCode, 200, ok.body);
  assert.equal(ok.json().status, 'approved');
  const [published] = await mailTo(POC_A, /was published/);
  assert.ok(published, 'the POC is told it was published');
  assert.match(published.body, new RegExp(`/incidents/${notpetya}`));
  const shown = (await anon(`/api/v1/incidents/${notpetya}`)).json();
  const response = shown.claims[0].responses.find((r: { summary: string }) => r.summary === SUMMARY);
  assert.equal(response.ownStatement, true);
  assert.equal(response.state, 'XAA');
  assert.deepEqual(await lacking(SUMMARY), [], 'published: the API, page, STIX and TAXII have it');
  const [entry] = (await audits('incident.position')).filter((a) => a.details.draft === draft);
  assert.equal(entry.actor, `user:${await userId(FOCAL_A)}`);
  assert.equal(entry.details.draftedBy, await userId(POC_A));
  const again = await focal.json('POST', `/api/v1/incidents/positions/${draft}/approve`, {});
  assert.equal(again.statusCode, 409);
});

test('declined with a reason the POC sees; the reason is required; the POC withdraws their own', async () => {
  const poc = await as(POC_A);
  const focal = await as(FOCAL_A);
  const draft = (await poc.json('POST', positions(), body('To be declined.'))).json().id;
  const bare = await focal.json('POST', `/api/v1/incidents/positions/${draft}/decline`, { reason: '  ' });
  assert.equal(bare.statusCode, 400);
  assert.deepEqual(fieldsOf(bare), ['reason']);
  // Another State's focal point gets 404 before any check of what it sent.
  assert.equal((await (await as(FOCAL_B)).json('POST', `/api/v1/incidents/positions/${draft}/decline`, {})).statusCode, 404);
  const no = await focal.json('POST', `/api/v1/incidents/positions/${draft}/decline`, { reason: 'Not our wording.' });
  assert.equal(no.statusCode, 200, no.body);
  assert.equal((await audits('incident.position_decline')).filter((a) => a.details.draft === draft).length, 1);
  const seen = (await poc.json('GET', `/api/v1/incidents/positions/${draft}`)).json();
  assert.equal(seen.status, 'declined');
  assert.equal(seen.reason, 'Not our wording.');
  const declined = await mailTo(POC_A, /was declined/);
  assert.equal(declined.length, 1, 'the POC is told, once');
  assert.match(declined[0].body, /Not our wording\./, 'with the reason');
  assert.match((await poc.get(`/incidents/${notpetya}`)).body, /Not our wording\./);

  const other = (await poc.json('POST', positions(), body('To be withdrawn.'))).json().id;
  assert.equal((await focal.json('POST', `/api/v1/incidents/positions/${other}/withdraw`, {})).statusCode, 403);
  assert.equal((await (await as(POC_B)).json('POST', `/api/v1/incidents/positions/${other}/withdraw`, {})).statusCode, 404);
  const gone = await poc.post(`/incidents/positions/${other}/withdraw`, { from: 'incident' });
  assert.equal(gone.statusCode, 303);
  assert.equal((await poc.json('GET', `/api/v1/incidents/positions/${other}`)).json().status, 'withdrawn');
  assert.equal((await audits('incident.position_withdraw')).filter((a) => a.details.draft === other).length, 1);
});

test('a POC’s draft is refused by field; other States and the signed-out are refused; a draft of a draft incident is 404', async () => {
  const poc = await as(POC_A);
  const bad = await poc.json('POST', positions(), { ...body(), statedOn: '', sourceUrl: 'ftp://x' });
  assert.equal(bad.statusCode, 400);
  assert.deepEqual(fieldsOf(bad).sort(), ['response.sourceUrl', 'response.statedOn']);
  assert.equal((await (await as(POC_B)).json('POST', positions(), body())).statusCode, 403, "another State's POC");
  assert.equal((await anon(positions(), 'POST', body())).statusCode, 401);
  const [draft] = await t.db.query<{ id: string }>(
    "insert into incidents (title, status, created_at, updated_at) values ('Not yet', 'draft', now(), now()) returning id",
  );
  assert.equal((await poc.json('POST', positions(draft.id), body())).statusCode, 404);
  assert.equal((await anon('/api/v1/incidents/positions')).statusCode, 401);
  assert.equal((await (await as('member@demo.cybernorms.example')).json('GET', '/api/v1/incidents/positions')).statusCode, 403);
  // The page form: a POC sees the drafting form, and a refusal names the field.
  const form = await poc.get(`/incidents/${notpetya}`);
  assert.match(form.body, /Send to the focal point for approval/);
  const refused = await poc.post(`/incidents/${notpetya}/states/XAA/positions`, { kind: 'denies', claim, statedOn: '' });
  assert.equal(refused.statusCode, 400);
  assert.match(refused.body, /id="f-statedOn-error"/);
  const sent = await poc.post(`/incidents/${notpetya}/states/XAA/positions`, body('Drafted from the page.'));
  assert.equal(sent.statusCode, 303);
  assert.match(String(sent.headers.location), /notice=drafted/);
});

test('approve and decline at once: exactly one wins', async () => {
  const poc = await as(POC_A);
  const focal = await as(FOCAL_A);
  const draft = (await poc.json('POST', positions(), body('Raced.'))).json().id;
  const [a, b] = await Promise.all([
    focal.json('POST', `/api/v1/incidents/positions/${draft}/approve`, {}),
    focal.json('POST', `/api/v1/incidents/positions/${draft}/decline`, { reason: 'Raced.' }),
  ]);
  assert.deepEqual([a.statusCode, b.statusCode].sort(), [200, 409]);
  const decided = await t.db.query<{ n: number }>(
    "select count(*)::int as n from audit_log where details->>'draft' = $1 and action in ('incident.position', 'incident.position_decline')",
    [draft],
  );
  assert.equal(decided[0].n, 1);
});

test('a POC whose role is removed no longer sees or withdraws the draft; the focal point still decides it', async () => {
  const [u] = await t.db.query<{ id: string }>(
    `insert into users (email, email_key, display_name, state_code, email_verified_at, totp_enabled_at)
     values ('leaving-poc@xaa.example.org', 'leaving-poc@xaa.example.org', 'Leaving POC', 'XAA', now(), now()) returning id`,
  );
  await t.db.query("insert into user_roles (user_id, role, state_code, granted_by) values ($1, 'poc_technical', 'XAA', 'test')", [
    u.id,
  ]);
  const poc: Client = await as('leaving-poc@xaa.example.org');
  const draft = (await poc.json('POST', positions(), body('Left behind.'))).json().id;
  assert.equal((await poc.json('GET', `/api/v1/incidents/positions/${draft}`)).statusCode, 200);
  const focal = await as(FOCAL_A);
  const removed = await focal.json('DELETE', `/api/v1/states/XAA/people/${u.id}/roles/poc_technical`);
  assert.equal(removed.statusCode, 200, removed.body);
  // The same session, the next request.
  assert.equal((await poc.json('GET', `/api/v1/incidents/positions/${draft}`)).statusCode, 403);
  assert.equal((await poc.json('POST', `/api/v1/incidents/positions/${draft}/withdraw`, {})).statusCode, 403);
  assert.doesNotMatch((await poc.get(`/incidents/${notpetya}`)).body, /Left behind\./);
  const ok = await focal.json('POST', `/api/v1/incidents/positions/${draft}/approve`, {});
  assert.equal(ok.statusCode, 200, ok.body);
  // Told of nothing once the role is gone: the decision is the State's, no longer theirs to follow.
  assert.deepEqual(await mailTo('leaving-poc@xaa.example.org', /position/), [], 'no mail to a former POC');
});
