// The shapes of the communications API: what a client sends (a communication, a reply, a closing note) and
// what it gets back, as zod schemas that validate the request, type the handler and write the OpenAPI
// document. A schema says the fields, their types, choices and lengths, and refuses a malformed shape with the
// field named; the rules that need the database or several fields at once (a known recipient State, not one's
// own, TLP:RED with named people, a well-formed indicator, a file that is what its name says) stay in
// communications.validate.ts and the services, which the pages' forms go through too.
import { z } from 'zod';
import type { CommunicationsService } from './communications.service.ts';
import { INDICATOR_TYPES, LIMITS, TLPS, TYPES, URGENCIES } from './communications.validate.ts';

export const iso = z.string().describe('ISO 8601 date-time');
export const toIso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
export const idParams = z.object({ id: z.uuid('must be an id') });
export const keyHeader = z.object({
  'idempotency-key': z.string().optional().describe('8–200 characters; a repeat of a send with the same key returns the first'),
});

// What a client sends

const indicatorInput = z.object({
  type: z.enum(INDICATOR_TYPES),
  value: z.string().max(LIMITS.indicatorValue).describe('an address, domain, URL or hash of the given type'),
});

const attachmentInput = z.object({
  name: z.string().max(LIMITS.fileName).describe('the file name, with the extension its kind allows (report.pdf)'),
  mediaType: z.string().max(200).optional().describe('e.g. application/pdf; guessed from the name when missing'),
  contentBase64: z.string().describe('the file, base64-encoded'),
});

/** The message part of a communication, shared by the first message and every reply. */
const messageFields = {
  body: z.string().max(LIMITS.body).optional().describe('Markdown; required to send'),
  norms: z.array(z.string().max(20)).max(11).optional().describe('letters of the norms concerned, a to k'),
  sectors: z.array(z.string().max(100)).max(100).optional().describe('slugs of the critical-infrastructure sectors concerned'),
  indicators: z.array(indicatorInput).max(LIMITS.indicators).optional(),
  actionRequested: z.string().max(LIMITS.actionRequested).optional(),
  actionDue: z
    .string()
    .max(40)
    .nullable()
    .optional()
    .describe('when the action is due: a date (YYYY-MM-DD, meaning 23:59 UTC) or a date-time, in the future'),
  attachments: z.array(attachmentInput).max(LIMITS.attachments).optional(),
};

/** A communication to send or to keep as a draft. */
export const communicationInput = z
  .object({
    type: z.enum(TYPES),
    urgency: z.enum(URGENCIES).default('routine'),
    tlp: z.enum(TLPS),
    recipients: z
      .array(z.string().regex(/^[A-Za-z]{3}$/))
      .max(LIMITS.recipients)
      .optional()
      .describe('the recipient States, ISO 3166-1 alpha-3 codes; at least one to send, never your own'),
    people: z
      .array(z.string().max(320))
      .max(LIMITS.people)
      .optional()
      .describe('TLP:RED only, and required for it: the e-mail addresses of the recipient officials who may read it'),
    subject: z.string().max(LIMITS.subject).optional().describe('one line; required to send'),
    ...messageFields,
  })
  .describe('A communication: its kind, urgency and TLP, the recipient States, and its first message');

/** A response (a recipient State) or an update (any party) to a sent thread. */
export const replyInput = z.object({
  kind: z.enum(['response', 'update']).optional().describe('default: response for a recipient State, update for the sender'),
  ...messageFields,
});

/** The sender's optional closing note. */
export const closeInput = z.object({ body: z.string().max(LIMITS.body).nullable().optional() }).optional();

// What a client gets back

const recipient = z.object({
  state: z.string(),
  status: z.string(),
  delivered_at: iso.nullable(),
  acknowledged_at: iso.nullable(),
  responded_at: iso.nullable(),
  ack_due: iso.nullable(),
  escalated_at: iso.nullable(),
});
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
  indicators: z.array(z.object({ type: z.enum(INDICATOR_TYPES), value: z.string() })),
  attachments: z.array(
    z.object({ id: z.string(), name: z.string(), media_type: z.string(), size: z.number().int(), sha256: z.string() }),
  ),
});

export const threadSummary = z.object({
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

export const threadBody = z.object({
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
});

export const metadataBody = z.object({
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
        z.object({ state: z.string(), status: z.string(), acknowledged_at: iso.nullable(), responded_at: iso.nullable() }),
      ),
    }),
  ),
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
export const statsBody = z.object({ total: z.number().int(), by_type: z.array(stat), by_urgency: z.array(stat) });

// The service's answers in the API's words (snake_case, ISO times)

type Service = CommunicationsService;

export const presentSummary = (t: Awaited<ReturnType<Service['list']>>['items'][number]) => ({
  id: t.id,
  sender_state: t.sender_state,
  type: t.type,
  urgency: t.urgency,
  tlp: t.tlp,
  subject: t.subject,
  status: t.status,
  sent_at: toIso(t.sent_at),
  recipients: t.recipients.map((x) => ({ state: x.state, status: x.status, ack_due: toIso(x.ack_due) })),
});

export const presentThread = (v: Awaited<ReturnType<Service['read']>>): z.infer<typeof threadBody> => ({
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
    attachments: m.attachments.map((a) => ({ id: a.id, name: a.name, media_type: a.mediaType, size: a.size, sha256: a.sha256 })),
  })),
  events: v.events.map((e) => ({ kind: e.kind, state: e.state, actor: e.actor, at: toIso(e.at) as string })),
});

export const presentMetadata = (t: Awaited<ReturnType<Service['metadata']>>[number]) => ({
  ...t,
  sent_at: toIso(t.sent_at) as string,
  recipients: t.recipients.map((x) => ({
    ...x,
    acknowledged_at: toIso(x.acknowledged_at),
    responded_at: toIso(x.responded_at),
  })),
});

export const presentStats = (s: Awaited<ReturnType<Service['stats']>>): z.infer<typeof statsBody> => {
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
