// The record's vocabularies, as codes. Where EuRepoC has a category the code is its category's name
// (docs/incidents.md lists each with its EuRepoC label), so a record can be compared with EuRepoC's; the
// interface names each code in the reader's language (messages `incidents.type.*`, `incidents.claimant.*`…).

/** EuRepoC's incident types (its `incident_type`). */
export const INCIDENT_TYPES = [
  'data_theft',
  'data_theft_doxing',
  'disruption',
  'hijacking_with_misuse',
  'hijacking_without_misuse',
  'ransomware',
] as const;

/** Who made a claim: EuRepoC's attributing actors, with a State and several States jointly told apart. */
export const CLAIMANT_KINDS = ['state', 'states_jointly', 'international_org', 'company', 'researchers', 'media'] as const;

/** How the claim was made: EuRepoC's attribution types. */
export const CLAIM_BASES = [
  'political_statement',
  'technical_report',
  'indictment',
  'sanctions',
  'media_report',
  'other',
] as const;

/** What the claim attributes the incident to: EuRepoC's initiator categories. */
export const ATTRIBUTED_KINDS = ['state', 'state_affiliated', 'non_state', 'unknown'] as const;

/** What a State says of a claim. */
export const STANCES = ['supports', 'denies', 'comments'] as const;

/** Whose reading a norm at stake is: a State invoked it in its own statement, or the editors read it so. */
export const NORM_BASES = ['invoked', 'editors'] as const;

/** Targeted sectors: the knowledge base's critical-infrastructure sectors, and EuRepoC's other receiver categories. */
export const SECTORS = [
  'healthcare',
  'energy',
  'water',
  'finance',
  'transport',
  'telecommunications',
  'electoral',
  'humanitarian',
  'internet-core',
  'government',
  'defence',
  'business',
  'media',
  'science',
] as const;

export const STATUSES = ['draft', 'proposed', 'published'] as const;
export const NORM_LETTERS = 'abcdefghijk'.split('');

export type IncidentType = (typeof INCIDENT_TYPES)[number];
export type ClaimantKind = (typeof CLAIMANT_KINDS)[number];
export type ClaimBasis = (typeof CLAIM_BASES)[number];
export type AttributedKind = (typeof ATTRIBUTED_KINDS)[number];
export type Stance = (typeof STANCES)[number];
export type NormBasis = (typeof NORM_BASES)[number];
export type Status = (typeof STATUSES)[number];
export type Precision = 'year' | 'month' | 'day';
