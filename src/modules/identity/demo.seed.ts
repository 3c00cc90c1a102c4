// Demo accounts for trying the platform: clearly marked, on the fictional demo States, with known
// passwords and TOTP secrets (listed in the README). Production refuses to start while any exist.
import type { Queryable } from '../../db/client.ts';
import type { Role } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { hashPassword } from './passwords.ts';
import { grantRole } from './roles.queries.ts';

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
    for (const role of ['member', ...a.roles])
      await grantRole(tx, { userId: id, role, state: role === 'member' || !a.state ? null : a.state, grantedBy: 'demo' });
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

/** How many demo accounts exist (production refuses to start while any do). */
export async function demoAccountCount(db: Queryable): Promise<number> {
  const [row] = await db.query<{ n: number }>('select count(*)::int as n from users where demo');
  return row.n;
}

/** The ids of the demo accounts. */
export async function demoUserIds(q: Queryable): Promise<string[]> {
  return (await q.query<{ id: string }>('select id from users where demo')).map((r) => r.id);
}

/**
 * Deletes the demo accounts with their sessions, tokens and roles (which go with the account) and the
 * invitations they sent or accepted; returns how many accounts went. The caller audits, in its transaction,
 * after the other modules have removed what the demo accounts made (src/demo.ts).
 */
export async function deleteDemoAccounts(tx: Queryable): Promise<number> {
  await tx.query(
    'delete from invitations where invited_by in (select id from users where demo) or accepted_by in (select id from users where demo)',
  );
  return (await tx.query<{ id: string }>('delete from users where demo returning id')).length;
}
