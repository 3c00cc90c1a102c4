// The incident record as STIX 2.1 (docs/incidents.md, "STIX 2.1"): each incident an `incident` with the OASIS
// Incident Core Extension, each claim its own `attributed-to` relationship created by its claimant, each
// response an `opinion` of the responding State, the norms at stake as references to A/70/174 §13, every
// object marked with the incident's TLP 2.0 marking. What STIX has no field for travels in this platform's
// property extension, declared in the bundle, so an import gives back the same record. Ids are UUIDv5 (or the
// ids an imported record came with), so exporting twice gives the same objects. Pure: the service decides who
// may export what.
import {
  stateIdentity,
  stateIdentityId,
  TLP_MARKINGS,
  TLPS,
  type Tlp,
  tlpMarkingDefinition,
  uuidv5,
} from '../../platform/stix.ts';
import type { IncidentView } from './incidents.service.ts';
import { partialDateText } from './incidents.validate.ts';

/** OASIS Incident Core Extension (cti-stix-common-objects, extension-definition-specifications/incident-core). */
export const INCIDENT_CORE = 'extension-definition--ef765651-680c-498d-9894-99799f2fa126';
/** This platform's property extension: the record's own fields, on incidents, claims and opinions. */
export const RECORD_EXTENSION = `extension-definition--${uuidv5('cybernorms:incident-record:1')}`;
const PLATFORM = `identity--${uuidv5('platform:cybernorms')}`;
/** When the extension, the claimants and the actors minted here were defined: they have one version. */
const DEFINED = '2026-12-01T00:00:00.000Z';

export const UN_DOC = { source_name: 'A/70/174', url: 'https://undocs.org/A/70/174' };
export const normReference = (letter: string) => `A/70/174 para 13(${letter})`;

/** EuRepoC's incident types in Incident Core's incident-type-ov, where a value says the same (never a guess). */
const CORE_TYPES: Record<string, string[]> = {
  data_theft: ['unauthorized-access'],
  data_theft_doxing: ['unauthorized-access', 'unauthorized-release'],
  disruption: ['denial-of-service'],
  hijacking_with_misuse: ['compromised-system', 'unauthorized-use'],
  hijacking_without_misuse: ['compromised-system'],
  ransomware: ['compromised-system'],
};

/** A stance as an opinion's value, and back (agree/strongly-agree support, disagree/strongly-disagree deny). */
export const OPINION_OF = { supports: 'agree', denies: 'strongly-disagree', comments: 'neutral' } as const;

/** What a claim's confidence is when its claimant gave none: the claimant asserts it, High on STIX's None/Low/Med/High scale. */
export const ASSERTED = 85;

const day = (d: string) => `${d}T00:00:00.000Z`;
const ts = (d: Date | string) => new Date(d).toISOString();
/** A claim's or response's `modified`: its day, or later when an approved change altered it (a new version). */
const modifiedOf = (d: string, changed: Date | null | undefined) => (changed && ts(changed) > day(d) ? ts(changed) : day(d));
const partial = (date: string | null, precision: string | null) => partialDateText(date, precision) || undefined;
/** Leaves out what is undefined and empty lists (STIX allows no empty list). */
const clean = <T extends Record<string, unknown>>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && !(Array.isArray(v) && !v.length))) as T;

/** The STIX id of an incident made here, minted from its own id. */
export const mintedIncidentId = (id: string) => `incident--${uuidv5(`incident:${id}`)}`;
export const incidentStixId = (v: IncidentView) => v.incident.stix_id ?? mintedIncidentId(v.incident.id);
export const claimStixId = (incident: string, c: { id: string; stix_id: string | null }) =>
  c.stix_id ?? `relationship--${uuidv5(`incident:${incident}:claim:${c.id}`)}`;
const responseStixId = (incident: string, r: { id: string; stix_id: string | null }) =>
  r.stix_id ?? `opinion--${uuidv5(`incident:${incident}:response:${r.id}`)}`;

type Claim = IncidentView['claims'][number];
type Obj = Record<string, unknown> & { id: string };

/** Who made a claim: a State's identity, or one minted from the claimant's kind, States and name. */
function claimant(c: Claim, names: Map<string, string>): Obj {
  if (c.claimant_kind === 'state') return stateIdentity(c.claimant_states[0], names.get(c.claimant_states[0]) ?? '');
  const states = [...c.claimant_states].sort();
  return {
    type: 'identity',
    spec_version: '2.1',
    id: `identity--${uuidv5(`claimant:${c.claimant_kind}:${states.join(',')}:${c.claimant_name.toLowerCase()}`)}`,
    created: DEFINED,
    modified: DEFINED,
    name: c.claimant_name || states.map((s) => names.get(s) ?? s).join(', '),
    identity_class: c.claimant_kind === 'states_jointly' || c.claimant_kind === 'researchers' ? 'group' : 'organization',
  };
}

/** What a claim attributes the incident to: a State's identity, or a threat actor named by the claim. */
function attributed(c: Claim, names: Map<string, string>): Obj {
  if (c.attributed_kind === 'state' && c.attributed_state)
    return stateIdentity(c.attributed_state, names.get(c.attributed_state) ?? '');
  const unknown = c.attributed_kind === 'unknown';
  const name = unknown ? 'Unknown' : c.attributed_actor || (names.get(c.attributed_state ?? '') ?? '');
  const seed = unknown ? 'actor:unknown' : `actor:${c.attributed_kind}:${c.attributed_state ?? ''}:${name.toLowerCase()}`;
  return clean({
    type: 'threat-actor',
    spec_version: '2.1',
    id: `threat-actor--${uuidv5(seed)}`,
    created: DEFINED,
    modified: DEFINED,
    name,
    threat_actor_types: unknown ? ['unknown'] : c.attributed_kind === 'state_affiliated' ? ['nation-state'] : undefined,
  });
}

/** One incident's own objects: the incident, its claims, the opinions on them; and the objects they refer to. */
function incidentObjects(v: IncidentView, names: Map<string, string>) {
  const i = v.incident;
  const marking = [TLP_MARKINGS[i.tlp as Tlp]];
  const id = incidentStixId(v);
  const letters = [...new Set(v.norms.map((n) => n.norm_letter))].sort();
  const referred: Obj[] = [];
  const own: Obj[] = [
    clean({
      type: 'incident',
      spec_version: '2.1',
      id,
      created: ts(i.created_at),
      modified: ts(i.updated_at),
      name: i.title,
      description: i.summary || undefined,
      external_references: [
        ...i.sources.map((s) => ({ source_name: s.title, url: s.url })),
        ...letters.map((l) => ({ ...UN_DOC, external_id: normReference(l) })),
      ],
      object_marking_refs: marking,
      extensions: {
        [INCIDENT_CORE]: clean({
          extension_type: 'property-extension',
          determination: 'successful-attempt',
          investigation_status: i.ended_on ? 'closed' : 'open',
          incident_types: [...new Set(i.types.flatMap((t) => CORE_TYPES[t] ?? []))],
        }),
        [RECORD_EXTENSION]: clean({
          extension_type: 'property-extension',
          incident_types: i.types,
          started: partial(i.started_on, i.started_precision),
          ended: partial(i.ended_on, i.ended_precision),
          disclosed: partial(i.disclosed_on, i.disclosed_precision),
          targets: i.targets,
          sectors: i.sectors,
          effects: i.effects || undefined,
          unconfirmed_sources: i.sources.filter((s) => s.unconfirmed).map((s) => s.url),
          norms: v.norms.map((n) =>
            clean({ norm: n.norm_letter, basis: n.basis, invoked_by: n.invoked_by || undefined, rationale: n.rationale }),
          ),
        }),
      },
    }),
  ];
  for (const c of v.claims) {
    const by = claimant(c, names);
    const to = attributed(c, names);
    const claimId = claimStixId(i.id, c);
    referred.push(by, to);
    own.push(
      clean({
        type: 'relationship',
        spec_version: '2.1',
        id: claimId,
        created: day(c.claimed_on),
        modified: modifiedOf(c.claimed_on, c.changed_at),
        created_by_ref: by.id,
        relationship_type: 'attributed-to',
        source_ref: id,
        target_ref: to.id,
        description: c.summary || undefined,
        confidence: c.confidence ?? ASSERTED,
        external_references: [{ source_name: c.source_title || 'statement', url: c.source_url }],
        object_marking_refs: marking,
        extensions: {
          [RECORD_EXTENSION]: clean({
            extension_type: 'property-extension',
            claimant_kind: c.claimant_kind,
            claimant_states: c.claimant_states,
            claimant_name: c.claimant_name || undefined,
            basis: c.basis,
            attributed_kind: c.attributed_kind,
            attributed_state: c.attributed_state ?? undefined,
            attributed_actor: c.attributed_actor || undefined,
            source_title: c.source_title || undefined,
            unconfirmed: c.unconfirmed,
          }),
        },
      }),
    );
    for (const r of c.responses) {
      referred.push(stateIdentity(r.state_code, names.get(r.state_code) ?? ''));
      own.push(
        clean({
          type: 'opinion',
          spec_version: '2.1',
          id: responseStixId(i.id, r),
          created: day(r.stated_on),
          modified: modifiedOf(r.stated_on, r.changed_at),
          created_by_ref: stateIdentityId(r.state_code),
          object_refs: [claimId],
          opinion: OPINION_OF[r.stance as keyof typeof OPINION_OF],
          explanation: r.summary || undefined,
          external_references: r.source_url ? [{ source_name: 'statement', url: r.source_url }] : undefined,
          object_marking_refs: marking,
          extensions: {
            [RECORD_EXTENSION]: { extension_type: 'property-extension', unconfirmed: r.unconfirmed },
          },
        }),
      );
    }
  }
  return { own, referred, tlp: i.tlp as Tlp };
}

/** The extension that carries the record's own fields, declared so consumers know what it is. */
const definitions = (): Obj[] => [
  {
    type: 'identity',
    spec_version: '2.1',
    id: PLATFORM,
    created: DEFINED,
    modified: DEFINED,
    name: 'cybernorms',
    identity_class: 'system',
  },
  {
    type: 'extension-definition',
    spec_version: '2.1',
    id: RECORD_EXTENSION,
    created: DEFINED,
    modified: DEFINED,
    created_by_ref: PLATFORM,
    name: 'cybernorms incident record',
    description:
      'The fields of an incident record that STIX has no property for: EuRepoC incident types, dates at their precision, targeted States and sectors, the norms at stake and whose reading each is; for each claim its claimant and what it attributes the incident to, as coded; whether a source, claim or opinion could not be confirmed.',
    schema: 'cybernorms, docs/incidents.md, section "STIX 2.1"',
    version: '1.0',
    extension_types: ['property-extension'],
  },
];

/** A bundle of these incidents: the markings they use, the extension, the identities and actors, each once. */
export function incidentsBundle(views: IncidentView[], names: Map<string, string>) {
  const parts = views.map((v) => incidentObjects(v, names));
  const tlps = TLPS.filter((t) => parts.some((p) => p.tlp === t));
  const referred = new Map<string, Obj>();
  for (const o of parts.flatMap((p) => p.referred)) referred.set(o.id, o);
  const own = parts.flatMap((p) => p.own);
  const objects = [
    ...tlps.map(tlpMarkingDefinition),
    ...definitions(),
    ...[...referred.values()].sort((a, b) => a.id.localeCompare(b.id)),
    ...own,
  ];
  const seed = own.map((o) => `${o.id}@${o.modified}`).join(',');
  return { type: 'bundle' as const, id: `bundle--${uuidv5(`incidents:${seed}`)}`, objects };
}
