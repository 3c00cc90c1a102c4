// The incident record in six languages (decision 77): the shipped incidents in every language (a missing text
// fails here), read in each through the API, the page, the list and the feed, labelled as this platform's
// translation, the English original marked where there is none; an editor translates a published incident in the
// browser and through the API, audited, with the refusals; an approved change to the English marks the
// translation outdated until it is translated again or confirmed; the shipped translations are topped up on start.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { addEditor } from '../../../test/support/auth.ts';
import { Client, clientAs } from '../../../test/support/client.ts';
import { fieldProblem } from '../../platform/errors.ts';
import { SHIPPED_TRANSLATIONS } from './incidents.seed.translations.ts';
import { SHIPPED_INCIDENTS } from './incidents.seed.ts';
import { TRANSLATED } from './incidents.translations.ts';
import { incidentCount, seedIncidents, topUpIncidentTranslations } from './index.ts';

let t: TestApp;
const EDITOR = 'editor@demo.cybernorms.example';
const SECOND = 'second.translator@example.org';
const MEMBER = 'member@demo.cybernorms.example';
const as = (email: string) => clientAs(t, email);
const anon = (url: string) => t.app.inject(url);
type Shown = { field: string; lang: string; outdated: boolean };
type Incident = {
  id: string;
  title: string;
  summary: string;
  lang: string;
  translation: { madeHere: true; texts: Shown[] } | null;
  claims: { id: string; summary: string; responses: { summary: string }[] }[];
} & Record<string, unknown>;

const idOf = async (title: string) =>
  (await t.db.query<{ id: string }>('select id from incidents where title = $1', [title]))[0].id;

before(async () => {
  t = await testApp();
  // The shipped record, with its translations (seeded with it on first start).
  if ((await incidentCount(t.db)) === 0) await t.db.transaction((tx) => seedIncidents(tx));
  await addEditor(t.db, SECOND);
});
after(() => t.close());

/** A record published by the editor (proposed) and the second editor (approved). */
async function published(title: string): Promise<string> {
  const author = await as(EDITOR);
  const made = await author.json('POST', '/api/v1/incidents', {
    title,
    summary: 'The power grid of Demoland went down.',
    types: ['disruption'],
    started: '2024-03-01',
    targets: ['XAA'],
    effects: 'Lights out.',
    sources: [{ title: 'Demoland statement', url: 'https://demoland.example/statement' }],
    claims: [
      {
        claimantKind: 'state',
        claimantStates: ['XAA'],
        claimedOn: '2024-03-11',
        basis: 'political_statement',
        attributedKind: 'state',
        attributedState: 'XAB',
        summary: 'Demoland named its neighbour.',
        sourceUrl: 'https://demoland.example/statement',
        responses: [
          { state: 'XAB', stance: 'denies', statedOn: '2024-03-12', summary: 'It denied.', sourceUrl: 'https://x.example' },
        ],
      },
    ],
    norms: [{ norm: 'f', basis: 'editors', rationale: 'Critical infrastructure was hit.' }],
  });
  assert.equal(made.statusCode, 201, made.body);
  const id = made.json().id;
  await author.json('POST', `/api/v1/incidents/${id}/propose`, {});
  assert.equal((await (await as(SECOND)).json('POST', `/api/v1/incidents/${id}/approve`, {})).statusCode, 200);
  return id;
}

test('every text of the shipped incidents has its translation in each language (a missing one fails here)', () => {
  for (const lang of TRANSLATED) {
    const all = SHIPPED_TRANSLATIONS[lang];
    assert.equal(all.length, SHIPPED_INCIDENTS.length, lang);
    SHIPPED_INCIDENTS.forEach((i, k) => {
      const tr = all[k];
      const where = `${lang} ${i.title}`;
      assert.ok(tr.title && tr.summary && tr.effects, where);
      assert.equal(tr.sources.length, i.sources.length, `${where}: sources`);
      assert.ok(tr.sources.every(Boolean), `${where}: sources`);
      assert.equal(tr.claims.length, i.claims.length, `${where}: claims`);
      i.claims.forEach((c, n) => {
        assert.ok(tr.claims[n].summary && tr.claims[n].sourceTitle, `${where}: claim ${n + 1}`);
        const responses = (c as { responses?: unknown[] }).responses ?? [];
        assert.equal(tr.claims[n].responses?.length ?? 0, responses.length, `${where}: claim ${n + 1}'s responses`);
      });
      assert.equal(tr.norms.length, i.norms.length, `${where}: norms`);
    });
  }
});

test('the shipped record is read in each language (API, page, list, feed), labelled as ours; English has no label', async () => {
  const id = await idOf('WannaCry ransomware');
  for (const lang of TRANSLATED) {
    const api = (await anon(`/api/v1/incidents/${id}?lang=${lang}`)).json() as Incident;
    assert.equal(api.title, SHIPPED_TRANSLATIONS[lang][0].title, lang);
    assert.equal(api.lang, lang);
    assert.equal(api.translation?.madeHere, true);
    // Every text of the shipped record is translated, none outdated.
    assert.ok(api.translation && api.translation.texts.length >= 9, lang);
    assert.deepEqual(
      api.translation.texts.filter((x) => x.lang !== lang || x.outdated),
      [],
      lang,
    );
    assert.equal(api.claims[0].responses[0].summary, SHIPPED_TRANSLATIONS[lang][0].claims[0].responses?.[0]);
    const page = (await anon(`/incidents/${id}?lang=${lang}`)).body;
    assert.ok(page.includes(SHIPPED_TRANSLATIONS[lang][0].title), `${lang} page`);
    assert.ok(page.includes(SHIPPED_TRANSLATIONS[lang][0].norms[0]), `${lang} page: the norm's rationale`);
    assert.match(page, /id="language"/, `${lang}: the notice`);
    assert.doesNotMatch(page, /lang="en" dir="ltr">WannaCry ransomware/, `${lang}: nothing left in English`);
    const list = (await anon(`/incidents?lang=${lang}`)).body;
    assert.ok(list.includes(SHIPPED_TRANSLATIONS[lang][2].title), `${lang} list`);
    const feed = (await anon(`/feeds/incidents.atom?lang=${lang}`)).body;
    assert.ok(feed.includes(`<entry xml:lang="${lang}">`), `${lang} feed`);
    assert.ok(feed.includes(SHIPPED_TRANSLATIONS[lang][1].title), `${lang} feed: a title`);
    assert.ok(feed.includes(`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${lang}">`), `${lang} feed: its language`);
    assert.doesNotMatch(feed, /<title>cybernorms: ICT incidents and attribution<\/title>/, `${lang} feed: its own title`);
    assert.ok(feed.includes(`/incidents?lang=${lang}"`), `${lang} feed: links to the list in the language`);
  }
  // The list of the API too.
  const listed = (await anon('/api/v1/incidents?lang=zh')).json().data as Incident[];
  assert.ok(listed.some((i) => i.title === SHIPPED_TRANSLATIONS.zh[1].title));
  // In English: the English record, no label, no language marks; the feed as before.
  const en = (await anon(`/api/v1/incidents/${id}`)).json() as Incident;
  assert.equal(en.title, 'WannaCry ransomware');
  assert.equal(en.translation, null);
  assert.doesNotMatch((await anon(`/incidents/${id}?lang=en`)).body, /id="language"/);
  assert.match((await anon('/feeds/incidents.atom?lang=en')).body, /<entry>\n/);
  assert.match((await anon('/feeds/incidents.atom?lang=en')).body, /<title>cybernorms: ICT incidents and attribution<\/title>/);
  // STIX stays in English.
  assert.match((await anon(`/api/v1/incidents/${id}/stix?lang=fr`)).body, /"name":"WannaCry ransomware"/);
});

test('an untranslated record is shown in English, marked lang="en", with the notice saying so', async () => {
  const id = await published('Grid outage in Demoland');
  const page = (await anon(`/incidents/${id}?lang=ar`)).body;
  assert.match(page, /<span lang="en" dir="ltr">Grid outage in Demoland<\/span>/);
  assert.match(page, /<p lang="en" dir="ltr" class="lead">The power grid of Demoland went down.<\/p>/);
  assert.ok(page.includes('هذا السجل بالإنكليزية'), 'the notice that it is in English');
  const api = (await anon(`/api/v1/incidents/${id}?lang=ar`)).json() as Incident;
  assert.ok(api.translation?.texts.every((x) => x.lang === 'en'));
  const list = (await anon('/incidents?lang=ar')).body;
  assert.match(list, /lang="en" dir="ltr">\s*Grid outage in Demoland/);
  assert.match(
    (await anon('/feeds/incidents.atom?lang=ar')).body,
    /<entry xml:lang="en">\n\s*<id>[^<]+<\/id>\n\s*<title>Grid outage/,
  );
});

test('an editor translates a published incident in the browser and the API; audited; the refusals name the field', async () => {
  const id = await published('Grid outage in Transland');
  const editor = await as(EDITOR);
  const form = await editor.get(`/incidents/${id}/translate?to=fr`);
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /<span lang="en" dir="ltr">The power grid of Demoland went down.<\/span>/);
  const view = (await editor.json('GET', `/api/v1/incidents/${id}/translations/fr`)).json();
  const key = (start: string) => view.fields.find((f: { field: string }) => f.field.startsWith(start)).field as string;
  // The page links editors to it; readers never see the link.
  assert.match((await editor.get(`/incidents/${id}`)).body, new RegExp(`/incidents/${id}/translate\\?to=ar`));
  assert.doesNotMatch((await anon(`/incidents/${id}`)).body, /\/translate\?/);

  await editor.get(`/incidents/${id}/translate?to=fr`);
  const saved = await editor.post(`/incidents/${id}/translate`, {
    lang: 'fr',
    'fields.title': 'Panne du réseau en Transland',
    'fields.summary': 'Le réseau électrique de Demoland est tombé en panne.',
    [`fields.${key('claim.')}`]: 'Demoland a désigné son voisin.',
  });
  assert.equal(saved.statusCode, 303, saved.body);
  assert.equal(saved.headers.location, `/incidents/${id}/translate?to=fr&saved=1`);
  const page = (await anon(`/incidents/${id}?lang=fr`)).body;
  assert.match(page, /Panne du réseau en Transland/);
  assert.match(page, /Demoland a désigné son voisin\.<\/p><span class="tag">Résumé traduit : la source fait foi/);
  // What is not translated stays English, marked; the notice says some is.
  assert.match(page, /<span lang="en" dir="ltr">Lights out.<\/span>/);
  assert.ok(page.includes('Certains textes ne sont pas encore traduits'));
  const [row] = await t.db.query<{ details: { lang: string; fields: string[] } }>(
    "select details from audit_log where action = 'incident.translate' and entity_id = $1",
    [id],
  );
  assert.equal(row.details.lang, 'fr');
  assert.deepEqual(row.details.fields.sort(), [key('claim.'), 'summary', 'title'].sort());

  // The API: Spanish, one field; a blank field removes it (the English is shown again).
  const put = await editor.json('PUT', `/api/v1/incidents/${id}/translations/es`, { fields: { title: 'Apagón en Transland' } });
  assert.equal(put.statusCode, 200, put.body);
  assert.deepEqual(put.json().fields, ['title']);
  assert.equal(((await anon(`/api/v1/incidents/${id}?lang=es`)).json() as Incident).title, 'Apagón en Transland');
  const removed = await editor.json('PUT', `/api/v1/incidents/${id}/translations/es`, { fields: { title: '' } });
  assert.deepEqual(removed.json().removed, ['title']);
  assert.equal(((await anon(`/api/v1/incidents/${id}?lang=es`)).json() as Incident).title, 'Grid outage in Transland');
  assert.equal(
    (await t.db.query("select 1 from audit_log where action = 'incident.translate' and entity_id = $1", [id])).length,
    3,
  );

  // Refusals: each names the field; nothing is written.
  const before = (await t.db.query('select count(*)::int as n from incident_translations'))[0].n;
  const bad = async (body: unknown, lang = 'fr') => editor.json('PUT', `/api/v1/incidents/${id}/translations/${lang}`, body);
  assert.deepEqual((await bad({ fields: { title: 'x'.repeat(301) } })).json().errors, [
    fieldProblem('fields.title', 'tooLong', { n: 300 }),
  ]);
  assert.deepEqual((await bad({ fields: { title: '', summary: 'Résumé' } })).json().errors, [
    fieldProblem('fields.title', 'required'),
  ]);
  assert.deepEqual((await bad({ fields: { nope: 'x' } })).json().errors, [
    fieldProblem('fields.nope', 'unknown', { values: 'nope' }),
  ]);
  assert.deepEqual((await bad({ fields: { title: 'a\u202Eb' } })).json().errors[0].field, 'fields.title');
  const english = await bad({ fields: { title: 'x' } }, 'en');
  assert.equal(english.statusCode, 400);
  assert.equal(english.json().errors[0].field, 'lang');
  // The same translation again changes nothing: a 400 that says so.
  assert.equal(
    (
      await bad({
        fields: {
          title: 'Panne du réseau en Transland',
          summary: 'Le réseau électrique de Demoland est tombé en panne.',
          [key('claim.')]: 'Demoland a désigné son voisin.',
        },
      })
    ).json().errors[0].code,
    'unchanged',
  );
  // The page shows the form again with what was typed and the problem beside its field.
  await editor.get(`/incidents/${id}/translate?to=fr`);
  const page400 = await editor.post(`/incidents/${id}/translate`, {
    lang: 'fr',
    'fields.title': '',
    'fields.effects': 'Plus de lumière.',
  });
  assert.equal(page400.statusCode, 400);
  assert.match(page400.body, /id="f-fields.title-error">Title: is required/);
  assert.match(page400.body, />Plus de lumière.<\/textarea>/);
  assert.equal((await t.db.query('select count(*)::int as n from incident_translations'))[0].n, before);

  // Who: a member 403; signed out 401 (API) or to sign in (page); a draft is not translated (404).
  const member = await as(MEMBER);
  assert.equal((await member.json('PUT', `/api/v1/incidents/${id}/translations/fr`, { fields: { title: 'x' } })).statusCode, 403);
  assert.equal((await member.get(`/incidents/${id}/translate?to=fr`)).statusCode, 403);
  assert.equal((await new Client(t.app).json('PUT', `/api/v1/incidents/${id}/translations/fr`, { fields: {} })).statusCode, 401);
  const out = await anon(`/incidents/${id}/translate?to=fr`);
  assert.equal(out.statusCode, 303);
  assert.match(String(out.headers.location), /^\/sign-in\?next=/);
  const draft = (await editor.json('POST', '/api/v1/incidents', { title: 'A draft', claims: [], norms: [] })).json().id;
  assert.equal((await editor.json('GET', `/api/v1/incidents/${draft}/translations/fr`)).statusCode, 404);
  assert.equal((await t.db.query('select count(*)::int as n from incident_translations'))[0].n, before);
});

test('an approved change to the English marks its translation outdated, the English beside it, until translated again', async () => {
  const id = await published('Grid outage in Changeland');
  const editor = await as(EDITOR);
  const put = await editor.json('PUT', `/api/v1/incidents/${id}/translations/fr`, {
    fields: { title: 'Panne en Changeland', summary: 'Le réseau est tombé en panne.' },
  });
  assert.equal(put.statusCode, 200, put.body);
  const current = (await anon(`/api/v1/incidents/${id}`)).json() as Incident;
  const day = (d: unknown) => (d as { date: string } | null)?.date ?? '';
  const change = {
    ...current,
    started: day(current.started),
    ended: day(current.ended),
    disclosed: day(current.disclosed),
    summary: 'The power grid of Changeland went down for two days.',
    note: 'Two days, as the operator now says.',
  };
  const made = await editor.json('POST', `/api/v1/incidents/${id}/change`, change);
  assert.equal(made.statusCode, 200, made.body);
  const ok = await (await as(SECOND)).json('POST', `/api/v1/incidents/${id}/changes/${made.json().id}/approve`, { edition: 1 });
  assert.equal(ok.statusCode, 200, ok.body);

  const api = (await anon(`/api/v1/incidents/${id}?lang=fr`)).json() as Incident;
  const of = (field: string) => api.translation?.texts.find((x) => x.field === field);
  assert.deepEqual(of('summary'), { field: 'summary', lang: 'fr', outdated: true });
  assert.deepEqual(of('title'), { field: 'title', lang: 'fr', outdated: false });
  const page = (await anon(`/incidents/${id}?lang=fr`)).body;
  assert.match(page, /Traduction périmée : l’anglais a changé depuis/);
  assert.match(page, /<p lang="en" dir="ltr">The power grid of Changeland went down for two days.<\/p>/);
  assert.ok(page.includes('Certaines traductions sont antérieures'));
  const form = (await editor.json('GET', `/api/v1/incidents/${id}/translations/fr`)).json();
  assert.equal(form.fields.find((f: { field: string }) => f.field === 'summary').outdated, true);
  assert.match((await editor.get(`/incidents/${id}/translate?to=fr`)).body, /name="confirm" value="summary"/);
  // Saving another field leaves it outdated: only what changed is written.
  const title = await editor.json('PUT', `/api/v1/incidents/${id}/translations/fr`, {
    fields: { title: 'Panne à Changeland', summary: 'Le réseau est tombé en panne.' },
  });
  assert.deepEqual(title.json().fields, ['title']);
  assert.equal(
    ((await anon(`/api/v1/incidents/${id}?lang=fr`)).json() as Incident).translation?.texts.find((x) => x.field === 'summary')
      ?.outdated,
    true,
  );
  // Confirmed as still right for the English now (a word of the English fixed): no longer outdated, the text kept.
  const unknown = await editor.json('PUT', `/api/v1/incidents/${id}/translations/fr`, {
    fields: { title: 'Panne à Changeland', summary: 'Le réseau est tombé en panne.' },
    confirm: ['nope'],
  });
  assert.deepEqual(unknown.json().errors, [fieldProblem('confirm', 'unknown', { values: 'nope' })]);
  const confirmed = await editor.json('PUT', `/api/v1/incidents/${id}/translations/fr`, {
    fields: { title: 'Panne à Changeland', summary: 'Le réseau est tombé en panne.' },
    confirm: ['summary'],
  });
  assert.deepEqual(confirmed.json().fields, ['summary']);
  const again = (await anon(`/api/v1/incidents/${id}?lang=fr`)).json() as Incident;
  assert.ok(again.translation?.texts.every((x) => !x.outdated));
  assert.equal(again.summary, 'Le réseau est tombé en panne.');
  // Translated anew in the browser after another change: the outdated field is offered to confirm.
  const form2 = await editor.get(`/incidents/${id}/translate?to=fr`);
  assert.doesNotMatch(form2.body, /name="confirm"/, 'nothing outdated, nothing to confirm');
});

test('on start, a shipped incident with no translation in a language gets the shipped one; any row leaves it alone', async () => {
  const id = await idOf('NotPetya');
  await t.db.query("delete from incident_translations where incident_id = $1 and lang = 'ru'", [id]);
  assert.equal(((await anon(`/api/v1/incidents/${id}?lang=ru`)).json() as Incident).translation?.texts[0].lang, 'en');
  const added = await t.db.transaction((tx) => topUpIncidentTranslations(tx));
  assert.ok(added >= 7, String(added));
  assert.equal(((await anon(`/api/v1/incidents/${id}?lang=ru`)).json() as Incident).summary, SHIPPED_TRANSLATIONS.ru[1].summary);
  // An editor's removal stays removed: the language has a row for the incident.
  const editor = await as(EDITOR);
  await editor.json('PUT', `/api/v1/incidents/${id}/translations/ru`, { fields: {} });
  assert.equal(await t.db.transaction((tx) => topUpIncidentTranslations(tx)), 0);
  assert.equal(((await anon(`/api/v1/incidents/${id}?lang=ru`)).json() as Incident).summary, SHIPPED_INCIDENTS[1].summary);
});

test("the norm page lists the record's incidents in the reader's language, the English marked; a saved translation shows at once", async () => {
  const norm = (await anon('/norms/f?lang=fr')).body;
  assert.ok(norm.includes(`>${SHIPPED_TRANSLATIONS.fr[0].title}</a>`), 'a shipped title in French');
  assert.ok(norm.includes(SHIPPED_TRANSLATIONS.fr[0].norms[0]), 'its rationale in French');
  const api = (await anon('/api/v1/norms/f?lang=fr')).json().incidents as { title: string; lang: string }[];
  assert.ok(api.some((i) => i.title === SHIPPED_TRANSLATIONS.fr[1].title && i.lang === 'fr'));
  // A record in English only: marked as English; translated, the cached page shows it at once.
  const id = await published('Grid outage in Normland');
  assert.match(
    (await anon('/norms/f?lang=fr')).body,
    /<a href="\/incidents\/[^"]+" lang="en" dir="ltr">Grid outage in Normland<\/a>/,
  );
  const editor = await as(EDITOR);
  const saved = await editor.json('PUT', `/api/v1/incidents/${id}/translations/fr`, {
    fields: { title: 'Panne en Normland', 'norm.f.editors.rationale': 'Une infrastructure critique a été touchée.' },
  });
  assert.equal(saved.statusCode, 200, saved.body);
  const after = (await anon('/norms/f?lang=fr')).body;
  assert.match(after, /<a href="\/incidents\/[^"]+">Panne en Normland<\/a>/);
  assert.ok(after.includes('Une infrastructure critique a été touchée.'));
  // In English, the English.
  assert.match((await anon('/norms/f?lang=en')).body, />Grid outage in Normland<\/a>/);
});
