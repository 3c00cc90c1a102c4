// Communication checks ("pings"): the directory manager starts a round over all States, a regional group, a
// network or chosen States, with a deadline. Each current contact gets a task and a mail with a one-time
// link, in their language; the link opens a page whose button confirms (opening it changes nothing, since
// mail gateways open every link), or the contact confirms in the platform. Reminders and the deadline are
// durable jobs. The report gives response rates and median and 95th-percentile times by State, region and
// contact type. Composed from rounds.service.ts (the manager's side), tasks.service.ts (the contact's) and
// pings.jobs.ts; `linkTask` below is what the link's page shows before anything is pressed.
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/access.ts';
import type { Locale } from '../../platform/i18n/locales.ts';
import { type Clock, emailKey } from '../../platform/kernel.ts';
import type { DirectoryService } from './directory.service.ts';
import { close, closeJob, remind, reminderJob } from './pings.jobs.ts';
import { taskByTokenHash } from './pings.queries.ts';
import { createRoundService } from './rounds.service.ts';
import { createTaskService, linkTokenHash } from './tasks.service.ts';

/** What a link opens, read without changing anything: the page says it and offers the button when it is `open`. */
export type LinkTask =
  | { outcome: 'open'; name: string; title: string; deadline: Date; language: Locale }
  | { outcome: 'already'; at: Date; name: string; title: string; language: Locale }
  | { outcome: 'expired'; title: string; language: Locale }
  | { outcome: 'foreign'; name: string; language: Locale }
  | { outcome: 'unknown' };

export function createPingService(deps: {
  db: Db;
  clock: Clock;
  publicUrl: string;
  directory: DirectoryService;
  flushMail: () => void;
}) {
  const rounds = createRoundService(deps);
  const tasks = createTaskService(deps);

  /** The task a link opens and what may be done with it, decided as a press of the button would be; reads only. */
  async function linkTask(token: string, actor: Actor): Promise<LinkTask> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { outcome: 'unknown' };
    const task = await taskByTokenHash(deps.db, linkTokenHash(token));
    if (!task) return { outcome: 'unknown' };
    const { name, title, language } = task;
    if (actor.email && emailKey(actor.email) !== emailKey(task.email)) return { outcome: 'foreign', name, language };
    if (task.confirmed_at) return { outcome: 'already', at: task.confirmed_at, name, title, language };
    if (task.closed_at || new Date(task.deadline).getTime() <= deps.clock().getTime())
      return { outcome: 'expired', title, language };
    return { outcome: 'open', name, title, deadline: task.deadline, language };
  }

  return {
    startRound: rounds.startRound,
    linkTask,
    confirmByLink: tasks.confirmByLink,
    confirmInPlatform: tasks.confirmInPlatform,
    myTasks: tasks.myTasks,
    listRounds: rounds.listRounds,
    report: rounds.report,
    stateHistory: rounds.stateHistory,
    handlers: { [reminderJob.kind]: remind, [closeJob.kind]: close },
  };
}

export type PingService = ReturnType<typeof createPingService>;
