// The officials' home, through the real app on the database mode under test: a communication sent to a State
// shows on its POC's desk with its deadline until it is acknowledged, and on nobody else's; an assistance
// request acknowledged but unanswered is a response due; a member's desk has nothing; signed out is sent to
// sign in; signing in lands there; and opening it changes nothing but the audit of what it listed.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { Client, clientAs } from '../../../test/support/client.ts';

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

const as = (email: string) => clientAs(t, email);
const REQUEST = {
  type: 'assistance',
  urgency: 'urgent',
  tlp: 'amber',
  recipients: ['XAB'],
  subject: 'Help needed: the grid operator is under attack',
  body: 'Our CERT sees a destructive intrusion at the grid operator; the activity comes from addresses in Samplestan.',
  norms: ['h'],
  sectors: ['energy'],
  indicators: [],
  actionRequested: 'Please help us stop the activity.',
  actionDue: '2026-12-31',
};

test('what waits for a State shows on its official’s desk with the deadline, and goes once it is done', async () => {
  const sender = await as('poc@xaa.demo.cybernorms.example');
  const sent = await sender.json('POST', '/api/v1/communications', REQUEST);
  assert.equal(sent.statusCode, 201, sent.body);
  const id = sent.json().id;

  const receiver = await as('poc@xab.demo.cybernorms.example');
  const desk = await receiver.get('/desk');
  assert.equal(desk.statusCode, 200);
  assert.equal(desk.headers['cache-control'], 'no-store');
  assert.match(desk.body, /Communications awaiting your State’s acknowledgement/);
  assert.match(desk.body, new RegExp(`<a href="/communications/${id}">Help needed: the grid operator is under attack</a>`));
  assert.match(desk.body, /Demoland \(demo\) · Urgent · TLP:AMBER/);
  assert.match(desk.body, /Due: <time datetime="[^"]+">[^<]+ UTC<\/time>/);

  // The sender's desk does not list it as waiting for them; a member has nothing.
  assert.doesNotMatch((await sender.get('/desk')).body, /awaiting your State’s acknowledgement/);
  const member = await (await as('member@demo.cybernorms.example')).get('/desk');
  assert.equal(member.statusCode, 200);
  assert.match(member.body, /Nothing needs you now\./);

  // Acknowledged, it is no longer awaiting acknowledgement: a response is due instead.
  const ack = await receiver.json('POST', `/api/v1/communications/${id}/acknowledge`, {});
  assert.equal(ack.statusCode, 200, ack.body);
  const after = (await receiver.get('/desk')).body;
  assert.doesNotMatch(after, /awaiting your State’s acknowledgement/);
  assert.match(after, /Responses due/);
  assert.match(after, new RegExp(`/communications/${id}`));
});

test('a desk reads the inbox once for its two sections from it, so its reading is audited once', async () => {
  const inboxReads = async () =>
    (
      await t.db.query<{ n: number }>(
        "select count(*)::int as n from audit_log where action = 'communication.list' and details->>'box' = 'inbox'",
      )
    )[0].n;
  const receiver = await as('poc@xab.demo.cybernorms.example');
  const before = await inboxReads();
  const desk = await receiver.get('/desk');
  assert.equal(desk.statusCode, 200);
  assert.match(desk.body, /Responses due/, 'a section from the inbox');
  assert.equal(await inboxReads(), before + 1, 'one reading of the inbox');
  // Each page its own reading: a second desk reads it again.
  await receiver.get('/desk');
  assert.equal(await inboxReads(), before + 2);
});

test('signed out, the desk sends to sign in; signed in, an official lands on it; a GET changes nothing', async () => {
  const anon = new Client(t.app);
  const res = await anon.get('/desk');
  assert.equal(res.statusCode, 303);
  assert.match(String(res.headers.location), /^\/sign-in\?next=%2Fdesk/);
  const focal = await as('focal@xaa.demo.cybernorms.example');
  const changes = async () =>
    (
      await t.db.query<{ n: number }>(
        `select count(*)::int as n from audit_log where action !~ '[._](read|list|export)$' and action <> 'access.denied'`,
      )
    )[0].n;
  const before = await changes();
  for (let i = 0; i < 3; i++) assert.equal((await focal.get('/desk')).statusCode, 200);
  assert.equal(await changes(), before);
  // The header of every page links to it, beside the person's name.
  assert.match((await focal.get('/norms/c')).body, /<a href="\/desk"[^>]*class="desk-link">What needs you<\/a>/);
  assert.match((await focal.get('/desk?lang=fr')).body, /<h1>Ce qui vous attend<\/h1>/);
});
