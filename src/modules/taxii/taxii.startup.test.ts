// The copy after a start (decision 76): the app copies the sources into the TAXII store once it is ready, not in
// the first read; while that copy runs, a read over a store that holds an earlier copy answers at once with that
// whole copy (never half of one), a read over a store never filled waits for the copy, and what the sources
// added since is served after the copy is done.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { buildApp } from '../../app.ts';
import { ANONYMOUS } from '../../platform/access.ts';
import { createTaxiiService, PUBLIC_COLLECTION_ID, TAXII_ROOT } from './index.ts';
import type { StixObject } from './taxii.service.ts';

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

const incident = (name: string): StixObject => ({
  type: 'incident',
  spec_version: '2.1',
  id: `incident--${randomUUID()}`,
  created: '2026-01-01T00:00:00.000Z',
  modified: '2026-01-01T00:00:00.000Z',
  name,
});

/** A source that answers only when released: a copy reading it runs until then. */
function held(objects: StixObject[]) {
  let release = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    release,
    read: async () => {
      await gate;
      return objects;
    },
  };
}

/** A TAXII service over the test database, as a freshly started instance, with only this incident source. */
const service = (incidents: () => Promise<StixObject[]>) =>
  createTaxiiService({
    db: t.db,
    clock: () => new Date(),
    events: t.app.events,
    sources: { incidents, communications: async () => [], states: async () => [] },
  });

const names = async (taxii: ReturnType<typeof service>) =>
  (await taxii.objects(ANONYMOUS, PUBLIC_COLLECTION_ID, { limit: '1000' })).rows
    .map((r) => JSON.parse(r.object) as { type: string; name?: string })
    .filter((o) => o.type === 'incident' && o.name?.startsWith('Start-up'))
    .map((o) => o.name)
    .sort();

const storeCount = async () => (await t.db.query<{ n: number }>('select count(*)::int as n from taxii_objects'))[0].n;

async function until(what: string, check: () => Promise<boolean>) {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`never: ${what}`);
}

test('the app copies the record into the store once it is ready, with no TAXII read', async () => {
  // The test app started over a store nobody had read: its copy after start fills it by itself.
  await until('the store is filled after start', async () => (await storeCount()) > 0);
});

test('a store never filled: a read during the copy after start waits for it and gets the whole collection', async () => {
  await t.app.inject({ url: `${TAXII_ROOT}collections/` }); // the app's own copy is done
  await t.db.query('delete from taxii_objects');
  const source = held([incident('Start-up A'), incident('Start-up B')]);
  const taxii = service(source.read);
  const copy = taxii.start();
  const read = names(taxii);
  let answered = false;
  void read.then(() => {
    answered = true;
  });
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(answered, false, 'the read waits: there is nothing whole to serve yet');
  source.release();
  assert.deepEqual(await read, ['Start-up A', 'Start-up B'], 'the whole collection, not an empty one');
  await copy;
});

test('a restart over a filled store: the first read answers at once with the whole earlier copy, the new after', async () => {
  // The store holds A and B (the test before). A restarted instance whose sources now also have C, slowly.
  const before = await names(service(async () => []));
  assert.deepEqual(before, ['Start-up A', 'Start-up B']);
  const stored = (
    await t.db.query<{ object: StixObject }>("select object from taxii_objects where object->>'name' like 'Start-up%'")
  ).map((r) => r.object);
  const source = held([...stored, incident('Start-up C')]);
  const taxii = service(source.read);
  const copy = taxii.start();
  const started = Date.now();
  assert.deepEqual(await names(taxii), ['Start-up A', 'Start-up B'], 'the whole earlier copy, at once');
  assert.ok(Date.now() - started < 5_000, 'the read did not wait for the copy (its source is still held)');
  source.release();
  await copy;
  assert.deepEqual(await names(taxii), ['Start-up A', 'Start-up B', 'Start-up C'], 'the new incident once the copy is done');
});

test('a restarted app answers its first TAXII read from the store, and closes cleanly while copying', async () => {
  const again = await buildApp({ config: { LOG_LEVEL: 'silent', TRUST_PROXY: false }, db: t.db });
  try {
    await again.ready();
    const res = await again.inject({
      url: `${TAXII_ROOT}collections/${PUBLIC_COLLECTION_ID}/objects/?limit=1000`,
      headers: { accept: 'application/taxii+json;version=2.1' },
    });
    assert.equal(res.statusCode, 200, res.body);
    const got = (JSON.parse(res.body).objects as { name?: string }[]).map((o) => o.name).filter((n) => n?.startsWith('Start-up'));
    assert.deepEqual(got.sort(), ['Start-up A', 'Start-up B', 'Start-up C'], 'what the store holds');
  } finally {
    await again.close();
  }
});

test('a store never filled: a change heard during the copy after start is in every read once the first copy is stored', async () => {
  // The store is empty when the copy starts. Its first read of the source gives A; a change is heard meanwhile,
  // and the second read (the change's) is held. A read made once A is stored must not be served A alone: it was
  // told about the change, and the store held nothing whole before this copy began.
  await t.db.query('delete from taxii_objects');
  const a = incident('Start-up D');
  const second = held([a, incident('Start-up E')]);
  let reads = 0;
  let taxii: ReturnType<typeof service> | undefined;
  taxii = service(async () => {
    reads += 1;
    if (reads === 1) {
      taxii?.changed('incidents');
      return [a];
    }
    return second.read();
  });
  const copy = taxii.start();
  await until('the first copy is stored', async () => (await storeCount()) > 0);
  const read = names(taxii);
  let answered = false;
  void read.then(() => {
    answered = true;
  });
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(answered, false, 'the read waits for the change it was told of');
  second.release();
  assert.deepEqual(await read, ['Start-up D', 'Start-up E'], 'the change is in the read');
  await copy;
});

test('a copy writes only what changed, and writes everything again when something else emptied the store', async () => {
  await t.db.query('delete from taxii_objects');
  const a = incident('Start-up F');
  let objects = [a, incident('Start-up G')];
  const taxii = service(async () => objects);
  assert.deepEqual(await names(taxii), ['Start-up F', 'Start-up G']);
  const rows = async () => (await t.db.query<{ n: number }>('select count(*)::int as n from taxii_objects'))[0].n;
  const before = await rows();
  // One object changed: one row more, nothing else written again.
  objects = [{ ...a, modified: '2026-02-01T00:00:00.000Z' }, objects[1]];
  taxii.changed('incidents');
  assert.deepEqual(await names(taxii), ['Start-up F', 'Start-up G']);
  assert.equal(await rows(), before + 1, 'only the new version');
  // Something else removed every row (a removal, another tool): the next copy finds out and writes all again.
  await t.db.query('delete from taxii_objects');
  taxii.changed('incidents');
  assert.deepEqual(await names(taxii), ['Start-up F', 'Start-up G'], 'written again, not taken as held');
});
