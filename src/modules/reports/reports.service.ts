// National implementation reports: a State's answers to the questionnaire for one reporting cycle. The
// rapporteur and the focal point fill it (each answer saved as it is typed), submit it, reopen and revise
// it; the focal point decides who may read it (private, shared with chosen States, public). A draft is
// only ever seen by its own State's officials. Every change is audited.
// The service is composed of parts, each a file: who may do what (reports.policy.ts), reading
// (reading.service.ts), drafting (drafting.service.ts), sharing (sharing.service.ts), the public overviews
// (overview.service.ts) and the questionnaire's versions (questionnaire.service.ts). Their SQL is in
// reports.queries.ts and questionnaire.queries.ts.
import { createDrafting } from './drafting.service.ts';
import { createOverview } from './overview.service.ts';
import { createQuestionnaire } from './questionnaire.service.ts';
import { createReading } from './reading.service.ts';
import { createCore, type ReportsDeps } from './reports.common.ts';
import { createSharing } from './sharing.service.ts';

export type { ReportsDeps } from './reports.common.ts';
export { reportActions } from './reports.policy.ts';
export type { ReportRow, ReportView } from './reports.types.ts';

/** The reports service: one object with every operation, built from its parts. */
export function createReportsService(deps: ReportsDeps) {
  const core = createCore(deps);
  return {
    ...createReading(core),
    ...createDrafting(core),
    ...createSharing(core),
    ...createOverview(core),
    ...createQuestionnaire(core),
  };
}

export type ReportsService = ReturnType<typeof createReportsService>;
