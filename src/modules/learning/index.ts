// Learning's public face: modules, lessons, self-checks and progress; what editors may change of them; and
// the lessons' texts for the search index.
export { learningEditableKinds } from './editable.ts';
export { learningPages } from './learning.pages.tsx';
export { lessonCount } from './learning.queries.ts';
export { learningRoutes } from './learning.routes.ts';
export { LEARNING_DOCUMENT_KINDS, learningSearchDocuments } from './learning.search.ts';
export { seedLearning } from './learning.seed.ts';
export { createLearningService, type LearningService } from './learning.service.ts';
