// The incident record: reading it (the public sees what is published), keeping it with four eyes (an editor
// creates or changes a draft and proposes it; another editor approves it, which publishes it), and a State's
// own position on a published incident. Every write is audited in its transaction.
import type { Db, Queryable } from '../../db/client.ts';
import { type Actor, authorize, decide } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { AppError, errors, fieldProblem } from '../../platform/errors.ts';
import type { Clock, Origin } from '../../platform/kernel.ts';
import { isContested, settleContested } from './incidents.contested.ts';
import { incidentsCsv } from './incidents.csv.ts';
import { readBundle, recordWithStixId } from './incidents.import.ts';
import { replaceParts } from './incidents.parts.ts';
import { incidentActions, mayApprove } from './incidents.policy.ts';
import { checkPosition, createPositionDrafts, writePosition } from './incidents.positions.ts';
import {
  type ClaimRow,
  claimsOf,
  countMatching,
  type Filter,
  filterChoices,
  type IncidentRow,
  incidentById,
  incidentsMatching,
  insertClaim,
  insertIncident,
  insertNorm,
  insertResponse,
  lockIncident,
  markProposed,
  markPublished,
  type NormRow,
  normsOf,
  type ResponseRow,
  responsesOf,
  setClaimOrigin,
  setIncidentOrigin,
  setResponseOrigin,
  stateCodes,
  stateNamesOf,
  updateIncident,
} from './incidents.queries.ts';
import { createIncidentRevisions } from './incidents.revisions.ts';
import { incidentsBundle } from './incidents.stix.ts';
import { createIncidentTranslations } from './incidents.translations.ts';
import { checkIncident, type IncidentInput } from './incidents.validate.ts';

export interface IncidentView {
  incident: IncidentRow;
  claims: (ClaimRow & { responses: ResponseRow[]; days: number | null })[];
  norms: NormRow[];
  contested: boolean;
}

const NO_FILTER = {
  year: null,
  type: null,
  target: null,
  region: null,
  sector: null,
  attributor: null,
  attributed: null,
  norm: null,
};

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The day the incident is counted from: its start, or its disclosure, whichever is known to the day. */
function dayZero(i: IncidentRow): string | null {
  if (i.started_on && i.started_precision === 'day') return i.started_on;
  if (i.disclosed_on && i.disclosed_precision === 'day') return i.disclosed_on;
  return null;
}

const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

/** Contested: claims name different perpetrators, or a State denies a claim (kept on the incident, decision 75). */
export { isContested };

/** Incidents per page of the list, on the page and in the API. */
export const PAGE_SIZE = 50;

export function createIncidentsService(deps: { db: Db; clock: Clock; publicUrl: string; onPublicChange?: () => void }) {
  const { db, clock } = deps;
  let known: Set<string> | null = null;
  const knownStates = async () => {
    known ??= new Set(await stateCodes(db));
    return (code: string) => (known as Set<string>).has(code);
  };
  // Changes to published incidents and their versions (incidents.revisions.ts, decision 73).
  const { approveChange, ...revisions } = createIncidentRevisions({ db, clock, knownStates });
  const audit = (tx: Queryable, actor: Actor, origin: Origin, action: string, id: string, details?: Record<string, unknown>) =>
    recordAudit(
      tx,
      { actor: `user:${actor.userId}`, origin: origin.ip, action, entity: 'incident', entityId: id, details },
      clock(),
    );
  // A POC's positions wait for the focal point; an approval changes the public record (the choices, the cache, TAXII).
  const drafts = createPositionDrafts({
    db,
    clock,
    knownStates,
    audit,
    published: () => changed(deps.onPublicChange)?.(),
    publicUrl: deps.publicUrl,
  });

  async function assemble(q: Queryable, rows: IncidentRow[]): Promise<IncidentView[]> {
    const ids = rows.map((r) => r.id);
    if (!ids.length) return [];
    const [claims, responses, norms] = await Promise.all([claimsOf(q, ids), responsesOf(q, ids), normsOf(q, ids)]);
    const by = <T, K>(items: T[], key: (x: T) => K) => {
      const map = new Map<K, T[]>();
      for (const x of items) {
        const list = map.get(key(x));
        if (list) list.push(x);
        else map.set(key(x), [x]);
      }
      return map;
    };
    const claimsBy = by(claims, (c) => c.incident_id);
    const responsesBy = by(responses, (r) => r.incident_id);
    const normsBy = by(norms, (n) => n.incident_id);
    return rows.map((incident) => {
      const own = claimsBy.get(incident.id) ?? [];
      const answers = responsesBy.get(incident.id) ?? [];
      const answersBy = by(answers, (r) => r.claim_id);
      const zero = dayZero(incident);
      return {
        incident,
        claims: own.map((c) => ({
          ...c,
          responses: answersBy.get(c.id) ?? [],
          days: zero ? daysBetween(zero, c.claimed_on) : null,
        })),
        norms: normsBy.get(incident.id) ?? [],
        contested: isContested(own, answers),
      };
    });
  }

  // The record in the reader's language, and editors' translations of it (incidents.translations.ts, decision 77).
  // A saved translation changes what the norm pages show of the record: their cache is dropped as on an approval.
  const translations = createIncidentTranslations({
    db,
    clock,
    audit,
    get: (actor, id) => get(actor, id),
    onChange: () => deps.onPublicChange?.(),
  });

  /** Published incidents matching the filter; `contested` keeps only those (not) contested. */
  async function list(filter: Filter & { contested: boolean | null }): Promise<IncidentView[]> {
    return assemble(db, await incidentsMatching(db, ['published'], filter));
  }

  /** One page of them (PAGE_SIZE, the first page is 1) and how many match in all. */
  async function page(
    filter: Filter & { contested: boolean | null },
    n: number,
  ): Promise<{ views: IncidentView[]; total: number; page: number; perPage: number }> {
    const [rows, total] = await Promise.all([
      incidentsMatching(db, ['published'], filter, { limit: PAGE_SIZE, offset: (n - 1) * PAGE_SIZE }),
      countMatching(db, ['published'], filter),
    ]);
    return { views: await assemble(db, rows), total, page: n, perPage: PAGE_SIZE };
  }

  /**
   * What the list's filters can offer, from the published record: kept for a minute, and dropped here when the
   * record changes (another instance's change reaches its choices within the minute; only the options lag).
   */
  let cachedChoices: { at: number; value: Promise<Awaited<ReturnType<typeof filterChoices>>> } | null = null;
  const choices = () => {
    if (!cachedChoices || Date.now() - cachedChoices.at > 60_000) {
      const value = filterChoices(db);
      cachedChoices = { at: Date.now(), value };
      value.catch(() => {
        cachedChoices = null;
      });
    }
    return cachedChoices.value;
  };
  const changed = <T>(result: T): T => {
    cachedChoices = null;
    return result;
  };

  /** Drafts and proposals, for editors. */
  async function pending(actor: Actor): Promise<IncidentView[]> {
    authorize(actor, incidentActions['incidents.drafts']);
    return assemble(db, await incidentsMatching(db, ['draft', 'proposed'], NO_FILTER));
  }

  /** One incident: anyone if it is published; an editor also a draft or a proposal; else 404. */
  async function get(actor: Actor, id: string): Promise<IncidentView> {
    const row = ID.test(id) ? await incidentById(db, id) : undefined;
    if (!row || (row.status !== 'published' && !decide(actor, incidentActions['incidents.drafts']).ok))
      throw errors.notFound('The incident');
    return (await assemble(db, [row]))[0];
  }

  async function writeParts(tx: Queryable, id: string, input: IncidentInput, by: string | null, at: string) {
    for (const [i, c] of input.claims.entries()) {
      const claim = await insertClaim(tx, id, i, c, { by, at, statedBy: null });
      for (const r of c.responses) await insertResponse(tx, id, claim, r, { by, at, own: false });
    }
    for (const n of input.norms) await insertNorm(tx, id, n);
  }

  /** An editor creates a draft. */
  async function create(actor: Actor, body: unknown, origin: Origin): Promise<{ id: string }> {
    authorize(actor, incidentActions['incidents.edit']);
    const input = checkIncident(body, await knownStates());
    return db.transaction(async (tx) => {
      const at = clock().toISOString();
      const id = await insertIncident(tx, input, actor.userId, at, 'draft');
      await writeParts(tx, id, input, actor.userId, at);
      await settleContested(tx, id);
      await audit(tx, actor, origin, 'incident.create', id, { title: input.title, claims: input.claims.length });
      return { id };
    });
  }

  /** An editor changes a draft or a proposal (which is a draft again): the record, its claims and its norms. */
  async function update(actor: Actor, id: string, body: unknown, origin: Origin): Promise<{ id: string }> {
    authorize(actor, incidentActions['incidents.edit']);
    const input = checkIncident(body, await knownStates());
    return db.transaction(async (tx) => {
      const row = ID.test(id) ? await lockIncident(tx, id) : undefined;
      if (!row) throw errors.notFound('The incident');
      if (row.status === 'published') throw new AppError('CONFLICT', 409, 'A published incident is not changed here.');
      const at = clock().toISOString();
      await updateIncident(tx, id, input, actor.userId as string, at);
      // Unchanged claims and responses keep their ids, so their STIX ids (incidents.parts.ts).
      await replaceParts(tx, id, input, actor.userId, at);
      await settleContested(tx, id);
      await audit(tx, actor, origin, 'incident.update', id, { title: input.title, claims: input.claims.length });
      return { id };
    });
  }

  /** An editor proposes a draft for publication. */
  async function propose(actor: Actor, id: string, origin: Origin) {
    authorize(actor, incidentActions['incidents.edit']);
    return db.transaction(async (tx) => {
      const row = ID.test(id) ? await lockIncident(tx, id) : undefined;
      if (!row) throw errors.notFound('The incident');
      if (row.status !== 'draft') throw new AppError('CONFLICT', 409, 'Only a draft can be proposed.');
      await markProposed(tx, id, actor.userId as string, clock().toISOString());
      await audit(tx, actor, origin, 'incident.propose', id);
      return { status: 'proposed' as const };
    });
  }

  /**
   * Another editor approves a proposal, which publishes it; nobody approves their own change. With `change`, the
   * change waiting on a published incident is approved instead (one path, so whoever hears approvals hears it).
   */
  async function approve(actor: Actor, id: string, origin: Origin, change?: { id: string; edition?: unknown }) {
    if (change) return approveChange(actor, id, change, origin);
    authorize(actor, incidentActions['incidents.approve']);
    return db.transaction(async (tx) => {
      const row = ID.test(id) ? await lockIncident(tx, id) : undefined;
      if (!row) throw errors.notFound('The incident');
      if (!mayApprove(actor.userId as string, row))
        throw new AppError('FORBIDDEN', 403, 'Another editor must approve a change you made or proposed.');
      if (row.status !== 'proposed') throw new AppError('CONFLICT', 409, 'Only a proposed incident can be approved.');
      // TLP: only TLP:CLEAR may be disclosed without limit, and the record is public (docs/decisions.md).
      if (row.tlp !== 'clear')
        throw new AppError(
          'CONFLICT',
          409,
          `It is marked TLP:${row.tlp.toUpperCase()}; the public record publishes TLP:CLEAR only.`,
        );
      await markPublished(tx, id, actor.userId as string, clock().toISOString());
      await audit(tx, actor, origin, 'incident.approve', id, { proposedBy: row.proposed_by });
      return { status: 'published' as const };
    });
  }

  /**
   * A State's own position on a published incident: an attribution of its own (a claim), or support for, denial
   * of or comment on a claim, shown as that State's statement. Its focal point publishes it; a point of contact's
   * waits as a draft for the focal point (incidents.positions.ts).
   */
  async function position(actor: Actor, id: string, state: string, body: unknown, origin: Origin) {
    if (drafts.draftsFor(actor, state)) return drafts.draft(actor, id, state, body, origin);
    authorize(actor, incidentActions['incidents.position'], { state });
    const row = ID.test(id) ? await incidentById(db, id) : undefined;
    if (row?.status !== 'published') throw errors.notFound('The incident');
    const known = await knownStates();
    return db.transaction(async (tx) => {
      const p = checkPosition(known, state, body, await claimsOf(tx, [id]));
      const done = await writePosition(tx, id, state, p, actor.userId, clock().toISOString());
      await audit(tx, actor, origin, 'incident.position', id, { state, kind: p.kind, ...done.details });
      return { id: done.id, kind: p.kind as string, status: 'published' as 'published' | 'pending' };
    });
  }

  /** These incidents as one STIX 2.1 bundle, the States named in English. */
  async function bundleOf(views: IncidentView[]) {
    const codes = views.flatMap((v) =>
      v.claims.flatMap((c) => [...c.claimant_states, c.attributed_state ?? '', ...c.responses.map((r) => r.state_code)]),
    );
    return incidentsBundle(views, await stateNamesIn(db, codes.filter(Boolean), 'en'));
  }

  /** One incident as STIX 2.1: anyone if published, an editor also a draft or a proposal; else 404. */
  const stixOne = async (actor: Actor, id: string) => bundleOf([await get(actor, id)]);

  /** The published incidents matching the filter as CSV, a row per claim (incidents.csv.ts): whoever asks. */
  const csv = async (filter: Filter & { contested: boolean | null }) => incidentsCsv(await list(filter));

  /** The whole public record as STIX 2.1: published incidents only, whoever asks. */
  const stixAll = async () => bundleOf(await list({ ...NO_FILTER, contested: null }));

  /**
   * An editor imports a STIX 2.1 bundle as a draft for review: every attributed-to relationship its own claim,
   * opinions as responses, the marking and STIX ids kept. A bad bundle stores nothing.
   */
  async function importStix(actor: Actor, body: unknown, origin: Origin) {
    authorize(actor, incidentActions['incidents.edit']);
    const rec = readBundle(body, await knownStates());
    return db.transaction(async (tx) => {
      // The same STIX incident twice would be two records of one incident: the bundle names the one already here.
      const existing = await recordWithStixId(tx, rec.stixId);
      if (existing)
        throw new AppError('CONFLICT', 409, `The incident ${rec.stixId} is already in the record: /incidents/${existing.id}.`, [
          fieldProblem(rec.stixIdField, 'alreadyInRecord', { title: existing.title, id: existing.id }),
        ]);
      const at = clock().toISOString();
      const id = await insertIncident(tx, rec.input, actor.userId, at, 'draft');
      await setIncidentOrigin(tx, id, rec);
      let responses = 0;
      for (const [i, c] of rec.input.claims.entries()) {
        const claim = await insertClaim(tx, id, i, c, { by: actor.userId, at, statedBy: null });
        await setClaimOrigin(tx, claim, rec.claims[i].stixId, rec.claims[i].confidence);
        for (const [j, r] of c.responses.entries()) {
          const response = await insertResponse(tx, id, claim, r, { by: actor.userId, at, own: false });
          await setResponseOrigin(tx, response, rec.claims[i].responses[j]);
          responses++;
        }
      }
      for (const n of rec.input.norms) await insertNorm(tx, id, n);
      await settleContested(tx, id);
      const summary = { stixId: rec.stixId, tlp: rec.tlp, claims: rec.claims.length, responses, ignored: rec.ignored };
      await audit(tx, actor, origin, 'incident.import', id, { ...summary, ignored: rec.ignored.length });
      return { id, ...summary };
    });
  }

  /** Names of States in the reader's language, for the pages. */
  const names = (codes: string[], locale: string) => stateNamesIn(db, codes, locale);

  return {
    ...revisions,
    list,
    page,
    choices,
    pending,
    get,
    create,
    update,
    propose,
    // What the published record offers changes only when a record is published or a State states its position.
    approve: (...a: Parameters<typeof approve>) => approve(...a).then(changed),
    position: (...a: Parameters<typeof position>) => position(...a).then(changed),
    stixOne,
    stixAll,
    csv,
    importStix,
    /** The record in the reader's language; editors' translations (incidents.translations.ts). */
    translations,
    names,
    /** A POC's drafts of their State's position, for its focal point to decide (incidents.positions.ts). */
    drafts,
  };
}

export type IncidentsService = ReturnType<typeof createIncidentsService>;

/** The names of these States in the reader's language (English when there is none). */
export async function stateNamesIn(db: Queryable, codes: string[], locale: string): Promise<Map<string, string>> {
  const rows = await stateNamesOf(db, [...new Set(codes)]);
  return new Map(rows.map((r) => [r.code, r.names[locale] ?? r.names.en ?? r.code]));
}
