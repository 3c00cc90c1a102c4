// Every SQL statement of the registry, one function each, named after what it returns; no rules here.
import type { Names, StateStatus, UnGroup } from '../../content/registry.ts';
import type { Queryable } from '../../db/client.ts';

export interface StateRow {
  code: string;
  alpha2: string;
  status: StateStatus;
  un_group: UnGroup | null;
  names: Names;
  organisations: string[];
}

export interface OrganisationRow {
  code: string;
  names: Names;
  url: string;
  members: number;
}

/** The States matching every filter given (null: any), each with its organisations, sorted by name in the language. */
export const statesMatching = (
  q: Queryable,
  filter: { group: UnGroup | null; organisation: string | null; status: StateStatus | null },
  locale: string,
) =>
  q.query<StateRow>(
    `select s.code, s.alpha2, s.status, s.un_group, s.names,
       coalesce(array(select m.organisation from organisation_members m where m.state = s.code order by 1), '{}') as organisations
     from states s
     where ($1::text is null or s.un_group = $1)
       and ($2::text is null or exists (select 1 from organisation_members m where m.state = s.code and m.organisation = $2))
       and ($3::text is null or s.status = $3)
     order by s.names->>$4, s.code`,
    [filter.group, filter.organisation, filter.status, locale],
  );

/** One State with its organisations, if the code is in the registry. */
export async function stateByCode(q: Queryable, code: string): Promise<StateRow | undefined> {
  const [row] = await q.query<StateRow>(
    `select s.code, s.alpha2, s.status, s.un_group, s.names,
       coalesce(array(select m.organisation from organisation_members m where m.state = s.code order by 1), '{}') as organisations
     from states s where s.code = $1`,
    [code],
  );
  return row;
}

/** Every organisation with its number of member States, by code. */
export const organisationsByCode = (q: Queryable) =>
  q.query<OrganisationRow>(
    `select o.code, o.names, o.url, (select count(*)::int from organisation_members m where m.organisation = o.code) as members
     from organisations o order by o.code`,
  );
