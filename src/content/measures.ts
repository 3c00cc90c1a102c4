// Confidence-building measures (UN, OSCE, OAS) and related frameworks (Paris Call, GCSC), each element
// mapped to the norms it supports; the mappings are our editorial judgement, shown as such on the pages.
import type { CbmSeed, FrameworkSeed } from './types.ts';

const osce2013 = 'OSCE, first set, December 2013 (PC.DEC/1106)';
const osce2016 = 'OSCE, second set, 10 March 2016 (PC.DEC/1202)';

export const cbms: CbmSeed[] = [
  {
    source: 'un',
    number: 1,
    title: 'Global Intergovernmental Points of Contact Directory',
    description:
      'Each State nominates diplomatic and technical points of contact; UNODA manages the directory, and 116 countries took part by February 2025.',
    adopted: 'OEWG 2023 progress report, endorsed by decision 78/541 (22 December 2023)',
    norms: ['b', 'c', 'h'],
  },
  {
    source: 'un',
    number: 2,
    title: 'Template for communication between points of contact',
    description: 'A common template for messages through the directory, named in the OEWG final report as a concrete outcome.',
    adopted: 'OEWG final report, July 2025',
    norms: ['c', 'h'],
  },
  {
    source: 'un',
    number: 3,
    title: 'Dialogue and exchange of views on ICT security',
    description:
      'Bilateral, regional and multilateral dialogue on threats, norms and national approaches. Listed from background knowledge of the initial list of global CBMs; to be verified against A/78/265.',
    adopted: 'Initial list of global CBMs, 2023 (composition unverified)',
    norms: ['a', 'b'],
  },
  {
    source: 'un',
    number: 4,
    title: 'Voluntary sharing of national policies and views',
    description:
      'Sharing national concept papers, strategies, policies, legislation and views on threats. To be verified against A/78/265.',
    adopted: 'Initial list of global CBMs, 2023 (composition unverified)',
    norms: ['a'],
  },
  {
    source: 'un',
    number: 5,
    title: 'Capacity-building to implement CBMs',
    description: 'Support for States that need it to put the CBMs into practice. To be verified against A/78/265.',
    adopted: 'Initial list of global CBMs, 2023 (composition unverified)',
    norms: ['a'],
  },
  {
    source: 'un',
    number: 6,
    title: 'Lessons from regional organisations',
    description:
      'Sharing CBM experience with and through regional and sub-regional organisations. To be verified against A/78/265.',
    adopted: 'Initial list of global CBMs, 2023 (composition unverified)',
    norms: ['a'],
  },
  {
    source: 'osce',
    number: 1,
    title: 'National views on ICT threats',
    description: 'States share their views on national and transnational threats to and in the use of ICTs.',
    adopted: osce2013,
    norms: ['a'],
  },
  {
    source: 'osce',
    number: 2,
    title: 'Cooperation among competent national bodies',
    description: 'Facilitate cooperation and information exchange among the national bodies responsible for ICT security.',
    adopted: osce2013,
    norms: ['a', 'd'],
  },
  {
    source: 'osce',
    number: 3,
    title: 'Consultations to reduce misperception',
    description:
      'Hold consultations to reduce the risk of misperception and escalation from ICT use, and to protect critical ICT infrastructure.',
    adopted: osce2013,
    norms: ['a', 'b'],
  },
  {
    source: 'osce',
    number: 4,
    title: 'Measures for an open and secure Internet',
    description: 'Share information on measures taken to keep the Internet open, interoperable, secure and reliable.',
    adopted: osce2013,
    norms: ['a', 'e'],
  },
  {
    source: 'osce',
    number: 5,
    title: 'The OSCE as a platform',
    description: 'Use the OSCE for dialogue, exchange of good practice, awareness-raising and capacity-building.',
    adopted: osce2013,
    norms: ['a'],
  },
  {
    source: 'osce',
    number: 6,
    title: 'Legislation enabling cooperation',
    description:
      'Have national legislation that allows cooperation with competent authorities, including law enforcement, on terrorist and criminal use of ICTs.',
    adopted: osce2013,
    norms: ['d'],
  },
  {
    source: 'osce',
    number: 7,
    title: 'National organisation and strategies',
    description:
      'Share information on national organisation, strategies, policies and programmes, including public–private cooperation.',
    adopted: osce2013,
    norms: ['a', 'g'],
  },
  {
    source: 'osce',
    number: 8,
    title: 'Contact points',
    description: 'Nominate contact points to facilitate communication and dialogue on ICT security.',
    adopted: osce2013,
    norms: ['a', 'c', 'h'],
  },
  {
    source: 'osce',
    number: 9,
    title: 'National terminology',
    description: 'Share national terminology on ICT security, towards a common glossary.',
    adopted: osce2013,
    norms: ['a'],
  },
  {
    source: 'osce',
    number: 10,
    title: 'Exchange of views through OSCE networks',
    description: 'Exchange views using OSCE platforms, mechanisms and networks.',
    adopted: osce2013,
    norms: ['a'],
  },
  {
    source: 'osce',
    number: 11,
    title: 'Regular expert meetings',
    description:
      'National experts meet at least three times a year to review the information exchanged and develop the CBMs further.',
    adopted: osce2013,
    norms: ['a'],
  },
  {
    source: 'osce',
    number: 12,
    title: 'Exchanges in different formats',
    description: 'Workshops, seminars and round tables between States, including regional and sub-regional ones.',
    adopted: osce2016,
    norms: ['a'],
  },
  {
    source: 'osce',
    number: 13,
    title: 'Protected communication channels',
    description:
      'Authorised and protected channels, and clarity on the technical, legal and diplomatic mechanisms for ICT-related requests.',
    adopted: osce2016,
    norms: ['c', 'h'],
  },
  {
    source: 'osce',
    number: 14,
    title: 'Public–private partnerships',
    description: 'Partnerships with the private sector and exchange of good practice on responses to common threats.',
    adopted: osce2016,
    norms: ['g', 'i'],
  },
  {
    source: 'osce',
    number: 15,
    title: 'Cooperation to protect critical infrastructure',
    description:
      'Regional and sub-regional cooperation among the authorities that secure critical infrastructure relying on cross-border networks.',
    adopted: osce2016,
    norms: ['g', 'h'],
  },
  {
    source: 'osce',
    number: 16,
    title: 'Responsible reporting of vulnerabilities',
    description: 'Encourage responsible reporting of vulnerabilities and share information on remedies, including with industry.',
    adopted: osce2016,
    norms: ['j'],
  },
  {
    source: 'oas',
    number: 1,
    title: 'Share national cybersecurity policies',
    description: 'Share strategies, white papers and legal frameworks on cybersecurity.',
    adopted: 'OAS CICTE, 4 May 2018 (CICTE/RES.1/18)',
    norms: ['a'],
  },
  {
    source: 'oas',
    number: 2,
    title: 'National point of contact at policy level',
    description: 'Name a policy-level point of contact for hemispheric cyber threats.',
    adopted: 'OAS CICTE, 4 May 2018 (CICTE/RES.1/18)',
    norms: ['c', 'h'],
  },
  {
    source: 'oas',
    number: 3,
    title: 'Points of contact in foreign ministries',
    description: 'Designate points of contact on cyber issues in ministries of foreign affairs.',
    adopted: 'OAS CICTE, 2019',
    norms: ['c', 'h'],
  },
  {
    source: 'oas',
    number: 4,
    title: 'Capacity-building in cyber diplomacy',
    description: 'Seminars, conferences and workshops on cyber diplomacy.',
    adopted: 'OAS CICTE, 2019',
    norms: ['a'],
  },
  {
    source: 'oas',
    number: 5,
    title: 'Cyber topics in training for officials',
    description: 'Include cyber issues in the training of diplomats and other officials.',
    adopted: 'OAS CICTE, 2019',
    norms: ['a'],
  },
  {
    source: 'oas',
    number: 6,
    title: 'Cooperation and exchange of good practice',
    description: 'Working groups, dialogue mechanisms and agreements between States.',
    adopted: 'OAS CICTE, 2019',
    norms: ['a', 'd'],
  },
];

export const frameworks: FrameworkSeed[] = [
  {
    slug: 'paris-call',
    name: 'Paris Call for Trust and Security in Cyberspace',
    description:
      'A multistakeholder declaration launched in Paris on 12 November 2018 and open to States, companies and organisations. Its nine principles overlap with several UN norms and add commitments for non-State actors.',
    adopted: '12 November 2018',
    sourceUrl: 'https://pariscall.international',
    elements: [
      {
        number: 1,
        title: 'Protect individuals and infrastructure',
        description: 'Prevent and recover from malicious activity that harms individuals and critical infrastructure.',
        norms: ['e', 'f', 'g'],
      },
      {
        number: 2,
        title: 'Protect the Internet',
        description: 'Prevent activity that damages the general availability or integrity of the public core of the Internet.',
        norms: ['f', 'g'],
      },
      {
        number: 3,
        title: 'Defend electoral processes',
        description: 'Strengthen the capacity to prevent malicious interference in electoral processes.',
        norms: ['f', 'g'],
      },
      {
        number: 4,
        title: 'Defend intellectual property',
        description: 'Prevent ICT-enabled theft of intellectual property for commercial advantage.',
        norms: ['d'],
      },
      {
        number: 5,
        title: 'Non-proliferation',
        description: 'Prevent the spread of malicious ICT tools and practices.',
        norms: ['i'],
      },
      {
        number: 6,
        title: 'Lifecycle security',
        description: 'Strengthen the security of digital products and services throughout their lifecycle and supply chain.',
        norms: ['i', 'j'],
      },
      {
        number: 7,
        title: 'Cyber hygiene',
        description: 'Support efforts to strengthen advanced cyber hygiene for all actors.',
        norms: ['g'],
      },
      {
        number: 8,
        title: 'No private hack-back',
        description:
          "Prevent non-State actors, including the private sector, from hacking back for their own purposes or others'.",
        norms: ['a', 'c'],
      },
      {
        number: 9,
        title: 'International norms',
        description: 'Promote the acceptance and implementation of international norms of responsible behaviour and CBMs.',
        norms: ['a'],
      },
    ],
  },
  {
    slug: 'gcsc',
    name: 'Norms of the Global Commission on the Stability of Cyberspace',
    description:
      'Eight norms proposed by an independent commission of 28 commissioners from 16 countries, collected in its November 2019 report "Advancing Cyberstability". Norms 3 to 8 were first published as the Singapore Norm Package in 2018.',
    adopted: 'November 2019',
    sourceUrl: 'https://cyberstability.org/norms.html',
    elements: [
      {
        number: 1,
        title: 'Non-interference with the public core of the Internet',
        description: 'Do not damage the general availability or integrity of the public core of the Internet.',
        norms: ['f', 'g'],
      },
      {
        number: 2,
        title: 'Protect electoral infrastructure',
        description: 'Do not disrupt the technical infrastructure essential to elections, referenda or plebiscites.',
        norms: ['f', 'g'],
      },
      {
        number: 3,
        title: 'Avoid tampering',
        description:
          'Do not tamper with products and services in development and production when this may substantially impair stability.',
        norms: ['i'],
      },
      {
        number: 4,
        title: 'Against commandeering ICT devices into botnets',
        description: "Do not commandeer the public's ICT resources for use as botnets.",
        norms: ['c', 'i'],
      },
      {
        number: 5,
        title: 'States create a vulnerabilities equities process',
        description: 'Have transparent frameworks to decide whether and when to disclose vulnerabilities.',
        norms: ['j'],
      },
      {
        number: 6,
        title: 'Reduce and mitigate significant vulnerabilities',
        description: 'Developers and producers prioritise security and stability and mitigate vulnerabilities.',
        norms: ['i', 'j'],
      },
      {
        number: 7,
        title: 'Basic cyber hygiene as foundational defence',
        description: 'States enact measures, including law, that require basic cyber hygiene.',
        norms: ['g'],
      },
      {
        number: 8,
        title: 'Against offensive cyber operations by non-State actors',
        description: 'Non-State actors should not engage in offensive cyber operations.',
        norms: ['c'],
      },
    ],
  },
];
