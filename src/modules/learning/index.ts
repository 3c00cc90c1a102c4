// Learning's public face: modules, lessons, self-checks and progress.
export { learningPages } from './learning.pages.tsx';
export { learningRoutes } from './learning.routes.ts';
export { createLearningService, type LearningService } from './learning.service.ts';
