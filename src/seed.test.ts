// First start on an existing database: what is missing is added, what editors did is kept.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seededDb } from '../test/support/db.ts';
import { shippedTranslations } from './content/i18n/index.ts';
import { ensureSeeded } from './seed.ts';

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
