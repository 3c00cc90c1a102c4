// The registry's API shapes.
import { z } from 'zod';
import { LOCALES } from '../../platform/i18n/locales.ts';
import { UN_GROUPS } from './registry.service.ts';

const names = z.object(Object.fromEntries(LOCALES.map((l) => [l, z.string()])) as Record<(typeof LOCALES)[number], z.ZodString>);

export const stateCodeParams = z.object({
  code: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 3166-1 alpha-3 code in capitals, e.g. KEN'),
});
export const orgCodeParams = z.object({ code: z.string().regex(/^[A-Z]{2,10}$/, 'must be an organisation code, e.g. OSCE') });

export const statesQuery = z.object({
  group: z
    .enum(UN_GROUPS as [string, ...string[]])
    .optional()
    .describe('UN regional group'),
  organisation: z
    .string()
    .regex(/^[A-Z]{2,10}$/)
    .optional()
    .describe('Only members of this organisation, e.g. OSCE'),
  status: z.enum(['member', 'observer', 'other', 'demo']).optional(),
  lang: z.string().optional(),
});

export const state = z.object({
  code: z.string().describe('ISO 3166-1 alpha-3'),
  alpha2: z.string(),
  status: z.enum(['member', 'observer', 'other', 'demo']),
  un_group: z.string().nullable(),
  name: z.string(),
  names,
  organisations: z.array(z.string()),
  url: z.string(),
});

export const organisation = z.object({
  code: z.string(),
  name: z.string(),
  names,
  url: z.string(),
  members: z.number().int(),
});

export const organisationDetail = organisation.extend({ states: z.array(state) });
