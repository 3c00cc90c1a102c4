// The SQL behind the record as others show it (incidents.related.ts): a norm's incidents, a State's, the feed.
// Published incidents only, whoever reads: a draft or a proposal never leaves the editors' pages.
import type { Queryable } from '../../db/client.ts';

export interface RelatedRow {
  id: string;
  title: string;
  summary: string;
  started_on: string | null;
  /** Whether the attribution is contested, as every write keeps it (decision 75). */
  contested: boolean;
  /** The last change: the record approved, or a claim or response added since (a State's own position). */
  changed_at: Date;
  published_at: Date | null;
}

const RELATED_COLUMNS = `i.id, i.title, i.summary, i.started_on::text, i.contested, i.published_at,
  greatest(i.updated_at,
    coalesce((select max(c.created_at) from incident_claims c where c.incident_id = i.id), i.updated_at),
    coalesce((select max(r.created_at) from incident_responses r where r.incident_id = i.id), i.updated_at)) as changed_at`;

/** Published incidents with this norm at stake, with each reading of it (whose, and why); the latest first. */
export function publishedOnNorm(
  q: Queryable,
  letter: string,
): Promise<(RelatedRow & { readings: { basis: string; invoked_by: string; rationale: string }[] })[]> {
  return q.query(
    `select ${RELATED_COLUMNS},
       (select json_agg(json_build_object('basis', n.basis, 'invoked_by', n.invoked_by, 'rationale', n.rationale)
          order by n.basis desc, n.invoked_by)
        from incident_norms n where n.incident_id = i.id and n.norm_letter = $1) as readings
     from incidents i
     where i.status = 'published'
       and exists (select 1 from incident_norms n where n.incident_id = i.id and n.norm_letter = $1)
     order by i.started_on desc nulls last, i.title`,
    [letter],
  );
}

/** Published incidents this State attributed (a claim it made or joined), was attributed, or was targeted by. */
export function publishedForState(
  q: Queryable,
  code: string,
): Promise<(RelatedRow & { attributor: boolean; attributed: boolean; targeted: boolean })[]> {
  return q.query(
    `select * from (
       select ${RELATED_COLUMNS},
         exists (select 1 from incident_claims c where c.incident_id = i.id and $1 = any(c.claimant_states)) as attributor,
         exists (select 1 from incident_claims c where c.incident_id = i.id and c.attributed_state = $1) as attributed,
         $1 = any(i.targets) as targeted
       from incidents i where i.status = 'published') x
     where attributor or attributed or targeted
     order by started_on desc nulls last, title`,
    [code],
  );
}

/** The published record, the latest change first, for the Atom feed. */
export function publishedByChange(q: Queryable, limit: number): Promise<RelatedRow[]> {
  return q.query(
    `select ${RELATED_COLUMNS} from incidents i where i.status = 'published'
     order by changed_at desc, i.id limit $1`,
    [limit],
  );
}

/** Whether the incident is published (comments are taken under published incidents only). */
export async function isPublished(q: Queryable, id: string): Promise<boolean> {
  const rows = await q.query("select 1 from incidents where id = $1 and status = 'published'", [id]);
  return rows.length > 0;
}
