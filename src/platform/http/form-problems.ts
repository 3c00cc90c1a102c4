// Refusals as problems to show on a form, in the reader's language: the kernel every feature's pages use.
// A field problem carries a reason code (i18n/reasons.ts), never a sentence, so a page can always say it.
import { AppError } from '../errors.ts';
import type { MessageKey, Translate } from '../i18n/i18n.ts';
import { type ReasonCode, type ReasonParams, reasonText } from '../i18n/reasons.ts';

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
  language: 'dir.language',
  languages: 'dir.languages',
  timeZone: 'dir.timeZone',
  hours: 'dir.hours',
  networks: 'dir.networks',
  effectiveFrom: 'dir.effective',
  title: 'dir.rounds.name',
  who: 'dir.rounds.scope',
  states: 'form.states',
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

/** One field's problem in the reader's language: its label, then the reason of the catalogue. */
export function fieldMessage(t: Translate, field: string, code: ReasonCode, params?: ReasonParams): string {
  const label = FIELD_LABELS[field] ? t(FIELD_LABELS[field]) : field;
  return `${label}: ${reasonText(t.locale, code, params)}`;
}

/** Turns a refusal into problems to show on the form. Anything else is not a form problem and is rethrown. */
export function formProblems(t: Translate, err: unknown): FormProblem[] {
  if (!(err instanceof AppError)) throw err;
  switch (err.code) {
    case 'BAD_INPUT':
      return err.fields.map((f) => ({ field: f.field, message: fieldMessage(t, f.field, f.code, f.params) }));
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
