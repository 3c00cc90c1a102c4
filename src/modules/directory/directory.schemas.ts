// The directory's API shapes (zod): what the routes take and answer, and how a contact is presented. They
// become the OpenAPI document; the services still check every field and name each problem.
import { z } from 'zod';
import { CONTACT_KINDS, type Contact, NETWORKS } from './directory.validate.ts';
import { GROUPS } from './pings.validate.ts';

export const iso = z.string().describe('ISO 8601 date-time');
export const toIso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
export const idParams = z.object({ id: z.uuid('must be an id') });

export const contact = z.object({
  id: z.string(),
  state: z.string(),
  state_name: z.string(),
  kind: z.enum(CONTACT_KINDS),
  name: z.string(),
  position: z.string(),
  institution: z.string(),
  email: z.string(),
  phone: z.string(),
  languages: z.array(z.string()),
  time_zone: z.string(),
  all_day: z.boolean(),
  hours: z.string(),
  networks: z.array(z.string()),
  version: z.number().int(),
  effective_from: iso,
  has_account: z.boolean(),
});

export const presentContact = (c: Contact) => ({
  id: c.id,
  state: c.state,
  state_name: c.stateName,
  kind: c.kind,
  name: c.name,
  position: c.position,
  institution: c.institution,
  email: c.email,
  phone: c.phone,
  languages: c.languages,
  time_zone: c.timeZone,
  all_day: c.allDay,
  hours: c.hours,
  networks: c.networks,
  version: c.version,
  effective_from: toIso(c.effectiveFrom) as string,
  has_account: c.userId !== null,
});

/** Loose on purpose: the service validates every field and names each problem. */
export const contactInput = z
  .object({
    kind: z.unknown(),
    name: z.unknown(),
    position: z.unknown(),
    institution: z.unknown(),
    email: z.unknown(),
    phone: z.unknown(),
    languages: z.unknown(),
    timeZone: z.unknown(),
    allDay: z.unknown(),
    hours: z.unknown(),
    networks: z.unknown(),
    effectiveFrom: z.unknown(),
  })
  .partial()
  .describe(
    'kind (diplomatic|technical), name, position, institution, email, phone (+E.164), languages (ISO 639 codes), timeZone (IANA), allDay, hours (unless allDay), networks (GLOBAL, OSCE, OAS, ASEAN, AU, EU), effectiveFrom (optional date)',
  );

export const filterQuery = z.object({
  state: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 3166-1 alpha-3 code')
    .optional(),
  group: z.enum(GROUPS).optional(),
  network: z.enum(NETWORKS).optional(),
  kind: z.enum(CONTACT_KINDS).optional(),
  language: z
    .string()
    .regex(/^[a-z]{2,3}$/, 'must be an ISO 639 code such as en')
    .optional(),
  all_day: z.enum(['true', 'false']).optional(),
});
