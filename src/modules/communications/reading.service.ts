// Reading communications: a thread as its reader may see it (messages, timeline, recipients, all narrowed by
// `party()`), a State's boxes, the directory manager's metadata view and the response-time statistics, and a
// draft for its edit form. Every read that shows subjects or content is audited.
import { type Actor, authorize } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import type { Locale } from '../../platform/i18n/locales.ts';
import type { Origin } from '../../platform/kernel.ts';
import { percentile } from '../../platform/statistics.ts';
import { translationsOf } from '../knowledge/index.ts';
import type { Core } from './communications.common.ts';
import { commActions, party, statesOf } from './communications.policy.ts';
import {
  boxItems,
  eventsOf,
  markDelivered,
  namedEmails,
  normTitles,
  responseTimes,
  sectorsByName,
  threadMetadata,
} from './communications.queries.ts';
import type { EventView, MessageView, Party } from './communications.types.ts';
import { attachmentsOf, indicatorsOf, messagesOf } from './messages.queries.ts';

export type Box = 'inbox' | 'sent' | 'drafts';

export function createReading(core: Core) {
  const { db, clock, who, audit, event, changed } = core;

  /** The thread's messages the party sees, with their indicators and files (not their bytes). */
  async function messages(p: Party): Promise<MessageView[]> {
    const rows = await messagesOf(db, p.thread.id, p.sees);
    const ids = rows.map((r) => r.id);
    const indicators = rows.length ? await indicatorsOf(db, ids) : [];
    const files = rows.length ? await attachmentsOf(db, ids) : [];
    return rows.map((r) => ({
      attachments: files
        .filter((f) => f.message_id === r.id)
        .map((f) => ({ id: f.id, name: f.name, mediaType: f.media_type, size: f.size, sha256: f.sha256 })),
      id: r.id,
      seq: r.seq,
      kind: r.kind,
      author: r.author,
      authorState: r.author_state,
      body: r.body,
      norms: r.norms,
      sectors: r.sectors,
      actionRequested: r.action_requested,
      actionDue: r.action_due,
      createdAt: r.created_at,
      indicators: indicators.filter((i) => i.message_id === r.id).map((i) => ({ type: i.type, value: i.value })),
    }));
  }

  /** The thread's timeline as the party sees it: events about the thread and about the States it sees. */
  async function events(p: Party): Promise<EventView[]> {
    const rows = await eventsOf(db, p.thread.id, p.sees ? p.sees.filter((s) => s !== p.thread.sender_state) : null);
    return rows.map((r) => ({ kind: r.kind, state: r.state_code, actor: r.actor, at: r.at, details: r.details }));
  }

  /** A thread as its reader may see it; the read is audited, and a recipient's first read marks it delivered. */
  async function read(actor: Actor, id: string, origin: Origin) {
    const p = await party(db, actor, id);
    const mine = p.side === 'recipient' ? p.recipients.find((r) => r.state_code === p.state) : undefined;
    let delivered = false;
    await db.transaction(async (tx) => {
      if (mine?.status === 'sent') {
        const now = clock().toISOString();
        if (await markDelivered(tx, id, p.state as string, now)) {
          await event(tx, id, 'delivered', who(actor), p.state);
          mine.status = 'delivered';
          mine.delivered_at = new Date(now);
          delivered = true;
        }
      }
      await audit(tx, actor, origin, 'communication.read', id, { side: p.side });
    });
    if (delivered) changed(id, [p.thread.sender_state, p.state as string]);
    const visible = p.sees ? p.recipients.filter((r) => p.sees?.includes(r.state_code)) : p.recipients;
    return { ...p, recipients: visible, messages: await messages(p), events: await events(p) };
  }

  /**
   * A State official's threads: received, sent or drafts; metadata and subject, newest first, a page at a
   * time: `before` is the previous page's `next` (the last item's time and id; a time alone, the older
   * form, lists what is older than it). `next` is null on the last page. Each box is one index range, so it
   * stays fast as it grows. Each view is audited (it shows subjects): one entry, with the box and how many it
   * listed.
   */
  async function list(actor: Actor, box: Box, origin: Origin, limit = 50, before?: string) {
    authorize(actor, commActions['comm.read'], { state: statesOf(actor)[0] ?? null });
    // An official acts for one State (decision 14), so a box is one State's: one index range, newest first.
    const states = statesOf(actor);
    const cursor = pageCursor(before);
    const n = Math.min(Math.max(limit, 1), 200);
    return db.transaction(async (tx) => {
      // One more than asked: whether there is a next page.
      const rows = await boxItems(tx, box, { state: states[0], userId: actor.userId, cursor, limit: n + 1 });
      const items = rows.slice(0, n);
      await recordAudit(
        tx,
        {
          actor: who(actor),
          origin: origin.ip,
          action: 'communication.list',
          entity: 'state',
          entityId: states[0] ?? null,
          details: { box, items: items.length, ...(before && cursor ? { before } : {}) },
        },
        clock(),
      );
      return { items, next: rows.length > n ? (items.at(-1)?.cursor ?? null) : null };
    });
  }

  /**
   * For the directory manager: who, when, type, urgency, status and times; no subject, no content. Each
   * view is audited: one entry, with how many it listed.
   */
  async function metadata(actor: Actor, origin: Origin, limit = 200) {
    authorize(actor, commActions['comm.metadata']);
    return db.transaction(async (tx) => {
      const rows = await threadMetadata(tx, Math.min(Math.max(limit, 1), 1000));
      await recordAudit(
        tx,
        {
          actor: who(actor),
          origin: origin.ip,
          action: 'communication.metadata_read',
          entity: 'thread',
          details: { items: rows.length },
        },
        clock(),
      );
      return rows;
    });
  }

  /**
   * Time to acknowledge and to respond (minutes; median and 95th percentile) by type and by urgency, for
   * communications a State received (its own figures) or all of them (the manager).
   */
  async function stats(actor: Actor, state: string | null) {
    if (state) authorize(actor, commActions['comm.stats'], { state });
    else authorize(actor, commActions['comm.metadata']);
    const rows = await responseTimes(db, state);
    const sorted = (xs: (number | null)[]) =>
      xs
        .filter((x): x is number => x !== null)
        .map(Number)
        .sort((a, b) => a - b);
    const group = (key: (r: (typeof rows)[number]) => string) => {
      const m = new Map<string, typeof rows>();
      for (const r of rows) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
      return [...m].map(([k, rs]) => {
        const acks = sorted(rs.map((r) => r.ack));
        const resps = sorted(rs.map((r) => r.resp));
        return {
          key: k,
          received: rs.length,
          acknowledged: acks.length,
          responded: resps.length,
          ackMedian: percentile(acks, 50),
          ackP95: percentile(acks, 95),
          respMedian: percentile(resps, 50),
          respP95: percentile(resps, 95),
        };
      });
    };
    return { total: rows.length, byType: group((r) => r.type), byUrgency: group((r) => r.urgency) };
  }

  /** A draft's fields for its edit form (its author only). */
  async function draft(actor: Actor, id: string) {
    const p = await party(db, actor, id);
    // Only the sending State's officials edit; others are refused before they learn its state.
    authorize(actor, commActions['comm.send'], { state: p.thread.sender_state });
    if (p.thread.status !== 'draft')
      throw new AppError('CONFLICT', 409, 'This communication was sent; it can no longer be edited.');
    const [first] = await messages(p);
    return { ...p, first, people: await namedEmails(db, id, actor.userId) };
  }

  /** The critical-infrastructure sectors a communication can name, in the language (English where untranslated). */
  async function sectorList(locale: Locale = 'en') {
    const [rows, tr] = await Promise.all([sectorsByName(db), translationsOf(db, 'sector', locale)]);
    const named = rows.map((r) => ({ slug: r.slug, name: tr.get(`${r.slug}:name`) ?? r.name }));
    return named.sort((a, b) => a.name.localeCompare(b.name, locale));
  }

  /** The norms a communication can name, by letter, with their titles in the language (English where untranslated). */
  async function normList(locale: Locale = 'en') {
    const [rows, tr] = await Promise.all([normTitles(db), translationsOf(db, 'norm', locale)]);
    return rows.map((r) => ({ letter: r.letter, title: tr.get(`${r.letter}:title`) ?? r.title }));
  }

  return { messages, events, read, list, metadata, stats, draft, sectorList, normList };
}

export type Reading = ReturnType<typeof createReading>;

const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)~([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** A box's page cursor: the time and id of a page's last row, or (the older form) a time alone; null for none. */
export function pageCursor(before: string | undefined): { at: string; id: string | null } | null {
  if (!before) return null;
  const m = CURSOR.exec(before);
  if (m) return storable(new Date(m[1])) ? { at: m[1], id: m[2] } : null;
  const at = new Date(before);
  return storable(at) ? { at: at.toISOString(), id: null } : null;
}

/** A time PostgreSQL can compare with: a real date from year 1 to 9999 (year 0 or 99999 would be a 500). */
const storable = (d: Date) => !Number.isNaN(d.getTime()) && d.getUTCFullYear() >= 1 && d.getUTCFullYear() <= 9999;
