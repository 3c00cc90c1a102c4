// A State's own position on a published incident (issue 18): checked and written the same way whoever publishes
// it, its focal point at once or a point of contact with the focal point's approval (docs/decisions.md, 74). A
// POC's position is a draft of the State's: its focal point sees and decides every pending one (still after the
// POC lost the role); the POC sees and withdraws only their own, while they hold the role; to anyone else it
// does not exist (404, as a thread). Nothing of a draft is public: the record, STIX, TAXII and the feed read
// only what was published. Every write is audited in its transaction.
import type { Db, Queryable } from '../../db/client.ts';
import { type Actor, authorize, decide, scopeOf } from '../../platform/access.ts';
import { AppError, errors } from '../../platform/errors.ts';
import { translatorFor } from '../../platform/i18n/i18n.ts';
import type { Clock, Origin } from '../../platform/kernel.ts';
import { queueMail } from '../../platform/mail.ts';
import { settleContested } from './incidents.contested.ts';
import { incidentActions } from './incidents.policy.ts';
import {
  type DraftRow,
  decideDraft,
  draftById,
  draftsVisible,
  insertDraft,
  type MailPerson,
  officialsOf,
  stateNamesByLanguage,
} from './incidents.positions.queries.ts';
import { type ClaimRow, claimsOf, incidentById, insertClaim, insertResponse } from './incidents.queries.ts';
import { textsIn } from './incidents.translations.ts';
import { Checker, type ClaimInput, checkClaim, checkResponse, type ResponseInput } from './incidents.validate.ts';
import { STANCES } from './incidents.vocab.ts';

type Stance = (typeof STANCES)[number];
export type CheckedPosition =
  | { kind: 'attribution'; claim: ClaimInput }
  | { kind: Stance; claimId: string; response: ResponseInput };

/** The fields a position has (the form's and the API's), as given: what a draft keeps. */
const FIELDS = ['kind', 'claim', 'statedOn', 'summary', 'sourceUrl', 'attributedKind', 'attributedState', 'attributedActor'];

const recordOf = (body: unknown) =>
  (body && typeof body === 'object' && !Array.isArray(body) ? body : {}) as Record<string, unknown>;

/** Checks a position against the incident's claims; throws BAD_INPUT naming each field that is wrong. */
export function checkPosition(
  known: (code: string) => boolean,
  state: string,
  body: unknown,
  claims: ClaimRow[],
): CheckedPosition {
  const r = recordOf(body);
  const c = new Checker(known);
  const kind = c.choice('kind', r.kind, ['attribution', ...STANCES] as const);
  c.done();
  if (kind === 'attribution') {
    const claim = checkClaim(c, 'claim', {
      ...r,
      claimantKind: 'state',
      claimantStates: [state],
      claimedOn: r.statedOn,
      basis: 'political_statement',
    });
    c.done();
    return { kind, claim };
  }
  if (!claims.some((x) => x.id === r.claim)) c.fail('claim', 'choice', null, { options: claims.map((x) => x.id).join(', ') });
  const response = checkResponse(c, 'response', { ...r, state, stance: kind });
  c.done();
  return { kind, claimId: r.claim as string, response };
}

/** Writes a checked position as the State's own statement: a claim of its own, or a response to a claim. */
export async function writePosition(
  tx: Queryable,
  incident: string,
  state: string,
  p: CheckedPosition,
  by: string | null,
  at: string,
): Promise<{ id: string; details: Record<string, unknown> }> {
  if (p.kind === 'attribution') {
    const id = await insertClaim(tx, incident, 1000, p.claim, { by, at, statedBy: state });
    await settleContested(tx, incident);
    return { id, details: { claim: id } };
  }
  const id = await insertResponse(tx, incident, p.claimId, p.response, { by, at, own: true });
  // A denial contests the attribution (decision 75): the stored mark follows in the same transaction.
  await settleContested(tx, incident);
  return { id, details: { claim: p.claimId, response: id } };
}

type Audit = (
  tx: Queryable,
  actor: Actor,
  origin: Origin,
  action: string,
  id: string,
  details?: Record<string, unknown>,
) => Promise<unknown>;

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const statesUnder = (actor: Actor, action: string) => {
  const s = scopeOf(actor, action);
  return s.all ? [] : s.states;
};

export type DraftView = Omit<DraftRow, 'body'> & { body: Record<string, string> };
const present = (d: DraftRow): DraftView => ({
  ...d,
  body: Object.fromEntries(FIELDS.flatMap((f) => (typeof d.body[f] === 'string' ? [[f, d.body[f] as string]] : []))),
});

export function createPositionDrafts(deps: {
  db: Db;
  clock: Clock;
  knownStates: () => Promise<(code: string) => boolean>;
  audit: Audit;
  /** Told when an approval changed the public record. */
  published: () => void;
  /** Where the platform is reached, for the links in mail. */
  publicUrl: string;
}) {
  const { db, clock, audit } = deps;
  const missing = () => errors.notFound('The draft position');

  /**
   * Mail about a draft, in each recipient's language, queued in the deciding transaction (it goes out only if
   * that commits): the State and the incident named in that language where it has them. The position itself
   * stays in the platform; the mail says only what kind it is.
   */
  async function tell(tx: Queryable, to: MailPerson[], d: DraftRow, what: 'draft' | 'approved' | 'declined', vars = {}) {
    if (!to.length) return;
    const states = await stateNamesByLanguage(tx, d.state_code);
    const at = clock();
    for (const person of to) {
      const t = translatorFor(person.language);
      // The title as the record's pages show it in that language: its current translation, else the English.
      const title = (await textsIn(tx, [d.incident_id], t.locale))(d.incident_id, 'title', d.incident_title);
      const args = {
        name: person.display_name,
        poc: d.drafted_by_name,
        state: states[t.locale] ?? states.en ?? d.state_code,
        incident: title.text,
        kind: t(`incidents.position.${d.kind}`),
        url: `${deps.publicUrl}${what === 'draft' ? '/incidents/positions' : `/incidents/${d.incident_id}`}`,
        ...vars,
      };
      await queueMail(
        tx,
        { to: person.email, subject: t(`mail.position.${what}.subject`, args), text: t(`mail.position.${what}.body`, args) },
        at,
      );
    }
  }
  const POC_ROLES = ['poc_diplomatic', 'poc_technical'];
  /** The POC who drafted it, while they still hold a POC role of the State (one removed is told nothing more). */
  const drafter = async (tx: Queryable, d: DraftRow) =>
    (await officialsOf(tx, d.state_code, POC_ROLES)).filter((p) => p.id === d.drafted_by);

  /** Whose drafts the actor sees: the States they are focal point of (all), and of which they are a POC (own). */
  const who = (actor: Actor) => ({
    focalOf: statesUnder(actor, incidentActions['incidents.position']),
    pocOf: statesUnder(actor, incidentActions['incidents.position.draft']),
    userId: actor.userId ?? '',
  });
  type Who = ReturnType<typeof who>;
  /** Refuses (401/403) someone who is neither a focal point nor a point of contact of any State. */
  const official = (actor: Actor): Who => {
    const w = who(actor);
    if (!w.focalOf.length && !w.pocOf.length) authorize(actor, incidentActions['incidents.position.drafts']);
    return w;
  };
  const sees = (w: Who, d: DraftRow) =>
    w.focalOf.includes(d.state_code) || (w.pocOf.includes(d.state_code) && d.drafted_by === w.userId);

  /** True when the actor writes positions of this State as drafts for its focal point (a POC). */
  const draftsFor = (actor: Actor, state: string) =>
    !decide(actor, incidentActions['incidents.position'], { state }).ok &&
    decide(actor, incidentActions['incidents.position.draft'], { state }).ok;

  /** A POC drafts a position of their State: checked as the focal point's would be, kept until decided. */
  async function draft(actor: Actor, id: string, state: string, body: unknown, origin: Origin) {
    authorize(actor, incidentActions['incidents.position.draft'], { state });
    const row = ID.test(id) ? await incidentById(db, id) : undefined;
    if (row?.status !== 'published') throw errors.notFound('The incident');
    const known = await deps.knownStates();
    const r = recordOf(body);
    const kept = Object.fromEntries(FIELDS.flatMap((f) => (typeof r[f] === 'string' ? [[f, r[f]]] : [])));
    return db.transaction(async (tx) => {
      const p = checkPosition(known, state, r, await claimsOf(tx, [id]));
      const at = clock().toISOString();
      const draftId = await insertDraft(tx, { incident: id, state, kind: p.kind, body: kept, by: actor.userId as string, at });
      await audit(tx, actor, origin, 'incident.position_draft', id, { state, kind: p.kind, draft: draftId });
      // The State's focal points are told that a draft waits for them.
      const d = await draftById(tx, draftId);
      if (d) await tell(tx, await officialsOf(tx, state, ['focal_point']), d, 'draft');
      return { id: draftId, kind: p.kind as string, status: 'pending' as const };
    });
  }

  /** The drafts the actor may see (of one incident, or all): pending ones of their State, their own. */
  async function list(actor: Actor, incident: string | null = null): Promise<DraftView[]> {
    const w = official(actor);
    if (incident !== null && !ID.test(incident)) return [];
    return (await draftsVisible(db, w, incident)).map(present);
  }

  /**
   * What a page draws for this reader (of one incident, or all for the desk): nothing for anyone who is not a
   * State's focal point or POC; never a refusal, so a public page never fails for it.
   */
  async function forReader(actor: Actor, incident: string | null): Promise<DraftView[]> {
    const w = who(actor);
    if (!actor.userId || (!w.focalOf.length && !w.pocOf.length)) return [];
    if (incident !== null && !ID.test(incident)) return [];
    return (await draftsVisible(db, w, incident)).map(present);
  }

  /** The States whose positions the reader decides (focal point), and the one they draft for (a POC). */
  const roles = (actor: Actor) => {
    const w = who(actor);
    return { focalOf: w.focalOf, draftsFor: w.pocOf.find((s) => draftsFor(actor, s)) ?? null };
  };

  /** One draft, as the actor may see it; 404 otherwise. */
  async function get(actor: Actor, id: string): Promise<DraftView> {
    const w = official(actor);
    const d = ID.test(id) ? await draftById(db, id) : undefined;
    if (!d || !sees(w, d)) throw missing();
    return present(d);
  }

  /** A decision on a pending draft, in one transaction with the draft's row locked: one decision wins. */
  async function decideOn<T>(
    actor: Actor,
    id: string,
    check: (d: DraftRow) => void,
    act: (tx: Queryable, d: DraftRow, at: string) => Promise<T>,
  ): Promise<T> {
    const w = official(actor);
    if (!ID.test(id)) throw missing();
    return db.transaction(async (tx) => {
      const d = await draftById(tx, id, true);
      if (!d || !sees(w, d)) throw missing();
      check(d);
      if (d.status !== 'pending') throw new AppError('CONFLICT', 409, `This draft was already ${d.status}.`);
      return act(tx, d, clock().toISOString());
    });
  }

  /** The focal point approves: published exactly as their own position, recording who drafted it. */
  async function approve(actor: Actor, id: string, origin: Origin) {
    const known = await deps.knownStates();
    const done = await decideOn(
      actor,
      id,
      (d) => authorize(actor, incidentActions['incidents.position'], { state: d.state_code }),
      async (tx, d, at) => {
        let p: CheckedPosition;
        try {
          p = checkPosition(known, d.state_code, d.body, await claimsOf(tx, [d.incident_id]));
        } catch (err) {
          if (!(err instanceof AppError) || err.code !== 'BAD_INPUT') throw err;
          throw new AppError('CONFLICT', 409, 'The record changed since this was drafted: decline it, and draft it again.');
        }
        const written = await writePosition(tx, d.incident_id, d.state_code, p, actor.userId, at);
        await decideDraft(tx, d.id, { status: 'approved', by: actor.userId as string, at, reason: '', published: written.id });
        await audit(tx, actor, origin, 'incident.position', d.incident_id, {
          state: d.state_code,
          kind: p.kind,
          ...written.details,
          draft: d.id,
          draftedBy: d.drafted_by,
        });
        await tell(tx, await drafter(tx, d), d, 'approved');
        return { id: d.id, incident: d.incident_id, status: 'approved' as const, published: written.id };
      },
    );
    deps.published();
    return done;
  }

  /** The focal point declines, saying why; the POC who drafted it sees the reason. */
  async function decline(actor: Actor, id: string, body: unknown, origin: Origin) {
    return decideOn(
      actor,
      id,
      (d) => {
        authorize(actor, incidentActions['incidents.position'], { state: d.state_code });
        const c = new Checker(() => false);
        c.text('reason', recordOf(body).reason, { required: true });
        c.done();
      },
      async (tx, d, at) => {
        const reason = String(recordOf(body).reason).trim();
        await decideDraft(tx, d.id, { status: 'declined', by: actor.userId as string, at, reason, published: null });
        await audit(tx, actor, origin, 'incident.position_decline', d.incident_id, { state: d.state_code, draft: d.id });
        await tell(tx, await drafter(tx, d), d, 'declined', { reason });
        return { id: d.id, incident: d.incident_id, status: 'declined' as const, published: null };
      },
    );
  }

  /** The POC who drafted it withdraws it while it waits. */
  async function withdraw(actor: Actor, id: string, origin: Origin) {
    return decideOn(
      actor,
      id,
      (d) => {
        if (d.drafted_by !== actor.userId) throw new AppError('FORBIDDEN', 403, 'Only who drafted it may withdraw it.');
        authorize(actor, incidentActions['incidents.position.draft'], { state: d.state_code });
      },
      async (tx, d, at) => {
        await decideDraft(tx, d.id, { status: 'withdrawn', by: actor.userId as string, at, reason: '', published: null });
        await audit(tx, actor, origin, 'incident.position_withdraw', d.incident_id, { state: d.state_code, draft: d.id });
        return { id: d.id, incident: d.incident_id, status: 'withdrawn' as const, published: null };
      },
    );
  }

  return { draftsFor, roles, draft, list, forReader, get, approve, decline, withdraw };
}

export type PositionDrafts = ReturnType<typeof createPositionDrafts>;
