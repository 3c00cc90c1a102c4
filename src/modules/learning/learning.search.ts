// The lessons' pages in the search index: learning keeps its own documents, as knowledge keeps its.
import type { Queryable } from '../../db/client.ts';
import { plainText } from '../../platform/markdown.ts';
import type { SearchableDocument } from '../knowledge/index.ts';
import { lessonsForSearch } from './learning.queries.ts';

/** The search document kinds this module owns. */
export const LEARNING_DOCUMENT_KINDS = ['lesson'];

/** Every lesson as a search document, built from the content as db sees it (pass a transaction). */
export async function learningSearchDocuments(db: Queryable): Promise<SearchableDocument[]> {
  return (await lessonsForSearch(db)).map((l) => ({
    kind: 'lesson',
    ref: l.slug,
    title: `Lesson: ${l.title}`,
    body: plainText(`${l.questions}\n\n${l.body}`),
    url: `/learn/${l.module_slug}/${l.slug}`,
  }));
}
