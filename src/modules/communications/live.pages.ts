// The live event stream (Server-Sent Events): "this thread changed", for threads the reader may open; never
// content. The stream ends after ?seconds= (default 300) and the browser reconnects, which keeps proxies happy.
//
// Nothing is told from the event bus alone: a NOTIFY heard only prompts the stream to read the threads'
// timelines (thread_events) after its position, and every change there is one row. So a change whose NOTIFY
// was lost (the listening connection away during a PostgreSQL restart: the bus then says `resync`; the
// notification not sent at all) is still told, at the next prompt, resync or heartbeat. Each change is sent
// with the stream's position as its SSE `id:`, and a reconnecting browser sends it back as `Last-Event-ID`
// (or a page gives `?since=`): the new stream starts there, so nothing between the two is missed.
//
// Timeline numbers are handed out when a row is written, not when its transaction commits: a row numbered 7
// may become visible after row 8 was told. The position is therefore the last number up to which every row
// was seen; a missing number is waited for (GAP_WAIT_MS) before the position moves past it (a transaction
// that rolled back leaves one for good). A replay may tell a thread twice; the page then refreshes twice.
//
// The reader's access is looked up again before anything is told, and on every change of it: a stream ends
// when its session or token ends, or when its owner no longer acts for a State; each thread is told only if
// the reader may open it as they are now (TLP:RED, drafts).
import type { FastifyInstance } from 'fastify';
import { authorize } from '../../platform/access.ts';
import { AppError } from '../../platform/errors.ts';
import { RESYNC } from '../../platform/events.ts';
import { commActions } from './communications.policy.ts';
import { hidden, type PagesDeps } from './pages.common.ts';

/** How long a stream waits for a missing timeline number to commit before moving past it. */
export const GAP_WAIT_MS = 60_000;
/** Timeline rows read at a time. */
const BATCH = 500;
const NUMBER = /^\d{1,18}$/;

export function liveEvents(deps: PagesDeps) {
  const comms = deps.communications;
  return async (app: FastifyInstance) => {
    app.get<{ Querystring: { seconds?: string; since?: string } }>('/communications/events', hidden, async (req, reply) => {
      if (!req.actor.userId) throw new AppError('UNAUTHENTICATED', 401, 'Sign in first.');
      const mine = comms.statesOf(req.actor);
      if (!mine.length) authorize(req.actor, commActions['comm.read']);
      const seconds = Math.min(Math.max(Number.parseInt(req.query.seconds ?? '300', 10) || 0, 0), 3600);
      // Where to start: where the reader's last stream was, else now. A position beyond the timeline's end
      // (a database restored from an older backup) starts at its end, so no new row is skipped.
      const latest = BigInt(await comms.lastChange());
      const header = req.headers['last-event-id'];
      const asked = typeof header === 'string' && header ? header.trim() : (req.query.since ?? '');
      let position = NUMBER.test(asked) && BigInt(asked) < latest ? BigInt(asked) : latest;

      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      // The position as an event of its own, so even a stream that tells nothing gives its browser an id.
      const positionEvent = () => `id: ${position}\nevent: position\ndata: ${position}\n\n`;
      res.write(`retry: 3000\n${positionEvent()}: ready\n\n`);

      let actor = req.actor;
      let states = mine;
      const userId = actor.userId;
      const recheck = async (): Promise<boolean> => {
        actor = await req.currentActor();
        states = actor.userId === userId ? comms.statesOf(actor) : [];
        if (!states.length) end();
        return states.length > 0;
      };
      const visible = (threadId: string) =>
        comms.party(actor, threadId).then(
          () => true,
          () => false,
        );

      // Timeline numbers above the position already seen, and since when the number after it is missing.
      const seen = new Set<bigint>();
      let missingSince: { number: bigint; at: number } | null = null;
      const advance = () => {
        for (;;) {
          const next = position + 1n;
          if (seen.delete(next)) {
            position = next;
            continue;
          }
          if (!seen.size) break;
          if (missingSince?.number !== next) missingSince = { number: next, at: Date.now() };
          if (Date.now() - missingSince.at < GAP_WAIT_MS) break;
          // Never committed (rolled back, or lost in a crash): move up to the next row seen.
          let lowest = -1n;
          for (const n of seen) if (lowest < 0n || n < lowest) lowest = n;
          position = lowest - 1n;
        }
      };

      // Threads a notification named; told directly only if the timeline has nothing about them.
      const prompted = new Set<string>();
      let running = false;
      let again = false;
      let retry: NodeJS.Timeout | undefined;
      const catchUp = async (): Promise<void> => {
        if (running) {
          again = true;
          return;
        }
        running = true;
        try {
          do {
            again = false;
            if (!(await recheck())) return;
            const named = [...prompted];
            prompted.clear();
            const inTimeline = new Set<string>();
            const tell: string[] = [];
            let from = position;
            for (;;) {
              const rows = await comms.changesSince(from.toString(), BATCH);
              for (const r of rows) {
                const n = BigInt(r.id);
                from = n;
                inTimeline.add(r.thread_id);
                if (n <= position || seen.has(n)) continue;
                seen.add(n);
                if (!tell.includes(r.thread_id) && r.states.some((s) => states.includes(s)) && (await visible(r.thread_id)))
                  tell.push(r.thread_id);
              }
              if (rows.length < BATCH) break;
            }
            for (const id of named) if (!inTimeline.has(id) && !tell.includes(id) && (await visible(id))) tell.push(id);
            const before = position;
            advance();
            if (res.writableEnded) return;
            if (tell.length)
              res.write(tell.map((id) => `id: ${position}\nevent: change\ndata: ${JSON.stringify({ id })}\n\n`).join(''));
            else if (position !== before) res.write(positionEvent());
          } while (again);
        } catch (err) {
          // The database is away (a restart, an outage): try again shortly; the bus says `resync` once it is back.
          req.log.debug({ err }, 'live events: catching up failed; trying again');
          clearTimeout(retry);
          retry = setTimeout(() => void catchUp(), 2000);
        } finally {
          running = false;
        }
      };

      const unsubscribe = deps.events.subscribe((e) => {
        if (e.topic === 'access' && e.id === userId) return void recheck().catch(() => end());
        if (e.topic === RESYNC) return void catchUp();
        if (e.topic !== 'communication' || !e.states.some((s) => states.includes(s))) return;
        prompted.add(e.id);
        void catchUp();
      });
      const heartbeat = setInterval(() => {
        if (!res.writableEnded) res.write(': ping\n\n');
        void catchUp();
      }, 25_000);
      const end = () => {
        clearInterval(heartbeat);
        clearTimeout(timer);
        clearTimeout(retry);
        unsubscribe();
        if (!res.writableEnded) res.end();
      };
      const timer = setTimeout(end, seconds * 1000);
      req.raw.on('close', end);
      // What happened between the position asked for and now.
      if (position < latest) void catchUp();
    });
  };
}
