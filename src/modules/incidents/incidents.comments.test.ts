// Comments under published incidents (issue 18, decision 73), as under norms and lessons: a member's first
// comment waits for an editor, then shows on the incident page to everyone, signed-out readers included (their
// cached discussion is dropped on every change); the rate limit holds; a draft, a made-up id or another kind of
// id is not a target; signed out, no comment is taken.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { Client, clientAs } from '../../../test/support/client.ts';
import { RATE } from '../discussion/comments.service.ts';
import { seedIncidents } from './index.ts';

let t: TestApp;
const MEMBER = 'member@demo.cybernorms.example';
const EDITOR = 'editor@demo.cybernorms.example';
const POC = 'poc@xaa.demo.cybernorms.example';
const as = (email: string) => clientAs(t, email);

before(async () => {
  t = await testApp();
  await t.db.transaction((tx) => seedIncidents(tx));
});
after(() => t.close());

const publishedId = async () =>
  (await t.db.query<{ id: string }>("select id from incidents where status = 'published' order by title limit 1"))[0].id;

test("a member's first comment under an incident waits for moderation, then every reader sees it", async () => {
  const id = await publishedId();
  const member = await as(MEMBER);
  const editor = await as(EDITOR);
  const anon = new Client(t.app);
  // The section is there for a signed-out reader (no form, a way to sign in), and read once so it is cached.
  const before = await anon.get(`/incidents/${id}`);
  assert.equal(before.statusCode, 200);
  assert.match(before.body, /id="discussion"|class="discussion/);
  assert.doesNotMatch(before.body, /name="body"/);

  const first = await member.json('POST', '/api/v1/comments', { target: `incident:${id}`, body: 'Who confirmed the denial?' });
  assert.equal(first.statusCode, 201, first.body);
  assert.equal(first.json().status, 'pending');
  assert.equal(first.json().url, `/incidents/${id}#comment-${first.json().id}`);
  assert.doesNotMatch((await anon.get(`/incidents/${id}`)).body, /Who confirmed the denial/);
  assert.match((await member.get(`/incidents/${id}`)).body, /Who confirmed the denial/, 'its author sees it, waiting');
  assert.equal((await editor.json('POST', `/api/v1/comments/${first.json().id}/approve`, {})).statusCode, 200);
  assert.match((await anon.get(`/incidents/${id}`)).body, /Who confirmed the denial/, 'signed out, after approval');
  const api = (await anon.json('GET', `/api/v1/comments?target=incident:${id}`)).json().data;
  assert.equal(api[0].body, 'Who confirmed the denial?');

  // Through the page's form: a later comment appears at once, and the page is where it lands.
  await member.get(`/incidents/${id}`);
  const posted = await member.post('/comments', { target: `incident:${id}`, body: 'A second thought.' });
  assert.equal(posted.statusCode, 303);
  assert.match(String(posted.headers.location), new RegExp(`^/incidents/${id}#comment-`));
  assert.match((await anon.get(`/incidents/${id}`)).body, /A second thought/);
  const audit = await t.db.query<{ n: number }>(
    "select count(*)::int as n from audit_log where action = 'comment.create' and details->>'target' = $1",
    [`incident:${id}`],
  );
  assert.equal(audit[0].n, 2);
});

test('a draft, a made-up id and a signed-out writer are refused; the rate limit holds under an incident', async () => {
  const id = await publishedId();
  const editor = await as(EDITOR);
  const draft = (await editor.json('POST', '/api/v1/incidents', { title: 'Not public yet' })).json().id;
  const onDraft = await editor.json('POST', '/api/v1/comments', { target: `incident:${draft}`, body: 'Early.' });
  assert.equal(onDraft.statusCode, 400);
  assert.equal(onDraft.json().errors[0].field, 'target');
  assert.match((await editor.get(`/incidents/${draft}`)).body, /Not public yet/);
  assert.doesNotMatch((await editor.get(`/incidents/${draft}`)).body, /name="body"/, 'no discussion under a draft');
  for (const target of ['incident:00000000-0000-4000-8000-000000000000', 'incident:x', 'incident:'])
    assert.equal((await editor.json('POST', '/api/v1/comments', { target, body: 'Hm.' })).statusCode, 400, target);
  const anon = await t.app.inject({ method: 'POST', url: '/api/v1/comments', payload: { target: `incident:${id}`, body: 'x' } });
  assert.equal(anon.statusCode, 401);

  const poc = await as(POC);
  for (let i = 0; i < RATE.tenMinutes; i++)
    assert.equal((await poc.json('POST', '/api/v1/comments', { target: `incident:${id}`, body: `Note ${i}` })).statusCode, 201);
  const flood = await poc.json('POST', '/api/v1/comments', { target: `incident:${id}`, body: 'One too many' });
  assert.equal(flood.statusCode, 429);
});
