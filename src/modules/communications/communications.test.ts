// State-to-State communications through the API, with mail at a real SMTP server and a clock the test
// moves: a send with an idempotency key (a repeat changes nothing), refusals that name the field, the mail
// that says a communication waits but never what it says, delivery, acknowledgement, response, the
// reminder and the escalation at the deadline, TLP:RED and AMBER+STRICT, the manager's metadata-only view
// and sharing, closing and withdrawing, statistics, and 404 for everyone who is not a party.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { clientAs } from '../../../test/support/client.ts';
import { startSmtp } from '../../../test/support/smtp.ts';

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let now = Date.parse('2026-12-01T09:00:00Z');
const clock = () => new Date(now);
const HOUR = 3600_000;

const POC_A = 'poc@xaa.demo.cybernorms.example';
const FOCAL_A = 'focal@xaa.demo.cybernorms.example';
const POC_B = 'poc@xab.demo.cybernorms.example';
const FOCAL_B = 'focal@xab.demo.cybernorms.example';
const MANAGER = 'manager@demo.cybernorms.example';
const MEMBER = 'member@demo.cybernorms.example';
const KENYA = 'poc@ke.example.org';

const as = (email: string) => clientAs(t, email, clock());
const count = async (sql: string, params: unknown[] = []) =>
  (await t.db.query<{ n: number }>(`select count(*)::int as n from (${sql}) x`, params))[0].n;

const NOTIFICATION = {
  type: 'notification',
  urgency: 'urgent',
  tlp: 'amber',
  recipients: ['XAB'],
  subject: 'Scanning and intrusion attempts from addresses in Samplestan',
  body: 'Since 06:00 UTC our CERT sees intrusion attempts against the grid operator from the addresses below.',
  norms: ['c', 'h'],
  sectors: ['energy'],
  indicators: [
    { type: 'ipv4', value: '203.0.113.7' },
    { type: 'domain', value: 'update-check.example.net' },
    { type: 'sha256', value: 'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855' },
  ],
  actionRequested: 'Please help identify and stop the activity.',
  actionDue: '2026-12-08',
};

before(async () => {
  smtp = await startSmtp();
  // Attachments up to 1 MB here, so the test of the limit stays small (the default is 20 MB).
  t = await testApp({ clock, mail: smtp.transport, publicUrl: 'https://cybernorms.example', config: { MAX_ATTACHMENT_MB: 1 } });
  // An official of a third State, party to nothing here.
  const [u] = await t.db.query<{ id: string }>(
    `insert into users (email, email_key, display_name, state_code, email_verified_at, totp_enabled_at) values ($1, $1, 'Kenyan POC', 'KEN', now(), now()) returning id`,
    [KENYA],
  );
  await t.db.query(`insert into user_roles (user_id, role, state_code, granted_by) values ($1, 'poc_technical', 'KEN', 'test')`, [
    u.id,
  ]);
});
after(async () => {
  await t.close();
  await smtp.close();
});

let thread = '';

describe('a notification from Demoland to Samplestan', () => {
  test('bad input is refused with the field named, and nothing is saved', async () => {
    const a = await as(POC_A);
    const before = await count('select 1 from threads');
    // Each refusal names the field and the reason's code (and what the code needs: the indicator's type).
    const cases: [Record<string, unknown>, string, string, Record<string, string>?][] = [
      [
        {
          indicators: [
            { type: 'ipv4', value: '203.0.113.7' },
            { type: 'ipv4', value: '999.1.1.1' },
          ],
        },
        'indicators[1]',
        'indicatorValue',
        { type: 'ipv4', value: '999.1.1.1' },
      ],
      [{ indicators: [{ type: 'sha256', value: 'abc' }] }, 'indicators[0]', 'indicatorValue', { type: 'sha256' }],
      [{ indicators: [{ type: 'url', value: 'javascript:alert(1)' }] }, 'indicators[0]', 'indicatorValue', { type: 'url' }],
      [{ recipients: ['ZZZ'] }, 'recipients', 'unknownRecipient'],
      [{ recipients: ['XAA'] }, 'recipients', 'ownState'],
      [{ tlp: 'white' }, 'tlp', 'choice'],
      [{ norms: ['z'] }, 'norms', 'norms'],
      [{ subject: '' }, 'subject', 'required'],
      [{ tlp: 'red' }, 'people', 'people'],
      [{ actionDue: '2020-01-01' }, 'actionDue', 'future'],
    ];
    const mailBefore = await count('select 1 from outbox');
    for (const [change, field, code, params] of cases) {
      const res = await a.json('POST', '/api/v1/communications', { ...NOTIFICATION, ...change });
      assert.equal(res.statusCode, 400, `${field}: ${res.body}`);
      const problem = res.json().errors.find((e: { field: string }) => e.field === field);
      assert.ok(problem, `${field} named in ${res.body}`);
      assert.equal(problem.code, code, res.body);
      for (const [k, v] of Object.entries(params ?? {})) assert.equal(problem.params?.[k], v, res.body);
      assert.ok(problem.reason, 'the reason in English beside its code');
    }
    assert.equal(await count('select 1 from threads'), before);
    assert.equal(await count('select 1 from outbox'), mailBefore);
  });

  test('a send with an idempotency key makes one thread; the repeat returns it', async () => {
    const a = await as(POC_A);
    const mailsBefore = await count("select 1 from outbox where subject like '%communication from%'");
    const first = await a.json('POST', '/api/v1/communications', NOTIFICATION, { 'idempotency-key': 'send-0001-abcdef' });
    assert.equal(first.statusCode, 201, first.body);
    thread = first.json().id;
    const again = await a.json('POST', '/api/v1/communications', NOTIFICATION, { 'idempotency-key': 'send-0001-abcdef' });
    assert.equal(again.statusCode, 200);
    assert.deepEqual(again.json(), { id: thread, created: false });
    assert.equal(await count('select 1 from threads where id = $1', [thread]), 1);
    // Samplestan's POC (the one user with POC roles there) gets one mail.
    assert.equal(await count("select 1 from outbox where subject like '%communication from%'"), mailsBefore + 1);
    const bad = await a.json('POST', '/api/v1/communications', NOTIFICATION, { 'idempotency-key': 'no' });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors[0].field, 'Idempotency-Key');
  });

  test('the mail says a communication waits, with urgency and TLP, never its content', async () => {
    const mail = await smtp.waitFor(POC_B, (m) => /communication from/.test(m.subject));
    assert.equal(mail.subject, '[TLP:AMBER] Urgent communication from Demoland (demo) waiting for you');
    assert.match(mail.text, new RegExp(`https://cybernorms.example/communications/${thread}`));
    assert.match(mail.text, /confirms receipt only/);
    for (const secret of ['Scanning', 'intrusion attempts', '203.0.113.7', 'update-check', 'grid operator'])
      assert.ok(!mail.text.includes(secret) && !mail.subject.includes(secret), secret);
  });

  test('nobody who is not a party learns it exists: another State, a member, the manager, signed out', async () => {
    for (const email of [KENYA, MEMBER, MANAGER]) {
      const c = await as(email);
      for (const [method, url] of [
        ['GET', `/api/v1/communications/${thread}`],
        ['POST', `/api/v1/communications/${thread}/acknowledge`],
        ['POST', `/api/v1/communications/${thread}/messages`],
        ['POST', `/api/v1/communications/${thread}/close`],
        ['POST', `/api/v1/communications/${thread}/share`],
      ] as const) {
        const res = await c.json(method, url, method === 'POST' ? { body: 'x' } : undefined);
        assert.equal(res.statusCode, 404, `${email} ${method} ${url}: ${res.statusCode}`);
      }
      const inbox = await c.json('GET', '/api/v1/communications');
      assert.ok(inbox.statusCode === 403 || !inbox.body.includes(thread), `${email} inbox`);
    }
    const out = await t.app.inject({ url: `/api/v1/communications/${thread}` });
    assert.equal(out.statusCode, 404);
    // The manager sees who, when, type and status, and nothing of the content.
    const m = await as(MANAGER);
    const meta = await m.json('GET', '/api/v1/communications-metadata');
    assert.equal(meta.statusCode, 200);
    const row = meta.json().data.find((x: { id: string }) => x.id === thread);
    assert.deepEqual([row.sender_state, row.type, row.urgency, row.status], ['XAA', 'notification', 'urgent', 'open']);
    assert.ok(!meta.body.includes('Scanning') && !meta.body.includes('203.0.113.7'));
  });

  test('the recipient reads it (delivered), acknowledges with one call, and responds; the sender sees each step', async () => {
    const b = await as(POC_B);
    const inbox = await b.json('GET', '/api/v1/communications?box=inbox');
    assert.deepEqual(
      inbox.json().data.map((x: { id: string; recipients: { status: string }[] }) => [x.id, x.recipients[0].status]),
      [[thread, 'sent']],
    );
    now += 10 * 60_000;
    const read = await b.json('GET', `/api/v1/communications/${thread}`);
    assert.equal(read.statusCode, 200);
    const v = read.json();
    assert.equal(v.side, 'recipient');
    assert.equal(v.recipients[0].status, 'delivered');
    assert.equal(v.messages[0].indicators.length, 3);
    assert.equal(v.messages[0].indicators[2].value, 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    now += 20 * 60_000;
    const ack = await b.json('POST', `/api/v1/communications/${thread}/acknowledge`, {});
    assert.deepEqual(ack.json(), { acknowledged: true });
    assert.deepEqual((await b.json('POST', `/api/v1/communications/${thread}/acknowledge`, {})).json(), { acknowledged: false });
    now += 3 * HOUR;
    const b2 = await as(POC_B); // sessions end after an idle hour
    const resp = await b2.json(
      'POST',
      `/api/v1/communications/${thread}/messages`,
      {
        body: 'The addresses belong to a hosting provider; we have asked it to act.',
        indicators: [{ type: 'ipv4', value: '203.0.113.8' }],
      },
      { 'idempotency-key': 'reply-0001-abcdef' },
    );
    assert.equal(resp.statusCode, 201, resp.body);
    const dup = await b2.json(
      'POST',
      `/api/v1/communications/${thread}/messages`,
      { body: 'again' },
      { 'idempotency-key': 'reply-0001-abcdef' },
    );
    assert.equal(dup.statusCode, 200);

    const a = await as(FOCAL_A);
    const seen = (await a.json('GET', `/api/v1/communications/${thread}`)).json();
    assert.equal(seen.side, 'sender');
    assert.equal(seen.recipients[0].status, 'responded');
    assert.deepEqual(
      seen.events.map((e: { kind: string }) => e.kind),
      ['sent', 'delivered', 'acknowledged', 'response'],
    );
    assert.equal(seen.messages.length, 2);
    assert.equal(seen.messages[1].kind, 'response');
    // A sender cannot "respond"; it adds updates.
    const wrong = await a.json('POST', `/api/v1/communications/${thread}/messages`, { kind: 'response', body: 'x' });
    assert.equal(wrong.statusCode, 400);
    assert.equal(wrong.json().errors[0].field, 'kind');
    // Every read is in the audit log.
    assert.ok((await count("select 1 from audit_log where action = 'communication.read' and entity_id = $1", [thread])) >= 2);
  });

  test('the sender closes the thread; nothing more can be added; the statistics show the times', async () => {
    const a = await as(POC_A);
    const closed = await a.json('POST', `/api/v1/communications/${thread}/close`, { body: 'Resolved, thank you.' });
    assert.deepEqual(closed.json(), { status: 'closed' });
    const b = await as(POC_B);
    const late = await b.json('POST', `/api/v1/communications/${thread}/messages`, { body: 'one more' });
    assert.equal(late.statusCode, 409);
    const stats = (await b.json('GET', '/api/v1/states/XAB/communications-stats')).json();
    const urgent = stats.by_urgency.find((s: { key: string }) => s.key === 'urgent');
    assert.equal(urgent.ack_median_minutes, 30);
    assert.equal(urgent.response_median_minutes, 210);
    const other = await b.json('GET', '/api/v1/states/XAA/communications-stats');
    assert.equal(other.statusCode, 403);
  });
});

describe('deadlines', () => {
  test('a reminder goes to the recipient POCs before the deadline, and after it the escalation; the sender sees it', async () => {
    const a = await as(POC_A);
    const sent = await a.json('POST', '/api/v1/communications', { ...NOTIFICATION, subject: 'Unanswered', urgency: 'urgent' });
    const id = sent.json().id;
    const mails = (re: RegExp) =>
      t.db.query<{ recipient: string }>('select recipient from outbox where subject ~ $1', [re.source]);
    await t.app.jobs.runDue();
    assert.equal((await mails(/Reminder: acknowledge/)).length, 0);
    now += 1.5 * HOUR + 1000;
    await t.app.jobs.runDue();
    assert.deepEqual(
      (await mails(/Reminder: acknowledge/)).map((m) => m.recipient),
      [POC_B],
    );
    now += 0.5 * HOUR;
    await t.app.jobs.runDue();
    await t.app.jobs.runDue();
    const escalated = (await mails(/Overdue/)).map((m) => m.recipient).sort();
    assert.deepEqual(escalated, [FOCAL_B, POC_B].sort(), 'diplomatic POCs and the focal point, once');
    const seen = (await (await as(POC_A)).json('GET', `/api/v1/communications/${id}`)).json();
    assert.ok(seen.recipients[0].escalated_at);
    assert.ok(seen.events.some((e: { kind: string }) => e.kind === 'escalated'));
    // Withdrawn: the recipient sees it withdrawn and cannot acknowledge.
    assert.deepEqual((await (await as(POC_A)).json('POST', `/api/v1/communications/${id}/withdraw`, {})).json(), {
      status: 'withdrawn',
    });
    const b = await as(POC_B);
    assert.equal((await b.json('POST', `/api/v1/communications/${id}/acknowledge`, {})).statusCode, 409);
  });
});

describe('TLP', () => {
  test('RED reaches only the named recipients, and cannot be shared; AMBER can be shared with the manager', async () => {
    const a = await as(POC_A);
    const notOfficial = await a.json('POST', '/api/v1/communications', { ...NOTIFICATION, tlp: 'red', people: [KENYA] });
    assert.equal(notOfficial.statusCode, 400);
    assert.equal(notOfficial.json().errors[0].field, 'people');
    const mailsBefore = await count('select 1 from outbox');
    const red = await a.json('POST', '/api/v1/communications', {
      ...NOTIFICATION,
      subject: 'Red one',
      tlp: 'red',
      people: [POC_B],
    });
    assert.equal(red.statusCode, 201, red.body);
    const id = red.json().id;
    assert.deepEqual(
      (
        await t.db.query<{ recipient: string; subject: string }>('select recipient, subject from outbox order by id desc limit 1')
      ).map((m) => [m.recipient, m.subject.slice(0, 9)]),
      [[POC_B, '[TLP:RED]']],
    );
    assert.equal(await count('select 1 from outbox'), mailsBefore + 1);
    assert.equal((await (await as(POC_B)).json('GET', `/api/v1/communications/${id}`)).statusCode, 200);
    assert.equal((await (await as(FOCAL_B)).json('GET', `/api/v1/communications/${id}`)).statusCode, 404, 'not named');
    assert.equal(
      (await (await as(FOCAL_A)).json('GET', `/api/v1/communications/${id}`)).statusCode,
      404,
      'sender side: the author only',
    );
    const share = await a.json('POST', `/api/v1/communications/${id}/share`, {});
    assert.equal(share.statusCode, 400);

    const amber = await a.json('POST', '/api/v1/communications', { ...NOTIFICATION, subject: 'Shared one', tlp: 'amber' });
    const aid = amber.json().id;
    const m = await as(MANAGER);
    assert.equal((await m.json('GET', `/api/v1/communications/${aid}`)).statusCode, 404);
    assert.deepEqual((await a.json('POST', `/api/v1/communications/${aid}/share`, {})).json(), { shared: true });
    const view = await m.json('GET', `/api/v1/communications/${aid}`);
    assert.equal(view.statusCode, 200);
    assert.equal(view.json().side, 'manager');
    assert.equal((await m.json('POST', `/api/v1/communications/${aid}/acknowledge`, {})).statusCode, 403, 'reads, never acts');
  });
});

describe('drafts', () => {
  test('a draft is saved, seen by its author only, changed, then sent', async () => {
    const a = await as(POC_A);
    const draft = await a.json('POST', '/api/v1/communications?draft=true', {
      type: 'information',
      tlp: 'green',
      subject: 'Draft',
    });
    assert.equal(draft.statusCode, 201, draft.body);
    const id = draft.json().id;
    assert.equal((await (await as(FOCAL_A)).json('GET', `/api/v1/communications/${id}`)).statusCode, 404);
    assert.equal((await (await as(POC_B)).json('GET', `/api/v1/communications/${id}`)).statusCode, 404);
    const early = await a.json('POST', `/api/v1/communications/${id}/send`, {});
    assert.equal(early.statusCode, 400, 'no recipients or body yet');
    const put = await a.json('PUT', `/api/v1/communications/${id}`, {
      type: 'information',
      tlp: 'green',
      subject: 'Request for information on a botnet',
      body: 'Do you see the same command servers?',
      recipients: ['XAB'],
    });
    assert.equal(put.statusCode, 200, put.body);
    const sent = await a.json('POST', `/api/v1/communications/${id}/send`, {});
    assert.deepEqual(sent.json(), { id, created: true });
    assert.equal((await a.json('PUT', `/api/v1/communications/${id}`, { type: 'information', tlp: 'green' })).statusCode, 409);
    assert.equal((await (await as(POC_B)).json('GET', `/api/v1/communications/${id}`)).statusCode, 200);
  });
});

describe('exports', () => {
  test('the indicators as a STIX 2.1 bundle, valid against the official schemas, with the TLP 2.0 marking', async () => {
    const { default: Ajv2020 } = await import('ajv/dist/2020.js');
    const { default: addFormats } = await import('ajv-formats');
    const { readdirSync, readFileSync } = await import('node:fs');
    const path = await import('node:path');
    const dir = path.resolve(import.meta.dirname, '../../../test/fixtures/stix2-json-schemas/schemas');
    const ajv = new Ajv2020({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats(ajv);
    for (const sub of readdirSync(dir))
      for (const f of readdirSync(path.join(dir, sub)).filter((x) => x.endsWith('.json')))
        ajv.addSchema(JSON.parse(readFileSync(path.join(dir, sub, f), 'utf8')));
    const validate = ajv.getSchema(
      'http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/common/bundle.json',
    );
    assert.ok(validate);

    const a = await as(POC_A);
    const res = await a.json('GET', `/api/v1/communications/${thread}/stix`);
    assert.equal(res.statusCode, 200, res.body);
    const bundle = res.json();
    assert.ok(validate(bundle), JSON.stringify(validate.errors?.slice(0, 3)));
    const byType = (t: string) => bundle.objects.filter((o: { type: string }) => o.type === t);
    assert.equal(byType('marking-definition')[0].id, 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421');
    assert.equal(byType('marking-definition')[0].name, 'TLP:AMBER');
    const patterns = byType('indicator').map((o: { pattern: string }) => o.pattern);
    assert.deepEqual(patterns, [
      "[ipv4-addr:value = '203.0.113.7']",
      "[domain-name:value = 'update-check.example.net']",
      "[file:hashes.'SHA-256' = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855']",
      "[ipv4-addr:value = '203.0.113.8']",
    ]);
    for (const o of bundle.objects.filter((x: { type: string }) => x.type !== 'marking-definition'))
      assert.deepEqual(o.object_marking_refs, ['marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421']);
    // The same export twice gives the same ids.
    assert.deepEqual((await a.json('GET', `/api/v1/communications/${thread}/stix`)).json().objects, bundle.objects);
    // A third State's official: 404, and the export is recorded for the parties that made one.
    assert.equal((await (await as(KENYA)).json('GET', `/api/v1/communications/${thread}/stix`)).statusCode, 404);
    assert.ok((await count("select 1 from audit_log where action = 'communication.export' and entity_id = $1", [thread])) >= 2);
  });

  test('the thread as a PDF: its marking on every page, its words findable, rendered to PNG', async () => {
    const { execFileSync } = await import('node:child_process');
    const { mkdtempSync, writeFileSync, readdirSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const a = await as(POC_A);
    const res = await t.app.inject({ url: `/communications/${thread}/pdf`, headers: { cookie: a.cookieHeader } });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/pdf');
    const dir = mkdtempSync(path.join(tmpdir(), 'cn-pdf-'));
    try {
      const file = path.join(dir, 'thread.pdf');
      writeFileSync(file, res.rawPayload);
      const raw = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
      const text = raw.replace(/\s+/g, ' ');
      assert.match(text, /Scanning and intrusion attempts from addresses in Samplestan/);
      assert.match(text, /203\.0\.113\.7/);
      assert.match(text, /The addresses belong to a hosting provider/);
      assert.match(text, /Receipt acknowledged by Samplestan/);
      const pages = raw.split('\f').filter((p) => p.trim());
      for (const page of pages) assert.equal((page.match(/TLP:AMBER/g) ?? []).length >= 2, true, 'header and footer');
      execFileSync('pdftoppm', ['-png', '-r', '50', file, path.join(dir, 'page')]);
      assert.ok(readdirSync(dir).some((f) => f.startsWith('page') && f.endsWith('.png')));
      // In the reader's language: the headings and sentences of the export, the messages as written.
      for (const [lang, heading, sent] of [
        ['fr', 'États destinataires', 'Envoyée le'],
        ['ru', 'Государства-получатели', 'Отправлено'],
        ['zh', '接收国', '发送时间'],
      ]) {
        const local = await t.app.inject({
          url: `/communications/${thread}/pdf?lang=${lang}`,
          headers: { cookie: a.cookieHeader },
        });
        assert.equal(local.statusCode, 200, `the ${lang} export`);
        const words = execFileSync('pdftotext', ['-', '-'], { input: local.rawPayload, encoding: 'utf8' });
        assert.ok(words.includes(heading) && words.includes(sent), `the ${lang} headings: ${words.slice(0, 300)}`);
        assert.ok(words.includes('203.0.113.7'), `the ${lang} export keeps the indicators`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const other = await as(KENYA);
    assert.equal(
      (await t.app.inject({ url: `/communications/${thread}/pdf`, headers: { cookie: other.cookieHeader } })).statusCode,
      404,
    );
  });
});

describe('attachments', () => {
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
  const file = (name: string, mediaType: string, data: Buffer) => ({ name, mediaType, contentBase64: data.toString('base64') });

  test('a file travels with the communication; its SHA-256 is recorded and shown; only parties download it', async () => {
    const a = await as(POC_A);
    const { createHash } = await import('node:crypto');
    const sent = await a.json('POST', '/api/v1/communications', {
      ...NOTIFICATION,
      subject: 'With a report attached',
      attachments: [
        file('report.pdf', 'application/pdf', pdf),
        file('hosts.csv', 'text/csv', Buffer.from('ip,seen\n203.0.113.7,2026-12-01\n')),
      ],
    });
    assert.equal(sent.statusCode, 201, sent.body);
    const id = sent.json().id;
    const b = await as(POC_B);
    const view = (await b.json('GET', `/api/v1/communications/${id}`)).json();
    const files = view.messages[0].attachments;
    assert.deepEqual(
      files.map((f: { name: string; sha256: string; size: number }) => [f.name, f.sha256, f.size]),
      [
        ['hosts.csv', createHash('sha256').update('ip,seen\n203.0.113.7,2026-12-01\n').digest('hex'), 31],
        ['report.pdf', createHash('sha256').update(pdf).digest('hex'), pdf.length],
      ],
    );
    const report = files.find((f: { name: string }) => f.name === 'report.pdf');
    const got = await t.app.inject({
      url: `/api/v1/communications/${id}/attachments/${report.id}`,
      headers: { cookie: b.cookieHeader },
    });
    assert.equal(got.statusCode, 200);
    assert.equal(got.headers['content-type'], 'application/pdf');
    assert.deepEqual(got.rawPayload, pdf);
    const page = await b.get(`/communications/${id}`);
    assert.match(page.body, new RegExp(createHash('sha256').update(pdf).digest('hex')));
    const kenya = await as(KENYA);
    assert.equal(
      (
        await t.app.inject({
          url: `/api/v1/communications/${id}/attachments/${report.id}`,
          headers: { cookie: kenya.cookieHeader },
        })
      ).statusCode,
      404,
    );
    assert.ok((await count("select 1 from audit_log where action = 'communication.attachment' and entity_id = $1", [id])) >= 1);
  });

  test('a file over the limit, of a refused kind, or not what its name says is refused by name; nothing is saved', async () => {
    const a = await as(POC_A);
    const before = await count('select 1 from threads');
    const cases: [unknown, string, RegExp][] = [
      [file('big.pdf', 'application/pdf', Buffer.concat([pdf, Buffer.alloc(1024 * 1024)])), 'fileTooLarge', /larger than 1 MB/],
      [file('tool.exe', 'application/octet-stream', Buffer.from('MZ\x90\x00')), 'fileKind', /refused/],
      [file('invoice.pdf', 'application/pdf', Buffer.from('MZ\x90\x00 not a pdf')), 'fileNotKind', /not a PDF file/],
      [file('page.html', 'text/html', Buffer.from('<script>alert(1)</script>')), 'fileKind', /refused/],
      [file('empty.txt', 'text/plain', Buffer.alloc(0)), 'fileEmpty', /empty/],
    ];
    for (const [attachment, code, reason] of cases) {
      const res = await a.json('POST', '/api/v1/communications', { ...NOTIFICATION, attachments: [attachment] });
      assert.equal(res.statusCode, 400, res.body.slice(0, 200));
      assert.equal(res.json().errors[0].field, 'attachments[0]');
      assert.equal(res.json().errors[0].code, code);
      assert.match(res.json().errors[0].reason, reason);
    }
    assert.equal(await count('select 1 from threads'), before);
  });
});

describe('demo data', () => {
  test('purgeDemoData removes every thread of the demo States and accounts, with all on it, and nothing else', async () => {
    const { purgeDemoData } = await import('./index.ts');
    const kenya = await as(KENYA);
    const real = await kenya.json('POST', '/api/v1/communications', {
      ...NOTIFICATION,
      recipients: ['FRA'],
      subject: 'Real one',
    });
    assert.equal(real.statusCode, 201, real.body);
    const states = (await t.db.query<{ code: string }>("select code from state_names where status = 'demo'")).map((s) => s.code);
    const users = (await t.db.query<{ id: string }>('select id from people where demo')).map((u) => u.id);
    assert.ok(await count('select 1 from thread_shares'), 'a share, to see it go too');
    await t.db.transaction((tx) => purgeDemoData(tx, { states, users }));
    assert.deepEqual(
      (await t.db.query<{ id: string }>('select id from threads')).map((r) => r.id),
      [real.json().id],
    );
    for (const table of ['thread_messages', 'thread_events', 'thread_people', 'thread_recipients'])
      assert.ok(
        !(await count(`select 1 from ${table} where thread_id <> $1`, [real.json().id])),
        `${table} keeps only the real thread's rows`,
      );
    assert.equal(await count('select 1 from thread_shares'), 0);
    assert.equal(await count('select 1 from message_indicators i join thread_messages m on m.id = i.message_id'), 3);
    assert.equal(await count('select 1 from message_indicators'), 3);
  });
});
