// Editing knowledge content end to end: an editor changes a norm's explanation, the public page shows
// it at once, the history keeps both revisions with who, when and why, the diff shows exactly the change,
// and restoring brings the old text back; translations per language; refusals that save nothing; a
// stale save refused; the audit log; and the Atom feeds, parsed as XML.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { Client, clientAs } from '../../../test/support/client.ts';
import { fieldProblem } from '../../platform/errors.ts';
import type { ReasonCode, ReasonParams } from '../../platform/i18n/reasons.ts';

let t: TestApp;
const EDITOR = 'editor@demo.cybernorms.example';
const MEMBER = 'member@demo.cybernorms.example';

const as = (email: string) => clientAs(t, email);

before(async () => {
  t = await testApp({ publicUrl: 'https://cybernorms.test' });
});
after(() => t.close());

test('an editor changes a norm, the page shows it, the diff shows exactly the change, and a restore brings the old text back', async () => {
  const editor = await as(EDITOR);
  const anon = new Client(t.app);
  const original = (await editor.json('GET', '/api/v1/content/norm/e')).json();
  assert.equal(original.revision, 0);
  const oldAbout: string = original.fields.about;
  assert.ok((await anon.get('/norms/e')).body.includes(oldAbout.split('\n')[0].slice(0, 60)));
  const newAbout = `${oldAbout}\n\nStates should publish how **oversight** of surveillance works.`;
  const saved = await editor.json('PUT', '/api/v1/content/norm/e', {
    lang: 'en',
    fields: { ...original.fields, about: newAbout },
    note: 'Add oversight',
    baseRevision: 0,
  });
  assert.equal(saved.statusCode, 200, saved.body);
  assert.deepEqual([saved.json().revision, saved.json().changed], [2, ['about']]);
  // The cached page is dropped: readers see the new text at once, rendered from Markdown.
  assert.match((await anon.get('/norms/e')).body, /how <strong>oversight<\/strong> of surveillance works/);
  // Search finds it too.
  const hits = (await anon.json('GET', '/api/v1/search?q=oversight%20surveillance')).json();
  assert.ok(JSON.stringify(hits).includes('/norms/e'));

  const history = (await editor.json('GET', '/api/v1/content/norm/e/revisions')).json().revisions;
  assert.deepEqual(
    history.map((r: { number: number; note: string; author: string | null }) => [r.number, r.note, r.author]),
    [
      [2, 'Add oversight', 'Eli Editor (demo)'],
      [1, 'The edition before the first edit', null],
    ],
  );
  const diff = (await editor.json('GET', '/api/v1/content/norm/e/diff?from=1&to=2')).json();
  const about = diff.fields.find((f: { field: string }) => f.field === 'about');
  assert.equal(about.changed, true);
  assert.deepEqual(
    about.parts
      .filter((p: { added: boolean; removed: boolean }) => p.added || p.removed)
      .map((p: { value: string; added: boolean }) => [p.added ? '+' : '-', p.value]),
    [['+', '\n\nStates should publish how **oversight** of surveillance works.']],
  );
  assert.deepEqual(
    diff.fields.filter((f: { changed: boolean }) => f.changed).map((f: { field: string }) => f.field),
    ['about'],
  );

  const restored = await editor.json('POST', '/api/v1/content/norm/e/restore', { revision: 1 });
  assert.equal(restored.statusCode, 200);
  assert.equal(restored.json().revision, 3);
  const page = (await anon.get('/norms/e')).body;
  assert.doesNotMatch(page, /oversight<\/strong>/);
  const after = (await editor.json('GET', '/api/v1/content/norm/e')).json();
  assert.equal(after.fields.about, oldAbout);
  const rows = await t.db.query<{ action: string; entity_id: string }>(
    "select action, entity_id from audit_log where action like 'content.%' order by id",
  );
  assert.deepEqual(
    rows.map((r) => `${r.action} ${r.entity_id}`),
    ['content.edit e', 'content.restore e'],
  );
});

test('translations are edited per language, with their own history; an empty field falls back to English', async () => {
  const editor = await as(EDITOR);
  const fr = (await editor.json('GET', '/api/v1/content/lesson/un-process-origins?lang=fr')).json();
  // The shipped French is what the editor starts from, the English beside it.
  assert.match(fr.fields.title, /1998/);
  assert.match(fr.english.title, /1998/);
  assert.notEqual(fr.fields.title, fr.english.title);
  const saved = await editor.json('PUT', '/api/v1/content/lesson/un-process-origins', {
    lang: 'fr',
    fields: { ...fr.fields, title: 'Les origines : la résolution de 1998', body: 'La **résolution** de 1998.', engage: '' },
    note: 'Traduction du titre et du texte',
  });
  assert.equal(saved.statusCode, 200, saved.body);
  const page = (await new Client(t.app).get('/learn/un-process/un-process-origins?lang=fr')).body;
  assert.match(page, /Les origines : la résolution de 1998/);
  assert.match(page, /La <strong>résolution<\/strong> de 1998/);
  // A field left empty is shown in English, marked as such.
  assert.match(page, /<div class="prose" lang="en" dir="ltr">/);
  assert.equal(
    (await editor.json('GET', '/api/v1/content/lesson/un-process-origins/revisions?lang=fr')).json().revisions.length,
    2,
  );
  assert.equal((await editor.json('GET', '/api/v1/content/lesson/un-process-origins/revisions')).json().revisions.length, 0);
});

test('translated norms, CBMs, glossary entries, timeline events and pillars show on their pages in that language', async () => {
  const editor = await as(EDITOR);
  const items: [string, string, Record<string, string>, string][] = [
    ['norm', 'a', { about: 'Les États **coopèrent** pour la stabilité.' }, '/norms/a'],
    ['cbm', 'osce-1', { description: 'Échange *volontaire* de vues nationales.' }, '/cbms'],
    ['glossary', 'poc', { definition: 'Personne désignée par un État pour les communications.' }, '/glossary'],
    ['timeline', '1998-res-53-70', { title: 'La résolution de 1998' }, '/timeline'],
    ['pillar', 'norms', { body: 'Les normes **volontaires**.' }, '/pillars'],
  ];
  for (const [kind, id, fields, page] of items) {
    const current = await editor.json('GET', `/api/v1/content/${kind}/${id}?lang=fr`);
    assert.equal(current.statusCode, 200, `${kind} ${id}`);
    const saved = await editor.json('PUT', `/api/v1/content/${kind}/${id}`, {
      lang: 'fr',
      fields: { ...current.json().fields, ...fields },
      note: 'Traduction',
    });
    assert.equal(saved.statusCode, 200, `${kind} ${id}: ${saved.body}`);
    const html = (await new Client(t.app).get(`${page}?lang=fr`)).body;
    const expected = Object.values(fields)[0]
      .replace(/\*\*(.+?)\*\*/, '<strong>$1</strong>')
      .replace(/\*(.+?)\*/, '<em>$1</em>');
    assert.ok(html.includes(expected), `${kind} ${id} on ${page}: ${expected}`);
    // English readers still get English.
    assert.ok(!(await new Client(t.app).get(`${page}?lang=en`)).body.includes(expected));
  }
  const done = await t.db.query<{ kind: string }>("select distinct kind from content_revisions where lang = 'fr' order by kind");
  assert.deepEqual(
    done.map((d) => d.kind),
    ['cbm', 'glossary', 'lesson', 'norm', 'pillar', 'timeline'],
  );
});

test('bad edits are refused by field and change nothing; a stale save is refused; others may not edit', async () => {
  const editor = await as(EDITOR);
  const member = await as(MEMBER);
  const item = (await editor.json('GET', '/api/v1/content/glossary/poc')).json();
  const before = await t.db.query('select count(*)::int as n from content_revisions');
  const cases: [unknown, string, ReasonCode, ReasonParams?][] = [
    [{ fields: { ...item.fields, definition: '' }, note: 'x' }, 'fields.definition', 'required'],
    [{ fields: { ...item.fields, term: 'two\nlines' }, note: 'x' }, 'fields.term', 'oneLine'],
    [{ fields: { ...item.fields, definition: 'y'.repeat(20_001) }, note: 'x' }, 'fields.definition', 'tooLong', { n: 20_000 }],
    [{ fields: { ...item.fields, definition: 'New' } }, 'note', 'changeNote'],
    [{ fields: item.fields, note: 'Nothing' }, 'fields', 'unchanged'],
    [{ lang: 'de', fields: item.fields, note: 'x' }, 'lang', 'choice', { options: 'en, fr, es, ru, ar, zh' }],
  ];
  for (const [body, field, code, params] of cases) {
    const res = await editor.json('PUT', '/api/v1/content/glossary/poc', body);
    assert.equal(res.statusCode, 400, res.body);
    assert.deepEqual(res.json().errors, [fieldProblem(field, code, params)]);
  }
  assert.deepEqual(await t.db.query('select count(*)::int as n from content_revisions'), before);
  assert.equal((await member.json('PUT', '/api/v1/content/glossary/poc', { fields: item.fields, note: 'x' })).statusCode, 403);
  assert.equal((await new Client(t.app).json('GET', '/api/v1/content/glossary/poc')).statusCode, 401);
  assert.equal((await editor.json('GET', '/api/v1/content/glossary/no-such-term')).statusCode, 404);
  assert.equal((await editor.json('GET', '/api/v1/content/spaceship/x')).statusCode, 400);

  const first = await editor.json('PUT', '/api/v1/content/glossary/poc', {
    fields: { ...item.fields, definition: `${item.fields.definition} One.` },
    note: 'One',
    baseRevision: 0,
  });
  assert.equal(first.statusCode, 200);
  const stale = await editor.json('PUT', '/api/v1/content/glossary/poc', {
    fields: { ...item.fields, definition: `${item.fields.definition} Two.` },
    note: 'Two',
    baseRevision: 0,
  });
  assert.equal(stale.statusCode, 409);
  assert.equal(
    (await editor.json('GET', '/api/v1/content/glossary/poc')).json().fields.definition,
    `${item.fields.definition} One.`,
  );
});

test('the editor page previews Markdown safely and saves through the form', async () => {
  const editor = await as(EDITOR);
  const page = await editor.get('/editor/cbm/un-1');
  assert.equal(page.statusCode, 200);
  const current = (await editor.json('GET', '/api/v1/content/cbm/un-1')).json();
  await editor.get('/editor/cbm/un-1');
  const preview = await editor.post('/editor/cbm/un-1', {
    lang: 'en',
    baseRevision: '0',
    'fields.title': current.fields.title,
    'fields.description': `${current.fields.description}\n\n*Preview me* <script>alert(1)</script> [x](javascript:alert(1))`,
    'fields.adopted': current.fields.adopted,
    note: 'Try',
    do: 'preview',
  });
  assert.equal(preview.statusCode, 200);
  assert.match(preview.body, /<em>Preview me<\/em> &lt;script&gt;/);
  assert.doesNotMatch(preview.body, /<script>alert|href="javascript:/);
  assert.equal(
    (await editor.json('GET', '/api/v1/content/cbm/un-1/revisions')).json().revisions.length,
    0,
    'a preview saves nothing',
  );
  const save = await editor.post('/editor/cbm/un-1', {
    lang: 'en',
    baseRevision: '0',
    'fields.title': current.fields.title,
    'fields.description': `${current.fields.description}\n\nNow saved.`,
    'fields.adopted': current.fields.adopted,
    note: 'Saved from the form',
    do: 'save',
  });
  assert.equal(save.statusCode, 303);
  assert.match((await editor.get(String(save.headers.location))).body, /Revision 2 is saved and published/);
  assert.match((await editor.get('/editor/cbm/un-1/history')).body, /Saved from the form/);
  assert.match(
    (await editor.get('/editor/cbm/un-1/diff?from=1&to=2')).body,
    /<ins>\n\nNow saved\.<\/ins>|<ins>Now saved\.<\/ins>/,
  );
  const index = await editor.get('/editor');
  for (const kind of ['/editor/norm/a', '/editor/lesson/norm-k', '/editor/timeline/', '/editor/glossary/poc', '/editor/pillar/'])
    assert.ok(index.body.includes(kind), kind);
});

test('the Atom feeds are well-formed XML in the Atom namespace and list the changes', async () => {
  const anon = new Client(t.app);
  const res = await anon.get('/feeds/norms.atom');
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /application\/atom\+xml/);
  assert.equal(XMLValidator.validate(res.body), true);
  const feed = new XMLParser({ ignoreAttributes: false }).parse(res.body).feed;
  assert.equal(feed['@_xmlns'], 'http://www.w3.org/2005/Atom');
  const titles: string[] = feed.entry.map((e: { title: string }) => e.title);
  assert.ok(titles.includes('Norm (e) updated: Add oversight'), titles.slice(0, 4).join(' | '));
  assert.ok(titles.includes('Norm (e) updated: Restored revision 1'));
  assert.equal(titles.filter((x) => /^Norm \([a-k]\): /.test(x)).length, 11);
  for (const e of feed.entry) {
    assert.ok(e.id && e.updated && e.link['@_href'].startsWith('https://cybernorms.test/norms/'));
  }
  const lessons = await anon.get('/feeds/lessons.atom');
  assert.equal(XMLValidator.validate(lessons.body), true);
  const lf = new XMLParser({ ignoreAttributes: false }).parse(lessons.body).feed;
  assert.equal(lf['@_xmlns'], 'http://www.w3.org/2005/Atom');
  assert.equal(lf.entry.length, 19);
  // The lesson whose translation changed last comes first.
  assert.equal(lf.entry[0].id, 'urn:cybernorms:lesson:un-process-origins');
});
