// The indicators each State may pull into its own tools (the TAXII server's State collections, issue 18): for
// every sent thread a State is party to, the STIX objects of stix.ts built from the messages that State sees
// (the sender's and its own; all of them for the sender), with the thread's TLP 2.0 marking. TLP:RED threads
// are left out: they are for the people named on them, never for a collection every official of the State reads.
import type { Queryable } from '../../db/client.ts';
import { stateNames } from './communications.queries.ts';
import { feedMessages, feedThreads } from './feed.queries.ts';
import { stixBundle } from './stix.ts';

export interface StateFeed {
  state: string;
  objects: (Record<string, unknown> & { id: string; type: string })[];
}

/** Each party State's STIX objects for these threads (all sent threads when `threadIds` is null). */
export async function stateFeeds(q: Queryable, threadIds: string[] | null): Promise<StateFeed[]> {
  const threads = await feedThreads(q, threadIds);
  if (!threads.length) return [];
  const messages = await feedMessages(
    q,
    threads.map((t) => t.id),
  );
  const codes = [...new Set(threads.flatMap((t) => [t.sender_state, ...t.recipients]))];
  const names = new Map((await stateNames(q, codes)).map((n) => [n.code, n.name]));
  const byState = new Map<string, StateFeed['objects']>();
  for (const t of threads) {
    const own = messages.filter((m) => m.thread_id === t.id);
    for (const state of [t.sender_state, ...t.recipients]) {
      const seen =
        state === t.sender_state ? own : own.filter((m) => m.author_state === t.sender_state || m.author_state === state);
      if (!seen.some((m) => m.indicators.length)) continue;
      const parties = state === t.sender_state ? [t.sender_state, ...t.recipients] : [t.sender_state, state];
      const bundle = stixBundle({
        threadId: t.id,
        subject: t.subject,
        tlp: t.tlp,
        sentAt: t.sent_at,
        states: Object.fromEntries(parties.map((c) => [c, names.get(c) ?? c])),
        messages: seen.map((m) => ({ id: m.id, authorState: m.author_state, createdAt: m.created_at, indicators: m.indicators })),
      });
      // The report names the indicators seen so far: a new message is a new version of it.
      const last = new Date(
        Math.max(new Date(t.sent_at).getTime(), ...seen.map((m) => new Date(m.created_at).getTime())),
      ).toISOString();
      const objects = bundle.objects.map((o) => (o.type === 'report' ? { ...o, modified: last } : o));
      byState.set(state, [...(byState.get(state) ?? []), ...(objects as StateFeed['objects'])]);
    }
  }
  return [...byState].map(([state, objects]) => ({ state, objects }));
}
