// A draft's change keeps what it leaves unchanged (issue 18): a claim the change does not alter keeps its id, so
// its STIX relationship keeps its id, and its unchanged responses keep theirs (opinions); an imported claim keeps
// the STIX id and confidence it came with. What the change alters is written anew, under a new id.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { clientAs } from '../../../test/support/client.ts';

let t: TestApp;
const EDITOR = 'editor@demo.cybernorms.example';

before(async () => {
  t = await testApp();
});
after(() => t.close());

const claim = (n: number, extra: object = {}) => ({
  claimantKind: 'state',
  claimantStates: ['XAA'],
  claimedOn: `2025-01-0${n}`,
  basis: 'political_statement',
  attributedKind: 'state',
  attributedState: 'XAB',
  sourceUrl: `https://demoland.example/claim/${n}`,
  ...extra,
});
const RECORD = {
  title: 'Claims kept across a change',
  started: '2024-12-30',
  claims: [
    claim(1, { responses: [{ state: 'XAB', stance: 'denies', statedOn: '2025-01-05', summary: 'No.' }] }),
    claim(2, { summary: 'First wording.' }),
    claim(3, { attributedKind: 'non_state', attributedState: undefined, attributedActor: 'Group Z' }),
  ],
};

type Obj = { id: string; type: string; source_ref?: string; object_refs?: string[]; confidence?: number };
const stixOf = async (id: string) => {
  const res = await (await clientAs(t, EDITOR)).json('GET', `/api/v1/incidents/${id}/stix`);
  assert.equal(res.statusCode, 200, res.body);
  return (res.json().objects as Obj[]).filter((o) => o.type === 'relationship' || o.type === 'opinion');
};

test('changing a draft keeps the ids of the claims and responses it leaves as they were', async () => {
  const editor = await clientAs(t, EDITOR);
  const created = await editor.json('POST', '/api/v1/incidents', RECORD);
  assert.equal(created.statusCode, 201, created.body);
  const { id } = created.json();
  const before = (await editor.json('GET', `/api/v1/incidents/${id}`)).json();
  const stixBefore = await stixOf(id);

  // The third claim first, the first with a second response, the second reworded.
  const changed = {
    ...RECORD,
    claims: [
      RECORD.claims[2],
      {
        ...RECORD.claims[0],
        responses: [
          ...((RECORD.claims[0] as { responses?: object[] }).responses ?? []),
          { state: 'KEN', stance: 'supports', statedOn: '2025-01-06' },
        ],
      },
      { ...RECORD.claims[1], summary: 'Second wording.' },
    ],
  };
  const res = await editor.json('PUT', `/api/v1/incidents/${id}`, changed);
  assert.equal(res.statusCode, 200, res.body);
  const after = (await editor.json('GET', `/api/v1/incidents/${id}`)).json();
  const by = (v: { claims: { id: string; claimedOn: string }[] }, day: string) => v.claims.find((c) => c.claimedOn === day);
  assert.equal(by(after, '2025-01-01')?.id, by(before, '2025-01-01')?.id, 'the first claim, unchanged, keeps its id');
  assert.equal(by(after, '2025-01-03')?.id, by(before, '2025-01-03')?.id, 'so does the third, moved');
  assert.notEqual(by(after, '2025-01-02')?.id, by(before, '2025-01-02')?.id, 'the reworded claim is a new one');
  const kept = by(after, '2025-01-01') as unknown as { responses: { id: string; state: string }[] };
  const was = by(before, '2025-01-01') as unknown as { responses: { id: string; state: string }[] };
  assert.equal(kept.responses.find((r) => r.state === 'XAB')?.id, was.responses[0].id, 'its denial keeps its id');
  assert.equal(kept.responses.length, 2, 'and the new response is added');

  // In STIX: the unchanged claims' relationships and the denial's opinion are the same objects.
  const stixAfter = await stixOf(id);
  const ids = (os: Obj[]) => new Set(os.map((o) => o.id));
  const common = [...ids(stixBefore)].filter((x) => ids(stixAfter).has(x));
  assert.equal(common.filter((x) => x.startsWith('relationship--')).length, 2, 'two relationships keep their ids');
  assert.equal(common.filter((x) => x.startsWith('opinion--')).length, 1, 'the opinion keeps its id');
  assert.equal(stixAfter.length, 3 + 2, 'three claims, two opinions');

  // The same change again changes nothing.
  await editor.json('PUT', `/api/v1/incidents/${id}`, changed);
  assert.deepEqual([...ids(await stixOf(id))].sort(), [...ids(stixAfter)].sort(), 'saved unchanged: the same ids');
});

test('an imported draft changed elsewhere keeps the STIX ids and confidence of the claims left alone', async () => {
  const editor = await clientAs(t, EDITOR);
  const { id } = (await editor.json('POST', '/api/v1/incidents', { ...RECORD, title: 'To import' })).json();
  const bundle = (await editor.json('GET', `/api/v1/incidents/${id}/stix`)).json();
  // As another platform sent it: its own ids, a confidence of its own on each claim.
  let text = JSON.stringify(bundle);
  for (const o of bundle.objects as Obj[])
    if (['incident', 'relationship', 'opinion'].includes(o.type))
      text = text.replaceAll(o.id, `${o.type}--${crypto.randomUUID()}`);
  const foreign = JSON.parse(text);
  for (const o of foreign.objects as Obj[]) if (o.type === 'relationship') o.confidence = 40;
  const imported = await editor.json('POST', '/api/v1/incidents/import', foreign);
  assert.equal(imported.statusCode, 201, imported.body);
  const draft = imported.json().id;
  const record = (await editor.json('GET', `/api/v1/incidents/${draft}`)).json();
  const body = {
    ...RECORD,
    title: 'Imported, then corrected',
    claims: record.claims.map((c: Record<string, unknown>, i: number) => (i === 1 ? { ...c, summary: 'Corrected.' } : c)),
  };
  assert.equal((await editor.json('PUT', `/api/v1/incidents/${draft}`, body)).statusCode, 200);
  const relationships = (await stixOf(draft)).filter((o) => o.type === 'relationship');
  const theirs = new Set((foreign.objects as Obj[]).filter((o) => o.type === 'relationship').map((o) => o.id));
  assert.equal(relationships.filter((o) => theirs.has(o.id)).length, 2, 'the two claims left alone keep the ids they came with');
  assert.deepEqual(
    relationships.map((o) => (theirs.has(o.id) ? o.confidence : 'new')).sort(),
    [40, 40, 'new'].sort(),
    'and their confidence; the corrected one is new, asserted by its claimant',
  );
});
