// Search latency: 200 varied English queries over the seeded content (in six languages) plus 10 000 generated
// English documents, timed one by one through the search service (SQL, ranking, highlighting, the
// suggestion); then 200 queries in the five other languages and mistyped English ones, which also pay for the
// fallback to English and the corrected search. Runs on PGlite, or on PostgreSQL when TEST_DATABASE_URL is
// set (bench/run.sh starts a throwaway cluster). Prints Markdown table rows.

import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { openDb } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { createSearchService, replaceDocuments } from '../src/modules/search/index.ts';
import { withAudit } from '../src/platform/audit.ts';
import type { Locale } from '../src/platform/i18n/locales.ts';
import { seedContent } from '../src/seed.ts';
import { createPostgresDatabase } from '../test/support/db.ts';
import { percentile } from './support.ts';

const GENERATED = 10_000;
const QUERIES = 200;

// A deterministic pseudo-random sequence, so every run searches the same corpus with the same queries.
let state = 42;
const rand = () => {
  state = (state * 1103515245 + 12345) % 2 ** 31;
  return state / 2 ** 31;
};
const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];

const target = process.env.TEST_DATABASE_URL ? await createPostgresDatabase() : null;
const db = withAudit(await openDb(target ? { url: target.url } : { memory: true }), { key: randomBytes(32) });
await migrate(db);
await seedContent(db, { actor: 'system:bench', origin: 'bench' });

const bodies = async (lang: Locale) =>
  (await db.query<{ body: string }>('select body from search_documents where lang = $1', [lang])).map((r) => r.body);
const vocabulary = [...new Set((await bodies('en')).flatMap((b) => b.toLowerCase().match(/[a-z]{4,}/g) ?? []))];
const docs = Array.from({ length: GENERATED }, (_, i) => ({
  kind: 'generated',
  ref: String(i),
  lang: 'en' as const,
  title: Array.from({ length: 5 }, () => pick(vocabulary)).join(' '),
  body: Array.from({ length: 60 + Math.floor(rand() * 120) }, () => pick(vocabulary)).join(' '),
  url: `/generated/${i}`,
}));
await db.transaction((tx) => replaceDocuments(tx, ['generated'], docs, ['en']));
await db.query('analyze search_documents');
await db.query('analyze search_words');

const shapes = [
  () => pick(vocabulary),
  () => `${pick(vocabulary)} ${pick(vocabulary)}`,
  () => `"${pick(vocabulary)} ${pick(vocabulary)}"`,
  () => `${pick(vocabulary)} or ${pick(vocabulary)}`,
  () => `${pick(vocabulary)} -${pick(vocabulary)}`,
  () =>
    pick([
      'critical infrastructure',
      'points of contact',
      'attribution',
      'supply chain',
      'human rights',
      'vulnerability disclosure',
    ]),
  () => `${pick(vocabulary)}zz`,
];
const english = Array.from({ length: QUERIES }, (_, i) => ({ q: shapes[i % shapes.length](), lang: 'en' as Locale }));

// The other languages: one or two words of their own documents (a run of two to four Han characters in
// Chinese), a word with a letter dropped, and English words mistyped the same way.
const words: Partial<Record<Locale, string[]>> = {};
for (const lang of ['fr', 'es', 'ru', 'ar'] as const)
  words[lang] = [...new Set((await bodies(lang)).flatMap((b) => b.toLowerCase().match(/[\p{L}\p{M}]{4,}/gu) ?? []))];
words.zh = [...new Set((await bodies('zh')).flatMap((b) => b.match(/\p{Script=Han}{2,}/gu) ?? []))].map((run) => {
  const at = Math.floor(rand() * Math.max(1, run.length - 1));
  return run.slice(at, at + 2 + Math.floor(rand() * 3));
});
const dropLetter = (w: string) => {
  const at = 1 + Math.floor(rand() * (w.length - 2));
  return w.slice(0, at) + w.slice(at + 1);
};
const otherShapes: (() => { q: string; lang: Locale })[] = [
  ...(['fr', 'es', 'ru', 'ar', 'zh'] as const).flatMap((lang) => [
    () => ({ q: pick(words[lang] as string[]), lang }),
    () => ({ q: `${pick(words[lang] as string[])} ${pick(words[lang] as string[])}`, lang }),
  ]),
  () => ({ q: dropLetter(pick(words.fr as string[])), lang: 'fr' }),
  () => ({ q: dropLetter(pick(words.ru as string[])), lang: 'ru' }),
  () => ({ q: `${dropLetter(pick(vocabulary))} ${pick(vocabulary)}`, lang: 'en' }),
  () => ({ q: 'critcal infrastructure', lang: 'en' }),
  () => ({ q: pick(vocabulary), lang: pick(['fr', 'es', 'ru', 'ar', 'zh'] as const) }),
];
const others = Array.from({ length: QUERIES }, (_, i) => otherShapes[i % otherShapes.length]());

const search = createSearchService({ db });
for (const { q, lang } of [...english.slice(0, 20), ...others.slice(0, 20)]) await search.search(q, { lang }); // warm-up

async function measure(queries: { q: string; lang: Locale }[]) {
  const times: number[] = [];
  let hits = 0;
  for (const { q, lang } of queries) {
    const start = performance.now();
    const result = await search.search(q, { lang });
    times.push(performance.now() - start);
    hits += result.total;
  }
  return { times, hits };
}
const rows = [
  ['200 English', await measure(english)],
  ['200 in fr/es/ru/ar/zh, mistyped', await measure(others)],
] as const;
await db.close();
await target?.drop();

const fmt = (n: number) => n.toFixed(1);
for (const [label, { times, hits }] of rows)
  console.log(
    `| ${target ? 'PostgreSQL 15' : 'PGlite'} | ${GENERATED} + seeded ×6 languages | ${label} | ${fmt(percentile(times, 50))} | ${fmt(percentile(times, 95))} | ${fmt(Math.max(...times))} | ${Math.round(hits / QUERIES)} |`,
  );
