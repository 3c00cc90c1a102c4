// The SQL of the indicator feed (feed.service.ts): the sent threads whose indicators a State's TAXII collection
// serves, and their messages that carry indicators. One function per statement; no rules here.
import type { Queryable } from '../../db/client.ts';
import type { Indicator, Tlp } from './communications.validate.ts';

export interface FeedThreadRow {
  id: string;
  subject: string;
  tlp: Tlp;
  sender_state: string;
  sent_at: Date;
  recipients: string[];
}

/** Sent threads other than TLP:RED (all of them, or these), with their recipient States. */
export function feedThreads(q: Queryable, ids: string[] | null) {
  return q.query<FeedThreadRow>(
    `select t.id, t.subject, t.tlp, t.sender_state, t.sent_at,
            array(select r.state_code from thread_recipients r where r.thread_id = t.id order by r.state_code) as recipients
       from threads t
      where t.status <> 'draft' and t.sent_at is not null and t.tlp <> 'red'
        and ($1::uuid[] is null or t.id = any($1::uuid[]))
      order by t.sent_at, t.id`,
    [ids],
  );
}

/** The messages of these threads that carry indicators, each with its indicators in order. */
export function feedMessages(q: Queryable, threadIds: string[]) {
  return q.query<{ id: string; thread_id: string; author_state: string; created_at: Date; indicators: Indicator[] }>(
    `select m.id, m.thread_id, m.author_state, m.created_at,
            json_agg(json_build_object('type', i.type, 'value', i.value) order by i.position) as indicators
       from thread_messages m join message_indicators i on i.message_id = m.id
      where m.thread_id = any($1::uuid[])
      group by m.id, m.thread_id, m.author_state, m.created_at, m.seq
      order by m.thread_id, m.seq`,
    [threadIds],
  );
}
