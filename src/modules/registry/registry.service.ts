// The States and organisations registry: public reference data, read in the reader's language.
import type { Names, StateStatus, UnGroup } from '../../content/registry.ts';
import type { Queryable } from '../../db/client.ts';
import { defineRules } from '../../platform/access.ts';
import type { Locale } from '../../platform/i18n/locales.ts';

export const registryActions = defineRules({
  'registry.read': { public: true },
});

export const UN_GROUPS: UnGroup[] = ['african', 'asia-pacific', 'eastern-european', 'latin-american-caribbean', 'weog'];

export interface StateView {
  code: string;
  alpha2: string;
  status: StateStatus;
  unGroup: UnGroup | null;
  name: string;
  names: Names;
  organisations: string[];
}

export interface OrganisationView {
  code: string;
  name: string;
  names: Names;
  url: string;
  members: number;
}

interface StateRow {
  code: string;
  alpha2: string;
  status: StateStatus;
  un_group: UnGroup | null;
  names: Names;
  organisations: string[];
}

const present = (r: StateRow, locale: Locale): StateView => ({
  code: r.code,
  alpha2: r.alpha2,
  status: r.status,
  unGroup: r.un_group,
  name: r.names[locale] ?? r.names.en,
  names: r.names,
  organisations: r.organisations,
});

export function createRegistryService(db: Queryable) {
  return {
    async listStates(
      filter: { group?: UnGroup; organisation?: string; status?: StateStatus },
      locale: Locale,
    ): Promise<StateView[]> {
      const rows = await db.query<StateRow>(
        `select s.code, s.alpha2, s.status, s.un_group, s.names,
           coalesce(array(select m.organisation from organisation_members m where m.state = s.code order by 1), '{}') as organisations
         from states s
         where ($1::text is null or s.un_group = $1)
           and ($2::text is null or exists (select 1 from organisation_members m where m.state = s.code and m.organisation = $2))
           and ($3::text is null or s.status = $3)
         order by s.names->>$4, s.code`,
        [filter.group ?? null, filter.organisation ?? null, filter.status ?? null, locale],
      );
      return rows.map((r) => present(r, locale));
    },

    async getState(code: string, locale: Locale): Promise<StateView | null> {
      const rows = await db.query<StateRow>(
        `select s.code, s.alpha2, s.status, s.un_group, s.names,
           coalesce(array(select m.organisation from organisation_members m where m.state = s.code order by 1), '{}') as organisations
         from states s where s.code = $1`,
        [code],
      );
      return rows[0] ? present(rows[0], locale) : null;
    },

    async listOrganisations(locale: Locale): Promise<OrganisationView[]> {
      const rows = await db.query<{ code: string; names: Names; url: string; members: number }>(
        `select o.code, o.names, o.url, (select count(*)::int from organisation_members m where m.organisation = o.code) as members
         from organisations o order by o.code`,
      );
      return rows.map((r) => ({ ...r, name: r.names[locale] ?? r.names.en }));
    },

    async getOrganisation(code: string, locale: Locale) {
      const orgs = await this.listOrganisations(locale);
      const org = orgs.find((o) => o.code === code);
      if (!org) return null;
      return { ...org, states: await this.listStates({ organisation: code }, locale) };
    },
  };
}

export type RegistryService = ReturnType<typeof createRegistryService>;
