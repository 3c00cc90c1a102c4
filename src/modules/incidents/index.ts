// The incident record's public face (issue 18): incidents, every attribution claim made about each (never
// merged), the responses, the norms at stake; kept by editors with four eyes; States publish their own
// positions. What app.ts and seed.ts may use; everything else in this folder is internal.

export { createIncidentLookup, type IncidentLookup, type PublishedTitle } from './incidents.links.ts';
export { incidentsPages } from './incidents.pages.tsx';
export { incidentActions } from './incidents.policy.ts';
export { incidentCount } from './incidents.queries.ts';
export { createRelatedIncidents, type RelatedIncidents } from './incidents.related.ts';
export { incidentsRoutes } from './incidents.routes.ts';
export { seedIncidents } from './incidents.seed.ts';
export { createIncidentsService, type IncidentsService } from './incidents.service.ts';
export { topUpIncidentTranslations } from './incidents.translations.seed.ts';
