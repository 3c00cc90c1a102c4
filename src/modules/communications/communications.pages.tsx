// The communications pages. The service decides who sees what (a thread is 404 to anyone not party to
// it); a signed-out visitor is sent to sign in first, for any address, so the redirect says nothing about
// whether a thread exists. Here: the boxes and the figures; the live changes (Server-Sent Events) are in
// live.pages.ts, composing in compose.pages.tsx, a thread and its steps in thread.pages.tsx.
import type { FastifyInstance } from 'fastify';
import { h } from 'preact';
import { authorize, decide } from '../../platform/access.ts';
import { errors, fieldProblem } from '../../platform/errors.ts';
import { originOf } from '../../platform/http/auth.ts';
import { commActions } from './communications.policy.ts';
import { composePages } from './compose.pages.tsx';
import { InboxPage } from './inbox.view.tsx';
import { liveEvents } from './live.pages.ts';
import { OverviewPage, StatsPage } from './overview.view.tsx';
import { hidden, NOTICES, type PagesDeps, pageKit, str } from './pages.common.ts';
import { pageCursor } from './reading.service.ts';
import { threadPages } from './thread.pages.tsx';

export function communicationsPages(deps: PagesDeps) {
  const { communications: comms, registry } = deps;
  const kit = pageKit(deps);
  const { send, ctxOf, signedIn, names } = kit;

  return async (app: FastifyInstance) => {
    app.get<{ Querystring: { box?: string; notice?: string; before?: string } }>(
      '/communications',
      hidden,
      async (req, reply) => {
        signedIn(req);
        if (!comms.statesOf(req.actor).length && decide(req.actor, commActions['comm.metadata']).ok)
          return reply.redirect('/communications/overview', 303);
        const ctx = ctxOf(req);
        const box = req.query.box === 'sent' || req.query.box === 'drafts' ? req.query.box : 'inbox';
        // A page of the box: `before` is the cursor of the previous page's last item (see reading.service.ts).
        const before = str(req.query.before, 100) || undefined;
        if (before && !pageCursor(before)) throw errors.badInput([fieldProblem('before', 'invalid')]);
        // The timeline's position before reading: the live stream starts there, so a change made meanwhile is told.
        const liveSince = await comms.lastChange();
        const page = await comms.list(req.actor, box, originOf(req), 50, before);
        const notice = NOTICES[str(req.query.notice, 20)];
        return send(
          reply,
          h(InboxPage, {
            ctx,
            box,
            items: page.items,
            next: page.next,
            paged: Boolean(before),
            liveSince,
            stateNames: await names(ctx.locale),
            notice: notice && ctx.t(notice),
            now: comms.now(),
          }),
        );
      },
    );

    app.get('/communications/stats', hidden, async (req, reply) => {
      signedIn(req);
      const ctx = ctxOf(req);
      const state = comms.statesOf(req.actor)[0];
      if (!state) {
        if (decide(req.actor, commActions['comm.metadata']).ok) return reply.redirect('/communications/overview', 303);
        authorize(req.actor, commActions['comm.stats']);
      }
      const stats = await comms.stats(req.actor, state);
      const s = await registry.getState(state, ctx.locale as never);
      return send(reply, h(StatsPage, { ctx, stateName: s?.name ?? state, stats }));
    });

    app.get('/communications/overview', hidden, async (req, reply) => {
      signedIn(req);
      const ctx = ctxOf(req);
      const rows = await comms.metadata(req.actor, originOf(req));
      const stats = await comms.stats(req.actor, null);
      return send(reply, h(OverviewPage, { ctx, rows, stats, stateNames: await names(ctx.locale) }));
    });

    await app.register(liveEvents(deps));
    await app.register(composePages(deps, kit));
    await app.register(threadPages(deps, kit));
  };
}
