// The SQL of a point of contact's draft of its State's position, kept for the focal point (incidents.positions.ts).
import type { Queryable } from '../../db/client.ts';

export interface DraftRow {
  id: string;
  incident_id: string;
  incident_title: string;
  state_code: string;
  kind: 'attribution' | 'supports' | 'denies' | 'comments';
  body: Record<string, unknown>;
  status: 'pending' | 'approved' | 'declined' | 'withdrawn';
  drafted_by: string;
  drafted_by_name: string;
  drafted_at: string;
  decided_by: string | null;
  decided_at: string | null;
  reason: string;
  published_id: string | null;
}

/** The draft with its incident's title and its author's name, as every read returns it. */
const SELECT = `select d.id, d.incident_id, i.title as incident_title, d.state_code, d.kind, d.body, d.status, d.drafted_by,
    coalesce(p.display_name, '') as drafted_by_name, d.drafted_at::text, d.decided_by, d.decided_at::text, d.reason,
    d.published_id
  from incident_position_drafts d join incidents i on i.id = d.incident_id left join people p on p.id = d.drafted_by`;

export async function insertDraft(
  q: Queryable,
  d: { incident: string; state: string; kind: string; body: Record<string, unknown>; by: string; at: string },
): Promise<string> {
  const [row] = await q.query<{ id: string }>(
    `insert into incident_position_drafts (incident_id, state_code, kind, body, drafted_by, drafted_at)
     values ($1, $2, $3, $4, $5, $6) returning id`,
    [d.incident, d.state, d.kind, JSON.stringify(d.body), d.by, d.at],
  );
  return row.id;
}

/** One draft, locked for a decision when `lock` (two decisions take turns; the second finds it decided). */
export async function draftById(q: Queryable, id: string, lock = false): Promise<DraftRow | undefined> {
  const [row] = await q.query<DraftRow>(`${SELECT} where d.id = $1 ${lock ? 'for update of d' : ''}`, [id]);
  return row;
}

/**
 * The drafts a reader may see: every pending draft of the States whose focal point they are, and their own
 * drafts (any status) for the States they are a point of contact of; of one incident, or all, newest first.
 */
export function draftsVisible(
  q: Queryable,
  who: { focalOf: string[]; pocOf: string[]; userId: string },
  incident: string | null,
): Promise<DraftRow[]> {
  return q.query<DraftRow>(
    `${SELECT}
     where ((d.state_code = any($1::text[]) and d.status = 'pending')
        or (d.state_code = any($2::text[]) and d.drafted_by = $3))
       and ($4::uuid is null or d.incident_id = $4)
     order by d.drafted_at desc
     limit 200`,
    [who.focalOf, who.pocOf, who.userId, incident],
  );
}

export async function decideDraft(
  q: Queryable,
  id: string,
  d: { status: 'approved' | 'declined' | 'withdrawn'; by: string; at: string; reason: string; published: string | null },
) {
  await q.query(
    `update incident_position_drafts set status = $2, decided_by = $3, decided_at = $4, reason = $5, published_id = $6
     where id = $1`,
    [id, d.status, d.by, d.at, d.reason, d.published],
  );
}

/** Someone to tell by mail, in their language. */
export interface MailPerson {
  id: string;
  email: string;
  display_name: string;
  language: string;
}

/** The people holding one of the roles for the State (its focal points, to tell of a draft waiting). */
export function officialsOf(q: Queryable, state: string, roles: string[]) {
  return q.query<MailPerson>(
    `select distinct u.id, u.email, u.display_name, u.language from people u join role_holders r on r.user_id = u.id
     where r.state_code = $1 and r.role = any($2::text[]) order by u.email`,
    [state, roles],
  );
}

/** A State's name in each language it has (a mail names it in its reader's). */
export async function stateNamesByLanguage(q: Queryable, state: string): Promise<Record<string, string>> {
  const [s] = await q.query<{ names: Record<string, string> }>('select names from state_names where code = $1', [state]);
  return s?.names ?? {};
}
