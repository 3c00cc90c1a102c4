// Comments end to end through the API and the pages, with a clock the test moves: a member's first
// comment waits for an editor, later ones appear at once; threaded replies; the 15-minute edit window;
// reports; hiding with a reason (editors still see it); bans; the honeypot and the rate limit; and every
// refusal names its reason and saves nothing. Every write is in the audit log.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { Client, clientAs } from '../../../test/support/client.ts';
import { fieldProblem } from '../../platform/errors.ts';
import type { ReasonCode, ReasonParams } from '../../platform/i18n/reasons.ts';
import { RATE } from './comments.service.ts';

let t: TestApp;
let now = new Date('2026-12-01T09:00:00Z').getTime();
const clock = () => new Date(now);
const MEMBER = 'member@demo.cybernorms.example';
const EDITOR = 'editor@demo.cybernorms.example';
const POC = 'poc@xaa.demo.cybernorms.example';

const as = (email: string) => clientAs(t, email, clock());
const count = async (sql = 'select count(*)::int as n from comments') => (await t.db.query<{ n: number }>(sql))[0].n;
const audits = async (action: string) => count(`select count(*)::int as n from audit_log where action = '${action}'`);

before(async () => {
  t = await testApp({ clock });
});
after(() => t.close());

test("a member's first comment waits for an editor; once approved it appears, and later ones appear at once", async () => {
  const member = await as(MEMBER);
  const editor = await as(EDITOR);
  const anon = new Client(t.app);
  const first = await member.json('POST', '/api/v1/comments', {
    target: 'norm:c',
    body: 'How fast should a State **acknowledge**? See https://example.org/guide',
  });
  assert.equal(first.statusCode, 201);
  assert.equal(first.json().status, 'pending');
  const id = first.json().id;
  // Readers do not see it; the author and editors do, marked.
  assert.deepEqual((await anon.json('GET', '/api/v1/comments?target=norm:c')).json().data, []);
  assert.equal((await member.json('GET', '/api/v1/comments?target=norm:c')).json().data[0].status, 'pending');
  assert.match((await member.get('/norms/c')).body, /Awaiting moderation/);
  assert.equal((await editor.json('GET', '/api/v1/moderation/queue')).json().items[0].id, id);

  assert.equal((await member.json('POST', `/api/v1/comments/${id}/approve`, {})).statusCode, 403);
  const approved = await editor.json('POST', `/api/v1/comments/${id}/approve`, {});
  assert.equal(approved.statusCode, 200);
  const page = (await anon.get('/norms/c')).body;
  assert.match(page, /<strong>acknowledge<\/strong>/);
  assert.match(page, /<a href="https:\/\/example.org\/guide" rel="nofollow ugc">/);
  assert.equal((await editor.json('GET', '/api/v1/moderation/queue')).json().items.length, 0);

  const second = await member.json('POST', '/api/v1/comments', { target: 'norm:c', body: 'A second thought.' });
  assert.equal(second.json().status, 'published');
  const reply = await editor.json('POST', '/api/v1/comments', { target: 'norm:c', body: 'A reply.', parentId: id });
  assert.equal(reply.json().status, 'published');
  const thread = (await anon.json('GET', '/api/v1/comments?target=norm:c')).json().data;
  assert.equal(thread.length, 2);
  assert.equal(thread[0].replies[0].body, 'A reply.');
  assert.equal(await audits('comment.create'), 3);
  assert.equal(await audits('comment.approve'), 1);
});

test('bad comments are refused with the reason and nothing is saved', async () => {
  const member = await as(MEMBER);
  const editor = await as(EDITOR);
  const [{ id: parent }] = await t.db.query<{ id: string }>(
    "select id::text from comments where status = 'published' order by id limit 1",
  );
  const hiddenOne = (await editor.json('POST', '/api/v1/comments', { target: 'norm:c', body: 'To be hidden.' })).json().id;
  await editor.json('POST', `/api/v1/comments/${hiddenOne}/hide`, { reason: 'Off topic' });
  const before = await count();
  const cases: [unknown, string, ReasonCode, ReasonParams?][] = [
    [{ target: 'norm:c', body: '   ' }, 'body', 'empty'],
    [{ target: 'norm:c', body: 'x'.repeat(5001) }, 'body', 'tooLong', { n: 5000 }],
    [{ target: 'norm:c', body: 'Hi', parentId: hiddenOne }, 'parentId', 'parentHidden'],
    [{ target: 'norm:c', body: 'Hi', parentId: '999999' }, 'parentId', 'notOnPage'],
    [{ target: 'norm:d', body: 'Hi', parentId: parent }, 'parentId', 'notOnPage'],
    [{ target: 'norm:z', body: 'Hi' }, 'target', 'commentTarget'],
    [{ target: 'lesson:nope', body: 'Hi' }, 'target', 'commentTarget'],
    [{ target: 'norm:c', body: 'Buy now', website: 'http://spam.example' }, 'website', 'mustBeEmpty'],
  ];
  for (const [body, field, code, params] of cases) {
    const res = await member.json('POST', '/api/v1/comments', body);
    assert.equal(res.statusCode, 400, JSON.stringify(body).slice(0, 80));
    assert.deepEqual(res.json().errors, [fieldProblem(field, code, params)]);
  }
  assert.equal(await count(), before);
  assert.equal((await new Client(t.app).json('POST', '/api/v1/comments', { target: 'norm:c', body: 'Hi' })).statusCode, 401);
  // A 5 000-character comment is fine.
  assert.equal((await member.json('POST', '/api/v1/comments', { target: 'norm:c', body: 'y'.repeat(5000) })).statusCode, 201);
  // The form comes back with the reason and what was typed.
  await member.get('/norms/c');
  const form = await member.post('/comments', { target: 'norm:c', body: '' });
  assert.equal(form.statusCode, 400);
  assert.match(form.body, /is empty/);
  assert.match(form.body, /href="\/norms\/c"/);
});

test('the author edits within 15 minutes; after that the edit is refused and nothing changes', async () => {
  const member = await as(MEMBER);
  const other = await as(POC);
  const id = (await member.json('POST', '/api/v1/comments', { target: 'lesson:un-process-origins', body: 'Frist draft' })).json()
    .id;
  assert.equal((await other.json('PATCH', `/api/v1/comments/${id}`, { body: 'Not mine' })).statusCode, 403);
  now += 14 * 60_000;
  const edited = await member.json('PATCH', `/api/v1/comments/${id}`, { body: 'First draft' });
  assert.equal(edited.statusCode, 200);
  assert.equal(edited.json().url, `/learn/un-process/un-process-origins#comment-${id}`);
  now += 60_001;
  const late = await member.json('PATCH', `/api/v1/comments/${id}`, { body: 'Too late' });
  assert.equal(late.statusCode, 409);
  assert.equal(late.json().code, 'EDIT_WINDOW_CLOSED');
  const [row] = await t.db.query<{ body: string; edited_at: Date }>('select body, edited_at from comments where id = $1', [id]);
  assert.equal(row.body, 'First draft');
  assert.equal((await member.get(`/comments/${id}/edit`)).statusCode, 409);
  assert.equal(await audits('comment.edit'), 1);
});

test('a reported comment reaches the queue; hidden, it keeps its reason for editors and shows a placeholder to others', async () => {
  const member = await as(MEMBER);
  const poc = await as(POC);
  const editor = await as(EDITOR);
  const id = (await member.json('POST', '/api/v1/comments', { target: 'norm:h', body: 'Rude remark' })).json().id;
  const reply = (
    await editor.json('POST', '/api/v1/comments', { target: 'norm:h', body: 'Please keep it civil.', parentId: id })
  ).json().id;
  assert.equal((await poc.json('POST', `/api/v1/comments/${id}/reports`, { reason: '' })).statusCode, 400);
  assert.equal((await poc.json('POST', `/api/v1/comments/${id}/reports`, { reason: 'Insulting' })).statusCode, 201);
  assert.equal((await poc.json('POST', `/api/v1/comments/${id}/reports`, { reason: 'Again' })).statusCode, 409);
  const queue = (await editor.json('GET', '/api/v1/moderation/queue')).json();
  assert.deepEqual(
    queue.items.map((i: { id: string; reports: { reason: string }[] }) => [i.id, i.reports[0]?.reason]),
    [[id, 'Insulting']],
  );
  assert.equal((await editor.json('POST', `/api/v1/comments/${id}/hide`, { reason: '' })).statusCode, 400);
  assert.equal(
    (await editor.json('POST', `/api/v1/comments/${id}/hide`, { reason: 'Insults another participant' })).statusCode,
    200,
  );
  const forReaders = (await poc.json('GET', '/api/v1/comments?target=norm:h')).json().data[0];
  assert.equal(forReaders.status, 'hidden');
  assert.equal(forReaders.body, '');
  assert.equal(forReaders.hiddenReason, null);
  assert.equal(forReaders.replies[0].id, reply, 'replies stay in place under the placeholder');
  const forEditors = (await editor.json('GET', '/api/v1/comments?target=norm:h')).json().data[0];
  assert.equal(forEditors.body, 'Rude remark');
  assert.equal(forEditors.hiddenReason, 'Insults another participant');
  assert.match((await editor.get('/norms/h')).body, /Insults another participant/);
  const page = (await poc.get('/norms/h')).body;
  assert.match(page, /This comment was hidden by a moderator/);
  assert.doesNotMatch(page, /Rude remark|Insults another/);
  assert.equal((await editor.json('GET', '/api/v1/moderation/queue')).json().items.length, 0);
  assert.equal(await audits('comment.report'), 1);
  assert.equal(await audits('comment.hide'), 2);
});

test('a banned member can no longer comment; the rate limit stops a flood', async () => {
  const editor = await as(EDITOR);
  const poc = await as(POC);
  const [{ id: pocId }] = await t.db.query<{ id: string }>('select id from users where email_key = $1', [POC]);
  // A burst of comments hits the limit and the extra one is not saved.
  for (let i = 0; i < RATE.tenMinutes; i++)
    assert.equal((await poc.json('POST', '/api/v1/comments', { target: 'norm:a', body: `Post ${i}` })).statusCode, 201);
  const before = await count();
  const flood = await poc.json('POST', '/api/v1/comments', { target: 'norm:a', body: 'One too many' });
  assert.equal(flood.statusCode, 429);
  assert.equal(await count(), before);
  now += 11 * 60_000;
  assert.equal((await poc.json('POST', '/api/v1/comments', { target: 'norm:a', body: 'Later' })).statusCode, 201);

  assert.equal((await editor.json('POST', '/api/v1/moderation/bans', { userId: pocId, reason: '' })).statusCode, 400);
  const ban = await editor.json('POST', '/api/v1/moderation/bans', { userId: pocId, reason: 'Repeated spam' });
  assert.equal(ban.statusCode, 201);
  assert.equal((await editor.json('POST', '/api/v1/moderation/bans', { userId: pocId, reason: 'Again' })).statusCode, 409);
  const refused = await poc.json('POST', '/api/v1/comments', { target: 'norm:a', body: 'Still here' });
  assert.equal(refused.statusCode, 403);
  assert.equal(refused.json().code, 'BANNED');
  assert.match((await poc.get('/norms/a')).body, /You can no longer comment/);
  assert.equal((await editor.json('GET', '/api/v1/moderation/queue')).json().bans[0].reason, 'Repeated spam');
  assert.equal(await audits('comment.ban'), 1);
});

test('links in comments cannot run script: raw HTML is text and javascript: links are dropped', async () => {
  const editor = await as(EDITOR);
  const body = '<script>alert(1)</script> <img src=x onerror=alert(1)> [click](javascript:alert(1)) [ok](/norms/b)';
  await editor.json('POST', '/api/v1/comments', { target: 'norm:b', body });
  const page = (await new Client(t.app).get('/norms/b')).body;
  const section = page.slice(page.indexOf('id="discussion"'));
  assert.doesNotMatch(section, /<script|<img|href="javascript:/i);
  assert.match(section, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.match(section, /<a href="\/norms\/b" rel="nofollow ugc">ok<\/a>/);
});
