// Full-text search over all content: ranking, highlighted snippets that are safe to show, and the index.
import type { Queryable } from '../../db/client.ts';
import { escapeHtml } from '../../views/html.ts';
import * as q from './search.queries.ts';
import { PAGE_SIZE, type SearchResult } from './search.schemas.ts';

/** Escapes text from the database, then turns the highlight markers into <mark> elements. */
export function markHighlights(text: string): string {
  return escapeHtml(text).replaceAll(q.MARK_START, '<mark>').replaceAll(q.MARK_END, '</mark>');
}

export function createSearchService(deps: { db: Queryable }) {
  const { db } = deps;
  return {
    /** One page of results for a query; the cursor is the offset of the page. */
    async search(query: string, cursor?: string): Promise<SearchResult> {
      const offset = cursor ? Number.parseInt(cursor, 10) : 0;
      const rows = await q.rankedMatches(db, query, PAGE_SIZE, offset);
      const total = rows[0]?.total ?? 0;
      const nextOffset = offset + rows.length;
      return {
        query,
        total,
        hits: rows.map((r) => ({
          kind: r.kind,
          ref: r.ref,
          title: r.title,
          url: r.url,
          snippet_html: markHighlights(r.snippet),
          title_html: markHighlights(r.title_marked),
          rank: Number(r.rank),
        })),
        next_cursor: rows.length === PAGE_SIZE && nextOffset < total && nextOffset <= 9999 ? String(nextOffset) : null,
      };
    },
  };
}

export type SearchService = ReturnType<typeof createSearchService>;

/** Replaces every indexed document of the given kinds; call inside the transaction that changed them. */
export async function replaceDocuments(tx: Queryable, kinds: string[], docs: Parameters<typeof q.insertDocuments>[1]) {
  await q.deleteDocumentsOfKinds(tx, kinds);
  await q.insertDocuments(tx, docs);
}
