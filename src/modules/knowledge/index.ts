// The knowledge base's public face: the norms and the rest of the framework, their translations, and the
// documents the search index is built from.
export {
  type EditableField,
  type EditableFields,
  type EditableKind,
  type EditableRecord,
  editableKind,
  knowledgeEditableKinds,
  lineField,
  markdownField,
} from './editable.ts';
export { knowledgePages } from './knowledge.pages.tsx';
export { normCount } from './knowledge.queries.ts';
export { knowledgeRoutes } from './knowledge.routes.ts';
export { seedKnowledge } from './knowledge.seed.ts';
export {
  createKnowledgeService,
  isNormLetter,
  KNOWLEDGE_DOCUMENT_KINDS,
  type KnowledgeService,
  localise,
  type SearchableDocument,
  searchableDocuments,
  type Text,
  translationsOf,
} from './knowledge.service.ts';
