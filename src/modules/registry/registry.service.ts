// The States and organisations registry: public reference data, read in the reader's language.
import type { Names, StateStatus, UnGroup } from '../../content/registry.ts';
import type { Queryable } from '../../db/client.ts';
import { defineRules } from '../../platform/access.ts';
import type { Locale } from '../../platform/i18n/locales.ts';
import * as q from './registry.queries.ts';

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

const present = (r: q.StateRow, locale: Locale): StateView => ({
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
      const rows = await q.statesMatching(
        db,
        { group: filter.group ?? null, organisation: filter.organisation ?? null, status: filter.status ?? null },
        locale,
      );
      return rows.map((r) => present(r, locale));
    },

    async getState(code: string, locale: Locale): Promise<StateView | null> {
      const row = await q.stateByCode(db, code);
      return row ? present(row, locale) : null;
    },

    async listOrganisations(locale: Locale): Promise<OrganisationView[]> {
      const rows = await q.organisationsByCode(db);
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
