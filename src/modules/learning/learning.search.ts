// The lessons' pages in the search index, in each of the six languages: learning keeps its own documents, as
// knowledge keeps its (a lesson not yet translated is indexed in English).
import type { Queryable } from '../../db/client.ts';
import { translator } from '../../platform/i18n/i18n.ts';
import { LOCALES, type Locale } from '../../platform/i18n/locales.ts';
import { plainText } from '../../platform/markdown.ts';
import { localise, type SearchableDocument, translationsOf } from '../knowledge/index.ts';
import { lessonsForSearch } from './learning.queries.ts';

/** The search document kinds this module owns. */
export const LEARNING_DOCUMENT_KINDS = ['lesson'];

/** Every lesson as a search document in each language asked (all six by default), as db sees it (pass a transaction). */
export async function learningSearchDocuments(db: Queryable, langs: readonly Locale[] = LOCALES): Promise<SearchableDocument[]> {
  const lessons = await lessonsForSearch(db);
  const docs: SearchableDocument[] = [];
  for (const lang of langs) {
    const tr = await translationsOf(db, 'lesson', lang);
    const say = (slug: string, field: string, original: string) => localise(tr, slug, field, original, lang).text;
    for (const l of lessons)
      docs.push({
        kind: 'lesson',
        ref: l.slug,
        lang,
        title: translator(lang)('search.doc.lesson', { title: say(l.slug, 'title', l.title) }),
        body: plainText(`${say(l.slug, 'questions', l.questions)}\n\n${say(l.slug, 'body', l.body)}`),
        url: `/learn/${l.module_slug}/${l.slug}`,
      });
  }
  return docs;
}
