// Reading the compose form: its fields as typed (to show the form again, or to keep it), what the service
// takes (indicators parsed from their lines, States from the names typed in the picker's box, files), and
// a refusal as the form shows it: each problem by its field, an indicator's by quoting the value (never a
// line number), a file's on the file input.
import { AppError, type FieldProblem } from '../../platform/errors.ts';
import { type FormProblem, fieldMessage } from '../../platform/http/form-problems.ts';
import type { Translate } from '../../platform/i18n/i18n.ts';
import { reasonText } from '../../platform/i18n/reasons.ts';
import { type Indicator, parseIndicatorLines, type RawAttachment } from './communications.validate.ts';
import type { ComposeValue } from './compose.view.tsx';
import { type FindableState, resolveNames } from './names.ts';
import { type Body, list, str } from './pages.common.ts';
import { FORM_KEY } from './pending.service.ts';

/** The form's fields as typed, to show the form again or to keep it. */
export const formValue = (body: Body | Record<string, unknown> | undefined): ComposeValue => ({
  type: str(body?.type, 40),
  urgency: str(body?.urgency, 40),
  tlp: str(body?.tlp, 40),
  recipients: list(body?.recipients).slice(0, 400),
  recipientNames: str(body?.recipientNames, 2000),
  people: str(body?.people, 4000),
  subject: str(body?.subject, 400),
  body: str(body?.body, 40_000),
  norms: list(body?.norms).slice(0, 40),
  sectors: list(body?.sectors).slice(0, 100),
  indicators: str(body?.indicators, 200_000),
  actionRequested: str(body?.actionRequested, 4000),
  actionDue: str(body?.actionDue, 40),
});

/** The files of a multipart form (an empty file input sends none). */
export function files(body: Body | undefined): RawAttachment[] {
  const raw = (body as Record<string, unknown> | undefined)?.attachments;
  return (Array.isArray(raw) ? raw : [raw]).filter((f): f is RawAttachment => !!f && typeof f === 'object');
}

/** The form's key (its idempotency key), when it has a well-formed one. */
export const formKeyOf = (body: Body | undefined) => {
  const key = str(body?.idempotencyKey, 200);
  return FORM_KEY.test(key) ? key : null;
};

/**
 * The form as the service takes it, and as it is shown again: the States named in the box join those ticked
 * (the names that match none, or several, stay in the box and are refused by name).
 */
export function readForm(body: Body | undefined, states: FindableState[], t: Translate) {
  const value = formValue(body);
  const named = resolveNames(value.recipientNames ?? '', states);
  const recipients = [...new Set([...(value.recipients ?? []), ...named.codes])];
  const left = [...named.unknown, ...named.ambiguous.map((a) => a.term)];
  const problems: FormProblem[] = [];
  const label = t('comm.recipients');
  if (named.unknown.length)
    problems.push({
      field: 'recipients',
      message: `${label}: ${t('comm.recipients.unknown', { names: named.unknown.join(', ') })}`,
    });
  for (const a of named.ambiguous)
    problems.push({
      field: 'recipients',
      message: `${label}: ${t('comm.recipients.ambiguous', { name: a.term, options: a.names.join(' · ') })}`,
    });
  const indicators = parseIndicatorLines(value.indicators ?? '');
  return {
    value: { ...value, recipients, recipientNames: left.join(', ') },
    input: { ...value, recipients, indicators, actionDue: value.actionDue || undefined },
    indicators,
    files: files(body),
    nameProblems: problems,
  };
}

/** The field a problem is shown on: an indicator's on the indicators box, a file's on the file input. */
const fieldOf = (field: string) =>
  /^indicators\[\d+\]/.test(field) ? 'indicators' : /^attachments\[\d+\]/.test(field) ? 'attachments' : field;

/** One problem as the form says it: an indicator quoted by its value, a file under the attachments' label. */
function message(t: Translate, f: FieldProblem, indicators: Indicator[]): FormProblem {
  const at = /^indicators\[(\d+)\]/.exec(f.field);
  if (at) {
    const given = indicators[Number(at[1])];
    const params = f.code === 'indicatorValue' ? f.params : { type: given?.type ?? '', value: (given?.value ?? '').slice(0, 60) };
    return { field: 'indicators', message: fieldMessage(t, 'indicators', 'indicatorValue', params) };
  }
  const field = fieldOf(f.field);
  if (field === 'attachments') return { field, message: `${t('comm.attachments')}: ${reasonText(t.locale, f.code, f.params)}` };
  if (field === 'Idempotency-Key') return { field: '', message: reasonText(t.locale, f.code, f.params) };
  return { field, message: fieldMessage(t, field, f.code, f.params) };
}

/** A refusal as the form shows it; anything but bad input is not a form problem and is thrown again. */
export function pageProblems(t: Translate, err: unknown, indicators: Indicator[]): FormProblem[] {
  if (!(err instanceof AppError) || err.code !== 'BAD_INPUT') throw err;
  return err.fields.map((f) => message(t, f, indicators));
}

/** Problems found by the service, as the form says them (see pageProblems). */
export const problemsOf = (t: Translate, fields: FieldProblem[], indicators: Indicator[]) =>
  fields.map((f) => message(t, f, indicators));
