// Hardening of answers and input across the platform (issue 13, items 9, 11 and 13):
// - private answers (a thread, its STIX, PDF and files, the directory, vCards, people, the audit log, tokens,
//   exports) are `Cache-Control: no-store`, to a session or a token, and so is every answer of a private API
//   route; public content keeps the caching it had;
// - JSON nested deeper than 64 levels is a 400 naming the body, signed in or out, on every JSON route and for
//   application/problem+json too, where it used to overflow the stack (a 500);
// - bidirectional and other control characters in one-line fields (a file name, a subject, a contact's or
//   token's name) are refused by field with nothing stored; bodies keep their lines but not overrides; a
//   file's name is shown isolated, with its real kind beside it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../src/platform/http/json-body.ts';
import { reasonText } from '../src/platform/i18n/reasons.ts';
import { multiLineProblem, singleLineProblem, visibleText } from '../src/platform/text.ts';
import { type TestApp, testApp } from './support/app.ts';
import { type Client, clientAs, fieldsOf } from './support/client.ts';

let t: TestApp;

const ADMIN = 'admin@demo.cybernorms.example';
const MANAGER = 'manager@demo.cybernorms.example';
const FOCAL_A = 'focal@xaa.demo.cybernorms.example';
const POC_A = 'poc@xaa.demo.cybernorms.example';

const as = (email: string) => clientAs(t, email);
const count = async (sql: string, params: unknown[] = []) =>
  (await t.db.query<{ n: number }>(`select count(*)::int as n from (${sql}) x`, params))[0].n;

const text = (s: string) => Buffer.from(s).toString('base64');
const COMMUNICATION = {
  type: 'notification',
  urgency: 'routine',
  tlp: 'amber',
  recipients: ['XAB'],
  subject: 'Scanning from addresses in Samplestan',
  body: 'Since 06:00 UTC our CERT sees scanning against the grid operator.',
};
const CONTACT = {
  kind: 'technical',
  name: 'Amara Njoroge',
  position: 'Incident coordinator',
  institution: 'Demoland CERT',
  email: 'amara.hardening@cert.xaa.example.org',
  phone: '+254 20 123 4567',
  languages: ['en', 'sw'],
  timeZone: 'Africa/Nairobi',
  allDay: true,
  networks: ['GLOBAL'],
};

before(async () => {
  t = await testApp();
});
after(async () => {
  await t?.close();
});

describe('Cache-Control: private answers are never stored', () => {
  let thread = '';
  let file = '';
  let contact = '';
  let token = '';

  before(async () => {
    const poc = await as(POC_A);
    const sent = await poc.json('POST', '/api/v1/communications', {
      ...COMMUNICATION,
      attachments: [{ name: 'notes.txt', mediaType: 'text/plain', contentBase64: text('hello') }],
    });
    assert.equal(sent.statusCode, 201, sent.body);
    thread = sent.json().id;
    file = (await poc.json('GET', `/api/v1/communications/${thread}`)).json().messages[0].attachments[0].id;
    const list = await (await as(FOCAL_A)).json('GET', '/api/v1/directory?state=XAA');
    assert.equal(list.statusCode, 200, list.body);
    contact = list.json().data[0].id;
    const made = await poc.json('POST', '/api/v1/tokens', { name: 'hardening', scope: 'read', expiresInDays: 7 });
    assert.equal(made.statusCode, 201, made.body);
    token = made.json().token;
  });

  const noStore = (res: { statusCode: number; headers: Record<string, unknown>; body: string }, what: string) =>
    assert.equal(res.headers['cache-control'], 'no-store', `${what} (${res.statusCode}) has no no-store`);

  test('every private API answer to a session is no-store: threads, STIX, PDF, files, directory, vCards, people, audit, tokens, exports', async () => {
    const cases: [string, string, number][] = [
      [POC_A, `/api/v1/communications`, 200],
      [POC_A, `/api/v1/communications/${thread}`, 200],
      [POC_A, `/api/v1/communications/${thread}/stix`, 200],
      [POC_A, `/api/v1/communications/${thread}/pdf`, 200],
      [POC_A, `/api/v1/communications/${thread}/attachments/${file}`, 200],
      [POC_A, '/api/v1/me', 200],
      [POC_A, '/api/v1/tokens', 200],
      [FOCAL_A, '/api/v1/directory?state=XAA', 200],
      [FOCAL_A, `/api/v1/directory/contacts/${contact}/vcard`, 200],
      [FOCAL_A, `/api/v1/directory/contacts/${contact}/history`, 200],
      [FOCAL_A, '/api/v1/states/XAA/people', 200],
      [FOCAL_A, '/api/v1/states/XAA/reports/2024/export?format=json', 200],
      [FOCAL_A, '/api/v1/states/XAA/reports/2024/export?format=csv', 200],
      [MANAGER, '/api/v1/communications-metadata', 200],
      [ADMIN, '/api/v1/audit', 200],
      [ADMIN, '/api/v1/audit?format=csv', 200],
    ];
    for (const [who, url, status] of cases) {
      const res = await (await as(who)).json('GET', url);
      assert.equal(res.statusCode, status, `${url}: ${res.body.slice(0, 200)}`);
      noStore(res, url);
    }
  });

  test('a bearer token’s answers are no-store too, and so are writes and refusals', async () => {
    const bearer = { authorization: `Bearer ${token}` };
    for (const url of ['/api/v1/communications', `/api/v1/communications/${thread}`, '/api/v1/me', '/api/v1/norms']) {
      const res = await t.app.inject({ url, headers: bearer });
      assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 200)}`);
      noStore(res, `${url} with a token`);
    }
    // A wrong token, a signed-out read of a private route, an unknown API route, a write: none is stored.
    noStore(await t.app.inject({ url: '/api/v1/communications', headers: { authorization: 'Bearer cn_wrong' } }), 'bad token');
    for (const url of ['/api/v1/audit', '/api/v1/me', `/api/v1/communications/${thread}`, '/api/v1/no-such-route'])
      noStore(await t.app.inject({ url }), `${url} signed out`);
    noStore(await (await as(POC_A)).json('POST', '/api/v1/communications', { ...COMMUNICATION, subject: '' }), 'refused write');
  });

  test('pages to a signed-in reader are no-store, public pages included', async () => {
    const poc = await as(POC_A);
    for (const url of ['/', '/norms/a', '/communications', `/communications/${thread}`, '/account', '/feeds/norms.atom']) {
      const res = await poc.get(url);
      assert.ok(res.statusCode < 400, `${url}: ${res.statusCode}`);
      noStore(res, `${url} signed in`);
    }
  });

  test('public content keeps its caching: static files (even to a session), public API reads and feeds signed out', async () => {
    for (const headers of [{}, { cookie: (await as(POC_A)).cookieHeader }]) {
      const css = await t.app.inject({ url: '/static/app.css', headers });
      assert.equal(css.statusCode, 200);
      assert.match(String(css.headers['cache-control']), /^public, max-age=31536000, immutable$/);
    }
    for (const url of [
      '/api/v1/norms',
      '/api/v1/norms/c',
      '/api/v1/glossary',
      '/api/v1/search?q=norm',
      '/api/v1/states',
      '/api/v1/states/XAA',
      '/api/v1/organisations',
      '/api/v1/questionnaire',
      '/api/v1/learning/modules',
      '/api/v1/comments?target=norm:c',
      '/api/v1/directory/participation',
      '/api/openapi.json',
      '/feeds/norms.atom',
      '/feeds/lessons.atom',
    ]) {
      const res = await t.app.inject({ url, headers: { cookie: 'lang=fr; csrf=x' } });
      assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 200)}`);
      assert.equal(res.headers['cache-control'], undefined, `${url} signed out is cacheable as before`);
    }
  });
});

describe('deeply nested JSON is a 400, never a stack overflow', () => {
  const nested = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
  const objects = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

  test('the scan counts arrays and objects, not brackets inside strings', () => {
    assert.equal(MAX_JSON_DEPTH, 64);
    assert.equal(nestsDeeperThan(nested(64)), false);
    assert.equal(nestsDeeperThan(nested(65)), true);
    assert.equal(nestsDeeperThan(objects(65)), true);
    assert.equal(nestsDeeperThan(JSON.stringify({ s: '['.repeat(1000), t: 'a\\"[[[[' })), false);
    assert.equal(nestsDeeperThan(JSON.stringify(['"\\', '[{'.repeat(100)])), false);
    assert.equal(nestsDeeperThan(`[${'[]'.repeat(10_000)}]`), false);
  });

  const isDepthRefusal = (res: { statusCode: number; headers: Record<string, unknown>; json: () => unknown }) => {
    assert.equal(res.statusCode, 400);
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
    const body = res.json() as { code: string; errors: { field: string; reason: string }[] };
    assert.equal(body.code, 'BAD_INPUT');
    assert.equal(body.errors[0].field, 'body');
    assert.match(body.errors[0].reason, /more than 64 levels deep/);
  };

  test('signed out: 100 000 levels to /api/v1/comments, as application/json or application/problem+json', async () => {
    for (const type of ['application/json', 'application/json; charset=utf-8', 'application/problem+json']) {
      for (const payload of [nested(100_000), objects(100_000), nested(65)]) {
        const res = await t.app.inject({ method: 'POST', url: '/api/v1/comments', headers: { 'content-type': type }, payload });
        isDepthRefusal(res);
      }
      // 64 levels parse: the route then answers as it would any body from someone signed out.
      const ok = await t.app.inject({
        method: 'POST',
        url: '/api/v1/comments',
        headers: { 'content-type': type },
        payload: `{"target":"norm:c","body":"A comment.","extra":${nested(63)}}`,
      });
      assert.equal(ok.statusCode, 401, ok.body);
    }
  });

  test('signed in, on other JSON routes: refused with nothing stored; a real body with nesting is still accepted', async () => {
    const poc: Client = await as(POC_A);
    const before = await count('select 1 from threads');
    for (const [method, url] of [
      ['POST', '/api/v1/comments'],
      ['POST', '/api/v1/communications'],
      ['PUT', '/api/v1/states/XAA/reports/2024/answers'],
      ['POST', '/api/v1/tokens'],
    ] as const) {
      const res = await t.app.inject({
        method,
        url,
        headers: { cookie: poc.cookieHeader, 'content-type': 'application/json' },
        payload: `{"subject":"x","body":${nested(100_000)}}`,
      });
      isDepthRefusal(res);
    }
    assert.equal(await count('select 1 from threads'), before);
    // A communication with indicators and attachments (objects in arrays in an object), sent as either type.
    for (const type of ['application/json', 'application/problem+json']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/communications',
        headers: { cookie: poc.cookieHeader, 'content-type': type },
        payload: JSON.stringify({
          ...COMMUNICATION,
          indicators: [{ type: 'ipv4', value: '203.0.113.7' }],
          attachments: [{ name: 'notes.txt', mediaType: 'text/plain', contentBase64: text('hello') }],
        }),
      });
      assert.equal(res.statusCode, 201, res.body);
    }
    assert.equal(await count('select 1 from threads'), before + 2);
    // Fastify's other refusals still hold: an empty body, bad JSON, a poisoned prototype.
    for (const payload of ['', '{bad', '{"__proto__":{"x":1}}']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/communications',
        headers: { cookie: poc.cookieHeader, 'content-type': 'application/json' },
        payload,
      });
      assert.equal(res.statusCode, 400, `${payload}: ${res.body}`);
    }
  });
});

describe('bidirectional and control characters in one-line fields', () => {
  test('the checks name the character; bodies keep lines and right-to-left marks, not overrides', () => {
    assert.deepEqual(singleLineProblem('invoice\u202Efdp.txt'), { code: 'bidi', params: { char: 'U+202E' } });
    assert.match(reasonText('en', 'bidi', { char: 'U+202E' }), /bidirectional.*U\+202E/);
    for (const ch of '\u202A\u202B\u202C\u202D\u2066\u2067\u2068\u2069\u200E\u200F\u061C')
      assert.ok(singleLineProblem(`a${ch}b`), `U+${ch.charCodeAt(0).toString(16)}`);
    for (const ch of ['\n', '\r', '\t', '\u0000', '\u001b', '\u007f', '\u0085', '\u2028'])
      assert.equal(singleLineProblem(`a${ch}b`)?.code, 'control');
    assert.equal(singleLineProblem('Ministère des Affaires étrangères — وزارة الخارجية'), null);
    assert.equal(multiLineProblem('Line one\nLine two\r\n\tindented, مرحبا\u200F.'), null);
    assert.ok(multiLineProblem('see invoice\u202Efdp.txt'));
    assert.ok(multiLineProblem('a\u2067b'));
    assert.ok(multiLineProblem('a\u001bb'));
    assert.equal(visibleText('invoice\u202Efdp.txt'), 'invoice\uFFFDfdp.txt');
  });

  test('a communication: the file name, the subject and the body are refused by field, and nothing is stored', async () => {
    const poc = await as(POC_A);
    const threads = await count('select 1 from threads');
    const files = await count('select 1 from message_attachments');
    const cases: [Record<string, unknown>, string][] = [
      [
        { attachments: [{ name: 'invoice\u202Efdp.txt', mediaType: 'text/plain', contentBase64: text('x') }] },
        'attachments[0].name',
      ],
      [
        {
          attachments: [
            { name: 'notes.txt', mediaType: 'text/plain', contentBase64: text('x') },
            { name: 'report\u2067fdp.txt', mediaType: 'text/plain', contentBase64: text('x') },
          ],
        },
        'attachments[1].name',
      ],
      [{ subject: 'Urgent \u202Egnp.exe' }, 'subject'],
      [{ subject: 'Two\nlines' }, 'subject'],
      [{ body: 'Open invoice\u202Efdp.txt now' }, 'body'],
      [{ actionRequested: 'Run \u2066this\u2069' }, 'actionRequested'],
    ];
    for (const [change, field] of cases) {
      const res = await poc.json('POST', '/api/v1/communications', { ...COMMUNICATION, ...change });
      assert.equal(res.statusCode, 400, `${field}: ${res.body.slice(0, 200)}`);
      const errors = res.json().errors as { field: string; reason: string }[];
      assert.deepEqual(
        errors.map((e) => e.field),
        [field],
      );
      assert.match(errors[0].reason, /bidirectional|control/);
    }
    // A draft is checked the same way.
    const draft = await poc.json('POST', '/api/v1/communications?draft=true', { ...COMMUNICATION, subject: 'a\u202Eb' });
    assert.equal(draft.statusCode, 400, draft.body);
    assert.equal(draft.json().errors[0].field, 'subject');
    assert.equal(await count('select 1 from threads'), threads);
    assert.equal(await count('select 1 from message_attachments'), files);
    // A body of several lines, in Arabic with its right-to-left mark, is fine.
    const ok = await poc.json('POST', '/api/v1/communications', {
      ...COMMUNICATION,
      body: 'First line.\n\nSecond paragraph: مرحبا\u200F.',
    });
    assert.equal(ok.statusCode, 201, ok.body);
  });

  test('a contact: name, position and institution are refused by field, and nothing is stored', async () => {
    const focal = await as(FOCAL_A);
    const contacts = await count('select 1 from contacts');
    for (const [field, value] of [
      ['name', 'Amara\u202E Njoroge'],
      ['position', 'Coordinator\u2066'],
      ['institution', 'Demoland\u0007 CERT'],
    ]) {
      const res = await focal.json('POST', '/api/v1/directory/states/XAA/contacts', { ...CONTACT, [field]: value });
      assert.equal(res.statusCode, 400, res.body.slice(0, 200));
      assert.deepEqual(fieldsOf(res), [field]);
    }
    assert.equal(await count('select 1 from contacts'), contacts);
    // The same contact without them is nominated.
    const ok = await focal.json('POST', '/api/v1/directory/states/XAA/contacts', CONTACT);
    assert.equal(ok.statusCode, 201, ok.body);
  });

  test('a round’s title, an evidence title and a closing note are refused by field, and nothing is stored', async () => {
    const manager = await as(MANAGER);
    const rounds = await count('select 1 from ping_rounds');
    const round = await manager.json('POST', '/api/v1/ping-rounds', {
      title: 'November\u202E check',
      scope: { kind: 'states', states: ['XAA'] },
      deadline: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      reminderHours: 24,
    });
    assert.equal(round.statusCode, 400, round.body);
    assert.deepEqual(fieldsOf(round), ['title']);
    assert.equal(await count('select 1 from ping_rounds'), rounds);

    const focal = await as(FOCAL_A);
    const answers = await count('select 1 from report_answers');
    const evidence = await focal.json('PUT', '/api/v1/states/XAA/reports/2024/answers', {
      answers: { 'norm.c.evidence': [{ title: 'Law\u2067 on cyber', url: 'https://example.org/law' }] },
    });
    assert.equal(evidence.statusCode, 400, evidence.body);
    assert.equal(evidence.json().errors[0].field, 'answers.norm.c.evidence[0].title');
    assert.equal(await count('select 1 from report_answers'), answers);

    const poc = await as(POC_A);
    const sent = await poc.json('POST', '/api/v1/communications', COMMUNICATION);
    assert.equal(sent.statusCode, 201, sent.body);
    const close = await poc.json('POST', `/api/v1/communications/${sent.json().id}/close`, { body: 'Done \u202Eenod' });
    assert.equal(close.statusCode, 400, close.body);
    assert.equal(close.json().errors[0].field, 'body');
    assert.equal((await poc.json('GET', `/api/v1/communications/${sent.json().id}`)).json().status, 'open');
  });

  test('an API token’s name is refused by field', async () => {
    const poc = await as(POC_A);
    const tokens = await count('select 1 from api_tokens');
    const res = await poc.json('POST', '/api/v1/tokens', { name: 'ci\u202Edaer', scope: 'read', expiresInDays: 7 });
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(res.json().errors[0].field, 'name');
    assert.equal(await count('select 1 from api_tokens'), tokens);
  });

  test('a file stored before the check is shown isolated, its controls visible, with its real kind beside it', async () => {
    const poc = await as(POC_A);
    const sent = await poc.json('POST', '/api/v1/communications', {
      ...COMMUNICATION,
      attachments: [{ name: 'invoice.txt', mediaType: 'text/plain', contentBase64: text('x') }],
    });
    assert.equal(sent.statusCode, 201, sent.body);
    const id = sent.json().id;
    await t.db.query(
      `update message_attachments set name = $2 where message_id in (select id from thread_messages where thread_id = $1)`,
      [id, 'invoice\u202Efdp.txt'],
    );
    const page = await poc.get(`/communications/${id}`);
    assert.equal(page.statusCode, 200);
    assert.ok(!page.body.includes('\u202E'), 'the override reaches the page');
    assert.match(page.body, /<bdi dir="ltr">invoice\uFFFDfdp\.txt<\/bdi><\/a> <span class="file-kind">TXT<\/span>/);
  });
});
