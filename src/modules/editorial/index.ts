// The editorial module's public face: the editors' pages and API (revisions of the knowledge and learning
// content, through their owners' editable faces), the service app.ts builds, and the Atom feeds of updates.
export { editorialPages } from './editorial.pages.tsx';
export { editorialRoutes } from './editorial.routes.ts';
export { createEditorialService, type EditorialService, editorialActions } from './editorial.service.ts';
export { feedRoutes } from './feeds.ts';
