// The TAXII 2.1 server's public face (issue 18): what app.ts may use. It pulls from the other modules' STIX
// exports through the sources app.ts gives it, and keeps its own store (taxii_objects).
export { taxiiActions } from './taxii.policy.ts';
export { purgeDemoData } from './taxii.queries.ts';
export { TAXII_ROOT, taxiiRoutes } from './taxii.routes.ts';
export { createTaxiiService, PUBLIC_COLLECTION_ID, stateCollectionId, type TaxiiService } from './taxii.service.ts';
