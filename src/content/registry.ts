// The States and organisations registry. Which States are UN Member States comes from the maintained
// `world-countries` package (filtered: it flags the Holy See as a member); their names are the UN's own, in its
// six languages (un-names.ts); observers, organisations and their membership are listed here by ISO 3166-1
// alpha-3 code. Membership as of 2026; see docs/decisions.md for sources.
import type { Country } from 'world-countries';
import type { Locale } from '../platform/i18n/locales.ts';
import { UN_NAMES } from './un-names.ts';

export type UnGroup = 'african' | 'asia-pacific' | 'eastern-european' | 'latin-american-caribbean' | 'weog';
export type StateStatus = 'member' | 'observer' | 'other' | 'demo';
export type Names = Record<Locale, string>;

export interface StateSeed {
  code: string;
  alpha2: string;
  status: StateStatus;
  unGroup: UnGroup | null;
  names: Names;
}

const GROUPS: Record<string, UnGroup> = {
  'African Group': 'african',
  'Asia and the Pacific Group': 'asia-pacific',
  'Eastern European Group': 'eastern-european',
  'Latin American and Caribbean Group': 'latin-american-caribbean',
  'Western European and Others Group': 'weog',
};

/** The two non-member observer States of the General Assembly, and the one AU member that is neither. */
const OBSERVERS = ['VAT', 'PSE'];
const OTHERS = ['ESH'];

/** The UN's names of a State in its six languages (un-names.ts covers every State the registry loads). */
function names(c: Country): Names {
  const un = UN_NAMES[c.cca3];
  if (!un) throw new Error(`no UN name for ${c.cca3}`);
  return un;
}

/**
 * Where a State's place in the UN regional groups is not plain membership, as the UN describes it. Sources: the
 * UN Department for General Assembly and Conference Management's list of regional groups
 * (https://www.un.org/dgacm/en/content/regional-groups), which the registry follows, and the UN Library's
 * note on the special cases (https://ask.un.org/faq/14521, updated 25 January 2023).
 */
export const GROUP_NOTES: Record<string, 'observer' | 'kiribati' | 'turkiye' | 'israel'> = {
  USA: 'observer',
  KIR: 'kiribati',
  TUR: 'turkiye',
  ISR: 'israel',
};
export const GROUPS_SOURCE_URLS = ['https://www.un.org/dgacm/en/content/regional-groups', 'https://ask.un.org/faq/14521'];

/** Two fictional States for the demo accounts, on ISO's user-assigned codes so they can never clash. */
export const DEMO_STATES: StateSeed[] = [
  {
    code: 'XAA',
    alpha2: 'XA',
    status: 'demo',
    unGroup: null,
    names: {
      en: 'Demoland (demo)',
      fr: 'Démoland (démo)',
      es: 'Demolandia (demo)',
      ru: 'Демоландия (демо)',
      ar: 'ديمولاند (تجريبي)',
      zh: '演示国（演示）',
    },
  },
  {
    code: 'XAB',
    alpha2: 'XB',
    status: 'demo',
    unGroup: null,
    names: {
      en: 'Samplestan (demo)',
      fr: 'Samplestan (démo)',
      es: 'Samplestán (demo)',
      ru: 'Сэмплстан (демо)',
      ar: 'سامبلستان (تجريبي)',
      zh: '样本国（演示）',
    },
  },
];

/** Reads the package only when seeding: its data is large, and a normal start does not need it. */
export async function stateSeeds(): Promise<StateSeed[]> {
  const countries: Country[] = (await import('world-countries')).default;
  const rows: StateSeed[] = [];
  for (const c of countries) {
    const member = c.unMember && c.cca3 !== 'VAT';
    const status: StateStatus | null = member
      ? 'member'
      : OBSERVERS.includes(c.cca3)
        ? 'observer'
        : OTHERS.includes(c.cca3)
          ? 'other'
          : null;
    if (!status) continue;
    rows.push({
      code: c.cca3,
      alpha2: c.cca2,
      status,
      unGroup: member ? (GROUPS[c.unRegionalGroup] ?? null) : null,
      names: names(c),
    });
  }
  return rows.sort((a, b) => a.code.localeCompare(b.code));
}

export interface OrganisationSeed {
  code: string;
  names: Names;
  url: string;
  members: string[];
}

const EU = 'AUT BEL BGR HRV CYP CZE DNK EST FIN FRA DEU GRC HUN IRL ITA LVA LTU LUX MLT NLD POL PRT ROU SVK SVN ESP SWE';

export const ORGANISATIONS: OrganisationSeed[] = [
  {
    code: 'OSCE',
    url: 'https://www.osce.org/',
    names: {
      en: 'Organization for Security and Co-operation in Europe',
      fr: 'Organisation pour la sécurité et la coopération en Europe',
      es: 'Organización para la Seguridad y la Cooperación en Europa',
      ru: 'Организация по безопасности и сотрудничеству в Европе',
      ar: 'منظمة الأمن والتعاون في أوروبا',
      zh: '欧洲安全与合作组织',
    },
    // 57 participating States.
    members: `ALB AND ARM AUT AZE BLR BEL BIH BGR CAN HRV CYP CZE DNK EST FIN FRA GEO DEU GRC VAT HUN ISL IRL ITA KAZ
      KGZ LVA LIE LTU LUX MLT MDA MCO MNG MNE NLD MKD NOR POL PRT ROU RUS SMR SRB SVK SVN ESP SWE CHE TJK TUR TKM UKR
      GBR USA UZB`.split(/\s+/),
  },
  {
    code: 'OAS',
    url: 'https://www.oas.org/',
    names: {
      en: 'Organization of American States',
      fr: 'Organisation des États américains',
      es: 'Organización de los Estados Americanos',
      ru: 'Организация американских государств',
      ar: 'منظمة الدول الأمريكية',
      zh: '美洲国家组织',
    },
    // 34 member States: Nicaragua's withdrawal took effect in November 2023.
    members: `ATG ARG BHS BRB BLZ BOL BRA CAN CHL COL CRI CUB DMA DOM ECU SLV GRD GTM GUY HTI HND JAM MEX PAN PRY PER
      KNA LCA VCT SUR TTO USA URY VEN`.split(/\s+/),
  },
  {
    code: 'ASEAN',
    url: 'https://asean.org/',
    names: {
      en: 'Association of Southeast Asian Nations',
      fr: 'Association des nations de l’Asie du Sud-Est',
      es: 'Asociación de Naciones de Asia Sudoriental',
      ru: 'Ассоциация государств Юго-Восточной Азии',
      ar: 'رابطة دول جنوب شرق آسيا',
      zh: '东南亚国家联盟',
    },
    // 11 members: Timor-Leste joined in October 2025.
    members: 'BRN KHM IDN LAO MYS MMR PHL SGP THA VNM TLS'.split(' '),
  },
  {
    code: 'AU',
    url: 'https://au.int/',
    names: {
      en: 'African Union',
      fr: 'Union africaine',
      es: 'Unión Africana',
      ru: 'Африканский союз',
      ar: 'الاتحاد الأفريقي',
      zh: '非洲联盟',
    },
    // 55 members: the 54 African UN Member States and the Sahrawi Arab Democratic Republic.
    members: `DZA AGO BEN BWA BFA BDI CPV CMR CAF TCD COM COG COD CIV DJI EGY GNQ ERI SWZ ETH GAB GMB GHA GIN GNB KEN
      LSO LBR LBY MDG MWI MLI MRT MUS MAR MOZ NAM NER NGA RWA ESH STP SEN SYC SLE SOM ZAF SSD SDN TZA TGO TUN UGA ZMB
      ZWE`.split(/\s+/),
  },
  {
    code: 'EU',
    url: 'https://european-union.europa.eu/',
    names: {
      en: 'European Union',
      fr: 'Union européenne',
      es: 'Unión Europea',
      ru: 'Европейский союз',
      ar: 'الاتحاد الأوروبي',
      zh: '欧洲联盟',
    },
    members: EU.split(' '),
  },
];
