// The discussion's public face: comments under norms, lessons and published incidents, for app.ts and the pages that show them.
export { commentsPages, discussionSection } from './comments.pages.tsx';
export { commentsRoutes } from './comments.routes.ts';
export { type CommentsService, createCommentsService, type Target } from './comments.service.ts';
