// On a 390 px phone in Chromium, no main page scrolls sideways, signed out and signed in as each kind of
// official, in English and in Arabic (right to left); the header takes at most a quarter of the first screen;
// and no GET or HEAD of those pages changes anything (the audit chain and the counted rows stay as they were).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type BrowserApp, browserApp } from './support/browser-app.ts';

let env: BrowserApp;
before(async () => {
  env = await browserApp();
});
after(() => env?.close());

const PUBLIC = [
  '/',
  '/norms',
  '/norms/c',
  '/pillars',
  '/cbms',
  '/frameworks',
  '/actors',
  '/forums',
  '/sectors',
  '/glossary',
  '/timeline',
  '/learn',
  '/learn/norms-in-practice/norm-c',
  '/states',
  '/states/XAA',
  '/states?group=weog',
  '/organisations/OSCE',
  '/map',
  '/compare',
  '/incidents',
  '/search?q=critical+infrastructure',
  '/sign-in',
  '/register',
];
const OFFICIAL = [
  '/desk',
  '/account',
  '/directory',
  '/directory/states/XAA',
  '/directory/tasks',
  '/directory/participation',
  '/communications',
  '/communications/new',
  '/states/XAA/reports',
];
const PEOPLE = [null, 'focal@xaa.demo.cybernorms.example', 'poc@xaa.demo.cybernorms.example', 'manager@demo.cybernorms.example'];

/**
 * What a GET must never change: the rows people create, and the audit log's record of changes (consulting
 * confidential records is itself recorded, on purpose, as `<thing>.read`, `_read`, `.list` or `.export`, and so is
 * a refusal, `access.denied`).
 */
async function footprint() {
  const [{ audit, threads, contacts, reports }] = await env.t.db.query<Record<string, number>>(
    `select (select count(*)::int from audit_log
              where action !~ '[._](read|list|export)$' and action <> 'access.denied'
                and action not like 'auth.%' and action not like 'session.%') as audit,
            (select count(*)::int from threads) as threads,
            (select count(*)::int from contact_versions) as contacts,
            (select count(*)::int from reports) as reports`,
  );
  return { audit, threads, contacts, reports };
}

for (const lang of ['en', 'ar'] as const) {
  test(`no main page scrolls sideways on a 390 px phone (${lang}), and no GET changes anything`, async () => {
    const start = await footprint();
    const wide: string[] = [];
    for (const who of PEOPLE) {
      const { page } = await env.as(who);
      await page.setViewportSize({ width: 390, height: 844 });
      for (const path of who ? [...PUBLIC, ...OFFICIAL] : PUBLIC) {
        const url = `${env.base}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`;
        const res = await page.goto(url);
        assert.ok(res && res.status() < 500, `${path}: ${res?.status()}`);
        const [scroll, header] = await page.evaluate(() => [
          document.documentElement.scrollWidth,
          document.querySelector('header')?.getBoundingClientRect().height ?? 0,
        ]);
        if (scroll > 390) wide.push(`${who ?? 'signed out'} ${path}: ${scroll} px`);
        assert.ok(header <= 844 / 4, `${path}: the header takes ${header} px of 844`);
        await page.request.head(url);
      }
      await page.context().close();
    }
    assert.deepEqual(wide, [], 'pages wider than the screen');
    assert.deepEqual(await footprint(), start, 'a GET or HEAD changed something');
  });
}
