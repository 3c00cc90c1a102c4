// Loads the registry: every State and organisation upserted, memberships replaced. Safe to run again.
import { DEMO_STATES, ORGANISATIONS, stateSeeds } from '../../content/registry.ts';
import type { Queryable } from '../../db/client.ts';

export async function seedRegistry(tx: Queryable, opts: { demo: boolean }) {
  const states = [...(await stateSeeds()), ...(opts.demo ? DEMO_STATES : [])];
  await tx.query(
    `insert into states (code, alpha2, status, un_group, names)
     select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::jsonb[])
     on conflict (code) do update set alpha2 = excluded.alpha2, status = excluded.status,
       un_group = excluded.un_group, names = excluded.names`,
    [
      states.map((s) => s.code),
      states.map((s) => s.alpha2),
      states.map((s) => s.status),
      states.map((s) => s.unGroup),
      states.map((s) => JSON.stringify(s.names)),
    ],
  );
  for (const o of ORGANISATIONS) {
    await tx.query(
      `insert into organisations (code, names, url) values ($1, $2, $3)
       on conflict (code) do update set names = excluded.names, url = excluded.url`,
      [o.code, JSON.stringify(o.names), o.url],
    );
    await tx.query('delete from organisation_members where organisation = $1', [o.code]);
    await tx.query('insert into organisation_members (organisation, state) select $1, unnest($2::text[])', [o.code, o.members]);
  }
  return { states: states.length, organisations: ORGANISATIONS.length };
}
