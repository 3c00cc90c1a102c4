// A communication-check round as the directory manager asks for it, and the checks it must pass (each
// problem named by its field). No database here.
//
// Two layers, one set of limits: `roundInput` is the shape the API takes (its types, choices and lengths
// reach the OpenAPI document, so a generated client knows the fields; the route refuses a body that does
// not fit it, field by field); `validateRound` is the whole check the service makes of every round, from
// the API or the page's form: a one-line title, a known scope and a deadline an hour to 90 days away.
import { z } from 'zod';
import { type FieldProblem, fieldProblem } from '../../platform/errors.ts';
import { singleLineProblem } from '../../platform/text.ts';
import { NETWORKS } from './directory.validate.ts';

/** The UN regional groups a round may ask. */
export const GROUPS = ['african', 'asia-pacific', 'eastern-european', 'latin-american-caribbean', 'weog'] as const;
/** The longest title a round may have. */
export const TITLE_MAX = 200;
/** The most States a round may name one by one (more than there are). */
export const STATES_MAX = 250;
/** The longest time between reminders: 30 days. */
export const REMINDER_HOURS_MAX = 24 * 30;
const STATE_CODE = /^[A-Z]{3}$/;
const HOUR = 3600_000;
const DEADLINE_MAX_DAYS = 90;

/** Who a round asks: every contact, a UN regional group's, a network's, or chosen States'. */
export const roundScope = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('all') }).describe('Every contact in the directory'),
    z.object({ kind: z.literal('group'), group: z.enum(GROUPS) }).describe("The contacts of a UN regional group's States"),
    z.object({ kind: z.literal('network'), network: z.enum(NETWORKS) }).describe('The contacts serving a network'),
    z
      .object({
        kind: z.literal('states'),
        states: z
          .array(z.string().regex(STATE_CODE, 'must be an ISO 3166-1 alpha-3 code'))
          .min(1)
          .max(STATES_MAX)
          .describe('ISO 3166-1 alpha-3 codes, e.g. KEN'),
      })
      .describe('The contacts of the States named'),
  ])
  .describe('Who is asked');

export type RoundScope = z.infer<typeof roundScope>;

/** Starting a round, as the API takes it (`POST /api/v1/ping-rounds`). */
export const roundInput = z.object({
  title: z.string().min(1).max(TITLE_MAX).describe('One line, shown in the mails'),
  scope: roundScope,
  deadline: z.iso
    .datetime({ offset: true })
    .describe(`When the round closes: at least an hour and at most ${DEADLINE_MAX_DAYS} days away`),
  reminderHours: z.number().int().min(1).max(REMINDER_HOURS_MAX).describe('Hours between reminders to whoever has not confirmed'),
});

export type RoundInput = z.infer<typeof roundInput>;

/** Checks a round from the form or the API: title, scope, a deadline between an hour and 90 days away, reminders. */
export function validateRound(
  raw: Partial<Record<keyof RoundInput, unknown>>,
  now: Date,
): { value: RoundInput & { deadlineAt: Date } } | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const title = typeof raw.title === 'string' ? raw.title.trim() : '';
  const line = singleLineProblem(title);
  if (!title) problems.push(fieldProblem('title', 'required'));
  else if (title.length > TITLE_MAX) problems.push(fieldProblem('title', 'tooLong', { n: TITLE_MAX }));
  else if (line) problems.push(fieldProblem('title', line.code, line.params));
  const scope = raw.scope as RoundScope | undefined;
  if (!scope || typeof scope !== 'object' || !['all', 'group', 'network', 'states'].includes(scope.kind)) {
    problems.push(fieldProblem('scope', 'scope'));
  } else if (scope.kind === 'group' && !(GROUPS as readonly string[]).includes(scope.group)) {
    problems.push(fieldProblem('scope.group', 'scope'));
  } else if (scope.kind === 'network' && !(NETWORKS as readonly string[]).includes(scope.network)) {
    problems.push(fieldProblem('scope.network', 'scope'));
  } else if (
    scope.kind === 'states' &&
    (!Array.isArray(scope.states) ||
      !scope.states.length ||
      scope.states.length > STATES_MAX ||
      scope.states.some((s) => typeof s !== 'string' || !STATE_CODE.test(s)))
  ) {
    problems.push(fieldProblem('scope.states', 'scope'));
  }
  const deadlineAt = typeof raw.deadline === 'string' && !Number.isNaN(Date.parse(raw.deadline)) ? new Date(raw.deadline) : null;
  if (
    !deadlineAt ||
    deadlineAt.getTime() <= now.getTime() + HOUR ||
    deadlineAt.getTime() > now.getTime() + DEADLINE_MAX_DAYS * 24 * HOUR
  )
    problems.push(fieldProblem('deadline', 'deadline'));
  const reminderHours = Number(raw.reminderHours);
  if (!Number.isInteger(reminderHours) || reminderHours < 1 || reminderHours > REMINDER_HOURS_MAX)
    problems.push(fieldProblem('reminderHours', 'reminders'));
  if (problems.length || !scope || !deadlineAt) return { problems };
  return { value: { title, scope, deadline: String(raw.deadline), reminderHours, deadlineAt } };
}
