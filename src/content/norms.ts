// The eleven norms of A/70/174 §13: official texts quoted with citation; everything else in our own words,
// drawn from the seeds (000, 002, 003 for norms a, d, c) and the reference facts (facts.md §2, outside this repository) for the rest.
import type { NormSeed } from './types.ts';

export const CITATION_PREFIX = 'A/70/174, para. 13';

export const norms: NormSeed[] = [
  {
    letter: 'a',
    title: 'Interstate co-operation on security',
    summary: 'Work together on measures that make ICT use stable and secure, and stop practices agreed to be harmful.',
    officialText:
      'Consistent with the purposes of the United Nations, including to maintain international peace and security, States should cooperate in developing and applying measures to increase stability and security in the use of ICTs and to prevent ICT practices that are acknowledged to be harmful or that may pose threats to international peace and security;',
    about: [
      'Norm (a) starts from a plain observation: no country can meet threats that arise from the use of ICTs on its own. Networks, supply chains and attackers cross borders, so security measures only work when States design and apply them together.',
      'It is the umbrella for the other ten norms. The more specific norms on incidents, critical infrastructure, assistance and vulnerabilities each describe one form that this general duty to cooperate takes. What the norm leaves open is which ICT practices count as harmful and how much damage crosses the line; States keep working that out in the UN and regional forums.',
    ],
    relevance: [
      'Attacks on hospitals, pipelines, payment systems and other services the public relies on have grown in number and in effect. A shared, cooperative approach lowers the risk that one incident spirals into a crisis between States, builds trust, and gives every State a common yardstick for what responsible behaviour looks like.',
    ],
    actions: [
      {
        title: 'National structures and policy',
        description:
          'Set up or strengthen the national bodies, strategies, laws and review processes that govern the security of ICTs, so the State has someone able to cooperate.',
      },
      {
        title: 'Crisis and incident management',
        description:
          'Prepare national mechanisms for managing ICT incidents and crises, with clear roles and escalation paths that can link up with other States.',
      },
      {
        title: 'Whole-of-government coordination',
        description:
          'Agree how ministries, regulators, the national CERT, law enforcement and the foreign ministry work together on ICT security.',
      },
      {
        title: 'Dialogue with other stakeholders',
        description:
          'Build regular channels with the private sector, the technical community, academia and civil society, whose knowledge and networks States need.',
      },
      {
        title: 'Share how the norms are implemented',
        description:
          'Take stock of national efforts, for example through the voluntary National Survey of Implementation, and share the results so that others can learn from them.',
      },
      {
        title: 'Cooperate through the UN and regional bodies',
        description:
          'Take part in the UN process and in regional organisations, exchange information and support capacity-building so that every State can implement the norms.',
      },
    ],
    actors: [
      { actor: 'states', role: 'Bear the commitment and agree the measures.' },
      { actor: 'osce', role: 'Regional cooperation and CBMs, especially crisis and incident management.' },
      { actor: 'asean', role: 'Regional cooperation and capacity-building.' },
      { actor: 'african-union', role: 'Regional positions and cooperation among African States.' },
      { actor: 'first', role: 'The technical community that links incident responders worldwide.' },
      { actor: 'private-sector', role: 'Operates most networks and brings threat knowledge.' },
      { actor: 'academia', role: 'Research and independent analysis of what works.' },
      { actor: 'civil-society', role: 'Advocacy, oversight and expertise.' },
    ],
    forums: [
      { forum: 'oewg', note: 'Where all Member States discussed implementation of the norms until 2025.' },
      { forum: 'global-mechanism', note: 'The permanent UN body that carries the discussion on from 2026.' },
      { forum: 'gfce', note: 'Practical, multistakeholder work on capacity to implement the norms.' },
      { forum: 'osce-iwg', note: 'Regional work on CBMs in the OSCE area.' },
    ],
    sectors: [],
  },
  {
    letter: 'b',
    title: 'Consider all relevant information',
    summary: 'Before reacting to an ICT incident, weigh the whole picture, including how hard attribution is.',
    officialText:
      'In case of ICT incidents, States should consider all relevant information, including the larger context of the event, the challenges of attribution in the ICT environment and the nature and extent of the consequences;',
    about: [
      'Norm (b) asks States to be careful before they react to an ICT incident. Technical traces can be forged, infrastructure can be borrowed, and an operation launched from one country may be run from another. A sound assessment looks at the technical evidence together with the wider political and strategic context and the actual consequences of the incident.',
      'The norm does not settle who may attribute an incident or by what standard of proof; attribution remains a national decision. It asks that such decisions be careful, evidence-based and aware of the risk of error, and that accusations against a State be substantiated.',
    ],
    relevance: [
      'A hasty or mistaken attribution can escalate tension between States over an incident that neither government ordered. Careful assessment reduces misperception, gives peaceful settlement a chance and keeps responses proportionate. It also protects States whose infrastructure was merely used as a stepping stone.',
    ],
    actions: [
      {
        title: 'National assessment process',
        description:
          'Set up a structure that brings together technical, intelligence, legal and diplomatic views before the government draws conclusions about an incident.',
      },
      {
        title: 'Technical and broader context',
        description:
          'Consider the technical evidence alongside the geopolitical context, the likely intent and the nature and extent of the consequences.',
      },
      {
        title: 'Evidence-based attribution',
        description:
          'Base any attribution on evidence, acknowledge uncertainty and substantiate an accusation made against another State.',
      },
      {
        title: 'Consultation before escalation',
        description:
          'Use points of contact and diplomatic channels to consult the States concerned, clarify the facts and avoid misunderstanding.',
      },
      {
        title: 'Peaceful settlement',
        description: 'Prefer measures that de-escalate and settle disputes by peaceful means, as the UN Charter requires.',
      },
    ],
    actors: [
      { actor: 'states', role: 'Decide on attribution and on their response.' },
      { actor: 'national-certs', role: 'Provide the technical analysis of the incident.' },
      { actor: 'private-sector', role: 'Threat-intelligence firms publish analyses that inform assessments.' },
      { actor: 'academia', role: 'Clarifies the legal questions of attribution and State responsibility.' },
      { actor: 'civil-society', role: 'Independent investigations and scrutiny of public claims.' },
    ],
    forums: [
      { forum: 'oewg', note: 'Attribution and incident assessment were recurring topics.' },
      { forum: 'global-mechanism', note: 'Continues the discussion from 2026.' },
      { forum: 'osce-iwg', note: 'OSCE CBMs on consultations to reduce the risk of misperception.' },
    ],
    sectors: [],
  },
  {
    letter: 'c',
    title: 'Prevent misuse of ICTs in your territory',
    summary: 'Do not knowingly let your territory be used for internationally wrongful acts using ICTs.',
    officialText: 'States should not knowingly allow their territory to be used for internationally wrongful acts using ICTs;',
    about: [
      'Norm (c) expresses the idea of due diligence for ICTs. Once a State knows that its territory or infrastructure is being used to carry out an internationally wrongful act against another State, it is expected to take steps to stop it. Those steps should be reasonable, proportionate, effective, and lawful under both international and domestic law.',
      'The norm has clear limits. A State is not expected to watch everything that passes over its networks, and the mere fact that an operation came from its territory does not make it responsible for that operation. Nor does being notified make a State responsible; notification opens cooperation, it is not an accusation.',
    ],
    relevance: [
      'Most malicious ICT operations cross at least one border, often through servers and compromised devices in countries that have nothing to do with the attacker. If each State acts on what it learns about its own territory, attackers lose their safe havens, and affected States have somewhere to turn. This is why notification and acknowledgement between points of contact matter so much in practice.',
    ],
    actions: [
      {
        title: 'Act once aware',
        description:
          'When the State learns that its territory is used for a wrongful ICT act against another State, take reasonable, proportionate and lawful steps to end it.',
      },
      {
        title: 'Notify the State concerned',
        description:
          "A State that finds harmful activity coming from another State's territory should notify that State promptly, through its points of contact.",
      },
      {
        title: 'Acknowledge and help clarify',
        description:
          'The notified State should acknowledge receipt and make reasonable efforts to help establish what happened. Acknowledging receipt does not mean agreeing with the content.',
      },
      {
        title: 'Seek assistance when capacity is lacking',
        description:
          'A State that cannot deal with the activity itself should consider asking other States or the private sector for help, in a way consistent with international and domestic law; those who help act in good faith.',
      },
      {
        title: 'Mechanisms for requests',
        description:
          'Set up structured procedures and channels to send, receive and track notifications and requests for assistance.',
      },
      {
        title: 'No presumption of responsibility',
        description:
          'Treat the origin of an incident as a fact to investigate, not as proof that the State of origin is responsible.',
      },
    ],
    actors: [
      { actor: 'states', role: 'Act on activity in their territory; notify and acknowledge.' },
      { actor: 'national-certs', role: 'Detect, investigate and take down malicious infrastructure.' },
      { actor: 'first', role: 'Connects incident responders across borders.' },
      { actor: 'osce', role: 'Regional channels for crisis communication.' },
      { actor: 'asean', role: 'Regional cooperation on incidents.' },
      {
        actor: 'private-sector',
        role: 'Hosting providers, ISPs and threat-intelligence firms that see and can stop the activity.',
      },
      { actor: 'academia', role: 'Helps clarify the legal questions of due diligence and attribution.' },
      { actor: 'civil-society', role: 'Independent research and oversight.' },
    ],
    forums: [
      { forum: 'oewg', note: 'All Member States discussed implementation until 2025.' },
      { forum: 'global-mechanism', note: 'Continues from 2026.' },
      { forum: 'first-community', note: 'Day-to-day contact between incident responders.' },
      { forum: 'gfce', note: 'Multistakeholder work on implementation.' },
    ],
    sectors: ['internet-core', 'telecommunications'],
  },
  {
    letter: 'd',
    title: 'Co-operate to stop crime and terrorism',
    summary:
      'Consider how best to cooperate to exchange information, assist each other and prosecute terrorist and criminal use of ICTs.',
    officialText:
      'States should consider how best to cooperate to exchange information, assist each other, prosecute terrorist and criminal use of ICTs and implement other cooperative measures to address such threats. States may need to consider whether new measures need to be developed in this respect;',
    about: [
      'Norm (d) concerns cooperation against criminals and terrorists who use ICTs: to recruit, raise money, train, incite, plan attacks or spread extremist propaganda, as well as to commit crimes such as fraud and extortion. Because evidence, suspects and victims are often in different countries, no State can investigate and prosecute these acts alone.',
      'The norm asks States to think about the best ways to exchange information, assist each other and bring offenders to justice, and to consider whether new measures are needed. Such cooperation has to respect international law, human rights and privacy.',
    ],
    relevance: [
      'Crime and terrorism online are not only law-enforcement matters: large ransomware campaigns can disable public services and strain relations between States. Effective cooperation on crime therefore also supports international peace and security, and predictable procedures make cooperation faster when it matters.',
    ],
    actions: [
      {
        title: 'Laws that enable cooperation',
        description:
          'Adopt and keep up to date national policies, laws and regulations that give a legal basis for exchanging information and coordinating with other States.',
      },
      {
        title: 'Dedicated structures',
        description:
          'Create national mechanisms covering the technical, law-enforcement, legal and diplomatic sides of cooperation with other States and with international and regional organisations.',
      },
      {
        title: 'Capacity of agencies',
        description:
          'Strengthen the skills and tools of the agencies that fight cybercrime and terrorism, and raise awareness among those who work with them.',
      },
      {
        title: 'Electronic evidence',
        description:
          'Develop procedures for collecting, handling, storing and sharing electronic evidence that meet international legal standards and protect privacy and human rights.',
      },
      {
        title: 'International and regional cooperation',
        description:
          'Take part in multilateral initiatives and agreements, share good practice and align approaches to new threats.',
      },
    ],
    actors: [
      { actor: 'states', role: 'Adopt laws, set up structures, cooperate.' },
      { actor: 'law-enforcement', role: 'Investigate, gather evidence and coordinate operations.' },
      { actor: 'interpol', role: 'Police cooperation across borders.' },
      { actor: 'council-of-europe', role: 'Budapest Convention on Cybercrime and its capacity-building.' },
      { actor: 'unodc', role: 'Services the UN Convention against Cybercrime.' },
      { actor: 'private-sector', role: 'Threat research, and data that investigations rely on.' },
      { actor: 'academia', role: 'Research on emerging threats.' },
      { actor: 'civil-society', role: 'Awareness, advocacy and the defence of rights.' },
    ],
    forums: [
      { forum: 'oewg', note: 'Discussed the norm among all Member States until 2025.' },
      { forum: 'global-mechanism', note: 'Continues from 2026.' },
      { forum: 'ad-hoc-committee', note: 'Negotiated the UN Convention against Cybercrime, adopted in December 2024.' },
      { forum: 'asean-amcc', note: 'Regional cooperation strategies.' },
      { forum: 'gfce', note: 'Capacity-building on cybercrime.' },
    ],
    sectors: ['finance'],
  },
  {
    letter: 'e',
    title: 'Respect human rights and privacy',
    summary:
      'In securing ICTs, respect the UN resolutions on human rights on the Internet and on privacy in the digital age, to guarantee full respect for human rights, including freedom of expression.',
    officialText:
      'States, in ensuring the secure use of ICTs, should respect Human Rights Council resolutions 20/8 and 26/13 on the promotion, protection and enjoyment of human rights on the Internet, as well as General Assembly resolutions 68/167 and 69/166 on the right to privacy in the digital age, to guarantee full respect for human rights, including the right to freedom of expression;',
    about: [
      'Norm (e) ties ICT security to human rights. The rights people have offline, under the Universal Declaration and the international covenants, apply online too. The norm points to the Human Rights Council resolutions on human rights on the Internet and the General Assembly resolutions on privacy in the digital age.',
      'In practice it means that security measures, such as surveillance powers, data retention, network shutdowns or content controls, must be lawful, necessary and proportionate, and must not become a pretext for restricting expression, association or privacy.',
    ],
    relevance: [
      'Security and rights support each other: people trust and use digital services that respect their privacy, and open societies are more resilient. Measures that ignore rights erode that trust and can themselves create insecurity, for example when tools built for surveillance are turned against journalists or activists.',
    ],
    actions: [
      {
        title: 'Review laws and practices',
        description:
          'Check national security laws, policies and practices against international human rights obligations, and revise them where needed.',
      },
      {
        title: 'Protect freedom of expression',
        description:
          'Avoid measures such as blanket shutdowns or blocking that restrict expression beyond what is lawful and necessary.',
      },
      {
        title: 'Safeguard privacy',
        description:
          'Prevent arbitrary or unlawful surveillance and interception, with independent oversight and remedies for those affected.',
      },
      {
        title: 'Inclusion and non-discrimination',
        description:
          'Design security policy so that it does not discriminate, and close gender and other gaps in access and participation.',
      },
      {
        title: 'Involve civil society',
        description: 'Consult human rights defenders and civil society when preparing ICT security laws and strategies.',
      },
    ],
    actors: [
      { actor: 'states', role: 'Hold the human rights obligations.' },
      { actor: 'un-human-rights', role: 'Sets and monitors the human rights standards that apply online.' },
      { actor: 'civil-society', role: 'Documents abuses and advocates for rights-respecting policy.' },
      { actor: 'academia', role: 'Analyses the impact of security measures on rights.' },
      { actor: 'private-sector', role: 'Platforms and network operators that carry out, or resist, State requests.' },
    ],
    forums: [
      { forum: 'human-rights-council', note: 'Adopts the resolutions on human rights on the Internet.' },
      { forum: 'oewg', note: 'Human rights were part of the discussion of the framework.' },
      { forum: 'global-mechanism', note: 'Continues from 2026.' },
      { forum: 'igf', note: 'Multistakeholder debate on rights and Internet policy.' },
    ],
    sectors: [],
  },
  {
    letter: 'f',
    title: 'Do not damage critical infrastructure',
    summary:
      'Do not conduct or knowingly support ICT activity, contrary to obligations under international law, that intentionally damages critical infrastructure or impairs its use to provide services to the public.',
    officialText:
      'A State should not conduct or knowingly support ICT activity contrary to its obligations under international law that intentionally damages critical infrastructure or otherwise impairs the use and operation of critical infrastructure to provide services to the public;',
    about: [
      "Norm (f) is a restraint: States should not themselves carry out, or knowingly back, ICT operations contrary to their international obligations that deliberately damage critical infrastructure or stop it from serving the public. Where norm (g) is about protecting one's own infrastructure, norm (f) is about not attacking anyone else's.",
      'Each State decides which of its infrastructure is critical, according to its own priorities. The UN discussions have given examples of sectors that deserve special care, such as healthcare, energy, water and sanitation, finance and transport, and have drawn attention to infrastructure that serves many countries at once, such as the general availability of the Internet.',
    ],
    relevance: [
      'Damage to hospitals, power grids or water systems harms civilians directly and can spread across borders. Clear restraint lowers the risk of catastrophic incidents and of escalation between States, and gives the international community a shared standard to invoke when an operation crosses the line.',
    ],
    actions: [
      {
        title: 'Define critical sectors',
        description:
          'Identify the sectors and services the State treats as critical, according to national priorities, and make that understanding known.',
      },
      {
        title: 'Policy and legal restraint',
        description:
          'Adopt national policy and, where appropriate, law that ensures ICT operations run or supported by the State do not damage infrastructure serving the public in other States.',
      },
      {
        title: 'Oversight of State operations',
        description: 'Subject ICT operations by the State to legal review and oversight against international law and this norm.',
      },
      { title: 'Control of proxies', description: 'Do not knowingly support non-State actors who carry out such operations.' },
      {
        title: 'Speak up',
        description: 'Say publicly what the State considers a breach of the norm, to strengthen the shared expectation.',
      },
    ],
    actors: [
      { actor: 'states', role: 'Exercise restraint and oversee their own operations.' },
      { actor: 'ci-operators', role: 'Run the infrastructure the norm protects.' },
      { actor: 'civil-society', role: 'Draws attention to the human cost of attacks.' },
      { actor: 'academia', role: 'Analyses how international law applies.' },
    ],
    forums: [
      { forum: 'oewg', note: 'Discussed critical infrastructure clusters and examples.' },
      { forum: 'global-mechanism', note: 'Continues from 2026.' },
      { forum: 'paris-call', note: 'Its first principle protects individuals and infrastructure.' },
    ],
    sectors: ['healthcare', 'energy', 'water', 'finance', 'transport', 'electoral', 'internet-core', 'humanitarian'],
  },
  {
    letter: 'g',
    title: 'Protect critical infrastructure',
    summary: 'Take appropriate measures to protect your own critical infrastructure from ICT threats.',
    officialText:
      'States should take appropriate measures to protect their critical infrastructure from ICT threats, taking into account General Assembly resolution 58/199 on the creation of a global culture of cybersecurity and the protection of critical information infrastructures, and other relevant resolutions;',
    about: [
      "Norm (g) turns to each State's own house: it should protect its critical infrastructure from ICT threats. It refers to General Assembly resolution 58/199, which calls for a global culture of cybersecurity and the protection of critical information infrastructure.",
      'Protection involves deciding what is critical, setting security requirements for those who operate it, assessing risks, and preparing to detect and respond to incidents, usually in partnership with private operators, who own much of this infrastructure.',
    ],
    relevance: [
      'Because infrastructure is interconnected, a weakness in one State can become a problem for its neighbours. Well-protected infrastructure reduces the damage an attack can do, makes incidents less likely to cause tension between States, and keeps essential services running for the public.',
    ],
    actions: [
      {
        title: 'Designate critical sectors',
        description:
          'Set out which sectors and services are critical, with criteria; common examples are energy, water, health, finance, transport and telecommunications.',
      },
      {
        title: 'Security requirements',
        description: 'Define the security measures that operators of critical infrastructure must or should apply.',
      },
      {
        title: 'Risk assessment',
        description:
          'Assess risks to critical infrastructure regularly, including dependencies between sectors and across borders.',
      },
      {
        title: 'Partnership with operators',
        description: 'Work with private operators through information sharing, joint exercises and clear reporting duties.',
      },
      {
        title: 'Incident response and awareness',
        description:
          'Maintain the capacity to detect and respond to incidents affecting infrastructure, and raise awareness among operators and users.',
      },
    ],
    actors: [
      { actor: 'states', role: 'Set policy and requirements.' },
      { actor: 'ci-operators', role: 'Apply the measures and report incidents.' },
      { actor: 'national-certs', role: 'Detect and coordinate the response to incidents.' },
      { actor: 'private-sector', role: 'Supplies the technology and security services.' },
      { actor: 'eu', role: 'Regional rules on the security of network and information systems.' },
    ],
    forums: [
      { forum: 'oewg', note: 'Broad support in 2024 for new global CBMs on critical infrastructure protection.' },
      { forum: 'global-mechanism', note: 'Continues from 2026.' },
      { forum: 'osce-iwg', note: 'OSCE CBM 15 on regional cooperation to protect critical infrastructure.' },
      { forum: 'gfce', note: 'Capacity-building for critical infrastructure protection.' },
    ],
    sectors: ['healthcare', 'energy', 'water', 'finance', 'transport', 'telecommunications'],
  },
  {
    letter: 'h',
    title: 'Respond to requests for assistance',
    summary: 'Answer appropriate requests for help from a State whose critical infrastructure is under malicious ICT attack.',
    officialText:
      'States should respond to appropriate requests for assistance by another State whose critical infrastructure is subject to malicious ICT acts. States should also respond to appropriate requests to mitigate malicious ICT activity aimed at the critical infrastructure of another State emanating from their territory, taking into account due regard for sovereignty;',
    about: [
      "Norm (h) covers two situations. In the first, a State whose critical infrastructure is under attack asks another for help. In the second, a State asks another to deal with malicious activity that comes from that other State's territory and targets its infrastructure. In both cases the State asked should respond, with due regard for sovereignty.",
      'Responding does not always mean doing everything that is asked. It means acknowledging the request, considering it in good faith and saying what can be done. Requests should be appropriate: specific, made through the right channels and about genuine malicious activity.',
    ],
    relevance: [
      'During an incident, hours count. States that know whom to call, how to phrase a request and what answer to expect can contain an attack before it does lasting damage. Predictable responses also keep an incident from turning into a diplomatic dispute.',
    ],
    actions: [
      {
        title: 'Detection and mitigation capacity',
        description:
          'Build national capacity to detect and mitigate incidents, such as incident response teams and security operations centres, so that help can actually be given.',
      },
      {
        title: 'A national coordinator',
        description: 'Name a body that receives, assesses and coordinates requests for assistance, and knows whom to involve.',
      },
      {
        title: 'Points of contact',
        description: 'Keep diplomatic and technical points of contact up to date in the global and regional directories.',
      },
      {
        title: 'Common templates',
        description: 'Use a common template for requests so that they carry the information needed to act.',
      },
      {
        title: 'Timely acknowledgement',
        description: 'Acknowledge a request promptly and keep the requesting State informed of what is being done.',
      },
    ],
    actors: [
      { actor: 'states', role: 'Ask for and give assistance.' },
      { actor: 'national-certs', role: 'Carry out the technical response.' },
      { actor: 'first', role: 'Trusted channels between response teams.' },
      { actor: 'unoda', role: 'Manages the Global Intergovernmental POC Directory.' },
      { actor: 'private-sector', role: 'Providers who can take down or block malicious infrastructure.' },
    ],
    forums: [
      { forum: 'oewg', note: 'Agreed the POC directory and a template for communication.' },
      { forum: 'global-mechanism', note: 'Continues from 2026.' },
      { forum: 'first-community', note: 'Operational cooperation between teams.' },
      { forum: 'oas-cicte', note: 'OAS CBMs on points of contact.' },
    ],
    sectors: ['healthcare', 'energy', 'water', 'finance', 'transport', 'telecommunications'],
  },
  {
    letter: 'i',
    title: 'Ensure supply chain security',
    summary:
      'Take reasonable steps to ensure the integrity of the supply chain, and seek to prevent the proliferation of malicious ICT tools and techniques and the use of harmful hidden functions.',
    officialText:
      'States should take reasonable steps to ensure the integrity of the supply chain so that end users can have confidence in the security of ICT products. States should seek to prevent the proliferation of malicious ICT tools and techniques and the use of harmful hidden functions;',
    about: [
      'Norm (i) concerns trust in ICT products. Hardware and software pass through many hands, in many countries, before they reach users; at any step they can be tampered with. The norm asks States to take reasonable steps so that users can rely on the integrity of what they buy and install.',
      'Its second sentence goes further: States should seek to prevent the proliferation of malicious ICT tools and techniques and the use of harmful hidden functions, often called backdoors, in products.',
    ],
    relevance: [
      'A single compromised update can reach thousands of organisations at once, as several large incidents have shown. Confidence in the supply chain is also a condition for open trade in ICT products; without it, States may turn to restrictions that fragment markets.',
    ],
    actions: [
      {
        title: 'Supply-chain risk management',
        description:
          'Adopt national frameworks for supply-chain risk that are transparent, objective and impartial, and that weigh the benefits and risks of new technologies.',
      },
      {
        title: 'Good practice by suppliers',
        description:
          'Encourage suppliers and vendors to build security in, to be transparent about components and to support products through their lifecycle.',
      },
      {
        title: 'Security across the lifecycle',
        description: 'Promote security from design through development, delivery, updates and end of life.',
      },
      {
        title: 'Stop proliferation',
        description:
          'Take measures against the spread of malicious ICT tools and techniques, and refrain from inserting harmful hidden functions.',
      },
      { title: 'Share good practice', description: 'Exchange approaches and lessons with other States and industry.' },
    ],
    actors: [
      { actor: 'states', role: 'Set frameworks and refrain from harmful hidden functions.' },
      { actor: 'private-sector', role: 'Vendors and suppliers who build and maintain products.' },
      { actor: 'security-researchers', role: 'Find and report tampering and weaknesses.' },
      { actor: 'national-certs', role: 'Warn users and coordinate responses to supply-chain incidents.' },
    ],
    forums: [
      { forum: 'oewg', note: 'The 2021 report asked States to prevent harmful hidden functions.' },
      { forum: 'global-mechanism', note: 'Continues from 2026.' },
      { forum: 'paris-call', note: 'Principles on non-proliferation and lifecycle security.' },
    ],
    sectors: ['telecommunications'],
  },
  {
    letter: 'j',
    title: 'Report ICT vulnerabilities',
    summary: 'Encourage responsible reporting of vulnerabilities and share information on remedies.',
    officialText:
      'States should encourage responsible reporting of ICT vulnerabilities and share associated information on available remedies to such vulnerabilities to limit and possibly eliminate potential threats to ICTs and ICT-dependent infrastructure;',
    about: [
      'Norm (j) is about what happens when someone finds a weakness in software or hardware. It asks States to encourage that the finding is reported responsibly, to the party that can fix it, and that information about fixes is shared, so that the weakness can be closed before it is exploited.',
      'In practice this is coordinated vulnerability disclosure: a finder reports to the vendor or a coordinator, a fix is prepared, and the details are published when users can protect themselves. States can support it through law, policy and their national CERTs.',
    ],
    relevance: [
      'Unpatched vulnerabilities are the raw material of most attacks. A world in which researchers can report safely, vendors fix quickly and remedies are widely known is harder to attack for everyone. Stockpiled or traded vulnerabilities, by contrast, leave everyone exposed.',
    ],
    actions: [
      {
        title: 'Disclosure policies',
        description:
          'Adopt vulnerability disclosure policies and programmes, consistent with domestic law, for government systems and to guide others.',
      },
      {
        title: 'Legal and policy frameworks',
        description:
          'Set impartial legal and policy frameworks for handling vulnerabilities, including protection for good-faith researchers.',
      },
      {
        title: 'Limit commercial trade',
        description: 'Consider measures that limit the commercial distribution of vulnerabilities and exploits.',
      },
      {
        title: 'Cross-border coordination',
        description: 'Coordinate disclosure across borders through national CERTs and their networks.',
      },
      { title: 'Share remedies', description: 'Publish and share information on available patches and mitigations.' },
    ],
    actors: [
      { actor: 'states', role: 'Set policy and lead by example.' },
      { actor: 'security-researchers', role: 'Find and report vulnerabilities.' },
      { actor: 'private-sector', role: 'Vendors that fix vulnerabilities and publish remedies.' },
      { actor: 'national-certs', role: 'Coordinate disclosure nationally and across borders.' },
      { actor: 'first', role: 'Standards and communities for coordinated disclosure.' },
    ],
    forums: [
      { forum: 'oewg', note: 'Discussed among all Member States until 2025.' },
      { forum: 'global-mechanism', note: 'Continues from 2026.' },
      { forum: 'osce-iwg', note: 'OSCE CBM 16 on responsible reporting of vulnerabilities.' },
      { forum: 'first-community', note: 'Coordinated disclosure practice among response teams.' },
    ],
    sectors: ['telecommunications', 'internet-core'],
  },
  {
    letter: 'k',
    title: 'Do no harm to response teams',
    summary:
      "Do not conduct or knowingly support activity that harms the information systems of another State's authorised emergency response teams, and do not use such teams for malicious international activity.",
    officialText:
      'States should not conduct or knowingly support activity to harm the information systems of the authorized emergency response teams (sometimes known as computer emergency response teams or cybersecurity incident response teams) of another State. A State should not use authorized emergency response teams to engage in malicious international activity.',
    about: [
      "Norm (k) protects the people who respond to incidents. States should not attack, or knowingly support attacks on, the information systems of another State's authorised emergency response teams, known as CERTs or CSIRTs. And they should not use their own teams for malicious international activity.",
      'Response teams can only do their work if their counterparts abroad trust them. That trust depends on teams being seen as independent of intelligence and military operations.',
    ],
    relevance: [
      'Response teams are the first line of defence for everyone. If they are attacked or suspected of being used for operations, teams stop sharing information, and all States become less able to contain incidents. The norm keeps the technical channel open even when political relations are tense.',
    ],
    actions: [
      {
        title: 'Keep teams independent',
        description: 'Keep CERTs and CSIRTs non-politicised and separate from intelligence and offensive operations.',
      },
      {
        title: 'Recognise their role',
        description: 'Give response teams a clear mandate in national law or policy and make known which teams are authorised.',
      },
      { title: 'No misuse', description: 'Never use response teams, or their access and information, for malicious operations.' },
      {
        title: 'CERT-to-CERT trust',
        description: 'Support cooperation between response teams across borders, including through regional and global networks.',
      },
    ],
    actors: [
      { actor: 'states', role: 'Refrain from harming or misusing teams.' },
      { actor: 'national-certs', role: 'The teams the norm protects.' },
      { actor: 'first', role: 'The global community of response teams.' },
      { actor: 'osce', role: 'Regional cooperation between teams.' },
    ],
    forums: [
      { forum: 'oewg', note: 'CERT-to-CERT cooperation was discussed as a possible new CBM in 2024.' },
      { forum: 'global-mechanism', note: 'Continues from 2026.' },
      { forum: 'first-community', note: 'Where response teams build trust.' },
    ],
    sectors: [],
  },
];
