// The house's layers, checked on every import (issue 14): main → app → modules → views → platform → db.
// platform/ and db/ import no module and no page; views/ imports no module; a module, app.ts and the other
// entry points use a module only through its public face (index.ts), and modules do not depend on one
// another in a circle. A module's SQL lives in its *.queries.ts files and names only its own tables and the
// views other modules publish (src/db/tables.ts). Each rule fails on the code from before issue 14.
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

test('platform/ and db/ import no feature module and no page', () => {
  const wrong = imports
    .filter((i) => ['platform', 'db'].includes(layer(i.from)) && ['modules', 'content', 'views'].includes(layer(i.to)))
    .map((i) => `${i.from} → ${i.to}`);
  assert.deepEqual(wrong, []);
});

test('views/ import no module', () => {
  assert.deepEqual(
    imports.filter((i) => layer(i.from) === 'views' && layer(i.to) === 'modules').map((i) => `${i.from} → ${i.to}`),
    [],
  );
});

test('a module is used only through its public face (index.ts), by other modules and by the entry points', () => {
  const wrong = imports
    .filter((i) => {
      const to = moduleOf(i.to);
      return to && moduleOf(i.from) !== to && path.basename(i.to) !== 'index.ts';
    })
    .map((i) => `${i.from} → ${i.to}`);
  assert.deepEqual(wrong, [], 'import what you need from the module’s index.ts (add it there if it is missing)');
});

test('modules do not depend on one another in a circle', () => {
  const edges = new Map<string, Set<string>>();
  for (const i of imports) {
    const [a, b] = [moduleOf(i.from), moduleOf(i.to)];
    if (a && b && a !== b) edges.set(a, (edges.get(a) ?? new Set()).add(b));
  }
  const cycles: string[] = [];
  const visit = (m: string, trail: string[]) => {
    if (trail.includes(m)) return void cycles.push([...trail.slice(trail.indexOf(m)), m].join(' → '));
    for (const n of edges.get(m) ?? []) visit(n, [...trail, m]);
  };
  for (const m of edges.keys()) visit(m, []);
  assert.deepEqual([...new Set(cycles)], []);
  assert.ok(edges.size > 5, 'the scan found the modules’ dependencies');
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

test('every table has one owner, and a module names only its own tables and the views others publish', () => {
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
  const published = new Map<string, string>();
  for (const [module, views] of Object.entries(PUBLISHED_VIEWS))
    for (const view of views) {
      assert.ok(!owner.has(view) && !published.has(view), `${view} is declared twice`);
      published.set(view, module);
    }
  // Every view a migration creates is published by one module, and every published view exists (a later
  // migration may redefine a view: `create or replace view` names it again).
  const views = new Set(
    readdirSync(path.join(src, 'db/migrations')).flatMap((f) =>
      [...readFileSync(path.join(src, 'db/migrations', f), 'utf8').matchAll(/^create (?:or replace )?view ([a-z_]+)/gim)].map(
        (m) => m[1],
      ),
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
  assert.deepEqual(crossing, [], 'SQL naming another module’s table: read its published view, or ask its public face');
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
