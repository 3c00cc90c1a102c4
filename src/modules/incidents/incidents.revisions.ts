// Changes to published incidents and their history (decision 73). An editor proposes a change to a published
// incident (the record as a draft is written, with a note); the public keeps seeing the published version until
// another editor, one who took no part in the change, approves it: then it replaces the published record in one
// transaction with its audit, claims and responses keeping their ids (and so their STIX ids). Every approved
// version is kept, numbered; any two compare field by field; an earlier one may be restored, which is a new
// change waiting for four eyes again. Every write is audited in its transaction. No HTTP here.
import type { Db, Queryable } from '../../db/client.ts';
import { type Actor, authorize, decide } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { AppError, errors, fieldProblem } from '../../platform/errors.ts';
import type { Clock, Origin } from '../../platform/kernel.ts';
import { incidentActions } from './incidents.policy.ts';
import { type IncidentRow, incidentById, lockIncident, responsesOf } from './incidents.queries.ts';
import { applyRecord, currentRecord } from './incidents.revisions.apply.ts';
import { CODES, checkChange, type DiffWords, diffRecords, noteOf, sameRecord } from './incidents.revisions.diff.ts';
import {
  decideChange,
  insertRevision,
  latestNumber,
  openChangeOf,
  openChanges,
  peopleNames,
  type RevisionRow,
  reviseChange,
  revisionById,
  type VersionRecord,
  versionsOf,
} from './incidents.revisions.queries.ts';

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One version as the history lists it. */
export interface VersionView {
  number: number;
  at: string;
  proposedBy: string | null;
  approvedBy: string | null;
  note: string;
  restoredFrom: number | null;
}

/** A change waiting on a published incident, as editors see it. */
export interface ChangeView {
  id: string;
  status: 'proposed' | 'returned';
  edition: number;
  note: string;
  decisionNote: string;
  proposedBy: string | null;
  changedBy: string[];
  restoredFrom: number | null;
  updatedAt: string;
  record: VersionRecord;
}

/** Four eyes: nobody who proposed or changed a change approves it (nor sends it back). */
export const mayApproveChange = (userId: string, c: { changed_by: string[]; proposed_by: string | null }) =>
  !c.changed_by.includes(userId) && c.proposed_by !== userId;

const conflict = (message: string) => new AppError('CONFLICT', 409, message);

const versionOf = (r: RevisionRow): VersionView => ({
  number: r.number as number,
  at: new Date(r.decided_at ?? r.updated_at).toISOString(),
  proposedBy: r.proposed_by_name,
  approvedBy: r.decided_by_name,
  note: r.note,
  restoredFrom: r.restored_from,
});

const changeOf = (r: RevisionRow): ChangeView => ({
  id: r.id,
  status: r.status as 'proposed',
  edition: r.edition,
  note: r.note,
  decisionNote: r.decision_note,
  proposedBy: r.proposed_by_name,
  changedBy: r.changed_by,
  restoredFrom: r.restored_from,
  updatedAt: new Date(r.updated_at).toISOString(),
  record: r.record,
});

export function createIncidentRevisions(deps: { db: Db; clock: Clock; knownStates: () => Promise<(code: string) => boolean> }) {
  const { db, clock } = deps;
  const audit = (tx: Queryable, actor: Actor, origin: Origin, action: string, id: string, details: Record<string, unknown>) =>
    recordAudit(
      tx,
      { actor: `user:${actor.userId}`, origin: origin.ip, action, entity: 'incident', entityId: id, details },
      clock(),
    );
  const isEditor = (actor: Actor) => decide(actor, incidentActions['incidents.drafts']).ok;

  const current = currentRecord;

  /** The incident if the reader may see it (published; editors also a draft); else 404. */
  async function visible(actor: Actor, id: string): Promise<IncidentRow> {
    const row = ID.test(id) ? await incidentById(db, id) : undefined;
    if (!row || (row.status !== 'published' && !isEditor(actor))) throw errors.notFound('The incident');
    return row;
  }

  /** Its approved versions, newest first: the record as first published is version 1, kept when it is first changed. */
  async function versions(row: IncidentRow): Promise<(VersionView & { record: VersionRecord })[]> {
    const rows = await versionsOf(db, row.id);
    if (rows.length || row.status !== 'published') return rows.map((r) => ({ ...versionOf(r), record: r.record }));
    const names = await peopleNames(
      db,
      [row.proposed_by, row.approved_by].filter((x): x is string => Boolean(x)),
    );
    const name = (id: string | null) => names.find((n) => n.id === id)?.display_name ?? null;
    return [
      {
        number: 1,
        at: new Date(row.published_at ?? row.updated_at).toISOString(),
        proposedBy: name(row.proposed_by),
        approvedBy: name(row.approved_by),
        note: '',
        restoredFrom: null,
        record: await current(db, row),
      },
    ];
  }

  /** The history of a published incident: its versions and, for editors, the change waiting. */
  async function history(actor: Actor, id: string) {
    const row = await visible(actor, id);
    const all = await versions(row);
    const open = isEditor(actor) ? await openChangeOf(db, row.id) : undefined;
    return {
      incident: { id: row.id, title: row.title, status: row.status },
      versions: all.map(({ record: _r, ...v }) => v),
      change: open ? changeOf(open) : null,
    };
  }

  /** The change waiting on the incident (editors), with what it changes against the published version. */
  async function change(actor: Actor, id: string, words: DiffWords = CODES) {
    authorize(actor, incidentActions['incidents.drafts']);
    const row = await visible(actor, id);
    const open = await openChangeOf(db, row.id);
    if (!open) throw errors.notFound('The change');
    return {
      incident: { id: row.id, title: row.title },
      change: changeOf(open),
      diff: diffRecords(await current(db, row), open.record, words),
      /** Whether this reader may approve it or send it back (four eyes). */
      mayApprove: mayApproveChange(actor.userId ?? '', open),
    };
  }

  /** What the change form starts from (editors): the change waiting, or else the record as published. */
  async function changeForm(actor: Actor, id: string) {
    authorize(actor, incidentActions['incidents.drafts']);
    const row = await visible(actor, id);
    if (row.status !== 'published') throw conflict('Only a published incident is changed this way; change the draft itself.');
    const open = await openChangeOf(db, row.id);
    return {
      incident: { id: row.id, title: row.title },
      record: open?.record ?? (await current(db, row)),
      note: open?.note ?? '',
    };
  }

  /** Two versions compared field by field; `change` names the change waiting (editors only). */
  async function diff(actor: Actor, id: string, query: { from?: unknown; to?: unknown }, words: DiffWords = CODES) {
    const row = await visible(actor, id);
    const all = await versions(row);
    const pick = async (v: unknown, field: string) => {
      if (v === 'change' && isEditor(actor)) {
        const open = await openChangeOf(db, row.id);
        if (open) return { number: null, record: open.record };
      }
      const found = all.find((x) => String(x.number) === String(v ?? ''));
      if (!found) throw errors.badInput([fieldProblem(field, 'notRevision')]);
      return { number: found.number, record: found.record };
    };
    const from = await pick(query.from, 'from');
    const to = await pick(query.to, 'to');
    return {
      incident: { id: row.id, title: row.title },
      from: from.number,
      to: to.number,
      fields: diffRecords(from.record, to.record, words),
    };
  }

  /** The claims a State answered with its own statement. */
  const answeredClaims = async (tx: Queryable, id: string) =>
    new Set((await responsesOf(tx, [id])).filter((r) => r.own_statement).map((r) => r.claim_id));

  /** Refused: removing a claim a State has answered with its own statement (that statement is the State's). */
  function keepsAnswered(now: VersionRecord, next: VersionRecord, answered: Set<string>) {
    const kept = new Set(next.claims.map((c) => c.id));
    const lost = now.claims.findIndex((c) => answered.has(c.id as string) && !kept.has(c.id));
    if (lost >= 0) throw conflict(`Claim ${lost + 1} is answered by a State's own statement; it cannot be removed.`);
  }

  /** Writes a change as the proposal waiting on the incident: a new one, or the open one changed (by them too). */
  async function write(
    actor: Actor,
    id: string,
    make: (now: VersionRecord) => VersionRecord,
    note: string,
    origin: Origin,
    restoredFrom: number | null,
  ) {
    return db.transaction(async (tx) => {
      const row = ID.test(id) ? await lockIncident(tx, id) : undefined;
      if (!row) throw errors.notFound('The incident');
      if (row.status !== 'published') throw conflict('Only a published incident is changed this way; change the draft itself.');
      const now = await current(tx, row);
      const next = make(now);
      if (sameRecord(now, next)) throw errors.badInput([fieldProblem(restoredFrom ? 'version' : 'fields', 'unchanged')]);
      keepsAnswered(now, next, await answeredClaims(tx, id));
      const open = await openChangeOf(tx, id);
      const at = clock().toISOString();
      const by = actor.userId as string;
      let changeId: string;
      if (open) {
        if (restoredFrom) throw conflict('A change already waits on this incident: approve, send back or discard it first.');
        await reviseChange(tx, open.id, next, note, by, at);
        changeId = open.id;
      } else {
        const base = (await latestNumber(tx, id)) || 1;
        changeId = await insertRevision(tx, {
          incident: id,
          status: 'proposed',
          number: null,
          record: next,
          note,
          base,
          restoredFrom,
          by,
          decidedBy: null,
          at,
          decidedAt: null,
        });
      }
      const edition = open ? open.edition + 1 : 1;
      await audit(tx, actor, origin, restoredFrom ? 'incident.restore' : 'incident.change.propose', id, {
        change: changeId,
        edition,
        note,
        ...(restoredFrom ? { restoredFrom } : {}),
      });
      return { id: changeId, status: 'proposed' as const, edition };
    });
  }

  /** An editor proposes a change to a published incident (or changes the change waiting on it). */
  async function propose(actor: Actor, id: string, body: unknown, origin: Origin) {
    authorize(actor, incidentActions['incidents.edit']);
    const note = noteOf((body as { note?: unknown } | null)?.note);
    const known = await deps.knownStates();
    // Checked against the record as published now, inside the transaction that writes it.
    return write(actor, id, (now) => checkChange(body, known, now), note, origin, null);
  }

  /** An editor brings back an earlier version as a new change, which waits for another editor like any change. */
  async function restore(actor: Actor, id: string, body: unknown, origin: Origin) {
    authorize(actor, incidentActions['incidents.edit']);
    const raw = (body ?? {}) as { version?: unknown; note?: unknown };
    const row = await visible(actor, id);
    const v = (await versions(row)).find((x) => String(x.number) === String(raw.version ?? ''));
    if (!v) throw errors.badInput([fieldProblem('version', 'notRevision')]);
    const note = noteOf(raw.note, `Restored version ${v.number}`);
    return write(
      actor,
      id,
      (now) => {
        // Claims and responses still published keep their ids; the others come back as new ones.
        const ids = new Set(now.claims.flatMap((c) => [c.id, ...c.responses.map((r) => r.id)]));
        return {
          ...v.record,
          claims: v.record.claims.map((c) => ({
            ...c,
            id: ids.has(c.id) ? c.id : null,
            responses: c.responses.map((r) => ({ ...r, id: ids.has(r.id) ? r.id : null })),
          })),
        };
      },
      note,
      origin,
      v.number,
    );
  }

  /** The open change, locked with its incident, that this step may act on; refused as the step requires. */
  async function openOrFail(tx: Queryable, id: string, changeId: string, edition: unknown) {
    const row = ID.test(id) ? await lockIncident(tx, id) : undefined;
    const c = row && ID.test(changeId) ? await revisionById(tx, id, changeId) : undefined;
    if (!row || !c) throw errors.notFound('The change');
    if (c.status === 'approved' || c.status === 'discarded') throw conflict(`This change was already ${c.status}.`);
    if (edition !== undefined && edition !== null && edition !== '' && Number(edition) !== c.edition)
      throw conflict('The change was changed since you opened it; read it again.');
    return { row, c };
  }

  /** Another editor approves the change: it replaces the published record, and is the next version. */
  async function approve(actor: Actor, id: string, change: { id: string; edition?: unknown }, origin: Origin) {
    authorize(actor, incidentActions['incidents.approve']);
    return db.transaction(async (tx) => {
      const { row, c } = await openOrFail(tx, id, change.id, change.edition);
      if (!mayApproveChange(actor.userId as string, c))
        throw new AppError('FORBIDDEN', 403, 'Another editor must approve a change you made or proposed.');
      if (c.status !== 'proposed') throw conflict('Only a proposed change can be approved.');
      const at = clock().toISOString();
      let number = await latestNumber(tx, id);
      if (number === 0) {
        // The record as first published becomes version 1 before the first change replaces it.
        await insertRevision(tx, {
          incident: id,
          status: 'approved',
          number: 1,
          record: await current(tx, row),
          note: '',
          base: null,
          restoredFrom: null,
          by: row.proposed_by,
          decidedBy: row.approved_by,
          at: new Date(row.published_at ?? row.updated_at).toISOString(),
          decidedAt: new Date(row.published_at ?? row.updated_at).toISOString(),
        });
        number = 1;
      }
      const before = await current(tx, row);
      // A State may have answered a claim with its own statement since the change was proposed.
      keepsAnswered(before, c.record, await answeredClaims(tx, id));
      await applyRecord(tx, id, before, c, at);
      const applied = await current(tx, (await incidentById(tx, id)) as IncidentRow);
      await decideChange(tx, c.id, { status: 'approved', by: actor.userId as string, at, number: number + 1, record: applied });
      const changed = diffRecords(before, applied);
      await audit(tx, actor, origin, 'incident.change.approve', id, {
        change: c.id,
        version: number + 1,
        proposedBy: c.proposed_by,
        changed: changed.filter((f) => f.changed).map((f) => f.field),
      });
      return { status: 'approved' as const, version: number + 1 };
    });
  }

  /** Another editor sends the change back with a reason: its editors may change it and propose it again. */
  async function sendBack(actor: Actor, id: string, changeId: string, body: unknown, origin: Origin) {
    authorize(actor, incidentActions['incidents.approve']);
    const raw = (body ?? {}) as { note?: unknown; edition?: unknown };
    const note = noteOf(raw.note);
    return db.transaction(async (tx) => {
      const { c } = await openOrFail(tx, id, changeId, raw.edition);
      if (!mayApproveChange(actor.userId as string, c))
        throw new AppError('FORBIDDEN', 403, 'Another editor must review a change you made or proposed.');
      if (c.status !== 'proposed') throw conflict('Only a proposed change can be sent back.');
      await decideChange(tx, c.id, { status: 'returned', by: actor.userId as string, at: clock().toISOString(), note });
      await audit(tx, actor, origin, 'incident.change.return', id, { change: c.id, note });
      return { status: 'returned' as const };
    });
  }

  /** An editor discards the change waiting (its proposer withdrawing it, or a reviewer refusing it). */
  async function discard(actor: Actor, id: string, changeId: string, body: unknown, origin: Origin) {
    authorize(actor, incidentActions['incidents.edit']);
    const raw = (body ?? {}) as { note?: unknown; edition?: unknown };
    const note = noteOf(raw.note, '-');
    return db.transaction(async (tx) => {
      const { c } = await openOrFail(tx, id, changeId, raw.edition);
      const reason = note === '-' ? '' : note;
      await decideChange(tx, c.id, { status: 'discarded', by: actor.userId as string, at: clock().toISOString(), note: reason });
      await audit(tx, actor, origin, 'incident.change.discard', id, { change: c.id, note: reason });
      return { status: 'discarded' as const };
    });
  }

  /** Changes waiting on published incidents, for the editors' review list. */
  async function waiting(actor: Actor) {
    authorize(actor, incidentActions['incidents.drafts']);
    return (await openChanges(db)).map((r) => ({ incident: r.incident_id, title: r.title, ...changeOf(r) }));
  }

  return {
    history,
    change,
    changeForm,
    diff,
    proposeChange: propose,
    restore,
    approveChange: approve,
    sendBack,
    discard,
    waiting,
  };
}

export type IncidentRevisions = ReturnType<typeof createIncidentRevisions>;
