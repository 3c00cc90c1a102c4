// The shipped incident record: three well-documented public incidents and the claims made about them, each
// with its source. A claim, response or source whose statement or link could not be checked against the
// sources available when this was written is marked `unconfirmed` (shown as such), never silently trusted.
import type { Queryable } from '../../db/client.ts';
import { settleContested } from './incidents.contested.ts';
import { insertClaim, insertIncident, insertNorm, insertResponse, stateCodes } from './incidents.queries.ts';
import { incidentsTitled } from './incidents.translations.queries.ts';
import { topUpIncidentTranslations } from './incidents.translations.seed.ts';
import { checkIncident } from './incidents.validate.ts';

const DNI = 'https://www.dni.gov/index.php/ctiic-newsroom/item/1828-us-attributes-wannacry-2-0-to-north-korea';
const DIGWATCH_NOTPETYA = 'https://dig.watch/updates/uk-and-us-blame-russia-notpetya-ransomware';
const NEXTGOV_EXCHANGE =
  'https://www.nextgov.com/cybersecurity/2021/07/biden-administration-allies-attribute-microsoft-exchange-hack-china/183878/';

export const SHIPPED_INCIDENTS = [
  {
    title: 'WannaCry ransomware',
    summary:
      'Self-spreading ransomware that encrypted hundreds of thousands of computers in more than 150 countries in May 2017; paying the ransom did not unlock them.',
    types: ['ransomware', 'disruption'],
    started: '2017-05-12',
    ended: '2017-05',
    disclosed: '2017-05-12',
    targets: ['GBR'],
    sectors: ['healthcare', 'business', 'government'],
    effects:
      'Computers of the United Kingdom’s National Health Service were disabled; appointments and operations were cancelled.',
    sources: [{ title: 'US attributes WannaCry 2.0 to North Korea (ODNI, CTIIC)', url: DNI }],
    claims: [
      {
        claimantKind: 'state',
        claimantStates: ['USA'],
        claimedOn: '2017-12-19',
        basis: 'political_statement',
        attributedKind: 'state',
        attributedState: 'PRK',
        summary: 'White House press briefing: the United States publicly attributes WannaCry to North Korea.',
        sourceUrl: DNI,
        sourceTitle: 'ODNI: US attributes WannaCry 2.0 to North Korea',
        responses: [
          {
            state: 'PRK',
            stance: 'denies',
            statedOn: '2017-12-21',
            summary: 'North Korea rejected the accusation as groundless (reported; its own statement not checked here).',
            sourceUrl:
              'https://ielrblog.com/index.php/2017/12/27/the-latest-on-wannacry-north-korea-decries-accusations-u-s-comments-on-marcus-hutchins-arrest',
            unconfirmed: true,
          },
        ],
      },
      {
        claimantKind: 'state',
        claimantStates: ['GBR'],
        claimedOn: '2017-12-19',
        basis: 'political_statement',
        attributedKind: 'state_affiliated',
        attributedState: 'PRK',
        attributedActor: 'Lazarus Group',
        summary: 'The United Kingdom attributed WannaCry to North Korean actors known as the Lazarus Group.',
        sourceUrl: 'https://www.gov.uk/government/news/foreign-office-minister-condemns-north-korean-actor-for-wannacry-attacks',
        sourceTitle: 'Foreign Office Minister condemns North Korean actor for WannaCry attacks',
        unconfirmed: true,
      },
      {
        claimantKind: 'state',
        claimantStates: ['USA'],
        claimedOn: '2018-09-06',
        basis: 'indictment',
        attributedKind: 'state_affiliated',
        attributedState: 'PRK',
        attributedActor: 'Park Jin Hyok (Chosun Expo)',
        summary: 'The US Department of Justice charged a North Korean programmer over WannaCry and other operations.',
        sourceUrl:
          'https://www.justice.gov/opa/pr/north-korean-regime-backed-programmer-charged-conspiracy-conduct-multiple-cyber-attacks-and',
        sourceTitle: 'US Department of Justice press release',
        unconfirmed: true,
      },
    ],
    norms: [
      {
        norm: 'f',
        basis: 'editors',
        rationale: 'It disabled hospital computers of a national health service, critical infrastructure serving the public.',
      },
    ],
  },
  {
    title: 'NotPetya',
    summary:
      'Destructive malware disguised as ransomware, spread through the update of a Ukrainian accounting program in June 2017; the data could not be recovered.',
    types: ['disruption'],
    started: '2017-06-27',
    disclosed: '2017-06-27',
    targets: ['UKR'],
    sectors: ['finance', 'energy', 'government', 'business', 'transport'],
    effects:
      'Ukrainian financial, energy and government systems were disrupted; it spread to companies across Europe and beyond, costing hundreds of millions.',
    sources: [{ title: 'UK and US blame Russia for NotPetya ransomware (Digital Watch)', url: DIGWATCH_NOTPETYA }],
    claims: [
      {
        claimantKind: 'state',
        claimantStates: ['GBR'],
        claimedOn: '2018-02-15',
        basis: 'political_statement',
        attributedKind: 'state',
        attributedState: 'RUS',
        attributedActor: 'Russian military',
        summary:
          'Foreign Office Minister Lord Ahmad: “the Russian Government, specifically the Russian military, was responsible”.',
        sourceUrl:
          'https://www.gov.uk/government/news/foreign-office-minister-for-cyber-security-attributes-the-notpetya-cyber-attack-to-russia',
        sourceTitle: 'UK Foreign Office statement (link not checked here; the statement is reported by Digital Watch)',
        unconfirmed: true,
      },
      {
        claimantKind: 'state',
        claimantStates: ['USA'],
        claimedOn: '2018-02-15',
        basis: 'political_statement',
        attributedKind: 'state',
        attributedState: 'RUS',
        attributedActor: 'Russian military',
        summary: 'White House press secretary: part of the Kremlin’s effort to destabilise Ukraine.',
        sourceUrl: DIGWATCH_NOTPETYA,
        sourceTitle: 'Digital Watch: UK and US blame Russia for NotPetya',
        responses: [
          {
            state: 'RUS',
            stance: 'denies',
            statedOn: '2018-02-15',
            summary: 'The Kremlin’s spokesman called the accusations groundless.',
            sourceUrl: DIGWATCH_NOTPETYA,
          },
        ],
      },
    ],
    norms: [
      {
        norm: 'f',
        basis: 'editors',
        rationale: 'Its primary targets were Ukraine’s financial, energy and government systems.',
      },
    ],
  },
  {
    title: 'Microsoft Exchange Server compromise',
    summary:
      'Previously unknown vulnerabilities of Microsoft Exchange Server were exploited to compromise tens of thousands of e-mail servers worldwide, mostly of private companies.',
    types: ['data_theft', 'hijacking_without_misuse'],
    started: '2021-01',
    disclosed: '2021-03-02',
    targets: ['USA'],
    sectors: ['business', 'government'],
    effects: 'Thousands of networks compromised; significant remediation costs for mostly private-sector victims.',
    sources: [
      { title: 'Nextgov: Biden administration, allies attribute Microsoft Exchange hack to China', url: NEXTGOV_EXCHANGE },
    ],
    claims: [
      {
        claimantKind: 'company',
        claimantName: 'Microsoft',
        claimedOn: '2021-03-02',
        basis: 'technical_report',
        attributedKind: 'state_affiliated',
        attributedState: 'CHN',
        attributedActor: 'HAFNIUM',
        summary: 'Microsoft attributed the exploitation to a group it calls HAFNIUM, state-sponsored and operating from China.',
        sourceUrl: 'https://blogs.microsoft.com/on-the-issues/2021/03/02/new-nation-state-cyberattacks/',
        sourceTitle: 'Microsoft: New nation-state cyberattacks',
        unconfirmed: true,
      },
      {
        claimantKind: 'states_jointly',
        claimantStates: ['USA', 'GBR', 'CAN', 'AUS', 'NZL', 'JPN'],
        claimedOn: '2021-07-19',
        basis: 'political_statement',
        attributedKind: 'state_affiliated',
        attributedState: 'CHN',
        attributedActor: 'Ministry of State Security (affiliated actors)',
        summary:
          'The United States with allies and partners (also the EU and NATO) attributed it with high confidence to actors affiliated with China’s Ministry of State Security.',
        sourceUrl: NEXTGOV_EXCHANGE,
        sourceTitle: 'Nextgov report of the joint attribution',
        responses: [
          {
            state: 'CHN',
            stance: 'denies',
            statedOn: '2021-07-20',
            summary:
              'China’s Foreign Ministry rejected the accusations and asked that they be withdrawn (the date is that of the ministry’s briefing, not checked here).',
            sourceUrl: 'https://wp.dig.watch/updates/nato-attributes-microsoft-exchange-server-compromise-china',
            unconfirmed: true,
          },
        ],
      },
    ],
    norms: [
      {
        norm: 'c',
        basis: 'editors',
        rationale: 'The attributing States say a State’s services used contract hackers operating from its territory.',
      },
    ],
  },
];

/**
 * Loads the shipped incidents the record lacks, published; returns how many it added. One the record holds
 * (made here, by its English title) is left as editors keep it, so loading twice adds nothing.
 */
export async function seedIncidents(tx: Queryable): Promise<number> {
  const known = new Set(await stateCodes(tx));
  const held = new Set(
    (
      await incidentsTitled(
        tx,
        SHIPPED_INCIDENTS.map((i) => i.title),
      )
    ).map((i) => i.title),
  );
  const missing = SHIPPED_INCIDENTS.filter((i) => !held.has(i.title));
  const at = new Date().toISOString();
  for (const raw of missing) {
    const input = checkIncident(raw, (c) => known.has(c));
    const id = await insertIncident(tx, input, null, at, 'published');
    for (const [i, c] of input.claims.entries()) {
      const claim = await insertClaim(tx, id, i, c, { by: null, at, statedBy: null });
      for (const r of c.responses) await insertResponse(tx, id, claim, r, { by: null, at, own: false });
    }
    for (const n of input.norms) await insertNorm(tx, id, n);
    await settleContested(tx, id);
  }
  // Its texts in the five other languages (incidents.seed.translations.ts, decision 77).
  await topUpIncidentTranslations(tx, at);
  return missing.length;
}
