// The stored `contested` mark is isContested (decision 75), whatever writes came before: random sequences of
// every write the API offers on claims and responses (a draft created or changed, proposed and approved, a
// State's own position, a POC's approved by the focal point, a change to a published incident approved, an
// import), after each of which every incident's column is compared with what the
// record says of itself. Seeded, so a failure names the sequence that gives it again.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { addEditor } from '../../../test/support/auth.ts';
import { type Client, clientAs } from '../../../test/support/client.ts';
import { seedIncidents } from './index.ts';

let t: TestApp;
const EDITOR = 'editor@demo.cybernorms.example';
const EDITOR2 = 'editor2@contested.example.org';
const FOCAL_A = 'focal@xaa.demo.cybernorms.example';
const POC_A = 'poc@xaa.demo.cybernorms.example';

before(async () => {
  t = await testApp();
  await t.db.transaction((tx) => seedIncidents(tx));
  await addEditor(t.db, EDITOR2);
});
after(() => t.close());

/** A small seeded generator (mulberry32), so a failing sequence can be replayed. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  return { next, int, pick };
}
type Gen = ReturnType<typeof generator>;

// Few States and actors, spelled two ways, so claims often agree, often not, and case must not matter.
const STATES = ['XAA', 'XAB', 'KEN'];
const ACTORS = ['Group X', 'group x', 'APT Z', 'Équipe Sombre', 'équipe sombre'];
const STANCES = ['supports', 'denies', 'comments'] as const;

function attributed(g: Gen) {
  const kind = g.pick(['state', 'state_affiliated', 'non_state', 'unknown'] as const);
  if (kind === 'state') return { attributedKind: kind, attributedState: g.pick(STATES) };
  if (kind === 'unknown') return { attributedKind: kind };
  return g.next() < 0.3
    ? { attributedKind: kind, attributedState: g.pick(STATES), attributedActor: g.pick(ACTORS) }
    : { attributedKind: kind, attributedActor: g.pick(ACTORS) };
}

function record(g: Gen, n: number) {
  return {
    title: `Generated incident ${n}`,
    started: '2025-02-03',
    targets: [g.pick(STATES)],
    claims: Array.from({ length: g.int(4) }, () => ({
      claimantKind: 'state',
      claimantStates: [g.pick(STATES)],
      claimedOn: '2025-03-01',
      basis: 'political_statement',
      sourceUrl: 'https://example.org/claim',
      ...attributed(g),
      responses: Array.from({ length: g.int(3) }, () => ({
        state: g.pick(STATES),
        stance: g.pick(STANCES),
        statedOn: '2025-03-05',
      })),
    })),
  };
}

/** Every incident's stored mark equals what the record says of itself (isContested, in the API's answer). */
async function agree(editor: Client, step: string) {
  const rows = await t.db.query<{ id: string; contested: boolean }>('select id, contested from incidents order by id');
  for (const row of rows) {
    const res = await editor.json('GET', `/api/v1/incidents/${row.id}`);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(row.contested, res.json().contested, `${step}: incident ${row.id}`);
  }
}

/** An export imported as another record: the same objects under new ids, as another platform would send them. */
async function copyOf(editor: Client, id: string) {
  const bundle = (await editor.json('GET', `/api/v1/incidents/${id}/stix`)).json();
  let text = JSON.stringify(bundle);
  for (const o of bundle.objects as { id: string; type: string }[])
    if (['incident', 'relationship', 'opinion'].includes(o.type)) text = text.replaceAll(o.id, `${o.type}--${randomUUID()}`);
  return JSON.parse(text);
}

for (const seed of [1, 2, 3]) {
  test(`after random writes (sequence ${seed}), every incident's stored contested mark is isContested`, async () => {
    const g = generator(seed);
    const editor = await clientAs(t, EDITOR);
    const second = await clientAs(t, EDITOR2);
    const focal = await clientAs(t, FOCAL_A);
    const poc = await clientAs(t, POC_A);
    const drafts: string[] = [];
    const published: string[] = (await editor.json('GET', '/api/v1/incidents')).json().data.map((i: { id: string }) => i.id);
    let n = 0;
    for (let step = 0; step < 24; step++) {
      const what = g.pick([
        'create',
        'create',
        'update',
        'update',
        'publish',
        'position',
        'position',
        'import',
        'change',
      ] as const);
      const label = `sequence ${seed}, step ${step}: ${what}`;
      if (what === 'create' || (what === 'update' && !drafts.length)) {
        const res = await editor.json('POST', '/api/v1/incidents', record(g, ++n));
        assert.equal(res.statusCode, 201, `${label}: ${res.body}`);
        drafts.push(res.json().id);
      } else if (what === 'update') {
        const res = await editor.json('PUT', `/api/v1/incidents/${g.pick(drafts)}`, record(g, ++n));
        assert.equal(res.statusCode, 200, `${label}: ${res.body}`);
      } else if (what === 'publish' && drafts.length) {
        const id = drafts.splice(g.int(drafts.length), 1)[0];
        assert.equal((await editor.json('POST', `/api/v1/incidents/${id}/propose`, {})).statusCode, 200, label);
        const res = await second.json('POST', `/api/v1/incidents/${id}/approve`, {});
        assert.equal(res.statusCode, 200, `${label}: ${res.body}`);
        published.push(id);
      } else if (what === 'position') {
        // The focal point's own, or a POC's draft that the focal point approves.
        const id = g.pick(published);
        const claims = (await focal.json('GET', `/api/v1/incidents/${id}`)).json().claims as { id: string }[];
        const body =
          g.next() < 0.4 || !claims.length
            ? { kind: 'attribution', statedOn: '2025-04-01', sourceUrl: 'https://demoland.example/s', ...attributed(g) }
            : { kind: g.pick(STANCES), claim: g.pick(claims).id, statedOn: '2025-04-01', summary: 'Our position.' };
        const by = g.next() < 0.5 ? focal : poc;
        const res = await by.json('POST', `/api/v1/incidents/${id}/states/XAA/positions`, body);
        assert.equal(res.statusCode, 201, `${label}: ${res.body}`);
        if (by === poc) {
          const ok = await focal.json('POST', `/api/v1/incidents/positions/${res.json().id}/approve`, {});
          assert.equal(ok.statusCode, 200, `${label}, approved: ${ok.body}`);
        }
      } else if (what === 'change') {
        // A change to a published incident, proposed by one editor and approved by another.
        const id = g.pick(published);
        // A State's own statements stay (a change never removes them): the editors' claims are kept, some
        // attributed anew where no State answered them itself, and new ones added.
        type Claim = { statedByState: string | null; responses: { ownStatement: boolean }[] };
        const now = (await editor.json('GET', `/api/v1/incidents/${id}`)).json() as { claims: Claim[] };
        const kept = now.claims
          .filter((c) => !c.statedByState)
          .map((c) => (c.responses.some((r) => r.ownStatement) || g.next() < 0.5 ? c : { ...c, ...attributed(g) }))
          .map((c) => ({ ...c, responses: c.responses.filter((r) => !r.ownStatement) }));
        const fresh = record(g, ++n);
        const body = { ...fresh, claims: [...kept, ...fresh.claims], note: 'Generated.' };
        const made = await editor.json('POST', `/api/v1/incidents/${id}/change`, body);
        assert.equal(made.statusCode, 200, `${label}: ${made.body}`);
        const ok = await second.json('POST', `/api/v1/incidents/${id}/changes/${made.json().id}/approve`, {});
        assert.equal(ok.statusCode, 200, `${label}, approved: ${ok.body}`);
      } else if (what === 'import') {
        const res = await editor.json('POST', '/api/v1/incidents/import', await copyOf(editor, g.pick(published)));
        assert.equal(res.statusCode, 201, `${label}: ${res.body}`);
        drafts.push(res.json().id);
      }
      await agree(editor, label);
    }
  });
}
