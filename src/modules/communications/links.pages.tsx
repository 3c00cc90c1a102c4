// The thread page's incident records (links.service.ts): its part of the page, and the forms that link and
// unlink, each back to the thread. A refused link (no incident chosen, or one that is not published) shows the
// thread page again with the problem beside the field; anyone not party gets the thread's 404.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { AppError } from '../../platform/errors.ts';
import { csrfToken, originOf } from '../../platform/http/auth.ts';
import { reasonText } from '../../platform/i18n/reasons.ts';
import type { PageContext } from '../../views/context.ts';
import type { Party } from './communications.types.ts';
import { LinksSection } from './links.view.tsx';
import { type Body, hidden, type PageKit, type PagesDeps, str } from './pages.common.ts';

type ThreadPage = (
  req: FastifyRequest<{ Params: { id: string } }>,
  reply: FastifyReply,
  notice?: string,
  form?: { linkProblem?: string },
) => Promise<unknown>;

/** The thread page's part: the links, and for a party that may act the search (`?find=`) and the forms. */
export async function linksPart(
  deps: PagesDeps,
  req: FastifyRequest,
  reply: FastifyReply,
  ctx: PageContext,
  v: Pick<Party, 'side' | 'canAct' | 'thread'>,
  problem?: string,
) {
  const links = await deps.communications.links.ofThread(req.actor, v.thread.id);
  const canLink = v.side !== 'manager' && v.canAct;
  const find = str((req.query as { find?: unknown } | undefined)?.find, 200);
  const matches = canLink ? await deps.communications.links.find(find) : [];
  const csrf = csrfToken(req, reply);
  return h(LinksSection, { ctx, csrf, thread: v.thread.id, links, canLink, find, matches, problem });
}

export function linkPages(deps: PagesDeps, kit: PageKit, threadPage: ThreadPage) {
  const { communications: comms } = deps;
  return async (app: FastifyInstance) => {
    app.post<{ Params: { id: string }; Body: Body }>('/communications/:id/incidents', hidden, async (req, reply) => {
      kit.signedIn(req);
      try {
        await comms.links.link(req.actor, req.params.id, { incident: str(req.body?.incident, 100) }, originOf(req));
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'BAD_INPUT') throw err;
        const ctx = kit.ctxOf(req);
        const f = err.fields[0];
        const linkProblem = `${ctx.t('comm.links.incident')}: ${reasonText(ctx.locale, f.code, f.params)}`;
        return threadPage(req, reply, undefined, { linkProblem });
      }
      return reply.redirect(`/communications/${req.params.id}?notice=linked#incidents`, 303);
    });
    app.post<{ Params: { id: string; incident: string } }>(
      '/communications/:id/incidents/:incident/unlink',
      hidden,
      async (req, reply) => {
        kit.signedIn(req);
        await comms.links.unlink(req.actor, req.params.id, req.params.incident, originOf(req));
        return reply.redirect(`/communications/${req.params.id}?notice=unlinked#incidents`, 303);
      },
    );
  };
}
