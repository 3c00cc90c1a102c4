// The communications pages. The service decides who sees what (a thread is 404 to anyone not party to
// it); a signed-out visitor is sent to sign in first, for any address, so the redirect says nothing about
// whether a thread exists. Here: the boxes, the live changes (Server-Sent Events) and the figures; composing
// is in compose.pages.tsx, a thread and its steps in thread.pages.tsx.
import type { FastifyInstance } from 'fastify';
import { h } from 'preact';
import { authorize, decide } from '../../platform/access.ts';
import { AppError } from '../../platform/errors.ts';
import { originOf } from '../../platform/http/auth.ts';
import { commActions } from './communications.policy.ts';
import { composePages } from './compose.pages.tsx';
import { InboxPage } from './inbox.view.tsx';
import { OverviewPage, StatsPage } from './overview.view.tsx';
import { hidden, NOTICES, type PagesDeps, pageKit, str } from './pages.common.ts';
import { threadPages } from './thread.pages.tsx';

export function communicationsPages(deps: PagesDeps) {
  const { communications: comms, registry } = deps;
  const kit = pageKit(deps);
  const { send, ctxOf, signedIn, names } = kit;

  return async (app: FastifyInstance) => {
    app.get<{ Querystring: { box?: string; notice?: string } }>('/communications', hidden, async (req, reply) => {
      signedIn(req);
      if (!comms.statesOf(req.actor).length && decide(req.actor, commActions['comm.metadata']).ok)
        return reply.redirect('/communications/overview', 303);
      const ctx = ctxOf(req);
      const box = req.query.box === 'sent' || req.query.box === 'drafts' ? req.query.box : 'inbox';
      const items = await comms.list(req.actor, box, originOf(req));
      const notice = NOTICES[str(req.query.notice, 20)];
      return send(reply, h(InboxPage, { ctx, box, items, stateNames: await names(ctx.locale), notice: notice && ctx.t(notice) }));
    });

    // Server-Sent Events: "this thread changed", for threads the reader is party to; never content. The
    // stream ends after ?seconds= (default 300) and the browser reconnects, which keeps proxies happy.
    app.get<{ Querystring: { seconds?: string } }>('/communications/events', hidden, async (req, reply) => {
      if (!req.actor.userId) throw new AppError('UNAUTHENTICATED', 401, 'Sign in first.');
      const mine = comms.statesOf(req.actor);
      if (!mine.length) authorize(req.actor, commActions['comm.read']);
      const seconds = Math.min(Math.max(Number.parseInt(req.query.seconds ?? '300', 10) || 0, 0), 3600);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write('retry: 3000\n: ready\n\n');
      // The reader's access is looked up again before anything is told, and on every change of it: a stream
      // ends when its session or token ends, or when its owner no longer acts for a State.
      let actor = req.actor;
      let states = mine;
      const userId = actor.userId;
      const recheck = async (): Promise<boolean> => {
        actor = await req.currentActor();
        states = actor.userId === userId ? comms.statesOf(actor) : [];
        if (!states.length) end();
        return states.length > 0;
      };
      const unsubscribe = deps.events.subscribe((e) => {
        if (e.topic === 'access' && e.id === userId) return void recheck().catch(() => end());
        if (e.topic !== 'communication' || !e.states.some((s) => states.includes(s))) return;
        // TLP:RED and drafts: only tell those who may open the thread, as they are now.
        recheck()
          .then((ok) => (ok ? comms.party(actor, e.id) : Promise.reject()))
          .then(
            () => {
              if (!res.writableEnded) res.write(`event: change\ndata: ${JSON.stringify({ id: e.id })}\n\n`);
            },
            () => {},
          );
      });
      const heartbeat = setInterval(() => {
        res.write(': ping\n\n');
        void recheck().catch(() => end());
      }, 25_000);
      const end = () => {
        clearInterval(heartbeat);
        clearTimeout(timer);
        unsubscribe();
        if (!res.writableEnded) res.end();
      };
      const timer = setTimeout(end, seconds * 1000);
      req.raw.on('close', end);
    });

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

    await app.register(composePages(deps, kit));
    await app.register(threadPages(deps, kit));
  };
}
