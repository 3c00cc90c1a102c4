// Comments and their moderation through the API. The service decides who may do what.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errors, fieldProblem } from '../../platform/errors.ts';
import { originOf } from '../../platform/http/auth.ts';
import { problemResponses } from '../../platform/http/openapi.ts';
import { type CommentsService, parseTarget } from './comments.service.ts';

const any = z.record(z.string(), z.unknown());
const id = z.object({ id: z.string().regex(/^\d{1,18}$/, 'must be a comment id') });

export function commentsRoutes(deps: { comments: CommentsService }) {
  const { comments } = deps;
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['discussion'];

    r.get(
      '/api/v1/comments',
      {
        schema: {
          tags,
          summary: 'The comment thread on a norm or lesson (target=norm:c or lesson:<slug>), replies nested',
          querystring: z.object({ target: z.string() }),
          response: { 200: z.object({ data: z.array(any) }), ...problemResponses(400) },
        },
      },
      async (req) => {
        const target = parseTarget(req.query.target);
        if (!target) throw errors.badInput([fieldProblem('target', 'format', { example: 'norm:<letter> or lesson:<slug>' })]);
        return { data: (await comments.list(req.actor, target)) as unknown as Record<string, unknown>[] };
      },
    );

    r.post(
      '/api/v1/comments',
      {
        schema: {
          tags,
          summary: "Post a comment or reply (a member's first waits for moderation): target, body (Markdown, ≤ 5000), parentId",
          body: z.object({ target: z.unknown(), body: z.unknown(), parentId: z.unknown(), website: z.unknown() }).partial(),
          response: { 201: any, ...problemResponses(400, 401, 403, 429) },
        },
      },
      async (req, reply) => reply.status(201).send(await comments.create(req.actor, req.body, originOf(req))),
    );

    r.patch(
      '/api/v1/comments/:id',
      {
        schema: {
          tags,
          summary: 'Change your comment within 15 minutes of posting it',
          params: id,
          body: z.object({ body: z.unknown() }).partial(),
          response: { 200: any, ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req) => comments.edit(req.actor, req.params.id, req.body, originOf(req)),
    );

    r.post(
      '/api/v1/comments/:id/reports',
      {
        schema: {
          tags,
          summary: 'Report a comment to the moderators, with a reason',
          params: id,
          body: z.object({ reason: z.unknown() }).partial(),
          response: { 201: any, ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req, reply) => reply.status(201).send(await comments.report(req.actor, req.params.id, req.body, originOf(req))),
    );

    r.get(
      '/api/v1/moderation/queue',
      {
        schema: {
          tags,
          summary: 'Comments awaiting moderation or reported, and banned members (editors)',
          response: { 200: any, ...problemResponses(401, 403) },
        },
      },
      async (req) => (await comments.queue(req.actor)) as unknown as Record<string, unknown>,
    );

    r.post(
      '/api/v1/comments/:id/approve',
      {
        schema: {
          tags,
          summary: 'Publish a comment awaiting moderation (editors)',
          params: id,
          response: { 200: any, ...problemResponses(401, 403, 404) },
        },
      },
      async (req) => comments.approve(req.actor, req.params.id, originOf(req)),
    );

    r.post(
      '/api/v1/comments/:id/hide',
      {
        schema: {
          tags,
          summary: 'Hide a comment with a reason; editors still see it (editors)',
          params: id,
          body: z.object({ reason: z.unknown() }).partial(),
          response: { 200: any, ...problemResponses(400, 401, 403, 404) },
        },
      },
      async (req) => comments.hide(req.actor, req.params.id, req.body, originOf(req)),
    );

    r.post(
      '/api/v1/moderation/bans',
      {
        schema: {
          tags,
          summary: 'Stop a member from commenting, with a reason (editors)',
          body: z.object({ userId: z.unknown(), reason: z.unknown() }).partial(),
          response: { 201: any, ...problemResponses(400, 401, 403, 409) },
        },
      },
      async (req, reply) => reply.status(201).send(await comments.ban(req.actor, req.body, originOf(req))),
    );
  };
}
