// A contact's side of a communication check: the button on the page the mailed link opens (a POST: opening the
// link alone changes nothing), or a confirmation in the platform, each changing an unconfirmed task of an open
// round once; and one's own open tasks.
import { createHash } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { type Actor, authorize } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { AppError, errors } from '../../platform/errors.ts';
import { type Clock, emailKey, type Origin } from '../../platform/kernel.ts';
import { directoryActions } from './directory.policy.ts';
import { confirmTask, taskByTokenHashForUpdate, taskForUpdate, tasksForEmailKey } from './pings.queries.ts';

/** What is stored of a link token: its SHA-256, in hex. */
export const linkTokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export type ConfirmResult =
  | { outcome: 'confirmed'; at: Date; name: string; title: string }
  | { outcome: 'already'; at: Date; name: string; title: string }
  | { outcome: 'expired'; title: string }
  | { outcome: 'foreign'; name: string }
  | { outcome: 'unknown' };

export function createTaskService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  /** One click on the mailed link. A used, expired or foreign link changes nothing and says why. */
  async function confirmByLink(token: string, actor: Actor, origin: Origin): Promise<ConfirmResult> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { outcome: 'unknown' };
    return db.transaction(async (tx) => {
      const task = await taskByTokenHashForUpdate(tx, linkTokenHash(token));
      if (!task) return { outcome: 'unknown' } as const;
      if (actor.email && emailKey(actor.email) !== emailKey(task.email)) return { outcome: 'foreign', name: task.name } as const;
      if (task.confirmed_at) return { outcome: 'already', at: task.confirmed_at, name: task.name, title: task.title } as const;
      const now = clock();
      if (task.closed_at || new Date(task.deadline).getTime() <= now.getTime())
        return { outcome: 'expired', title: task.title } as const;
      await confirmTask(tx, task.id, now, 'link');
      await recordAudit(
        tx,
        {
          actor: actor.userId ? `user:${actor.userId}` : 'anonymous',
          origin: origin.ip,
          action: 'ping.confirm',
          entity: 'ping_task',
          entityId: task.id,
          details: { via: 'link' },
        },
        now,
      );
      return { outcome: 'confirmed', at: now, name: task.name, title: task.title } as const;
    });
  }

  /** The signed-in contact's own open tasks (matched by e-mail address). */
  async function myTasks(actor: Actor) {
    authorize(actor, directoryActions['directory.tasks']);
    return tasksForEmailKey(db, emailKey(actor.email ?? ''), clock());
  }

  /** Confirms one's own task in the platform; someone else's is not found, a closed round's is gone (410). */
  async function confirmInPlatform(actor: Actor, taskId: string, origin: Origin) {
    authorize(actor, directoryActions['directory.confirm']);
    return db.transaction(async (tx) => {
      const task = await taskForUpdate(tx, taskId);
      // Someone else's task is simply not found.
      if (!task || emailKey(task.email) !== emailKey(actor.email ?? '')) throw errors.notFound('The task');
      if (task.confirmed_at) return { outcome: 'already' as const, at: task.confirmed_at };
      const now = clock();
      if (task.closed_at || new Date(task.deadline).getTime() <= now.getTime())
        throw new AppError('LINK_INVALID', 410, 'This communication check has closed.');
      await confirmTask(tx, task.id, now, 'platform');
      await recordAudit(
        tx,
        {
          actor: `user:${actor.userId}`,
          origin: origin.ip,
          action: 'ping.confirm',
          entity: 'ping_task',
          entityId: task.id,
          details: { via: 'platform' },
        },
        now,
      );
      return { outcome: 'confirmed' as const, at: now };
    });
  }

  return { confirmByLink, confirmInPlatform, myTasks };
}
