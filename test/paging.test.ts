// Paging the communications boxes on a unique key: threads sent in the same instant (to the microsecond)
// across a page boundary are each listed exactly once, through the API's next_cursor and the pages' "older"
// link; the older form of `before` (a time alone) still works; a malformed one is refused, naming the field.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type TestApp, testApp } from './support/app.ts';
import { sessionFor } from './support/auth.ts';

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(async () => {
  await t?.close();
});

const POC_A = 'poc@xaa.demo.cybernorms.example';
const POC_B = 'poc@xab.demo.cybernorms.example';
const SAME = '2026-02-03T04:05:06.789Z';

async function api(cookie: string, method: string, url: string, body?: unknown) {
  return t.app.inject({
    method: method as 'GET',
    url,
    headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
    payload: body ? JSON.stringify(body) : undefined,
  });
}

/** Every item of a box, a page of `limit` at a time through next_cursor. */
async function everyPage(cookie: string, box: string, limit: number) {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const url: string = `/api/v1/communications?box=${box}&limit=${limit}${cursor ? `&before=${encodeURIComponent(cursor)}` : ''}`;
    const res = await api(cookie, 'GET', url);
    assert.equal(res.statusCode, 200, res.body);
    const page = res.json() as { data: { id: string }[]; next_cursor: string | null };
    assert.ok(page.data.length <= limit);
    ids.push(...page.data.map((d) => d.id));
    cursor = page.next_cursor;
    if (!cursor) return ids;
  }
  throw new Error('paging did not end');
}

test('threads sharing the boundary time to the microsecond are each listed once, in every box', async () => {
  const a = await sessionFor(t.db, POC_A);
  const b = await sessionFor(t.db, POC_B);
  const sent: string[] = [];
  const drafts: string[] = [];
  for (let i = 0; i < 11; i++) {
    const body = {
      type: 'information',
      urgency: 'routine',
      tlp: 'green',
      recipients: ['XAB'],
      subject: `Tie ${i}`,
      body: `Tie ${i}.`,
    };
    const res = await api(a.cookie, 'POST', '/api/v1/communications', body);
    assert.equal(res.statusCode, 201, res.body);
    sent.push(res.json().id);
    const draft = await api(a.cookie, 'POST', '/api/v1/communications?draft=true', body);
    assert.equal(draft.statusCode, 201, draft.body);
    drafts.push(draft.json().id);
  }
  // All of them at one instant, as a burst can be.
  await t.db.query('update threads set sent_at = $2 where id = any($1::uuid[])', [sent, SAME]);
  await t.db.query('update thread_recipients set sent_at = $2 where thread_id = any($1::uuid[])', [sent, SAME]);
  await t.db.query('update threads set created_at = $2 where id = any($1::uuid[])', [drafts, SAME]);

  for (const limit of [1, 2, 3, 4, 5, 10]) {
    const inbox = await everyPage(b.cookie, 'inbox', limit);
    assert.equal(inbox.length, new Set(inbox).size, `inbox by ${limit}: a thread listed twice`);
    for (const id of sent) assert.ok(inbox.includes(id), `inbox by ${limit}: a thread skipped`);
    const out = await everyPage(a.cookie, 'sent', limit);
    assert.equal(out.length, new Set(out).size);
    for (const id of sent) assert.ok(out.includes(id), `sent by ${limit}: a thread skipped`);
    const own = await everyPage(a.cookie, 'drafts', limit);
    assert.equal(own.length, new Set(own).size);
    for (const id of drafts) assert.ok(own.includes(id), `drafts by ${limit}: a draft skipped`);
  }

  // The older form, a time alone, still lists what is older than it.
  const older = await api(b.cookie, 'GET', `/api/v1/communications?limit=200&before=${encodeURIComponent(SAME)}`);
  assert.equal(older.statusCode, 200, older.body);
  assert.ok(older.json().data.every((d: { id: string; sent_at: string }) => !sent.includes(d.id) && d.sent_at < SAME));

  // The pages: following "older" from the first page lists each thread once.
  const seen: string[] = [];
  let url: string | null = '/communications';
  while (url) {
    const res: { statusCode: number; body: string } = await t.app.inject({ url, headers: { cookie: b.cookie } });
    assert.equal(res.statusCode, 200);
    seen.push(...[...res.body.matchAll(/href="\/communications\/([0-9a-f-]{36})"/g)].map((m) => m[1]));
    const next = /<a rel="next" href="([^"]+)"/.exec(res.body)?.[1];
    url = next ? next.replaceAll('&amp;', '&') : null;
  }
  assert.equal(seen.length, new Set(seen).size);
  for (const id of sent) assert.ok(seen.includes(id));
});

test('a malformed cursor is refused, naming the field, on the API and the page', async () => {
  const b = await sessionFor(t.db, POC_B);
  for (const before of ['yesterday-ish', '2026-02-03T04:05:06.789000Z~not-a-uuid']) {
    const res = await api(b.cookie, 'GET', `/api/v1/communications?before=${encodeURIComponent(before)}`);
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(res.json().errors[0].field, 'before');
    const page = await t.app.inject({
      url: `/communications?before=${encodeURIComponent(before)}`,
      headers: { cookie: b.cookie },
    });
    assert.equal(page.statusCode, 400);
  }
});
