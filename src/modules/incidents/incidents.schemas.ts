// The API's shapes (validation, types and OpenAPI in one) and how a view becomes its JSON.
import { z } from 'zod';
import type { FieldProblem } from '../../platform/errors.ts';
import { schemaProblems } from '../../platform/http/error-handler.ts';
import type { IncidentView } from './incidents.service.ts';
import {
  ATTRIBUTED_KINDS,
  CLAIM_BASES,
  CLAIMANT_KINDS,
  INCIDENT_TYPES,
  NORM_BASES,
  NORM_LETTERS,
  SECTORS,
  STANCES,
  STATUSES,
} from './incidents.vocab.ts';

const code = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 3166-1 alpha-3 code');
const partialDate = z.object({ date: z.string(), precision: z.enum(['year', 'month', 'day']) }).nullable();

export const filterQuery = z.object({
  year: z.coerce.number().int().min(1990).max(2100).optional(),
  type: z.enum(INCIDENT_TYPES).optional(),
  target: code.optional(),
  region: z.enum(['african', 'asia-pacific', 'eastern-european', 'latin-american-caribbean', 'weog']).optional(),
  sector: z.enum(SECTORS).optional(),
  attributor: code.optional(),
  attributed: z.string().max(200).optional(),
  norm: z.enum(NORM_LETTERS as [string, ...string[]]).optional(),
  contested: z.enum(['yes', 'no']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).optional().describe('The page of 50, from 1'),
});
export type FilterQuery = z.infer<typeof filterQuery>;

/**
 * The list page's filter, parsed by the API's schema: the filters refused as the API refuses them (each named,
 * with why), and the others, which the page still applies.
 */
export function readFilter(query: unknown): { filter: FilterQuery; refused: FieldProblem[] } {
  const parsed = filterQuery.safeParse(query);
  if (parsed.success) return { filter: parsed.data, refused: [] };
  const refused = schemaProblems(parsed.error.issues);
  const bad = new Set(parsed.error.issues.map((i) => String(i.path[0])));
  const rest = Object.fromEntries(Object.entries((query ?? {}) as object).filter(([key]) => !bad.has(key)));
  return { filter: filterQuery.safeParse(rest).data ?? {}, refused };
}

export const idParams = z.object({ id: z.uuid('must be an id') });
export const positionParams = z.object({ id: z.uuid('must be an id'), code });

const response = z.object({
  id: z.string(),
  state: z.string(),
  stance: z.enum(STANCES),
  statedOn: z.string(),
  summary: z.string(),
  sourceUrl: z.string(),
  unconfirmed: z.boolean(),
  ownStatement: z.boolean().describe("Published by the State's focal point as its own statement"),
});

const claim = z.object({
  id: z.string(),
  claimantKind: z.enum(CLAIMANT_KINDS),
  claimantStates: z.array(z.string()),
  claimantName: z.string(),
  claimedOn: z.string(),
  daysAfterIncident: z.number().nullable().describe('Days from the start (or disclosure) of the incident, when known to the day'),
  basis: z.enum(CLAIM_BASES),
  attributedKind: z.enum(ATTRIBUTED_KINDS),
  attributedState: z.string().nullable(),
  attributedActor: z.string(),
  summary: z.string(),
  sourceUrl: z.string(),
  sourceTitle: z.string(),
  unconfirmed: z.boolean(),
  statedByState: z.string().nullable().describe('The State whose own statement this is, published by its focal point'),
  responses: z.array(response),
});

export const incidentSchema = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  types: z.array(z.enum(INCIDENT_TYPES)),
  started: partialDate,
  ended: partialDate,
  disclosed: partialDate,
  targets: z.array(z.string()),
  sectors: z.array(z.string()),
  effects: z.string(),
  sources: z.array(z.object({ title: z.string(), url: z.string(), unconfirmed: z.boolean() })),
  status: z.enum(STATUSES),
  contested: z.boolean().describe('Claims name different perpetrators, or a State denies a claim'),
  claims: z.array(claim).describe('Every claim on its own, never merged'),
  norms: z.array(
    z.object({ norm: z.string(), basis: z.enum(NORM_BASES), invokedBy: z.string().nullable(), rationale: z.string() }),
  ),
  publishedAt: z.string().nullable(),
});

/** What an editor sends: the record with its claims (each with its responses) and norms; checked by the service. */
export const incidentBody = z
  .object({
    title: z.unknown(),
    summary: z.unknown(),
    types: z.unknown().describe(INCIDENT_TYPES.join(', ')),
    started: z.unknown().describe('YYYY, YYYY-MM or YYYY-MM-DD'),
    ended: z.unknown(),
    disclosed: z.unknown(),
    targets: z.unknown().describe('ISO 3166-1 alpha-3 codes'),
    sectors: z.unknown().describe(SECTORS.join(', ')),
    effects: z.unknown(),
    sources: z.unknown().describe('[{ title, url, unconfirmed }]'),
    claims: z
      .unknown()
      .describe('[{ claimantKind, claimantStates, claimantName, claimedOn, basis, attributedKind, …, responses }]'),
    norms: z.unknown().describe('[{ norm, basis, invokedBy, rationale }]'),
  })
  .partial();

export const positionBody = z
  .object({
    kind: z.unknown().describe(['attribution', ...STANCES].join(', ')),
    claim: z.unknown().describe('The claim supported, denied or commented on'),
    statedOn: z.unknown(),
    summary: z.unknown(),
    sourceUrl: z.unknown(),
    attributedKind: z.unknown(),
    attributedState: z.unknown(),
    attributedActor: z.unknown(),
  })
  .partial();

/** A STIX 2.1 bundle as exported (docs/incidents.md, "STIX 2.1"). */
export const stixBundleSchema = z.object({
  type: z.literal('bundle'),
  id: z.string(),
  objects: z.array(z.record(z.string(), z.unknown())),
});

/** A STIX 2.1 bundle to import; checked by the service, which names the bundle's field it refuses. */
export const stixBody = z
  .object({
    type: z.unknown().describe('bundle'),
    id: z.unknown(),
    objects: z.unknown().describe('One incident, its attributed-to relationships, the opinions on them, identities, markings'),
  })
  .partial();

export const importResult = z.object({
  id: z.string().describe('The new draft'),
  stixId: z.string(),
  tlp: z.string(),
  claims: z.number(),
  responses: z.number(),
  ignored: z.array(z.string()).describe('Objects the record has no place for'),
});

const pd = (date: string | null, precision: string | null) =>
  date && precision ? { date, precision: precision as 'year' | 'month' | 'day' } : null;

export function presentIncident(v: IncidentView): z.infer<typeof incidentSchema> {
  const i = v.incident;
  return {
    id: i.id,
    title: i.title,
    summary: i.summary,
    types: i.types as z.infer<typeof incidentSchema>['types'],
    started: pd(i.started_on, i.started_precision),
    ended: pd(i.ended_on, i.ended_precision),
    disclosed: pd(i.disclosed_on, i.disclosed_precision),
    targets: i.targets,
    sectors: i.sectors,
    effects: i.effects,
    sources: i.sources.map((s) => ({ title: s.title, url: s.url, unconfirmed: Boolean(s.unconfirmed) })),
    status: i.status as 'draft',
    contested: v.contested,
    claims: v.claims.map((c) => ({
      id: c.id,
      claimantKind: c.claimant_kind as 'state',
      claimantStates: c.claimant_states,
      claimantName: c.claimant_name,
      claimedOn: c.claimed_on,
      daysAfterIncident: c.days,
      basis: c.basis as 'other',
      attributedKind: c.attributed_kind as 'unknown',
      attributedState: c.attributed_state,
      attributedActor: c.attributed_actor,
      summary: c.summary,
      sourceUrl: c.source_url,
      sourceTitle: c.source_title,
      unconfirmed: c.unconfirmed,
      statedByState: c.stated_by_state,
      responses: c.responses.map((r) => ({
        id: r.id,
        state: r.state_code,
        stance: r.stance as 'comments',
        statedOn: r.stated_on,
        summary: r.summary,
        sourceUrl: r.source_url,
        unconfirmed: r.unconfirmed,
        ownStatement: r.own_statement,
      })),
    })),
    norms: v.norms.map((n) => ({
      norm: n.norm_letter,
      basis: n.basis as 'editors',
      invokedBy: n.invoked_by || null,
      rationale: n.rationale,
    })),
    publishedAt: i.published_at ? new Date(i.published_at).toISOString() : null,
  };
}

/** The service's filter from the query. */
export const filterOf = (q: FilterQuery) => ({
  year: q.year ?? null,
  type: q.type ?? null,
  target: q.target ?? null,
  region: q.region ?? null,
  sector: q.sector ?? null,
  attributor: q.attributor ?? null,
  attributed: q.attributed ?? null,
  norm: q.norm ?? null,
  contested: q.contested === undefined ? null : q.contested === 'yes',
});
