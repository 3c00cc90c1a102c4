// The house's layers, checked on every import (issue 14): main → app → modules → views → platform → db.
// platform/ and db/ import no feature module. Three more rules are where the house is headed but not yet
// true: platform/ importing no page (its HTTP layer still renders the error page), views/ importing no
// module, and a module using another only through its public face (index.ts). Their remaining exceptions
// are listed in test/boundaries.allow.json, which may only shrink: a new exception fails here, and so does
// a listed one that no longer exists (remove it from the list).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { PUBLISHED_VIEWS, TABLE_OWNERS } from '../src/db/tables.ts';

const root = path.resolve(import.meta.dirname, '..');
const src = path.join(root, 'src');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : [],
  );
}

/** Every relative import of every source file, as paths from src/. */
const imports = files(src)
  .filter((f) => !/\.test\.tsx?$/.test(f))
  .flatMap((f) => {
    const text = readFileSync(f, 'utf8');
    return [...text.matchAll(/^(?:import|export)\b[^;]*?from\s+'(\.[^']+)'/gms)].map((m) => ({
      from: path.relative(src, f),
      to: path.relative(src, path.resolve(path.dirname(f), m[1])),
    }));
  });

const layer = (p: string) => p.split(path.sep)[0];
const moduleOf = (p: string) => (p.startsWith(`modules${path.sep}`) ? p.split(path.sep)[1] : null);

test('platform/ and db/ import no feature module', () => {
  const wrong = imports
    .filter((i) => ['platform', 'db'].includes(layer(i.from)) && ['modules', 'content'].includes(layer(i.to)))
    .map((i) => `${i.from} → ${i.to}`);
  assert.deepEqual(wrong, []);
});

test('views/ and modules/ cross no boundary beyond the listed exceptions, which only shrink', () => {
  const allowed = JSON.parse(readFileSync(path.join(root, 'test/boundaries.allow.json'), 'utf8')) as {
    platformImportingViews: string[];
    viewsImportingModules: string[];
    modulesImportingOtherModulesInternals: string[];
  };
  const platform = [
    ...new Set(imports.filter((i) => layer(i.from) === 'platform' && layer(i.to) === 'views').map((i) => `${i.from} → ${i.to}`)),
  ].sort();
  const views = [
    ...new Set(imports.filter((i) => layer(i.from) === 'views' && layer(i.to) === 'modules').map((i) => `${i.from} → ${i.to}`)),
  ].sort();
  const modules = [
    ...new Set(
      imports
        .filter((i) => {
          const a = moduleOf(i.from);
          const b = moduleOf(i.to);
          return a && b && a !== b && path.basename(i.to) !== 'index.ts';
        })
        .map((i) => `${i.from} → ${i.to}`),
    ),
  ].sort();
  const added = [
    ...platform.filter((p) => !allowed.platformImportingViews.includes(p)),
    ...views.filter((v) => !allowed.viewsImportingModules.includes(v)),
    ...modules.filter((m) => !allowed.modulesImportingOtherModulesInternals.includes(m)),
  ];
  assert.deepEqual(added, [], 'new imports across a boundary: go through the module’s public face instead');
  const gone = [
    ...allowed.platformImportingViews.filter((p) => !platform.includes(p)),
    ...allowed.viewsImportingModules.filter((v) => !views.includes(v)),
    ...allowed.modulesImportingOtherModulesInternals.filter((m) => !modules.includes(m)),
  ];
  assert.deepEqual(gone, [], 'these exceptions no longer exist: remove them from test/boundaries.allow.json');
});

/** Tables named in SQL (after from, join, into, update, table), per module, outside tests. */
function tablesUsed(module: string): Set<string> {
  const dir = path.join(src, 'modules', module);
  const used = new Set<string>();
  for (const f of files(dir).filter((f) => !/\.test\.tsx?$/.test(f))) {
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/\b(?:from|join|into|update|table)\s+([a-z_]+)\b/gi)) used.add(m[1].toLowerCase());
  }
  return used;
}

/** Tables or views written in SQL (insert into, update, delete from), per module, outside tests. */
function writtenTables(module: string): Set<string> {
  const written = new Set<string>();
  for (const f of files(path.join(src, 'modules', module)).filter((f) => !/\.test\.tsx?$/.test(f))) {
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/\b(?:insert\s+into|update|delete\s+from)\s+([a-z_]+)\b/gi)) written.add(m[1].toLowerCase());
  }
  return written;
}

test('every table has one owner, and a module names only its own tables in SQL, beyond the listed exceptions', () => {
  const owner = new Map<string, string>();
  for (const [module, tables] of Object.entries(TABLE_OWNERS))
    for (const table of tables) {
      assert.ok(!owner.has(table), `${table} is declared twice`);
      owner.set(table, module);
    }
  // Every table a migration creates has its owner declared.
  const created = readdirSync(path.join(src, 'db/migrations')).flatMap((f) =>
    [...readFileSync(path.join(src, 'db/migrations', f), 'utf8').matchAll(/^create table (?:if not exists )?([a-z_]+)/gim)].map(
      (m) => m[1],
    ),
  );
  assert.deepEqual(
    created.filter((t) => !owner.has(t)),
    [],
    'declare the owner of these tables in src/db/tables.ts',
  );
  const allowed = JSON.parse(readFileSync(path.join(root, 'test/boundaries.allow.json'), 'utf8')) as {
    modulesUsingOtherModulesTables: string[];
  };
  const published = new Map<string, string>();
  for (const [module, views] of Object.entries(PUBLISHED_VIEWS))
    for (const view of views) {
      assert.ok(!owner.has(view) && !published.has(view), `${view} is declared twice`);
      published.set(view, module);
    }
  // Every view a migration creates is published by one module, and every published view exists.
  const views = readdirSync(path.join(src, 'db/migrations')).flatMap((f) =>
    [...readFileSync(path.join(src, 'db/migrations', f), 'utf8').matchAll(/^create (?:or replace )?view ([a-z_]+)/gim)].map(
      (m) => m[1],
    ),
  );
  assert.deepEqual([...views].sort(), [...published.keys()].sort(), 'declare each view in PUBLISHED_VIEWS, and only those');
  // Another module's published views are read, never written.
  const writes = readdirSync(path.join(src, 'modules')).flatMap((module) =>
    [...writtenTables(module)].filter((t) => published.has(t) && published.get(t) !== module).map((t) => `${module} writes ${t}`),
  );
  assert.deepEqual(writes, [], 'a published view is for reading: write through its owner’s public face');
  const crossing = readdirSync(path.join(src, 'modules'))
    .flatMap((module) =>
      [...tablesUsed(module)]
        .filter((t) => owner.has(t) && owner.get(t) !== module && owner.get(t) !== 'platform')
        .map((t) => `${module} → ${t}`),
    )
    .sort();
  assert.deepEqual(
    crossing.filter((c) => !allowed.modulesUsingOtherModulesTables.includes(c)),
    [],
    'SQL naming another module’s table: ask that module through its public face instead',
  );
  assert.deepEqual(
    allowed.modulesUsingOtherModulesTables.filter((c) => !crossing.includes(c)),
    [],
    'these exceptions no longer exist: remove them from test/boundaries.allow.json',
  );
});

/** SQL text in a module file: a string that starts a statement. */
const SQL = /['"`]\s*(?:select\b|insert\s+into\b|update\s+[a-z_]+\s+set\b|delete\s+from\b|with\s+[a-z_]+\s+as\b)/i;

/** A table name interpolated into SQL (`update ${spec.table} set …`). A seed loading its own tables may. */
const DYNAMIC_TABLE = /(?:insert\s+into|delete\s+from|\bjoin|\bupdate)\s+\$\{|\bselect\b[^`'"]*?\bfrom\s+\$\{/i;

test('SQL names its tables: no table chosen at run time, which would hide whose it is', () => {
  const dynamic = readdirSync(path.join(src, 'modules'))
    .flatMap((module) => files(path.join(src, 'modules', module)))
    .filter((f) => !/\.(test|seed)\.tsx?$/.test(f))
    .filter((f) => DYNAMIC_TABLE.test(readFileSync(f, 'utf8')))
    .map((f) => path.relative(src, f));
  assert.deepEqual(dynamic, []);
});

test('a module keeps its SQL in its *.queries.ts files (and its *.seed.ts data)', () => {
  const outside = readdirSync(path.join(src, 'modules'))
    .flatMap((module) => files(path.join(src, 'modules', module)))
    .filter((f) => !/\.(test|queries|seed)\.tsx?$/.test(f))
    .filter((f) => SQL.test(readFileSync(f, 'utf8')))
    .map((f) => path.relative(src, f));
  assert.deepEqual(outside, [], 'move these statements into the module’s *.queries.ts');
});

/** About 400 lines at most: a file longer than that holds more than one thing. Data (content, messages) aside. */
const MAX_LINES = 420;

test(`no source file is longer than ${MAX_LINES} lines, data aside`, () => {
  const long = files(src)
    .filter((f) => !/\.test\.tsx?$/.test(f) && !f.includes(`${path.sep}content${path.sep}`) && !f.includes(`i18n${path.sep}`))
    .filter((f) => readFileSync(f, 'utf8').split('\n').length > MAX_LINES)
    .map((f) => path.relative(src, f));
  assert.deepEqual(long, [], 'split these by what they do');
});
