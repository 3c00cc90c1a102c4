// A thread's technical indicators as a STIX 2.1 bundle, marked with the thread's TLP 2.0 marking: the
// marking object as OASIS publishes it (cti-stix-common-objects, tlp-2.0), one identity per State, one
// indicator per indicator, and a grouping that names the thread. Ids are UUIDv5, so exporting twice gives
// the same objects. Pure: the caller decides who may export.
import { createHash } from 'node:crypto';
import type { Indicator, Tlp } from './communications.validate.ts';

const TLP_EXTENSION = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';
export const TLP_MARKINGS: Record<Tlp, string> = {
  clear: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  green: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  amber: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'amber+strict': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  red: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
};

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

const quote = (v: string) => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** The STIX pattern that matches an indicator. */
export function pattern(i: Indicator): string {
  switch (i.type) {
    case 'ipv4':
      return `[ipv4-addr:value = ${quote(i.value)}]`;
    case 'ipv6':
      return `[ipv6-addr:value = ${quote(i.value)}]`;
    case 'domain':
      return `[domain-name:value = ${quote(i.value)}]`;
    case 'url':
      return `[url:value = ${quote(i.value)}]`;
    case 'md5':
      return `[file:hashes.MD5 = ${quote(i.value)}]`;
    case 'sha1':
      return `[file:hashes.'SHA-1' = ${quote(i.value)}]`;
    case 'sha256':
      return `[file:hashes.'SHA-256' = ${quote(i.value)}]`;
  }
}

export interface StixSource {
  threadId: string;
  subject: string;
  tlp: Tlp;
  sentAt: Date;
  states: Record<string, string>;
  messages: { id: string; authorState: string; createdAt: Date; indicators: Indicator[] }[];
}

export function stixBundle(src: StixSource) {
  const marking = TLP_MARKINGS[src.tlp];
  const ts = (d: Date) => new Date(d).toISOString();
  const identity = (code: string) => `identity--${uuidv5(`state:${code}`)}`;
  const identities = Object.entries(src.states).map(([code, name]) => ({
    type: 'identity',
    spec_version: '2.1',
    id: identity(code),
    created: '2026-01-01T00:00:00.000Z',
    modified: '2026-01-01T00:00:00.000Z',
    name,
    identity_class: 'organization',
    sectors: ['government-national'],
    external_references: [{ source_name: 'ISO 3166-1 alpha-3', external_id: code }],
    object_marking_refs: [marking],
  }));
  const seen = new Set<string>();
  const indicators = src.messages.flatMap((m) =>
    m.indicators
      .filter((i) => {
        const k = `${i.type}:${i.value}`;
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
      })
      .map((i) => ({
        type: 'indicator',
        spec_version: '2.1',
        id: `indicator--${uuidv5(`${src.threadId}:${i.type}:${i.value}`)}`,
        created: ts(m.createdAt),
        modified: ts(m.createdAt),
        created_by_ref: identity(m.authorState),
        name: `${i.type} ${i.value}`,
        indicator_types: ['malicious-activity'],
        pattern: pattern(i),
        pattern_type: 'stix',
        pattern_version: '2.1',
        valid_from: ts(m.createdAt),
        object_marking_refs: [marking],
      })),
  );
  // A report, not a grouping: the official bundle schema lists report among the objects it checks, and
  // a grouping there is taken for a custom object that matches two cores at once and fails.
  const report = indicators.length
    ? [
        {
          type: 'report',
          spec_version: '2.1',
          id: `report--${uuidv5(`thread:${src.threadId}`)}`,
          created: ts(src.sentAt),
          modified: ts(src.sentAt),
          created_by_ref: identities[0]?.id,
          name: src.subject,
          report_types: ['indicator'],
          published: ts(src.sentAt),
          object_refs: indicators.map((i) => i.id),
          object_marking_refs: [marking],
        },
      ]
    : [];
  return {
    type: 'bundle' as const,
    id: `bundle--${uuidv5(`bundle:${src.threadId}:${indicators.length}`)}`,
    objects: [
      {
        type: 'marking-definition',
        spec_version: '2.1',
        id: marking,
        created: '2022-10-01T00:00:00.000Z',
        name: `TLP:${src.tlp.toUpperCase()}`,
        extensions: { [TLP_EXTENSION]: { extension_type: 'property-extension', tlp_2_0: src.tlp } },
      },
      ...identities,
      ...indicators,
      ...report,
    ],
  };
}
