// The TAXII 2.1 server (issue 18): discovery, the API root, the collections each reader sees, the envelope,
// paging by `next` and by `added_after` across many objects added at the same instant and while a client
// pages (no object lost, none repeated), the match filters, manifest and versions, the media type (406, 415),
// and the State collections with tokens of the right State, another State and none.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { sessionFor, tokenFor } from '../../../test/support/auth.ts';
import { removeDemoAccounts } from '../../demo.ts';
import { PUBLIC_COLLECTION_ID, stateCollectionId, TAXII_ROOT } from './index.ts';

const TAXII = 'application/taxii+json;version=2.1';
const FOCAL_A = 'focal@xaa.demo.cybernorms.example';
const POC_B = 'poc@xab.demo.cybernorms.example';
const PUBLIC = `${TAXII_ROOT}collections/${PUBLIC_COLLECTION_ID}/`;
const STATE_A = `${TAXII_ROOT}collections/${stateCollectionId('XAA')}/`;
const STATE_B = `${TAXII_ROOT}collections/${stateCollectionId('XAB')}/`;

let t: TestApp;
// One instant for everything: every object of a sync is added "at the same time".
const NOW = '2026-12-06T10:00:00.000Z';
const clock = () => new Date(NOW);

type Res = Awaited<ReturnType<TestApp['app']['inject']>>;
const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers: { accept: TAXII, ...headers } });
const body = (res: Res) => JSON.parse(res.body) as Record<string, unknown> & { objects?: { id: string }[] };
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Runs fn and waits until the server heard the event it causes (on PostgreSQL, NOTIFY brings it a moment later). */
async function heard<T>(topic: string, fn: () => Promise<T>): Promise<T> {
  let off = () => {};
  let timer: NodeJS.Timeout | undefined;
  const event = new Promise<void>((resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no ${topic} event heard`)), 10_000);
    off = t.app.events.subscribe((e) => {
      if (e.topic === topic) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  try {
    const result = await fn();
    await event;
    return result;
  } finally {
    off();
    clearTimeout(timer);
  }
}

/** Publishes n incidents created and changed at the same instant, and tells the server the record changed. */
async function publishIncidents(n: number, label: string, at = '2026-11-01T00:00:00Z'): Promise<string[]> {
  const rows = await t.db.query<{ id: string }>(
    `insert into incidents (title, status, started_on, started_precision, created_at, updated_at, published_at)
     select $1 || ' ' || g, 'published', '2026-01-02', 'day', $2, $2, $2 from generate_series(1, $3::int) g returning id`,
    [label, at, n],
  );
  await heard('incidents', () => t.app.events.publish({ topic: 'incidents', id: '', states: [] }));
  return rows.map((r) => r.id);
}

/** Every page of a listing, following `next`; each page's body and headers. */
async function allPages(url: string, headers: Record<string, string> = {}) {
  const pages: Res[] = [];
  let next: string | undefined;
  do {
    const sep = url.includes('?') ? '&' : '?';
    const res = await get(next ? `${url}${sep}next=${encodeURIComponent(next)}` : url, headers);
    assert.equal(res.statusCode, 200, res.body);
    pages.push(res);
    const b = body(res);
    next = b.more ? (b.next as string) : undefined;
    assert.ok(!b.more || typeof b.next === 'string', 'a page with more names the next');
    assert.ok(pages.length < 200, 'paging ends');
  } while (next);
  return pages;
}
const idsOf = (pages: Res[]) => pages.flatMap((p) => (body(p).objects ?? []).map((o) => o.id));

before(async () => {
  t = await testApp({ clock, publicUrl: 'https://cybernorms.example' });
});
after(() => t.close());

describe('discovery and the API root', () => {
  test('discovery names the one API root, in the TAXII media type', async () => {
    const res = await get('/taxii2/');
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['content-type'], TAXII, 'the TAXII media type');
    const d = body(res);
    assert.equal(d.default, `https://cybernorms.example${TAXII_ROOT}`, 'the default API root');
    assert.deepEqual(d.api_roots, [`https://cybernorms.example${TAXII_ROOT}`], 'the API roots');
  });

  test('the API root says TAXII 2.1 and its largest content', async () => {
    const res = await get(TAXII_ROOT);
    assert.equal(res.statusCode, 200, res.body);
    const r = body(res);
    assert.deepEqual(r.versions, [TAXII], 'the version');
    assert.equal(typeof r.max_content_length, 'number', 'max_content_length');
  });

  test('an Accept the server cannot answer is a 406, as a TAXII error; a wider one is answered', async () => {
    for (const accept of ['application/json', 'text/html', 'application/taxii+json;version=2.0']) {
      const res = await get('/taxii2/', { accept });
      assert.equal(res.statusCode, 406, `${accept}: ${res.body}`);
      assert.equal(res.headers['content-type'], TAXII, 'errors in the TAXII media type');
      assert.equal(body(res).http_status, '406', 'a TAXII error message');
    }
    for (const accept of ['application/taxii+json', '*/*', 'text/html, */*;q=0.8', 'application/taxii+json; version=2.1']) {
      const res = await get('/taxii2/', { accept });
      assert.equal(res.statusCode, 200, `${accept}: ${res.body}`);
    }
  });

  test('a body of another media type is a 415; a TAXII body to a read-only collection is a 403', async () => {
    const wrong = await t.app.inject({
      method: 'POST',
      url: `${PUBLIC}objects/`,
      headers: { accept: TAXII, 'content-type': 'application/json' },
      payload: '{"objects":[]}',
    });
    assert.equal(wrong.statusCode, 415, wrong.body);
    assert.equal(body(wrong).http_status, '415', 'a TAXII error message');
    const right = await t.app.inject({
      method: 'POST',
      url: `${PUBLIC}objects/`,
      headers: { accept: TAXII, 'content-type': TAXII },
      payload: '{"objects":[]}',
    });
    assert.equal(right.statusCode, 403, right.body);
    assert.equal(right.headers['content-type'], TAXII, 'the TAXII media type');
    const typedGet = await get(TAXII_ROOT, { 'content-type': 'application/json' });
    assert.equal(typedGet.statusCode, 200, `a GET is answered whatever Content-Type it names: ${typedGet.body}`);
  });

  test('an unknown TAXII address is a TAXII 404', async () => {
    const res = await get(`${TAXII_ROOT}status/x/`);
    assert.equal(res.statusCode, 404, res.body);
    assert.equal(res.headers['content-type'], TAXII, 'the TAXII media type');
    const missing = await get(`${TAXII_ROOT}collections/00000000-0000-4000-8000-000000000000/objects/`);
    assert.equal(missing.statusCode, 404, missing.body);
  });
});

describe('the public incident record', () => {
  test('is listed for everyone, read-only', async () => {
    const res = await get(`${TAXII_ROOT}collections/`);
    assert.equal(res.statusCode, 200, res.body);
    const cs = body(res).collections as { id: string; can_read: boolean; can_write: boolean }[];
    assert.deepEqual(
      cs.map((c) => c.id),
      [PUBLIC_COLLECTION_ID],
      'signed out: the public record only',
    );
    assert.equal(cs[0].can_write, false, 'read-only');
    const one = await get(PUBLIC);
    assert.equal(one.statusCode, 200, one.body);
    assert.equal(body(one).id, PUBLIC_COLLECTION_ID, 'the collection');
  });

  test('objects come in an envelope with the dates of the first and last added', async () => {
    await publishIncidents(1, 'Envelope');
    const res = await get(`${PUBLIC}objects/?limit=3`);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['content-type'], TAXII, 'the TAXII media type');
    const b = body(res);
    assert.equal(b.objects?.length, 3, 'three objects');
    assert.equal(b.more, true, 'more follow');
    assert.equal(typeof b.next, 'string', 'next');
    const first = String(res.headers['x-taxii-date-added-first']);
    const last = String(res.headers['x-taxii-date-added-last']);
    assert.match(first, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/, 'microseconds');
    assert.ok(first < last, 'each object has its own date_added');
  });

  test('paging by next through many objects added at one instant loses none and repeats none', async () => {
    await publishIncidents(40, 'Tie');
    const whole = idsOf(await allPages(`${PUBLIC}objects/?limit=1000`));
    const paged = idsOf(await allPages(`${PUBLIC}objects/?limit=7`));
    assert.ok(whole.length > 40, 'the objects');
    assert.deepEqual(paged, whole, 'the same objects, once each, in the same order');
    assert.equal(new Set(paged).size, paged.length, 'none repeated');
  });

  test('paging by added_after from X-TAXII-Date-Added-Last loses none and repeats none', async () => {
    const whole = idsOf(await allPages(`${PUBLIC}objects/?limit=1000`));
    const got: string[] = [];
    let since: string | null = null;
    for (let i = 0; i < 100; i++) {
      const res = await get(`${PUBLIC}objects/?limit=9${since ? `&added_after=${since}` : ''}`);
      assert.equal(res.statusCode, 200, res.body);
      const objects = body(res).objects ?? [];
      if (!objects.length) break;
      got.push(...objects.map((o) => o.id));
      since = String(res.headers['x-taxii-date-added-last']);
    }
    assert.deepEqual(got, whole, 'every object once, in order');
  });

  test('objects added while a client pages come after, none lost or repeated', async () => {
    const earlier = idsOf(await allPages(`${PUBLIC}objects/?limit=1000`));
    const first = await get(`${PUBLIC}objects/?limit=5`);
    const seen = (body(first).objects ?? []).map((o) => o.id);
    let next = body(first).next as string;
    await publishIncidents(12, 'Meanwhile');
    let added = false;
    while (next) {
      const res = await get(`${PUBLIC}objects/?limit=5&next=${encodeURIComponent(next)}`);
      assert.equal(res.statusCode, 200, res.body);
      seen.push(...(body(res).objects ?? []).map((o) => o.id));
      next = body(res).more ? (body(res).next as string) : '';
      if (!added && seen.length > 20) {
        added = true;
        await publishIncidents(3, 'Later still');
      }
    }
    assert.equal(new Set(seen).size, seen.length, 'none repeated');
    assert.deepEqual(seen.slice(0, earlier.length), earlier, 'what was there first, all of it');
    assert.equal(seen.length, earlier.length + 15, 'and the fifteen new incidents after it');
  });

  test('match[id] and match[type] select objects; the manifest lists the same', async () => {
    const incidents = (await allPages(`${PUBLIC}objects/?match[type]=incident`)).flatMap((p) => body(p).objects ?? []);
    assert.ok(incidents.length > 50, 'incidents');
    assert.ok(
      incidents.every((o) => (o as unknown as { type: string }).type === 'incident'),
      'only incidents',
    );
    const two = incidents.slice(0, 2).map((o) => o.id);
    const res = await get(`${PUBLIC}objects/?match[id]=${two.join(',')}`);
    assert.deepEqual(
      (body(res).objects ?? []).map((o) => o.id),
      two,
      'the two asked for',
    );
    const manifest = await get(`${PUBLIC}manifest/?match[id]=${two.join(',')}`);
    assert.equal(manifest.statusCode, 200, manifest.body);
    const records = body(manifest).objects as unknown as {
      id: string;
      date_added: string;
      version: string;
      media_type: string;
    }[];
    assert.deepEqual(
      records.map((r) => r.id),
      two,
      'the manifest of the two',
    );
    assert.equal(records[0].media_type, 'application/stix+json;version=2.1', 'the media type');
    assert.ok(records[0].version && records[0].date_added, 'version and date added');
    const bad = await get(`${PUBLIC}objects/?match[id]=nope`);
    assert.equal(bad.statusCode, 400, bad.body);
    assert.equal(bad.headers['content-type'], TAXII, 'a TAXII error');
    // Timestamps of the right shape that name no instant the database can hold are refused, never a 500.
    for (const q of [
      'added_after=0000-01-01T00:00:00Z',
      'added_after=2026-13-01T00:00:00Z',
      'added_after=2026-02-30T00:00:00Z',
      'match[version]=0000-01-01T00:00:00Z',
    ]) {
      for (const where of ['objects/', 'manifest/']) {
        const refused = await get(`${PUBLIC}${where}?${q}`);
        assert.equal(refused.statusCode, 400, `${where}?${q}: ${refused.body}`);
      }
    }
    // A `next` of the server's own shape whose place is past any the store can hold (found by the fuzz): a 400.
    for (const place of ['9223372036854775808', '9999999999999999999']) {
      const next = Buffer.from(`taxii:${place}`).toString('base64url');
      for (const where of ['objects/', 'manifest/']) {
        const refused = await get(`${PUBLIC}${where}?next=${next}`);
        assert.equal(refused.statusCode, 400, `${where}?next=taxii:${place}: ${refused.body}`);
        assert.deepEqual(
          (body(refused).details as { errors: { field: string }[] }).errors.map((e) => e.field),
          ['next'],
        );
      }
    }
    const last = Buffer.from('taxii:9223372036854775807').toString('base64url');
    assert.equal(body(await get(`${PUBLIC}objects/?next=${last}`)).more, false, 'the last place there is: an empty page');
    const unknownSpec = await get(`${PUBLIC}objects/?match[spec_version]=2.0`);
    assert.equal(body(unknownSpec).objects, undefined, 'no STIX 2.0 objects: an empty envelope');
    assert.equal(body(unknownSpec).more, false, 'nothing more');
    const spec21 = await get(`${PUBLIC}objects/?match[spec_version]=2.1&match[id]=${two[0]}`);
    assert.equal(body(spec21).objects?.length, 1, 'a STIX 2.1 object');
  });

  test('match[version]: last by default, first, all and a timestamp; versions and one object', async () => {
    const [id] = await publishIncidents(1, 'Versioned', '2026-11-02T00:00:00Z');
    await get(`${PUBLIC}objects/`);
    await t.db.query("update incidents set updated_at = '2026-11-03T00:00:00Z' where id = $1", [id]);
    await heard('incidents', () => t.app.events.publish({ topic: 'incidents', id: '', states: [] }));
    const found = await get(`${PUBLIC}objects/?match[type]=incident&added_after=2026-01-01T00:00:00Z&limit=1000`);
    const stixId = (body(found).objects ?? []).find((o) => (o as unknown as { name: string }).name === 'Versioned 1')?.id;
    assert.ok(stixId, 'the incident');
    const versionsOf = async (q: string) =>
      (body(await get(`${PUBLIC}objects/?match[id]=${stixId}${q}`)).objects ?? []).map(
        (o) => (o as unknown as { modified: string }).modified,
      );
    assert.deepEqual(await versionsOf(''), ['2026-11-03T00:00:00.000Z'], 'the last version by default');
    assert.deepEqual(await versionsOf('&match[version]=last'), ['2026-11-03T00:00:00.000Z'], 'last');
    assert.deepEqual(await versionsOf('&match[version]=first'), ['2026-11-02T00:00:00.000Z'], 'first');
    assert.deepEqual(await versionsOf('&match[version]=all'), ['2026-11-02T00:00:00.000Z', '2026-11-03T00:00:00.000Z'], 'all');
    assert.deepEqual(
      await versionsOf('&match[version]=first,last'),
      ['2026-11-02T00:00:00.000Z', '2026-11-03T00:00:00.000Z'],
      'both',
    );
    assert.deepEqual(await versionsOf('&match[version]=2026-11-02T00:00:00.000Z'), ['2026-11-02T00:00:00.000Z'], 'a timestamp');
    const bad = await get(`${PUBLIC}objects/?match[version]=newest`);
    assert.equal(bad.statusCode, 400, bad.body);

    const versions = await get(`${PUBLIC}objects/${stixId}/versions/`);
    assert.equal(versions.statusCode, 200, versions.body);
    assert.deepEqual(body(versions).versions, ['2026-11-02T00:00:00.000Z', '2026-11-03T00:00:00.000Z'], 'every version');
    assert.ok(versions.headers['x-taxii-date-added-first'], 'dated');
    const paged = await get(`${PUBLIC}objects/${stixId}/versions/?limit=1`);
    assert.deepEqual(body(paged).versions, ['2026-11-02T00:00:00.000Z'], 'a page of one');
    assert.equal(body(paged).more, true, 'one more');

    const object = await get(`${PUBLIC}objects/${stixId}/`);
    assert.equal(object.statusCode, 200, object.body);
    assert.deepEqual(
      (body(object).objects ?? []).map((o) => (o as unknown as { modified: string }).modified),
      ['2026-11-03T00:00:00.000Z'],
      'one object: its last version',
    );
    const all = await get(`${PUBLIC}objects/${stixId}/?match[version]=all`);
    assert.equal(body(all).objects?.length, 2, 'one object: every version');
    const none = await get(`${PUBLIC}objects/incident--00000000-0000-4000-8000-000000000000/`);
    assert.equal(none.statusCode, 404, none.body);
  });
});

describe("a State's indicators", () => {
  let tokenA: string;
  let tokenB: string;
  let tokenKen: string;

  before(async () => {
    const [u] = await t.db.query<{ id: string }>(
      `insert into users (email, email_key, display_name, state_code, email_verified_at, totp_enabled_at)
       values ('poc@ke.taxii.example', 'poc@ke.taxii.example', 'Kenyan POC', 'KEN', now(), now()) returning id`,
    );
    await t.db.query(
      "insert into user_roles (user_id, role, state_code, granted_by) values ($1, 'poc_technical', 'KEN', 'test')",
      [u.id],
    );
    const focal = await sessionFor(t.db, FOCAL_A, { at: clock() });
    for (const [tlp, value] of [
      ['amber', '198.51.100.23'],
      ['red', '198.51.100.99'],
    ]) {
      const res = await heard('communication', () =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/communications',
          headers: { cookie: focal.cookie, 'content-type': 'application/json' },
          payload: JSON.stringify({
            type: 'notification',
            urgency: 'priority',
            tlp,
            recipients: ['XAB'],
            subject: `TAXII indicators ${tlp}`,
            body: 'Addresses seen in the intrusion.',
            indicators: [{ type: 'ipv4', value }],
            ...(tlp === 'red' ? { people: [POC_B] } : {}),
          }),
        }),
      );
      assert.ok(res.statusCode === 201 || res.statusCode === 200, `sent ${tlp}: ${res.body}`);
    }
    tokenA = await tokenFor(t.db, FOCAL_A);
    tokenB = await tokenFor(t.db, POC_B);
    tokenKen = await tokenFor(t.db, 'poc@ke.taxii.example');
  });

  const patterns = (res: Res) =>
    (body(res).objects ?? [])
      .filter((o) => (o as unknown as { type: string }).type === 'indicator')
      .map((o) => (o as unknown as { pattern: string }).pattern);

  test("an official's collections: the public record and their own State's", async () => {
    const res = await get(`${TAXII_ROOT}collections/`, bearer(tokenB));
    assert.deepEqual(
      (body(res).collections as { id: string }[]).map((c) => c.id),
      [PUBLIC_COLLECTION_ID, stateCollectionId('XAB')],
      'the public record and XAB',
    );
  });

  test('the sender and the recipient each pull the indicators, with the TLP marking; never TLP:RED', async () => {
    for (const [url, token] of [
      [STATE_A, tokenA],
      [STATE_B, tokenB],
    ]) {
      const res = await get(`${url}objects/?limit=1000`, bearer(token));
      assert.equal(res.statusCode, 200, res.body);
      assert.ok(patterns(res).includes("[ipv4-addr:value = '198.51.100.23']"), 'the AMBER indicator');
      assert.ok(!patterns(res).includes("[ipv4-addr:value = '198.51.100.99']"), 'never the RED one');
      const amber = (body(res).objects ?? []).find((o) =>
        (o as unknown as { pattern?: string }).pattern?.includes('198.51.100.23'),
      );
      assert.deepEqual(
        (amber as unknown as { object_marking_refs: string[] }).object_marking_refs,
        ['marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421'],
        'TLP:AMBER',
      );
    }
  });

  test('a session of the State reads it too; another State gets 404, as if it did not exist; signed out 401', async () => {
    const focal = await sessionFor(t.db, FOCAL_A, { at: clock() });
    assert.equal((await get(`${STATE_A}objects/`, { cookie: focal.cookie })).statusCode, 200, 'own State, session');
    for (const [url, token, status] of [
      [STATE_A, tokenB, 404],
      [STATE_B, tokenA, 404],
      [STATE_A, tokenKen, 404],
      [`${STATE_A}manifest/`, tokenKen, 404],
    ] as const) {
      const res = await get(url.endsWith('/manifest/') ? url : `${url}objects/`, bearer(token));
      assert.equal(res.statusCode, status, `${url}: ${res.body}`);
    }
    const out = await get(`${STATE_A}objects/`);
    assert.equal(out.statusCode, 401, out.body);
    assert.equal(out.headers['content-type'], TAXII, 'a TAXII error');
    assert.match(String(out.headers['www-authenticate']), /Bearer/, 'says how to authenticate');
    const wrong = await get(`${STATE_A}objects/`, bearer('cn_wrong'));
    assert.equal(wrong.statusCode, 401, wrong.body);
  });

  test("a reply with new indicators reaches both States' collections, after what was there", async () => {
    const earlier = patterns(await get(`${STATE_B}objects/?limit=1000`, bearer(tokenB)));
    const [thread] = await t.db.query<{ id: string }>("select id from threads where subject = 'TAXII indicators amber'");
    const poc = await sessionFor(t.db, POC_B, { at: clock() });
    const reply = await heard('communication', () =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/communications/${thread.id}/messages`,
        headers: { cookie: poc.cookie, 'content-type': 'application/json' },
        payload: JSON.stringify({
          kind: 'response',
          body: 'We see this one too.',
          indicators: [{ type: 'domain', value: 'c2.taxii.example' }],
        }),
      }),
    );
    assert.ok(reply.statusCode < 300, reply.body);
    const afterB = patterns(await get(`${STATE_B}objects/?limit=1000`, bearer(tokenB)));
    assert.deepEqual(afterB.slice(0, earlier.length), earlier, 'what was there');
    assert.ok(afterB.includes("[domain-name:value = 'c2.taxii.example']"), 'and the new indicator');
    const afterA = patterns(await get(`${STATE_A}objects/?limit=1000`, bearer(tokenA)));
    assert.ok(afterA.includes("[domain-name:value = 'c2.taxii.example']"), 'the sender sees the reply too');
  });
});

test("removing the demo data removes the demo States' collections", async () => {
  const count = async () =>
    (
      await t.db.query<{ n: number }>(
        "select count(*)::int as n from taxii_objects where collection in ('state:XAA', 'state:XAB')",
      )
    )[0].n;
  assert.ok((await count()) > 0, 'the demo States had indicators');
  await removeDemoAccounts(t.db, { actor: 'system:test', origin: 'test' });
  assert.equal(await count(), 0, 'none left');
});
