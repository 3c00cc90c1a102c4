// The four pillars, the glossary and the timeline of the UN process (facts.md §0, §4, §6; seed 004).
import type { GlossarySeed, PillarSeed, TimelineSeed } from './types.ts';

export const pillars: PillarSeed[] = [
  {
    slug: 'international-law',
    title: 'International law',
    summary: "International law, and the UN Charter in particular, applies to States' use of ICTs.",
    body: [
      'The 2013 GGE report confirmed that international law, in particular the Charter of the United Nations, applies to the use of ICTs by States. The 2021 GGE report added that international humanitarian law applies in situations of armed conflict. Sovereignty, non-intervention, the peaceful settlement of disputes and the prohibition of the use of force all carry over to cyberspace.',
      "How exactly these rules apply is still being worked out. States publish national positions (a compendium of them accompanied the 2021 GGE report, document A/76/136), and the African Union adopted a Common African Position in 2024. The norms are voluntary and do not change States' binding legal obligations.",
    ],
  },
  {
    slug: 'norms',
    title: 'Norms of responsible State behaviour',
    summary: 'Eleven voluntary, non-binding norms set out what States should and should not do.',
    body: [
      'The 2015 GGE report (A/70/174, paragraph 13) set out eleven norms, lettered (a) to (k). In resolution 70/237 the General Assembly called on Member States to be guided by the report. The norms cover cooperation, careful handling of incidents, due diligence, crime and terrorism, human rights, critical infrastructure, assistance, the supply chain, vulnerabilities and response teams.',
      'The 2021 GGE report added guidance on how to implement each norm, and the OEWG reports confirmed them and asked States to report on what they do.',
    ],
  },
  {
    slug: 'cbms',
    title: 'Confidence-building measures',
    summary: "Practical steps that make States' behaviour more predictable and reduce the risk of misunderstanding.",
    body: [
      'Confidence-building measures (CBMs) let States know whom to call, what others think and how they are organised. Regional organisations led the way: the OSCE agreed 16 cyber CBMs in 2013 and 2016, the OAS six in 2018 and 2019.',
      'At the global level, the OEWG agreed an initial list of voluntary CBMs and set up the Global Intergovernmental Points of Contact Directory, managed by UNODA, with a template for communication between points of contact.',
    ],
  },
  {
    slug: 'capacity-building',
    title: 'Capacity-building',
    summary: 'Help so that every State can implement the framework, guided by agreed principles.',
    body: [
      'Many States lack the institutions, people and tools to implement the norms. The OEWG set out principles for capacity-building: it should be a sustainable process with a clear purpose, demand-driven and nationally owned, respectful of sovereignty and human rights, gender-sensitive and inclusive, and confidential where national plans are concerned.',
      'Initiatives discussed at the OEWG in 2024 and 2025 include a global ICT security cooperation and capacity-building portal, a UN voluntary fund, a needs-based catalogue and a global round table on capacity-building. The Global Mechanism has a dedicated thematic group on capacity-building.',
    ],
  },
];

export const glossary: GlossarySeed[] = [
  {
    slug: 'attribution',
    term: 'Attribution',
    definition:
      'Identifying who is behind an ICT operation, and deciding whether to say so publicly. Technical, legal and political attribution are distinct steps; norm (b) asks States to be careful with all of them.',
  },
  {
    slug: 'cbm',
    term: 'Confidence-building measure (CBM)',
    definition:
      "A practical step, such as exchanging points of contact or national policies, that makes States' behaviour more predictable and reduces the risk of misunderstanding.",
  },
  {
    slug: 'cert',
    term: 'CERT / CSIRT',
    definition:
      'Computer emergency response team or computer security incident response team: an authorised team that handles ICT incidents. Norm (k) protects them.',
  },
  {
    slug: 'critical-infrastructure',
    term: 'Critical infrastructure',
    definition:
      'The systems and services a society depends on, such as energy, water, health and finance. Each State decides what it considers critical.',
  },
  {
    slug: 'critical-information-infrastructure',
    term: 'Critical information infrastructure',
    definition:
      'The ICT systems that critical infrastructure relies on, or that are critical in themselves, such as telecommunications networks. Resolution 58/199 addresses their protection.',
  },
  {
    slug: 'due-diligence',
    term: 'Due diligence',
    definition:
      'The expectation that a State does not knowingly allow its territory to be used for acts that harm other States; expressed for ICTs in norm (c).',
  },
  {
    slug: 'gge',
    term: 'GGE',
    definition:
      'Group of Governmental Experts: a UN body of experts from a limited number of States. Six GGEs on ICTs met between 2004 and 2021.',
  },
  {
    slug: 'oewg',
    term: 'OEWG',
    definition:
      'Open-ended Working Group: a UN working group open to all Member States. Two OEWGs on ICTs met, in 2019–2021 and 2021–2025.',
  },
  {
    slug: 'global-mechanism',
    term: 'Global Mechanism',
    definition: 'The permanent UN body on ICTs and international security that follows the OEWG from 2026.',
  },
  {
    slug: 'ict',
    term: 'ICT',
    definition:
      'Information and communications technology: the term UN texts use for computers, networks and the software and services that run on them.',
  },
  {
    slug: 'norm',
    term: 'Norm of responsible State behaviour',
    definition:
      'A voluntary, non-binding standard of what States should or should not do in their use of ICTs; eleven were agreed in 2015.',
  },
  {
    slug: 'poc',
    term: 'Point of contact (POC)',
    definition:
      'A named official whom other States can reach about ICT incidents: a diplomatic POC for policy and a technical POC for operational matters.',
  },
  {
    slug: 'poc-directory',
    term: 'Global Intergovernmental POC Directory',
    definition: "The UN directory of States' diplomatic and technical points of contact, managed by UNODA since 2024.",
  },
  {
    slug: 'capacity-building',
    term: 'Capacity-building',
    definition:
      'Support that helps a State build the institutions, skills and tools to secure its ICTs and implement the framework.',
  },
  {
    slug: 'cvd',
    term: 'Coordinated vulnerability disclosure (CVD)',
    definition:
      'A process in which a vulnerability is reported to those who can fix it and made public once users can protect themselves; the practice behind norm (j).',
  },
  {
    slug: 'vep',
    term: 'Vulnerabilities equities process',
    definition:
      'A government procedure for deciding whether to disclose a vulnerability it knows of or keep it for its own use; proposed as a norm by the GCSC.',
  },
  {
    slug: 'supply-chain',
    term: 'ICT supply chain',
    definition:
      'Everyone and everything involved in designing, making, delivering and maintaining ICT products; norm (i) asks States to protect its integrity.',
  },
  {
    slug: 'hidden-functions',
    term: 'Harmful hidden function',
    definition: 'A concealed capability in an ICT product, often called a backdoor, that can be used to harm its users.',
  },
  {
    slug: 'wrongful-act',
    term: 'Internationally wrongful act',
    definition:
      'Conduct attributable to a State that breaches one of its international obligations, which engages its responsibility under international law.',
  },
  {
    slug: 'ihl',
    term: 'International humanitarian law (IHL)',
    definition: 'The law of armed conflict; the 2021 GGE report confirmed that it applies to ICT operations in armed conflict.',
  },
  {
    slug: 'first-committee',
    term: 'First Committee',
    definition: 'The General Assembly committee on disarmament and international security, where the UN process on ICTs sits.',
  },
  {
    slug: 'poa',
    term: 'Programme of Action (PoA)',
    definition:
      'A proposal, welcomed by the General Assembly in 2022, for a permanent and action-oriented UN mechanism; the debate on a permanent body ended with the Global Mechanism.',
  },
  {
    slug: 'note-verbale',
    term: 'Note verbale',
    definition:
      'A formal, unsigned diplomatic note from one ministry or mission to another; still how many directory updates are sent today.',
  },
  {
    slug: 'tlp',
    term: 'Traffic Light Protocol (TLP)',
    definition:
      'A marking (CLEAR, GREEN, AMBER, AMBER+STRICT, RED) that tells recipients how far they may share a piece of information.',
  },
  {
    slug: 'public-core',
    term: 'Public core of the Internet',
    definition:
      'The parts of the Internet everyone depends on, such as routing, the domain name system and cables; protected by Paris Call principle 2 and GCSC norm 1.',
  },
];

export const timeline: TimelineSeed[] = [
  {
    id: '1998-res-53-70',
    date: '1998-12-04',
    label: '1998',
    precision: 'year',
    title: 'First General Assembly resolution on ICTs and security',
    description:
      'A Russian draft on developments in information and telecommunications in the context of international security is adopted without a vote. The exact day is unverified.',
    symbol: 'A/RES/53/70',
    status: 'partial',
  },
  {
    id: '2004-gge1',
    date: '2004-01-01',
    label: '2004–2005',
    precision: 'year',
    title: 'First Group of Governmental Experts',
    description: 'The first GGE is set up in 2004 and ends without a substantive report. One source dates it 2003–2004.',
    symbol: 'A/60/202',
    status: 'partial',
  },
  {
    id: '2010-gge2',
    date: '2010-07-30',
    label: '2009–2010',
    precision: 'year',
    title: 'Second GGE reaches consensus',
    description: 'The second group adopts the first consensus report, later endorsed by resolution 65/41.',
    symbol: 'A/65/201',
    status: 'confirmed',
  },
  {
    id: '2013-gge3',
    date: '2013-06-24',
    label: '2012–2013',
    precision: 'year',
    title: 'International law applies',
    description:
      'The third GGE, with 15 States including the five permanent members of the Security Council, confirms that international law and the UN Charter apply to ICTs. Endorsed by resolution 68/243.',
    symbol: 'A/68/98',
    status: 'confirmed',
  },
  {
    id: '2015-gge4',
    date: '2015-07-22',
    label: '22 July 2015',
    title: 'The eleven norms',
    description:
      'The fourth GGE, with 20 States, agrees eleven voluntary norms in paragraph 13 of its report. Resolution 70/237 calls on States to be guided by it.',
    symbol: 'A/70/174',
    status: 'confirmed',
  },
  {
    id: '2017-gge5',
    date: '2017-06-30',
    label: '2016–2017',
    precision: 'year',
    title: 'Fifth GGE fails to agree',
    description:
      'The group of 25 States cannot agree a report, divided over how States may respond to ICT operations, including self-defence and countermeasures.',
    status: 'confirmed',
  },
  {
    id: '2018-first-committee',
    date: '2018-11-08',
    label: '8 November 2018',
    title: 'Two parallel tracks',
    description:
      'The First Committee approves both a Russian-led proposal for an open-ended working group and a US-led proposal for a new GGE.',
    status: 'confirmed',
  },
  {
    id: '2018-res-73-27',
    date: '2018-12-05',
    label: 'December 2018',
    precision: 'month',
    title: 'OEWG and sixth GGE established',
    description:
      'The General Assembly adopts resolution 73/27, creating the first OEWG, and resolution 73/266, creating the sixth GGE.',
    symbol: 'A/RES/73/27; A/RES/73/266',
    status: 'confirmed',
  },
  {
    id: '2019-ahc',
    date: '2019-12-27',
    label: 'December 2019',
    precision: 'month',
    title: 'Cybercrime committee set up',
    description: 'Resolution 74/247, adopted by vote, establishes an ad hoc committee to negotiate a cybercrime convention.',
    symbol: 'A/RES/74/247',
    status: 'confirmed',
  },
  {
    id: '2020-res-75-240',
    date: '2020-12-31',
    label: '31 December 2020',
    title: 'Second OEWG created',
    description: 'Resolution 75/240 establishes the OEWG for 2021–2025.',
    symbol: 'A/RES/75/240',
    status: 'confirmed',
  },
  {
    id: '2021-oewg1-report',
    date: '2021-03-12',
    label: 'March 2021',
    precision: 'month',
    title: 'First OEWG report adopted by consensus',
    description:
      'The first UN consensus on cybersecurity in almost six years: the OEWG reaffirms the framework, gives examples of critical infrastructure and recommends regular institutional dialogue.',
    symbol: 'A/75/816',
    status: 'confirmed',
  },
  {
    id: '2021-gge6-report',
    date: '2021-05-28',
    label: '28 May 2021',
    title: 'Sixth GGE report',
    description:
      'Twenty-five experts agree guidance on implementing each norm, confirm that humanitarian law applies in armed conflict and set out capacity-building principles.',
    symbol: 'A/76/135',
    status: 'confirmed',
  },
  {
    id: '2022-apr1',
    date: '2022-07-29',
    label: 'July 2022',
    precision: 'month',
    title: 'First annual progress report',
    description: 'The second OEWG adopts its first annual progress report.',
    symbol: 'A/77/275',
    status: 'partial',
  },
  {
    id: '2022-poa',
    date: '2022-12-07',
    label: 'December 2022',
    precision: 'month',
    title: 'Programme of Action welcomed',
    description:
      'Resolution 77/37 welcomes a proposal for a permanent, action-oriented Programme of Action and asks UNODA to consult regional organisations.',
    symbol: 'A/RES/77/37',
    status: 'confirmed',
  },
  {
    id: '2023-poc',
    date: '2023-12-22',
    label: '22 December 2023',
    title: 'Points of contact directory decided',
    description:
      'By decision 78/541 the General Assembly endorses the second annual progress report, which sets up the Global POC Directory; UNODA begins setting it up and asks States to nominate contacts.',
    symbol: 'Decision 78/541',
    status: 'confirmed',
  },
  {
    id: '2024-poc-live',
    date: '2024-05-09',
    label: '9 May 2024',
    title: 'Points of contact directory goes live',
    description:
      'The Global Intergovernmental Points of Contact Directory, decided in December 2023, starts operating with the contacts States have nominated.',
    status: 'confirmed',
  },
  {
    id: '2024-apr3',
    date: '2024-07-12',
    label: 'July 2024',
    precision: 'month',
    title: 'Third progress report',
    description: 'The third progress report sets out elements of a future permanent mechanism in its annex C.',
    symbol: 'A/79/214',
    status: 'confirmed',
  },
  {
    id: '2024-convention',
    date: '2024-12-24',
    label: '24 December 2024',
    title: 'UN Convention against Cybercrime adopted',
    description:
      'The General Assembly adopts the convention without a vote; it is a criminal-justice treaty, separate from the First Committee track.',
    status: 'confirmed',
  },
  {
    id: '2025-directory',
    date: '2025-02-19',
    label: 'February 2025',
    precision: 'month',
    title: '116 countries in the POC directory',
    description: 'Participation in the directory reaches 116 countries; a simulation exercise is planned.',
    status: 'confirmed',
  },
  {
    id: '2025-oewg2-report',
    date: '2025-07-11',
    label: '11 July 2025',
    title: 'Second OEWG final report',
    description: 'The final session adopts its report by consensus, including the design of a permanent Global Mechanism.',
    symbol: 'A/80/257',
    status: 'confirmed',
  },
  {
    id: '2025-hanoi',
    date: '2025-10-25',
    label: 'October 2025',
    precision: 'month',
    title: 'Cybercrime convention opens for signature',
    description: 'At a ceremony in Hanoi, 65 States sign the UN Convention against Cybercrime.',
    status: 'confirmed',
  },
  {
    id: '2025-res-80-16',
    date: '2025-12-01',
    label: '2025',
    precision: 'year',
    title: 'Global Mechanism endorsed',
    description: 'The General Assembly endorses the OEWG final report and the elements of the Global Mechanism.',
    symbol: 'A/RES/80/16',
    status: 'confirmed',
  },
  {
    id: '2026-gm-org',
    date: '2026-03-30',
    label: '30–31 March 2026',
    title: 'Global Mechanism: organisational session',
    description: 'The permanent mechanism holds its organisational session.',
    status: 'confirmed',
  },
  {
    id: '2026-gm-plenary',
    date: '2026-07-20',
    label: '20–24 July 2026',
    title: 'Global Mechanism: first substantive plenary',
    description: 'The first annual plenary of the Global Mechanism.',
    status: 'confirmed',
  },
  {
    id: '2026-gm-dtg',
    date: '2026-12-07',
    label: '7–11 December 2026',
    title: 'Dedicated thematic groups meet',
    description:
      "The Global Mechanism's two dedicated thematic groups, including the one on capacity-building, hold their meetings.",
    status: 'confirmed',
  },
];
