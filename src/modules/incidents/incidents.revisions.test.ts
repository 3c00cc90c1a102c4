// Changes to published incidents (decision 73): proposed by one editor, invisible to the public until another
// editor who took no part approves it (the proposer never, even as the record's author); every approved version
// kept with who proposed and approved it; two versions compared field by field; an earlier one restored as a
// new change; one of two simultaneous approvals wins; claim ids stay; the caches, the feed, STIX and TAXII follow.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { type Client, clientAs, fieldsOf } from '../../../test/support/client.ts';
import { PUBLIC_COLLECTION_ID, TAXII_ROOT } from '../taxii/index.ts';

let t: TestApp;
const AUTHOR = 'editor@demo.cybernorms.example';
const SECOND = 'second.editor@example.org';
const THIRD = 'third.editor@example.org';
const FOCAL = 'focal@xaa.demo.cybernorms.example';
const as = (email: string) => clientAs(t, email);
const anon = (url: string) => t.app.inject(url);

async function addEditor(email: string, name: string) {
  const [u] = await t.db.query<{ id: string }>(
    `insert into users (email, email_key, display_name, email_verified_at) values ($1, $1, $2, now()) returning id`,
    [email, name],
  );
  await t.db.query(`insert into user_roles (user_id, role, granted_by) values ($1, 'editor', 'test')`, [u.id]);
}

const RECORD = {
  title: 'Grid outage in Demoland',
  summary: 'The power grid of Demoland went down.',
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
      responses: [{ state: 'XAB', stance: 'denies', statedOn: '2024-03-12', sourceUrl: 'https://xab.example/no' }],
    },
    {
      claimantKind: 'researchers',
      claimantName: 'Independent lab',
      claimedOn: '2024-04-01',
      basis: 'technical_report',
      attributedKind: 'non_state',
      attributedActor: 'Group Z',
      sourceUrl: 'https://lab.example/report',
    },
  ],
  norms: [{ norm: 'f', basis: 'editors', rationale: 'Critical infrastructure was hit.' }],
};

/** A record published by the author (proposed) and the second editor (approved). */
async function published(title = RECORD.title): Promise<string> {
  const author = await as(AUTHOR);
  const id = (await author.json('POST', '/api/v1/incidents', { ...RECORD, title })).json().id;
  await author.json('POST', `/api/v1/incidents/${id}/propose`, {});
  const ok = await (await as(SECOND)).json('POST', `/api/v1/incidents/${id}/approve`, {});
  assert.equal(ok.statusCode, 200, ok.body);
  return id;
}

type Claim = { id: string; summary: string; responses: { id: string; summary: string; state: string }[] } & Record<
  string,
  unknown
>;
const shown = async (id: string) => (await anon(`/api/v1/incidents/${id}`)).json() as { title: string; claims: Claim[] };
/** The published record as a change starts from it: the same fields, with the claims' and responses' ids. */
const asChange = (v: { claims: Claim[] } & Record<string, unknown>) => {
  const day = (d: unknown) => (d as { date: string } | null)?.date ?? '';
  return {
    ...v,
    started: day(v.started),
    ended: day(v.ended),
    disclosed: day(v.disclosed),
    claims: v.claims.map((c) => ({ ...c })),
  };
};

before(async () => {
  t = await testApp();
  await addEditor(SECOND, 'Second Editor');
  await addEditor(THIRD, 'Third Editor');
});
after(() => t.close());

async function propose(c: Client, id: string, change: Record<string, unknown>) {
  return c.json('POST', `/api/v1/incidents/${id}/change`, change);
}

test('a change waits unseen by the public; its proposer may not approve it, even as the author; another editor does', async () => {
  const id = await published();
  const author = await as(AUTHOR);
  const second = await as(SECOND);
  const before = await shown(id);
  const [first, lab] = before.claims;
  const change = {
    ...asChange(before as never),
    title: 'Grid outage in Demoland (revised)',
    claims: [
      { ...first, summary: 'Demoland named its neighbour.', responses: first.responses },
      lab,
      {
        claimantKind: 'media',
        claimantName: 'Daily News',
        claimedOn: '2024-05-01',
        basis: 'media_report',
        attributedKind: 'unknown',
        sourceUrl: 'https://news.example/a',
      },
    ],
    note: 'A media report; the title says it is revised.',
  };
  const made = await propose(author, id, change);
  assert.equal(made.statusCode, 200, made.body);
  assert.equal(made.json().status, 'proposed');

  // The public sees the published version, on the page and in the API.
  assert.equal((await shown(id)).title, RECORD.title);
  assert.doesNotMatch((await anon(`/incidents/${id}`)).body, /revised/);
  // The author of the record proposed the change: they may not approve it.
  const own = await author.json('POST', `/api/v1/incidents/${id}/changes/${made.json().id}/approve`, {});
  assert.equal(own.statusCode, 403);
  assert.match((await author.get(`/incidents/${id}/change/review`)).body, /You took part in this change/);
  // The editors' review list names it, with its link.
  assert.match((await second.get('/incidents/review')).body, new RegExp(`/incidents/${id}/change/review`));
  const ok = await second.json('POST', `/api/v1/incidents/${id}/changes/${made.json().id}/approve`, { edition: 1 });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.equal(ok.json().version, 2);

  const after = await shown(id);
  assert.equal(after.title, 'Grid outage in Demoland (revised)');
  assert.equal(after.claims.length, 3);
  // Claims keep their ids: changed in place or unchanged; only the new one is new. So do their responses.
  assert.equal(after.claims[0].id, first.id);
  assert.equal(after.claims[0].summary, 'Demoland named its neighbour.');
  assert.equal(after.claims[0].responses[0].id, first.responses[0].id);
  assert.equal(after.claims[1].id, lab.id);
  assert.ok(![first.id, lab.id].includes(after.claims[2].id));

  const history = (await anon(`/api/v1/incidents/${id}/history`)).json();
  const [{ name }] = await t.db.query<{ name: string }>('select display_name as name from users where email_key = $1', [AUTHOR]);
  assert.deepEqual(
    history.versions.map((v: { number: number; proposedBy: string; approvedBy: string; note: string }) => [
      v.number,
      v.proposedBy,
      v.approvedBy,
      v.note,
    ]),
    [
      [2, name, 'Second Editor', change.note],
      [1, name, 'Second Editor', ''],
    ],
  );
  assert.equal(history.change, null, 'signed out: no change shown');
  const page = (await anon(`/incidents/${id}/history`)).body;
  assert.match(page, /Second Editor/);
  assert.match(page, /A media report/);
  const audit = await t.db.query<{ action: string }>(
    "select action from audit_log where entity = 'incident' and entity_id = $1 order by id",
    [id],
  );
  assert.deepEqual(audit.map((a) => a.action).slice(-2), ['incident.change.propose', 'incident.change.approve']);
});

test('two versions compared field by field; an earlier version restored is a new change, approved by another', async () => {
  const id = await published('Restorable');
  const author = await as(AUTHOR);
  const second = await as(SECOND);
  const v1 = await shown(id);
  const made = await propose(author, id, {
    ...asChange(v1 as never),
    summary: 'The grid of Demoland went down for a day.',
    targets: ['XAA', 'XAB'],
    norms: [],
    note: 'Both States were hit; no norm reading yet.',
  });
  assert.equal(made.statusCode, 200, made.body);
  assert.equal((await second.json('POST', `/api/v1/incidents/${id}/changes/${made.json().id}/approve`, {})).statusCode, 200);

  // The targeted States, now two, are links listed in the reader's language.
  assert.match((await anon(`/incidents/${id}`)).body, /<a href="\/states\/XAA">[^<]+<\/a> and <a href="\/states\/XAB">/);
  assert.match((await anon(`/incidents/${id}?lang=ar`)).body, /<a href="\/states\/XAA">[^<]+<\/a> و<a href="\/states\/XAB">/);
  const diff = (await anon(`/api/v1/incidents/${id}/diff?from=1&to=2`)).json();
  const field = (f: string) => diff.fields.find((x: { field: string }) => x.field === f);
  assert.equal(field('title').changed, false);
  assert.equal(field('summary').changed, true);
  assert.ok(field('summary').parts.some((p: { added: boolean; value: string }) => p.added && /for a day/.test(p.value)));
  assert.deepEqual(
    field('targets')
      .parts.filter((p: { added: boolean }) => p.added)
      .map((p: { value: string }) => p.value),
    ['XAB'],
  );
  assert.equal(field('norms').changed, true);
  assert.ok(field('norms').parts.every((p: { removed: boolean }) => p.removed));
  assert.equal(field('claims').changed, false);
  assert.match((await anon(`/incidents/${id}/diff?from=1&to=2`)).body, /<ins>/);
  // The page names the vocabularies and the States in the reader's words; the API keeps the codes.
  const french = (await anon(`/incidents/${id}/diff?from=1&to=2&lang=fr`)).body;
  assert.match(french, /<ins>\+ Samplestan \(démo\)<\/ins>/);
  assert.match(french, /f \(Lecture des éditeurs\): Critical infrastructure was hit\./);
  assert.doesNotMatch(french, /\(editors\)|XAB/);
  assert.ok(field('norms').parts.some((p: { value: string }) => /^f \(editors\)/.test(p.value)));
  assert.equal((await anon(`/api/v1/incidents/${id}/diff?from=1&to=9`)).statusCode, 400);

  // Restoring version 1 proposes it; the restorer may not approve it; another editor does: version 3.
  const restored = await author.json('POST', `/api/v1/incidents/${id}/restore`, { version: 1 });
  assert.equal(restored.statusCode, 200, restored.body);
  assert.equal((await shown(id)).claims.length, 2);
  assert.equal((await author.json('POST', `/api/v1/incidents/${id}/changes/${restored.json().id}/approve`, {})).statusCode, 403);
  assert.equal(
    (await author.json('POST', `/api/v1/incidents/${id}/restore`, { version: 1 })).statusCode,
    409,
    'one change at a time',
  );
  assert.equal((await second.json('POST', `/api/v1/incidents/${id}/changes/${restored.json().id}/approve`, {})).statusCode, 200);
  const history = (await anon(`/api/v1/incidents/${id}/history`)).json();
  assert.deepEqual(
    history.versions.map((v: { number: number; restoredFrom: number | null }) => [v.number, v.restoredFrom]),
    [
      [3, 1],
      [2, null],
      [1, null],
    ],
  );
  const now = (await anon(`/api/v1/incidents/${id}`)).json();
  assert.equal(now.summary, RECORD.summary);
  assert.deepEqual(now.targets, ['XAA']);
  assert.equal(now.norms.length, 1);
  // Restoring the version shown now changes nothing: refused naming the field.
  const same = await author.json('POST', `/api/v1/incidents/${id}/restore`, { version: 3 });
  assert.equal(same.statusCode, 400);
  assert.equal(same.json().errors[0].field, 'version');
});

test('of two simultaneous approvals of one change exactly one wins', async () => {
  const id = await published('Raced');
  const made = await propose(await as(AUTHOR), id, {
    ...asChange((await shown(id)) as never),
    title: 'Raced (2)',
    note: 'Race.',
  });
  const url = `/api/v1/incidents/${id}/changes/${made.json().id}/approve`;
  const [a, b] = await Promise.all([(await as(SECOND)).json('POST', url, {}), (await as(THIRD)).json('POST', url, {})]);
  assert.deepEqual([a.statusCode, b.statusCode].sort(), [200, 409]);
  const versions = (await anon(`/api/v1/incidents/${id}/history`)).json().versions;
  assert.deepEqual(
    versions.map((v: { number: number }) => v.number),
    [2, 1],
  );
});

test('refusals: bad input names the field, signed out 401, not an editor 403, a draft 409; sent back, then discarded', async () => {
  const id = await published('Refusals');
  const author = await as(AUTHOR);
  const v = asChange((await shown(id)) as never);
  const noNote = await propose(author, id, v);
  assert.equal(noNote.statusCode, 400);
  assert.equal(noNote.json().errors[0].field, 'note');
  const bad = await propose(author, id, { ...v, title: '', note: 'x' });
  assert.equal(bad.statusCode, 400);
  assert.deepEqual(fieldsOf(bad), ['title']);
  const strange = await propose(author, id, {
    ...v,
    claims: [{ ...v.claims[0], id: '00000000-0000-4000-8000-000000000000' }],
    note: 'x',
  });
  assert.equal(strange.statusCode, 400);
  assert.equal(strange.json().errors[0].field, 'claims[0].id');
  const unchanged = await propose(author, id, { ...v, note: 'Nothing.' });
  assert.equal(unchanged.statusCode, 400);
  assert.equal(unchanged.json().errors[0].field, 'fields');
  assert.equal(
    (await t.app.inject({ method: 'POST', url: `/api/v1/incidents/${id}/change`, payload: { ...v, note: 'x' } })).statusCode,
    401,
  );
  assert.equal((await propose(await as(FOCAL), id, { ...v, title: 'Mine', note: 'x' })).statusCode, 403);
  assert.equal((await anon(`/api/v1/incidents/${id}/change`)).statusCode, 401);
  const draft = (await author.json('POST', '/api/v1/incidents', RECORD)).json().id;
  assert.equal((await propose(author, draft, { ...RECORD, title: 'Changed', note: 'x' })).statusCode, 409);
  assert.equal((await anon(`/api/v1/incidents/${draft}/history`)).statusCode, 404, 'a draft has no public history');

  // The page: the form again, naming the field and keeping what was typed.
  await author.get(`/incidents/${id}/change`);
  const form = await author.post(`/incidents/${id}/change`, { title: '', note: 'Keep me' });
  assert.equal(form.statusCode, 400);
  assert.match(form.body, /Title: is required/);
  assert.match(form.body, /value="Keep me"/);

  // Sent back with a reason by another editor; the author changes it; then it is discarded.
  const made = await propose(author, id, { ...v, title: 'Refusals (2)', note: 'Retitled.' });
  const second = await as(SECOND);
  const step = (s: string) => `/api/v1/incidents/${id}/changes/${made.json().id}/${s}`;
  assert.equal((await author.json('POST', step('return'), { note: 'My own' })).statusCode, 403);
  assert.equal((await second.json('POST', step('return'), {})).json().errors[0].field, 'note');
  assert.equal((await second.json('POST', step('return'), { note: 'Say why.' })).statusCode, 200);
  assert.equal((await second.json('POST', step('approve'), {})).statusCode, 409, 'sent back: not approvable');
  const again = await propose(author, id, { ...v, title: 'Refusals (3)', note: 'Retitled, with a reason.' });
  assert.equal(again.json().id, made.json().id);
  assert.equal(again.json().edition, 2);
  assert.equal((await second.json('POST', step('approve'), { edition: 1 })).statusCode, 409, 'an older edition');
  assert.equal((await (await as(THIRD)).json('POST', step('discard'), {})).statusCode, 200);
  assert.equal((await second.json('POST', step('approve'), {})).statusCode, 409);
  assert.equal((await shown(id)).title, 'Refusals');

  // A change that drops a claim a State has since answered with its own statement is refused at approval too.
  const drop = await propose(author, id, { ...v, claims: [v.claims[0]], note: 'One claim only.' });
  assert.equal(drop.statusCode, 200, drop.body);
  const lab = v.claims[1].id;
  const own = await (await as(FOCAL)).json('POST', `/api/v1/incidents/${id}/states/XAA/positions`, {
    kind: 'comments',
    claim: lab,
    statedOn: '2024-05-02',
    sourceUrl: 'https://xaa.example/s',
  });
  assert.equal(own.statusCode, 201, own.body);
  assert.equal((await second.json('POST', `/api/v1/incidents/${id}/changes/${drop.json().id}/approve`, {})).statusCode, 409);
  assert.equal((await shown(id)).claims.length, 2, 'nothing changed');
  const actions = await t.db.query<{ action: string }>(
    "select action from audit_log where entity = 'incident' and entity_id = $1 and action like 'incident.change.%' order by id",
    [id],
  );
  assert.deepEqual(
    actions.map((a) => a.action),
    [
      'incident.change.propose',
      'incident.change.return',
      'incident.change.propose',
      'incident.change.discard',
      'incident.change.propose',
    ],
  );
});

test('an approved change reaches the norm and State pages, the feed, STIX and TAXII (a new version)', async () => {
  const id = await published('Followed everywhere');
  const taxii = (url: string) => t.app.inject({ url, headers: { accept: 'application/taxii+json;version=2.1' } });
  const PUBLIC = `${TAXII_ROOT}collections/${PUBLIC_COLLECTION_ID}/`;
  const stix = (await anon(`/api/v1/incidents/${id}/stix`)).json().objects as { id: string; type: string; modified: string }[];
  const incident = stix.find((o) => o.type === 'incident') as { id: string; modified: string };
  const claim = stix.find((o) => o.type === 'relationship') as { id: string; modified: string };
  // Read once so that TAXII holds the first version and the pages are cached.
  await taxii(`${PUBLIC}objects/`);
  assert.match((await anon('/norms/f')).body, /Followed everywhere/);
  assert.match((await anon('/states/XAA')).body, /Followed everywhere/);

  const v = asChange((await shown(id)) as never);
  const made = await propose(await as(AUTHOR), id, {
    ...v,
    title: 'Followed everywhere, revised',
    claims: [{ ...v.claims[0], summary: 'Now with a summary.' }, v.claims[1]],
    note: 'Retitled.',
  });
  assert.match((await anon('/norms/f')).body, /Followed everywhere</, 'not before approval');
  await (await as(SECOND)).json('POST', `/api/v1/incidents/${id}/changes/${made.json().id}/approve`, {});
  // Heard on PostgreSQL through NOTIFY a moment later: give it a moment.
  for (let i = 0; i < 50 && !/revised/.test((await anon('/norms/f')).body); i++) await new Promise((r) => setTimeout(r, 100));
  assert.match((await anon('/norms/f')).body, /Followed everywhere, revised/);
  assert.match((await anon('/states/XAA')).body, /Followed everywhere, revised/);
  assert.match((await anon('/feeds/incidents.atom')).body, /Followed everywhere, revised/);

  const after = (await anon(`/api/v1/incidents/${id}/stix`)).json().objects as { id: string; type: string; modified: string }[];
  const incident2 = after.find((o) => o.id === incident.id) as { modified: string };
  const claim2 = after.find((o) => o.id === claim.id) as { modified: string };
  assert.ok(incident2.modified > incident.modified, 'the incident: a new modified, the same id');
  assert.ok(claim2.modified > claim.modified, 'the changed claim: a new modified, the same id');
  const versions = async (stixId: string) => {
    for (let i = 0; i < 50; i++) {
      const v = (await taxii(`${PUBLIC}objects/${stixId}/versions/`)).json().versions as string[];
      if (v.length > 1) return v;
      await new Promise((r) => setTimeout(r, 100));
    }
    return (await taxii(`${PUBLIC}objects/${stixId}/versions/`)).json().versions as string[];
  };
  assert.deepEqual(await versions(incident.id), [incident.modified, incident2.modified]);
  assert.deepEqual(await versions(claim.id), [claim.modified, claim2.modified]);
});

test('a claim removed by an approved change is revoked in TAXII: a new version, once, that a client polling learns of', async () => {
  const id = await published('Revoked in TAXII');
  const taxii = (url: string) => t.app.inject({ url, headers: { accept: 'application/taxii+json;version=2.1' } });
  const PUBLIC = `${TAXII_ROOT}collections/${PUBLIC_COLLECTION_ID}/`;
  const stix = (await anon(`/api/v1/incidents/${id}/stix`)).json().objects as { id: string; type: string; modified: string }[];
  const [kept, gone] = stix.filter((o) => o.type === 'relationship');
  const held = await taxii(`${PUBLIC}objects/?limit=1000`);
  assert.equal(held.statusCode, 200, held.body);
  const since = String(held.headers['x-taxii-date-added-last']);

  const v = asChange((await shown(id)) as never);
  const made = await propose(await as(AUTHOR), id, { ...v, claims: [v.claims[0]], note: 'The lab withdrew its report.' });
  assert.equal(made.statusCode, 200, made.body);
  const ok = await (await as(SECOND)).json('POST', `/api/v1/incidents/${id}/changes/${made.json().id}/approve`, {});
  assert.equal(ok.statusCode, 200, ok.body);

  type Obj = { id: string; type: string; modified: string; revoked?: boolean };
  const newer = async () => {
    for (let i = 0; i < 50; i++) {
      const objs = (await taxii(`${PUBLIC}objects/?limit=1000&added_after=${since}`)).json().objects as Obj[] | undefined;
      if (objs?.some((o) => o.id === gone.id)) return objs;
      await new Promise((r) => setTimeout(r, 100));
    }
    return [];
  };
  const added = await newer();
  const revoked = added.filter((o) => o.id === gone.id);
  assert.equal(revoked.length, 1, 'the removed claim comes once, as a new version');
  assert.equal(revoked[0].revoked, true, 'marked revoked');
  assert.ok(revoked[0].modified > gone.modified, 'a later modified than the version the client holds');
  assert.ok(!added.some((o) => o.id === kept.id && o.revoked), 'the claim kept is not revoked');
  const versions = (await taxii(`${PUBLIC}objects/${gone.id}/versions/`)).json().versions as string[];
  assert.deepEqual(versions, [gone.modified, revoked[0].modified], 'both versions are kept');
  // The last version of the collection says revoked; another copy adds nothing more for it.
  await t.app.events.publish({ topic: 'incidents', id: '', states: [] });
  const again = (await taxii(`${PUBLIC}objects/${gone.id}/versions/`)).json().versions as string[];
  assert.equal(again.length, 2, 'revoked once');
  const last = (await taxii(`${PUBLIC}objects/?match[id]=${gone.id}`)).json().objects as Obj[];
  assert.deepEqual(
    last.map((o) => o.revoked),
    [true],
    'the collection serves the revoked version as the last',
  );
  // The incident's own STIX no longer holds the claim.
  const now = (await anon(`/api/v1/incidents/${id}/stix`)).json().objects as Obj[];
  assert.ok(!now.some((o) => o.id === gone.id), 'gone from the export');
});
