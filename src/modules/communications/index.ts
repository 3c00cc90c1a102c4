// The communications module's public face: what app.ts and other modules may use. Everything else in this
// folder is internal to it.
export { communicationsPages } from './communications.pages.tsx';
export { commActions } from './communications.policy.ts';
export { communicationsRoutes } from './communications.routes.ts';
export { type CommunicationsDeps, type CommunicationsService, createCommunicationsService } from './communications.service.ts';
export type { AckHours } from './communications.types.ts';
export { purgeDemoData } from './demo.queries.ts';
export { type StateFeed, stateFeeds } from './feed.service.ts';
