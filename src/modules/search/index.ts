// Search's public face: the ranked search (for app.ts and the command line, with its query schema) and the
// index other modules keep up to date, per language.
export { searchPages } from './search.pages.tsx';
export { searchRoutes } from './search.routes.ts';
export { SEARCH_KINDS, type SearchKind, type SearchResult, searchQuery } from './search.schemas.ts';
export { createSearchService, type IndexDocument, replaceDocuments, type SearchOptions } from './search.service.ts';
