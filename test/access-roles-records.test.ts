// A role taken back mid-session on the incident record and TAXII (issues 13 and 18): the editor whose role an
// administrator removes can no longer draft, propose, approve or import, in the same browser session and with
// a token made before; the focal point whose role is removed can no longer publish the State's position or
// read the State's TAXII collection, on the very next request. Nothing is written by the refused requests.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { stateCollectionId, TAXII_ROOT } from '../src/modules/taxii/index.ts';
import { type TestApp, testApp } from './support/app.ts';
import { sessionFor } from './support/auth.ts';

let t: TestApp;
const ADMIN = 'admin@demo.cybernorms.example';
const TAXII = 'application/taxii+json;version=2.1';

before(async () => {
  t = await testApp();
});
after(() => t.close());

/** What the tests read of an answer. */
interface Answer {
  statusCode: number;
  body: string;
  json: () => any;
}
type Call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown, accept?: string) => Promise<Answer>;

/** Requests as a session (with the second factor) or a bearer token. */
async function as(who: { email?: string; token?: string }): Promise<Call> {
  const auth = who.token
    ? { authorization: `Bearer ${who.token}` }
    : { cookie: (await sessionFor(t.db, who.email as string, { mfa: true })).cookie };
  return (method, url, body, accept) =>
    t.app.inject({
      method,
      url,
      headers: {
        ...auth,
        ...(accept ? { accept } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      payload: body !== undefined ? JSON.stringify(body) : undefined,
    });
}

/** A new person with the second factor, holding one role (a platform role when state is null). */
async function person(role: string, state: string | null): Promise<{ id: string; email: string }> {
  const email = `${role}-${randomBytes(4).toString('hex')}@example.org`;
  const [u] = await t.db.query<{ id: string }>(
    `insert into users (email, email_key, display_name, state_code, email_verified_at, totp_enabled_at)
     values ($1, $1, 'Person', $2, now(), now()) returning id`,
    [email, state],
  );
  await t.db.query(`insert into user_roles (user_id, role, granted_by) values ($1, 'member', 'test')`, [u.id]);
  await t.db.query('insert into user_roles (user_id, role, state_code, granted_by) values ($1, $2, $3, $4)', [
    u.id,
    role,
    state,
    'test',
  ]);
  return { id: u.id, email };
}

async function tokenOf(email: string): Promise<string> {
  const res = await (await as({ email }))('POST', '/api/v1/tokens', { name: 'script', scope: 'write', expiresInDays: 30 });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().token;
}

const count = async (sql: string, params: unknown[] = []) => (await t.db.query<{ n: number }>(sql, params))[0].n;

const DRAFT = { title: 'Role check incident', types: ['disruption'], started: '2024' };

describe('a role removed mid-session, on the incident record and TAXII', () => {
  test("an editor's removed role ends drafting, proposing, approving and importing, for the session and the token", async () => {
    const editor = await person('editor', null);
    const session = await as({ email: editor.email });
    const token = await as({ token: await tokenOf(editor.email) });
    // Both work while the role is held.
    const mine = await session('POST', '/api/v1/incidents', DRAFT);
    assert.equal(mine.statusCode, 201, mine.body);
    const draft = mine.json().id as string;
    assert.equal((await token('GET', '/api/v1/incidents/pending')).statusCode, 200);
    // Another editor's proposed change waits for approval.
    const other = await as({ email: 'editor@demo.cybernorms.example' });
    const theirs = (await other('POST', '/api/v1/incidents', { ...DRAFT, title: 'Waiting for approval' })).json().id as string;
    const proposed = await other('POST', `/api/v1/incidents/${theirs}/propose`, {});
    assert.equal(proposed.statusCode, 200, proposed.body);

    const removed = await (await as({ email: ADMIN }))('DELETE', `/api/v1/users/${editor.id}/roles/editor`);
    assert.equal(removed.statusCode, 200, removed.body);

    const incidentsBefore = await count('select count(*)::int as n from incidents');
    for (const call of [session, token]) {
      for (const [method, url, body] of [
        ['POST', '/api/v1/incidents', DRAFT],
        ['PUT', `/api/v1/incidents/${draft}`, { ...DRAFT, title: 'Changed after removal' }],
        ['POST', `/api/v1/incidents/${draft}/propose`, {}],
        ['POST', `/api/v1/incidents/${theirs}/approve`, {}],
        ['POST', '/api/v1/incidents/import', { type: 'bundle', id: `bundle--${crypto.randomUUID()}`, objects: [] }],
        ['GET', '/api/v1/incidents/pending'],
        ['GET', `/api/v1/incidents/${draft}`],
      ] as const) {
        const res = await call(method, url, body);
        assert.ok([403, 404].includes(res.statusCode), `${method} ${url}: ${res.statusCode} ${res.body}`);
      }
    }
    assert.equal(await count('select count(*)::int as n from incidents'), incidentsBefore, 'nothing created');
    const [d] = await t.db.query<{ title: string; status: string }>('select title, status from incidents where id = $1', [draft]);
    assert.deepEqual(d, { title: DRAFT.title, status: 'draft' }, 'the draft unchanged');
    const [w] = await t.db.query<{ status: string }>('select status from incidents where id = $1', [theirs]);
    assert.equal(w.status, 'proposed', 'not approved by the removed editor');
    // The pages say the same.
    const page = await t.app.inject({
      url: '/incidents/review',
      headers: { cookie: (await sessionFor(t.db, editor.email, { mfa: true })).cookie },
    });
    assert.equal(page.statusCode, 403);
  });

  test("a focal point's removed role ends the State's position and its TAXII collection on the next request", async () => {
    const focal = await person('focal_point', 'XAA');
    const session = await as({ email: focal.email });
    const token = await as({ token: await tokenOf(focal.email) });
    const collection = `${TAXII_ROOT}collections/${stateCollectionId('XAA')}/objects/`;
    const [published] = await t.db.query<{ id: string }>(
      `insert into incidents (title, status, started_on, started_precision, created_at, updated_at, published_at)
       values ('Published for the role check', 'published', '2024-01-02', 'day', now(), now(), now()) returning id`,
    );
    const position = `/api/v1/incidents/${published.id}/states/XAA/positions`;
    const body = {
      kind: 'attribution',
      statedOn: '2024-05-02',
      attributedKind: 'unknown',
      sourceUrl: 'https://demoland.example/statement',
    };
    assert.equal((await session('GET', collection, undefined, TAXII)).statusCode, 200);
    assert.equal((await token('GET', collection, undefined, TAXII)).statusCode, 200);
    const first = await token('POST', position, body);
    assert.equal(first.statusCode, 201, first.body);

    const removed = await (await as({ email: ADMIN }))('DELETE', `/api/v1/states/XAA/people/${focal.id}/roles/focal_point`);
    assert.equal(removed.statusCode, 200, removed.body);

    const claims = await count('select count(*)::int as n from incident_claims where incident_id = $1', [published.id]);
    for (const call of [session, token]) {
      const read = await call('GET', collection, undefined, TAXII);
      assert.equal(read.statusCode, 404, `the State's collection no longer exists for them: ${read.body}`);
      const listed = await call('GET', `${TAXII_ROOT}collections/`, undefined, TAXII);
      assert.equal(listed.statusCode, 200);
      assert.ok(
        !(listed.json().collections as { id: string }[]).some((c) => c.id === stateCollectionId('XAA')),
        'the collection is no longer listed',
      );
      const again = await call('POST', position, { ...body, statedOn: '2024-05-03' });
      assert.equal(again.statusCode, 403, again.body);
    }
    assert.equal(await count('select count(*)::int as n from incident_claims where incident_id = $1', [published.id]), claims);
  });
});
