// What another module may ask of the published record to link its own records to an incident (issue 18: a
// communication thread linked to an incident, kept by communications, decision 74): published incidents by
// title, for a picker, and the titles of those linked. It reads the public record only, so it needs no actor.
import type { Queryable } from '../../db/client.ts';
import { type PublishedTitle, publishedByTitle, publishedTitles } from './incidents.links.queries.ts';

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type { PublishedTitle };

export function createIncidentLookup(deps: { db: Queryable }) {
  const { db } = deps;
  return {
    /** Published incidents whose title holds the text (the latest when it is empty), at most `limit`. */
    find: (text: string, limit = 20) => publishedByTitle(db, text.trim().slice(0, 200), Math.min(Math.max(limit, 1), 50)),
    /** The published ones among these ids, with their titles (an id that is not one is left out). */
    published: (ids: string[], q: Queryable = db) => {
      const valid = [...new Set(ids.filter((id) => ID.test(id)))];
      return valid.length ? publishedTitles(q, valid) : Promise.resolve([]);
    },
  };
}

export type IncidentLookup = ReturnType<typeof createIncidentLookup>;
