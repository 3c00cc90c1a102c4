// Learning modules through the API and the pages: the three shipped modules and their shape, a lesson's
// "n of N", the self-check's feedback on each answer, progress kept for a signed-in learner only, and
// refusals that save nothing.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { Client, clientAs } from '../../../test/support/client.ts';

let t: TestApp;
const MEMBER = 'member@demo.cybernorms.example';

const as = (email: string) => clientAs(t, email);

before(async () => {
  t = await testApp();
});
after(() => t.close());

test('three complete modules ship: the UN process to the Global Mechanism, one lesson per norm, CBMs and POCs', async () => {
  const c = new Client(t.app);
  const modules = (await c.json('GET', '/api/v1/learning/modules')).json().data;
  assert.deepEqual(
    modules.map((m: { slug: string }) => m.slug),
    ['un-process', 'norms-in-practice', 'cbms-and-pocs'],
  );
  const norms = (await c.json('GET', '/api/v1/learning/modules/norms-in-practice')).json();
  assert.deepEqual(
    norms.lessons.map((l: { norm: string }) => l.norm),
    'abcdefghijk'.split(''),
  );
  const un = (await c.json('GET', '/api/v1/learning/modules/un-process')).json();
  const last = (await c.json('GET', `/api/v1/learning/modules/un-process/lessons/${un.lessons.at(-1).slug}`)).json();
  assert.match(last.body.text, /Global Mechanism/);
  assert.match(last.body.text, /20–24 July 2026/);
  for (const m of modules) {
    const mod = (await c.json('GET', `/api/v1/learning/modules/${m.slug}`)).json();
    assert.ok(mod.lessons.length >= 3);
    for (const l of mod.lessons) {
      const lesson = (await c.json('GET', `/api/v1/learning/modules/${m.slug}/lessons/${l.slug}`)).json();
      for (const part of ['questions', 'body', 'reflection', 'engage'])
        assert.ok(lesson[part].text.length > 20, `${l.slug} ${part}`);
      assert.ok(lesson.checks.length >= 1, `${l.slug} has a self-check`);
      for (const check of lesson.checks) {
        assert.ok(check.options.length >= 2);
        assert.equal(
          check.options.some((o: Record<string, unknown>) => 'correct' in o || 'feedback' in o),
          false,
          'answers are not given away',
        );
      }
    }
  }
  // Every norm lesson links to its norm page, and every norm page to its lesson.
  const lessonC = await c.get('/learn/norms-in-practice/norm-c');
  assert.match(lessonC.body, /href="\/norms\/c"/);
  assert.match((await c.get('/norms/c')).body, /href="\/learn\/norms-in-practice\/norm-c"/);
});

test('a lesson page shows its parts, "n of N" and navigation', async () => {
  const res = await new Client(t.app).get('/learn/un-process/un-process-oewg');
  assert.equal(res.statusCode, 200);
  for (const part of ['Guiding questions', 'Reflection point', 'Contribute and engage', 'Self-check', '3 of 5', 'Discussion'])
    assert.ok(res.body.includes(part), part);
  assert.match(res.body, /href="\/learn\/un-process\/un-process-gge-reports"/);
  assert.match(res.body, /href="\/learn\/un-process\/un-process-future"/);
  assert.equal((await new Client(t.app).get('/learn/un-process/no-such-lesson')).statusCode, 404);
  assert.equal((await new Client(t.app).get('/learn/no-such-module')).statusCode, 404);
});

test('the self-check gives feedback on each answer and records progress only for a signed-in learner', async () => {
  const url = '/api/v1/learning/modules/un-process/lessons/un-process-origins/check';
  const anon = new Client(t.app);
  const res = await anon.json('POST', url, { answers: { 'un-process-origins-1': 1, 'un-process-origins-2': 1 } });
  assert.equal(res.statusCode, 200);
  const body = res.json();
  assert.equal(body.correct, 1);
  assert.equal(body.recorded, false);
  assert.equal(body.results[0].correct, false);
  assert.match(body.results[0].feedback.text, /2018/);
  assert.equal(body.results[0].feedback.lang, 'en');
  assert.equal(body.results[1].correct, true);

  const member = await as(MEMBER);
  const before = await t.db.query("select count(*)::int as n from audit_log where action = 'learning.check'");
  // A question left out: refused by name, nothing recorded.
  const partial = await member.json('POST', url, { answers: { 'un-process-origins-1': 0 } });
  assert.equal(partial.statusCode, 400);
  assert.deepEqual(partial.json().errors, [
    { field: 'answers.un-process-origins-2', code: 'chooseAnswer', reason: 'choose one of the answers' },
  ]);
  const outOfRange = await member.json('POST', url, { answers: { 'un-process-origins-1': 0, 'un-process-origins-2': 9 } });
  assert.equal(outOfRange.statusCode, 400);
  assert.equal((await member.json('GET', '/api/v1/learning/progress')).json().data[0].done, 0);

  const done = await member.json('POST', url, { answers: { 'un-process-origins-1': 0, 'un-process-origins-2': 1 } });
  assert.equal(done.json().recorded, true);
  assert.equal(done.json().correct, 2);
  const progress = (await member.json('GET', '/api/v1/learning/progress')).json().data;
  assert.equal(progress[0].module, 'un-process');
  assert.equal(progress[0].done, 1);
  assert.deepEqual(
    progress[0].completed.map((p: { lesson: string; correct: number }) => [p.lesson, p.correct]),
    [['un-process-origins', 2]],
  );
  const after = await t.db.query("select count(*)::int as n from audit_log where action = 'learning.check'");
  assert.equal((after[0] as { n: number }).n, (before[0] as { n: number }).n + 1);
  // The module page shows it.
  assert.match((await member.get('/learn/un-process')).body, /1 of 5 lessons completed/);
  assert.equal((await anon.json('GET', '/api/v1/learning/progress')).statusCode, 401);
});

test('the self-check works as a plain form, and a missing answer comes back named', async () => {
  const member = await as(MEMBER);
  await member.get('/learn/cbms-and-pocs/cbms-why');
  const missing = await member.post('/learn/cbms-and-pocs/cbms-why/check', { 'answers.cbms-why-1': '0' });
  assert.equal(missing.statusCode, 400);
  assert.match(missing.body, /Choose an answer to every question/);
  assert.match(missing.body, /href="#f-answers.cbms-why-2"/);
  const res = await member.post('/learn/cbms-and-pocs/cbms-why/check', { 'answers.cbms-why-1': '0', 'answers.cbms-why-2': '0' });
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /1 of 2 answers right/);
  assert.match(res.body, /Eleven is the number of norms/);
  assert.match(res.body, /Your progress is saved/);
});

test('the self-check is shown in the reader’s language, its feedback after answering too; English where untranslated, marked', async () => {
  const c = new Client(t.app);
  const lesson = '/learn/cbms-and-pocs/cbms-why';
  const ar = await c.get(`${lesson}?lang=ar`);
  assert.match(ar.body, /<legend><span>ما الغرض الرئيسي من تدبير بناء الثقة في المجال السيبراني؟<\/span><\/legend>/);
  assert.match(ar.body, /الحد من خطر سوء الإدراك والتصعيد/);
  // The form keeps the language (the cookie ?lang= set): the feedback comes back in Arabic.
  const res = await c.post(`${lesson}/check`, { 'answers.cbms-why-1': '1', 'answers.cbms-why-2': '0' });
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /غير صحيح\. تدابير بناء الثقة ذات طابع تعاوني، لا عقابي\./);
  const api = (await c.json('GET', '/api/v1/learning/modules/cbms-and-pocs/lessons/cbms-why?lang=fr')).json();
  assert.equal(api.checks[0].prompt.lang, 'fr');
  assert.deepEqual(
    api.checks[0].options.map((o: { text: { lang: string } }) => o.text.lang),
    ['fr', 'fr', 'fr'],
  );
  const marked = (
    await c.json('POST', '/api/v1/learning/modules/cbms-and-pocs/lessons/cbms-why/check?lang=zh', {
      answers: { 'cbms-why-1': 0, 'cbms-why-2': 0 },
    })
  ).json();
  assert.equal(marked.results[0].feedback.lang, 'zh');
  assert.equal(marked.results[0].prompt.lang, 'zh');
  // A translation removed: English, marked as such.
  await t.db.query(
    "delete from translations where entity = 'lesson_check' and entity_id = 'cbms-why-1' and field = 'prompt' and lang = 'fr'",
  );
  const fr = (await c.get(`${lesson}?lang=fr`)).body;
  assert.match(fr, /<legend><span lang="en" dir="ltr">[^<]+<\/span><\/legend>/);
});
