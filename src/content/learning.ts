// The learning modules shipped with the platform (first edition). Built from the course page in
// `004_c1f0e59a44a67020.txt` (its shape: guiding questions, sections, reflection points, "contribute and
// engage") and from the reference facts (facts.md, outside this repository) for the UN process through to the Global Mechanism.
// Lesson texts are Markdown; editors change them in the browser afterwards, with revision history.

export interface CheckSeed {
  prompt: string;
  /** Exactly one option is correct; every option explains itself. */
  options: { text: string; correct?: true; feedback: string }[];
}

export interface LessonSeed {
  slug: string;
  title: string;
  /** The guiding questions, one per line. */
  questions: string[];
  body: string;
  reflection: string;
  engage: string;
  norm?: string;
  checks: CheckSeed[];
}

export interface ModuleSeed {
  slug: string;
  title: string;
  summary: string;
  lessons: LessonSeed[];
}

const unProcess: ModuleSeed = {
  slug: 'un-process',
  title: 'The UN process on responsible State behaviour',
  summary:
    'How the UN came to talk about ICTs and international security, from the 1998 resolution through the expert groups and the open-ended working groups to the permanent Global Mechanism of 2026.',
  lessons: [
    {
      slug: 'un-process-origins',
      title: 'Where it started: the 1998 resolution and the first expert groups',
      questions: [
        'Why did the First Committee of the General Assembly take up information and telecommunications?',
        'What did the early Groups of Governmental Experts (GGEs) achieve, and where did they stop?',
      ],
      body: `ICT security is not a new subject at the UN. In **1998** the Russian Federation tabled a draft resolution in the First Committee, *Developments in the field of information and telecommunications in the context of international security*; the General Assembly adopted it without a vote (A/RES/53/70).

As States built up offensive cyber capabilities, the Assembly set up a **Group of Governmental Experts** in 2004. That first group ended without a substantive report. Its mandate was renewed several times: 2009–2010, 2012–2013, 2014–2015, 2016–2017 and 2019–2021.

The groups were small: between 15 and 25 experts, always including the five permanent members of the Security Council. Their reports were adopted by consensus and then endorsed by the General Assembly, which gave their findings weight well beyond the room.

See the [timeline](/timeline) for each step with its document symbol.`,
      reflection: `A group of 15 to 25 experts agreed texts that all UN Member States were later asked to follow.

What does a small group gain in speed and depth, and what does it lose in legitimacy for the States that were not in the room?`,
      engage: `- Find out whether your State ever sat on a GGE, and who in your ministry followed it.
- Read the resolution numbers on the [timeline](/timeline) and open one of them on the UN's document system.`,
      checks: [
        {
          prompt: 'How was the 1998 resolution on information and telecommunications adopted?',
          options: [
            {
              text: 'Without a vote',
              correct: true,
              feedback: 'Right: the General Assembly adopted A/RES/53/70 without a vote.',
            },
            {
              text: 'By a recorded vote, over Western objections',
              feedback:
                'No. A/RES/53/70 was adopted without a vote. Recorded votes on the subject did come, in some years before 2018 as well as in 2018, when two competing processes were set up.',
            },
            {
              text: 'It was never adopted',
              feedback: 'No. It was adopted, and the subject has been on the First Committee agenda ever since.',
            },
          ],
        },
        {
          prompt: 'What happened to the first GGE (set up in 2004)?',
          options: [
            {
              text: 'It agreed the eleven norms',
              feedback: 'No. The norms came from the 2014–2015 group, in its report A/70/174.',
            },
            {
              text: 'It ended without a substantive report',
              correct: true,
              feedback: 'Right. The mandate was renewed anyway, and later groups did reach consensus.',
            },
            { text: 'It became the OEWG', feedback: 'No. The first OEWG was created separately, in 2018.' },
          ],
        },
      ],
    },
    {
      slug: 'un-process-gge-reports',
      title: 'The breakthroughs: GGE reports of 2013, 2015 and 2021',
      questions: [
        'What did the 2013 and 2015 reports establish that earlier groups could not?',
        'Why did the 2016–2017 group fail, and what did the 2021 report add?',
      ],
      body: `In **2013** the third GGE, 15 States including the P5, agreed by consensus that **international law, and in particular the UN Charter, applies** to State use of ICTs (A/68/98).

In **2015** the fourth group, 20 States, went further. Its report (A/70/174) set out a voluntary, non-binding framework: **eleven norms** of responsible State behaviour (paragraph 13, norms a–k), confidence-building measures and capacity-building. The General Assembly endorsed it (A/RES/70/237). These are the [norms](/norms) this platform is built around.

The **2016–2017** group, 25 States, could not agree a report. States disagreed on how far international law lets a State respond to a cyber operation: self-defence and countermeasures.

The **2019–2021** group reached consensus again (A/76/135). It confirmed that international humanitarian law applies in armed conflict, gave guidance on each norm, described what counts as critical infrastructure, and set out principles for capacity-building.`,
      reflection: `The 2015 norms are voluntary and non-binding, yet States report on them, train on them and cite them when they attribute operations.

Why might States agree to voluntary norms more readily than to binding rules, and what makes a voluntary norm carry weight?`,
      engage: `- Read the [eleven norms](/norms) and pick the two your State does most to implement.
- Compare the 2015 norm text with the 2021 guidance on one norm page.`,
      checks: [
        {
          prompt: 'Which report contains the eleven voluntary norms?',
          options: [
            {
              text: 'A/68/98 (2013)',
              feedback: 'No. The 2013 report confirmed that international law applies; the norms came two years later.',
            },
            {
              text: 'A/70/174 (2015)',
              correct: true,
              feedback: 'Right: paragraph 13 of the 2015 GGE report sets out norms (a) to (k).',
            },
            {
              text: 'A/75/816 (2021)',
              feedback: 'No. The 2021 OEWG report reaffirmed the norms; it did not first state them.',
            },
          ],
        },
        {
          prompt: 'Why did the 2016–2017 GGE fail to adopt a report?',
          options: [
            {
              text: 'States disagreed on the responses international law allows to cyber operations',
              correct: true,
              feedback: 'Right: self-defence and countermeasures were the sticking points.',
            },
            {
              text: 'The group ran out of time because of COVID-19',
              feedback: 'No. That delayed the OEWG in 2020, not this GGE.',
            },
            {
              text: 'The General Assembly dissolved it',
              feedback: 'No. The group met to the end of its mandate but reached no consensus.',
            },
          ],
        },
      ],
    },
    {
      slug: 'un-process-oewg',
      title: 'Two tracks: the open-ended working groups',
      questions: [
        'Why did the UN run a GGE and an OEWG side by side from 2019?',
        'What did the 2021 OEWG report recommend, and what did the 2021–2025 group deliver?',
      ],
      body: `In **2018** the First Committee approved two competing proposals: a Russian-led **Open-ended Working Group** (OEWG), open to every Member State and with room for other stakeholders (A/RES/73/27), and a US-led new GGE (A/RES/73/266). The chairs of the two groups, from Brazil and Switzerland, worked closely together.

In **March 2021** the OEWG adopted its report by consensus (A/75/816), the first UN agreement on the subject in almost six years. It reaffirmed the GGE findings, confirmed that international law applies, and said the norms do not change States' binding obligations. It also invited States to use a model national survey of implementation, which is what [national reports](/reports) on this platform follow.

A second OEWG ran from **2021 to 2025**, chaired by Singapore. Its annual progress reports built the first global confidence-building measures: the **Global Points of Contact Directory**, set up by UNODA after the General Assembly endorsed the 2023 report. On **11 July 2025** it adopted its final report by consensus (A/80/257).`,
      reflection: `The OEWG let every State speak, and non-governmental stakeholders contribute, at the price of slower and broader negotiations.

Is an open format worth the extra time? What would your State have lost if only the small expert groups had continued?`,
      engage: `- Ask who in your government attends the UN sessions in New York, and how technical experts at home feed into the positions.
- Look at the [forums](/forums) where these texts are discussed between sessions.`,
      checks: [
        {
          prompt: 'What distinguished the OEWG from the GGEs?',
          options: [
            {
              text: 'It was open to all UN Member States',
              correct: true,
              feedback: 'Right: "open-ended" means any Member State may take part, with room for stakeholders.',
            },
            { text: 'It negotiated a binding treaty', feedback: 'No. The OEWG worked on the same voluntary framework.' },
            { text: 'Only the P5 could take part', feedback: 'No. That is closer to the opposite of an open-ended group.' },
          ],
        },
        {
          prompt: 'Which practical measure came out of the 2021–2025 OEWG?',
          options: [
            { text: 'A UN cyber court', feedback: 'No such court was created.' },
            {
              text: 'The Global Points of Contact Directory',
              correct: true,
              feedback: 'Right: UNODA set it up after the General Assembly endorsed the 2023 progress report.',
            },
            { text: 'A ban on offensive cyber capabilities', feedback: 'No. The process did not ban capabilities.' },
          ],
        },
      ],
    },
    {
      slug: 'un-process-future',
      title: 'The future debate: Programme of Action, treaty proposals and cybercrime',
      questions: [
        'Should dialogue be permanent, and should it implement agreed norms or develop new ones?',
        'How does the cybercrime treaty relate to the security track?',
      ],
      body: `As the OEWGs ran on fixed mandates, States debated what should come after them. Should the dialogue be **permanent**? Should it focus on **implementing** the agreed framework, or also develop **new norms** and perhaps a binding instrument?

France and Egypt, with dozens of co-sponsors, proposed a **Programme of Action** (PoA): a permanent, inclusive, action-oriented mechanism with regular meetings on implementation and periodic review conferences. The General Assembly welcomed the idea in 2022 (A/RES/77/37) and UNODA consulted regional organisations on it in 2023.

Other States have long argued for a binding instrument. Members of the Shanghai Cooperation Organisation tabled an International Code of Conduct for Information Security in 2011 and 2015, covering content and sovereignty as well as conflict. Western States resisted it, fearing it would legitimise censorship.

A separate track, under the **Third Committee**, negotiated a cybercrime treaty. The General Assembly adopted the **UN Convention against Cybercrime** without a vote on 24 December 2024; it opened for signature in Hanoi in October 2025. It is a criminal-justice treaty, distinct from the international security discussion, but the two influence each other.`,
      reflection: `The debate over a treaty is also a debate about what "security" covers: networks and infrastructure only, or information and content too.

Where does your State stand, and how would you explain that position to a colleague from a State that takes the opposite view?`,
      engage: `- Find your State's statement at the last session of the First Committee and note what it said about a future mechanism.
- Read [norm (d)](/norms/d) on cooperation against crime and terrorism alongside the cybercrime convention.`,
      checks: [
        {
          prompt: 'What was the Programme of Action proposal?',
          options: [
            {
              text: 'A permanent, inclusive mechanism focused on implementing the agreed framework',
              correct: true,
              feedback: 'Right: regular meetings on implementation, with periodic review conferences.',
            },
            {
              text: 'A new binding treaty on information security',
              feedback: 'No. That describes the SCO code of conduct proposals.',
            },
            {
              text: 'A cybercrime convention',
              feedback: 'No. The cybercrime treaty was negotiated in the Third Committee, separately.',
            },
          ],
        },
        {
          prompt: 'When did the General Assembly adopt the UN Convention against Cybercrime?',
          options: [
            {
              text: 'December 2015, with the norms',
              feedback: 'No. The norms report is from 2015; the convention is nine years later.',
            },
            {
              text: '24 December 2024',
              correct: true,
              feedback: 'Right, without a vote; it opened for signature in Hanoi in 2025.',
            },
            { text: 'It has not been adopted', feedback: 'No. It was adopted in 2024.' },
          ],
        },
      ],
    },
    {
      slug: 'un-process-global-mechanism',
      title: 'The Global Mechanism (2026 onwards)',
      questions: ['What is the Global Mechanism, and how is it organised?', 'How can States and other stakeholders take part?'],
      body: `The final OEWG report of July 2025 settled the permanence debate, including the PoA proposal, with a single-track body: the **Global Mechanism on developments in the field of ICTs in the context of international security and advancing responsible State behaviour in the use of ICTs**. The General Assembly endorsed it in 2025 (A/RES/80/16).

It is a **permanent subsidiary body** of the General Assembly reporting to the First Committee. In each two-year cycle it holds a **substantive plenary** every year, and it has two **dedicated thematic groups**: one thematic and one on capacity-building. Its elements are set out in annex C of the 2024 progress report (A/79/214) and annex I of the final report (A/80/257), which also sets out how stakeholders take part.

Its calendar so far: an organisational session on **30–31 March 2026**, the first substantive plenary on **20–24 July 2026**, and meetings of the dedicated thematic groups on **7–11 December 2026**. It carries on the work on the whole framework: threats, norms, international law, confidence-building and capacity-building.`,
      reflection: `For the first time, the dialogue has no end date. Permanence makes long-term implementation work possible, but it can also make it easier to postpone decisions.

What should your State aim to get out of the first full cycle of the Global Mechanism?`,
      engage: `- Make sure your State's [points of contact](/directory) are nominated and current before the next plenary.
- Prepare or update your State's [national report](/reports) so that it can inform the thematic groups.
- Comment below on which topic the capacity-building group should take first.`,
      checks: [
        {
          prompt: 'Which best describes the Global Mechanism?',
          options: [
            {
              text: 'A permanent subsidiary body of the General Assembly reporting to the First Committee',
              correct: true,
              feedback: 'Right: single-track and permanent, with yearly plenaries and two thematic groups.',
            },
            { text: 'A new GGE with 25 experts', feedback: 'No. The GGE format was not renewed after 2021.' },
            {
              text: 'A body of the Security Council',
              feedback: 'No. It reports to the General Assembly through the First Committee.',
            },
          ],
        },
        {
          prompt: "When was the Global Mechanism's first substantive plenary?",
          options: [
            { text: '30–31 March 2026', feedback: 'No. That was the organisational session.' },
            { text: '20–24 July 2026', correct: true, feedback: 'Right.' },
            { text: '11 July 2025', feedback: 'No. That is when the OEWG adopted its final report.' },
          ],
        },
      ],
    },
  ],
};

/** One lesson per norm: what to ask, a short account, a reflection and a self-check; the norm page has the rest. */
function normLesson(
  letter: string,
  title: string,
  questions: string[],
  body: string,
  reflection: string,
  check: CheckSeed,
): LessonSeed {
  return {
    slug: `norm-${letter}`,
    title: `Norm (${letter}): ${title}`,
    questions,
    body: `${body}\n\nRead the official text, the implementation actions and who acts on the [norm (${letter}) page](/norms/${letter}).`,
    reflection,
    engage: `- Find which office in your government leads on norm (${letter}), and what it has reported.\n- Open the [norm (${letter}) page](/norms/${letter}) and comment on one implementation action you have seen work.`,
    norm: letter,
    checks: [check],
  };
}

const normsInPractice: ModuleSeed = {
  slug: 'norms-in-practice',
  title: 'The eleven norms in practice',
  summary:
    'One lesson per norm of the 2015 GGE report (A/70/174 §13): what it asks of States, how States implement it, and a short self-check.',
  lessons: [
    normLesson(
      'a',
      'Cooperation for stability and security',
      ['What does cooperation between States on ICT security look like day to day?'],
      'Norm (a) asks States to cooperate to increase stability and security in the use of ICTs and to prevent practices that are harmful or threaten international peace. In practice it starts at home: a national strategy, a lead agency, and a place in government where diplomats and technical teams meet. Abroad it means taking part in UN and regional dialogue and sharing how the norms are implemented.',
      'Cooperation is easy to promise. Which single step would show a partner State that your State means it?',
      {
        prompt: 'Which is an example of implementing norm (a)?',
        options: [
          {
            text: 'Sharing a national cyber strategy in a regional forum',
            correct: true,
            feedback: 'Right: transparency about national measures builds the cooperation the norm asks for.',
          },
          {
            text: 'Keeping all national policies confidential',
            feedback: 'No. Norm (a) is about cooperation and openness, not secrecy.',
          },
          {
            text: 'Responding to incidents without telling anyone',
            feedback: 'No. That may sometimes be lawful, but it is not cooperation.',
          },
        ],
      },
    ),
    normLesson(
      'b',
      'Consider all relevant information',
      ['What should a State weigh before concluding who is behind an ICT incident?'],
      'Norm (b) asks States, when an incident occurs, to consider all relevant information: the larger context, the difficulty of attribution in the ICT environment, and the nature and extent of the consequences. It does not forbid attribution; it asks for care. States implement it with a national process to assess incidents, technical and political evidence, and consultation before escalation.',
      'Attribution is both a technical finding and a political decision. Who in your State makes each of the two, and how do they talk to each other?',
      {
        prompt: 'What does norm (b) ask of a State facing an ICT incident?',
        options: [
          { text: 'Never to attribute incidents publicly', feedback: 'No. The norm asks for care, not silence.' },
          { text: 'To consider all relevant information, including context and consequences', correct: true, feedback: 'Right.' },
          { text: 'To respond within 24 hours', feedback: 'No. The norm sets no deadline.' },
        ],
      },
    ),
    normLesson(
      'c',
      'Prevent misuse of your territory',
      ['What should a State do when told its territory is used for an attack on another State?'],
      'Norm (c) says States should not knowingly allow their territory to be used for internationally wrongful acts using ICTs. Once aware, a State is expected to act: look into the report, take reasonable steps, and answer the State that raised it. The 2021 guidance adds that States lacking capacity can ask for help, and that an operation launched from a territory does not by itself prove that State is responsible.',
      'Your CERT receives a notification from another State about a server in your country. Who should acknowledge it, and how fast?',
      {
        prompt: "Under norm (c), does an attack coming from a State's territory prove that State is responsible?",
        options: [
          { text: 'Yes, always', feedback: 'No. The guidance says this alone is not enough to attribute responsibility.' },
          {
            text: 'No, but once aware the State should act on it',
            correct: true,
            feedback: 'Right: knowledge triggers the expectation to act.',
          },
          {
            text: 'Only if the attack is against critical infrastructure',
            feedback: 'No. The norm is not limited to critical infrastructure.',
          },
        ],
      },
    ),
    normLesson(
      'd',
      'Cooperation against crime and terrorism',
      ['How do States cooperate to stop criminal and terrorist use of ICTs?'],
      'Norm (d) asks States to consider how best to cooperate to exchange information, help each other, and prosecute terrorist and criminal use of ICTs. It relies on laws that allow cooperation, dedicated units, trained investigators and prosecutors, rules on electronic evidence, and regional and international agreements such as the Budapest Convention and the UN Convention against Cybercrime.',
      'Mutual legal assistance can take months while data lasts days. What could shorten that gap without weakening safeguards?',
      {
        prompt: 'Which is typical implementation of norm (d)?',
        options: [
          {
            text: 'A 24/7 contact point for cross-border requests on electronic evidence',
            correct: true,
            feedback: 'Right: it makes fast cooperation on evidence possible.',
          },
          { text: 'Blocking all foreign requests for data', feedback: 'No. That is the opposite of cooperation.' },
          { text: 'Leaving cybercrime to the private sector', feedback: 'No. The norm is about States working together.' },
        ],
      },
    ),
    normLesson(
      'e',
      'Human rights and privacy',
      ['How do human rights apply to State measures on ICT security?'],
      'Norm (e) asks States to respect the Human Rights Council and General Assembly resolutions on the promotion and protection of human rights on the Internet and on the right to privacy in the digital age, to guarantee full respect for human rights, including the right to freedom of expression. Security measures, from surveillance to content rules, should be lawful, necessary and proportionate, with oversight.',
      'Think of one security measure your State took in recent years. How was its effect on privacy and expression assessed?',
      {
        prompt: 'What does norm (e) ask of States?',
        options: [
          {
            text: 'To put security before human rights in a crisis',
            feedback: 'No. The norm asks States to respect human rights in securing ICTs.',
          },
          { text: 'To respect the UN resolutions on human rights online and privacy', correct: true, feedback: 'Right.' },
          { text: 'To adopt a single global content policy', feedback: 'No. The norm does not call for one.' },
        ],
      },
    ),
    normLesson(
      'f',
      'Do not damage critical infrastructure',
      ['Which activities does norm (f) rule out, and why does it matter even in peacetime?'],
      'Norm (f) says a State should not conduct or knowingly support ICT activity, contrary to its obligations under international law, that intentionally damages critical infrastructure or impairs its use and operation to provide services to the public. It includes not using proxies for such operations. Health care, energy and water are among the sectors most often named.',
      'Critical infrastructure differs from State to State. Has your State said publicly which sectors it considers critical?',
      {
        prompt: 'Norm (f) is about…',
        options: [
          {
            text: 'Not conducting or supporting ICT activity that damages critical infrastructure',
            correct: true,
            feedback: 'Right: it is a restraint on States themselves.',
          },
          { text: "Protecting one's own infrastructure", feedback: 'Close, but that is norm (g).' },
          { text: 'Reporting vulnerabilities', feedback: 'No. That is norm (j).' },
        ],
      },
    ),
    normLesson(
      'g',
      'Protect critical infrastructure',
      ['What does a State need to protect its own critical infrastructure?'],
      'Norm (g) asks States to take appropriate measures to protect their critical infrastructure from ICT threats, taking account of the General Assembly resolution on a global culture of cybersecurity. States identify sectors and operators, set security requirements, run exercises, and work with the private owners of most infrastructure.',
      'Most critical infrastructure is privately owned. What gives your State the standing to ask its operators for security measures?',
      {
        prompt: 'Who usually owns most critical infrastructure, and why does that matter for norm (g)?',
        options: [
          { text: 'The State, so the norm is easy to implement', feedback: 'No. In many States most operators are private.' },
          {
            text: 'Private companies, so States must work with them',
            correct: true,
            feedback: 'Right: public–private cooperation is central to this norm.',
          },
          { text: 'International organisations', feedback: 'No.' },
        ],
      },
    ),
    normLesson(
      'h',
      'Respond to requests for assistance',
      ['What makes a request for assistance "appropriate", and how should it be answered?'],
      'Norm (h) asks States to respond to appropriate requests for assistance from another State whose critical infrastructure is subject to malicious ICT acts, and to respond to requests to mitigate such activity from their territory, with due regard to sovereignty. It depends on known points of contact, agreed channels and templates, and clear timelines for acknowledgement.',
      'An urgent request arrives on a Friday night. Does your State have a named person who would see it, and an agreed way to acknowledge it?',
      {
        prompt: 'What does norm (h) depend on most in practice?',
        options: [
          {
            text: 'Known points of contact and agreed channels',
            correct: true,
            feedback: 'Right: the POC directory and communication templates exist for this.',
          },
          { text: 'A binding treaty', feedback: 'No. The norm is voluntary and works through cooperation.' },
          { text: 'Public attribution', feedback: 'No. Assistance does not require attribution.' },
        ],
      },
    ),
    normLesson(
      'i',
      'Integrity of the supply chain',
      ['How can States reduce risks in the ICT supply chain without closing markets?'],
      'Norm (i) asks States to take reasonable steps to ensure the integrity of the supply chain, so that end users can trust ICT products, and to prevent the spread of malicious tools and techniques and the use of harmful hidden functions. Implementation includes risk assessment, procurement rules, certification, and sharing good practice with industry.',
      'Supply-chain rules can be used for security or for protectionism. How would you show a partner that yours are about security?',
      {
        prompt: 'Which concern is central to norm (i)?',
        options: [
          { text: 'Harmful hidden functions in ICT products', correct: true, feedback: 'Right: the norm names them explicitly.' },
          { text: 'Prices of ICT products', feedback: 'No. The norm is about integrity and trust, not price.' },
          { text: 'Internet governance', feedback: 'No.' },
        ],
      },
    ),
    normLesson(
      'j',
      'Responsible reporting of vulnerabilities',
      ['Why should States encourage the reporting of ICT vulnerabilities, and how?'],
      'Norm (j) asks States to encourage responsible reporting of ICT vulnerabilities and to share information on available remedies, to limit and possibly eliminate threats. States implement it with coordinated vulnerability disclosure policies, legal protection for good-faith researchers, and national processes to share patches and mitigations.',
      "A researcher finds a flaw in a government system. Is it safe, under your State's law, for them to report it?",
      {
        prompt: 'Which measure implements norm (j)?',
        options: [
          { text: 'A coordinated vulnerability disclosure policy', correct: true, feedback: 'Right.' },
          { text: 'Prosecuting everyone who reports a flaw', feedback: 'No. That discourages the reporting the norm asks for.' },
          { text: 'Keeping patches secret', feedback: 'No. The norm asks States to share remedies.' },
        ],
      },
    ),
    normLesson(
      'k',
      'Do no harm to emergency response teams',
      ['Why are CERTs and CSIRTs protected by a norm of their own?'],
      "Norm (k) says States should not conduct or knowingly support activity to harm the information systems of another State's authorised emergency response teams, and should not use their own teams for malicious international activity. Response teams work across borders on trust; if they are attacked or misused, that trust and the help it brings disappear.",
      'Your national CERT cooperates with peers abroad. What would it lose if a partner believed it served intelligence operations?',
      {
        prompt: 'Norm (k) protects…',
        options: [
          {
            text: 'Computer emergency response teams (CERTs/CSIRTs)',
            correct: true,
            feedback: 'Right: States should not harm them nor use their own for malicious activity.',
          },
          {
            text: 'Telecommunication operators',
            feedback: 'No. They may be critical infrastructure (norms f and g), but norm (k) is about response teams.',
          },
          { text: 'Diplomatic missions', feedback: 'No.' },
        ],
      },
    ),
  ],
};

const cbmsAndPocs: ModuleSeed = {
  slug: 'cbms-and-pocs',
  title: 'Confidence-building measures and points of contact',
  summary:
    'Why States build confidence in cyberspace, the regional and global measures they have agreed, and how a points-of-contact directory works in practice.',
  lessons: [
    {
      slug: 'cbms-why',
      title: 'Why confidence-building measures?',
      questions: ['What is a confidence-building measure, and what risk does it reduce?', 'Where did cyber CBMs first appear?'],
      body: `Operations in cyberspace are hard to see and hard to attribute, and a misread incident can escalate. **Confidence-building measures** (CBMs) reduce that risk through transparency, communication and cooperation: States tell each other about their doctrines and structures, keep channels open, and help each other.

Regional organisations led the way. The **OSCE** adopted a first set of cyber CBMs in 2013 and a second in 2016, sixteen in all; the **OAS** agreed its own, and ASEAN and the African Union work on theirs. At the UN, the 2021–2025 OEWG agreed an initial list of **voluntary global CBMs**, starting with the nomination of national points of contact.

Browse the [CBMs](/cbms) to see each measure and the norms it supports.`,
      reflection: `CBMs work only if States use them when things are tense, not only when relations are good.

Which CBM would your State still use at a moment of crisis with a neighbour, and why?`,
      engage: `- Find which regional CBMs your State has committed to, on the [CBMs](/cbms) page.
- Ask your ministry whether your State has shared its national cyber strategy or doctrine with a regional organisation.`,
      checks: [
        {
          prompt: 'What is the main purpose of a cyber CBM?',
          options: [
            {
              text: 'To reduce the risk of misperception and escalation',
              correct: true,
              feedback: 'Right: transparency and communication make misreadings less likely.',
            },
            { text: 'To punish States that break the norms', feedback: 'No. CBMs are cooperative, not punitive.' },
            { text: 'To replace international law', feedback: 'No. CBMs sit beside international law and the norms.' },
          ],
        },
        {
          prompt: 'How many cyber CBMs has the OSCE adopted?',
          options: [
            { text: 'Eleven', feedback: 'No. Eleven is the number of norms.' },
            { text: 'Sixteen', correct: true, feedback: 'Right: eleven in 2013 and five more in 2016.' },
            { text: 'None', feedback: 'No. The OSCE was among the first to adopt cyber CBMs.' },
          ],
        },
      ],
    },
    {
      slug: 'cbms-poc-directory',
      title: 'The Global Points of Contact Directory',
      questions: ["Who are a State's points of contact, and what are they for?", 'How is the directory kept reliable?'],
      body: `The **Global Intergovernmental Points of Contact Directory** was the first global CBM to become operational. After the General Assembly endorsed the 2023 progress report (decision 78/541), UNODA, as directory manager, asked States to nominate their points of contact, ideally by 15 April 2024. By February 2025, 116 States took part.

Each State nominates **diplomatic** and **technical** points of contact. The directory is not public: only participating States see it. A contact is only useful if it answers, so the manager runs **communication checks** ("pings"): every POC is asked to confirm, and those who do not are followed up.

On this platform the [directory](/directory) works the same way: each State's focal point keeps its contacts current, and rounds of checks show who responds.`,
      reflection: `A directory where a third of the entries bounce is worse than none, because it gives false confidence.

What would it take, in your administration, to keep your State's entries current when staff rotate every two or three years?`,
      engage: `- If you are your State's focal point, review your contacts in the [directory](/directory).
- If you are a point of contact, answer the next communication check on the day it arrives.`,
      checks: [
        {
          prompt: 'Who can see the Global POC Directory?',
          options: [
            { text: 'Anyone on the Internet', feedback: 'No. Contact details are never public.' },
            { text: 'Participating States (and the directory manager)', correct: true, feedback: 'Right.' },
            { text: 'Only the Security Council', feedback: 'No.' },
          ],
        },
        {
          prompt: 'What is a "ping" in the directory?',
          options: [
            { text: "A network scan of the State's servers", feedback: 'No. It has nothing to do with network scanning.' },
            {
              text: 'A communication check that each POC confirms',
              correct: true,
              feedback: 'Right: it shows that the contact is still reachable.',
            },
            { text: 'A formal diplomatic protest', feedback: 'No.' },
          ],
        },
      ],
    },
    {
      slug: 'cbms-in-practice',
      title: 'Using the channels: notifications and requests for assistance',
      questions: ['What should a notification or a request for assistance contain?', 'What happens after it is sent?'],
      body: `Points of contact exist to carry **communications between States**: a notification that an incident seems to come from the other State's territory ([norm c](/norms/c)), a request for assistance for critical infrastructure under attack ([norm h](/norms/h)), an exchange of information, or a report of a vulnerability ([norm j](/norms/j)).

A good communication says **what happened, what is asked, and by when**, with the technical indicators the other side needs, and a marking of how far it may be shared (the Traffic Light Protocol). The recipient **acknowledges** it promptly, even before it has an answer, and then responds.

On this platform, [communications](/communications) follow that pattern: each message is delivered to the recipient State's POCs, acknowledged, answered, and kept with its full history.`,
      reflection: `An acknowledgement costs a minute and says "we have seen this, we are on it".

Why do you think acknowledgement is so often forgotten, and what could make it routine in your team?`,
      engage: `- Agree inside your government who acknowledges a request outside office hours.
- Run a table-top exercise with a partner State using a notification and a request for assistance.`,
      checks: [
        {
          prompt: 'What should a recipient do first with a request for assistance?',
          options: [
            { text: 'Acknowledge it promptly', correct: true, feedback: 'Right: acknowledgement comes before the full answer.' },
            { text: 'Wait until it has a full answer', feedback: 'No. The sender needs to know the request arrived.' },
            { text: 'Forward it to the press', feedback: 'No. Respect its TLP marking.' },
          ],
        },
        {
          prompt: 'What does a TLP marking say?',
          options: [
            { text: 'How urgent the message is', feedback: 'No. Urgency is separate.' },
            {
              text: 'How widely the information may be shared',
              correct: true,
              feedback: 'Right: the Traffic Light Protocol sets the sharing limits.',
            },
            { text: 'Which norm was broken', feedback: 'No.' },
          ],
        },
      ],
    },
  ],
};

export const learningModules: ModuleSeed[] = [unProcess, normsInPractice, cbmsAndPocs];
