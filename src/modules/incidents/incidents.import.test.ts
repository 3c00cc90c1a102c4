// Importing a STIX 2.1 bundle written elsewhere (issue 18): no extension of this platform, other objects beside
// the incident, claims marked more strictly than the incident; what the record keeps, what it lists as ignored,
// and what refuses the whole bundle.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { clientAs } from '../../../test/support/client.ts';
import { stateIdentity } from '../../platform/stix.ts';

let t: TestApp;
const EDITOR = 'editor@demo.cybernorms.example';
const as = (email: string) => clientAs(t, email);
type Bundle = { type: string; id: string; objects: (Record<string, unknown> & { id: string; type: string })[] };

before(async () => {
  t = await testApp();
});
after(() => t.close());

test('a bundle from elsewhere, without this platform’s extension, imports; what has no place is listed, never guessed', async () => {
  const editor = await as(EDITOR);
  const u = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const green = 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb';
  const amber = 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421';
  const at = '2023-05-04T10:00:00.000Z';
  const common = { spec_version: '2.1', created: at, modified: at };
  const bundle = {
    type: 'bundle',
    id: `bundle--${u(1)}`,
    objects: [
      { ...stateIdentity('XAA', 'Demoland') },
      { ...stateIdentity('XAB', 'Samplestan') },
      { type: 'threat-actor', id: `threat-actor--${u(2)}`, ...common, name: 'APT Sample', threat_actor_types: ['nation-state'] },
      { type: 'identity', id: `identity--${u(3)}`, ...common, name: 'A security company', identity_class: 'organization' },
      {
        type: 'incident',
        id: `incident--${u(4)}`,
        ...common,
        name: 'Wiper at the port authority',
        external_references: [
          { source_name: 'Port authority notice', url: 'https://port.example/notice' },
          { source_name: 'A/70/174', external_id: 'A/70/174 para 13(f)', url: 'https://undocs.org/A/70/174' },
        ],
        object_marking_refs: [green],
      },
      {
        type: 'relationship',
        id: `relationship--${u(5)}`,
        ...common,
        relationship_type: 'attributed-to',
        source_ref: `incident--${u(4)}`,
        target_ref: stateIdentity('XAB', '').id,
        created_by_ref: stateIdentity('XAA', '').id,
        confidence: 60,
        external_references: [{ source_name: 'Statement', url: 'https://demoland.example/s' }],
        object_marking_refs: [green],
      },
      {
        type: 'relationship',
        id: `relationship--${u(6)}`,
        ...common,
        relationship_type: 'attributed-to',
        source_ref: `incident--${u(4)}`,
        target_ref: `threat-actor--${u(2)}`,
        created_by_ref: `identity--${u(3)}`,
        external_references: [{ source_name: 'Report', url: 'https://company.example/r' }],
        object_marking_refs: [amber],
      },
      {
        type: 'opinion',
        id: `opinion--${u(7)}`,
        ...common,
        created_by_ref: stateIdentity('XAB', '').id,
        object_refs: [`relationship--${u(5)}`],
        opinion: 'disagree',
        explanation: 'Samplestan rejects it.',
      },
      { type: 'note', id: `note--${u(8)}`, ...common, content: 'A note', object_refs: [`incident--${u(4)}`] },
    ],
  };
  const res = await editor.json('POST', '/api/v1/incidents/import', bundle);
  assert.equal(res.statusCode, 201, res.body);
  const out = res.json();
  assert.equal(out.tlp, 'amber', 'the strictest marking of the incident and its parts');
  assert.deepEqual(out.ignored, [`note--${u(8)}`]);
  const shown = (await editor.json('GET', `/api/v1/incidents/${out.id}`)).json();
  assert.deepEqual(
    shown.claims.map((c: Record<string, unknown>) => [
      c.claimantKind,
      c.claimantStates,
      c.claimantName,
      c.attributedKind,
      c.attributedState,
      c.attributedActor,
      c.claimedOn,
    ]),
    [
      ['state', ['XAA'], '', 'state', 'XAB', '', '2023-05-04'],
      ['company', [], 'A security company', 'state_affiliated', null, 'APT Sample', '2023-05-04'],
    ],
  );
  assert.deepEqual(
    shown.claims[0].responses.map((r: Record<string, unknown>) => [r.state, r.stance, r.summary]),
    [['XAB', 'denies', 'Samplestan rejects it.']],
  );
  assert.deepEqual(shown.norms, [{ norm: 'f', basis: 'editors', invokedBy: null, rationale: 'A/70/174 para 13(f)' }]);
  assert.deepEqual(shown.sources, [{ title: 'Port authority notice', url: 'https://port.example/notice', unconfirmed: false }]);
  // The export keeps the ids and the confidence it was given; every object is marked with the record's marking.
  const again: Bundle = (await editor.json('GET', `/api/v1/incidents/${out.id}/stix`)).json();
  const claim = again.objects.find((o) => o.id === `relationship--${u(5)}`);
  assert.equal(claim?.confidence, 60);
  assert.deepEqual(claim?.object_marking_refs, [amber]);
  // Two incidents, or a marking that cannot be kept, refuse the bundle.
  const two = { ...bundle, objects: [...bundle.objects, { ...bundle.objects[4], id: `incident--${u(9)}` }] };
  const refused = await editor.json('POST', '/api/v1/incidents/import', two);
  assert.equal(refused.statusCode, 400, refused.body);
  assert.deepEqual(
    refused.json().errors.map((e: { field: string; code: string }) => `${e.field} ${e.code}`),
    [`objects[${bundle.objects.length}] tooMany`],
  );
  const statement = {
    ...bundle,
    objects: bundle.objects.map((o, i) =>
      i === 4 ? { ...o, granular_markings: [{ marking_ref: green, selectors: ['name'] }] } : o,
    ),
  };
  const kept = await editor.json('POST', '/api/v1/incidents/import', statement);
  assert.equal(kept.statusCode, 400, kept.body);
  assert.equal(kept.json().errors[0].field, 'objects[4].granular_markings');
});
