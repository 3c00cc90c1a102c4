// Who acts on the norms: the actors named in the norm pages (seeds 000, 002, 003; facts.md).
import type { ActorSeed, ForumSeed, SectorSeed } from './types.ts';

export const actors: ActorSeed[] = [
  {
    slug: 'states',
    name: 'UN Member States',
    kind: 'state',
    description:
      'The 193 Member States to whom the norms are addressed. They implement them through national policy, law and institutions, and report on what they have done.',
  },
  {
    slug: 'unoda',
    name: 'UN Office for Disarmament Affairs (UNODA)',
    kind: 'international',
    description:
      'Supports the UN process on ICTs and international security and acts as manager of the Global Intergovernmental Points of Contact Directory.',
  },
  {
    slug: 'un-human-rights',
    name: 'UN human rights system',
    kind: 'international',
    description:
      'The Human Rights Council and the Office of the High Commissioner, which set out and monitor how human rights apply online.',
  },
  {
    slug: 'unodc',
    name: 'UN Office on Drugs and Crime (UNODC)',
    kind: 'international',
    description: "Services the UN Convention against Cybercrime and supports States' criminal-justice capacity.",
  },
  {
    slug: 'osce',
    name: 'Organization for Security and Co-operation in Europe (OSCE)',
    kind: 'regional',
    description:
      'Adopted 16 cyber/ICT confidence-building measures in 2013 and 2016 and runs a network of points of contact among its participating States.',
  },
  {
    slug: 'oas',
    name: 'Organization of American States (OAS)',
    kind: 'regional',
    description: 'Its Inter-American Committee against Terrorism (CICTE) agreed six cyber CBMs in 2018 and 2019.',
  },
  {
    slug: 'asean',
    name: 'Association of Southeast Asian Nations (ASEAN)',
    kind: 'regional',
    description:
      'Its ministers agreed in 2018 to subscribe in principle to the eleven norms and to focus on regional capacity-building.',
  },
  {
    slug: 'african-union',
    name: 'African Union (AU)',
    kind: 'regional',
    description: 'Adopted in 2024 a Common African Position on how international law applies to the use of ICTs.',
  },
  {
    slug: 'eu',
    name: 'European Union (EU)',
    kind: 'regional',
    description:
      "Coordinates its member States' cyber diplomacy and sets common rules on the security of networks and information systems.",
  },
  {
    slug: 'council-of-europe',
    name: 'Council of Europe',
    kind: 'regional',
    description: 'Custodian of the 2001 Budapest Convention on Cybercrime and of capacity-building programmes on cybercrime.',
  },
  {
    slug: 'interpol',
    name: 'INTERPOL',
    kind: 'law-enforcement',
    description: 'The international police organisation that helps national police cooperate on cybercrime investigations.',
  },
  {
    slug: 'law-enforcement',
    name: 'National law-enforcement agencies',
    kind: 'law-enforcement',
    description: 'Investigate cybercrime and terrorist use of ICTs, gather evidence and cooperate across borders.',
  },
  {
    slug: 'national-certs',
    name: 'National CERTs and CSIRTs',
    kind: 'technical',
    description: 'Authorised emergency response teams that detect, analyse and coordinate the response to ICT incidents.',
  },
  {
    slug: 'first',
    name: 'FIRST (Forum of Incident Response and Security Teams)',
    kind: 'technical',
    description: 'The global association of incident response teams, which builds trust and shares practice among them.',
  },
  {
    slug: 'ci-operators',
    name: 'Critical infrastructure operators',
    kind: 'private',
    description: 'The public and private bodies that run energy, water, health, finance, transport and other essential services.',
  },
  {
    slug: 'private-sector',
    name: 'Private sector and industry',
    kind: 'private',
    description:
      'Vendors, network operators, cloud and hosting providers and threat-intelligence companies, who build, run and watch most of cyberspace.',
  },
  {
    slug: 'security-researchers',
    name: 'Security researchers',
    kind: 'technical',
    description: 'Independent and corporate researchers who find vulnerabilities and analyse malicious activity.',
  },
  {
    slug: 'academia',
    name: 'Academia',
    kind: 'academic',
    description: 'Universities and think tanks that research threats, law and policy, and train the next generation.',
  },
  {
    slug: 'civil-society',
    name: 'Civil society',
    kind: 'civil-society',
    description: 'Non-governmental organisations that advocate, scrutinise and bring the views of users and affected people.',
  },
];

export const forums: ForumSeed[] = [
  {
    slug: 'oewg',
    name: 'Open-ended Working Group (OEWG)',
    kind: 'un',
    description:
      'A working group of the General Assembly open to all Member States. The first (2019–2021) reached a consensus report in March 2021; the second (2021–2025) adopted its final report on 11 July 2025 and designed the permanent mechanism that followed it.',
  },
  {
    slug: 'global-mechanism',
    name: 'Global Mechanism on ICTs and international security',
    kind: 'un',
    description:
      'The permanent, single-track UN body that follows the OEWG from 2026. It reports to the First Committee, holds a substantive plenary each year of its two-year cycle and has two dedicated thematic groups, one of them on capacity-building.',
  },
  {
    slug: 'gge',
    name: 'Groups of Governmental Experts (GGE)',
    kind: 'un',
    description:
      'Six groups of experts from a limited number of States between 2004 and 2021. The reports of 2010, 2013, 2015 and 2021 were adopted by consensus and form the core of the framework.',
  },
  {
    slug: 'first-committee',
    name: 'UN General Assembly First Committee',
    kind: 'un',
    description:
      "The Assembly's committee on disarmament and international security, where the resolutions on ICTs have been negotiated since 1998.",
  },
  {
    slug: 'ad-hoc-committee',
    name: 'Ad Hoc Committee on cybercrime',
    kind: 'un',
    description:
      'Established in 2019 under the Third Committee to negotiate a convention on the criminal use of ICTs; the UN Convention against Cybercrime was adopted in December 2024.',
  },
  {
    slug: 'human-rights-council',
    name: 'Human Rights Council',
    kind: 'un',
    description: 'The UN body that adopted resolutions 20/8 and 26/13 on human rights on the Internet.',
  },
  {
    slug: 'osce-iwg',
    name: 'OSCE informal working group on ICT security',
    kind: 'regional',
    description:
      'Set up under Permanent Council Decision 1039; its experts meet regularly to review the CBMs and the information States exchange.',
  },
  {
    slug: 'oas-cicte',
    name: 'OAS CICTE Working Group on Cooperation and CBMs in Cyberspace',
    kind: 'regional',
    description: "Created in 2017; agreed the OAS's six cyber CBMs.",
  },
  {
    slug: 'asean-amcc',
    name: 'ASEAN Ministerial Conference on Cybersecurity',
    kind: 'regional',
    description:
      'Annual ministerial meeting, held during Singapore International Cyber Week, where ASEAN States agreed in 2018 to subscribe in principle to the eleven norms.',
  },
  {
    slug: 'gfce',
    name: 'Global Forum on Cyber Expertise (GFCE)',
    kind: 'multistakeholder',
    description:
      'A multistakeholder platform that coordinates cyber capacity-building and the practical side of norm implementation.',
  },
  {
    slug: 'igf',
    name: 'Internet Governance Forum (IGF)',
    kind: 'multistakeholder',
    description: "The UN's annual multistakeholder forum on Internet policy, where norms and rights are debated openly.",
  },
  {
    slug: 'paris-call',
    name: 'Paris Call community',
    kind: 'multistakeholder',
    description: 'The governments, companies and organisations that support the nine principles of the 2018 Paris Call.',
  },
  {
    slug: 'first-community',
    name: 'FIRST conferences and special interest groups',
    kind: 'technical',
    description: 'Where incident responders meet, agree practices and build the trust that cross-border response relies on.',
  },
];

export const sectors: SectorSeed[] = [
  {
    slug: 'healthcare',
    name: 'Healthcare and medical facilities',
    description: 'Hospitals, medical services and the systems they depend on.',
    sources: 'Mentioned in OEWG and GGE 2021 discussions of critical infrastructure (paragraph numbers unverified).',
  },
  {
    slug: 'energy',
    name: 'Energy',
    description: 'Generation, transmission and distribution of electricity, oil and gas.',
    sources: 'Example given in the guidance on norm (g); OEWG 2021 (unverified paragraph).',
  },
  {
    slug: 'water',
    name: 'Water and sanitation',
    description: 'Drinking water supply and waste-water treatment.',
    sources: 'Example given in the guidance on norm (g); OEWG 2021 (unverified paragraph).',
  },
  {
    slug: 'finance',
    name: 'Financial services',
    description: 'Banks, payment systems and markets.',
    sources: 'Example given in the guidance on norm (g).',
  },
  {
    slug: 'transport',
    name: 'Transport',
    description: 'Air, rail, road and maritime transport and their control systems.',
    sources: 'Example given in the guidance on norm (g).',
  },
  {
    slug: 'telecommunications',
    name: 'Telecommunications',
    description: 'Fixed and mobile networks and the services that carry them.',
    sources: 'Example given in the guidance on norm (g).',
  },
  {
    slug: 'electoral',
    name: 'Electoral processes and public institutions',
    description: 'The infrastructure of elections and of democratic institutions.',
    sources: 'Paris Call principle 3; GCSC norm 2; raised at the OEWG in 2025.',
  },
  {
    slug: 'humanitarian',
    name: 'Humanitarian organisations',
    description: 'Organisations delivering humanitarian aid and protection.',
    sources: 'Raised by civil society; inclusion in UN texts unverified.',
  },
  {
    slug: 'internet-core',
    name: 'Public core of the Internet',
    description:
      'The general availability and integrity of the Internet: routing, naming, and the cables and systems that carry it.',
    sources: 'Paris Call principle 2; GCSC norm 1.',
  },
];
