// A communication check's link (issue 17, point 2) and its mail in the contact's language (issue 16), with
// mail at a real SMTP server and a clock the test moves. Mail gateways open every link in incoming mail, so
// opening the link (GET or HEAD) must change nothing: it shows a page with one button, and only the POST
// that button makes, carrying the page's form token, confirms. A contact whose first working language is
// Spanish is written to, reminded and shown the page in Spanish; an unknown link is a 404 page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { Client, clientAs } from '../../../test/support/client.ts';
import { linkIn, type ReceivedMail, startSmtp } from '../../../test/support/smtp.ts';
import { contactLanguage } from './rounds.service.ts';

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let now = 0;
const clock = () => new Date(now);
const HOUR = 3600_000;

const FOCAL = 'focal@xaa.demo.cybernorms.example';
const MANAGER = 'manager@demo.cybernorms.example';
const LUCIA = {
  kind: 'technical',
  name: 'Lucía Fernández',
  position: 'Analista de incidentes',
  institution: 'CSIRT nacional',
  email: 'lucia@csirt.xaa.example.org',
  phone: '+54 11 4342 0000',
  languages: ['es', 'en'],
  timeZone: 'America/Argentina/Buenos_Aires',
  allDay: true,
  networks: ['GLOBAL'],
};

const as = (email: string) => clientAs(t, email, clock());
const text = (m: ReceivedMail) => m.text.replace(/\r\n/g, '\n');
const squeeze = (s: string) => s.replace(/\s+/g, '');

let roundId = '';
let link = '';
/** The link of a contact who never confirms. */
let unanswered = '';

before(async () => {
  smtp = await startSmtp();
  t = await testApp({ clock, mail: smtp.transport, publicUrl: 'http://cybernorms.test' });
  now = Date.now() + 1000;
});
after(async () => {
  await t.close();
  await smtp.close();
});

/** How many of the round's contacts have confirmed, as its report says. */
async function confirmed(): Promise<number> {
  const report = await (await as(MANAGER)).json('GET', `/api/v1/ping-rounds/${roundId}`);
  assert.equal(report.statusCode, 200, report.body);
  return report.json().overall.confirmed;
}

test('the contact’s language: the first working language if one of the six, else the account’s, else English', () => {
  const accounts = new Map([['u1', 'ru']]);
  assert.equal(contactLanguage({ languages: ['es', 'en'], userId: 'u1' }, accounts), 'es');
  assert.equal(contactLanguage({ languages: ['pt', 'fr'], userId: 'u1' }, accounts), 'ru');
  assert.equal(contactLanguage({ languages: ['pt', 'fr'], userId: null }, accounts), 'en');
  assert.equal(contactLanguage({ languages: [], userId: 'u2' }, accounts), 'en');
  assert.equal(contactLanguage({ languages: ['ZH'], userId: null }, accounts), 'zh');
});

test('the check is mailed to a Spanish-speaking contact in Spanish, the link to press a button', async () => {
  const nominated = await (await as(FOCAL)).json('POST', '/api/v1/directory/states/XAA/contacts', LUCIA);
  assert.equal(nominated.statusCode, 201, nominated.body);
  const started = await (await as(MANAGER)).json('POST', '/api/v1/ping-rounds', {
    title: 'Comprobación de marzo',
    scope: { kind: 'states', states: ['XAA'] },
    deadline: new Date(now + 3 * 86_400_000).toISOString(),
    reminderHours: 24,
  });
  assert.equal(started.statusCode, 201, started.body);
  roundId = started.json().id;
  const mail = await smtp.waitFor(LUCIA.email, (m) => /marzo/.test(m.subject));
  assert.equal(squeeze(mail.subject), squeeze('Comprobación de comunicación: Comprobación de marzo'));
  const body = text(mail);
  assert.match(body, /^Estimado\/a Lucía Fernández:/);
  assert.match(body, /Su registro: punto de contacto técnico, Demolandia \(demo\)\./);
  assert.match(body, /antes del \d{1,2} de [a-z]+ de \d{4} a las \d\d:\d\d UTC que recibe los mensajes/);
  assert.match(body, /abra este enlace y pulse el botón de la página/);
  assert.match(body, /Abrir el enlace no basta ni cambia nada/);
  assert.doesNotMatch(body, /technical|diplomatic/);
  link = new URL(linkIn(mail, '/ping')).pathname;
  // Another contact of the round, whose first working language is English, is written to in English.
  const english = await smtp.waitFor('diplomat@xaa.demo.cybernorms.example', (m) => /marzo/.test(m.subject));
  assert.match(text(english), /Your entry: diplomatic point of contact, Demoland \(demo\)\./);
  assert.match(text(english), /open this link and press the button on the page/);
  unanswered = new URL(linkIn(english, '/ping')).pathname;
});

test('opening the link (GET, HEAD) shows the button in Spanish and changes nothing; a forged post is refused', async () => {
  // A mail gateway opens the link, with no cookie: a page, nothing confirmed.
  const gateway = await t.app.inject({ method: 'GET', url: link });
  assert.equal(gateway.statusCode, 200);
  assert.equal(gateway.headers['content-language'], 'es');
  assert.match(gateway.body, /<html lang="es" dir="ltr">/);
  assert.match(gateway.body, /<form method="post" action="\/ping\/[A-Za-z0-9_-]+"/);
  assert.match(gateway.body, /<button type="submit">Confirmar que recibo los mensajes enviados a esta dirección<\/button>/);
  assert.match(gateway.body, /Abrir esta página no cambió nada/);
  assert.equal((await t.app.inject({ method: 'HEAD', url: link })).statusCode, 200);
  for (let i = 0; i < 3; i++) await t.app.inject({ method: 'GET', url: link, headers: { 'user-agent': 'MailScanner/1.0' } });
  assert.equal(await confirmed(), 0);
  assert.equal(
    (await t.db.query('select 1 from audit_log where action = $1', ['ping.confirm'])).length,
    0,
    'no confirmation recorded',
  );

  // A post without the page's token (another site's form, a scanner) is refused and changes nothing.
  const visitor = new Client(t.app);
  await visitor.get(link);
  assert.equal((await visitor.post(link, {}, { csrf: null })).statusCode, 403);
  assert.equal((await visitor.post(link, {}, { csrf: 'x'.repeat(43) })).statusCode, 403);
  const bare = await t.app.inject({ method: 'POST', url: link });
  assert.equal(bare.statusCode, 403);
  assert.equal(await confirmed(), 0);
});

test('the reminder is in Spanish too', async () => {
  now += 24 * HOUR + 1000;
  await t.app.jobs.runDue();
  await t.app.outbox.flush();
  const reminder = await smtp.waitFor(LUCIA.email, (m) => /Recordatorio/.test(m.subject));
  assert.equal(squeeze(reminder.subject), squeeze('Recordatorio n.º 1: comprobación de comunicación: Comprobación de marzo'));
  assert.match(text(reminder), /pulse el botón de la página/);
});

test('pressing the button confirms, once; the page says so in Spanish', async () => {
  const visitor = new Client(t.app);
  await visitor.get(link);
  const done = await visitor.post(link);
  assert.equal(done.statusCode, 200, done.body.slice(0, 300));
  assert.match(done.body, /<html lang="es"/);
  assert.match(done.body, /<h1>Confirmado<\/h1>/);
  assert.match(done.body, /Gracias, Lucía Fernández/);
  assert.equal(await confirmed(), 1);
  const again = await visitor.post(link);
  assert.equal(again.statusCode, 409);
  assert.match(again.body, /Ya confirmado/);
  const opened = await visitor.get(link);
  assert.equal(opened.statusCode, 409);
  assert.doesNotMatch(opened.body, /<button type="submit">Confirmar/);
  assert.equal(await confirmed(), 1);
  // The reader may pick another language: the link's page follows the choice.
  assert.match((await visitor.get(`${link}?lang=fr`)).body, /<h1>Déjà confirmé<\/h1>/);
});

test('an unknown or malformed link is a 404 page, opened or posted; after the deadline a 410 page', async () => {
  const visitor = new Client(t.app);
  for (const url of ['/ping/not-a-real-token-at-all-xxxxxxxxxxxx', '/ping/x', `${link.slice(0, -4)}AAAA`]) {
    const opened = await visitor.get(url);
    assert.equal(opened.statusCode, 404, url);
    assert.match(opened.headers['content-type'] as string, /^text\/html/);
    assert.match(opened.body, /This link cannot be used/);
    await visitor.get('/sign-in');
    assert.equal((await visitor.post(url)).statusCode, 404, url);
  }
  now += 3 * 86_400_000;
  await t.app.jobs.runDue();
  const late = await visitor.get(unanswered);
  assert.equal(late.statusCode, 410);
  assert.match(late.body, /has closed\. Nothing was changed\./);
  assert.equal((await visitor.post(unanswered)).statusCode, 410);
  assert.equal((await visitor.get(link)).statusCode, 409, 'a confirmed task still says so after the round closed');
  assert.equal(await confirmed(), 1);
});
