// First start on an existing database: what is missing is added, what editors did is kept.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seededDb } from '../test/support/db.ts';
import { shippedTranslations } from './content/i18n/index.ts';
import { ensureSeeded, seedShippedIncidents } from './seed.ts';

test('a database from before the translations gets each missing language and an index in six; a removed translation stays removed', async () => {
  const db = await seededDb();
  try {
    const count = async (sql: string, params: unknown[] = []) => (await db.query<{ n: number }>(sql, params))[0].n;
    const shipped = (lang: string) => shippedTranslations().filter((r) => r[3] === lang).length;
    // As a database seeded before issue 16 was: no French and no Chinese, an index in English only; and one
    // Spanish translation an editor removed.
    await db.query("delete from translations where lang in ('fr', 'zh')");
    await db.query("delete from search_documents where lang <> 'en'");
    const [removed] = await db.query<{ entity: string; entity_id: string; field: string }>(
      "select entity, entity_id, field from translations where lang = 'es' order by entity, entity_id, field limit 1",
    );
    await db.query("delete from translations where lang = 'es' and entity = $1 and entity_id = $2 and field = $3", [
      removed.entity,
      removed.entity_id,
      removed.field,
    ]);

    const report = await ensureSeeded(db);
    assert.equal(report.knowledge, true, 'the start says it added content');
    assert.equal(await count("select count(*)::int as n from translations where lang = 'fr'"), shipped('fr'), 'French is back');
    assert.equal(await count("select count(*)::int as n from translations where lang = 'zh'"), shipped('zh'), 'Chinese is back');
    assert.equal(
      await count("select count(*)::int as n from translations where lang = 'es'"),
      shipped('es') - 1,
      'the removed one stays removed',
    );
    assert.equal(
      await count('select count(distinct lang)::int as n from search_documents'),
      6,
      'the index holds all six languages',
    );
    assert.ok(
      (await count("select count(*)::int as n from audit_log where action = 'knowledge.translations'")) === 1,
      'the top-up is audited once',
    );

    const again = await ensureSeeded(db);
    assert.equal(again.knowledge, false, 'a second start changes nothing');
    assert.equal(
      await count("select count(*)::int as n from audit_log where action = 'knowledge.translations'"),
      1,
      'and audits nothing',
    );
  } finally {
    await db.dispose();
  }
});

test('the seed adds the shipped incidents the record lacks, once; those it holds are kept as editors left them', async () => {
  const db = await seededDb();
  try {
    const titles = async () =>
      (await db.query<{ title: string }>('select title from incidents where stix_id is null order by title')).map((r) => r.title);
    const audits = async () =>
      (await db.query<{ n: number }>("select count(*)::int as n from audit_log where action = 'incidents.seed'"))[0].n;
    const by = { actor: 'system:test', origin: 'test' };
    await seedShippedIncidents(db, by); // whatever the template holds, the shipped record is there after it
    const shipped = await titles();
    assert.equal(shipped.length, 3, `the three shipped incidents: ${shipped.join(', ')}`);
    assert.equal(new Set(shipped).size, 3, 'each once');
    // One removed, another's summary changed by editors: the seed puts back the first and keeps the second.
    await db.query('delete from incidents where title = $1', [shipped[0]]);
    await db.query("update incidents set summary = 'Kept by the editors.' where title = $1", [shipped[1]]);
    const before = await audits();
    assert.equal(await seedShippedIncidents(db, by), 1, 'one added');
    assert.deepEqual(await titles(), shipped, 'the removed one is back, none twice');
    const [kept] = await db.query<{ summary: string }>('select summary from incidents where title = $1', [shipped[1]]);
    assert.equal(kept.summary, 'Kept by the editors.', "the editors' text is kept");
    const [back] = await db.query<{ status: string; n: number }>(
      `select i.status, (select count(*)::int from incident_claims c where c.incident_id = i.id) as n
         from incidents i where title = $1`,
      [shipped[0]],
    );
    assert.equal(back.status, 'published');
    assert.ok(back.n > 0, 'with its claims');
    assert.equal(await audits(), before + 1, 'audited');
    // Again: nothing to add, nothing written.
    assert.equal(await seedShippedIncidents(db, by), 0, 'nothing added the second time');
    assert.deepEqual(await titles(), shipped);
    assert.equal(await audits(), before + 1, 'and nothing audited');
  } finally {
    await db.dispose();
  }
});
