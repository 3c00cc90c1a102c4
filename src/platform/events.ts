// Live events between the app's instances, for pages that update without a reload (Server-Sent Events).
// With PostgreSQL, an event is a NOTIFY on one channel, so an instance hears what another published; with
// the embedded database there is one process, and events stay in it. Events name what changed, never
// its content: a listener decides, per reader, whether to tell them.
//
// A NOTIFY is not stored: one sent while this instance's listening connection is away (a PostgreSQL restart,
// a network cut) is never heard. So events are only a prompt, and what they are about is kept in the database
// (a thread's timeline): when the connection listens again, subscribers get a `resync` event (RESYNC) and
// catch up from there, as they do when a stream reconnects with Last-Event-ID.
import type { Db } from '../db/client.ts';

export interface LiveEvent {
  topic: string;
  /** The thread (or other resource) that changed. */
  id: string;
  /** The States concerned, so a stream can skip what is not its reader's. */
  states: string[];
}

export interface EventBus {
  publish(event: LiveEvent): Promise<void>;
  subscribe(fn: (event: LiveEvent) => void): () => void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

const CHANNEL = 'cybernorms_events';

/** Told to subscribers after the listening connection came back: events may have been missed; catch up. */
export const RESYNC = 'resync';

export function createEventBus(db: Db, log: { warn: (o: object, m: string) => void }): EventBus {
  const subscribers = new Set<(event: LiveEvent) => void>();
  let unlisten: (() => Promise<void>) | null = null;
  const dispatch = (event: LiveEvent) => {
    for (const fn of subscribers) {
      try {
        fn(event);
      } catch (err) {
        log.warn({ err }, 'a live-event subscriber failed');
      }
    }
  };
  const remote = db.kind === 'postgres' && db.listen;
  return {
    async publish(event) {
      if (!remote) return dispatch(event);
      // Delivered to every instance listening, this one included.
      await db.query('select pg_notify($1, $2)', [CHANNEL, JSON.stringify(event)]).catch((err) => {
        log.warn({ err }, 'live event not published');
      });
    },
    subscribe(fn) {
      subscribers.add(fn);
      return () => subscribers.delete(fn);
    },
    async start() {
      if (!remote || unlisten || !db.listen) return;
      unlisten = await db.listen(
        CHANNEL,
        (payload) => {
          try {
            dispatch(JSON.parse(payload) as LiveEvent);
          } catch {}
        },
        () => {
          log.warn({}, 'live events: listening again after losing the database; open streams catch up');
          dispatch({ topic: RESYNC, id: '', states: [] });
        },
      );
    },
    async stop() {
      await unlisten?.();
      unlisten = null;
      subscribers.clear();
    },
  };
}
