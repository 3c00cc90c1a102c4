// Refusals as problems to show on a form, in the reader's language: the kernel every feature's pages use.
// A field problem's reason is still matched by its English sentence (REASONS) until errors carry codes
// (issue 14); a reason with no match is shown as it is.
import { AppError } from '../errors.ts';
import type { MessageKey, Translate } from '../i18n/i18n.ts';

/** A problem to show on a form: the field it is about (empty for the whole form) and what to say. */
export interface FormProblem {
  field: string;
  message: string;
}

export const FIELD_LABELS: Record<string, MessageKey> = {
  email: 'auth.email',
  password: 'auth.password',
  displayName: 'auth.name',
  code: 'auth.code.label',
  roles: 'invite.roles',
  state: 'admin.invite.state',
  name: 'tokens.name',
  scope: 'tokens.scope',
  expiresInDays: 'tokens.expires',
  from: 'audit.from',
  to: 'audit.to',
  kind: 'dir.kind',
  position: 'dir.position',
  institution: 'dir.institution',
  phone: 'dir.phone',
  languages: 'dir.languages',
  timeZone: 'dir.timeZone',
  hours: 'dir.hours',
  networks: 'dir.networks',
  effectiveFrom: 'dir.effective',
  title: 'dir.rounds.name',
  scopeValue: 'dir.rounds.scopeValue',
  deadline: 'dir.rounds.deadline',
  reminderHours: 'dir.rounds.reminders',
  type: 'comm.type',
  urgency: 'comm.urgency',
  tlp: 'comm.tlp',
  recipients: 'comm.recipients',
  people: 'comm.people',
  subject: 'comm.subject',
  body: 'comm.body',
  norms: 'comm.norms',
  sectors: 'comm.sectors',
  indicators: 'comm.indicators',
  actionRequested: 'comm.actionRequested',
  actionDue: 'comm.actionDue',
};

/** Field reasons the services give in English, said in the reader's language. */
const REASONS: [RegExp, MessageKey][] = [
  [/^must be at least \d+ characters$/, 'reason.tooShort'],
  [/^must be at most \d+ characters$/, 'reason.tooLong'],
  [/commonly used password/, 'reason.common'],
  [/repeats too few characters/, 'reason.repetitive'],
  [/must not contain your e-mail/, 'reason.containsEmail'],
  [/^is required/, 'reason.required'],
  [/not a valid e-mail/, 'reason.email'],
  [/another State/, 'reason.otherState'],
  [/choose at least one role/, 'reason.noRole'],
  [/is required for State roles/, 'reason.stateNeeded'],
  [/is only for State roles/, 'reason.stateNotNeeded'],
  [/not a State in the registry/, 'reason.unknownState'],
  [/is wrong or expired/, 'auth.error.code'],
  [/must be a date \(YYYY-MM-DD\)$/, 'reason.date'],
  [/international number/, 'reason.phone'],
  [/unknown language code/, 'reason.languageCode'],
  [/IANA time zone/, 'reason.timeZone'],
  [/network|not a member of/, 'reason.networks'],
  [/cannot be in the past|must be a date \(YYYY-MM-DD\) or a date and time/, 'reason.effective'],
  [/diplomatic or technical/, 'reason.kind'],
  [/hour from now|within 90 days|must be a date and time/, 'reason.deadline'],
  [/whole number of hours/, 'reason.reminders'],
  [/no contact in the directory|all, a regional group|one of african|one of GLOBAL|at least one State/, 'reason.scope'],
  [/^unknown State/, 'reason.unknownRecipient'],
  [/your own State/, 'reason.ownState'],
  [/at least one recipient State/, 'reason.recipients'],
  [/must be in the future/, 'reason.future'],
  [/TLP:RED needs the named recipients/, 'reason.people'],
  [/not an official of a recipient State/, 'reason.peopleNotOfficial'],
  [/named recipients are for TLP:RED only/, 'reason.peopleNotRed'],
  [/^line \d+:/, 'reason.indicator'],
  [/^unknown norm/, 'reason.norms'],
  [/^unknown sector/, 'reason.sectors'],
  [/^must be one of/, 'reason.choice'],
];

function reason(t: Translate, text: string): string {
  const hit = REASONS.find(([re]) => re.test(text));
  if (!hit) return text;
  const n = /\d+/.exec(text)?.[0];
  return t(hit[1], { n: n ?? '' });
}

/** Turns a refusal into problems to show on the form. Anything else is not a form problem and is rethrown. */
export function formProblems(t: Translate, err: unknown): FormProblem[] {
  if (!(err instanceof AppError)) throw err;
  switch (err.code) {
    case 'BAD_INPUT':
      return err.fields.map((f) => ({
        field: f.field,
        message: `${FIELD_LABELS[f.field] ? t(FIELD_LABELS[f.field]) : f.field}: ${reason(t, f.reason)}`,
      }));
    case 'BAD_CREDENTIALS':
      return [{ field: 'email', message: t('auth.error.credentials') }];
    case 'BAD_CODE':
      return [{ field: 'code', message: t('auth.error.code') }];
    case 'TOO_MANY_ATTEMPTS':
      return [
        {
          field: '',
          message: t('auth.error.throttled', { seconds: (err as AppError & { retryAfter?: number }).retryAfter ?? 0 }),
        },
      ];
    case 'FORBIDDEN':
    case 'TOKEN_SCOPE':
      return [{ field: '', message: t('error.forbidden.body') }];
    default:
      throw err;
  }
}
