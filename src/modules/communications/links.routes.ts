// A thread's links to incident records through the API (links.service.ts): a party lists, links and unlinks;
// the threads linked to an incident are listed for each reader by what they see (none to anyone not party).
// Handlers only translate; who sees what is decided by the service, through party().
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, errors } from '../../platform/errors.ts';
import { originOf } from '../../platform/http/auth.ts';
import { problemResponses } from '../../platform/http/openapi.ts';
import { idParams } from './communications.schemas.ts';
import type { CommunicationsService } from './communications.service.ts';

const link = z.object({ incident: z.string(), title: z.string(), linkedAt: z.string().describe('ISO 8601 date-time') });
const linkBody = z.object({ incident: z.unknown().describe('The id of a published incident') }).partial();
const linkParams = z.object({ id: z.uuid('must be an id'), incident: z.uuid('must be an id') });
const linkedThread = z.object({ thread: z.string(), subject: z.string() });

/** Signed out: 401 for any address alike, so the answer says nothing of whether a thread exists. */
const signedIn = (req: FastifyRequest) => {
  if (!req.actor.userId) throw new AppError('UNAUTHENTICATED', 401, 'Sign in first.');
};

export function linkRoutes(comms: CommunicationsService) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['communications'];

    r.get(
      '/api/v1/communications/:id/incidents',
      {
        schema: {
          tags,
          summary: 'The incident records a thread is linked to (its parties; 404 to anyone else)',
          params: idParams,
          response: { 200: z.object({ data: z.array(link) }), ...problemResponses(400, 401, 404) },
        },
      },
      async (req) => {
        signedIn(req);
        return { data: await comms.links.ofThread(req.actor, req.params.id) };
      },
    );

    r.post(
      '/api/v1/communications/:id/incidents',
      {
        schema: {
          tags,
          summary: 'Link a thread to a published incident record (a party; 404 to anyone else)',
          params: idParams,
          body: linkBody,
          response: {
            201: z.object({ incident: z.string(), title: z.string(), linked: z.boolean() }),
            ...problemResponses(400, 401, 403, 404),
          },
        },
      },
      async (req, reply) => {
        signedIn(req);
        return reply.status(201).send(await comms.links.link(req.actor, req.params.id, req.body, originOf(req)));
      },
    );

    r.delete(
      '/api/v1/communications/:id/incidents/:incident',
      {
        schema: {
          tags,
          summary: 'Unlink a thread from an incident record (a party; 404 to anyone else)',
          params: linkParams,
          response: { 200: z.object({ incident: z.string(), linked: z.boolean() }), ...problemResponses(400, 401, 403, 404) },
        },
      },
      async (req) => {
        signedIn(req);
        return comms.links.unlink(req.actor, req.params.id, req.params.incident, originOf(req));
      },
    );

    r.get(
      '/api/v1/incidents/:id/threads',
      {
        schema: {
          tags,
          summary: 'The communication threads linked to a published incident that the reader is party to (none otherwise)',
          params: idParams,
          response: { 200: z.object({ data: z.array(linkedThread) }), ...problemResponses(400, 401, 404) },
        },
      },
      async (req) => {
        signedIn(req);
        if (!(await comms.links.isPublished(req.params.id))) throw errors.notFound('The incident');
        return { data: await comms.links.onIncident(req.actor, req.params.id, originOf(req)) };
      },
    );
  };
}
