// The incident record where readers already are (issue 18): the published incidents at stake for a norm (its
// page and API), those a State attributed, was attributed or was targeted by (its page), and the record's Atom
// feed. Published incidents only, whoever asks; app.ts hands these to the knowledge, registry and feed routes.
import type { Queryable } from '../../db/client.ts';
import { claimsOf, normsOf } from './incidents.queries.ts';
import {
  isPublished,
  publishedByChange,
  publishedForState,
  publishedOnNorm,
  type RelatedRow,
} from './incidents.related.queries.ts';
import { stateNamesIn } from './incidents.service.ts';
import { normKey, textsIn, titlesIn } from './incidents.translations.ts';

/** One incident as a list elsewhere names it. */
export interface RelatedIncident {
  id: string;
  title: string;
  /** The year it started, when known. */
  year: number | null;
  contested: boolean;
}

/** An incident at stake for a norm, with each reading: a State invoked the norm in its statement, or the editors'. */
export interface NormIncident extends RelatedIncident {
  /** The language of its title: the reader's where translated, else English (decision 77). */
  lang: string;
  readings: {
    basis: 'invoked' | 'editors';
    invokedBy: string | null;
    invokedByName: string | null;
    rationale: string;
    /** The language of the rationale. */
    lang: string;
  }[];
}

/** An incident on a State's page: its title in the reader's language where translated, else English. */
export type StateIncident = RelatedIncident & { lang: string };

export interface StateIncidents {
  attributed: StateIncident[];
  attributedTo: StateIncident[];
  targeted: StateIncident[];
}

export interface IncidentFeedItem extends RelatedIncident {
  summary: string;
  /** The language its title and summary are in: the one asked for where translated, else English (decision 77). */
  lang: string;
  updated: Date;
  published: Date | null;
  norms: string[];
  claims: number;
}

export function createRelatedIncidents(deps: { db: Queryable }) {
  const { db } = deps;

  const brief = (r: RelatedRow): RelatedIncident => ({
    id: r.id,
    title: r.title,
    year: r.started_on ? Number(r.started_on.slice(0, 4)) : null,
    // Kept on the incident by every write (decision 75), as the list's filter reads it.
    contested: r.contested,
  });

  /** The published incidents with this norm at stake, the latest first; States named in the reader's language. */
  async function onNorm(letter: string, locale: string): Promise<NormIncident[]> {
    const rows = await publishedOnNorm(db, letter);
    const [names, pick] = await Promise.all([
      stateNamesIn(
        db,
        rows.flatMap((r) => r.readings.map((x) => x.invoked_by).filter(Boolean)),
        locale,
      ),
      // Titles and rationales in the reader's language where translated and current (incidents.translations.ts).
      textsIn(
        db,
        rows.map((r) => r.id),
        locale,
      ),
    ]);
    return rows.map((r) => {
      const title = pick(r.id, 'title', r.title);
      return {
        ...brief(r),
        title: title.text,
        lang: title.lang,
        readings: r.readings.map((x) => {
          const key = normKey({ norm_letter: letter, basis: x.basis, invoked_by: x.invoked_by ?? '' });
          const rationale = pick(r.id, key, x.rationale);
          return {
            basis: x.basis === 'invoked' ? ('invoked' as const) : ('editors' as const),
            invokedBy: x.invoked_by || null,
            invokedByName: x.invoked_by ? (names.get(x.invoked_by) ?? x.invoked_by) : null,
            rationale: rationale.text,
            lang: rationale.lang,
          };
        }),
      };
    });
  }

  /**
   * The published incidents this State attributed, was attributed, or was targeted by (a demo State: none),
   * each title in the reader's language where translated and current, else in English, saying which.
   */
  async function ofState(code: string, locale = 'en'): Promise<StateIncidents> {
    const rows = await publishedForState(db, code);
    const pick = await textsIn(
      db,
      rows.map((r) => r.id),
      locale,
    );
    const item = (r: RelatedRow) => {
      const title = pick(r.id, 'title', r.title);
      return { ...brief(r), title: title.text, lang: title.lang };
    };
    return {
      attributed: rows.filter((r) => r.attributor).map(item),
      attributedTo: rows.filter((r) => r.attributed).map(item),
      targeted: rows.filter((r) => r.targeted).map(item),
    };
  }

  /** The published record for the Atom feed, the latest change first (approval, or a State's position since). */
  async function feed(locale = 'en', limit = 100): Promise<IncidentFeedItem[]> {
    const rows = await publishedByChange(db, limit);
    const ids = rows.map((r) => r.id);
    const [claims, norms, texts] = await Promise.all([
      ids.length ? claimsOf(db, ids) : [],
      ids.length ? normsOf(db, ids) : [],
      titlesIn(db, rows, locale),
    ]);
    return rows.map((r) => ({
      ...brief(r),
      summary: r.summary,
      updated: new Date(r.changed_at),
      published: r.published_at ? new Date(r.published_at) : null,
      norms: [...new Set(norms.filter((n) => n.incident_id === r.id).map((n) => n.norm_letter))],
      claims: claims.filter((c) => c.incident_id === r.id).length,
      ...texts.get(r.id),
      lang: texts.get(r.id)?.lang ?? 'en',
    }));
  }

  /**
   * Where comments on a target are shown: a published incident's page (null for anything else), or for other
   * kinds of target what `otherwise` says (app.ts gives the discussion this).
   */
  async function commentPage(t: { kind: string; id: string }, otherwise: (id: string) => Promise<string | null>) {
    if (t.kind !== 'incident') return otherwise(t.id);
    return /^[0-9a-f-]{36}$/.test(t.id) && (await isPublished(db, t.id)) ? `/incidents/${t.id}` : null;
  }

  return { onNorm, ofState, feed, commentPage };
}

export type RelatedIncidents = ReturnType<typeof createRelatedIncidents>;
