// Capacity-building needs and offers. A need is a gap (challenges and capacity gaps) that a State
// published in a public, submitted report; anyone sees the needs, by norm and region. An official of
// another State offers help; the needing State's officials see the offers and its focal point accepts
// one; both States see the match. Every offer and acceptance is audited.
import type { Db, Queryable } from '../../db/client.ts';
import { type Actor, authorize, decide, defineRules, effectiveGrants } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { AppError, errors, fieldProblem } from '../../platform/errors.ts';
import type { Clock, Origin } from '../../platform/kernel.ts';
import { UN_GROUPS } from '../registry/index.ts';
import { insertOffer, markOfferAccepted, offerById, offersOfState, publishedNeeds } from './capacity.queries.ts';
import type { Question } from './questionnaire.ts';

const SENDERS = ['focal_point', 'poc_diplomatic', 'poc_technical'] as const;

/** The UN regional groups the needs can be filtered by. */
export const GROUPS: string[] = UN_GROUPS;

/** The needs filter from a query: a norm letter and a UN group, each dropped when it is not one. */
export const filterOf = (q: { norm?: string; group?: string }) => ({
  norm: q.norm && /^[a-k]$/.test(q.norm) ? q.norm : undefined,
  group: q.group && GROUPS.includes(q.group) ? q.group : undefined,
});

/** The longest offer message. */
const MESSAGE_MAX = 4000;

export const capacityActions = defineRules({
  'capacity.offer': { anyState: [...SENDERS], write: true },
  'capacity.read': { state: [...SENDERS, 'rapporteur'] },
  'capacity.accept': { state: ['focal_point'], write: true },
});

export interface Need {
  state: string;
  name: string;
  group: string | null;
  cycle: number;
  question: string;
  subject: string;
  norm: string | null;
  gaps: string[];
  text: string;
  offers: number;
  accepted: boolean;
}

export function createCapacityService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;
  const audit = (tx: Queryable, actor: Actor, origin: Origin, action: string, id: string, details?: Record<string, unknown>) =>
    recordAudit(
      tx,
      { actor: `user:${actor.userId}`, origin: origin.ip, action, entity: 'capacity_offer', entityId: id, details },
      clock(),
    );

  /** Published needs: the gaps in each State's latest public report, optionally for one norm or region. */
  async function needs(filter: { norm?: string; group?: string } = {}): Promise<Need[]> {
    const rows = await publishedNeeds(db, filter.norm ?? null, filter.group ?? null);
    return rows.map((r) => {
      const norm = /^norm\.([a-k])\.gaps$/.exec(r.question)?.[1] ?? null;
      return {
        state: r.state_code,
        name: r.name,
        group: r.un_group,
        cycle: r.cycle,
        question: r.question,
        subject: norm ? `norm ${norm}` : r.question.split('.')[0],
        norm,
        gaps: r.gaps,
        text: r.text ?? '',
        offers: r.offers,
        accepted: r.accepted,
      };
    });
  }

  /** An official offers their State's help for a published need of another State. */
  async function offer(actor: Actor, input: unknown, origin: Origin) {
    authorize(actor, capacityActions['capacity.offer']);
    const raw = (input ?? {}) as { state?: unknown; cycle?: unknown; question?: unknown; message?: unknown };
    const own = effectiveGrants(actor).find((g) => g.state && (SENDERS as readonly string[]).includes(g.role))?.state as string;
    const state = String(raw.state ?? '');
    const cycle = Number.parseInt(String(raw.cycle ?? ''), 10);
    const question = String(raw.question ?? '');
    const message = typeof raw.message === 'string' ? raw.message.trim() : '';
    if (!message) throw errors.badInput([fieldProblem('message', 'required')]);
    if (message.length > MESSAGE_MAX) throw errors.badInput([fieldProblem('message', 'tooLong', { n: MESSAGE_MAX })]);
    if (state === own) throw errors.badInput([fieldProblem('state', 'notOwnState')]);
    const need = (await needs()).find((n) => n.state === state && n.cycle === cycle && n.question === question);
    if (!need) throw errors.badInput([fieldProblem('question', 'capacityNeed')]);
    return db.transaction(async (tx) => {
      const id = await insertOffer(tx, {
        state,
        cycle,
        question,
        fromState: own,
        by: actor.userId as string,
        message,
        at: clock().toISOString(),
      });
      await audit(tx, actor, origin, 'capacity.offer', id, { to: state, question });
      return { id };
    });
  }

  /** The offers a State received for its needs, and those it made, with their status. Each view is audited. */
  async function mine(actor: Actor, state: string, origin: Origin) {
    authorize(actor, capacityActions['capacity.read'], { state });
    return db.transaction(async (tx) => {
      const offers = await offersOfState(tx, state);
      await recordAudit(
        tx,
        {
          actor: `user:${actor.userId}`,
          origin: origin.ip,
          action: 'capacity.offers.read',
          entity: 'state',
          entityId: state,
          details: { offers: offers.length },
        },
        clock(),
      );
      return offers;
    });
  }

  /** The needing State's focal point accepts an offer. */
  async function accept(actor: Actor, id: string, origin: Origin) {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw errors.notFound('The offer');
    const o = await offerById(db, id);
    if (!o) throw errors.notFound('The offer');
    if (!decide(actor, capacityActions['capacity.accept'], { state: o.need_state }).ok) {
      authorize(actor, capacityActions['capacity.accept'], { state: o.need_state });
    }
    if (o.status === 'accepted') throw new AppError('CONFLICT', 409, 'This offer was already accepted.');
    await db.transaction(async (tx) => {
      await markOfferAccepted(tx, id, clock().toISOString(), actor.userId as string);
      await audit(tx, actor, origin, 'capacity.accept', id, { state: o.need_state });
    });
    return { status: 'accepted' };
  }

  return { needs, offer, mine, accept, ownState: (actor: Actor) => effectiveGrants(actor).find((g) => g.state)?.state ?? null };
}

export type CapacityService = ReturnType<typeof createCapacityService>;
export type { Question };
