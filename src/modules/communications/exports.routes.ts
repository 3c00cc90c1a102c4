// What leaves the platform through the API, each recorded: a thread's indicators as STIX 2.1, the thread as a
// PDF, an attached file; and the directory manager's view without content (metadata and response times).
// Handlers only translate; who may export what is decided in the service (exports.service.ts).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { originOf } from '../../platform/http/auth.ts';
import { problemResponses } from '../../platform/http/openapi.ts';
import { stateCodeParams } from '../registry/index.ts';
import { idParams, metadataBody, presentMetadata, presentStats, statsBody } from './communications.schemas.ts';
import type { CommunicationsService } from './communications.service.ts';
import { threadPdf } from './pdf.ts';
import { exportLabels } from './shared.view.tsx';
import { stixBundle } from './stix.ts';

export function exportRoutes(comms: CommunicationsService) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['communications'];

    r.get(
      '/api/v1/communications/:id/stix',
      {
        schema: {
          tags,
          summary: "The thread's indicators as a STIX 2.1 bundle with its TLP 2.0 marking (the export is recorded)",
          params: idParams,
          response: {
            200: z.object({ type: z.literal('bundle'), id: z.string(), objects: z.array(z.record(z.string(), z.unknown())) }),
            ...problemResponses(400, 401, 404, 409),
          },
        },
      },
      async (req, reply) => {
        const v = await comms.exportView(req.actor, req.params.id, 'stix', originOf(req));
        reply.header('content-disposition', `attachment; filename="communication-${v.thread.id}.stix.json"`);
        return stixBundle({
          threadId: v.thread.id,
          subject: v.thread.subject,
          tlp: v.thread.tlp,
          sentAt: v.thread.sent_at ?? v.thread.created_at,
          states: v.states,
          messages: v.messages,
        });
      },
    );

    r.get(
      '/api/v1/communications/:id/pdf',
      {
        schema: {
          tags,
          summary: 'The thread as a PDF, its TLP marking on every page (the export is recorded)',
          params: idParams,
          response: { 200: z.any().describe('application/pdf'), ...problemResponses(400, 401, 404, 409) },
        },
      },
      async (req, reply) => {
        const v = await comms.exportView(req.actor, req.params.id, 'pdf', originOf(req));
        const sectors = Object.fromEntries((await comms.sectorList(req.locale)).map((s) => [s.slug, s.name]));
        const pdf = await threadPdf({
          ...v,
          labels: exportLabels(req.t, v.thread, v.states, sectors),
          exportedBy: req.actor.displayName ?? '',
          exportedAt: new Date(),
        });
        return reply
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="communication-${v.thread.id}.pdf"`)
          .send(pdf);
      },
    );

    r.get(
      '/api/v1/communications/:id/attachments/:file',
      {
        schema: {
          tags,
          summary: 'A file attached to the thread, as sent (the download is recorded)',
          params: z.object({ id: z.uuid('must be an id'), file: z.uuid('must be an id') }),
          response: { 200: z.any().describe('the file'), ...problemResponses(400, 401, 404) },
        },
      },
      async (req, reply) => {
        const f = await comms.attachment(req.actor, req.params.id, req.params.file, originOf(req));
        return reply
          .type(f.mediaType)
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`)
          .header('digest', `sha-256=${Buffer.from(f.sha256, 'hex').toString('base64')}`)
          .header('cache-control', 'no-store')
          .send(f.content);
      },
    );

    r.get(
      '/api/v1/communications-metadata',
      {
        schema: {
          tags,
          summary: 'Every sent communication without its content: who, when, type, urgency, status, times (directory manager)',
          response: { 200: metadataBody, ...problemResponses(401, 403) },
        },
      },
      async (req) => ({ data: (await comms.metadata(req.actor, originOf(req))).map(presentMetadata) }),
    );

    r.get(
      '/api/v1/communications-stats',
      {
        schema: {
          tags,
          summary: 'Time to acknowledge and to respond, by type and urgency, over every State (directory manager)',
          response: { 200: statsBody, ...problemResponses(401, 403) },
        },
      },
      async (req) => presentStats(await comms.stats(req.actor, null)),
    );

    r.get(
      '/api/v1/states/:code/communications-stats',
      {
        schema: {
          tags,
          summary: "A State's own figures as a recipient: time to acknowledge and respond (its officials and the manager)",
          params: stateCodeParams,
          response: { 200: statsBody, ...problemResponses(400, 401, 403) },
        },
      },
      async (req) => presentStats(await comms.stats(req.actor, req.params.code)),
    );
  };
}
