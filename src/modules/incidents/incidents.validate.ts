// What an incident, a claim, a response and a norm at stake must hold. Everything refused is named by its
// field (`claims[1].sourceUrl`) with a reason of the catalogue; nothing is saved unless all of it is right.
import { errors, type FieldProblem, fieldProblem } from '../../platform/errors.ts';
import { multiLineProblem, singleLineProblem } from '../../platform/text.ts';
import {
  ATTRIBUTED_KINDS,
  type AttributedKind,
  CLAIM_BASES,
  CLAIMANT_KINDS,
  type ClaimantKind,
  type ClaimBasis,
  INCIDENT_TYPES,
  type IncidentType,
  NORM_BASES,
  NORM_LETTERS,
  type NormBasis,
  type Precision,
  SECTORS,
  STANCES,
  type Stance,
} from './incidents.vocab.ts';

export interface PartialDate {
  date: string;
  precision: Precision;
}

/** A date as precise as the record knows it, as the form takes it and exports write it: YYYY, YYYY-MM or YYYY-MM-DD. */
export const partialDateText = (date: string | null | undefined, precision: string | null | undefined): string =>
  !date ? '' : precision === 'year' ? date.slice(0, 4) : precision === 'month' ? date.slice(0, 7) : date.slice(0, 10);

export interface ResponseInput {
  state: string;
  stance: Stance;
  statedOn: string;
  summary: string;
  sourceUrl: string;
  unconfirmed: boolean;
}

export interface ClaimInput {
  claimantKind: ClaimantKind;
  claimantStates: string[];
  claimantName: string;
  claimedOn: string;
  basis: ClaimBasis;
  attributedKind: AttributedKind;
  attributedState: string | null;
  attributedActor: string;
  summary: string;
  sourceUrl: string;
  sourceTitle: string;
  unconfirmed: boolean;
  responses: ResponseInput[];
}

export interface NormInput {
  norm: string;
  basis: NormBasis;
  invokedBy: string;
  rationale: string;
}

export interface SourceInput {
  title: string;
  url: string;
  unconfirmed: boolean;
}

export interface IncidentInput {
  title: string;
  summary: string;
  types: IncidentType[];
  started: PartialDate | null;
  ended: PartialDate | null;
  disclosed: PartialDate | null;
  targets: string[];
  sectors: string[];
  effects: string;
  sources: SourceInput[];
  claims: ClaimInput[];
  norms: NormInput[];
}

const LIMITS = { line: 300, text: 8000, list: 50 };

/** Collects the problems of one input; `done()` throws them all at once, or nothing. */
export class Checker {
  readonly problems: FieldProblem[] = [];
  constructor(private readonly knownStates: (code: string) => boolean) {}

  line(field: string, v: unknown, opts: { required?: boolean } = {}): string {
    const s = typeof v === 'string' ? v.trim() : v == null ? '' : null;
    if (s === null) return this.fail(field, 'invalid', '');
    if (!s && opts.required) return this.fail(field, 'required', '');
    if (s.length > LIMITS.line) return this.fail(field, 'tooLong', '', { n: LIMITS.line });
    const p = singleLineProblem(s);
    return p ? this.fail(field, p.code, '', p.params) : s;
  }

  text(field: string, v: unknown, opts: { required?: boolean } = {}): string {
    const s = typeof v === 'string' ? v.trim() : v == null ? '' : null;
    if (s === null) return this.fail(field, 'invalid', '');
    if (!s && opts.required) return this.fail(field, 'required', '');
    if (s.length > LIMITS.text) return this.fail(field, 'tooLong', '', { n: LIMITS.text });
    const p = multiLineProblem(s);
    return p ? this.fail(field, p.code, '', p.params) : s;
  }

  choice<T extends string>(field: string, v: unknown, options: readonly T[]): T {
    if (v === undefined || v === null || v === '') return this.fail(field, 'required', options[0]);
    if (!options.includes(v as T)) return this.fail(field, 'choice', options[0], { options: options.join(', ') });
    return v as T;
  }

  choices<T extends string>(field: string, v: unknown, options: readonly T[]): T[] {
    const list = v == null || v === '' ? [] : Array.isArray(v) ? v : [v];
    if (list.length > LIMITS.list) return this.fail(field, 'tooMany', [], { n: LIMITS.list });
    const bad = list.find((x) => !options.includes(x as T));
    if (bad !== undefined) return this.fail(field, 'choice', [], { options: options.join(', ') });
    return [...new Set(list as T[])];
  }

  state(field: string, v: unknown, opts: { required?: boolean } = {}): string | null {
    if (v === undefined || v === null || v === '') return opts.required ? this.fail(field, 'required', null) : null;
    if (typeof v !== 'string' || !this.knownStates(v)) return this.fail(field, 'unknownState', null);
    return v;
  }

  states(field: string, v: unknown): string[] {
    const list = v == null || v === '' ? [] : Array.isArray(v) ? v : [v];
    if (list.length > 200) return this.fail(field, 'tooMany', [], { n: 200 });
    if (list.some((x) => typeof x !== 'string' || !this.knownStates(x))) return this.fail(field, 'unknownState', []);
    return [...new Set(list as string[])];
  }

  /** A day: YYYY-MM-DD that is a real date. */
  day(field: string, v: unknown, opts: { required?: boolean } = {}): string {
    if (v === undefined || v === null || v === '') return opts.required ? this.fail(field, 'required', '') : '';
    const s = String(v);
    if (
      !/^\d{4}-\d{2}-\d{2}$/.test(s) ||
      Number.isNaN(Date.parse(`${s}T00:00:00Z`)) ||
      new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) !== s
    )
      return this.fail(field, 'date', '');
    return s;
  }

  /** A date at the precision known: YYYY, YYYY-MM or YYYY-MM-DD. */
  partial(field: string, v: unknown): PartialDate | null {
    if (v === undefined || v === null || v === '') return null;
    const s = String(v).trim();
    const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(s);
    const full = m ? `${m[1]}-${m[2] ?? '01'}-${m[3] ?? '01'}` : '';
    if (!m || this.day(field, full) === '') {
      if (m) return null;
      return this.fail(field, 'format', null, { example: 'YYYY, YYYY-MM, YYYY-MM-DD' });
    }
    return { date: full, precision: m[3] ? 'day' : m[2] ? 'month' : 'year' };
  }

  url(field: string, v: unknown, opts: { required?: boolean } = {}): string {
    const s = this.line(field, v, opts);
    if (!s) return s;
    try {
      const u = new URL(s);
      if (u.protocol === 'http:' || u.protocol === 'https:') return s;
    } catch {}
    return this.fail(field, 'url', '');
  }

  flag(v: unknown): boolean {
    return v === true || v === 'true' || v === 'on' || v === '1';
  }

  list(field: string, v: unknown, max = LIMITS.list): Record<string, unknown>[] {
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'object' || x === null || Array.isArray(x)))
      return this.fail(field, 'invalid', []);
    if (v.length > max) return this.fail(field, 'tooMany', [], { n: max });
    return v as Record<string, unknown>[];
  }

  fail<T>(field: string, code: Parameters<typeof fieldProblem>[1], fallback: T, params?: Record<string, string | number>): T {
    this.problems.push(fieldProblem(field, code, params));
    return fallback;
  }

  done(): void {
    if (this.problems.length) throw errors.badInput(this.problems);
  }
}

export function checkResponse(c: Checker, at: string, r: Record<string, unknown>): ResponseInput {
  return {
    state: c.state(`${at}.state`, r.state, { required: true }) ?? '',
    stance: c.choice(`${at}.stance`, r.stance, STANCES),
    statedOn: c.day(`${at}.statedOn`, r.statedOn, { required: true }),
    summary: c.text(`${at}.summary`, r.summary),
    sourceUrl: c.url(`${at}.sourceUrl`, r.sourceUrl),
    unconfirmed: c.flag(r.unconfirmed),
  };
}

export function checkClaim(c: Checker, at: string, r: Record<string, unknown>): ClaimInput {
  const claimantKind = c.choice(`${at}.claimantKind`, r.claimantKind, CLAIMANT_KINDS);
  const claimantStates = c.states(`${at}.claimantStates`, r.claimantStates);
  const claimantName = c.line(`${at}.claimantName`, r.claimantName);
  if (claimantKind === 'state' && claimantStates.length !== 1) c.fail(`${at}.claimantStates`, 'required', null);
  if (claimantKind === 'states_jointly' && claimantStates.length < 2) c.fail(`${at}.claimantStates`, 'tooFew', null, { n: 2 });
  if (!claimantKind.startsWith('state') && !claimantName && CLAIMANT_KINDS.includes(claimantKind))
    c.fail(`${at}.claimantName`, 'required', null);
  const attributedKind = c.choice(`${at}.attributedKind`, r.attributedKind, ATTRIBUTED_KINDS);
  const attributedState = c.state(`${at}.attributedState`, r.attributedState, { required: attributedKind === 'state' });
  const attributedActor = c.line(`${at}.attributedActor`, r.attributedActor);
  if ((attributedKind === 'state_affiliated' || attributedKind === 'non_state') && !attributedActor && !attributedState)
    c.fail(`${at}.attributedActor`, 'required', null);
  return {
    claimantKind,
    claimantStates: claimantKind.startsWith('state') ? claimantStates : [],
    claimantName,
    claimedOn: c.day(`${at}.claimedOn`, r.claimedOn, { required: true }),
    basis: c.choice(`${at}.basis`, r.basis, CLAIM_BASES),
    attributedKind,
    attributedState: attributedKind === 'unknown' ? null : attributedState,
    attributedActor: attributedKind === 'unknown' ? '' : attributedActor,
    summary: c.text(`${at}.summary`, r.summary),
    sourceUrl: c.url(`${at}.sourceUrl`, r.sourceUrl, { required: true }),
    sourceTitle: c.line(`${at}.sourceTitle`, r.sourceTitle),
    unconfirmed: c.flag(r.unconfirmed),
    responses: c.list(`${at}.responses`, r.responses).map((x, i) => checkResponse(c, `${at}.responses[${i}]`, x)),
  };
}

/** The whole record as an editor gives it; throws BAD_INPUT naming every field that is wrong. */
export function checkIncident(input: unknown, knownStates: (code: string) => boolean): IncidentInput {
  const c = new Checker(knownStates);
  const r = (input && typeof input === 'object' && !Array.isArray(input) ? input : {}) as Record<string, unknown>;
  const out: IncidentInput = {
    title: c.line('title', r.title, { required: true }),
    summary: c.text('summary', r.summary),
    types: c.choices('types', r.types, INCIDENT_TYPES),
    started: c.partial('started', r.started),
    ended: c.partial('ended', r.ended),
    disclosed: c.partial('disclosed', r.disclosed),
    targets: c.states('targets', r.targets),
    sectors: c.choices('sectors', r.sectors, SECTORS),
    effects: c.text('effects', r.effects),
    sources: c.list('sources', r.sources).map((s, i) => ({
      title: c.line(`sources[${i}].title`, s.title, { required: true }),
      url: c.url(`sources[${i}].url`, s.url, { required: true }),
      unconfirmed: c.flag(s.unconfirmed),
    })),
    claims: c.list('claims', r.claims).map((x, i) => checkClaim(c, `claims[${i}]`, x)),
    norms: c.list('norms', r.norms, 22).map((x, i) => {
      const basis = c.choice(`norms[${i}].basis`, x.basis, NORM_BASES);
      return {
        norm: c.choice(`norms[${i}].norm`, x.norm, NORM_LETTERS),
        basis,
        invokedBy: basis === 'invoked' ? (c.state(`norms[${i}].invokedBy`, x.invokedBy, { required: true }) ?? '') : '',
        rationale: c.text(`norms[${i}].rationale`, x.rationale, { required: true }),
      };
    }),
  };
  // The end may not come before the start, compared at the coarser of the two precisions (2017-05 ends after 2017-05-12).
  const len = (d: PartialDate) => (d.precision === 'year' ? 4 : d.precision === 'month' ? 7 : 10);
  if (out.started && out.ended) {
    const n = Math.min(len(out.started), len(out.ended));
    if (out.ended.date.slice(0, n) < out.started.date.slice(0, n))
      c.fail('ended', 'min', null, { n: out.started.date.slice(0, n) });
  }
  c.done();
  return out;
}
