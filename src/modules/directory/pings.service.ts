// Communication checks ("pings"): the directory manager starts a round over all States, a regional group, a
// network or chosen States, with a deadline. Each current contact gets a task and a mail with a one-time
// link; one click confirms, from the mail or in the platform. Reminders and the deadline are durable jobs.
// The report gives response rates and median and 95th-percentile times by State, region and contact type.
// Composed from rounds.service.ts (the manager's side), tasks.service.ts (the contact's) and pings.jobs.ts.
import type { Db } from '../../db/client.ts';
import type { Clock } from '../../platform/kernel.ts';
import type { DirectoryService } from './directory.service.ts';
import { close, closeJob, remind, reminderJob } from './pings.jobs.ts';
import { createRoundService } from './rounds.service.ts';
import { createTaskService } from './tasks.service.ts';

export function createPingService(deps: {
  db: Db;
  clock: Clock;
  publicUrl: string;
  directory: DirectoryService;
  flushMail: () => void;
}) {
  const rounds = createRoundService(deps);
  const tasks = createTaskService(deps);
  return {
    startRound: rounds.startRound,
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
