// The pages of a State's positions drafted by its points of contact (incidents.positions.ts), and the part of an
// incident page drawn for its reader alone: their State's drafts, the POC's form, the threads linked to the
// incident that they are party to (asked of communications through the function app.ts hands over). Nothing
// here is drawn for a signed-out reader, and none of it is ever kept in a cache shared between readers.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h, type VNode } from 'preact';
import type { Actor } from '../../platform/access.ts';
import { AppError } from '../../platform/errors.ts';
import { csrfToken, originOf } from '../../platform/http/auth.ts';
import type { FormProblem } from '../../platform/http/form-problems.ts';
import { type PageContext, pageContext } from '../../platform/http/request-context.ts';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import { reasonText } from '../../platform/i18n/reasons.ts';
import type { Origin } from '../../platform/kernel.ts';
import { renderDocument } from '../../views/render.ts';
import { PositionForm } from './incidents.position.views.tsx';
import type { DraftView } from './incidents.positions.ts';
import { DraftsPage, DraftsSection, type LinkedThread, LinkedThreads } from './incidents.positions.views.tsx';
import type { IncidentsService, IncidentView } from './incidents.service.ts';
import type { Names } from './incidents.views.tsx';

const hidden = { schema: { hide: true } };
type Body = Record<string, string | string[] | undefined>;

/** The threads linked to an incident that this reader is party to (communications decides; app.ts hands it). */
export type ThreadsOn = (actor: Actor, incident: string, origin: Origin) => Promise<LinkedThread[]>;

/** What the incident page is given back after a refused form of this reader's part. */
export interface ReaderExtra {
  problems?: FormProblem[];
  draftProblems?: FormProblem[];
  failed?: string;
}

type IncidentPageFn = (req: FastifyRequest, reply: FastifyReply, id: string, extra: object, status: number) => Promise<unknown>;

export function positionPages(deps: { incidents: IncidentsService; assetVersion: string; threads?: ThreadsOn }) {
  const { incidents } = deps;
  const drafts = incidents.drafts;

  const namesOf = async (ds: DraftView[], ctx: PageContext, more: string[] = []): Promise<Names> =>
    incidents.names([...more, ...ds.flatMap((d) => [d.state_code, d.body.attributedState ?? ''])].filter(Boolean), ctx.locale);

  /** The incident page's part for this reader: nothing for a signed-out reader. */
  async function readerPart(
    req: FastifyRequest,
    reply: FastifyReply,
    ctx: PageContext,
    view: IncidentView,
    names: Names,
    extra: ReaderExtra,
  ): Promise<VNode<any> | null> {
    const actor = req.actor;
    if (!actor.userId) return null;
    const i = view.incident;
    const published = i.status === 'published';
    const [list, threads] = await Promise.all([
      published ? drafts.forReader(actor, i.id) : Promise.resolve([]),
      published && deps.threads ? deps.threads(actor, i.id, originOf(req)) : Promise.resolve([]),
    ]);
    const { focalOf, draftsFor } = drafts.roles(actor);
    if (!list.length && !threads.length && !(published && draftsFor)) return null;
    const csrf = csrfToken(req, reply);
    const all = new Map([...names, ...(await namesOf(list, ctx, draftsFor ? [draftsFor] : []))]);
    return h('div', { class: 'reader-part' }, [
      h(DraftsSection, {
        ctx,
        csrf,
        drafts: list,
        names: all,
        focalOf,
        userId: actor.userId,
        problems: extra.draftProblems,
        failed: extra.failed,
      }),
      h(LinkedThreads, { ctx, threads }),
      published && draftsFor
        ? h(PositionForm, { ctx, csrf, view, state: draftsFor, names: all, problems: extra.problems ?? [], draft: true })
        : null,
    ]);
  }

  const send = (reply: FastifyReply, vnode: VNode<any>, status = 200) =>
    reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderDocument(vnode));

  const NOTICES = ['approved', 'declined', 'withdrawn'];
  const listPage = async (req: FastifyRequest, reply: FastifyReply, extra: { problems?: FormProblem[]; failed?: string }) => {
    const ctx = pageContext(req, deps.assetVersion);
    const list = await drafts.list(req.actor);
    const notice = String((req.query as { notice?: string }).notice ?? '');
    return send(
      reply,
      h(DraftsPage, {
        ctx,
        csrf: csrfToken(req, reply),
        drafts: list,
        names: await namesOf(list, ctx),
        focalOf: drafts.roles(req.actor).focalOf,
        userId: req.actor.userId ?? '',
        notice: NOTICES.includes(notice) ? ctx.t(`incidents.notice.${notice}` as MessageKey) : undefined,
        ...extra,
      }),
      extra.problems ? 400 : 200,
    );
  };

  /** The routes: the list, and each decision (back to the list or the incident, as the form says). */
  const routes = (incidentPage: IncidentPageFn) => async (app: FastifyInstance) => {
    app.get('/incidents/positions', hidden, (req, reply) => listPage(req, reply, {}));

    const decision = (step: 'approve' | 'decline' | 'withdraw', notice: string) =>
      app.post<{ Params: { draft: string }; Body: Body }>(`/incidents/positions/:draft/${step}`, hidden, async (req, reply) => {
        const fromList = req.body?.from === 'list';
        const id = req.params.draft;
        let done: { incident: string };
        try {
          done =
            step === 'approve'
              ? await drafts.approve(req.actor, id, originOf(req))
              : step === 'decline'
                ? await drafts.decline(req.actor, id, req.body ?? {}, originOf(req))
                : await drafts.withdraw(req.actor, id, originOf(req));
        } catch (err) {
          if (!(err instanceof AppError) || err.code !== 'BAD_INPUT') throw err;
          const ctx = pageContext(req, deps.assetVersion);
          const problems = err.fields.map((f) => ({
            field: f.field,
            message: `${ctx.t('incidents.drafts.reason')}: ${reasonText(ctx.locale, f.code, f.params)}`,
          }));
          if (fromList) return listPage(req, reply, { problems, failed: id });
          const d = await drafts.get(req.actor, id);
          return incidentPage(req, reply, d.incident_id, { draftProblems: problems, failed: id }, 400);
        }
        const anchor = step === 'approve' ? '#claims' : '#positions';
        return reply.redirect(
          fromList ? `/incidents/positions?notice=${notice}` : `/incidents/${done.incident}?notice=${notice}${anchor}`,
          303,
        );
      });
    decision('approve', 'approved');
    decision('decline', 'declined');
    decision('withdraw', 'withdrawn');
  };

  return { readerPart, routes };
}
