// The SQL of what other modules may ask of the published record by its face (incidents.links.ts): published
// incidents by title, and the titles of published incidents by id. Drafts and proposals never answer.
import type { Queryable } from '../../db/client.ts';

export interface PublishedTitle {
  id: string;
  title: string;
  started_on: string | null;
}

/** Published incidents whose title holds the text (all when it is empty), latest first. */
export function publishedByTitle(q: Queryable, text: string, limit: number): Promise<PublishedTitle[]> {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return q.query<PublishedTitle>(
    `select id, title, started_on::text from incidents
     where status = 'published' and title ilike $1
     order by published_at desc, title limit $2`,
    [pattern, limit],
  );
}

/** These incidents' titles, for those that are published. */
export function publishedTitles(q: Queryable, ids: string[]): Promise<PublishedTitle[]> {
  return q.query<PublishedTitle>(
    `select id, title, started_on::text from incidents where status = 'published' and id = any($1::uuid[])`,
    [ids],
  );
}
