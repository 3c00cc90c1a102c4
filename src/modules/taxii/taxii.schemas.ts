// What TAXII 2.1 (OASIS, taxii-v2.1-os) asks of requests and answers: the media types, the query parameters
// of the object endpoints (§3.4: limit, next, added_after, match[id|type|version|spec_version]), and the
// shapes of discovery, API root, collection, envelope, manifest and versions. Parsing refuses with the
// platform's field problems (400 BAD_INPUT), which the routes send as a TAXII error message.
import { z } from 'zod';
import { errors, fieldProblem } from '../../platform/errors.ts';
import { isStixTimestamp } from '../../platform/stix.ts';

/** The TAXII 2.1 media type (§1.6.8.1): every answer carries it. */
export const TAXII_MEDIA_TYPE = 'application/taxii+json;version=2.1';
/** What a collection holds (§5.2 media_types). */
export const STIX_MEDIA_TYPE = 'application/stix+json;version=2.1';

/** Objects a page holds when the client asks for no limit, and at most. */
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

interface MediaRange {
  type: string;
  params: Record<string, string>;
}

function mediaRanges(header: string): MediaRange[] {
  return header
    .split(',')
    .map((part) => {
      const [type, ...params] = part.split(';').map((s) => s.trim());
      return {
        type: type.toLowerCase(),
        params: Object.fromEntries(
          params.map((p) => {
            const [k, v = ''] = p.split('=');
            return [k.trim().toLowerCase(), v.trim().replace(/^"|"$/g, '')];
          }),
        ),
      };
    })
    .filter((r) => r.type && r.params.q !== '0');
}

/** True when the TAXII 2.1 media type is the one asked for, or a range that includes it (no header: anything). */
export function acceptsTaxii(accept: string | undefined): boolean {
  if (accept === undefined || accept.trim() === '') return true;
  return mediaRanges(accept).some(
    (r) =>
      r.type === '*/*' ||
      r.type === 'application/*' ||
      (r.type === 'application/taxii+json' && (r.params.version === undefined || r.params.version === '2.1')),
  );
}

/** True when a request body is of the TAXII 2.1 media type (§1.6.8.1: version 2.1, or none given). */
export function isTaxiiBody(contentType: string | undefined): boolean {
  const [r] = mediaRanges(contentType ?? '');
  return r?.type === 'application/taxii+json' && (r.params.version === undefined || r.params.version === '2.1');
}

/** A STIX/TAXII timestamp (RFC 3339 in UTC, up to microseconds). */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

const isTimestamp = (v: string) => TIMESTAMP.test(v) && isStixTimestamp(v);
const STIX_ID = /^[a-z0-9-]+--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const STIX_TYPE = /^[a-z0-9-]{3,250}$/;

/** One query parameter's value(s): a comma-separated list, or the parameter repeated. */
function listOf(value: unknown): string[] | null {
  if (value === undefined) return null;
  const values = Array.isArray(value) ? value : [value];
  return values.flatMap((v) => String(v).split(',')).map((v) => v.trim());
}

const one = (value: unknown): string | undefined => (Array.isArray(value) ? String(value.at(-1)) : (value as string | undefined));

/** `next` is opaque to clients (§3.4.1): here, the place after which the page starts. */
export const encodeNext = (seq: string) => Buffer.from(`taxii:${seq}`).toString('base64url');
/** The largest place the store can hold (`seq` is a bigint): a token past it names no place. */
const MAX_PLACE = 2n ** 63n - 1n;
function decodeNext(token: string): string | null {
  const m = /^taxii:(\d{1,19})$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  return m && BigInt(m[1]) <= MAX_PLACE ? m[1] : null;
}

export interface PageParams {
  limit: number;
  after: string;
  addedAfter: string | null;
  ids: string[] | null;
  types: string[] | null;
  specVersions: string[] | null;
  versions: { all: boolean; first: boolean; last: boolean; at: string[] };
}

const queryShape = z.object({ limit: z.coerce.number().int().min(1).optional() }).passthrough();

/** Reads the paging and filtering parameters; refuses a malformed one by name (400). */
export function pageParams(query: unknown, opts: { versionDefault: 'last' | 'all'; match: boolean }): PageParams {
  const raw = (query ?? {}) as Record<string, unknown>;
  const problems: ReturnType<typeof fieldProblem>[] = [];
  const parsed = queryShape.safeParse({ limit: one(raw.limit) });
  if (!parsed.success) problems.push(fieldProblem('limit', 'min', { n: 1 }));
  const limit = Math.min(parsed.data?.limit ?? DEFAULT_LIMIT, MAX_LIMIT);
  const nextToken = one(raw.next);
  const after = nextToken === undefined ? '0' : decodeNext(nextToken);
  if (after === null) problems.push(fieldProblem('next', 'invalid'));
  const addedAfter = one(raw.added_after) ?? null;
  if (addedAfter !== null && !isTimestamp(addedAfter)) problems.push(fieldProblem('added_after', 'dateTime'));
  const ids = opts.match ? listOf(raw['match[id]']) : null;
  if (ids?.some((i) => !STIX_ID.test(i)))
    problems.push(fieldProblem('match[id]', 'format', { example: 'indicator--00000000-0000-0000-0000-000000000000' }));
  const types = opts.match ? listOf(raw['match[type]']) : null;
  if (types?.some((t) => !STIX_TYPE.test(t))) problems.push(fieldProblem('match[type]', 'format', { example: 'indicator' }));
  const specVersions = listOf(raw['match[spec_version]']);
  if (specVersions?.some((v) => !/^\d\.\d$/.test(v)))
    problems.push(fieldProblem('match[spec_version]', 'format', { example: '2.1' }));
  const versionList = listOf(raw['match[version]']) ?? [opts.versionDefault];
  const at = versionList.filter((v) => v !== 'all' && v !== 'first' && v !== 'last');
  if (at.some((v) => !isTimestamp(v)))
    problems.push(fieldProblem('match[version]', 'choice', { options: 'all, first, last, a timestamp' }));
  if (problems.length) throw errors.badInput(problems);
  return {
    limit,
    after: after as string,
    addedAfter,
    ids,
    types,
    specVersions,
    versions: {
      all: versionList.includes('all'),
      first: versionList.includes('first'),
      last: versionList.includes('last'),
      at,
    },
  };
}

/** A collection as TAXII describes it (§5.2). */
export interface CollectionResource {
  id: string;
  title: string;
  description: string;
  can_read: boolean;
  can_write: boolean;
  media_types: string[];
}
