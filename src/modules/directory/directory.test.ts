// The points-of-contact directory end to end, with mail at a real SMTP server and a clock the test moves:
// nominations (and refusals), effective dates and history, a communication-check round confirmed from the
// mail link and in the platform, an instance that dies mid-round while another carries on, reminders
// without duplicates, the deadline, the report, a State's record, stale contacts and the public figures.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { Client, clientAs, fieldsOf } from '../../../test/support/client.ts';
import { linkIn, startSmtp } from '../../../test/support/smtp.ts';
import { buildApp } from '../../app.ts';
import { verifyAudit } from '../../platform/audit.ts';

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
/** Starts just after the demo data is seeded (its contacts take effect then), and moves on in the tests. */
let now = 0;
const clock = () => new Date(now);
const advance = (ms: number) => {
  now += ms;
};
const HOUR = 3600_000;

const FOCAL = 'focal@xaa.demo.cybernorms.example';
const MANAGER = 'manager@demo.cybernorms.example';

const as = (email: string) => clientAs(t, email, clock());

const count = async (sql: string, params: unknown[] = []) => (await t.db.query<{ n: number }>(sql, params))[0].n;

const POC_A = {
  kind: 'technical',
  name: 'Amara Njoroge',
  position: 'Incident coordinator',
  institution: 'Demoland CERT',
  email: 'amara@cert.xaa.example.org',
  phone: '+254 20 123 4567',
  languages: ['en', 'sw'],
  timeZone: 'Africa/Nairobi',
  allDay: true,
  networks: ['GLOBAL'],
};
const POC_B = {
  kind: 'diplomatic',
  name: 'Bruno Silva',
  position: 'Counsellor',
  institution: 'Ministry of Foreign Affairs',
  email: 'bruno@mfa.xaa.example.org',
  phone: '+55 61 2030 1234',
  languages: ['pt', 'en'],
  timeZone: 'America/Sao_Paulo',
  allDay: false,
  hours: 'Mon–Fri 09:00–18:00',
  networks: ['GLOBAL'],
};

before(async () => {
  smtp = await startSmtp();
  t = await testApp({ clock, mail: smtp.transport, publicUrl: 'http://cybernorms.test' });
  now = Date.now() + 1000;
});
after(async () => {
  await t.close();
  await smtp.close();
});

describe('nominating, updating, removing', () => {
  test('bad input is refused with every field named, and nothing is saved', async () => {
    const focal = await as(FOCAL);
    const before = await count('select count(*)::int as n from contacts');
    const res = await focal.json('POST', '/api/v1/directory/states/XAA/contacts', {
      ...POC_A,
      email: 'not-an-address',
      phone: '020 123',
      languages: ['en', 'klingon'],
      timeZone: 'GMT+3',
      networks: ['OSCE'],
    });
    assert.equal(res.statusCode, 400);
    const fields = fieldsOf(res).sort();
    assert.deepEqual(fields, ['email', 'languages', 'phone', 'timeZone']);
    // A network the State is not a member of is refused on its own too.
    const net = await focal.json('POST', '/api/v1/directory/states/XAA/contacts', { ...POC_A, networks: ['OSCE'] });
    assert.equal(net.statusCode, 400);
    assert.equal(net.json().errors[0].field, 'networks');
    assert.equal(await count('select count(*)::int as n from contacts'), before);
  });

  test('the focal point nominates two POCs: each is invited to the platform by the nomination', async () => {
    const focal = await as(FOCAL);
    for (const poc of [POC_A, POC_B]) {
      const res = await focal.json('POST', '/api/v1/directory/states/XAA/contacts', poc);
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json().account, 'invited');
      const mail = await smtp.waitFor(poc.email);
      assert.match(mail.text, /point of contact|poc_(technical|diplomatic)/);
    }
    const list = await focal.json('GET', '/api/v1/directory?state=XAA');
    assert.deepEqual(
      list
        .json()
        .data.map((c: { name: string }) => c.name)
        .sort(),
      ['Amara Njoroge', 'Bruno Silva', 'Dana Diplomat (Demoland, demo)', 'Pat Contact (Demoland, demo)'],
    );
    assert.equal(list.json().data.find((c: { name: string }) => c.name === 'Amara Njoroge').phone, '+254201234567');
  });

  test('another State cannot change them; a change can wait for its date, and history says who, when, what', async () => {
    const focal = await as(FOCAL);
    const other = await as('focal@xab.demo.cybernorms.example');
    const [{ id }] = await t.db.query<{ id: string }>(
      "select c.id from contacts c join contact_versions v on v.contact_id = c.id where v.name = 'Bruno Silva'",
    );
    const denied = await other.json('PUT', `/api/v1/directory/contacts/${id}`, { ...POC_B, name: 'Hijacked' });
    assert.equal(denied.statusCode, 403);
    const later = new Date(now + 2 * 86_400_000).toISOString().slice(0, 10);
    const res = await focal.json('PUT', `/api/v1/directory/contacts/${id}`, {
      ...POC_B,
      phone: '+55 61 2030 9999',
      effectiveFrom: later,
    });
    assert.equal(res.statusCode, 200);
    const phoneNow = async () =>
      (await (await as(FOCAL)).json('GET', '/api/v1/directory?state=XAA')).json().data.find((c: { id: string }) => c.id === id)
        .phone;
    assert.equal(await phoneNow(), '+556120301234', 'not yet in effect');
    advance(3 * 86_400_000);
    assert.equal(await phoneNow(), '+556120309999', 'in effect from the chosen date');
    const history = (await (await as(FOCAL)).json('GET', `/api/v1/directory/contacts/${id}/history`)).json().data;
    assert.equal(history.length, 2);
    assert.deepEqual(history[0].changes, { phone: ['+556120301234', '+556120309999'] });
    assert.equal(history[0].changed_by, FOCAL);
    assert.equal(
      (await (await as('focal@xab.demo.cybernorms.example')).json('GET', `/api/v1/directory/contacts/${id}/history`)).statusCode,
      403,
    );
  });

  test('officials of participating States and the manager read it; the public and members never do; every view is audited', async () => {
    const member = await as('member@demo.cybernorms.example');
    assert.equal((await member.json('GET', '/api/v1/directory')).statusCode, 403);
    assert.equal((await t.app.inject('/api/v1/directory')).statusCode, 401);
    assert.equal((await t.app.inject('/directory')).statusCode, 303);
    const reads = await count("select count(*)::int as n from audit_log where action in ('directory.read', 'contact.read')");
    const other = await as('poc@xab.demo.cybernorms.example');
    const all = await other.json('GET', '/api/v1/directory?language=sw');
    assert.deepEqual(
      all.json().data.map((c: { name: string }) => c.name),
      ['Amara Njoroge'],
    );
    const card = await other.get(`/directory/contacts/${all.json().data[0].id}/vcard`);
    assert.match(String(card.headers['content-type']), /text\/vcard/);
    assert.match(card.body, /^BEGIN:VCARD\r\nVERSION:4\.0\r\nFN:Amara Njoroge/);
    assert.match(card.body, /TEL;TYPE=work,voice;VALUE=uri:tel:\+254201234567/);
    // Their own State's export is theirs; another State's is not.
    assert.equal((await other.get('/directory/states/XAA/export?format=csv')).statusCode, 403);
    const csv = await (await as(FOCAL)).get('/directory/states/XAA/export?format=csv');
    assert.equal(
      csv.body.split('\r\n')[0],
      'state,kind,name,position,institution,email,phone,languages,timeZone,allDay,hours,networks,effectiveFrom',
    );
    assert.equal(
      await count("select count(*)::int as n from audit_log where action in ('directory.read', 'contact.read')"),
      reads + 2,
    );
  });

  test('removing takes a contact out of the directory, and is kept in its history', async () => {
    const focal = await as(FOCAL);
    const [{ id }] = await t.db.query<{ id: string }>(
      "select c.id from contacts c join contact_versions v on v.contact_id = c.id where v.name = 'Dana Diplomat (Demoland, demo)'",
    );
    assert.equal((await focal.json('DELETE', `/api/v1/directory/contacts/${id}`)).statusCode, 200);
    const list = (await focal.json('GET', '/api/v1/directory?state=XAA')).json().data;
    assert.ok(!list.some((c: { id: string }) => c.id === id));
    assert.equal((await focal.json('GET', `/api/v1/directory/contacts/${id}/history`)).json().data[0].removed, true);
  });
});

describe('a communication-check round', () => {
  let roundId = '';
  const tokens: Record<string, string> = {};

  test('before the first round, the rounds page says there is none instead of an empty table', async () => {
    const page = await (await as(MANAGER)).get('/directory/rounds');
    assert.equal(page.statusCode, 200);
    const past = page.body.slice(page.body.indexOf('<h2>Rounds</h2>'), page.body.indexOf('<h2>Stale contacts</h2>'));
    assert.match(past, /No round has been started yet/);
    assert.doesNotMatch(past, /<table/, 'no table of nothing');
    const ar = await (await as(MANAGER)).get('/directory/rounds?lang=ar');
    assert.match(ar.body, /لم يبدأ أي اختبار بعد/, 'in Arabic too');
  });

  test('the manager starts a round; every contact gets a mail with a one-time link', async () => {
    const manager = await as(MANAGER);
    const bad = await manager.json('POST', '/api/v1/ping-rounds', {
      title: '',
      scope: { kind: 'group', group: 'nordic' },
      deadline: 'soon',
      reminderHours: 0,
    });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(
      bad
        .json()
        .errors.map((e: { field: string; code: string }) => [e.field, e.code])
        .sort(),
      [
        ['deadline', 'dateTime'],
        ['reminderHours', 'min'],
        ['scope.group', 'choice'],
        ['title', 'required'],
      ],
    );
    // The body's schema names what a scope may be; the service checks what the schema cannot.
    const deadline = new Date(now + 3 * 86_400_000).toISOString();
    const kind = await manager.json('POST', '/api/v1/ping-rounds', {
      title: 'November check',
      scope: { kind: 'planet' },
      deadline,
      reminderHours: 24,
    });
    assert.equal(kind.statusCode, 400);
    assert.deepEqual(
      kind.json().errors.map((e: { field: string; code: string; params?: object }) => [e.field, e.code, e.params]),
      [['scope.kind', 'choice', { options: 'all, group, network, states' }]],
    );
    const soon = await manager.json('POST', '/api/v1/ping-rounds', {
      title: 'November check',
      scope: { kind: 'states', states: ['XAA'] },
      deadline: new Date(now + 10 * 60_000).toISOString(),
      reminderHours: 24,
    });
    assert.equal(soon.statusCode, 400);
    assert.deepEqual(
      soon.json().errors.map((e: { field: string; code: string }) => [e.field, e.code]),
      [['deadline', 'deadline']],
    );
    // The page's form says each problem in the reader's language, the scope's at its one field.
    const page = await manager.post('/directory/rounds?lang=fr', {
      title: 'November check',
      who: 'group:nordic',
      deadline: new Date(now + 10 * 60_000).toISOString(),
      reminderHours: '0',
    });
    assert.equal(page.statusCode, 400);
    assert.match(page.body, /doit être une date dans au moins une heure et au plus 90 jours/);
    assert.match(page.body, /doit être un nombre entier d’heures entre 1 et 720/);
    assert.match(page.body, /choisissez les destinataires/);
    assert.equal(await count('select count(*)::int as n from ping_rounds'), 0);
    const res = await manager.json('POST', '/api/v1/ping-rounds', {
      title: 'November check',
      scope: { kind: 'states', states: ['XAA'] },
      deadline,
      reminderHours: 24,
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().contacts, 3);
    roundId = res.json().id;
    for (const email of [POC_A.email, POC_B.email, 'poc@xaa.demo.cybernorms.example']) {
      const mail = await smtp.waitFor(email, (m) => m.subject === 'Communication check: November check');
      tokens[email] = new URL(linkIn(mail, '/ping')).pathname;
    }
    assert.equal(
      await count("select count(*)::int as n from jobs where key like 'ping.reminder:%'"),
      2,
      'reminders after 24 h and 48 h',
    );
  });

  test('one POC confirms from the mail link; a reused or foreign link changes nothing', async () => {
    advance(2 * HOUR);
    const visitor = new Client(t.app);
    // Opening the link shows the button and confirms nothing; pressing it does.
    const page = await visitor.get(tokens[POC_A.email]);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Confirm that this address reaches me/);
    assert.equal(await count('select count(*)::int as n from ping_tasks where confirmed_at is not null'), 0);
    const ok = await visitor.post(tokens[POC_A.email]);
    assert.equal(ok.statusCode, 200);
    assert.match(ok.body, /Thank you, Amara Njoroge/);
    const again = await visitor.get(tokens[POC_A.email]);
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /already confirmed/);
    // Someone signed in as another person opens Bruno's link: refused, and Bruno's task stays open.
    const someone = await as('poc@xab.demo.cybernorms.example');
    const foreign = await someone.get(tokens[POC_B.email]);
    assert.equal(foreign.statusCode, 403);
    assert.equal((await someone.post(tokens[POC_B.email])).statusCode, 403);
    assert.equal(await count('select count(*)::int as n from ping_tasks where confirmed_at is not null'), 1);
    assert.equal((await visitor.get('/ping/not-a-real-token-at-all-xxxxxxxxxxxx')).statusCode, 404);
  });

  test('another POC confirms in the platform', async () => {
    advance(3 * HOUR);
    const poc = await as('poc@xaa.demo.cybernorms.example');
    const tasks = await poc.get('/directory/tasks');
    const id = /action="\/directory\/tasks\/([0-9a-f-]{36})\/confirm"/.exec(tasks.body)?.[1];
    assert.ok(id, 'the task is listed with a confirm button');
    const done = await poc.post(`/directory/tasks/${id}/confirm`);
    assert.equal(done.statusCode, 200);
    assert.match(done.body, /confirmed/);
    // Another user cannot confirm it.
    assert.equal((await (await as(FOCAL)).json('POST', `/api/v1/ping-tasks/${id}/confirm`, {})).statusCode, 404);
  });

  test('an instance dies mid-round; another carries on, and every reminder goes out once', async () => {
    // The instance that dies: it claimed the first reminder just as it became due, then stopped for good.
    advance(20 * HOUR);
    await t.db.query(`update jobs set locked_until = $1::timestamptz + interval '1 minute', attempts = 1 where key = $2`, [
      new Date(now).toISOString(),
      `ping.reminder:${roundId}:1`,
    ]);
    await t.app.close();
    const second = await buildApp({
      config: { LOG_LEVEL: 'silent', TRUST_PROXY: false },
      db: t.db,
      clock,
      mail: smtp.transport,
      publicUrl: 'http://cybernorms.test',
    });
    await second.ready();
    t.app = second;
    assert.equal(await second.jobs.runDue(), 0, 'the claimed job is left alone while the claim holds');
    advance(2 * 60_000);
    assert.equal(await second.jobs.runDue(), 1, 'the abandoned claim is taken over');
    assert.equal(await second.jobs.runDue(), 0);
    await second.outbox.flush();
    const firstReminders = () =>
      smtp.received.filter((m) => m.subject.startsWith('Reminder 1: communication check: November check'));
    await smtp.waitFor(POC_B.email, (m) => m.subject.startsWith('Reminder 1'));
    assert.deepEqual(
      firstReminders().map((m) => m.to),
      [POC_B.email],
      'only the contact who has not confirmed',
    );
    // Running again, from any number of instances, sends nothing more.
    await Promise.all([second.jobs.runDue(), second.jobs.runDue()]);
    advance(24 * HOUR);
    await second.jobs.runDue();
    await second.outbox.flush();
    await smtp.waitFor(POC_B.email, (m) => m.subject.startsWith('Reminder 2'));
    assert.equal(firstReminders().length, 1);
    assert.equal(smtp.received.filter((m) => m.subject.startsWith('Reminder 2')).length, 1);
  });

  test('the deadline closes the round; a late link changes nothing; the report gives rates and times', async () => {
    advance(26 * HOUR);
    await t.app.jobs.runDue();
    assert.ok(
      (await t.db.query<{ closed_at: Date | null }>('select closed_at from ping_rounds where id = $1', [roundId]))[0].closed_at,
    );
    const late = await new Client(t.app).get(tokens[POC_B.email]);
    assert.equal(late.statusCode, 410);
    assert.equal(
      await count('select count(*)::int as n from ping_tasks where round_id = $1 and confirmed_at is not null', [roundId]),
      2,
    );

    const manager = await as(MANAGER);
    const report = (await manager.json('GET', `/api/v1/ping-rounds/${roundId}`)).json();
    assert.equal(report.closed, true);
    assert.deepEqual(
      { tasks: report.overall.tasks, confirmed: report.overall.confirmed, rate: Math.round(report.overall.rate * 100) },
      { tasks: 3, confirmed: 2, rate: 67 },
    );
    // Amara after 2 h, Pat after 5 h: median (nearest rank) 2 h, 95th percentile 5 h.
    assert.equal(report.overall.median_minutes, 120);
    assert.equal(report.overall.p95_minutes, 300);
    assert.deepEqual(
      report.by_kind.map((k: { key: string; confirmed: number; tasks: number }) => [k.key, k.confirmed, k.tasks]),
      [
        ['diplomatic', 0, 1],
        ['technical', 2, 2],
      ],
    );
    assert.deepEqual(
      report.unanswered.map((u: { name: string; reminders: number }) => [u.name, u.reminders]),
      [['Bruno Silva', 2]],
    );
    const page = await manager.get(`/directory/rounds/${roundId}`);
    assert.match(page.body, /2 of 3 contacts confirmed \(67%\); median time 2 hr, 95th percentile 5 hr/);
    assert.equal((await (await as(FOCAL)).json('GET', `/api/v1/ping-rounds/${roundId}`)).statusCode, 403);
  });

  test('the State sees its own record, not another’s', async () => {
    const focal = await as(FOCAL);
    const own = (await focal.json('GET', '/api/v1/directory/states/XAA/pings')).json().data;
    assert.equal(own.length, 1);
    assert.equal(own[0].stats.confirmed, 2);
    assert.equal((await focal.json('GET', '/api/v1/directory/states/XAB/pings')).statusCode, 403);
  });

  test('a contact that misses two rounds is flagged stale, to the focal point and the manager', async () => {
    const manager = await as(MANAGER);
    const res = await manager.json('POST', '/api/v1/ping-rounds', {
      title: 'December check',
      scope: { kind: 'all' },
      deadline: new Date(now + 2 * 86_400_000).toISOString(),
      reminderHours: 72,
    });
    assert.equal(res.statusCode, 201);
    advance(2 * 86_400_000 + HOUR);
    await t.app.jobs.runDue();
    const focalPage = await (await as(FOCAL)).get('/directory/states/XAA');
    assert.equal(focalPage.statusCode, 200, String(focalPage.headers.location));
    assert.match(focalPage.body, /Stale contacts[\s\S]*Bruno Silva: did not confirm the last two communication checks/);
    const managerPage = await (await as(MANAGER)).get('/directory/rounds');
    assert.match(managerPage.body, /Bruno Silva — did not confirm the last two/);
    // Not shown to a POC.
    assert.doesNotMatch(
      (await (await as('poc@xaa.demo.cybernorms.example')).get('/directory/states/XAA')).body,
      /Stale contacts/,
    );
  });

  test('the public page gives numbers only, never a contact', async () => {
    const page = await t.app.inject('/directory/participation');
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /@|Bruno|Amara|\+254/);
    const api = (await t.app.inject('/api/v1/directory/participation')).json();
    assert.deepEqual(api.by_group, [], 'the demo States are not counted');
    assert.equal(api.rounds.length, 2);
    assert.equal(api.rounds[1].tasks, 3);
    assert.equal(api.rounds[1].confirmed, 2);
    const verdict = await verifyAudit(t.db);
    assert.equal(verdict.ok, true);
    assert.equal(verdict.entries, await count('select count(*)::int as n from audit_log'));
  });
});

describe('demo data', () => {
  test('purging the demo States takes their contacts and tasks, and the rounds that asked only them', async () => {
    const { purgeDemoData } = await import('./index.ts');
    // A real State's contact, asked in the latest round beside the demo States.
    const [{ id: round }] = await t.db.query<{ id: string }>('select id from ping_rounds order by started_at desc limit 1');
    const [{ id: contact }] = await t.db.query<{ id: string }>(
      "insert into contacts (state_code, created_at, created_by) values ('KEN', now(), 'test') returning id",
    );
    await t.db.query(
      `insert into ping_tasks (round_id, contact_id, state_code, kind, email, name, token_hash, created_at)
       values ($1, $2, 'KEN', 'technical', 'poc@ken.example.org', 'Wanjiru', 'test-hash', now())`,
      [round, contact],
    );
    assert.equal(await count('select count(*)::int as n from ping_rounds'), 2);
    await t.db.transaction((tx) => purgeDemoData(tx, { states: ['XAA', 'XAB'], users: [] }));
    assert.equal(await count("select count(*)::int as n from contacts where state_code in ('XAA', 'XAB')"), 0);
    assert.equal(await count("select count(*)::int as n from ping_tasks where state_code <> 'KEN'"), 0);
    assert.deepEqual(
      (await t.db.query<{ id: string }>('select id from ping_rounds')).map((r) => r.id),
      [round],
      'the round that also asked a real State stays',
    );
    assert.equal(await count('select count(*)::int as n from contacts'), 1);
  });
});
