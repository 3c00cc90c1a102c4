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
export { KNOWLEDGE_DOCUMENT_KINDS, type SearchableDocument, searchableDocuments } from './knowledge.search.ts';
export { seedKnowledge, topUpTranslations } from './knowledge.seed.ts';
export {
  createKnowledgeService,
  isNormLetter,
  type KnowledgeService,
  localise,
  type Text,
  translationsOf,
} from './knowledge.service.ts';
