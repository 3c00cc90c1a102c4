// Full-text search through the API and the page, in each of the six languages, with the fallback to English,
// suggestions for mistyped words, the kind filter, plurals and bad inputs, on the database mode under test.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { clientAs } from '../../../test/support/client.ts';
import { plural, translator } from '../../platform/i18n/i18n.ts';
import { markHighlights, replaceDocuments } from './search.service.ts';
import { indexQuery, markTerms, segmentText } from './search.text.ts';

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

const api = (q: string, extra = '', headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url: `/api/v1/search?q=${encodeURIComponent(q)}${extra}`, headers });
const page = (q: string, extra = '') => t.app.inject(`/search?q=${encodeURIComponent(q)}${extra}`);

describe('search API', () => {
  test('ranks the matching norm first and highlights the words', async () => {
    const res = await api('critical infrastructure');
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.ok(body.total >= 5, `${body.total} matches`);
    assert.equal(body.lang, 'en');
    assert.equal(body.suggestion, null);
    assert.match(body.hits[0].url, /^\/norms\/[fg]$/);
    assert.match(body.hits[0].snippet_html, /<mark>critical<\/mark> <mark>infrastructure<\/mark>/);
  });

  test('reaches every kind of content', async () => {
    const expectations: [string, string][] = [
      ['Budapest Convention', 'actor'],
      ['vulnerabilities equities process', 'glossary'],
      ['hack-back', 'framework'],
      ['terminology', 'cbm'],
      ['Hanoi', 'timeline'],
      ['sanitation', 'sector'],
      ['offensive cyber capabilities', 'lesson'],
    ];
    for (const [q, kind] of expectations) {
      const { hits } = (await api(q)).json();
      assert.ok(
        hits.some((h: { kind: string }) => h.kind === kind),
        `${q} → ${kind}`,
      );
    }
  });

  test('pages through results with a cursor', async () => {
    const first = (await api('norm')).json();
    assert.equal(first.hits.length, 10);
    assert.ok(first.next_cursor, 'a next page');
    const second = (await api('norm', `&cursor=${first.next_cursor}`)).json();
    assert.equal(second.total, first.total);
    assert.notDeepEqual(second.hits[0], first.hits[0]);
    const bad = await api('norm', '&cursor=abc');
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors[0].field, 'cursor');
  });

  test('refuses an empty query, one over 500 characters, an unknown language or kind, naming the field', async () => {
    for (const q of ['', '   ', 'x'.repeat(501)]) {
      const res = await api(q);
      assert.equal(res.statusCode, 400);
      assert.match(res.headers['content-type'] as string, /^application\/problem\+json/);
      assert.equal(res.json().errors[0].field, 'q');
    }
    const missing = await t.app.inject('/api/v1/search');
    assert.equal(missing.statusCode, 400);
    assert.equal(missing.json().errors[0].field, 'q');
    for (const [extra, field] of [
      ['&lang=de', 'lang'],
      ['&lang=', 'lang'],
      ['&kind=norm,recipe', 'kind'],
      ['&kind=norm&kind=recipe', 'kind'],
      ['&exact=maybe', 'exact'],
    ]) {
      const res = await api('norm', extra);
      assert.equal(res.statusCode, 400, extra);
      assert.equal(res.json().errors[0].field, field, extra);
    }
    const kind = (await api('norm', '&kind=recipe')).json().errors[0];
    assert.equal(kind.code, 'choice');
    assert.match(kind.reason, /norm-implementation/, 'the refusal lists the kinds');
  });

  test('markup and SQL in a query change nothing and come back escaped', async () => {
    const before = (await api('critical')).json().total;
    // A NUL character is refused everywhere (PostgreSQL cannot store one), naming the field.
    const nul = await api('a\u0000b');
    assert.equal(nul.statusCode, 400);
    assert.equal(nul.json().errors[0].field, 'q');
    for (const lang of ['en', 'zh']) {
      for (const q of [
        "'; drop table norms; --",
        '<script>alert(1)</script>',
        '"unclosed',
        '-',
        'OR OR OR',
        ':*&|!',
        '"关键',
        '-关键"',
      ]) {
        const res = await api(q, `&lang=${lang}`);
        assert.equal(res.statusCode, 200, q);
        assert.match(res.headers['content-type'] as string, /^application\/json/);
        for (const hit of res.json().hits) assert.doesNotMatch(hit.snippet_html + hit.title_html, /<(?!\/?mark>)/);
      }
    }
    assert.equal((await api('critical')).json().total, before);
    assert.equal((await t.app.inject('/api/v1/norms')).json().data.length, 11);
  });

  test('highlights are escaped before markers become <mark>', () => {
    assert.equal(markHighlights('<b>\u27e6x\u27e7</b>'), '&lt;b&gt;<mark>x</mark>&lt;/b&gt;');
    // Chinese is marked by the application: the same markers, then the same escaping.
    assert.equal(
      markHighlights(markTerms('<i>关键基础设施</i>', ['基础'], ['\u27e6', '\u27e7'])),
      '&lt;i&gt;关键<mark>基础</mark>设施&lt;/i&gt;',
    );
  });
});

describe('search in every language', () => {
  const cases: [string, string, RegExp, RegExp][] = [
    ['fr', 'infrastructures critiques', /^\/norms\/[fg]$/, /<mark>infrastructures<\/mark> <mark>critiques<\/mark>/],
    ['es', 'infraestructura crítica', /^\/norms\/[fg]$/, /<mark>infraestructuras?<\/mark> <mark>críticas?<\/mark>/],
    [
      'ru',
      'критически важной инфраструктуры',
      /^\/norms\/[fg]$/,
      /<mark>критически<\/mark> <mark>важной<\/mark> <mark>инфраструктуры<\/mark>/,
    ],
    [
      'ar',
      'الهياكل الأساسية الحيوية',
      /^\/norms\/[fg]$/,
      /<mark>[^<]*هياكل[^<]*<\/mark> <mark>الأساسية<\/mark> <mark>الحيوية<\/mark>/,
    ],
    ['zh', '关键基础设施', /^\/norms\/[fg]$/, /<mark>关键基础设施<\/mark>/],
  ];
  for (const [lang, q, url, snippet] of cases)
    test(`${lang}: “${q}” finds the norm first, in ${lang}, highlighted`, async () => {
      const body = (await api(q, `&lang=${lang}`)).json();
      assert.equal(body.lang, lang);
      assert.equal(body.results_lang, lang);
      assert.equal(body.fallback, false);
      assert.ok(body.total >= 2, `${body.total} matches`);
      assert.match(body.hits[0].url, url);
      assert.equal(body.hits[0].lang, lang);
      assert.match(body.hits[0].snippet_html, snippet);
      assert.match(body.hits[0].title_html, /<mark>/);
      // The page in that language shows the same, its titles localised.
      const res = await page(q, `&lang=${lang}`);
      assert.equal(res.statusCode, 200);
      assert.match(res.body, snippet);
      assert.doesNotMatch(res.body, /<ol class="results" lang="en"/);
    });

  test('ru: another form of the words matches too (stemming)', async () => {
    const body = (await api('критически важная инфраструктура', '&lang=ru')).json();
    assert.match(body.hits[0].url, /^\/norms\/[fg]$/);
    assert.match(body.hits[0].title_html, /<mark>инфраструктур[уе]<\/mark>/);
  });

  test('zh: a substring of a longer run of Han characters is found, and only where its characters stand together', async () => {
    const body = (await api('基础设施', '&lang=zh')).json();
    assert.ok(body.total >= 2, `${body.total} matches`);
    assert.ok(
      body.hits.some((h: { snippet_html: string }) => /关键<mark>基础设施<\/mark>/.test(h.snippet_html)),
      'the run is marked inside the longer one',
    );
    assert.equal(indexQuery('关键基础设施', 'zh'), ' "关键 键基 基础 础设 设施" ');
    assert.equal(indexQuery('-关键基础', 'zh'), '-"关键 键基 基础"');
    assert.equal(segmentText('医院、医疗ICT服务'), ' 医院   医疗 ICT 服务 ');
    // 设基 never stands together in the content: no match, though both characters occur everywhere.
    assert.equal((await api('设基', '&lang=zh')).json().total, 0);
  });

  test('the API searches the request’s language unless lang says otherwise', async () => {
    const fr = (await api('infrastructures critiques', '', { 'accept-language': 'fr' })).json();
    assert.equal(fr.lang, 'fr');
    assert.match(fr.hits[0].title, /^Norme \([fg]\) : /);
    const en = (await api('critical infrastructure', '&lang=en', { 'accept-language': 'fr' })).json();
    assert.equal(en.lang, 'en');
    assert.match(en.hits[0].title, /^Norm \([fg]\): /);
  });

  test('nothing in the language: English is searched, and the page says so', async () => {
    const body = (await api('Budapest Convention', '&lang=zh')).json();
    assert.equal(body.fallback, true);
    assert.equal(body.results_lang, 'en');
    assert.ok(body.total >= 1, 'English matches');
    assert.equal(body.hits[0].lang, 'en');
    const res = await page('Budapest Convention', '&lang=zh');
    assert.match(res.body, /没有与“Budapest Convention”匹配的中文内容：显示英文结果。/);
    assert.match(res.body, /<ol class="results" lang="en" dir="ltr">/);
  });

  test('the language links keep the query', async () => {
    const res = await page('attribution', '&lang=fr');
    assert.match(res.body, /href="\/search\?lang=ar&amp;q=attribution"/);
  });

  test('document titles are in the language: norms, implementation, lessons, sectors, CBMs', async () => {
    const titles = async (q: string, lang: string, kind: string) =>
      (await api(q, `&lang=${lang}&kind=${kind}`)).json().hits.map((h: { title: string }) => h.title);
    const fr = await titles('mise en œuvre', 'fr', 'norm-implementation');
    assert.ok(
      fr.some((x: string) => /^Mise en œuvre de la norme \(/.test(x)),
      fr.join(' | '),
    );
    const es = await titles('infraestructuras', 'es', 'sector');
    assert.ok(es.length && es.every((x: string) => x.startsWith('Infraestructuras críticas: ')), es.join(' | '));
    const ru = await titles('норма', 'ru', 'lesson');
    assert.ok(ru.length && ru.every((x: string) => x.startsWith('Урок: ')), ru.join(' | '));
    const ar = await titles('الثقة', 'ar', 'cbm');
    assert.ok(ar.length && ar.every((x: string) => x.startsWith('تدبير بناء الثقة ')), ar.join(' | '));
    const zh = await titles('规范', 'zh', 'norm');
    assert.ok(zh.length && zh.every((x: string) => x.startsWith('规范（')), zh.join(' | '));
  });
});

describe('suggestions', () => {
  test('“critcal infrastructure” shows the results of “critical infrastructure”', async () => {
    const body = (await api('critcal infrastructure')).json();
    assert.equal(body.suggestion, 'critical infrastructure');
    assert.equal(body.corrected, true);
    assert.match(body.hits[0].url, /^\/norms\/[fg]$/);
    assert.match(body.hits[0].snippet_html, /<mark>critical<\/mark>/);
    const res = await page('critcal infrastructure');
    assert.match(
      res.body,
      /Showing results for <a href="\/search\?q=critical\+infrastructure"><strong>critical infrastructure<\/strong><\/a>\./,
    );
    assert.match(
      res.body,
      /Search instead for <a href="\/search\?q=critcal\+infrastructure&amp;exact=true">critcal infrastructure<\/a>/,
    );
    assert.match(res.body, /results for “critical infrastructure”/);
  });

  test('exact=true searches the words as typed and offers the correction as a link', async () => {
    const body = (await api('critcal infrastructure', '&exact=true')).json();
    assert.equal(body.total, 0);
    assert.equal(body.corrected, false);
    assert.equal(body.suggestion, 'critical infrastructure');
    const res = await page('critcal infrastructure', '&exact=true');
    assert.match(
      res.body,
      /Did you mean: <a href="\/search\?q=critical\+infrastructure"><strong>critical infrastructure<\/strong><\/a>\?/,
    );
    assert.match(res.body, /Nothing matches “critcal infrastructure”/);
  });

  test('a mistyped word beside a match is offered as a link, the results kept', async () => {
    const body = (await api('Critcal or attribution')).json();
    assert.ok(body.total > 0, 'the words as typed match');
    assert.equal(body.corrected, false);
    assert.equal(body.suggestion, 'Critical or attribution', 'the capital letter is kept');
  });

  test('in other languages, from that language’s vocabulary; known words and other forms are not corrected', async () => {
    assert.equal((await api('инфраструктра', '&lang=ru')).json().suggestion, 'инфраструктура');
    assert.equal((await api('infrastuctures critiques', '&lang=fr')).json().suggestion, 'infrastructures critiques');
    for (const [q, lang] of [
      ['infrastructures critiques', 'fr'],
      ['критически важную инфраструктуру', 'ru'],
      ['zxqwv', 'en'],
    ])
      assert.equal((await api(q, `&lang=${lang}`)).json().suggestion, null, q);
  });

  test('the vocabulary is rebuilt with the documents it comes from', async () => {
    const doc = {
      kind: 'test-vocabulary',
      ref: 'x',
      lang: 'fr' as const,
      title: 'Quasiquadrillage',
      body: 'quasiquadrillage',
      url: '/x',
    };
    await t.db.transaction((tx) => replaceDocuments(tx, ['test-vocabulary'], [doc], ['fr']));
    assert.equal((await api('quasiquadrilage', '&lang=fr')).json().suggestion, 'quasiquadrillage');
    assert.equal((await api('quasiquadrilage', '&lang=es')).json().suggestion, null, 'only in its language');
    await t.db.transaction((tx) => replaceDocuments(tx, ['test-vocabulary'], [], ['fr']));
    assert.equal((await api('quasiquadrilage', '&lang=fr')).json().suggestion, null);
  });
});

describe('the index follows editors', () => {
  test('a translation is searchable at once in its language; an English change where a field is not translated', async () => {
    const editor = await clientAs(t, 'editor@demo.cybernorms.example');
    const save = async (lang: string, change: (f: Record<string, string>) => Record<string, string>) => {
      const item = (await editor.json('GET', `/api/v1/content/glossary/attribution?lang=${lang}`)).json();
      const res = await editor.json('PUT', '/api/v1/content/glossary/attribution', {
        lang,
        fields: change(item.fields),
        note: 'Search test',
      });
      assert.equal(res.statusCode, 200, res.body);
    };
    /** Whether the glossary entry is found among the documents of that language (not through English). */
    const finds = async (q: string, lang: string) => {
      const found = (await api(q, `&lang=${lang}&exact=true`)).json();
      return found.results_lang === lang && found.hits.some((h: { url: string }) => h.url === '/glossary#attribution');
    };
    await save('fr', (f) => ({ ...f, definition: `${f.definition} Quasimodulaire.` }));
    assert.equal(await finds('quasimodulaire', 'fr'), true, 'the French translation');
    assert.equal(await finds('quasimodulaire', 'es'), false, 'not in Spanish');
    // French left empty shows the English, so an English change reaches the French documents; Spanish keeps its own.
    await save('fr', (f) => ({ ...f, definition: '' }));
    await save('en', (f) => ({ ...f, definition: `${f.definition} Hyperfluvial.` }));
    assert.equal(await finds('hyperfluvial', 'en'), true, 'the English');
    assert.equal(await finds('hyperfluvial', 'fr'), true, 'French shows the English');
    assert.equal(await finds('hyperfluvial', 'es'), false, 'Spanish keeps its own');
    assert.equal(await finds('quasimodulaire', 'fr'), false, 'the emptied French is gone');
  });
});

describe('filters by kind', () => {
  test('kind limits the hits; counts per kind stay those of the whole query', async () => {
    const all = (await api('critical infrastructure')).json();
    const only = (await api('critical infrastructure', '&kind=sector,glossary')).json();
    const repeated = (await api('critical infrastructure', '&kind=sector&kind=glossary')).json();
    assert.deepEqual(repeated, only);
    assert.deepEqual(only.kinds, ['sector', 'glossary']);
    assert.deepEqual(only.counts, all.counts);
    const count = (k: string) => all.counts.find((c: { kind: string }) => c.kind === k).count;
    assert.equal(only.total, count('sector') + count('glossary'));
    assert.equal(
      all.total,
      all.counts.reduce((n: number, c: { count: number }) => n + c.count, 0),
    );
    assert.ok(only.hits.length > 0, 'hits of the kinds asked');
    assert.ok(only.hits.every((h: { kind: string }) => ['sector', 'glossary'].includes(h.kind)));
  });

  test('the page has checkboxes with counts, named in the reader’s language, that keep the choice', async () => {
    const res = await page('infrastructures critiques', '&lang=fr&kind=norm');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<legend>Filtrer par type de contenu<\/legend>/);
    const norms = (await api('infrastructures critiques', '&lang=fr')).json().counts[0];
    assert.deepEqual(Object.keys(norms), ['kind', 'count']);
    assert.match(res.body, new RegExp(`<input type="checkbox" name="kind" value="norm" checked/> Normes \\(${norms.count}\\)`));
    assert.match(res.body, /<input type="checkbox" name="kind" value="sector"\/> Secteurs d’infrastructure critique \(\d+\)/);
    assert.match(res.body, new RegExp(`${norms.count} résultats pour « infrastructures critiques »`));
    const bad = await page('norm', '&kind=recipe&lang=es');
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /kind: debe ser uno de estos valores: norm, norm-implementation/);
    const exact = await page('norm', '&exact=maybe&lang=fr');
    assert.equal(exact.statusCode, 400);
    assert.match(exact.body, /exact: doit être l’une des valeurs suivantes : true, false/);
  });
});

describe('plurals', () => {
  test('each language says a count in the form its rules give', () => {
    const say = (lang: Parameters<typeof translator>[0], n: number) =>
      plural(translator(lang), 'search.count', n, { query: 'q' });
    assert.equal(say('en', 1), '1 result for “q”');
    assert.equal(say('en', 2), '2 results for “q”');
    assert.equal(say('fr', 1), '1 résultat pour « q »');
    assert.equal(say('fr', 2), '2 résultats pour « q »');
    assert.equal(say('ru', 1), '1 результат по запросу «q»');
    assert.equal(say('ru', 3), '3 результата по запросу «q»');
    assert.equal(say('ru', 5), '5 результатов по запросу «q»');
    assert.equal(say('ru', 21), '21 результат по запросу «q»');
    assert.match(say('ar', 2), /نتيجتان/);
    assert.match(say('ar', 3), /نتائج/);
    assert.match(say('ar', 11), /نتيجة/);
    assert.match(say('es', 1), /^1 resultado para/);
    assert.match(say('zh', 1), /：1 条$/);
  });

  test('the page says “1 result”, not “1 results”', async () => {
    const body = (await api('Budapest Convention', '&kind=actor')).json();
    assert.equal(body.total, 1);
    const res = await page('Budapest Convention', '&kind=actor');
    assert.match(res.body, /1 result for “Budapest Convention”/);
    const ru = await page('Будапештская конвенция', '&kind=actor&lang=ru');
    assert.match(ru.body, /1 результат по запросу «Будапештская конвенция»/);
  });
});

describe('search page', () => {
  test('shows ranked results with links and highlighted snippets', async () => {
    const res = await page('critical infrastructure');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<ol class="results">/);
    assert.match(res.body, /<a href="\/norms\/[fg]">/);
    assert.match(res.body, /<mark>critical<\/mark>/);
  });

  test('a query with markup is shown escaped', async () => {
    const res = await page('<img src=x onerror=alert(1)>');
    assert.equal(res.statusCode, 200);
    assert.doesNotMatch(res.body, /<img src=x/);
    assert.match(res.body, /value="&lt;img src=x onerror=alert\(1\)>"/);
  });

  test('a query over 500 characters is a 400 page saying why, in the reader language', async () => {
    const res = await t.app.inject(`/search?q=${'a'.repeat(600)}&lang=es`);
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /como máximo 500 caracteres/);
  });
});
