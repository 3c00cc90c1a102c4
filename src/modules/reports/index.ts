// The reports module's public face: national implementation reports (the versioned questionnaire, reports
// and their answers, publication, exports, the world map and comparison) and capacity-building needs and
// offers. What app.ts, seed.ts, demo.ts and other modules may use; everything else in this folder is internal.
export { capacityPages } from './capacity.pages.tsx';
export { capacityRoutes } from './capacity.routes.ts';
export { type CapacityService, capacityActions, createCapacityService, type Need } from './capacity.service.ts';
export { purgeDemoData, seedDemoReports } from './demo.seed.ts';
export { ensureQuestionnaire, type Question } from './questionnaire.ts';
export { reportsPages } from './reports.pages.tsx';
export { reportActions } from './reports.policy.ts';
export { reportsRoutes } from './reports.routes.ts';
export { createReportsService, type ReportsDeps, type ReportsService } from './reports.service.ts';
export type { ReportView } from './reports.types.ts';
