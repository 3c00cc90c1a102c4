// A thread linked to an incident record (issue 18, decision 74): a party to the thread links it to a published
// incident and unlinks it. The link belongs to the thread, so communications keeps it, and who sees it is who
// sees the thread: every read goes through party(), and to anyone else the link does not exist. The incident
// page asks `onIncident` with its reader's rights (app.ts hands it over); the public record, its STIX, TAXII and
// the feed never read a link. The incidents are asked through their module's face (createIncidentLookup).
import type { Queryable } from '../../db/client.ts';
import { type Actor, authorize } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { AppError, errors, fieldProblem } from '../../platform/errors.ts';
import type { Origin } from '../../platform/kernel.ts';
import { createIncidentLookup, type PublishedTitle } from '../incidents/index.ts';
import type { Core } from './communications.common.ts';
import { commActions, party } from './communications.policy.ts';
import { deleteLink, insertLink, linksOfThread, linksToIncident } from './links.queries.ts';

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ThreadLink {
  incident: string;
  title: string;
  linkedAt: string;
}

export interface LinkedThread {
  thread: string;
  subject: string;
}

export function createLinks(core: Core) {
  const { db, clock, audit } = core;
  const incidents = createIncidentLookup({ db });

  /** A party that may act on the thread (its officials, not the manager, not a read-only token); 404 to others. */
  async function actingParty(q: Queryable, actor: Actor, id: string) {
    const p = await party(q, actor, id, true);
    if (p.side === 'manager' || !p.state) throw new AppError('FORBIDDEN', 403, 'Only a party to the thread may link it.');
    authorize(actor, commActions['comm.act'], { state: p.state });
    return p;
  }

  /** The incidents a thread is linked to, for those who see the thread. */
  async function ofThread(actor: Actor, id: string, q: Queryable = db): Promise<ThreadLink[]> {
    await party(q, actor, id);
    const links = await linksOfThread(q, id);
    const titles = new Map(
      (
        await incidents.published(
          links.map((l) => l.incident_id),
          q,
        )
      ).map((i) => [i.id, i.title]),
    );
    return links.flatMap((l) => {
      const title = titles.get(l.incident_id);
      return title === undefined ? [] : [{ incident: l.incident_id, title, linkedAt: new Date(l.linked_at).toISOString() }];
    });
  }

  /** A party links the thread to a published incident; linking it again changes nothing. */
  async function link(actor: Actor, id: string, body: unknown, origin: Origin) {
    return db.transaction(async (tx) => {
      const p = await actingParty(tx, actor, id);
      const incident = (body && typeof body === 'object' ? (body as Record<string, unknown>).incident : undefined) ?? '';
      if (incident === '') throw errors.badInput([fieldProblem('incident', 'required')]);
      const [found] = typeof incident === 'string' ? await incidents.published([incident], tx) : [];
      if (!found) throw errors.badInput([fieldProblem('incident', 'notFound')]);
      const added = await insertLink(tx, id, found.id, actor.userId as string, clock().toISOString());
      if (added) await audit(tx, actor, origin, 'communication.link_incident', id, { incident: found.id, state: p.state });
      return { incident: found.id, title: found.title, linked: true };
    });
  }

  /** A party removes the link. */
  async function unlink(actor: Actor, id: string, incident: string, origin: Origin) {
    return db.transaction(async (tx) => {
      const p = await actingParty(tx, actor, id);
      if (!ID.test(incident) || !(await deleteLink(tx, id, incident))) throw errors.notFound('The link');
      await audit(tx, actor, origin, 'communication.unlink_incident', id, { incident, state: p.state });
      return { incident, linked: false };
    });
  }

  /**
   * The threads linked to an incident that this reader sees, for the incident page and its API: none for a
   * signed-out reader, and each link checked with party(), so another State's official, an editor or an
   * administrator who is not party learns nothing. A view that shows any is audited (it shows subjects).
   */
  async function onIncident(actor: Actor, incident: string, origin: Origin): Promise<LinkedThread[]> {
    if (!actor.userId || !ID.test(incident)) return [];
    const seen: LinkedThread[] = [];
    for (const l of await linksToIncident(db, incident)) {
      try {
        const p = await party(db, actor, l.thread_id);
        seen.push({ thread: l.thread_id, subject: p.thread.subject });
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'NOT_FOUND') throw err;
      }
    }
    if (seen.length)
      await db.transaction((tx) =>
        recordAudit(
          tx,
          {
            actor: `user:${actor.userId}`,
            origin: origin.ip,
            action: 'communication.links_read',
            entity: 'incident',
            entityId: incident,
            details: { threads: seen.length },
          },
          clock(),
        ),
      );
    return seen;
  }

  /** Published incidents to choose from, by title. */
  const find = (text: string): Promise<PublishedTitle[]> => incidents.find(text, 20);

  /** Whether the incident is published (the API's list of linked threads answers 404 for any other). */
  const isPublished = async (incident: string) => (await incidents.published([incident])).length > 0;

  return { ofThread, link, unlink, onIncident, find, isPublished };
}

export type Links = ReturnType<typeof createLinks>;
