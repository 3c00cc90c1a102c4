// What every STIX 2.1 export of the platform shares: UUIDv5 ids minted the same way on every instance, the
// TLP 2.0 marking-definition objects as OASIS publishes them (cti-stix-common-objects, tlp-2.0), and one
// identity per State. Pure; no feature's data.
import { createHash } from 'node:crypto';

export const TLPS = ['clear', 'green', 'amber', 'amber+strict', 'red'] as const;
export type Tlp = (typeof TLPS)[number];

export const TLP_EXTENSION = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';
export const TLP_MARKINGS: Record<Tlp, string> = {
  clear: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  green: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  amber: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'amber+strict': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  red: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
};

/** The TLP 2.0 label of a marking-definition id, or undefined for any other marking. */
export function tlpOfMarking(id: unknown): Tlp | undefined {
  return TLPS.find((t) => TLP_MARKINGS[t] === id);
}

/** The stricter of two TLP labels (CLEAR < GREEN < AMBER < AMBER+STRICT < RED). */
export const stricterTlp = (a: Tlp, b: Tlp): Tlp => (TLPS.indexOf(a) >= TLPS.indexOf(b) ? a : b);

/** The OASIS TLP 2.0 marking-definition object, exactly as published. */
export function tlpMarkingDefinition(tlp: Tlp) {
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: TLP_MARKINGS[tlp],
    created: '2022-10-01T00:00:00.000Z',
    name: `TLP:${tlp.toUpperCase()}`,
    extensions: { [TLP_EXTENSION]: { extension_type: 'property-extension', tlp_2_0: tlp } },
  };
}

/** The namespace of this platform's UUIDv5 ids. */
const NAMESPACE = 'd6b3e0a4-6a43-4f5e-9a3c-2f1c0c8b7e51';

/** RFC 9562 UUID version 5 (SHA-1, name-based). */
export function uuidv5(name: string, namespace = NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1')
    .update(Buffer.concat([ns, Buffer.from(name, 'utf8')]))
    .digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const h = hash.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The source name of the external reference that carries a State's ISO 3166-1 alpha-3 code. */
export const ISO_SOURCE = 'ISO 3166-1 alpha-3';
/** The fixed creation time of the State identities (they never change, so they have one version). */
export const STATE_IDENTITY_CREATED = '2026-01-01T00:00:00.000Z';

/** A State's identity id: the same on every instance, for the same ISO code. */
export const stateIdentityId = (code: string) => `identity--${uuidv5(`state:${code}`)}`;

/** A State as a STIX identity (a national government). */
export function stateIdentity(code: string, name: string) {
  return {
    type: 'identity',
    spec_version: '2.1',
    id: stateIdentityId(code),
    created: STATE_IDENTITY_CREATED,
    modified: STATE_IDENTITY_CREATED,
    name,
    identity_class: 'organization',
    sectors: ['government-national'],
    external_references: [{ source_name: ISO_SOURCE, external_id: code }],
  };
}

/** A STIX timestamp that names a real instant a database can hold: no year 0, no 13th month, no 30 February. */
export function isStixTimestamp(v: unknown): v is string {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(v)) return false;
  const d = new Date(v);
  return !Number.isNaN(d.getTime()) && d.getUTCFullYear() >= 1 && d.toISOString().slice(0, 19) === v.slice(0, 19);
}
