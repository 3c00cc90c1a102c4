// Capacity-building pages: the published needs with a form to offer help, and a State's offers received
// and made, with the focal point's acceptance. The service decides who may do what.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h, type VNode } from 'preact';
import { decide } from '../../platform/access.ts';
import { AppError } from '../../platform/errors.ts';
import { csrfToken, originOf } from '../../platform/http/auth.ts';
import { formProblems } from '../../platform/http/form-problems.ts';
import { pageContext } from '../../platform/http/request-context.ts';
import { renderDocument } from '../../views/render.ts';
import type { RegistryService } from '../registry/index.ts';
import { type CapacityService, capacityActions, filterOf } from './capacity.service.ts';
import { NeedsPage, OffersPage } from './capacity.views.tsx';

const hidden = { schema: { hide: true } };

export function capacityPages(deps: { capacity: CapacityService; registry: RegistryService; assetVersion: string }) {
  const { capacity, registry } = deps;
  const send = (reply: FastifyReply, vnode: VNode<any>, status = 200) =>
    reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderDocument(vnode));
  return async (app: FastifyInstance) => {
    const needsPage = async (req: FastifyRequest, reply: FastifyReply, extra: object = {}, status = 200) => {
      const ctx = pageContext(req, deps.assetVersion);
      const q = filterOf(req.query as { norm?: string; group?: string });
      const own = capacity.ownState(req.actor);
      const canOffer = own && decide(req.actor, capacityActions['capacity.offer']).ok ? own : null;
      return send(
        reply,
        h(NeedsPage, { ctx, csrf: csrfToken(req, reply), needs: await capacity.needs(q), ...q, canOffer, ...extra }),
        status,
      );
    };
    app.get('/capacity', hidden, (req, reply) =>
      needsPage(req, reply, {
        notice:
          (req.query as { notice?: string }).notice === 'offered'
            ? pageContext(req, deps.assetVersion).t('capacity.offered')
            : undefined,
      }),
    );

    app.post<{ Body: Record<string, string> }>('/capacity/offers', hidden, async (req, reply) => {
      try {
        await capacity.offer(req.actor, req.body, originOf(req));
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'BAD_INPUT') throw err;
        return needsPage(req, reply, { problems: formProblems(pageContext(req, deps.assetVersion).t, err) }, 400);
      }
      return reply.redirect('/capacity?notice=offered', 303);
    });

    app.get<{ Params: { code: string } }>('/states/:code/capacity', hidden, async (req, reply) => {
      const ctx = pageContext(req, deps.assetVersion);
      const offers = await capacity.mine(req.actor, req.params.code, originOf(req));
      const states = await registry.listStates({}, ctx.locale);
      const names = Object.fromEntries(states.map((s) => [s.code, s.name]));
      return send(
        reply,
        h(OffersPage, {
          ctx,
          csrf: csrfToken(req, reply),
          state: { code: req.params.code, name: names[req.params.code] ?? req.params.code },
          offers,
          names,
          canAccept: decide(req.actor, capacityActions['capacity.accept'], { state: req.params.code }).ok,
          notice: (req.query as { notice?: string }).notice === 'accepted' ? ctx.t('capacity.acceptedNotice') : undefined,
        }),
      );
    });

    app.post<{ Params: { id: string } }>('/capacity/offers/:id/accept', hidden, async (req, reply) => {
      await capacity.accept(req.actor, req.params.id, originOf(req));
      const own = capacity.ownState(req.actor);
      return reply.redirect(`/states/${own}/capacity?notice=accepted`, 303);
    });
  };
}
