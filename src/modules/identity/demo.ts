// Demo accounts for trying the platform: clearly marked, on the fictional demo States, with known
// passwords and TOTP secrets (listed in the README). Production refuses to start while any exist.
import type { Db, Queryable } from '../../db/client.ts';
import type { Role } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { hashPassword } from './passwords.ts';

export const DEMO_PASSWORD = 'demo-password-2026';

export interface DemoAccount {
  email: string;
  name: string;
  state: string | null;
  roles: Role[];
  totpSecret: string | null;
}

/** Secrets are fixed so the README can list them; they only ever protect demo data. */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    email: 'admin@demo.cybernorms.example',
    name: 'Ada Admin (demo)',
    state: null,
    roles: ['administrator'],
    totpSecret: 'ADMINDEMOADMINDEMOADMINDEMOADMIN',
  },
  {
    email: 'editor@demo.cybernorms.example',
    name: 'Eli Editor (demo)',
    state: null,
    roles: ['editor'],
    totpSecret: 'EDITORDEMOEDITORDEMOEDITORDEMOED',
  },
  {
    email: 'manager@demo.cybernorms.example',
    name: 'Mo Manager (demo)',
    state: null,
    roles: ['directory_manager'],
    totpSecret: 'MANAGERDEMOMANAGERDEMOMANAGERDEM',
  },
  {
    email: 'focal@xaa.demo.cybernorms.example',
    name: 'Farah Focal (Demoland, demo)',
    state: 'XAA',
    roles: ['focal_point', 'rapporteur'],
    totpSecret: 'FOCALXAADEMOFOCALXAADEMOFOCALXAA',
  },
  {
    email: 'poc@xaa.demo.cybernorms.example',
    name: 'Pat Contact (Demoland, demo)',
    state: 'XAA',
    roles: ['poc_technical', 'poc_diplomatic'],
    totpSecret: 'POCXAADEMOPOCXAADEMOPOCXAADEMOPO',
  },
  {
    email: 'focal@xab.demo.cybernorms.example',
    name: 'Femi Focal (Samplestan, demo)',
    state: 'XAB',
    roles: ['focal_point', 'rapporteur'],
    totpSecret: 'FOCALXABDEMOFOCALXABDEMOFOCALXAB',
  },
  {
    email: 'poc@xab.demo.cybernorms.example',
    name: 'Paz Contact (Samplestan, demo)',
    state: 'XAB',
    roles: ['poc_technical', 'poc_diplomatic'],
    totpSecret: 'POCXABDEMOPOCXABDEMOPOCXABDEMOPO',
  },
  { email: 'member@demo.cybernorms.example', name: 'Mel Member (demo)', state: null, roles: [], totpSecret: null },
];

/** Creates the demo accounts that do not exist yet; returns how many it made. */
export async function seedDemoAccounts(tx: Queryable, by: { actor: string; origin: string }): Promise<number> {
  const hash = await hashPassword(DEMO_PASSWORD);
  let made = 0;
  for (const a of DEMO_ACCOUNTS) {
    const rows = await tx.query<{ id: string }>(
      `insert into users (email, email_key, display_name, password_hash, state_code, email_verified_at, totp_secret, totp_enabled_at, demo)
       values ($1, $1, $2, $3, $4, now(), $5, case when $5::text is null then null else now() end, true)
       on conflict (email_key) do nothing returning id`,
      [a.email, a.name, hash, a.state, a.totpSecret],
    );
    if (!rows.length) continue;
    made++;
    const id = rows[0].id;
    for (const role of ['member', ...a.roles]) {
      await tx.query('insert into user_roles (user_id, role, state_code, granted_by) values ($1, $2, $3, $4)', [
        id,
        role,
        role === 'member' || !a.state ? null : a.state,
        'demo',
      ]);
    }
    await recordAudit(tx, {
      ...by,
      action: 'user.demo_create',
      entity: 'user',
      entityId: id,
      details: { roles: a.roles, state: a.state },
    });
  }
  return made;
}

export async function demoAccountCount(db: Db): Promise<number> {
  const [row] = await db.query<{ n: number }>('select count(*)::int as n from users where demo');
  return row.n;
}

const DEMO_STATES = "(select code from states where status = 'demo')";
const DEMO_THREADS = `(select t.id from threads t where t.created_by in (select id from users where demo)
  or t.sender_state in ${DEMO_STATES}
  or exists (select 1 from thread_recipients r where r.thread_id = t.id and r.state_code in ${DEMO_STATES}))`;

/**
 * Everything that belongs to the demo States or was made by a demo account: communications, reports,
 * directory entries. Demo data never mixes with real data, so nothing real goes with it.
 */
async function removeDemoData(tx: Queryable) {
  const ids = (await tx.query<{ id: string }>(DEMO_THREADS.slice(1, -1))).map((r) => r.id);
  const messages = '(select id from thread_messages where thread_id = any($1::uuid[]))';
  for (const sql of [
    `delete from message_indicators where message_id in ${messages}`,
    `delete from message_attachments where message_id in ${messages}`,
    'delete from thread_messages where thread_id = any($1::uuid[])',
    'delete from thread_events where thread_id = any($1::uuid[])',
    'delete from thread_people where thread_id = any($1::uuid[])',
    'delete from thread_recipients where thread_id = any($1::uuid[])',
    'delete from threads where id = any($1::uuid[])',
  ])
    await tx.query(sql, [ids]);
  for (const sql of [
    `delete from capacity_offers where need_state in ${DEMO_STATES} or offered_by_state in ${DEMO_STATES} or offered_by in (select id from users where demo) or decided_by in (select id from users where demo)`,
    `delete from report_answers where report_id in (select id from reports where state_code in ${DEMO_STATES})`,
    `delete from report_shares where report_id in (select id from reports where state_code in ${DEMO_STATES}) or state_code in ${DEMO_STATES}`,
    `delete from reports where state_code in ${DEMO_STATES}`,
    `delete from ping_tasks where state_code in ${DEMO_STATES}`,
    `delete from contact_versions where contact_id in (select id from contacts where state_code in ${DEMO_STATES})`,
    `delete from contacts where state_code in ${DEMO_STATES}`,
  ])
    await tx.query(sql);
}

/** Deletes the demo accounts, with their sessions, tokens and the invitations they sent, and the demo States' data; audited. */
export async function removeDemoAccounts(db: Db, by: { actor: string; origin: string }): Promise<number> {
  return db.transaction(async (tx) => {
    await removeDemoData(tx);
    await tx.query(
      'delete from invitations where invited_by in (select id from users where demo) or accepted_by in (select id from users where demo)',
    );
    const gone = await tx.query<{ id: string }>('delete from users where demo returning id');
    await recordAudit(tx, { ...by, action: 'user.demo_remove', entity: 'user', details: { removed: gone.length } });
    return gone.length;
  });
}
