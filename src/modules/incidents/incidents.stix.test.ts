// STIX 2.1 both ways (issue 18): an export valid against the OASIS schemas, object by object; export → import
// → export gives the same objects, with TLP:CLEAR, AMBER+STRICT and RED and two contradicting claims kept
// apart; who may import; a malformed bundle refused naming its field, storing nothing; drafts never exported
// to the public.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { addEditor } from '../../../test/support/auth.ts';
import { clientAs } from '../../../test/support/client.ts';
import { seedIncidents } from './index.ts';

let t: TestApp;
/** Another platform, where this one's incidents are not: an export imported there is a new record. */
let elsewhere: TestApp;
const EDITOR = 'editor@demo.cybernorms.example';
const MEMBER = 'member@demo.cybernorms.example';
const as = (email: string) => clientAs(t, email);
type Obj = Record<string, unknown> & { id: string; type: string };
type Bundle = { type: string; id: string; objects: Obj[] };

const BASE = 'http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas';
/** The schema each type is checked against; any other type is checked by the bundle schema alone. */
const SCHEMAS: Record<string, string> = {
  incident: 'sdos/incident.json',
  identity: 'sdos/identity.json',
  'threat-actor': 'sdos/threat-actor.json',
  opinion: 'sdos/opinion.json',
  relationship: 'sros/relationship.json',
  'marking-definition': 'common/marking-definition.json',
  'extension-definition': 'common/extension-definition.json',
};
let validate: (schema: string, value: unknown) => string | null;
/**
 * The bundle's own schema checks the objects of the types it lists; any other (incident, opinion,
 * extension-definition) matches both its `core` and its `cyber-observable-core` and so fails its `oneOf`,
 * whatever it holds. So the bundle is checked with those left to their own schemas, every object by its own.
 */
const LISTED = new Set(['identity', 'threat-actor', 'relationship', 'marking-definition']);
const validBundle = (b: Bundle) => {
  const envelope = validate('common/bundle.json', { ...b, objects: b.objects.filter((o) => LISTED.has(o.type)) });
  if (envelope) return envelope;
  for (const o of b.objects) {
    const bad = validate(SCHEMAS[o.type] ?? 'common/core.json', o);
    if (bad) return `${o.id}: ${bad}`;
  }
  return null;
};

before(async () => {
  t = await testApp();
  elsewhere = await testApp();
  await t.db.transaction((tx) => seedIncidents(tx));
  const { default: Ajv2020 } = await import('ajv/dist/2020.js');
  const { default: addFormats } = await import('ajv-formats');
  const dir = path.resolve(import.meta.dirname, '../../../test/fixtures/stix2-json-schemas/schemas');
  const ajv = new Ajv2020({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  for (const sub of readdirSync(dir))
    for (const f of readdirSync(path.join(dir, sub)).filter((x) => x.endsWith('.json')))
      ajv.addSchema(JSON.parse(readFileSync(path.join(dir, sub, f), 'utf8')));
  validate = (schema, value) => {
    const v = ajv.getSchema(`${BASE}/${schema}`);
    assert.ok(v, `schema ${schema}`);
    return v(value) ? null : JSON.stringify(v.errors?.slice(0, 3));
  };
});
after(async () => {
  await t.close();
  await elsewhere.close();
});

const anon = (url: string) => t.app.inject(url);

/** Two contradicting claims (a State names a State; researchers name a criminal group), a denial, a comment. */
const RECORD = {
  title: 'Round trip against Demoland',
  summary: 'A test of STIX both ways.',
  types: ['disruption', 'data_theft'],
  started: '2024-03',
  disclosed: '2024-03-09',
  targets: ['XAA'],
  sectors: ['energy', 'government'],
  effects: 'The grid operator was offline for a day.',
  sources: [
    { title: 'Demoland news', url: 'https://news.demoland.example/grid' },
    { title: 'A blog', url: 'https://blog.example/grid', unconfirmed: true },
  ],
  claims: [
    {
      claimantKind: 'state',
      claimantStates: ['XAA'],
      claimedOn: '2024-03-11',
      basis: 'political_statement',
      attributedKind: 'state',
      attributedState: 'XAB',
      attributedActor: 'Its military',
      summary: 'Demoland names Exampleland.',
      sourceUrl: 'https://demoland.example/statement',
      sourceTitle: 'Statement of the Ministry',
      responses: [
        {
          state: 'XAB',
          stance: 'denies',
          statedOn: '2024-03-12',
          summary: 'Exampleland denies.',
          sourceUrl: 'https://x.example/d',
        },
        { state: 'GBR', stance: 'supports', statedOn: '2024-03-15', unconfirmed: true },
      ],
    },
    {
      claimantKind: 'researchers',
      claimantName: 'Independent lab',
      claimedOn: '2024-04-01',
      basis: 'technical_report',
      attributedKind: 'non_state',
      attributedActor: 'Criminal group Z',
      sourceUrl: 'https://lab.example/report',
      unconfirmed: true,
      responses: [{ state: 'XAA', stance: 'comments', statedOn: '2024-04-02', summary: 'Noted.' }],
    },
  ],
  norms: [
    { norm: 'f', basis: 'invoked', invokedBy: 'XAA', rationale: 'Demoland said its power grid was hit.' },
    { norm: 'f', basis: 'editors', rationale: 'Critical infrastructure.' },
    { norm: 'c', basis: 'editors', rationale: 'Launched from territory it controls, it says.' },
  ],
};

/** A draft made by the editor through the API, marked as given (the only other way to a marking is an import). */
async function draft(tlp: string): Promise<string> {
  const res = await (await as(EDITOR)).json('POST', '/api/v1/incidents', RECORD);
  assert.equal(res.statusCode, 201, res.body);
  const { id } = res.json();
  await t.db.query('update incidents set tlp = $2 where id = $1', [id, tlp]);
  return id;
}

const byId = (b: Bundle) => new Map(b.objects.map((o) => [o.id, o]));

for (const [tlp, marking] of [
  ['clear', 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487'],
  ['amber+strict', 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003'],
  ['red', 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1'],
] as const) {
  test(`TLP:${tlp.toUpperCase()}: the export is valid STIX 2.1, and export → import → export gives the same objects`, async () => {
    const editor = await as(EDITOR);
    const id = await draft(tlp);
    const res = await editor.json('GET', `/api/v1/incidents/${id}/stix`);
    assert.equal(res.statusCode, 200, res.body);
    const bundle: Bundle = res.json();
    assert.equal(validBundle(bundle), null, 'the bundle and every object in it are valid');
    const of = (type: string) => bundle.objects.filter((o) => o.type === type);

    // The marking, as OASIS publishes it, on every object of the incident.
    assert.deepEqual(
      of('marking-definition').map((o) => o.id),
      [marking],
      'one marking',
    );
    for (const o of [...of('incident'), ...of('relationship'), ...of('opinion')])
      assert.deepEqual(o.object_marking_refs, [marking], `${o.id} is marked`);
    // The incident with Incident Core, the sources and the norms as references to A/70/174.
    const [incident] = of('incident');
    const core = (incident.extensions as Record<string, Record<string, unknown>>)[
      'extension-definition--ef765651-680c-498d-9894-99799f2fa126'
    ];
    assert.deepEqual(core, {
      extension_type: 'property-extension',
      determination: 'successful-attempt',
      investigation_status: 'open',
      incident_types: ['denial-of-service', 'unauthorized-access'],
    });
    assert.deepEqual(incident.external_references, [
      { source_name: 'Demoland news', url: 'https://news.demoland.example/grid' },
      { source_name: 'A blog', url: 'https://blog.example/grid' },
      { source_name: 'A/70/174', url: 'https://undocs.org/A/70/174', external_id: 'A/70/174 para 13(c)' },
      { source_name: 'A/70/174', url: 'https://undocs.org/A/70/174', external_id: 'A/70/174 para 13(f)' },
    ]);
    // Two contradicting claims, each its own relationship, made by its claimant, with a confidence.
    const claims = of('relationship');
    assert.equal(claims.length, 2, 'never merged');
    const state = (code: string) =>
      of('identity').find((o) => (o.external_references as { external_id: string }[] | undefined)?.[0]?.external_id === code);
    const demoland = state('XAA');
    const exampleland = state('XAB');
    assert.ok(demoland && exampleland, 'the States are identities');
    assert.equal(demoland.name, 'Demoland (demo)');
    assert.deepEqual(demoland.external_references, [{ source_name: 'ISO 3166-1 alpha-3', external_id: 'XAA' }]);
    assert.equal(claims[0].created_by_ref, demoland.id);
    assert.equal(claims[0].target_ref, exampleland.id);
    assert.equal(claims[0].relationship_type, 'attributed-to');
    assert.equal(claims[0].confidence, 85);
    const group = bundle.objects.find((o) => o.id === claims[1].target_ref);
    assert.equal(group?.type, 'threat-actor');
    assert.equal(group?.name, 'Criminal group Z');
    // Responses as opinions by the responding State, on the claim.
    const opinions = of('opinion');
    assert.deepEqual(
      opinions.map((o) => [o.opinion, o.created_by_ref, (o.object_refs as string[])[0]]),
      [
        ['strongly-disagree', exampleland.id, claims[0].id],
        ['agree', state('GBR')?.id, claims[0].id],
        ['neutral', demoland.id, claims[1].id],
      ],
    );
    // The same export twice gives the same objects.
    assert.deepEqual((await editor.json('GET', `/api/v1/incidents/${id}/stix`)).json(), bundle, 'deterministic');

    // Imported elsewhere: a new draft, every claim kept, the marking kept; its export is the same objects.
    const there = await clientAs(elsewhere, EDITOR);
    const imported = await there.json('POST', '/api/v1/incidents/import', bundle);
    assert.equal(imported.statusCode, 201, imported.body);
    const result = imported.json();
    assert.notEqual(result.id, id);
    assert.deepEqual(
      { stixId: result.stixId, tlp: result.tlp, claims: result.claims, responses: result.responses, ignored: result.ignored },
      { stixId: incident.id, tlp, claims: 2, responses: 3, ignored: [] },
    );
    const shown = (await there.json('GET', `/api/v1/incidents/${result.id}`)).json();
    assert.equal(shown.status, 'draft');
    assert.equal(shown.claims.length, 2);
    const again: Bundle = (await there.json('GET', `/api/v1/incidents/${result.id}/stix`)).json();
    assert.deepEqual(byId(again), byId(bundle), 'the same objects, ids and content');
    // Where the incident already is (made here, or imported there), the same bundle is refused, naming that record.
    const at = bundle.objects.findIndex((o) => o.type === 'incident');
    for (const [client, existing, where] of [
      [editor, id, 'made here'],
      [there, result.id, 'imported'],
    ] as const) {
      const twice = await client.json('POST', '/api/v1/incidents/import', bundle);
      assert.equal(twice.statusCode, 409, `${where}: ${twice.body}`);
      assert.deepEqual(
        twice.json().errors.map((e: { field: string; code: string; params: { id: string } }) => [e.field, e.code, e.params.id]),
        [[`objects[${at}].id`, 'alreadyInRecord', existing]],
        `${where}: the bundle's incident id, naming the record already there`,
      );
    }
    const audit = await elsewhere.db.query<{ n: number }>(
      "select count(*)::int as n from audit_log where action = 'incident.import' and entity_id = $1",
      [result.id],
    );
    assert.equal(audit[0].n, 1, 'the import is audited');
  });
}

test('the public record: published incidents only, and a marked draft is never published', async () => {
  const red = await draft('red');
  const res = await anon('/api/v1/incidents/stix');
  assert.equal(res.statusCode, 200, res.body);
  const bundle: Bundle = res.json();
  assert.equal(validBundle(bundle), null, 'the bundle and every object in it are valid');
  const names = bundle.objects.filter((o) => o.type === 'incident').map((o) => o.name);
  assert.deepEqual([...names].sort(), ['Microsoft Exchange Server compromise', 'NotPetya', 'WannaCry ransomware']);
  assert.ok(!JSON.stringify(bundle).includes(RECORD.title), 'no draft in the public record');
  assert.equal((await anon(`/api/v1/incidents/${red}/stix`)).statusCode, 404, 'a draft is not found for the public');
  assert.equal((await (await as(MEMBER)).json('GET', `/api/v1/incidents/${red}/stix`)).statusCode, 404, 'nor for a member');
  // Four eyes, then the marking: a TLP:RED record is not approved into the public record.
  const editor = await as(EDITOR);
  assert.equal((await editor.json('POST', `/api/v1/incidents/${red}/propose`, {})).statusCode, 200);
  await addEditor(t.db, 'e2@example.org', 'E2');
  const approve = await (await as('e2@example.org')).json('POST', `/api/v1/incidents/${red}/approve`, {});
  assert.equal(approve.statusCode, 409, approve.body);
});

test('who may import: signed out 401, a member 403', async () => {
  const bundle = (await anon('/api/v1/incidents/stix')).json();
  const out = await t.app.inject({ method: 'POST', url: '/api/v1/incidents/import', payload: bundle });
  assert.equal(out.statusCode, 401, out.body);
  const member = await (await as(MEMBER)).json('POST', '/api/v1/incidents/import', bundle);
  assert.equal(member.statusCode, 403, member.body);
});

test('a malformed bundle is refused naming the field and the reason, and nothing is stored', async () => {
  const editor = await as(EDITOR);
  const id = await draft('clear');
  const good: Bundle = (await editor.json('GET', `/api/v1/incidents/${id}/stix`)).json();
  const count = async () => (await t.db.query<{ n: number }>('select count(*)::int as n from incidents'))[0].n;
  const before = await count();
  const fields = async (body: unknown) => {
    const res = await editor.json('POST', '/api/v1/incidents/import', body);
    assert.equal(res.statusCode, 400, res.body);
    assert.match(String(res.headers['content-type']), /application\/problem\+json/);
    return res.json().errors.map((e: { field: string; code: string }) => `${e.field} ${e.code}`);
  };
  const at = (type: string) => good.objects.findIndex((o) => o.type === type);
  const edit = (i: number, change: Record<string, unknown>) => ({
    ...good,
    objects: good.objects.map((o, k) => (k === i ? { ...o, ...change } : o)),
  });
  assert.deepEqual(await fields({ type: 'bundle' }), ['objects type']);
  assert.deepEqual(await fields(edit(3, { type: 'Not A Type' })), ['objects[3].type invalid']);
  const claim = at('relationship');
  assert.deepEqual(await fields(edit(claim, { created_by_ref: 'identity--00000000-0000-4000-8000-000000000000' })), [
    `objects[${claim}].created_by_ref notFound`,
  ]);
  assert.deepEqual(await fields(edit(claim, { external_references: [{ source_name: 'x', url: 'javascript:alert(1)' }] })), [
    `objects[${claim}].external_references[0].url url`,
  ]);
  const incident = at('incident');
  assert.deepEqual(
    await fields(edit(incident, { object_marking_refs: ['marking-definition--f88d31f6-486f-44da-b317-01333bde0b82'] })),
    [`objects[${incident}].object_marking_refs[0] unknown`],
  );
  assert.deepEqual(await fields(edit(incident, { name: '' })), [`objects[${incident}].name required`]);
  const opinion = at('opinion');
  assert.deepEqual(await fields(edit(opinion, { opinion: 'maybe' })), [`objects[${opinion}].opinion choice`]);
  // A timestamp of the right shape naming no instant a database holds (year 0, a 13th month): refused, never a 500.
  assert.deepEqual(await fields(edit(incident, { created: '0000-01-01T00:00:00Z' })), [`objects[${incident}].created dateTime`]);
  assert.deepEqual(await fields(edit(claim, { created: '2024-13-01T00:00:00Z' })), [`objects[${claim}].created dateTime`]);
  assert.equal(await count(), before, 'nothing stored');
});

test('the editors’ page imports a pasted bundle into a draft, or shows each refused field of the bundle', async () => {
  const editor = await as(EDITOR);
  const id = await draft('amber+strict');
  const bundle: Bundle = (await editor.json('GET', `/api/v1/incidents/${id}/stix`)).json();
  const page = await editor.get('/incidents/review?lang=fr');
  assert.equal(page.statusCode, 200, page.body);
  assert.match(page.body, /Importer un paquet STIX 2\.1/);
  assert.match(page.body, /enctype="multipart\/form-data"/);
  const bad = await editor.post('/incidents/import', { bundle: '{"type": "bundle", "objects": [' });
  assert.equal(bad.statusCode, 400, bad.body);
  assert.match(bad.body, /bundle: n’est pas du JSON valide/, 'said in the reader’s language');
  const wrong = { ...bundle, objects: bundle.objects.map((o, i) => (i === 3 ? { ...o, type: 'Bad Type' } : o)) };
  const refused = await editor.post('/incidents/import', { bundle: JSON.stringify(wrong) });
  assert.equal(refused.statusCode, 400, refused.body);
  assert.match(refused.body, /objects\[3\]\.type/);
  // The bundle of a record already here: refused, with a link to it; elsewhere, a new draft.
  const twice = await editor.post('/incidents/import', { bundle: JSON.stringify(bundle) });
  assert.equal(twice.statusCode, 409, twice.body);
  assert.match(twice.body, new RegExp(`<a href="/incidents/${id}">${RECORD.title}</a>`), 'a link to the record already here');
  assert.match(twice.body, /déjà dans le registre/, 'said in the reader’s language');
  const there = await clientAs(elsewhere, EDITOR);
  const done = await there.post('/incidents/import', { bundle: JSON.stringify(bundle) });
  assert.equal(done.statusCode, 303, done.body);
  const shown = await there.get(String(done.headers.location));
  assert.equal(shown.statusCode, 200, shown.body);
  assert.match(shown.body, /TLP:AMBER\+STRICT/);
  assert.match(shown.body, new RegExp(RECORD.title));
});
