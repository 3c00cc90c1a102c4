// Mail about a communication in each recipient's language (issue 16), at a real SMTP server: two officials
// of Samplestan, one who reads French and one English, are each told of the same communication in their own
// language (the State, type and urgency in words of that language, the date with its zone), then reminded and
// told it is overdue the same way; no mail says anything of the content.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { clientAs } from '../../../test/support/client.ts';
import { type ReceivedMail, startSmtp } from '../../../test/support/smtp.ts';

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let now = Date.parse('2026-12-01T09:00:00Z');
const clock = () => new Date(now);
const HOUR = 3600_000;

const POC_A = 'poc@xaa.demo.cybernorms.example';
/** Samplestan's POC, who reads English (the default). */
const POC_B = 'poc@xab.demo.cybernorms.example';
/** Samplestan's second diplomatic POC, who chose French. */
const CLAIRE = 'claire.dubois@mfa.xab.example.org';

const as = (email: string) => clientAs(t, email, clock());
/** Headers split a long subject into encoded words; compare without the spaces between them. */
const squeeze = (s: string) => s.replace(/\s+/g, '');
/** A mail's text with the line ends it was sent with (CRLF) made plain. */
const text = (m: ReceivedMail) => m.text.replace(/\r\n/g, '\n');
const SECRETS = ['Scanning', 'intrusion', '203.0.113.7', 'grid operator', 'Please help'];

before(async () => {
  smtp = await startSmtp();
  t = await testApp({ clock, mail: smtp.transport, publicUrl: 'https://cybernorms.example' });
  const [u] = await t.db.query<{ id: string }>(
    `insert into users (email, email_key, display_name, state_code, email_verified_at, totp_enabled_at)
     values ($1, $1, 'Claire Dubois', 'XAB', now(), now()) returning id`,
    [CLAIRE],
  );
  for (const role of ['member', 'poc_diplomatic'])
    await t.db.query('insert into user_roles (user_id, role, state_code, granted_by) values ($1, $2, $3, $4)', [
      u.id,
      role,
      role === 'member' ? null : 'XAB',
      'test',
    ]);
  // She chooses French, as anyone does, through the API.
  const set = await (await as(CLAIRE)).json('PATCH', '/api/v1/me', { language: 'fr' });
  assert.equal(set.statusCode, 200, set.body);
});
after(async () => {
  await t.close();
  await smtp.close();
});

test('the new-communication mail, its reminder and its escalation are in each recipient’s language', async () => {
  const sent = await (await as(POC_A)).json('POST', '/api/v1/communications', {
    type: 'assistance',
    urgency: 'urgent',
    tlp: 'amber',
    recipients: ['XAB'],
    subject: 'Scanning and intrusion attempts from addresses in Samplestan',
    body: 'Since 06:00 UTC our CERT sees intrusion attempts against the grid operator from 203.0.113.7.',
    actionRequested: 'Please help identify and stop the activity.',
  });
  assert.equal(sent.statusCode, 201, sent.body);
  const id = sent.json().id;

  const english = await smtp.waitFor(POC_B, (m) => /communication from/.test(m.subject));
  assert.equal(english.subject, '[TLP:AMBER] Urgent communication from Demoland (demo) waiting for you');
  assert.match(text(english), /^Dear Paz Contact \(Samplestan, demo\),/);
  assert.match(text(english), /Type: Request for assistance\nUrgency: Urgent\nMarking: TLP:AMBER/);
  assert.match(text(english), /acknowledge receipt by December 1, 2026 at 11:00 UTC\./);
  assert.match(text(english), /Acknowledging confirms receipt only; it does not mean agreeing with the content\./);

  const french = await smtp.waitFor(CLAIRE, (m) => m.text.includes(`/communications/${id}`));
  assert.equal(
    squeeze(french.subject),
    squeeze('[TLP:AMBER] Urgente – communication en attente – État expéditeur : Démoland (démo)'),
  );
  assert.match(text(french), /^Bonjour Claire Dubois,/);
  assert.match(
    text(french),
    /État expéditeur : Démoland \(démo\)\nType : Demande d’assistance\nUrgence : Urgente\nMarquage : TLP:AMBER/,
  );
  assert.match(text(french), /Son contenu se trouve uniquement dans la plateforme/);
  assert.match(text(french), /accuser réception avant le 1 décembre 2026 à 11:00 UTC\./);
  assert.match(
    text(french),
    /Accuser réception confirme seulement la réception ; cela ne signifie pas que vous approuvez le contenu\./,
  );
  assert.match(text(french), new RegExp(`https://cybernorms.example/communications/${id}`));
  for (const mail of [english, french])
    for (const secret of SECRETS) assert.ok(!mail.text.includes(secret) && !mail.subject.includes(secret), secret);

  // Three quarters of the two hours later, the reminder; at the deadline, the escalation: each in its language.
  now += 1.5 * HOUR + 1000;
  await t.app.jobs.runDue();
  await t.app.outbox.flush();
  const reminded = await smtp.waitFor(CLAIRE, (m) => /Rappel/.test(m.subject));
  assert.equal(
    squeeze(reminded.subject),
    squeeze('[TLP:AMBER] Rappel : accusez réception de la communication – État expéditeur : Démoland (démo)'),
  );
  assert.match(text(reminded), /avant le 1 décembre 2026 à 11:00 UTC/);
  assert.match(text(await smtp.waitFor(POC_B, (m) => /Reminder: acknowledge/.test(m.subject))), /^Dear Paz Contact/);
  now += 0.5 * HOUR;
  await t.app.jobs.runDue();
  await t.app.outbox.flush();
  const overdue = await smtp.waitFor(CLAIRE, (m) => /Délaidépassé/.test(squeeze(m.subject)));
  assert.match(
    text(overdue),
    /n’a pas fait l’objet d’un accusé de réception dans le délai prévu \(échéance : 1 décembre 2026 à 11:00 UTC\)/,
  );
  assert.match(text(overdue), new RegExp(`https://cybernorms.example/communications/${id}`));
  const english2 = await smtp.waitFor(POC_B, (m) => /Overdue/.test(m.subject));
  assert.equal(english2.subject, '[TLP:AMBER] Overdue: a communication from Demoland (demo) is not acknowledged');
  for (const mail of [reminded, overdue, english2]) {
    assert.doesNotMatch(text(mail), /poc_|focal_point|\burgent\b/);
    for (const secret of SECRETS) assert.ok(!mail.text.includes(secret), secret);
  }
});
