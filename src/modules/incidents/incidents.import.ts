// A STIX 2.1 bundle read back into an incident record (docs/incidents.md, "STIX 2.1"): the one incident, each
// `attributed-to` relationship from it as its own claim (never merged), each opinion on a claim as a response
// by the State that authored it, the TLP 2.0 markings kept (the strictest one for the record). The record is
// then checked exactly as an editor's would be, and every refusal names the bundle's field
// (`objects[3].created_by_ref`). Objects the record has no place for are listed as ignored, never guessed at.
import type { Queryable } from '../../db/client.ts';
import { AppError, type FieldProblem } from '../../platform/errors.ts';
import { ISO_SOURCE, isStixTimestamp, stateIdentityId, stricterTlp, type Tlp, tlpOfMarking } from '../../platform/stix.ts';
import { incidentIdsMadeHere, incidentWithStixId } from './incidents.parts.queries.ts';
import { incidentById } from './incidents.queries.ts';
import { mintedIncidentId, normReference, RECORD_EXTENSION, UN_DOC } from './incidents.stix.ts';
import { Checker, checkIncident, type IncidentInput } from './incidents.validate.ts';

export interface ImportedRecord {
  input: IncidentInput;
  tlp: Tlp;
  stixId: string;
  /** Where the bundle holds the incident's id (`objects[2].id`), to name it in a refusal. */
  stixIdField: string;
  created: string;
  modified: string;
  /** Beside input.claims, one for one. */
  claims: { stixId: string; confidence: number | null; responses: string[] }[];
  ignored: string[];
}

type Obj = Record<string, unknown>;
const MAX_OBJECTS = 5000;
const ID = /^([a-z][a-z0-9-]*[a-z0-9])--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const STANCE_OF: Record<string, string> = {
  'strongly-agree': 'supports',
  agree: 'supports',
  neutral: 'comments',
  disagree: 'denies',
  'strongly-disagree': 'denies',
};
/** Our fields' names in the bundle, for refusals: the record's check names `claims[0].claimedOn`, the bundle says `created`. */
const EXT = `extensions.${RECORD_EXTENSION}`;
const INCIDENT_FIELDS: Record<string, string> = {
  title: 'name',
  summary: 'description',
  types: `${EXT}.incident_types`,
  started: `${EXT}.started`,
  ended: `${EXT}.ended`,
  disclosed: `${EXT}.disclosed`,
  targets: `${EXT}.targets`,
  sectors: `${EXT}.sectors`,
  effects: `${EXT}.effects`,
};
const CLAIM_FIELDS: Record<string, string> = {
  claimantKind: `${EXT}.claimant_kind`,
  claimantStates: `${EXT}.claimant_states`,
  claimantName: `${EXT}.claimant_name`,
  claimedOn: 'created',
  basis: `${EXT}.basis`,
  attributedKind: `${EXT}.attributed_kind`,
  attributedState: 'target_ref',
  attributedActor: `${EXT}.attributed_actor`,
  summary: 'description',
  sourceUrl: 'external_references[0].url',
  sourceTitle: `${EXT}.source_title`,
};
const NORM_FIELDS: Record<string, string> = { invokedBy: 'invoked_by', norm: 'norm', basis: 'basis', rationale: 'rationale' };
const NORM_REF_FIELDS: Record<string, string> = { norm: 'external_id', rationale: 'description' };
const SOURCE_FIELDS: Record<string, string> = { title: 'source_name', url: 'url' };
const RESPONSE_FIELDS: Record<string, string> = {
  state: 'created_by_ref',
  stance: 'opinion',
  statedOn: 'created',
  summary: 'explanation',
  sourceUrl: 'external_references[0].url',
};

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const dayOf = (v: unknown) => {
  const d = typeof v === 'string' ? new Date(v) : null;
  return d && !Number.isNaN(d.getTime()) && d.getUTCFullYear() >= 1 && d.getUTCFullYear() <= 9999
    ? d.toISOString().slice(0, 10)
    : '';
};
const firstUrl = (o: Obj) =>
  list(o.external_references)
    .filter(isObj)
    .find((r) => typeof r.url === 'string')?.url;

/** Reads the bundle; throws BAD_INPUT naming every field of the bundle that is wrong, and stores nothing. */
export function readBundle(body: unknown, knownStates: (code: string) => boolean): ImportedRecord {
  const c = new Checker(knownStates);
  const b = isObj(body) ? body : {};
  if (!isObj(body)) c.fail('bundle', 'type', null, { expected: 'object' });
  else if (b.type !== 'bundle') c.fail('type', 'choice', null, { options: 'bundle' });
  if (!Array.isArray(b.objects)) c.fail('objects', 'type', null, { expected: 'array' });
  else if (b.objects.length > MAX_OBJECTS) c.fail('objects', 'tooMany', null, { n: MAX_OBJECTS });
  c.done();
  const objects = b.objects as unknown[];
  const at = new Map<string, number>();
  for (const [i, o] of objects.entries()) {
    if (!isObj(o)) {
      c.fail(`objects[${i}]`, 'type', null, { expected: 'object' });
      continue;
    }
    const m = typeof o.id === 'string' ? ID.exec(o.id) : null;
    if (typeof o.type !== 'string' || !/^[a-z][a-z0-9-]*$/.test(o.type)) c.fail(`objects[${i}].type`, 'invalid', null);
    else if (!m || m[1] !== o.type) c.fail(`objects[${i}].id`, 'format', null, { example: `${o.type}--<UUID>` });
    else if (at.has(o.id as string)) c.fail(`objects[${i}].id`, 'tooMany', null, { n: 1 });
    else at.set(o.id as string, i);
  }
  c.done();
  const obj = (i: number) => objects[i] as Obj;
  const ref = (i: number, field: string, types: string[]): number | undefined => {
    const v = obj(i)[field];
    const j = typeof v === 'string' ? at.get(v) : undefined;
    if (v === undefined) c.fail(`objects[${i}].${field}`, 'required', null);
    else if (j === undefined || !types.includes(obj(j).type as string)) c.fail(`objects[${i}].${field}`, 'notFound', null);
    else return j;
  };
  // Markings: only TLP 2.0 can be kept, so any other marking refuses the bundle rather than being dropped.
  const markingOf = (i: number): Tlp => {
    let tlp: Tlp = 'clear';
    if (obj(i).granular_markings !== undefined)
      c.fail(`objects[${i}].granular_markings`, 'unknown', null, { values: 'granular_markings' });
    list(obj(i).object_marking_refs).forEach((m, k) => {
      const t = tlpOfMarking(m);
      if (t) tlp = stricterTlp(tlp, t);
      else c.fail(`objects[${i}].object_marking_refs[${k}]`, 'unknown', null, { values: String(m) });
    });
    return tlp;
  };
  objects.forEach((o, i) => {
    if ((o as Obj).type === 'marking-definition' && !tlpOfMarking((o as Obj).id))
      c.fail(`objects[${i}].id`, 'unknown', null, { values: String((o as Obj).id) });
  });
  const incidents = objects.flatMap((o, i) => ((o as Obj).type === 'incident' ? [i] : []));
  if (incidents.length !== 1)
    c.fail(incidents.length ? `objects[${incidents[1]}]` : 'objects', incidents.length ? 'tooMany' : 'tooFew', null, { n: 1 });
  c.done();

  const k = incidents[0];
  const inc = obj(k);
  const ext = (o: Obj, i: number): Obj => {
    const e = isObj(o.extensions) ? o.extensions[RECORD_EXTENSION] : undefined;
    if (e !== undefined && !isObj(e)) c.fail(`objects[${i}].${EXT}`, 'type', null, { expected: 'object' });
    return isObj(e) ? e : {};
  };
  const stamp = (i: number, field: 'created' | 'modified') => {
    const v = obj(i)[field];
    if (!isStixTimestamp(v)) c.fail(`objects[${i}].${field}`, 'dateTime', null);
    return String(v);
  };
  /** The State an identity stands for: its ISO 3166-1 alpha-3 reference, when it is the State's own identity. */
  const stateOf = (i: number): string | null => {
    const r = list(obj(i).external_references)
      .filter(isObj)
      .find((x) => x.source_name === ISO_SOURCE);
    const code = typeof r?.external_id === 'string' ? r.external_id : null;
    return code && knownStates(code) && stateIdentityId(code) === obj(i).id ? code : null;
  };
  const e = ext(inc, k);
  let tlp = markingOf(k);
  const created = stamp(k, 'created');
  const modified = stamp(k, 'modified');
  const refs = list(inc.external_references).map((r, n) => ({ r: isObj(r) ? r : {}, n }));
  const normRefs = refs.filter(({ r }) => r.source_name === UN_DOC.source_name);
  const sourceRefs = refs.filter(({ r }) => r.source_name !== UN_DOC.source_name);
  const unconfirmed = new Set(list(e.unconfirmed_sources));
  const letterOf = (id: unknown) => 'abcdefghijk'.split('').find((l) => normReference(l) === id);
  const raw: Obj = {
    title: inc.name,
    summary: inc.description,
    types: e.incident_types,
    started: e.started,
    ended: e.ended,
    disclosed: e.disclosed,
    targets: e.targets,
    sectors: e.sectors,
    effects: e.effects,
    sources: sourceRefs.map(({ r }) => ({ title: r.source_name, url: r.url, unconfirmed: unconfirmed.has(r.url) })),
    norms:
      e.norms !== undefined
        ? list(e.norms).map((n) => (isObj(n) ? { ...n, invokedBy: n.invoked_by } : n))
        : normRefs.map(({ r }) => ({
            norm: letterOf(r.external_id),
            basis: 'editors',
            rationale: typeof r.description === 'string' ? r.description : r.external_id,
          })),
  };
  const where = new Map<string, string>([
    ['sources', `objects[${k}].external_references`],
    ['norms', e.norms !== undefined ? `objects[${k}].${EXT}.norms` : `objects[${k}].external_references`],
    ...sourceRefs.map(({ n }, s): [string, string] => [`sources[${s}]`, `objects[${k}].external_references[${n}]`]),
    ...(e.norms !== undefined
      ? list(e.norms).map((_, s): [string, string] => [`norms[${s}]`, `objects[${k}].${EXT}.norms[${s}]`])
      : normRefs.map(({ n }, s): [string, string] => [`norms[${s}]`, `objects[${k}].external_references[${n}]`])),
  ]);
  for (const [f, s] of Object.entries(INCIDENT_FIELDS)) where.set(f, `objects[${k}].${s}`);

  // Each attributed-to relationship from the incident is a claim of its own.
  const claims: ImportedRecord['claims'] = [];
  const rawClaims: Obj[] = [];
  const claimAt = new Map<string, number>();
  const ignored: string[] = [];
  objects.forEach((o, i) => {
    const r = o as Obj;
    if (r.type !== 'relationship' || r.relationship_type !== 'attributed-to' || r.source_ref !== inc.id) return;
    const x = ext(r, i);
    tlp = stricterTlp(tlp, markingOf(i));
    const by = ref(i, 'created_by_ref', ['identity']);
    const to = ref(i, 'target_ref', ['identity', 'threat-actor', 'intrusion-set']);
    stamp(i, 'created');
    if (by === undefined || to === undefined) return;
    const byState = stateOf(by);
    const target = obj(to);
    const toState = target.type === 'identity' ? stateOf(to) : null;
    if (target.type === 'identity' && !toState) c.fail(`objects[${i}].target_ref`, 'unknownState', null);
    const types = list(target.threat_actor_types);
    const confidence = r.confidence;
    if (
      confidence !== undefined &&
      !(Number.isInteger(confidence) && (confidence as number) >= 0 && (confidence as number) <= 100)
    )
      c.fail(`objects[${i}].confidence`, 'number', null);
    const n = rawClaims.length;
    claimAt.set(r.id as string, n);
    where.set(`claims[${n}]`, `objects[${i}]`);
    claims.push({ stixId: r.id as string, confidence: typeof confidence === 'number' ? confidence : null, responses: [] });
    rawClaims.push({
      claimantKind: x.claimant_kind ?? (byState ? 'state' : 'company'),
      claimantStates: x.claimant_states ?? (byState ? [byState] : []),
      claimantName: x.claimant_name ?? (byState ? '' : obj(by).name),
      claimedOn: dayOf(r.created),
      basis: x.basis ?? 'other',
      attributedKind:
        x.attributed_kind ??
        (toState
          ? 'state'
          : types.includes('unknown')
            ? 'unknown'
            : types.includes('nation-state')
              ? 'state_affiliated'
              : 'non_state'),
      attributedState: x.attributed_state ?? toState,
      attributedActor: x.attributed_actor ?? (toState ? '' : target.name),
      summary: r.description,
      sourceUrl: firstUrl(r),
      sourceTitle: x.source_title ?? '',
      unconfirmed: x.unconfirmed === true,
      responses: [],
    });
  });
  // Each opinion on one claim is that State's response to it.
  objects.forEach((o, i) => {
    const r = o as Obj;
    if (r.type !== 'opinion') return;
    const on = list(r.object_refs).filter((x) => claimAt.has(x as string));
    if (!on.length) {
      ignored.push(r.id as string);
      return;
    }
    if (on.length > 1) {
      c.fail(`objects[${i}].object_refs`, 'tooMany', null, { n: 1 });
      return;
    }
    const n = claimAt.get(on[0] as string) as number;
    const x = ext(r, i);
    tlp = stricterTlp(tlp, markingOf(i));
    const by = ref(i, 'created_by_ref', ['identity']);
    const state = by === undefined ? null : stateOf(by);
    if (by !== undefined && !state) c.fail(`objects[${i}].created_by_ref`, 'unknownState', null);
    stamp(i, 'created');
    if (!STANCE_OF[r.opinion as string])
      c.fail(`objects[${i}].opinion`, 'choice', null, { options: Object.keys(STANCE_OF).join(', ') });
    const responses = rawClaims[n].responses as Obj[];
    where.set(`claims[${n}].responses[${responses.length}]`, `objects[${i}]`);
    claims[n].responses.push(r.id as string);
    responses.push({
      state,
      stance: STANCE_OF[r.opinion as string] ?? 'comments',
      statedOn: dayOf(r.created),
      summary: r.explanation,
      sourceUrl: firstUrl(r),
      unconfirmed: x.unconfirmed === true,
    });
  });
  const used = new Set([inc.id, ...claimAt.keys(), ...claims.flatMap((x) => x.responses)]);
  for (const o of objects as Obj[])
    if (!used.has(o.id) && ['incident', 'relationship', 'opinion', 'note', 'report', 'sighting'].includes(o.type as string))
      if (!ignored.includes(o.id as string)) ignored.push(o.id as string);
  c.done();

  try {
    const input = checkIncident({ ...raw, claims: rawClaims }, knownStates);
    return { input, tlp, stixId: inc.id as string, stixIdField: `objects[${k}].id`, created, modified, claims, ignored };
  } catch (err) {
    if (err instanceof AppError && err.code === 'BAD_INPUT')
      throw new AppError('BAD_INPUT', 400, err.message, err.fields.map(inBundle(where)));
    throw err;
  }
}

/** A problem of the record named by the bundle's field: `claims[1].claimedOn` is `objects[4].created`. */
const inBundle =
  (where: Map<string, string>) =>
  (p: FieldProblem): FieldProblem => {
    const m = /^(claims\[\d+\](?:\.responses\[\d+\])?|sources\[\d+\]|norms\[\d+\])(?:\.(.*))?$/.exec(p.field);
    const head = m ? m[1] : p.field.split('.')[0];
    const rest = m ? (m[2] ?? '') : p.field.split('.').slice(1).join('.');
    const base = where.get(head);
    if (!base) return p;
    if (!rest) return { ...p, field: base };
    const names = head.includes('responses')
      ? RESPONSE_FIELDS
      : head.startsWith('claims')
        ? CLAIM_FIELDS
        : head.startsWith('sources')
          ? SOURCE_FIELDS
          : base.endsWith('external_references', base.lastIndexOf('['))
            ? NORM_REF_FIELDS
            : NORM_FIELDS;
    const suffix = names[rest] ?? rest;
    return { ...p, field: `${base}.${suffix}` };
  };

/**
 * The record already here that a bundle's incident is: one imported with that STIX id, or one made here whose
 * export carries it (its id minted from its own, which cannot be looked up backwards, so each is minted again).
 */
export async function recordWithStixId(q: Queryable, stixId: string): Promise<{ id: string; title: string } | undefined> {
  const imported = await incidentWithStixId(q, stixId);
  if (imported) return imported;
  if (!stixId.startsWith('incident--')) return undefined;
  const id = (await incidentIdsMadeHere(q)).find((x) => mintedIncidentId(x) === stixId);
  const row = id ? await incidentById(q, id) : undefined;
  return row && { id: row.id, title: row.title };
}
