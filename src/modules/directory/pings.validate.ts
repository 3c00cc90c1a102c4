// A communication-check round as the directory manager asks for it, and the checks it must pass (each
// problem named by its field). No database here.
import type { FieldProblem } from '../../platform/errors.ts';
import { singleLineProblem } from '../../platform/text.ts';
import { NETWORKS } from './directory.validate.ts';

export type RoundScope =
  | { kind: 'all' }
  | { kind: 'group'; group: string }
  | { kind: 'network'; network: string }
  | { kind: 'states'; states: string[] };

export interface RoundInput {
  title: string;
  scope: RoundScope;
  deadline: string;
  reminderHours: number;
}

const GROUPS = ['african', 'asia-pacific', 'eastern-european', 'latin-american-caribbean', 'weog'];

/** Checks a round from the form or the API: title, scope, a deadline between an hour and 90 days away, reminders. */
export function validateRound(
  raw: Partial<Record<keyof RoundInput, unknown>>,
  now: Date,
): { value: RoundInput & { deadlineAt: Date } } | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const title = typeof raw.title === 'string' ? raw.title.trim() : '';
  if (!title) problems.push({ field: 'title', reason: 'is required' });
  else if (title.length > 200) problems.push({ field: 'title', reason: 'must be at most 200 characters' });
  else if (singleLineProblem(title)) problems.push({ field: 'title', reason: singleLineProblem(title) as string });
  const scope = raw.scope as RoundScope | undefined;
  if (!scope || typeof scope !== 'object' || !['all', 'group', 'network', 'states'].includes(scope.kind)) {
    problems.push({ field: 'scope', reason: 'must be all, a regional group, a network or chosen States' });
  } else if (scope.kind === 'group' && !GROUPS.includes(scope.group)) {
    problems.push({ field: 'scope.group', reason: `must be one of ${GROUPS.join(', ')}` });
  } else if (scope.kind === 'network' && !(NETWORKS as readonly string[]).includes(scope.network)) {
    problems.push({ field: 'scope.network', reason: `must be one of ${NETWORKS.join(', ')}` });
  } else if (
    scope.kind === 'states' &&
    (!Array.isArray(scope.states) ||
      !scope.states.length ||
      scope.states.some((s) => typeof s !== 'string' || !/^[A-Z]{3}$/.test(s)))
  ) {
    problems.push({ field: 'scope.states', reason: 'choose at least one State by its ISO 3166-1 alpha-3 code' });
  }
  const deadlineAt = typeof raw.deadline === 'string' && !Number.isNaN(Date.parse(raw.deadline)) ? new Date(raw.deadline) : null;
  if (!deadlineAt) problems.push({ field: 'deadline', reason: 'must be a date and time' });
  else if (deadlineAt.getTime() <= now.getTime() + 3600_000)
    problems.push({ field: 'deadline', reason: 'must be at least an hour from now' });
  else if (deadlineAt.getTime() > now.getTime() + 90 * 86_400_000)
    problems.push({ field: 'deadline', reason: 'must be within 90 days' });
  const reminderHours = Number(raw.reminderHours);
  if (!Number.isInteger(reminderHours) || reminderHours < 1 || reminderHours > 24 * 30)
    problems.push({ field: 'reminderHours', reason: 'must be a whole number of hours between 1 and 720' });
  if (problems.length) return { problems };
  return {
    value: { title, scope: scope as RoundScope, deadline: String(raw.deadline), reminderHours, deadlineAt: deadlineAt as Date },
  };
}
