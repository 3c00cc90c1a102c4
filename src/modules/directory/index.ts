// The directory module's public face: what app.ts, seed.ts and other modules may use. Everything else in
// this folder is its own business (see docs/architecture.md, "The directory and its communication checks").
export { percentile } from '../../platform/statistics.ts';
export type { DirectoryIdentity } from './contacts.service.ts';
export { purgeDemoData } from './demo.queries.ts';
export { directoryPages } from './directory.pages.tsx';
export { directoryActions } from './directory.policy.ts';
export { directoryRoutes } from './directory.routes.ts';
export { seedDemoDirectory } from './directory.seed.ts';
export { createDirectoryService, type DirectoryService } from './directory.service.ts';
export type { Contact, ContactInput, ContactKind, Network } from './directory.validate.ts';
export { createPingService, type PingService } from './pings.service.ts';
export type { Stats } from './pings.stats.ts';
export type { RoundScope } from './pings.validate.ts';
