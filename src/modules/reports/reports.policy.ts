// Who may do what with reports (the rules, in one place), and who may read a report that is not their State's.
import { type Actor, decide, defineRules } from '../../platform/access.ts';
import type { ReportRow } from './reports.types.ts';

const OFFICIALS = ['focal_point', 'poc_diplomatic', 'poc_technical', 'rapporteur'] as const;

export const reportActions = defineRules({
  /** A State's own reports, drafts included. */
  'report.read': { state: [...OFFICIALS] },
  /** Publishing a new version of the questionnaire. */
  'questionnaire.publish': { platform: ['editor'], write: true },
  /** Filling, submitting and reopening. */
  'report.write': { state: ['rapporteur', 'focal_point'], write: true },
  /** Who may read a report: the focal point's decision. */
  'report.publish': { state: ['focal_point'], write: true },
});

/** Whether the actor is one of the State's officials, who see its report in any state. */
export const isOwn = (actor: Actor, state: string) => decide(actor, reportActions['report.read'], { state }).ok;

/**
 * Whether someone who is not one of the State's officials may read its report: only once submitted, and
 * then if it is public, or shared with a State the reader is an official of (with the second factor given).
 */
export function visibleToOthers(actor: Actor, report: ReportRow | null, shared: string[]): boolean {
  if (report?.status !== 'submitted') return false;
  if (report.visibility === 'public') return true;
  const mine = actor.grants.filter((g) => g.state).map((g) => g.state as string);
  return report.visibility === 'shared' && shared.some((s) => mine.includes(s)) && actor.mfa;
}

/** Whether a report shows what is not public: a draft, or a submitted report that is private or shared. */
export const confidential = (report: ReportRow | null) =>
  Boolean(report && !(report.status === 'submitted' && report.visibility === 'public'));
