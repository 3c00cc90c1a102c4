// Confidential reads leave exactly one audit entry per view (issue 13, item 6): another State's shared
// report, a State's own draft and the comparison of its cycles, the communications boxes (they show
// subjects), the manager's metadata view, the administrator's list of accounts, the manager's list of
// communication-check rounds, a State's capacity offers and its communication-check record. Each is read
// through the page and the API as a person would; the entry names the reader, counts what was shown and
// never carries the content. Public reads (a published report, public pages) leave none.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, testApp } from './support/app.ts';
import { type Client, clientAs } from './support/client.ts';

let t: TestApp;
const ADMIN = 'admin@demo.cybernorms.example';
const MANAGER = 'manager@demo.cybernorms.example';
const FOCAL_A = 'focal@xaa.demo.cybernorms.example';
const POC_A = 'poc@xaa.demo.cybernorms.example';
const POC_B = 'poc@xab.demo.cybernorms.example';
const SUBJECT = 'Scanning from addresses in Samplestan (audit-reads test)';

interface Entry {
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  details: Record<string, unknown>;
}

const as = (email: string) => clientAs(t, email);
const userId = async (email: string) =>
  (await t.db.query<{ id: string }>('select id from users where email_key = $1', [email]))[0].id;
const lastId = async () => Number((await t.db.query<{ id: string | null }>('select max(id) as id from audit_log'))[0].id ?? 0);
const since = (id: number) =>
  t.db.query<Entry>('select actor, action, entity, entity_id, details from audit_log where id > $1 order by id', [id]);

/** Does the read; it must answer 200 and leave exactly one audit entry, of this action, by this reader. */
async function readsOnce(
  who: string,
  read: (c: Client) => Promise<{ statusCode: number; body: string }>,
  action: string,
): Promise<Entry> {
  const c = await as(who);
  const before = await lastId();
  const res = await read(c);
  assert.equal(res.statusCode, 200, res.body.slice(0, 300));
  const entries = await since(before);
  assert.deepEqual(
    entries.map((e) => e.action),
    [action],
    `one ${action} entry for the view, nothing else: ${JSON.stringify(entries)}`,
  );
  assert.equal(entries[0].actor, `user:${await userId(who)}`);
  return entries[0];
}

/** The read must answer 200 and leave no audit entry at all. */
async function readsUnrecorded(read: () => Promise<{ statusCode: number; body: string }>) {
  const before = await lastId();
  const res = await read();
  assert.equal(res.statusCode, 200, res.body.slice(0, 300));
  assert.deepEqual(await since(before), [], 'a public read is not recorded');
}

before(async () => {
  t = await testApp();
  // Something to list in each view: a communication from Demoland to Samplestan, an offer of help for
  // Demoland's published need, and a communication-check round for Demoland.
  const poc = await as(POC_A);
  const sent = await poc.json('POST', '/api/v1/communications', {
    type: 'notification',
    urgency: 'routine',
    tlp: 'amber',
    recipients: ['XAB'],
    subject: SUBJECT,
    body: 'Our CERT sees scanning of the grid operator from the addresses below.',
  });
  assert.equal(sent.statusCode, 201, sent.body);
  const offer = await (await as(POC_B)).json('POST', '/api/v1/capacity/offers', {
    state: 'XAA',
    cycle: 2025,
    question: 'norm.c.gaps',
    message: 'Samplestan can train two analysts (audit-reads test).',
  });
  assert.equal(offer.statusCode, 201, offer.body);
  const round = await (await as(MANAGER)).json('POST', '/api/v1/ping-rounds', {
    title: 'Audit-reads check',
    scope: { kind: 'states', states: ['XAA'] },
    deadline: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    reminderHours: 24,
  });
  assert.equal(round.statusCode, 201, round.body);
});
after(() => t.close());

describe('reports that are not public', () => {
  test("another State's shared report: the page and the API each leave one report.read", async () => {
    for (const read of [
      (c: Client) => c.get('/states/XAB/reports/2026'),
      (c: Client) => c.json('GET', '/api/v1/states/XAB/reports/2026'),
    ]) {
      const e = await readsOnce(FOCAL_A, read, 'report.read');
      assert.equal(e.entity, 'report');
      assert.equal(e.details.state, 'XAB');
      assert.equal(e.details.cycle, 2026);
      assert.equal(e.details.visibility, 'shared');
      assert.equal(e.details.answers, 5, 'how many answers were shown');
      assert.doesNotMatch(JSON.stringify(e.details), /Samplestan seeks support/, 'never the answers themselves');
    }
  });

  test("a State's own draft: one report.read", async () => {
    for (const read of [
      (c: Client) => c.get('/states/XAA/reports/2026'),
      (c: Client) => c.json('GET', '/api/v1/states/XAA/reports/2026'),
    ]) {
      const e = await readsOnce(FOCAL_A, read, 'report.read');
      assert.equal(e.details.status, 'draft');
      assert.equal(e.details.answers, 2);
    }
  });

  test('the comparison of two cycles, one of them a draft: one report.diff, not a read per side', async () => {
    const e = await readsOnce(FOCAL_A, (c) => c.get('/states/XAA/reports/2026/diff?with=2025'), 'report.diff');
    assert.equal(e.details.cycle, 2026);
    assert.equal(e.details.with, 2025);
    assert.equal(typeof e.details.rows, 'number');
    assert.ok((e.details.rows as number) > 0);
  });

  test("a draft's export: one report.export", async () => {
    for (const format of ['json', 'csv']) {
      const e = await readsOnce(
        FOCAL_A,
        (c) => c.get(`/api/v1/states/XAA/reports/2026/export?format=${format}`),
        'report.export',
      );
      assert.equal(e.details.format, format);
      assert.equal(e.details.answers, 2, 'how many answers it carried, not the answers');
    }
  });

  test('a public report is public: read signed out or signed in, by page or API, it leaves no entry', async () => {
    await readsUnrecorded(() => t.app.inject('/states/XAA/reports/2025'));
    await readsUnrecorded(() => t.app.inject('/api/v1/states/XAA/reports/2025'));
    const other = await as(POC_B);
    await readsUnrecorded(() => other.get('/states/XAA/reports/2025'));
    await readsUnrecorded(() => other.json('GET', '/api/v1/states/XAA/reports/2025'));
    await readsUnrecorded(() => t.app.inject('/compare?states=XAA,XAB&cycle=2025'));
    await readsUnrecorded(() => t.app.inject('/capacity'));
  });
});

describe('communications', () => {
  test('the inbox, sent and drafts lists (they show subjects): one communication.list per view', async () => {
    const sent = await readsOnce(POC_A, (c) => c.get('/communications?box=sent'), 'communication.list');
    assert.equal(sent.details.box, 'sent');
    assert.equal(sent.details.items, 1);
    assert.doesNotMatch(JSON.stringify(sent.details), /Samplestan \(audit/, 'never the subjects');
    const inbox = await readsOnce(POC_B, (c) => c.json('GET', '/api/v1/communications?box=inbox'), 'communication.list');
    assert.equal(inbox.entity_id, 'XAB');
    assert.equal(inbox.details.items, 1);
    const drafts = await readsOnce(POC_A, (c) => c.json('GET', '/api/v1/communications?box=drafts'), 'communication.list');
    assert.equal(drafts.details.box, 'drafts');
  });

  test("the manager's metadata view, page and API: one communication.metadata_read", async () => {
    for (const read of [
      (c: Client) => c.get('/communications/overview'),
      (c: Client) => c.json('GET', '/api/v1/communications-metadata'),
    ]) {
      const e = await readsOnce(MANAGER, read, 'communication.metadata_read');
      assert.ok((e.details.items as number) >= 1);
    }
  });
});

describe('accounts, communication checks and capacity offers', () => {
  test("the administrator's list of accounts with their addresses: one users.read", async () => {
    const e = await readsOnce(ADMIN, (c) => c.get('/admin'), 'users.read');
    assert.ok((e.details.users as number) >= 8);
    assert.doesNotMatch(JSON.stringify(e.details), /@/, 'never the addresses');
  });

  test("the manager's list of rounds: one ping.rounds_read", async () => {
    const e = await readsOnce(MANAGER, (c) => c.get('/directory/rounds'), 'ping.rounds_read');
    assert.equal(e.details.rounds, 1);
  });

  test("a State's communication-check record, page and API: one ping.state_history_read", async () => {
    for (const [who, read] of [
      [POC_A, (c: Client) => c.get('/directory/states/XAA/pings')],
      [MANAGER, (c: Client) => c.json('GET', '/api/v1/directory/states/XAA/pings')],
    ] as const) {
      const e = await readsOnce(who, read, 'ping.state_history_read');
      assert.equal(e.entity_id, 'XAA');
      assert.equal(e.details.rounds, 1);
      assert.ok((e.details.contacts as number) >= 1);
    }
  });

  test("a State's capacity offers, page and API: one capacity.offers.read", async () => {
    for (const [who, read] of [
      [FOCAL_A, (c: Client) => c.get('/states/XAA/capacity')],
      [POC_B, (c: Client) => c.json('GET', '/api/v1/states/XAB/capacity-offers')],
    ] as const) {
      const e = await readsOnce(who, read, 'capacity.offers.read');
      assert.equal(e.details.offers, 1);
      assert.doesNotMatch(JSON.stringify(e.details), /train two analysts/, 'never the message');
    }
  });
});
