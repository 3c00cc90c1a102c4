// State-to-State communications through the API. A thread is visible only to its parties (see
// communications.service.ts `party`); to anyone else every route answers 404. Sends take an
// `Idempotency-Key` header: a repeat returns the first send's thread with 200 instead of 201.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { originOf } from '../../platform/http/auth.ts';
import { problemResponses } from '../../platform/http/openapi.ts';
import { stateCodeParams } from '../registry/index.ts';
import type { CommunicationsService } from './communications.service.ts';
import { INDICATOR_TYPES, TLPS, TYPES, URGENCIES } from './communications.validate.ts';
import { threadPdf } from './pdf.ts';
import { exportLabels } from './shared.view.tsx';
import { stixBundle } from './stix.ts';

const iso = z.string().describe('ISO 8601 date-time');
const toIso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const idParams = z.object({ id: z.uuid('must be an id') });
const keyHeader = z.object({
  'idempotency-key': z.string().optional().describe('8–200 characters; a repeat of a send with the same key returns the first'),
});

/** Loose on purpose: the service validates every field and names each problem. */
const communicationInput = z
  .object({
    type: z.unknown(),
    urgency: z.unknown(),
    tlp: z.unknown(),
    recipients: z.unknown(),
    people: z.unknown(),
    subject: z.unknown(),
    body: z.unknown(),
    norms: z.unknown(),
    sectors: z.unknown(),
    indicators: z.unknown(),
    actionRequested: z.unknown(),
    actionDue: z.unknown(),
    attachments: z.unknown(),
  })
  .partial()
  .describe(
    `type (${TYPES.join('|')}), urgency (${URGENCIES.join('|')}), tlp (${TLPS.join('|')}), recipients [ISO3…], people [e-mail…] (TLP:RED only: the named recipients), subject, body, norms [a…k], sectors [slug…], indicators [{type: ${INDICATOR_TYPES.join('|')}, value}], actionRequested, actionDue (date), attachments [{name, mediaType, contentBase64}]`,
  );

const recipient = z.object({
  state: z.string(),
  status: z.string(),
  delivered_at: iso.nullable(),
  acknowledged_at: iso.nullable(),
  responded_at: iso.nullable(),
  ack_due: iso.nullable(),
  escalated_at: iso.nullable(),
});
const indicator = z.object({ type: z.enum(INDICATOR_TYPES), value: z.string() });
const message = z.object({
  id: z.string(),
  seq: z.number().int(),
  kind: z.string(),
  author: z.string(),
  author_state: z.string(),
  body: z.string(),
  norms: z.array(z.string()),
  sectors: z.array(z.string()),
  action_requested: z.string(),
  action_due: iso.nullable(),
  created_at: iso,
  indicators: z.array(indicator),
  attachments: z.array(
    z.object({ id: z.string(), name: z.string(), media_type: z.string(), size: z.number().int(), sha256: z.string() }),
  ),
});
const threadSummary = z.object({
  id: z.string(),
  sender_state: z.string(),
  type: z.string(),
  urgency: z.string(),
  tlp: z.string(),
  subject: z.string(),
  status: z.string(),
  sent_at: iso.nullable(),
  recipients: z.array(z.object({ state: z.string(), status: z.string(), ack_due: iso.nullable() })),
});
const stat = z.object({
  key: z.string(),
  received: z.number().int(),
  acknowledged: z.number().int(),
  responded: z.number().int(),
  ack_median_minutes: z.number().nullable(),
  ack_p95_minutes: z.number().nullable(),
  response_median_minutes: z.number().nullable(),
  response_p95_minutes: z.number().nullable(),
});

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
            before: z.string().max(40).optional().describe('the sent_at of the last item of the previous page'),
          }),
          response: { 200: z.object({ data: z.array(threadSummary) }), ...problemResponses(400, 401, 403) },
        },
      },
      async (req) => ({
        data: (await comms.list(req.actor, req.query.box, originOf(req), req.query.limit, req.query.before)).map((t) => ({
          id: t.id,
          sender_state: t.sender_state,
          type: t.type,
          urgency: t.urgency,
          tlp: t.tlp,
          subject: t.subject,
          status: t.status,
          sent_at: toIso(t.sent_at),
          recipients: t.recipients.map((x) => ({ state: x.state, status: x.status, ack_due: toIso(x.ack_due) })),
        })),
      }),
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
          response: {
            200: z.object({
              id: z.string(),
              sender_state: z.string(),
              type: z.string(),
              urgency: z.string(),
              tlp: z.string(),
              subject: z.string(),
              status: z.string(),
              sent_at: iso.nullable(),
              side: z.enum(['sender', 'recipient', 'manager']),
              recipients: z.array(recipient),
              messages: z.array(message),
              events: z.array(z.object({ kind: z.string(), state: z.string().nullable(), actor: z.string(), at: iso })),
            }),
            ...problemResponses(400, 401, 404),
          },
        },
      },
      async (req) => {
        const v = await comms.read(req.actor, req.params.id, originOf(req));
        return {
          id: v.thread.id,
          sender_state: v.thread.sender_state,
          type: v.thread.type,
          urgency: v.thread.urgency,
          tlp: v.thread.tlp,
          subject: v.thread.subject,
          status: v.thread.status,
          sent_at: toIso(v.thread.sent_at),
          side: v.side,
          recipients: v.recipients.map((x) => ({
            state: x.state_code,
            status: x.status,
            delivered_at: toIso(x.delivered_at),
            acknowledged_at: toIso(x.acknowledged_at),
            responded_at: toIso(x.responded_at),
            ack_due: toIso(x.ack_due),
            escalated_at: toIso(x.escalated_at),
          })),
          messages: v.messages.map((m) => ({
            id: m.id,
            seq: m.seq,
            kind: m.kind,
            author: m.author,
            author_state: m.authorState,
            body: m.body,
            norms: m.norms,
            sectors: m.sectors,
            action_requested: m.actionRequested,
            action_due: toIso(m.actionDue),
            created_at: toIso(m.createdAt) as string,
            indicators: m.indicators,
            attachments: m.attachments.map((a) => ({
              id: a.id,
              name: a.name,
              media_type: a.mediaType,
              size: a.size,
              sha256: a.sha256,
            })),
          })),
          events: v.events.map((e) => ({ kind: e.kind, state: e.state, actor: e.actor, at: toIso(e.at) as string })),
        };
      },
    );

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
        const pdf = await threadPdf({
          ...v,
          labels: exportLabels(req.t, v.thread, v.states),
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
          body: z
            .object({
              kind: z.unknown(),
              body: z.unknown(),
              norms: z.unknown(),
              sectors: z.unknown(),
              indicators: z.unknown(),
              actionRequested: z.unknown(),
              actionDue: z.unknown(),
              attachments: z.unknown(),
            })
            .partial(),
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
          body: z.object({ body: z.unknown() }).partial().optional(),
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

    r.get(
      '/api/v1/communications-metadata',
      {
        schema: {
          tags,
          summary: 'Every sent communication without its content: who, when, type, urgency, status, times (directory manager)',
          response: {
            200: z.object({
              data: z.array(
                z.object({
                  id: z.string(),
                  sender_state: z.string(),
                  type: z.string(),
                  urgency: z.string(),
                  tlp: z.string(),
                  status: z.string(),
                  sent_at: iso,
                  shared: z.boolean(),
                  recipients: z.array(
                    z.object({
                      state: z.string(),
                      status: z.string(),
                      acknowledged_at: iso.nullable(),
                      responded_at: iso.nullable(),
                    }),
                  ),
                }),
              ),
            }),
            ...problemResponses(401, 403),
          },
        },
      },
      async (req) => ({
        data: (await comms.metadata(req.actor, originOf(req))).map((t) => ({
          ...t,
          sent_at: toIso(t.sent_at) as string,
          recipients: t.recipients.map((x) => ({
            ...x,
            acknowledged_at: toIso(x.acknowledged_at),
            responded_at: toIso(x.responded_at),
          })),
        })),
      }),
    );

    const presentStats = (s: Awaited<ReturnType<CommunicationsService['stats']>>) => {
      const one = (x: (typeof s.byType)[number]) => ({
        key: x.key,
        received: x.received,
        acknowledged: x.acknowledged,
        responded: x.responded,
        ack_median_minutes: x.ackMedian,
        ack_p95_minutes: x.ackP95,
        response_median_minutes: x.respMedian,
        response_p95_minutes: x.respP95,
      });
      return { total: s.total, by_type: s.byType.map(one), by_urgency: s.byUrgency.map(one) };
    };
    const statsBody = z.object({ total: z.number().int(), by_type: z.array(stat), by_urgency: z.array(stat) });

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
