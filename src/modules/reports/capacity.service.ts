// Capacity-building needs and offers. A need is a gap (challenges and capacity gaps) that a State
// published in a public, submitted report; anyone sees the needs, by norm and region. An official of
// another State offers help; the needing State's officials see the offers and its focal point accepts
// one; both States see the match. Every offer and acceptance is audited.
import type { Db, Queryable } from '../../db/client.ts';
import { type Actor, authorize, decide, defineRules, effectiveGrants } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { AppError, errors } from '../../platform/errors.ts';
import type { Clock, Origin } from '../../platform/kernel.ts';
import type { Question } from './questionnaire.ts';

const SENDERS = ['focal_point', 'poc_diplomatic', 'poc_technical'] as const;

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
    const rows = await db.query<{
      state_code: string;
      name: string;
      un_group: string | null;
      cycle: number;
      version: number;
      question: string;
      gaps: string[];
      text: string | null;
      offers: number;
      accepted: boolean;
    }>(
      `with latest as (
         select distinct on (state_code) id, state_code, cycle, version from reports
         where status = 'submitted' and visibility = 'public' order by state_code, cycle desc)
       select l.state_code, s.names->>'en' as name, s.un_group, l.cycle, l.version, g.question, g.value as gaps,
         (select t.value #>> '{}' from report_answers t where t.report_id = l.id and t.question = g.question || '.text') as text,
         (select count(*)::int from capacity_offers o where o.need_state = l.state_code and o.cycle = l.cycle and o.question = g.question) as offers,
         exists (select 1 from capacity_offers o where o.need_state = l.state_code and o.cycle = l.cycle and o.question = g.question and o.status = 'accepted') as accepted
       from latest l join states s on s.code = l.state_code
       join report_answers g on g.report_id = l.id and g.question like '%.gaps' and jsonb_array_length(g.value) > 0
       where ($1::text is null or g.question = 'norm.' || $1 || '.gaps') and ($2::text is null or s.un_group = $2)
       order by g.question, s.names->>'en'`,
      [filter.norm ?? null, filter.group ?? null],
    );
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
    if (!message || message.length > 4000)
      throw errors.badInput([{ field: 'message', reason: 'is required (at most 4000 characters)' }]);
    if (state === own) throw errors.badInput([{ field: 'state', reason: 'cannot be your own State' }]);
    const need = (await needs()).find((n) => n.state === state && n.cycle === cycle && n.question === question);
    if (!need) throw errors.badInput([{ field: 'question', reason: 'is not a published need' }]);
    return db.transaction(async (tx) => {
      const [row] = await tx.query<{ id: string }>(
        `insert into capacity_offers (need_state, cycle, question, offered_by_state, offered_by, message, created_at)
         values ($1, $2, $3, $4, $5, $6, $7) returning id`,
        [state, cycle, question, own, actor.userId, message, clock().toISOString()],
      );
      await audit(tx, actor, origin, 'capacity.offer', row.id, { to: state, question });
      return { id: row.id };
    });
  }

  /** The offers a State received for its needs, and those it made, with their status. Each view is audited. */
  async function mine(actor: Actor, state: string, origin: Origin) {
    authorize(actor, capacityActions['capacity.read'], { state });
    return db.transaction(async (tx) => {
      const offers = await tx.query<{
        id: string;
        need_state: string;
        cycle: number;
        question: string;
        offered_by_state: string;
        offered_by_name: string;
        message: string;
        status: string;
        created_at: Date;
        decided_at: Date | null;
      }>(
        `select o.id, o.need_state, o.cycle, o.question, o.offered_by_state, u.display_name as offered_by_name, o.message, o.status,
              o.created_at, o.decided_at
       from capacity_offers o join users u on u.id = o.offered_by
       where o.need_state = $1 or o.offered_by_state = $1 order by o.created_at desc`,
        [state],
      );
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
    const [o] = await db.query<{ need_state: string; status: string }>(
      'select need_state, status from capacity_offers where id = $1',
      [id],
    );
    if (!o) throw errors.notFound('The offer');
    if (!decide(actor, capacityActions['capacity.accept'], { state: o.need_state }).ok) {
      authorize(actor, capacityActions['capacity.accept'], { state: o.need_state });
    }
    if (o.status === 'accepted') throw new AppError('CONFLICT', 409, 'This offer was already accepted.');
    await db.transaction(async (tx) => {
      await tx.query("update capacity_offers set status = 'accepted', decided_at = $2, decided_by = $3 where id = $1", [
        id,
        clock().toISOString(),
        actor.userId,
      ]);
      await audit(tx, actor, origin, 'capacity.accept', id, { state: o.need_state });
    });
    return { status: 'accepted' };
  }

  return { needs, offer, mine, accept, ownState: (actor: Actor) => effectiveGrants(actor).find((g) => g.state)?.state ?? null };
}

export type CapacityService = ReturnType<typeof createCapacityService>;
export type { Question };
