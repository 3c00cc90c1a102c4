// State-to-State communications through the API: the boxes, composing and drafts, reading a thread and acting
// on it. A thread is visible only to its parties (see communications.policy.ts `party`); to anyone else every
// route answers 404. Sends take an `Idempotency-Key` header: a repeat returns the first send's thread with 200
// instead of 201. The exports (STIX, PDF, files) and the manager's figures are in exports.routes.ts; the
// shapes are in communications.schemas.ts. Handlers only translate: every rule is in the service.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { originOf } from '../../platform/http/auth.ts';
import { problemResponses } from '../../platform/http/openapi.ts';
import {
  closeInput,
  communicationInput,
  idParams,
  keyHeader,
  presentSummary,
  presentThread,
  replyInput,
  threadBody,
  threadSummary,
} from './communications.schemas.ts';
import type { CommunicationsService } from './communications.service.ts';
import { exportRoutes } from './exports.routes.ts';
import { linkRoutes } from './links.routes.ts';
import { pageCursor } from './reading.service.ts';

export function communicationsRoutes(deps: { communications: CommunicationsService; maxAttachmentBytes: number }) {
  const { communications: comms } = deps;
  // Room for one attachment of the largest size in base64, and the rest of the message.
  const bodyLimit = Math.ceil(deps.maxAttachmentBytes * 1.4) + 1024 * 1024;
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['communications'];

    r.get(
      '/api/v1/communications',
      {
        schema: {
          tags,
          summary: "Your State's communications: received (inbox), sent, or your drafts; newest first",
          querystring: z.object({
            box: z.enum(['inbox', 'sent', 'drafts']).default('inbox'),
            limit: z.coerce.number().int().min(1).max(200).default(50),
            before: z
              .string()
              .max(80)
              .refine((v) => pageCursor(v) !== null)
              .optional()
              .describe(
                "where the page starts: the previous page's next_cursor (the last item's time to the microsecond and id, " +
                  'e.g. 2026-03-01T09:30:00.123000Z~0d5e…); a date and time alone (the older form) lists what is older than it, ' +
                  'and may leave out threads sent in that same instant',
              ),
          }),
          response: {
            200: z.object({
              data: z.array(threadSummary),
              next_cursor: z.string().nullable().describe('give as `before` for the next page; null on the last page'),
            }),
            ...problemResponses(400, 401, 403),
          },
        },
      },
      async (req) => {
        const page = await comms.list(req.actor, req.query.box, originOf(req), req.query.limit, req.query.before);
        return { data: page.items.map(presentSummary), next_cursor: page.next };
      },
    );

    r.post(
      '/api/v1/communications',
      {
        bodyLimit,
        schema: {
          tags,
          summary: 'Send a communication to one or more States (or, with ?draft=true, save it as a draft)',
          headers: keyHeader,
          querystring: z.object({ draft: z.enum(['true', 'false']).default('false') }),
          body: communicationInput,
          response: {
            200: z.object({ id: z.string(), created: z.literal(false) }).describe('a repeat of an earlier send with this key'),
            201: z.object({ id: z.string(), created: z.boolean() }),
            ...problemResponses(400, 401, 403),
          },
        },
      },
      async (req, reply) => {
        if (req.query.draft === 'true')
          return reply.status(201).send({ ...(await comms.saveDraft(req.actor, req.body, originOf(req))), created: true });
        const res = await comms.send(req.actor, req.body, req.headers['idempotency-key'], originOf(req));
        return reply.status(res.created ? 201 : 200).send(res);
      },
    );

    r.put(
      '/api/v1/communications/:id',
      {
        bodyLimit,
        schema: {
          tags,
          summary: 'Change a draft (its author)',
          params: idParams,
          body: communicationInput,
          response: { 200: z.object({ id: z.string() }), ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req) => comms.updateDraft(req.actor, req.params.id, req.body, originOf(req)),
    );

    r.post(
      '/api/v1/communications/:id/send',
      {
        schema: {
          tags,
          summary: 'Send a draft (its author); sending one already sent changes nothing',
          params: idParams,
          response: { 200: z.object({ id: z.string(), created: z.boolean() }), ...problemResponses(400, 401, 403, 404) },
        },
      },
      async (req) => comms.sendDraft(req.actor, req.params.id, originOf(req)),
    );

    r.get(
      '/api/v1/communications/:id',
      {
        schema: {
          tags,
          summary: 'A thread as you may see it: its messages and timeline (the read is recorded)',
          params: idParams,
          response: { 200: threadBody, ...problemResponses(400, 401, 404) },
        },
      },
      async (req) => presentThread(await comms.read(req.actor, req.params.id, originOf(req))),
    );

    r.post(
      '/api/v1/communications/:id/acknowledge',
      {
        schema: {
          tags,
          summary: 'Acknowledge receipt for your State. This confirms receipt only; it never means agreeing with the content',
          params: idParams,
          response: { 200: z.object({ acknowledged: z.boolean() }), ...problemResponses(401, 403, 404, 409) },
        },
      },
      async (req) => comms.acknowledge(req.actor, req.params.id, originOf(req)),
    );

    r.post(
      '/api/v1/communications/:id/messages',
      {
        bodyLimit,
        schema: {
          tags,
          summary: 'Add a response (a recipient State) or an update (any party) to the thread',
          params: idParams,
          headers: keyHeader,
          body: replyInput,
          response: {
            200: z.object({ id: z.string(), created: z.literal(false) }),
            201: z.object({ id: z.string(), created: z.boolean() }),
            ...problemResponses(400, 401, 403, 404, 409),
          },
        },
      },
      async (req, reply) => {
        const res = await comms.reply(req.actor, req.params.id, req.body, req.headers['idempotency-key'], originOf(req));
        return reply.status(res.created ? 201 : 200).send(res);
      },
    );

    r.post(
      '/api/v1/communications/:id/close',
      {
        schema: {
          tags,
          summary: 'Close the thread (the sending State), with an optional closing note',
          params: idParams,
          body: closeInput,
          response: { 200: z.object({ status: z.string() }), ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req) => comms.close(req.actor, req.params.id, req.body?.body, originOf(req)),
    );

    r.post(
      '/api/v1/communications/:id/withdraw',
      {
        schema: {
          tags,
          summary: 'Withdraw the communication (the sending State)',
          params: idParams,
          response: { 200: z.object({ status: z.string() }), ...problemResponses(401, 403, 404, 409) },
        },
      },
      async (req) => comms.withdraw(req.actor, req.params.id, originOf(req)),
    );

    r.post(
      '/api/v1/communications/:id/share',
      {
        schema: {
          tags,
          summary: 'Show the thread to the directory manager (a party; not for TLP:RED or TLP:AMBER+STRICT)',
          params: idParams,
          response: { 200: z.object({ shared: z.boolean() }), ...problemResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req) => comms.share(req.actor, req.params.id, originOf(req)),
    );

    await app.register(exportRoutes(comms));
    await app.register(linkRoutes(comms));
  };
}
