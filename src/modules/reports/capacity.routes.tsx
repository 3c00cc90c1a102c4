// Capacity-building needs and offers: the API and the pages. The service decides who may offer, read and
// accept.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { h, type VNode } from 'preact';
import { z } from 'zod';
import { decide } from '../../platform/access.ts';
import { AppError } from '../../platform/errors.ts';
import { csrfToken, originOf } from '../../platform/http/auth.ts';
import { problemResponses } from '../../platform/http/openapi.ts';
import { pageContext } from '../../platform/http/request-context.ts';
import { NeedsPage, OffersPage } from '../../views/pages/capacity.tsx';
import { renderDocument } from '../../views/render.ts';
import { formProblems } from '../identity/identity.pages.tsx';
import type { RegistryService } from '../registry/registry.service.ts';
import { type CapacityService, capacityActions } from './capacity.service.ts';

const hidden = { schema: { hide: true } };
const GROUPS = ['african', 'asia-pacific', 'eastern-european', 'latin-american-caribbean', 'weog'];
const filterOf = (q: { norm?: string; group?: string }) => ({
  norm: q.norm && /^[a-k]$/.test(q.norm) ? q.norm : undefined,
  group: q.group && GROUPS.includes(q.group) ? q.group : undefined,
});

export function capacityRoutes(deps: { capacity: CapacityService; registry: RegistryService; assetVersion: string }) {
  const { capacity, registry } = deps;
  const send = (reply: FastifyReply, vnode: VNode<any>, status = 200) =>
    reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderDocument(vnode));
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['capacity-building'];

    r.get(
      '/api/v1/capacity/needs',
      {
        schema: {
          tags,
          summary: 'Capacity gaps States published in their public reports, by norm and UN regional group',
          querystring: z.object({
            norm: z
              .string()
              .regex(/^[a-k]$/)
              .optional(),
            group: z.enum(GROUPS as [string, ...string[]]).optional(),
          }),
          response: { 200: z.object({ data: z.array(z.record(z.string(), z.unknown())) }), ...problemResponses(400) },
        },
      },
      async (req) => ({ data: (await capacity.needs(filterOf(req.query))) as unknown as Record<string, unknown>[] }),
    );

    r.post(
      '/api/v1/capacity/offers',
      {
        schema: {
          tags,
          summary: "Offer your State's help for a published need of another State (its officials)",
          body: z.object({ state: z.unknown(), cycle: z.unknown(), question: z.unknown(), message: z.unknown() }).partial(),
          response: { 201: z.object({ id: z.string() }), ...problemResponses(400, 401, 403) },
        },
      },
      async (req, reply) => reply.status(201).send(await capacity.offer(req.actor, req.body, originOf(req))),
    );

    r.get(
      '/api/v1/states/:code/capacity-offers',
      {
        schema: {
          tags,
          summary: 'Offers a State received for its needs and made to others, with their status (its officials)',
          params: z.object({ code: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 3166-1 alpha-3 code') }),
          response: { 200: z.object({ data: z.array(z.record(z.string(), z.unknown())) }), ...problemResponses(400, 401, 403) },
        },
      },
      async (req) => ({ data: (await capacity.mine(req.actor, req.params.code)) as unknown as Record<string, unknown>[] }),
    );

    r.post(
      '/api/v1/capacity/offers/:id/accept',
      {
        schema: {
          tags,
          summary: "Accept an offer (the needing State's focal point); both States then see the match",
          params: z.object({ id: z.uuid('must be an id') }),
          response: { 200: z.object({ status: z.string() }), ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req) => capacity.accept(req.actor, req.params.id, originOf(req)),
    );

    // Pages.
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
      const offers = await capacity.mine(req.actor, req.params.code);
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
