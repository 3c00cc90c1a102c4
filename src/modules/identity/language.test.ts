// Mail in the recipient's language (issue 16), with mail at a real SMTP server: a new account takes the
// language of the request that made it; each person changes theirs on the account page (no JavaScript) or
// through the API, a bad value refused with the field named and every change audited; the links mailed to an
// account (verification, reset, "someone tried to register") are in its language, whoever asked; an
// invitation is in the language the inviter chose, its roles and State named in words of that language.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { Client, clientAs, fieldsOf } from '../../../test/support/client.ts';
import { linkIn, startSmtp } from '../../../test/support/smtp.ts';
import { verifyAudit } from '../../platform/audit.ts';

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
const now = Date.parse('2026-11-24T09:00:00Z');
const clock = () => new Date(now);

const FOCAL = 'focal@xaa.demo.cybernorms.example';
const ADMIN = 'admin@demo.cybernorms.example';
const MEMBER = 'member@demo.cybernorms.example';
const GOOD = 'lantern orchard velvet 42';

before(async () => {
  smtp = await startSmtp();
  t = await testApp({ clock, mail: smtp.transport, publicUrl: 'http://cybernorms.test' });
});
after(async () => {
  await t.close();
  await smtp.close();
});

const as = (email: string) => clientAs(t, email, clock());
const languageOf = async (email: string) =>
  (await t.db.query<{ language: string }>('select language from users where email_key = $1', [email]))[0]?.language;
const audited = (email: string) =>
  t.db.query<{ details: { from: string; to: string } }>(
    `select a.details from audit_log a join users u on a.entity_id = u.id::text
     where a.action = 'user.language' and u.email_key = $1 order by a.id`,
    [email],
  );
/** Headers split a long subject into encoded words; compare without the spaces between them. */
const squeeze = (s: string) => s.replace(/\s+/g, '');

describe('the language of an account', () => {
  test('a new account takes the language of the request that made it, and its first mail is in it', async () => {
    const c = new Client(t.app);
    await c.get('/register?lang=fr');
    const email = 'claire.martin@example.org';
    assert.equal((await c.post('/register', { displayName: 'Claire Martin', email, password: GOOD })).statusCode, 200);
    assert.equal(await languageOf(email), 'fr');
    const mail = await smtp.waitFor(email);
    assert.equal(squeeze(mail.subject), squeeze('Confirmez votre adresse électronique pour cybernorms'));
    assert.match(mail.text, /^Bonjour Claire Martin,/);
    // The link's deadline is a date in French, in UTC, named: 24 hours after the clock's 24 November 09:00.
    assert.match(mail.text, /avant le 25 novembre 2026 à 09:00 UTC/);
    assert.match(linkIn(mail, '/verify'), /^http:\/\/cybernorms\.test\/verify\//);
  });

  test('the account page offers the six languages, each named in itself, and saves the choice without JavaScript', async () => {
    const c = await as(MEMBER);
    const page = await c.get('/account');
    assert.equal(page.statusCode, 200);
    const select = /<select id="f-language" name="language"[^>]*>([\s\S]*?)<\/select>/.exec(page.body)?.[1] ?? '';
    for (const [code, name] of [
      ['en', 'English'],
      ['fr', 'Français'],
      ['es', 'Español'],
      ['ru', 'Русский'],
      ['ar', 'العربية'],
      ['zh', '中文'],
    ])
      assert.match(select, new RegExp(`<option value="${code}" lang="${code}"[^>]*>${name}</option>`));
    assert.match(select, /<option value="en" lang="en" selected[^>]*>/);

    const saved = await c.post('/account/language', { language: 'es' });
    assert.equal(saved.statusCode, 200);
    assert.match(saved.body, /Saved: mail to you will be written in this language: Español/);
    assert.match(saved.body, /<option value="es" lang="es" selected/);
    assert.equal(await languageOf(MEMBER), 'es');

    // A value that is not one of the six is refused, the field named in the reader's language; nothing changes.
    const bad = await c.post('/account/language?lang=fr', { language: 'de' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /<a href="#f-language">Langue de vos courriels\s?: doit être l’une des valeurs suivantes/);
    assert.match(bad.body, /aria-invalid="true"/);
    // A form from elsewhere, without the page's token, changes nothing.
    assert.equal((await c.post('/account/language', { language: 'zh' }, { csrf: null })).statusCode, 403);
    assert.equal(await languageOf(MEMBER), 'es');
    assert.deepEqual(
      (await audited(MEMBER)).map((a) => a.details),
      [{ from: 'en', to: 'es' }],
    );
  });

  test('the API reads and changes it; a bad value is a 400 naming the field; a read-only token changes nothing', async () => {
    const c = await as(MEMBER);
    assert.equal((await c.json('GET', '/api/v1/me')).json().language, 'es');
    const changed = await c.json('PATCH', '/api/v1/me', { language: 'ru' });
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal(changed.json().language, 'ru');
    assert.equal((await c.json('GET', '/api/v1/me')).json().language, 'ru');
    for (const language of ['de', 'RU', '', 7]) {
      const bad = await c.json('PATCH', '/api/v1/me', { language });
      assert.equal(bad.statusCode, 400, `${language}: ${bad.body}`);
      assert.deepEqual(fieldsOf(bad), ['language']);
    }
    // Saying the same again is no change, and is not audited.
    assert.equal((await c.json('PATCH', '/api/v1/me', { language: 'ru' })).statusCode, 200);
    const made = await c.json('POST', '/api/v1/tokens', { name: 'reader', scope: 'read', expiresInDays: 30 });
    const refused = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${made.json().token}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ language: 'zh' }),
    });
    assert.equal(refused.statusCode, 403, refused.body);
    assert.equal(await languageOf(MEMBER), 'ru');
    assert.deepEqual(
      (await audited(MEMBER)).map((a) => a.details),
      [
        { from: 'en', to: 'es' },
        { from: 'es', to: 'ru' },
      ],
    );
    assert.equal((await verifyAudit(t.db)).ok, true);
  });

  test('mail to an account is in its language, whoever asked for it and in whatever language', async () => {
    // An English page asks for a reset of a Russian-speaking account: the mail is in Russian.
    const c = new Client(t.app);
    await c.get('/password/forgot?lang=en');
    assert.equal((await c.post('/password/forgot', { email: MEMBER })).statusCode, 200);
    const reset = await smtp.waitFor(MEMBER, (m) => /password\/reset/.test(m.text));
    assert.equal(squeeze(reset.subject), squeeze('Выберите новый пароль cybernorms'));
    assert.match(reset.text, /^Здравствуйте, Mel Member \(demo\)!/);
    assert.match(reset.text, /до 24 ноября 2026 г\. в 10:00 UTC/);
    // Someone registers with the address from a Chinese page: the owner is told in Russian.
    const other = new Client(t.app);
    await other.get('/register?lang=zh');
    await other.post('/register', { displayName: 'Someone', email: MEMBER, password: GOOD });
    const told = await smtp.waitFor(MEMBER, (m) => /\/password\/forgot/.test(m.text));
    assert.equal(squeeze(told.subject), squeeze('Кто-то пытался зарегистрироваться в cybernorms с вашим адресом'));
    assert.doesNotMatch(told.text, /[\u4e00-\u9fff]/);
  });
});

describe('invitations', () => {
  test('an invitation is in the language the inviter chose: Arabic, roles and State in Arabic words', async () => {
    const focal = await as(FOCAL);
    const form = await focal.get('/states/XAA/people');
    assert.match(form.body, /<select id="f-language" name="language"/);
    const email = 'noor.haddad.ar@cert.demoland.example';
    const sent = await focal.post('/invitations', {
      state: 'XAA',
      email,
      roles: ['poc_technical', 'rapporteur'],
      language: 'ar',
    });
    assert.equal(sent.statusCode, 200, sent.body.slice(0, 300));
    const mail = await smtp.waitFor(email);
    assert.equal(squeeze(mail.subject), squeeze('دعوتك إلى cybernorms'));
    assert.match(mail.text, /^مرحبًا،/);
    assert.match(mail.text, /ديمولاند \(تجريبي\)/);
    assert.match(mail.text, /جهة اتصال تقنية/);
    assert.match(mail.text, /مقرر/);
    assert.match(mail.text, /UTC/);
    // Role names in words, never codes; the State by its Arabic name (the inviter's own name stays as it is).
    assert.doesNotMatch(mail.text, /poc_technical|rapporteur|Demoland \(demo\)/);
    const link = linkIn(mail, '/invitations');
    assert.match(mail.text, new RegExp(`${link.replace(/[.?]/g, '\\$&')}\\?lang=ar`));
    const [row] = await t.db.query<{ id: string; language: string }>(
      'select id, language from invitations where email = $1 order by created_at desc limit 1',
      [email],
    );
    assert.equal(row.language, 'ar');

    // Sent again, it keeps its language, whatever the language of the page that re-sends it.
    const again = await focal.post(`/invitations/${row.id}/resend?lang=en`);
    assert.equal(again.statusCode, 200);
    const second = await smtp.waitFor(email, (m) => m.text !== mail.text);
    assert.equal(squeeze(second.subject), squeeze('دعوتك إلى cybernorms'));

    // The invitee opens the link (its page speaks Arabic) and accepts: the new account reads Arabic.
    const invitee = new Client(t.app);
    const path = new URL(linkIn(second, '/invitations')).pathname;
    const page = await invitee.get(`${path}?lang=ar`);
    assert.match(page.body, /<html lang="ar" dir="rtl">/);
    const accepted = await invitee.post(path, { displayName: 'Noor Haddad', password: GOOD });
    assert.equal(accepted.statusCode, 303, accepted.body.slice(0, 300));
    assert.equal(await languageOf(email), 'ar');
  });

  test("through the API the invitation takes the request's language unless it names one; a bad one is a 400", async () => {
    const admin = await as(ADMIN);
    const fr = await admin.json(
      'POST',
      '/api/v1/invitations',
      { email: 'editeur@example.org', roles: ['editor'] },
      { 'accept-language': 'fr-CH, en;q=0.5' },
    );
    assert.equal(fr.statusCode, 201, fr.body);
    const french = await smtp.waitFor('editeur@example.org');
    assert.equal(squeeze(french.subject), squeeze('Votre invitation à cybernorms'));
    assert.match(french.text, /avec les rôles suivants : Éditeur\./);
    const zh = await admin.json('POST', '/api/v1/invitations', {
      email: 'bianji@example.org',
      roles: ['editor'],
      language: 'zh',
    });
    assert.equal(zh.statusCode, 201, zh.body);
    assert.match((await smtp.waitFor('bianji@example.org')).text, /角色如下：编辑。/);
    const bad = await admin.json('POST', '/api/v1/invitations', { email: 'x@example.org', roles: ['editor'], language: 'de' });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(fieldsOf(bad), ['language']);
  });
});
