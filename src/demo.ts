// Removing the demo data: everything on the fictional demo States or made by a demo account, then the demo
// accounts themselves, in one transaction, audited. Each module removes its own rows (its `purgeDemoData`);
// this file only says in which order. Demo data never mixes with real data, so nothing real goes with it.
import type { Db, Queryable } from './db/client.ts';
import { purgeDemoData as purgeCommunications } from './modules/communications/index.ts';
import { purgeDemoData as purgeDirectory } from './modules/directory/index.ts';
import { deleteDemoAccounts, demoUserIds } from './modules/identity/index.ts';
import { purgeDemoData as purgeReports } from './modules/reports/index.ts';
import { purgeDemoData as purgeTaxii } from './modules/taxii/index.ts';
import { recordAudit } from './platform/audit.ts';

/** The demo States (registry status 'demo') and the demo accounts. */
async function demoScope(q: Queryable): Promise<{ states: string[]; users: string[] }> {
  const states = await q.query<{ code: string }>("select code from state_names where status = 'demo' order by code");
  return { states: states.map((s) => s.code), users: await demoUserIds(q) };
}

/** Deletes the demo accounts, with their sessions, tokens and the invitations they sent, and the demo States' data; audited. */
export async function removeDemoAccounts(db: Db, by: { actor: string; origin: string }): Promise<number> {
  return db.transaction(async (tx) => {
    const demo = await demoScope(tx);
    // The modules' rows first, since they point at the demo accounts; the accounts last.
    await purgeCommunications(tx, demo);
    await purgeReports(tx, demo);
    await purgeDirectory(tx, demo);
    await purgeTaxii(tx, demo);
    const removed = await deleteDemoAccounts(tx);
    await recordAudit(tx, { ...by, action: 'user.demo_remove', entity: 'user', details: { removed } });
    return removed;
  });
}
