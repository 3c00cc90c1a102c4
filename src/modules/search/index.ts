// Search's public face: the ranked search (for app.ts and the command line, with its query schema) and the
// index other modules keep up to date.
export { searchPages } from './search.pages.tsx';
export { searchRoutes } from './search.routes.ts';
export { type SearchResult, searchQuery } from './search.schemas.ts';
export { createSearchService, replaceDocuments } from './search.service.ts';
