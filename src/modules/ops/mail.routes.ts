// The administrators' mail that could not be sent, as JSON: given-up mail with its last reason and what is
// still being retried, and sending given-up mail again, one or all. The page is mail.pages.tsx.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { originOf } from '../../platform/http/auth.ts';
import { problemResponses } from '../../platform/http/openapi.ts';
import type { MailAdminService } from './mail.service.ts';

const mail = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  queuedAt: z.string().describe('When the mail was queued'),
  attempts: z.number().int().describe('Failed attempts since it was queued (or last sent again)'),
  lastAttemptAt: z.string().nullable(),
  reason: z.string().nullable().describe('Why the last attempt failed (the SMTP answer or the connection error)'),
  givenUpAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable().describe('When it is tried again (null: given up, or due now)'),
});

const listing = z.object({
  counts: z.object({
    pending: z.number().int().describe('Waiting to go: never tried yet, or tried and waiting for the next attempt'),
    failing: z.number().int().describe('Of those, tried at least once without success'),
    givenUp: z.number().int(),
  }),
  givenUp: z.array(mail).describe('Given-up mail, newest first'),
  next: z.string().nullable().describe('Pass as `before` for the next, older page of given-up mail'),
  failing: z.array(mail).describe('Mail still being retried, oldest first (at most 100)'),
});

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const present = (m: Awaited<ReturnType<MailAdminService['list']>>['givenUp'][number]) => ({
  id: m.id,
  to: m.recipient,
  subject: m.subject,
  queuedAt: new Date(m.created_at).toISOString(),
  attempts: m.attempts,
  lastAttemptAt: iso(m.last_attempt_at),
  reason: m.last_error,
  givenUpAt: iso(m.given_up_at),
  nextAttemptAt: iso(m.next_attempt_at),
});

const requeued = z.object({ requeued: z.number().int().describe('How many mails were put back in the queue') });

export function mailAdminRoutes(deps: { mail: MailAdminService }) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();

    r.get(
      '/api/v1/mail/undelivered',
      {
        schema: {
          tags: ['operations'],
          summary:
            'Mail that could not be sent: given up (after MAIL_GIVE_UP_HOURS) with the last reason, and mail still being retried (administrators only)',
          querystring: z.object({
            before: z
              .string()
              .regex(/^\d{1,18}$/)
              .optional(),
          }),
          response: { 200: listing, ...problemResponses(400, 401, 403) },
        },
      },
      async (req, reply) => {
        const v = await deps.mail.list(req.actor, req.query.before ?? null);
        reply.header('cache-control', 'no-store');
        return {
          counts: { pending: v.counts.pending, failing: v.counts.failing, givenUp: v.counts.given_up },
          givenUp: v.givenUp.map(present),
          next: v.next,
          failing: v.failing.map(present),
        };
      },
    );

    r.post(
      '/api/v1/mail/undelivered/:id/send-again',
      {
        schema: {
          tags: ['operations'],
          summary:
            'Puts one given-up mail back in the queue with a fresh schedule; it is tried at once (administrators only; audited)',
          params: z.object({ id: z.string().regex(/^\d{1,18}$/) }),
          response: { 200: requeued, ...problemResponses(400, 401, 403, 404) },
        },
      },
      async (req) => deps.mail.sendAgain(req.actor, req.params.id, originOf(req)),
    );

    r.post(
      '/api/v1/mail/undelivered/send-again',
      {
        schema: {
          tags: ['operations'],
          summary: 'Puts every given-up mail back in the queue with a fresh schedule (administrators only; audited)',
          response: { 200: requeued, ...problemResponses(401, 403) },
        },
      },
      async (req) => deps.mail.sendAllAgain(req.actor, originOf(req)),
    );
  };
}
