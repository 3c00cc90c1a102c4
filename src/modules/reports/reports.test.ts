// National implementation reports through the API: the questionnaire built from the knowledge base,
// saving answers (and refusing bad ones by name, saving nothing), completeness per part, submit and reopen,
// a draft seen only by its State, starting from another cycle, and the focal point's publication choice.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { clientAs } from '../../../test/support/client.ts';

let t: TestApp;
const FOCAL_A = 'focal@xaa.demo.cybernorms.example';
const POC_A = 'poc@xaa.demo.cybernorms.example';
const FOCAL_B = 'focal@xab.demo.cybernorms.example';
const MEMBER = 'member@demo.cybernorms.example';

const as = (email: string) => clientAs(t, email);
const URL = '/api/v1/states/XAA/reports/2026';

before(async () => {
  t = await testApp();
  // The demo reports are there (seeded with the demo accounts); these tests start from none.
  const demo = await t.db.query<{ state_code: string; cycle: number; status: string; visibility: string }>(
    'select state_code, cycle, status, visibility from reports where demo order by state_code, cycle',
  );
  assert.deepEqual(
    demo.map((r) => `${r.state_code} ${r.cycle} ${r.status} ${r.visibility}`),
    ['XAA 2025 submitted public', 'XAA 2026 draft private', 'XAB 2026 submitted shared'],
  );
  await t.db.query('delete from report_answers');
  await t.db.query('delete from report_shares');
  await t.db.query('delete from reports');
});
after(() => t.close());

describe('a report for 2026', () => {
  test('the questionnaire has four parts, and for each norm its implementation actions as options', async () => {
    const res = await t.app.inject('/api/v1/questionnaire');
    assert.equal(res.statusCode, 200);
    const { version, questions } = res.json();
    assert.equal(version, 1);
    assert.deepEqual([...new Set(questions.map((q: { part: string }) => q.part))], ['law', 'norms', 'cbms', 'capacity']);
    const normC = questions.find((q: { key: string }) => q.key === 'norm.c.measures');
    const [{ n }] = await t.db.query<{ n: number }>("select count(*)::int as n from norm_actions where norm_letter = 'c'");
    assert.equal(normC.options.length, n);
    assert.ok(n > 0);
    for (const letter of 'abcdefghijk') assert.ok(questions.some((q: { key: string }) => q.key === `norm.${letter}.evidence`));
  });

  test('bad answers are refused by name and nothing is saved', async () => {
    const a = await as(FOCAL_A);
    const cases: [unknown, string][] = [
      [{ 'norm.z.measures': ['x'] }, 'answers.norm.z.measures'],
      [{ 'norm.c.measures': ['not-an-action'] }, 'answers.norm.c.measures'],
      [{ 'norm.c.evidence': [{ title: 'Law', url: 'javascript:alert(1)' }] }, 'answers.norm.c.evidence[0].url'],
      [{ 'norm.c.evidence': [{ title: 'Law', url: 'ftp://example.org/x' }] }, 'answers.norm.c.evidence[0].url'],
      [{ 'law.measures': 42 }, 'answers.law.measures'],
    ];
    for (const [answers, field] of cases) {
      const res = await a.json('PUT', `${URL}/answers`, { answers: { 'law.practices': 'kept?', ...(answers as object) } });
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().errors[0].field, field);
    }
    const cycle = await a.json('PUT', '/api/v1/states/XAA/reports/1999/answers', { answers: { 'law.measures': 'x' } });
    assert.equal(cycle.statusCode, 400);
    assert.equal(cycle.json().errors[0].field, 'cycle');
    const [{ n }] = await t.db.query<{ n: number }>('select count(*)::int as n from report_answers');
    assert.equal(n, 0);
  });

  test('the rapporteur saves answers one by one; completeness shows per part; other States see nothing of a draft', async () => {
    const a = await as(FOCAL_A);
    const [action] = await t.db.query<{ id: string }>(
      "select id from norm_actions where norm_letter = 'c' order by position limit 1",
    );
    for (const answers of [
      { 'law.measures': 'Our position paper on international law was published in 2025.' },
      { 'norm.c.measures': [action.id] },
      { 'norm.c.gaps': ['technical', 'human'] },
      {
        'norm.c.evidence': [
          { title: 'National CERT act', url: 'https://example.org/cert-act', date: '2025-03-01', inProgress: false },
        ],
      },
    ]) {
      const res = await a.json('PUT', `${URL}/answers`, { answers });
      assert.equal(res.statusCode, 200, res.body);
    }
    const view = (await a.json('GET', URL)).json();
    assert.equal(view.status, 'draft');
    assert.deepEqual(view.answers['norm.c.gaps'], ['technical', 'human']);
    const norms = view.completion.find((c: { part: string }) => c.part === 'norms');
    assert.equal(norms.answered, 3);
    assert.equal(norms.total, 11 * 6);
    for (const email of [FOCAL_B, MEMBER]) assert.equal((await (await as(email)).json('GET', URL)).statusCode, 404, email);
    assert.equal((await t.app.inject(URL)).statusCode, 401);
    // A POC reads its State's draft but does not write it.
    const poc = await as(POC_A);
    assert.equal((await poc.json('GET', URL)).statusCode, 200);
    assert.equal((await poc.json('PUT', `${URL}/answers`, { answers: { 'law.measures': 'x' } })).statusCode, 403);
  });

  test('submitted, it is closed to changes until reopened; published, others may read it', async () => {
    const a = await as(FOCAL_A);
    assert.deepEqual((await a.json('POST', `${URL}/submit`, {})).json(), { status: 'submitted' });
    assert.equal((await a.json('PUT', `${URL}/answers`, { answers: { 'law.measures': 'late' } })).statusCode, 409);
    assert.deepEqual((await a.json('POST', `${URL}/reopen`, {})).json(), { status: 'draft' });
    assert.equal(
      (await a.json('PUT', `${URL}/answers`, { answers: { 'law.practices': 'Revised after review.' } })).statusCode,
      200,
    );
    assert.deepEqual((await a.json('POST', `${URL}/submit`, {})).json(), { status: 'submitted' });

    // Only the focal point decides who may read it.
    const poc = await as(POC_A);
    assert.equal((await poc.json('PUT', `${URL}/visibility`, { visibility: 'public' })).statusCode, 403);
    const bad = await a.json('PUT', `${URL}/visibility`, { visibility: 'shared', states: ['ZZZ'] });
    assert.equal(bad.json().errors[0].field, 'states');
    assert.deepEqual((await a.json('PUT', `${URL}/visibility`, { visibility: 'shared', states: ['XAB'] })).json(), {
      visibility: 'shared',
      states: ['XAB'],
    });
    assert.equal((await (await as(FOCAL_B)).json('GET', URL)).statusCode, 200, 'shared with Samplestan');
    assert.equal((await (await as(MEMBER)).json('GET', URL)).statusCode, 404);
    await a.json('PUT', `${URL}/visibility`, { visibility: 'public' });
    const open = await t.app.inject(URL);
    assert.equal(open.statusCode, 200);
    assert.equal(open.json().answers['law.practices'], 'Revised after review.');
  });

  test('the next cycle starts from this one', async () => {
    const a = await as(FOCAL_A);
    const none = await a.json('POST', '/api/v1/states/XAA/reports/2025/start-from', { from: '2024' });
    assert.equal(none.statusCode, 400);
    assert.equal(none.json().errors[0].field, 'from');
    const res = await a.json('POST', '/api/v1/states/XAA/reports/2025/start-from', { from: '2026' });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().copied, 5);
    const view = (await a.json('GET', '/api/v1/states/XAA/reports/2025')).json();
    assert.equal(view.answers['law.practices'], 'Revised after review.');
    // The two cycles side by side: the same until one changes.
    assert.match((await a.get('/states/XAA/reports/2026/diff?with=2025')).body, /Answers that differ: 0\./);
    await a.json('PUT', '/api/v1/states/XAA/reports/2025/answers', { answers: { 'law.practices': 'An earlier practice.' } });
    const diff = await a.get('/states/XAA/reports/2026/diff?with=2025');
    assert.match(diff.body, /Answers that differ: 1\./);
    assert.match(diff.body, /An earlier practice\.[\s\S]*Revised after review\./);
    assert.equal((await a.get('/states/XAA/reports/2026/diff?with=1999')).statusCode, 400);
    const audit = await t.db.query("select 1 from audit_log where action like 'report.%'");
    assert.ok(audit.length >= 8);
  });
});

describe('exports and the public profile', () => {
  test('the report as JSON, CSV and PDF; the empty questionnaire as PDF', async () => {
    const { execFileSync } = await import('node:child_process');
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const a = await as(FOCAL_A);
    const json = await t.app.inject({ url: `${URL}/export?format=json`, headers: { cookie: a.cookieHeader } });
    assert.equal(json.statusCode, 200);
    assert.ok(
      json
        .json()
        .answers.some((x: { key: string; value: unknown }) => x.key === 'law.practices' && x.value === 'Revised after review.'),
    );
    const csv = await t.app.inject({ url: `${URL}/export?format=csv`, headers: { cookie: a.cookieHeader } });
    assert.match(csv.body, /^"part","norm","question","key","answer"\r\n/, 'the headings');
    assert.match(csv.body, /"I\. International law","","Good practices to share","law.practices","Revised after review."/);
    // In the reader's language: the headings, the parts and the questions; the keys and the answers as stored.
    const csvFr = (await t.app.inject({ url: `${URL}/export?format=csv&lang=fr`, headers: { cookie: a.cookieHeader } })).body;
    assert.match(csvFr, /^"partie","norme","question","clé","réponse"\r\n/, 'French headings');
    assert.match(csvFr, /"Bonnes pratiques à partager","law.practices","Revised after review."/);
    assert.doesNotMatch(csvFr, /Good practices to share/);
    const jsonFr = (await t.app.inject({ url: `${URL}/export?format=json&lang=ar`, headers: { cookie: a.cookieHeader } })).json();
    assert.equal(jsonFr.lang, 'ar');
    const practices = jsonFr.answers.find((x: { key: string }) => x.key === 'law.practices');
    assert.equal(practices.value, 'Revised after review.', 'the value as stored');
    assert.doesNotMatch(practices.question, /Good practices/, 'the question in Arabic');
    assert.match((await t.app.inject('/questionnaire.csv?lang=zh')).body, /^"部分","规范","问题","键","答案"\r\n/);
    const pdf = await t.app.inject({ url: `${URL}/export?format=pdf`, headers: { cookie: a.cookieHeader } });
    const empty = await t.app.inject('/questionnaire.pdf');
    const dir = mkdtempSync(path.join(tmpdir(), 'cn-report-'));
    try {
      writeFileSync(path.join(dir, 'r.pdf'), pdf.rawPayload);
      writeFileSync(path.join(dir, 'q.pdf'), empty.rawPayload);
      const text = execFileSync('pdftotext', [path.join(dir, 'r.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      assert.match(text, /Revised after review\./);
      assert.match(text, /National CERT act/);
      assert.match(text, /II\. Norms of responsible State behaviour/);
      assert.match(text, /Good practices to share/);
      // In the reader's language: the questions and the parts in French, the answers as typed.
      const fr = await t.app.inject({ url: `${URL}/export?format=pdf&lang=fr`, headers: { cookie: a.cookieHeader } });
      writeFileSync(path.join(dir, 'fr.pdf'), fr.rawPayload);
      const french = execFileSync('pdftotext', [path.join(dir, 'fr.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      assert.match(french, /II\. Normes de comportement responsable des États/);
      assert.match(french, /Bonnes pratiques à partager/);
      assert.match(french, /Revised after review\./);
      assert.doesNotMatch(french, /Good practices to share/);
      const blank = execFileSync('pdftotext', [path.join(dir, 'q.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      const csvBlank = (await t.app.inject('/questionnaire.csv')).body;
      assert.equal(
        csvBlank.trim().split('\r\n').length,
        1 + (await t.app.inject('/api/v1/questionnaire')).json().questions.length,
      );
      assert.equal((await t.app.inject('/questionnaire.json')).json().version, 1);
      assert.match(blank, /National implementation questionnaire/);
      execFileSync('pdftoppm', ['-png', '-r', '40', '-f', '1', '-l', '1', path.join(dir, 'r.pdf'), path.join(dir, 'page')]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // Another State's official: the same 404 as the report itself, before it was public.
    assert.equal(
      (
        await t.app.inject({
          url: '/api/v1/states/XAA/reports/2025/export?format=json',
          headers: { cookie: (await as(FOCAL_B)).cookieHeader },
        })
      ).statusCode,
      404,
    );
  });

  test('the public State page lists the published reports and says whether the State is in the directory', async () => {
    const page = await t.app.inject('/states/XAA');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /href="\/states\/XAA\/reports\/2026"/);
    assert.doesNotMatch(page.body, /reports\/2025/, 'the 2025 draft is not published');
    assert.match(page.body, /Takes part in the points of contact directory<\/dt><dd>Yes/);
    const ken = await t.app.inject('/states/KEN');
    assert.match(ken.body, /None published/);
    assert.match(ken.body, /Takes part in the points of contact directory<\/dt><dd>No/);
  });
});

describe('map and comparison', () => {
  test('the map and the comparison read public reports only; bad choices are named', async () => {
    const map = await t.app.inject('/map?norm=c&cycle=2026');
    assert.equal(map.statusCode, 200);
    assert.match(map.body, /<path d="M[^"]+" class="m-none" data-state="KEN"/);
    assert.equal((await t.app.inject('/map?norm=z&cycle=2026')).statusCode, 400);
    assert.equal((await t.app.inject('/map?norm=c&cycle=1999')).statusCode, 400);
    const compare = await t.app.inject('/compare?states=XAA,KEN&cycle=2026');
    assert.equal(compare.statusCode, 200);
    const [label] = await t.db.query<{ title: string }>(
      "select title from norm_actions where norm_letter = 'c' order by position limit 1",
    );
    assert.ok(compare.body.includes(label.title.replace(/&/g, '&amp;')), 'Demoland’s measure for norm c');
    assert.match(compare.body, /Kenya<\/a><span class="tag">no published report/);
    const bad = await t.app.inject('/compare?states=XAA,ZZZ&cycle=2026');
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /unknown State: ZZZ|is not a State/);
  });
});

describe('questionnaire versions', () => {
  test('an editor publishes a new version; drafts move to it and keep unchanged answers; submitted reports do not move', async () => {
    const current = (await t.app.inject('/api/v1/questionnaire')).json();
    const fewer = current.questions.filter((q: { key: string }) => q.key !== 'law.measures');
    const a = await as(FOCAL_A);
    assert.equal((await a.json('POST', '/api/v1/questionnaire/versions', { note: 'x', questions: fewer })).statusCode, 403);
    const editor = await as('editor@demo.cybernorms.example');
    assert.equal(
      (await editor.json('POST', '/api/v1/questionnaire/versions', { note: '', questions: fewer })).json().errors[0].field,
      'note',
    );
    const dup = await editor.json('POST', '/api/v1/questionnaire/versions', { note: 'dup', questions: [fewer[0], fewer[0]] });
    assert.equal(dup.json().errors[0].field, 'questions[1].key');
    const res = await editor.json('POST', '/api/v1/questionnaire/versions', {
      note: 'Part I without its first question',
      questions: fewer,
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().version, 2);
    const draft = (await a.json('GET', '/api/v1/states/XAA/reports/2025')).json();
    assert.equal(draft.version, 2);
    assert.equal(draft.answers['law.measures'], undefined, 'the dropped question’s answer is gone');
    assert.equal(draft.answers['law.practices'], 'An earlier practice.', 'an unchanged question keeps its answer');
    assert.equal((await a.json('GET', URL)).json().version, 1, 'the submitted report keeps its version');
    assert.equal((await t.app.inject('/api/v1/questionnaire')).json().version, 2);
    assert.match((await t.app.inject('/questionnaire')).body, /Part I without its first question/);
  });
});

describe('capacity-building', () => {
  test('another State offers help for a published gap; the focal point accepts; both see the match', async () => {
    const needs = (await t.app.inject('/api/v1/capacity/needs?norm=c')).json().data;
    assert.deepEqual(
      needs.map((n: { state: string; question: string; gaps: string[] }) => [n.state, n.question, n.gaps]),
      [['XAA', 'norm.c.gaps', ['technical', 'human']]],
    );
    const b = await as(FOCAL_B);
    const offer = { state: 'XAA', cycle: 2026, question: 'norm.c.gaps', message: 'Two analysts for three months.' };
    const made = await b.json('POST', '/api/v1/capacity/offers', offer);
    assert.equal(made.statusCode, 201, made.body);
    const own = await as(POC_A);
    assert.equal((await own.json('POST', '/api/v1/capacity/offers', offer)).json().errors[0].field, 'state');
    assert.equal(
      (await b.json('POST', '/api/v1/capacity/offers', { ...offer, question: 'norm.k.gaps' })).json().errors[0].field,
      'question',
    );
    assert.equal((await b.json('POST', '/api/v1/capacity/offers', { ...offer, message: '' })).json().errors[0].field, 'message');
    assert.equal((await (await as(MEMBER)).json('POST', '/api/v1/capacity/offers', offer)).statusCode, 403);
    const received = (await own.json('GET', '/api/v1/states/XAA/capacity-offers')).json().data;
    assert.equal(received.length, 1);
    assert.equal(
      (await own.json('POST', `/api/v1/capacity/offers/${made.json().id}/accept`, {})).statusCode,
      403,
      'a POC does not accept',
    );
    const a = await as(FOCAL_A);
    assert.deepEqual((await a.json('POST', `/api/v1/capacity/offers/${made.json().id}/accept`, {})).json(), {
      status: 'accepted',
    });
    const seenByB = (await b.json('GET', '/api/v1/states/XAB/capacity-offers')).json().data;
    assert.equal(seenByB[0].status, 'accepted');
    assert.equal((await b.json('GET', '/api/v1/states/XAA/capacity-offers')).statusCode, 403);
    const page = await t.app.inject('/capacity?norm=c');
    assert.match(page.body, /matched/);
  });
});

describe('demo data', () => {
  test('removing the demo accounts takes the demo States’ reports and communications with them', async () => {
    const { removeDemoAccounts } = await import('../../demo.ts');
    const a = await as(POC_A);
    const sent = await a.json('POST', '/api/v1/communications', {
      type: 'information',
      urgency: 'routine',
      tlp: 'green',
      recipients: ['XAB'],
      subject: 'Demo thread',
      body: 'Between demo States.',
    });
    assert.equal(sent.statusCode, 201, sent.body);
    const removed = await removeDemoAccounts(t.db, { actor: 'system:test', origin: 'test' });
    assert.ok(removed >= 8);
    for (const table of ['threads', 'thread_messages', 'reports', 'report_answers', 'capacity_offers'])
      assert.equal((await t.db.query(`select 1 from ${table}`)).length, 0, table);
    assert.equal((await t.db.query("select 1 from contacts where state_code in ('XAA', 'XAB')")).length, 0);
  });
});
