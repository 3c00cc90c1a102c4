// The administrators' page of mail that could not be sent (/admin/mail), and its two forms: send one
// given-up mail again, or all of them. Each answers with a redirect back to the page saying how many went.
import type { FastifyInstance } from 'fastify';
import { h } from 'preact';
import { errors, fieldProblem } from '../../platform/errors.ts';
import { csrfToken, originOf } from '../../platform/http/auth.ts';
import { pageContext } from '../../platform/http/request-context.ts';
import { renderDocument } from '../../views/render.ts';
import type { MailAdminService } from './mail.service.ts';
import { UndeliveredPage } from './mail.views.tsx';

export function mailAdminPages(deps: { mail: MailAdminService; assetVersion: string }) {
  return async (app: FastifyInstance) => {
    const hidden = { schema: { hide: true } };
    app.get<{ Querystring: { before?: string; requeued?: string } }>('/admin/mail', hidden, async (req, reply) => {
      const before = typeof req.query.before === 'string' ? req.query.before : null;
      if (before !== null && !/^\d{1,18}$/.test(before))
        throw errors.badInput([fieldProblem('before', 'format', { example: '12345' })]);
      const view = await deps.mail.list(req.actor, before);
      const done = /^\d{1,9}$/.test(String(req.query.requeued ?? '')) ? Number(req.query.requeued) : null;
      const ctx = pageContext(req, deps.assetVersion);
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(renderDocument(h(UndeliveredPage, { ctx, csrf: csrfToken(req, reply), view, requeued: done })));
    });

    app.post<{ Params: { id: string } }>('/admin/mail/:id/send-again', hidden, async (req, reply) => {
      const done = await deps.mail.sendAgain(req.actor, req.params.id, originOf(req));
      return reply.redirect(`/admin/mail?requeued=${done.requeued}`, 303);
    });

    app.post('/admin/mail/send-again', hidden, async (req, reply) => {
      const done = await deps.mail.sendAllAgain(req.actor, originOf(req));
      return reply.redirect(`/admin/mail?requeued=${done.requeued}`, 303);
    });
  };
}
