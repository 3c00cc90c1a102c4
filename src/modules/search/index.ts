// Search's public face: the ranked search and the index other modules keep up to date.
export { searchPages } from './search.pages.tsx';
export { searchRoutes } from './search.routes.ts';
export { createSearchService, replaceDocuments } from './search.service.ts';
