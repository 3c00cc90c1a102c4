// What a version of an incident holds and how two compare (decision 73): the editors' part of the record taken
// from the published rows, a change checked as a draft is (plus the ids of the claims and responses it keeps,
// and its note), and the difference of two versions field by field. Pure: no SQL, no rules.
import { diffArrays, diffWordsWithSpace } from 'diff';
import { errors, type FieldProblem, fieldProblem } from '../../platform/errors.ts';
import type { ClaimRow, IncidentRow, NormRow, ResponseRow } from './incidents.queries.ts';
import type { VersionRecord } from './incidents.revisions.queries.ts';
import { checkIncident, partialDateText } from './incidents.validate.ts';
import type { AttributedKind, ClaimantKind, ClaimBasis, IncidentType, NormBasis, Precision, Stance } from './incidents.vocab.ts';

/** The longest note of a change. */
export const MAX_NOTE = 300;

/** The fields two versions are compared by, in the order a reader meets them. */
export const DIFF_FIELDS = [
  'title',
  'summary',
  'started',
  'ended',
  'disclosed',
  'types',
  'targets',
  'sectors',
  'effects',
  'sources',
  'claims',
  'responses',
  'norms',
] as const;
export type DiffField = (typeof DIFF_FIELDS)[number];

export interface FieldDiff {
  field: DiffField;
  changed: boolean;
  /** The text (word by word) or the items (one a line), each kept, added or removed. */
  parts: { value: string; added: boolean; removed: boolean }[];
}

const pd = (date: string | null, precision: string | null) =>
  date && precision ? { date, precision: precision as Precision } : null;

/** The editors' part of the published record: a State's own statements (its focal point's) are left out. */
export function snapshotOf(i: IncidentRow, claims: ClaimRow[], responses: ResponseRow[], norms: NormRow[]): VersionRecord {
  return {
    title: i.title,
    summary: i.summary,
    types: i.types as IncidentType[],
    started: pd(i.started_on, i.started_precision),
    ended: pd(i.ended_on, i.ended_precision),
    disclosed: pd(i.disclosed_on, i.disclosed_precision),
    targets: i.targets,
    sectors: i.sectors,
    effects: i.effects,
    sources: i.sources.map((s) => ({ title: s.title, url: s.url, unconfirmed: Boolean(s.unconfirmed) })),
    claims: claims
      .filter((c) => c.incident_id === i.id && !c.stated_by_state)
      .map((c) => ({
        id: c.id,
        claimantKind: c.claimant_kind as ClaimantKind,
        claimantStates: c.claimant_states,
        claimantName: c.claimant_name,
        claimedOn: c.claimed_on,
        basis: c.basis as ClaimBasis,
        attributedKind: c.attributed_kind as AttributedKind,
        attributedState: c.attributed_state,
        attributedActor: c.attributed_actor,
        summary: c.summary,
        sourceUrl: c.source_url,
        sourceTitle: c.source_title,
        unconfirmed: c.unconfirmed,
        responses: responses
          .filter((r) => r.claim_id === c.id && !r.own_statement)
          .map((r) => ({
            id: r.id,
            state: r.state_code,
            stance: r.stance as Stance,
            statedOn: r.stated_on,
            summary: r.summary,
            sourceUrl: r.source_url,
            unconfirmed: r.unconfirmed,
          })),
      })),
    norms: norms
      .filter((n) => n.incident_id === i.id)
      .map((n) => ({ norm: n.norm_letter, basis: n.basis as NormBasis, invokedBy: n.invoked_by, rationale: n.rationale })),
  };
}

/** A value as text with every object's keys in order (a record read back from jsonb has them reordered). */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v ?? null);
}

/** Whether two records say the same, ids aside and norms in any order. */
export function sameRecord(a: VersionRecord, b: VersionRecord): boolean {
  const plain = (r: VersionRecord) =>
    canonical({
      ...r,
      claims: r.claims.map(({ id: _id, responses, ...c }) => ({ ...c, responses: responses.map(({ id: _r, ...x }) => x) })),
      norms: r.norms.map(canonical).sort(),
    });
  return plain(a) === plain(b);
}

/** The change's note: required, at most MAX_NOTE characters; `fallback` when none is given (a restore). */
export function noteOf(value: unknown, fallback?: string): string {
  const note = typeof value === 'string' ? value.trim() : '';
  if (note.length > MAX_NOTE) throw errors.badInput([fieldProblem('note', 'tooLong', { n: MAX_NOTE })]);
  if (!note && !fallback) throw errors.badInput([fieldProblem('note', 'changeNote')]);
  return note || (fallback as string);
}

/**
 * A change as an editor sends it: the record checked exactly as a draft is, and the ids of the published
 * claims and responses it keeps (`claims[0].id`, `claims[0].responses[1].id`); a claim or response without
 * one is new. An id the published record does not hold is refused naming its field.
 */
export function checkChange(body: unknown, knownStates: (code: string) => boolean, current: VersionRecord): VersionRecord {
  const input = checkIncident(body, knownStates);
  const raw = (body && typeof body === 'object' ? body : {}) as { claims?: unknown };
  const rawClaims = Array.isArray(raw.claims) ? (raw.claims as Record<string, unknown>[]) : [];
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  const idAt = (field: string, v: unknown, allowed: Set<string>): string | null => {
    if (v === undefined || v === null || v === '') return null;
    if (typeof v !== 'string' || !allowed.has(v) || seen.has(v)) {
      problems.push(fieldProblem(field, 'notFound'));
      return null;
    }
    seen.add(v);
    return v;
  };
  const claimIds = new Set(current.claims.map((c) => c.id as string));
  const claims = input.claims.map((c, i) => {
    const id = idAt(`claims[${i}].id`, rawClaims[i]?.id, claimIds);
    const was = current.claims.find((x) => x.id === id);
    const responseIds = new Set((was?.responses ?? []).map((r) => r.id as string));
    const rawResponses = Array.isArray(rawClaims[i]?.responses) ? (rawClaims[i].responses as Record<string, unknown>[]) : [];
    return {
      ...c,
      id,
      responses: c.responses.map((r, j) => ({
        ...r,
        id: idAt(`claims[${i}].responses[${j}].id`, rawResponses[j]?.id, responseIds),
      })),
    };
  });
  if (problems.length) throw errors.badInput(problems);
  return { ...input, claims };
}

const dateText = (d: { date: string; precision: string } | null) => partialDateText(d?.date, d?.precision);

/** The vocabularies a comparison names by their words on a page (the API keeps their codes). */
export type DiffVocabulary = 'type' | 'sector' | 'claimant' | 'basis' | 'attributed' | 'stance' | 'normBasis';

/** How a comparison names codes and States: the reader's words on a page, the codes themselves in the API. */
export interface DiffWords {
  code: (vocabulary: DiffVocabulary, value: string) => string;
  state: (code: string) => string;
  unconfirmed: string;
}

export const CODES: DiffWords = { code: (_vocabulary, value) => value, state: (code) => code, unconfirmed: 'unconfirmed' };

/** One line per item of a list field, as the comparison shows it. */
function lines(r: VersionRecord, field: DiffField, w: DiffWords): string[] {
  const unconfirmed = (flag: boolean) => (flag ? ` (${w.unconfirmed})` : '');
  switch (field) {
    case 'types':
      return r.types.map((x) => w.code('type', x));
    case 'targets':
      return r.targets.map(w.state);
    case 'sectors':
      return r.sectors.map((x) => w.code('sector', x));
    case 'sources':
      return r.sources.map((s) => `${s.title} | ${s.url}${unconfirmed(Boolean(s.unconfirmed))}`);
    case 'claims':
      return r.claims.map((c) =>
        [
          `${w.code('claimant', c.claimantKind)}: ${c.claimantStates.map(w.state).join(', ') || c.claimantName}`,
          c.claimedOn,
          w.code('basis', c.basis),
          `→ ${w.code('attributed', c.attributedKind)}${c.attributedState ? ` ${w.state(c.attributedState)}` : ''}${c.attributedActor ? ` ${c.attributedActor}` : ''}`,
          `${c.sourceTitle ? `${c.sourceTitle} ` : ''}${c.sourceUrl}${unconfirmed(c.unconfirmed)}`,
          c.summary,
        ]
          .filter(Boolean)
          .join(' · '),
      );
    case 'responses':
      return r.claims.flatMap((c, n) =>
        c.responses.map((x) =>
          [`${n + 1}: ${w.state(x.state)} ${w.code('stance', x.stance)}`, x.statedOn, x.summary, x.sourceUrl]
            .filter(Boolean)
            .join(' · '),
        ),
      );
    case 'norms':
      return r.norms.map(
        (x) => `${x.norm} (${w.code('normBasis', x.basis)}${x.invokedBy ? ` ${w.state(x.invokedBy)}` : ''}): ${x.rationale}`,
      );
    default:
      return [];
  }
}

/** The difference of two versions, field by field: words for text, items for lists. */
export function diffRecords(a: VersionRecord, b: VersionRecord, w: DiffWords = CODES): FieldDiff[] {
  return DIFF_FIELDS.map((field) => {
    if (
      field === 'title' ||
      field === 'summary' ||
      field === 'effects' ||
      field === 'started' ||
      field === 'ended' ||
      field === 'disclosed'
    ) {
      const x = field === 'started' || field === 'ended' || field === 'disclosed' ? dateText(a[field]) : a[field];
      const y = field === 'started' || field === 'ended' || field === 'disclosed' ? dateText(b[field]) : b[field];
      if (x === y) return { field, changed: false, parts: [{ value: x, added: false, removed: false }] };
      return {
        field,
        changed: true,
        parts: diffWordsWithSpace(x, y).map((p) => ({ value: p.value, added: Boolean(p.added), removed: Boolean(p.removed) })),
      };
    }
    const x = lines(a, field, w);
    const y = lines(b, field, w);
    const changed = x.length !== y.length || x.some((v, i) => v !== y[i]);
    if (!changed) return { field, changed, parts: x.map((value) => ({ value, added: false, removed: false })) };
    return {
      field,
      changed,
      parts: diffArrays(x, y).flatMap((p) =>
        p.value.map((value) => ({ value, added: Boolean(p.added), removed: Boolean(p.removed) })),
      ),
    };
  });
}
