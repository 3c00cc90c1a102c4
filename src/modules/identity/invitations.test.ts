// One open invitation per address and State: inviting the same address again is refused with the field named
// and nothing is created or mailed; once the first is revoked the address can be invited again; a focal point
// nominating the same contact twice gets one invitation, not two.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { clientAs } from '../../../test/support/client.ts';

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

const count = async (email: string) =>
  (
    await t.db.query<{ n: number }>('select count(*)::int as n from invitations where lower(email) = $1 and revoked_at is null', [
      email,
    ])
  )[0].n;
const mails = async (email: string) =>
  (await t.db.query<{ n: number }>('select count(*)::int as n from outbox where lower(recipient) = $1', [email]))[0].n;

test('a second invitation of the same address to the same State is refused, naming the address', async () => {
  const focal = await clientAs(t, 'focal@xaa.demo.cybernorms.example');
  const email = 'second.poc@demoland.example';
  const first = await focal.json('POST', '/api/v1/invitations', { email, state: 'XAA', roles: ['poc_technical'] });
  assert.equal(first.statusCode, 201, first.body);
  const mailed = await mails(email);
  const again = await focal.json('POST', '/api/v1/invitations', {
    email: 'Second.POC@demoland.example',
    state: 'XAA',
    roles: ['poc_technical'],
  });
  assert.equal(again.statusCode, 400, again.body);
  assert.deepEqual(
    again.json().errors.map((e: { field: string; code: string }) => [e.field, e.code]),
    [['email', 'alreadyInvited']],
  );
  assert.equal(await count(email), 1);
  assert.equal(await mails(email), mailed, 'no second mail');
  // Revoked, the address can be invited again.
  const revoked = await focal.json('DELETE', `/api/v1/invitations/${first.json().id}`);
  assert.equal(revoked.statusCode, 200, revoked.body);
  const third = await focal.json('POST', '/api/v1/invitations', { email, state: 'XAA', roles: ['poc_technical'] });
  assert.equal(third.statusCode, 201, third.body);
  assert.equal(await count(email), 1);
});
