// Editors translate everything (issue 16): actors, forums, sectors, frameworks and their elements, a norm's
// implementation actions, a CBM's adoption, and the lessons' self-checks, in English and in each other
// language, with revisions; the pages and the API show the translation (the self-check's feedback after
// answering too); a norm's official text in another language is entered only with its UN source, never
// alone; and refusals that save nothing.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { Client, clientAs, fieldsOf } from '../../../test/support/client.ts';
import { fieldProblem } from '../../platform/errors.ts';

let t: TestApp;
const EDITOR = 'editor@demo.cybernorms.example';
const MEMBER = 'member@demo.cybernorms.example';
const as = (email: string) => clientAs(t, email);
const count = async (sql: string) => (await t.db.query<{ n: number }>(sql))[0].n;

before(async () => {
  t = await testApp();
});
after(() => t.close());

/** Saves the item in a language with some fields changed, and returns the revision number. */
async function edit(editor: Client, kind: string, id: string, lang: string, change: Record<string, string>, note = 'Test') {
  const current = await editor.json('GET', `/api/v1/content/${kind}/${id}?lang=${lang}`);
  assert.equal(current.statusCode, 200, `${kind} ${id}: ${current.body}`);
  const res = await editor.json('PUT', `/api/v1/content/${kind}/${id}`, {
    lang,
    fields: { ...current.json().fields, ...change },
    note,
  });
  assert.equal(res.statusCode, 200, `${kind} ${id}: ${res.body}`);
  return res.json().revision as number;
}

test('an editor translates an actor, a forum, a sector, a framework and its element, an action and a CBM; the pages show them', async () => {
  const editor = await as(EDITOR);
  const anon = new Client(t.app);
  const items: [string, string, Record<string, string>, string][] = [
    ['actor', 'unoda', { description: 'Le Bureau des affaires de désarmement, traduit par un éditeur.' }, '/actors'],
    ['forum', 'oewg', { description: 'Le groupe de travail, décrit par un éditeur.' }, '/forums'],
    ['sector', 'healthcare', { sources: 'Sources relues par un éditeur.' }, '/sectors'],
    ['framework', 'paris-call', { description: 'L’Appel de Paris, décrit par un éditeur.' }, '/frameworks'],
    ['framework_element', 'paris-call-3', { title: 'Élément traduit par un éditeur' }, '/frameworks'],
    ['norm_action', 'c-1', { description: 'Agir, selon la traduction d’un éditeur.' }, '/norms/c'],
    ['cbm', 'osce-1', { adopted: 'OSCE, décembre 2013, relu par un éditeur' }, '/cbms'],
  ];
  for (const [kind, id, change, page] of items) {
    assert.equal(await edit(editor, kind, id, 'fr', change, 'Traduction'), 2, `${kind} ${id}`);
    const text = Object.values(change)[0];
    assert.ok((await anon.get(`${page}?lang=fr`)).body.includes(text), `${kind} ${id} on ${page}?lang=fr`);
    assert.ok(!(await anon.get(`${page}?lang=en`)).body.includes(text), `${kind} ${id} stays English in English`);
  }
  // The API too.
  const actors = (await anon.json('GET', '/api/v1/actors?lang=fr')).json().data;
  const unoda = actors.find((a: { slug: string }) => a.slug === 'unoda');
  assert.equal(unoda.description, 'Le Bureau des affaires de désarmement, traduit par un éditeur.');
  assert.equal(unoda.lang, 'fr');
  const frameworks = (await anon.json('GET', '/api/v1/frameworks?lang=fr')).json().data;
  const element = frameworks
    .flatMap((f: { elements: { id: string; title: string }[] }) => f.elements)
    .find((e: { id: string }) => e.id === 'paris-call-3');
  assert.equal(element.title, 'Élément traduit par un éditeur');

  // In English the record itself changes, and the norm page shows the action at once.
  await edit(editor, 'norm_action', 'c-2', 'en', { title: 'Act once informed, promptly' }, 'Sharper title');
  assert.match((await anon.get('/norms/c')).body, /Act once informed, promptly/);
  // What a norm says of an actor and of a forum is translated too.
  await edit(editor, 'norm_actor', 'c-national-certs', 'fr', { role: 'Rôle traduit par un éditeur.' });
  assert.match((await anon.get('/norms/c?lang=fr')).body, /Rôle traduit par un éditeur\./);
  await edit(editor, 'norm_forum', 'c-oewg', 'es', { note: 'Nota traducida por un editor.' });
  assert.match((await anon.get('/norms/c?lang=es')).body, /Nota traducida por un editor\./);
  await anon.get('/norms/c?lang=en');
  await edit(editor, 'actor', 'unoda', 'en', { name: 'UN Office for Disarmament Affairs (edited)' });
  assert.match((await anon.get('/actors')).body, /UN Office for Disarmament Affairs \(edited\)/);
  assert.deepEqual(
    (await t.db.query("select distinct kind from content_revisions where lang = 'fr' order by kind")).map((r) => r.kind),
    ['actor', 'cbm', 'forum', 'framework', 'framework_element', 'norm_action', 'norm_actor', 'sector'],
  );
});

test('a self-check is translated: the lesson page and the API show it, and the feedback after answering; a revision is restored', async () => {
  const editor = await as(EDITOR);
  const url = '/api/v1/content/lesson_check/un-process-origins-1';
  const fr = (await editor.json('GET', `${url}?lang=fr`)).json();
  assert.deepEqual(
    fr.spec.map((f: { name: string }) => f.name),
    ['prompt', 'option-1', 'feedback-1', 'option-2', 'feedback-2', 'option-3', 'feedback-3'],
  );
  assert.equal(fr.english['option-1'], 'Without a vote');
  assert.equal(fr.spec[1].note, 'edit.correctAnswer', 'the correct answer is marked for the editor');
  const two = await edit(
    editor,
    'lesson_check',
    'un-process-origins-1',
    'fr',
    {
      prompt: 'Comment la résolution de 1998 a-t-elle été adoptée, selon l’éditeur ?',
      'feedback-2': 'Non : adoptée sans vote (retour de l’éditeur).',
      'option-3': '',
    },
    'Relecture',
  );
  assert.equal(two, 2);

  const reader = new Client(t.app);
  const lesson = '/learn/un-process/un-process-origins';
  const page = (await reader.get(`${lesson}?lang=fr`)).body;
  assert.match(page, /Comment la résolution de 1998 a-t-elle été adoptée, selon l’éditeur/);
  assert.match(page, /Par un vote enregistré/);
  // The answer left untranslated is shown in English, marked as English.
  assert.ok(page.includes(`<span lang="en" dir="ltr">${fr.english['option-3']}</span>`));
  // Answering in French: the feedback is the editor's (the language is kept by the cookie ?lang= set).
  const answered = await reader.post(`${lesson}/check`, {
    'answers.un-process-origins-1': '1',
    'answers.un-process-origins-2': '1',
  });
  assert.equal(answered.statusCode, 200);
  assert.match(answered.body, /Non : adoptée sans vote \(retour de l’éditeur\)\./);
  // The JSON API: the lesson's checks and the marking, in French.
  const api = (await reader.json('GET', '/api/v1/learning/modules/un-process/lessons/un-process-origins?lang=fr')).json();
  assert.deepEqual(api.checks[0].prompt, {
    text: 'Comment la résolution de 1998 a-t-elle été adoptée, selon l’éditeur ?',
    lang: 'fr',
  });
  assert.equal(api.checks[0].options[2].text.lang, 'en');
  const marked = (
    await reader.json('POST', '/api/v1/learning/modules/un-process/lessons/un-process-origins/check?lang=fr', {
      answers: { 'un-process-origins-1': 1, 'un-process-origins-2': 1 },
    })
  ).json();
  assert.deepEqual(marked.results[0].feedback, { text: 'Non : adoptée sans vote (retour de l’éditeur).', lang: 'fr' });
  assert.equal(marked.results[0].correct, false);

  // A third revision, then the second restored: the page shows the second's text again.
  await edit(editor, 'lesson_check', 'un-process-origins-1', 'fr', { prompt: 'Une troisième version de la question ?' });
  assert.match((await reader.get(`${lesson}?lang=fr`)).body, /Une troisième version de la question/);
  const restored = await editor.json('POST', `${url}/restore`, { lang: 'fr', revision: 2 });
  assert.equal(restored.statusCode, 200, restored.body);
  assert.equal(restored.json().revision, 4);
  assert.match((await reader.get(`${lesson}?lang=fr`)).body, /selon l’éditeur/);
  const history = (await editor.json('GET', `${url}/revisions?lang=fr`)).json().revisions;
  assert.deepEqual(
    history.map((r: { number: number; restoredFrom: number | null }) => [r.number, r.restoredFrom]),
    [
      [4, 2],
      [3, null],
      [2, null],
      [1, null],
    ],
  );

  // In English the texts change; which answer is correct does not.
  const before = (
    await t.db.query<{ options: { correct: boolean }[] }>("select options from lesson_checks where id = 'un-process-origins-1'")
  )[0];
  await edit(editor, 'lesson_check', 'un-process-origins-1', 'en', { 'feedback-1': 'Right: without a vote (edited).' });
  const after = (
    await t.db.query<{ options: { correct: boolean; feedback: string }[] }>(
      "select options from lesson_checks where id = 'un-process-origins-1'",
    )
  )[0];
  assert.deepEqual(
    after.options.map((o) => o.correct),
    before.options.map((o) => o.correct),
  );
  assert.equal(after.options[0].feedback, 'Right: without a vote (edited).');
  const right = (
    await reader.json('POST', '/api/v1/learning/modules/un-process/lessons/un-process-origins/check?lang=en', {
      answers: { 'un-process-origins-1': 0, 'un-process-origins-2': 1 },
    })
  ).json();
  assert.equal(right.results[0].correct, true);
  assert.deepEqual(right.results[0].feedback, { text: 'Right: without a vote (edited).', lang: 'en' });
});

test("a norm's official text in another language is saved only with its UN source; never in English", async () => {
  const editor = await as(EDITOR);
  const url = '/api/v1/content/norm/c';
  const fr = (await editor.json('GET', `${url}?lang=fr`)).json();
  assert.equal(fr.fields.official_text, '');
  assert.equal(fr.fields.official_source, '');
  assert.match(fr.english.official_source, /A\/70\/174/);
  assert.ok(fr.english.official_text.length > 50);
  const en = (await editor.json('GET', url)).json();
  assert.equal('official_text' in en.fields, false, 'the English official text is not editable');

  const text =
    'Les États ne devraient pas permettre sciemment que leur territoire soit utilisé pour commettre des faits internationalement illicites à l’aide des TIC ;';
  const revisions = () => count('select count(*)::int as n from content_revisions');
  const saved = () => count("select count(*)::int as n from translations where entity = 'norm' and field like 'official%'");
  const before = [await revisions(), await saved()];
  const cases: [Record<string, string>, ReturnType<typeof fieldProblem>][] = [
    [{ official_text: text }, fieldProblem('fields.official_source', 'officialPair', { other: 'official_text' })],
    [
      { official_source: 'A/70/174, par. 13 c)' },
      fieldProblem('fields.official_text', 'officialPair', { other: 'official_source' }),
    ],
    [{ official_text: text, official_source: 'Notre traduction' }, fieldProblem('fields.official_source', 'officialSource')],
    [
      { official_text: text, official_source: 'https://example.org/a-70-174' },
      fieldProblem('fields.official_source', 'officialSource'),
    ],
  ];
  for (const [change, problem] of cases) {
    const res = await editor.json('PUT', url, { lang: 'fr', fields: { ...fr.fields, ...change }, note: 'Texte officiel' });
    assert.equal(res.statusCode, 400, res.body);
    assert.deepEqual(res.json().errors, [problem]);
  }
  const english = await editor.json('PUT', url, {
    lang: 'en',
    fields: { ...en.fields, official_text: 'Rewritten' },
    note: 'x',
  });
  assert.equal(english.statusCode, 400);
  assert.deepEqual(english.json().errors, [fieldProblem('fields.official_text', 'translationOnly')]);
  assert.deepEqual([await revisions(), await saved()], before, 'nothing saved');

  // Through the form: the page says why, and keeps what was typed.
  await editor.get('/editor/norm/c?lang=fr');
  const form = await editor.post('/editor/norm/c', {
    lang: 'fr',
    baseRevision: '0',
    ...Object.fromEntries(Object.entries(fr.fields).map(([k, v]) => [`fields.${k}`, String(v)])),
    'fields.official_text': text,
    note: 'Texte officiel',
    do: 'save',
  });
  assert.equal(form.statusCode, 400);
  assert.match(form.body, /fields\.official_source: est obligatoire lorsque official_text est renseigné/);
  assert.ok(form.body.includes(text));
  assert.deepEqual([await revisions(), await saved()], before, 'nothing saved');

  const ok = await edit(
    editor,
    'norm',
    'c',
    'fr',
    { official_text: text, official_source: 'A/70/174, par. 13 c)' },
    'Texte officiel',
  );
  assert.equal(ok, 2);
  assert.equal(await saved(), 2);
  const normPage = (await new Client(t.app).get('/norms/c?lang=fr')).body;
  assert.ok(normPage.includes(text) && normPage.includes('A/70/174, par. 13 c)'), 'the norm page shows it');
  // Both removed together: the page falls back to the English and the UN's links.
  await edit(editor, 'norm', 'c', 'fr', { official_text: '', official_source: '' }, 'Retiré');
  assert.equal(await saved(), 0);
  // A link to the UN's own version is a source too.
  await edit(editor, 'norm', 'c', 'fr', { official_text: text, official_source: 'https://undocs.org/fr/A/70/174' }, 'Lien');
  assert.equal(await saved(), 2);
});

test('refusals: signed out, not an editor, an unknown kind, an unknown field, too long; nothing saved', async () => {
  const editor = await as(EDITOR);
  const member = await as(MEMBER);
  const item = (await editor.json('GET', '/api/v1/content/actor/unodc?lang=es')).json();
  const before = await count('select count(*)::int as n from content_revisions');
  const body = { lang: 'es', fields: { ...item.fields, description: 'Nueva' }, note: 'x' };
  assert.equal((await new Client(t.app).json('PUT', '/api/v1/content/actor/unodc', body)).statusCode, 401);
  assert.equal((await member.json('PUT', '/api/v1/content/actor/unodc', body)).statusCode, 403);
  assert.equal((await member.json('GET', '/api/v1/content/lesson_check/cbms-why-1?lang=es')).statusCode, 403);
  assert.equal((await member.get('/editor/lesson_check/cbms-why-1?lang=es')).statusCode, 403);
  const unknownKind = await editor.json('PUT', '/api/v1/content/spaceship/unodc', body);
  assert.equal(unknownKind.statusCode, 400);
  assert.deepEqual(fieldsOf(unknownKind), ['kind']);
  const cases: [Record<string, unknown>, ReturnType<typeof fieldProblem>][] = [
    [{ ...item.fields, colour: 'rouge' }, fieldProblem('fields.colour', 'unknown', { values: 'colour' })],
    [{ ...item.fields, description: 'x'.repeat(1001) }, fieldProblem('fields.description', 'tooLong', { n: 1000 })],
    [{ ...item.fields, name: 'dos\nlíneas' }, fieldProblem('fields.name', 'oneLine')],
  ];
  for (const [fields, problem] of cases) {
    const res = await editor.json('PUT', '/api/v1/content/actor/unodc', { ...body, fields });
    assert.equal(res.statusCode, 400, res.body);
    assert.deepEqual(res.json().errors, [problem]);
  }
  const check = (await editor.json('GET', '/api/v1/content/lesson_check/cbms-why-1')).json();
  const correct = await editor.json('PUT', '/api/v1/content/lesson_check/cbms-why-1', {
    fields: { ...check.fields, 'correct-1': 'false' },
    note: 'x',
  });
  assert.deepEqual(correct.json().errors, [fieldProblem('fields.correct-1', 'unknown', { values: 'correct-1' })]);
  const blank = await editor.json('PUT', '/api/v1/content/lesson_check/cbms-why-1', {
    fields: { ...check.fields, 'option-2': '' },
    note: 'x',
  });
  assert.deepEqual(blank.json().errors, [fieldProblem('fields.option-2', 'required')]);
  assert.equal((await editor.json('GET', '/api/v1/content/lesson_check/no-such-check')).statusCode, 404);
  assert.equal(await count('select count(*)::int as n from content_revisions'), before);
});

test('the editors’ index lists the new kinds; each form works without JavaScript, with the English beside each field', async () => {
  const editor = await as(EDITOR);
  const index = (await editor.get('/editor')).body;
  for (const link of [
    '/editor/actor/unoda',
    '/editor/forum/oewg',
    '/editor/sector/healthcare',
    '/editor/framework/gcsc',
    '/editor/framework_element/paris-call-1',
    '/editor/norm_action/a-1',
    '/editor/lesson_check/cbms-why-1',
  ])
    assert.ok(index.includes(`href="${link}"`), link);
  for (const heading of [
    'Implementation actions of the norms',
    'Elements of the related frameworks',
    'Self-checks of the lessons',
  ])
    assert.ok(index.includes(heading), heading);

  const english = (await editor.json('GET', '/api/v1/content/lesson_check/cbms-why-1')).json().fields;
  const form = await editor.get('/editor/lesson_check/cbms-why-1?lang=ar');
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /<html lang="ar" dir="rtl">/);
  for (const name of ['prompt', 'option-1', 'feedback-1', 'option-3', 'feedback-3']) {
    assert.match(form.body, new RegExp(`name="fields\\.${name}"[^>]*dir="rtl"|dir="rtl"[^>]*name="fields\\.${name}"`), name);
    assert.ok(form.body.includes(`<pre class="source" lang="en" dir="ltr">${english[name]}</pre>`), `English beside ${name}`);
  }
  assert.match(form.body, /هذه هي الإجابة الصحيحة/);
  const norm = (await editor.get('/editor/norm/f?lang=es')).body;
  assert.match(norm, /name="fields\.official_text"/);
  assert.match(norm, /Aquí solo puede introducirse el texto oficial de esta norma publicado por las Naciones Unidas/);
  assert.doesNotMatch((await editor.get('/editor/norm/f?lang=en')).body, /name="fields\.official_text"/);

  // A plain form post saves a translation of a framework element and redirects to the saved notice.
  const element = (await editor.json('GET', '/api/v1/content/framework_element/gcsc-2?lang=zh')).json();
  await editor.get('/editor/framework_element/gcsc-2?lang=zh');
  const saved = await editor.post('/editor/framework_element/gcsc-2', {
    lang: 'zh',
    baseRevision: '0',
    'fields.title': '编辑修订的标题',
    'fields.description': element.fields.description,
    note: '修订',
    do: 'save',
  });
  assert.equal(saved.statusCode, 303, saved.body);
  assert.match((await editor.get(String(saved.headers.location))).body, /<p class="success" role="status">/);
  assert.match((await new Client(t.app).get('/frameworks?lang=zh')).body, /编辑修订的标题/);
  const tooLong = await editor.post('/editor/framework_element/gcsc-2', {
    lang: 'zh',
    baseRevision: '2',
    'fields.title': 'x'.repeat(301),
    'fields.description': element.fields.description,
    note: '太长',
    do: 'save',
  });
  assert.equal(tooLong.statusCode, 400);
  assert.match(tooLong.body, /id="f-fields\.title-error"/);
});
