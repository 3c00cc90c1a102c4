// The compose form and the steps that cannot be taken back, through the pages as a browser without JavaScript
// uses them: recipients chosen by typing their names in any of the six languages (an unknown or ambiguous name
// refused by name, nothing saved); a refused submit keeps its files, listed with name and size, and the next
// submit sends them; a form that arrives after the session ended is kept for its author (and only them) and
// given back after signing in; an indicator's problem quotes the value; withdrawing and sharing ask first and
// say what will happen; the PDF lists each file with its SHA-256; and no GET changes anything.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { codeFor, DEMO_PASSWORD, sessionFor } from '../../../test/support/auth.ts';
import { Client, clientAs } from '../../../test/support/client.ts';

let t: TestApp;
const POC_A = 'poc@xaa.demo.cybernorms.example';
const POC_B = 'poc@xab.demo.cybernorms.example';
const FOCAL_A = 'focal@xaa.demo.cybernorms.example';
const KENYA = 'poc@ke.example.org';

before(async () => {
  t = await testApp({ config: { MAX_ATTACHMENT_MB: 1 } });
  const [u] = await t.db.query<{ id: string }>(
    `insert into users (email, email_key, display_name, state_code, email_verified_at, totp_enabled_at) values ($1, $1, 'Kenyan POC', 'KEN', now(), now()) returning id`,
    [KENYA],
  );
  await t.db.query(`insert into user_roles (user_id, role, state_code, granted_by) values ($1, 'poc_technical', 'KEN', 'test')`, [
    u.id,
  ]);
});
after(() => t.close());

const count = async (sql: string, params: unknown[] = []) =>
  (await t.db.query<{ n: number }>(`select count(*)::int as n from (${sql}) x`, params))[0].n;
const field = (html: string, name: string) => new RegExp(`name="${name}"[^>]*? value="([^"]*)"`).exec(html)?.[1] ?? '';
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

interface Upload {
  name: string;
  type: string;
  data: Buffer;
}

/** A multipart form as a browser sends it: the fields, then the files. */
function multipart(fields: Record<string, string | string[]>, files: Upload[] = []) {
  const boundary = `----cn${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    for (const x of [v].flat())
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${x}\r\n`));
  for (const f of files.length ? files : [{ name: '', type: 'application/octet-stream', data: Buffer.alloc(0) }])
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`,
      ),
      f.data,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

/** The compose form as the client reads it, then sent with these fields (and its own hidden ones). */
async function compose(c: Client, fields: Record<string, string | string[]>, files: Upload[] = [], url = '/communications/new') {
  const page = await c.get(url);
  assert.equal(page.statusCode, 200, page.body.slice(0, 300));
  return submit(c, page.body, fields, files);
}

async function submit(c: Client, html: string, fields: Record<string, string | string[]>, files: Upload[] = []) {
  const action = /<form method="post" action="([^"]+)"[^>]*enctype/.exec(html)?.[1] ?? '/communications';
  const body = multipart(
    {
      _csrf: field(html, '_csrf'),
      idempotencyKey: field(html, 'idempotencyKey'),
      formToken: field(html, 'formToken'),
      type: 'information',
      urgency: 'routine',
      tlp: 'amber',
      do: 'send',
      ...fields,
    },
    files,
  );
  const res = await c.app.inject({
    method: 'POST',
    url: action,
    headers: { cookie: c.cookieHeader, 'content-type': body.type },
    payload: body.payload,
  });
  for (const k of res.cookies) if (k.maxAge === 0) c.cookies.delete(k.name);
  return res;
}

const threadOf = (location: unknown) => /\/communications\/([0-9a-f-]{36})/.exec(String(location))?.[1] ?? '';
const recipientsOf = async (id: string) =>
  (
    await t.db.query<{ state_code: string }>('select state_code from thread_recipients where thread_id = $1 order by 1', [id])
  ).map((r) => r.state_code);

describe('choosing recipients without JavaScript', () => {
  test('the States are grouped by regional group and named in the reader’s language, findable in all six', async () => {
    const c = await clientAs(t, POC_A);
    const fr = await c.get('/communications/new?lang=fr');
    assert.doesNotMatch(fr.body, /<select[^>]*multiple/);
    assert.match(fr.body, /<summary>Groupe des États d’Afrique|<summary>Groupe des États africains|<summary>[^<]*Afrique/);
    assert.match(fr.body, /data-names="[^"]*allemagne[^"]*germany|data-names="[^"]*germany[^"]*allemagne/);
    assert.match(fr.body, /value="DEU"[^>]*\/?> Allemagne/);
    assert.match(fr.body, /<script src="\/static\/picker\.js/);
    const ar = await c.get('/communications/new?lang=ar');
    assert.match(ar.body, /value="DEU"[^>]*\/?> ألمانيا/);
    // Norms and sectors by name, in the language.
    assert.match(text(fr.body), /Norme c : Empêcher/);
    assert.doesNotMatch(fr.body, /Ctrl/);
  });

  test('names typed in French and in Arabic are the recipients; an unknown or ambiguous name is refused by name', async () => {
    const c = await clientAs(t, POC_A);
    const before = await count('select 1 from threads');
    const refused = await compose(
      c,
      { subject: 'Named', body: 'By name', recipientNames: 'Allemagne, Atlantis, Guin' },
      [],
      '/communications/new?lang=fr',
    );
    assert.equal(refused.statusCode, 400);
    const said = text(refused.body);
    assert.match(said, /États destinataires: aucun État ne s’appelle Atlantis/);
    assert.match(said, /« Guin » peut désigner Guinée · Guinée équatoriale · Guinée-Bissau/);
    // The name that matched is ticked now; those that did not stay in the box.
    assert.match(refused.body, /value="DEU" checked/);
    assert.equal(field(refused.body, 'recipientNames'), 'Atlantis, Guin');
    assert.equal(await count('select 1 from threads'), before);

    const sent = await compose(c, { subject: 'Named in two languages', body: 'By name', recipientNames: 'Allemagne، كينيا' });
    assert.equal(sent.statusCode, 303, sent.body.slice(0, 500));
    assert.deepEqual(await recipientsOf(threadOf(sent.headers.location)), ['DEU', 'KEN']);
  });
});

describe('work is not lost', () => {
  const note = { name: 'hosts.txt', type: 'text/plain', data: Buffer.from('198.51.100.23 c2 server\n') };
  const sha = createHash('sha256').update(note.data).digest('hex');

  test('a refused submit keeps its file, listed with name and size; the next submit sends it', async () => {
    const c = await clientAs(t, POC_A);
    const first = await compose(c, { body: 'No subject yet', recipients: 'XAB', indicators: '198.51.100.23\nnot a domain!' }, [
      note,
    ]);
    assert.equal(first.statusCode, 400);
    const said = text(first.body);
    // The indicator's problem quotes the value, never a line number.
    assert.match(said, /Technical indicators: “not a domain!” is not a valid domain indicator/);
    assert.doesNotMatch(said, /line \d/);
    assert.match(said, /Files kept from your last attempt/);
    assert.match(said, /hosts\.txt TXT \(24 bytes\)/);
    const kept = field(first.body, 'keepUpload');
    assert.match(kept, /^[0-9a-f-]{36}$/);
    assert.equal(await count('select 1 from comm_pending_uploads where id = $1', [kept]), 1);
    // Another person cannot take it, even with its id and the form's key.
    const other = await clientAs(t, FOCAL_A);
    const taken = await submit(other, first.body.replace(/name="_csrf" value="[^"]*"/, `name="_csrf" value="${other.csrf}"`), {
      subject: 'Not theirs',
      body: 'x',
      recipients: 'XAB',
      keepUpload: kept,
    });
    assert.equal(taken.statusCode, 303, taken.body.slice(0, 300));
    assert.equal(
      await count('select 1 from message_attachments a join thread_messages m on m.id = a.message_id where m.thread_id = $1', [
        threadOf(taken.headers.location),
      ]),
      0,
    );
    assert.equal(await count('select 1 from comm_pending_uploads where id = $1', [kept]), 1);

    const second = await submit(c, first.body, {
      subject: 'With the file kept',
      body: 'Now complete',
      recipients: 'XAB',
      keepUpload: kept,
    });
    assert.equal(second.statusCode, 303, second.body.slice(0, 300));
    const id = threadOf(second.headers.location);
    const b = await clientAs(t, POC_B);
    const seen = text((await b.get(`/communications/${id}`)).body);
    assert.match(seen, new RegExp(`hosts\\.txt TXT 24 bytes ${sha}`));
    assert.equal(await count('select 1 from comm_pending_uploads where id = $1', [kept]), 0);
  });

  test('checking the form (Enter in a field) sends nothing and keeps the file', async () => {
    const c = await clientAs(t, POC_A);
    const before = await count('select 1 from threads');
    const checked = await compose(c, { subject: 'Only checked', body: 'x', recipients: 'XAB', do: 'check' }, [note]);
    assert.equal(checked.statusCode, 200);
    assert.match(text(checked.body), /Nothing is missing\. It has not been sent/);
    assert.equal(await count('select 1 from threads'), before);
    const kept = field(checked.body, 'keepUpload');
    assert.equal(await count('select 1 from comm_pending_uploads where id = $1', [kept]), 1);
    const missing = await submit(c, checked.body, { body: 'x', do: 'check', keepUpload: kept });
    assert.equal(missing.statusCode, 400);
    assert.match(text(missing.body), /Subject: is required/);
  });

  test('a kept file left unticked is not sent, and goes', async () => {
    const c = await clientAs(t, POC_A);
    const first = await compose(c, { body: 'x', recipients: 'XAB' }, [note]);
    assert.equal(first.statusCode, 400);
    const kept = field(first.body, 'keepUpload');
    const second = await submit(c, first.body, { subject: 'Without the file', body: 'x', recipients: 'XAB' });
    assert.equal(second.statusCode, 303);
    assert.equal(await count('select 1 from comm_pending_uploads where id = $1', [kept]), 0);
    assert.equal(
      await count('select 1 from message_attachments a join thread_messages m on m.id = a.message_id where m.thread_id = $1', [
        threadOf(second.headers.location),
      ]),
      0,
    );
  });

  test('kept files expire after a day by themselves', async () => {
    const c = await clientAs(t, POC_A);
    const first = await compose(c, { body: 'x', recipients: 'XAB' }, [note]);
    const kept = field(first.body, 'keepUpload');
    const [job] = await t.db.query<{ run_at: Date }>('select run_at from jobs where key = $1', [`comm.pending:upload:${kept}`]);
    assert.ok(Math.abs(new Date(job.run_at).getTime() - Date.now() - 24 * 3600_000) < 60_000);
    await t.db.query("update comm_pending_uploads set expires_at = now() - interval '1 second' where id = $1", [kept]);
    await t.db.query("update jobs set run_at = now() - interval '1 second' where key = $1", [`comm.pending:upload:${kept}`]);
    await t.app.jobs.runDue();
    assert.equal(await count('select 1 from comm_pending_uploads where id = $1', [kept]), 0);
  });

  test('how long kept files last is PENDING_KEEP_HOURS, and the form says it', async () => {
    const other = await testApp({ config: { MAX_ATTACHMENT_MB: 1, PENDING_KEEP_HOURS: 2 } });
    try {
      const first = await compose(await clientAs(other, POC_A), { body: 'x', recipients: 'XAB' }, [note]);
      const kept = field(first.body, 'keepUpload');
      const [job] = await other.db.query<{ run_at: Date }>('select run_at from jobs where key = $1', [
        `comm.pending:upload:${kept}`,
      ]);
      assert.ok(Math.abs(new Date(job.run_at).getTime() - Date.now() - 2 * 3600_000) < 60_000, 'expires in two hours');
      assert.match(text(first.body), /They are kept for 2 hours\./);
    } finally {
      await other.close();
    }
  });

  test('a form that arrives after the session ended is kept for its author, and given back after signing in', async () => {
    const s = await sessionFor(t.db, POC_A);
    const c = new Client(t.app);
    c.cookies.set('sid', s.cookie.slice(4));
    const page = await c.get('/communications/new');
    await t.db.query('delete from sessions where user_id = $1', [s.userId]);
    const before = await count('select 1 from threads');
    const late = await submit(c, page.body, { subject: 'Typed at night', body: 'Long text typed at night', recipients: 'XAB' }, [
      note,
    ]);
    // Nothing was sent; the page says so and does not blame the form.
    assert.equal(late.statusCode, 401, late.body.slice(0, 300));
    assert.match(text(late.body), /Your session had ended: nothing was sent/);
    assert.doesNotMatch(late.body, /did not come from this site/);
    assert.equal(await count('select 1 from threads'), before);
    const signIn = /href="(\/sign-in\?next=[^"]+)"/.exec(late.body)?.[1].replace(/&amp;/g, '&') ?? '';
    assert.match(signIn, /^\/sign-in\?next=%2Fcommunications%2Fnew%3Fkept%3D/);

    // Someone else signing in on that browser does not get it.
    const kenya = await clientAs(t, KENYA);
    const next = decodeURIComponent(signIn.slice('/sign-in?next='.length));
    const theirs = await kenya.get(next);
    assert.equal(theirs.statusCode, 200);
    assert.doesNotMatch(theirs.body, /Typed at night/);

    // Its author signs in (password, then the code) and is brought back to it.
    await c.get(signIn);
    let res = await c.post(signIn, { email: POC_A, password: DEMO_PASSWORD });
    assert.equal(res.statusCode, 303);
    const code = String(res.headers.location);
    await c.get(code);
    res = await c.post(code, { code: codeFor(POC_A) });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, next);
    const back = await c.get(next);
    const said = text(back.body);
    assert.match(said, /Nothing was sent: you were no longer signed in/);
    assert.match(back.body, /value="Typed at night"/);
    assert.match(back.body, /Long text typed at night/);
    assert.match(said, /hosts\.txt TXT \(24 bytes\)/);
    const sent = await submit(c, back.body, {
      subject: 'Typed at night',
      body: 'Long text typed at night',
      recipients: 'XAB',
      keepUpload: field(back.body, 'keepUpload'),
    });
    assert.equal(sent.statusCode, 303, sent.body.slice(0, 300));
    const id = threadOf(sent.headers.location);
    assert.equal(
      await count(
        'select 1 from message_attachments a join thread_messages m on m.id = a.message_id where m.thread_id = $1 and a.sha256 = $2',
        [id, sha],
      ),
      1,
    );
    assert.equal(await count('select 1 from comm_kept_forms where user_id = $1', [s.userId]), 0);
  });

  test('a form from an earlier sign-in is kept and the person, signed in again, goes straight back to it', async () => {
    const s = await sessionFor(t.db, POC_A);
    const c = new Client(t.app);
    c.cookies.set('sid', s.cookie.slice(4));
    const page = await c.get('/communications/new');
    await t.db.query('delete from sessions where user_id = $1', [s.userId]);
    c.cookies.set('sid', (await sessionFor(t.db, POC_A)).cookie.slice(4));
    const res = await submit(c, page.body, { subject: 'From the old tab', body: 'x', recipients: 'XAB' });
    assert.equal(res.statusCode, 303);
    assert.match(String(res.headers.location), /^\/communications\/new\?kept=[0-9a-f-]{36}$/);
    const back = await c.get(String(res.headers.location));
    assert.match(back.body, /value="From the old tab"/);
  });

  test('a form forged elsewhere, or signed for another form, keeps nothing', async () => {
    const s = await sessionFor(t.db, POC_A);
    const c = new Client(t.app);
    c.cookies.set('sid', s.cookie.slice(4));
    const page = await c.get('/communications/new');
    await t.db.query('delete from sessions where user_id = $1', [s.userId]);
    const kept = await count('select 1 from comm_kept_forms');
    const cases: Record<string, string>[] = [
      { formToken: '' },
      { formToken: field(page.body, 'formToken').replace(/.$/, (x) => (x === 'A' ? 'B' : 'A')) },
      { idempotencyKey: `form-${randomBytes(12).toString('base64url')}` },
      { formToken: `${Math.floor(Date.now() / 1000)}.${s.userId}.x` },
    ];
    for (const forged of cases) {
      const res = await submit(c, page.body, { subject: 'Forged', body: 'x', recipients: 'XAB', ...forged });
      assert.equal(res.statusCode, 403, JSON.stringify(forged));
      assert.equal(await count('select 1 from comm_kept_forms'), kept);
    }
  });
});

describe('steps that cannot be taken back ask first', () => {
  let thread = '';
  before(async () => {
    const c = await clientAs(t, POC_A);
    const sent = await compose(c, { subject: 'To be withdrawn', body: 'x', recipients: 'XAB', tlp: 'green' });
    thread = threadOf(sent.headers.location);
  });

  test('withdrawing: the page says what will happen, nothing changes until its button', async () => {
    const c = await clientAs(t, POC_A);
    const ask = await c.post(`/communications/${thread}/withdraw`);
    assert.equal(ask.statusCode, 200);
    assert.match(text(ask.body), /“To be withdrawn” will be marked as withdrawn for Samplestan \(demo\) at once/);
    assert.equal((await t.db.query<{ status: string }>('select status from threads where id = $1', [thread]))[0].status, 'open');
    // Another State's official learns nothing.
    assert.equal((await (await clientAs(t, KENYA)).post(`/communications/${thread}/withdraw`)).statusCode, 404);
    const done = await c.post(`/communications/${thread}/withdraw`, { confirm: 'withdraw' });
    assert.equal(done.statusCode, 303);
    assert.equal(
      (await t.db.query<{ status: string }>('select status from threads where id = $1', [thread]))[0].status,
      'withdrawn',
    );
  });

  test('sharing with the directory manager: the page says what the manager will see', async () => {
    const a = await clientAs(t, POC_A);
    const sent = await compose(a, { subject: 'To be shared', body: 'x', recipients: 'XAB', tlp: 'green' });
    const id = threadOf(sent.headers.location);
    const b = await clientAs(t, POC_B);
    const ask = await b.post(`/communications/${id}/share`);
    assert.equal(ask.statusCode, 200);
    assert.match(text(ask.body), /will be able to read what your State sees of “To be shared”/);
    assert.equal(await count('select 1 from thread_shares where thread_id = $1', [id]), 0);
    assert.equal((await b.post(`/communications/${id}/share`, { confirm: 'share' })).statusCode, 303);
    assert.equal(await count('select 1 from thread_shares where thread_id = $1', [id]), 1);
  });
});

test('the PDF lists each attachment with its size and SHA-256', async () => {
  const { execFileSync } = await import('node:child_process');
  const c = await clientAs(t, POC_A);
  const data = Buffer.from('ip,seen\n203.0.113.7,2026-12-01\n');
  const sent = await compose(c, { subject: 'With a list', body: 'x', recipients: 'XAB' }, [
    { name: 'hosts.csv', type: 'text/csv', data },
  ]);
  const res = await t.app.inject({
    url: `/communications/${threadOf(sent.headers.location)}/pdf`,
    headers: { cookie: c.cookieHeader },
  });
  const pdf = execFileSync('pdftotext', ['-', '-'], { input: res.rawPayload, encoding: 'utf8' }).replace(/\s+/g, ' ');
  assert.match(pdf, /Attachments hosts\.csv \(text\/csv, 31 bytes\) SHA-256 [0-9a-f]{64}/);
  assert.ok(pdf.includes(createHash('sha256').update(data).digest('hex')));
  assert.match(pdf, /UTC/);
});

test('no GET of a communications page changes anything', async () => {
  const a = await clientAs(t, POC_A);
  const sent = await compose(a, { subject: 'Read only', body: 'x', recipients: 'XAB' });
  const id = threadOf(sent.headers.location);
  const draft = await compose(a, { subject: 'A draft', body: 'x', do: 'draft' });
  const draftId = threadOf(draft.headers.location);
  const s = await sessionFor(t.db, POC_A);
  const c = new Client(t.app);
  c.cookies.set('sid', s.cookie.slice(4));
  const page = await c.get('/communications/new');
  await t.db.query(
    'delete from sessions where id = (select id from sessions where user_id = $1 order by created_at desc limit 1)',
    [s.userId],
  );
  const late = await submit(c, page.body, { subject: 'Kept', body: 'x' });
  const next = decodeURIComponent(/next=([^"&]+)/.exec(late.body)?.[1] ?? '');
  const tables = [
    'threads',
    'thread_recipients',
    'thread_messages',
    'thread_events',
    'thread_shares',
    'message_attachments',
    'comm_pending_uploads',
    'comm_kept_forms',
    'jobs',
    'outbox',
  ];
  const snapshot = async () =>
    Object.fromEntries(
      await Promise.all(tables.map(async (x) => [x, await t.db.query(`select * from ${x} order by 1`)] as const)),
    );
  // A fresh form lists what was kept, to continue it.
  assert.match(text((await a.get('/communications/new')).body), /Kept for you after your session ended Kept — kept /);
  const before = await snapshot();
  for (const url of [
    '/communications',
    '/communications?box=sent',
    '/communications?box=drafts',
    '/communications/new',
    next,
    `/communications/${id}`,
    `/communications/${draftId}/edit`,
    `/communications/${id}/pdf`,
    `/communications/${id}/stix`,
    '/communications/stats',
  ]) {
    const res = await a.get(url);
    assert.ok(res.statusCode === 200 || res.statusCode === 303, `${url}: ${res.statusCode}`);
  }
  assert.deepEqual(await snapshot(), before);
});

test('removing the demo data removes what the demo accounts had kept unsent', async () => {
  const c = await clientAs(t, POC_A);
  const refused = await compose(c, { body: 'x', recipients: 'XAB' }, [
    { name: 'a.txt', type: 'text/plain', data: Buffer.from('a') },
  ]);
  assert.equal(refused.statusCode, 400);
  assert.ok((await count('select 1 from comm_pending_uploads')) > 0);
  const { purgeDemoData } = await import('./index.ts');
  const users = (await t.db.query<{ id: string }>('select id from users where demo')).map((u) => u.id);
  await t.db.transaction((tx) => purgeDemoData(tx, { states: ['XAA', 'XAB'], users }));
  assert.equal(await count('select 1 from comm_pending_uploads where user_id = any($1::uuid[])', [users]), 0);
  assert.equal(await count('select 1 from comm_kept_forms where user_id = any($1::uuid[])', [users]), 0);
});
