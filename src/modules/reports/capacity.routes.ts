// Capacity-building needs and offers through the API. The service decides who may offer, read and accept.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { originOf } from '../../platform/http/auth.ts';
import { problemResponses } from '../../platform/http/openapi.ts';
import { type CapacityService, filterOf, GROUPS } from './capacity.service.ts';

export function capacityRoutes(deps: { capacity: CapacityService }) {
  const { capacity } = deps;
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
      async (req) => ({
        data: (await capacity.mine(req.actor, req.params.code, originOf(req))) as unknown as Record<string, unknown>[],
      }),
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
  };
}
