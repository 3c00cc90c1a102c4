// Work on a communication that is not sent yet, kept for its author so that nothing typed or attached is lost
// (issue 17). Files uploaded with a submit that was refused stay with the form (its idempotency key) and go
// with the next submit; a form that arrives after its session ended is kept, whole, for the person who wrote
// it, and given back once they sign in again. Who wrote it is known from the form itself: each compose form
// carries a token signing its author, the time and the form (an HMAC under a key the database made), so a
// form forged on another site keeps nothing. Everything kept expires after PENDING_KEEP_HOURS (src/config.ts; a
// job removes it) and goes at once when the form is sent or saved as a draft.
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import type { Queryable } from '../../db/client.ts';
import { type Actor, authorize } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { defineJob } from '../../platform/jobs.ts';
import { type Origin, sameSecret } from '../../platform/kernel.ts';
import type { Core } from './communications.common.ts';
import { commActions, senderState, UUID } from './communications.policy.ts';
import { LIMITS, type RawAttachment, validateAttachments } from './communications.validate.ts';
import {
  deleteExpiredKeptForm,
  deleteExpiredUpload,
  deleteKeptForm,
  deletePendingUploadsExcept,
  formKeySecret,
  insertPendingUpload,
  keptFormOf,
  keptFormsOf,
  pendingUploadBytes,
  pendingUploadsOf,
  upsertKeptForm,
} from './pending.queries.ts';

/** How long a compose form's signature holds: a form older than this is refused as any stale form is. */
const FORM_TOKEN_HOURS = 48;
/** A form's key as the compose form carries it (its idempotency key). */
export const FORM_KEY = /^[A-Za-z0-9_.:-]{8,200}$/;

const expiry = defineJob('comm.pending_expire', z.object({ kind: z.enum(['upload', 'form']), id: z.guid() }));

export interface PendingUpload {
  id: string;
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
}

export function createPending(core: Core) {
  const { db, clock, maxAttachmentBytes: maxBytes, keepHours } = core;
  let secret: Promise<string> | null = null;
  const key = () => {
    secret ??= formKeySecret(db).catch((err) => {
      secret = null;
      throw err;
    });
    return secret;
  };
  const mac = async (userId: string, issued: number, formKey: string) =>
    createHmac('sha256', await key())
      .update(`comm-form\n${userId}\n${issued}\n${formKey}`)
      .digest('base64url');
  const later = (hours: number) => new Date(clock().getTime() + hours * 3600_000);
  const now = () => clock().toISOString();
  const userOf = (actor: Actor) => actor.userId as string;

  /** The signature a compose form carries: who it was made for, when, and for which form. */
  async function formToken(actor: Actor, formKey: string): Promise<string> {
    const issued = Math.floor(clock().getTime() / 1000);
    return `${issued}.${actor.userId}.${await mac(userOf(actor), issued, formKey)}`;
  }

  /** The person a form was made for, if its signature holds for this form and is recent; null otherwise. */
  async function formAuthor(token: unknown, formKey: string): Promise<string | null> {
    if (typeof token !== 'string' || token.length > 200 || !FORM_KEY.test(formKey)) return null;
    const [issuedText, userId, sig, extra] = token.split('.');
    if (extra !== undefined || !/^\d{1,12}$/.test(issuedText ?? '') || !UUID.test(userId ?? '') || !sig) return null;
    const issued = Number(issuedText);
    const age = clock().getTime() / 1000 - issued;
    if (age < -300 || age > FORM_TOKEN_HOURS * 3600) return null;
    return sameSecret(sig, await mac(userId, issued, formKey)) ? userId : null;
  }

  /** Sending for one's State is the right these files and forms serve; a read-only token keeps nothing. */
  const mayCompose = (actor: Actor) => authorize(actor, commActions['comm.send'], { state: senderState(actor) });

  /** The files kept for the person's form. */
  async function uploads(actor: Actor, formKey: string): Promise<PendingUpload[]> {
    if (!actor.userId || !FORM_KEY.test(formKey)) return [];
    const rows = await pendingUploadsOf(db, actor.userId, formKey, now());
    return rows.map((r) => ({ id: r.id, name: r.name, mediaType: r.media_type, size: r.size, sha256: r.sha256 }));
  }

  /**
   * The kept files the person still wants, to go with this submit (as files from the form); the ones they
   * unticked are removed now.
   */
  async function takeUploads(actor: Actor, formKey: string, keep: string[]): Promise<RawAttachment[]> {
    mayCompose(actor);
    if (!FORM_KEY.test(formKey)) return [];
    const ids = [...new Set(keep.filter((id) => UUID.test(id)))].slice(0, LIMITS.attachments);
    await deletePendingUploadsExcept(db, userOf(actor), formKey, ids);
    if (!ids.length) return [];
    const rows = await pendingUploadBytes(db, userOf(actor), formKey, ids, now());
    return rows.map((r) => ({ name: r.name, mediaType: r.media_type, data: Buffer.from(r.content), truncated: false }));
  }

  /** Stores each acceptable file (a refused one is named on the form) up to the limit, in the caller's transaction. */
  async function store(tx: Queryable, userId: string, formKey: string, files: RawAttachment[], room: number) {
    let stored = 0;
    const hashes: string[] = [];
    for (const f of files) {
      if (stored >= room) break;
      const ok = validateAttachments([f], maxBytes);
      if (!('value' in ok)) continue;
      const [a] = ok.value;
      const id = await insertPendingUpload(tx, {
        userId,
        formKey,
        name: a.name,
        mediaType: a.mediaType,
        sha256: a.sha256,
        data: a.data,
        at: now(),
        expires: later(keepHours).toISOString(),
      });
      await expiry.schedule(tx, { key: `comm.pending:upload:${id}`, payload: { kind: 'upload', id }, runAt: later(keepHours) });
      hashes.push(a.sha256);
      stored++;
    }
    return hashes;
  }

  const auditKept = (tx: Queryable, userId: string, origin: Origin, action: string, details: Record<string, unknown>) =>
    recordAudit(tx, { actor: `user:${userId}`, origin: origin.ip, action, entity: 'user', entityId: userId, details }, clock());

  /** Keeps the acceptable files of a refused submit for the person's form; returns the form's kept files. */
  async function keepUploads(actor: Actor, formKey: string, files: RawAttachment[], origin: Origin) {
    mayCompose(actor);
    if (!FORM_KEY.test(formKey)) return [];
    if (files.length) {
      const room = LIMITS.attachments - (await uploads(actor, formKey)).length;
      await db.transaction(async (tx) => {
        const hashes = await store(tx, userOf(actor), formKey, files, room);
        if (hashes.length)
          await auditKept(tx, userOf(actor), origin, 'communication.files_kept', { form: formKey, sha256: hashes });
      });
    }
    return uploads(actor, formKey);
  }

  /**
   * Keeps a form that arrived after its session ended, for the person its signature names: its fields, and
   * its files beside the kept ones still ticked (`keep`). Returns the kept form's id, or null when the
   * signature does not hold.
   */
  async function keepForm(
    token: unknown,
    formKey: string,
    draftId: string | null,
    fields: Record<string, unknown>,
    files: RawAttachment[],
    keep: string[],
    origin: Origin,
  ): Promise<{ id: string; userId: string } | null> {
    const userId = await formAuthor(token, formKey);
    if (!userId) return null;
    const draft = draftId && UUID.test(draftId) ? draftId : null;
    return db.transaction(async (tx) => {
      await deletePendingUploadsExcept(
        tx,
        userId,
        formKey,
        keep.filter((id) => UUID.test(id)),
      );
      const kept = (await pendingUploadsOf(tx, userId, formKey, now())).length;
      const expires = later(keepHours);
      const id = await upsertKeptForm(tx, { userId, formKey, draftId: draft, fields, at: now(), expires: expires.toISOString() });
      // Keeping the same form again moves its expiry: a job per expiry, so the later one is not skipped as a repeat.
      await expiry.schedule(tx, {
        key: `comm.pending:form:${id}:${expires.getTime()}`,
        payload: { kind: 'form', id },
        runAt: expires,
      });
      const hashes = await store(tx, userId, formKey, files, LIMITS.attachments - kept);
      await auditKept(tx, userId, origin, 'communication.form_kept', {
        form: formKey,
        draft,
        files: hashes.length,
        signedOut: true,
      });
      return { id, userId };
    });
  }

  /** One of the person's kept forms (null when it is not theirs, not there or expired). */
  async function keptForm(actor: Actor, id: string) {
    if (!actor.userId || !UUID.test(id)) return null;
    return (await keptFormOf(db, actor.userId, id, now())) ?? null;
  }

  /** The person's kept forms, newest first. */
  async function keptForms(actor: Actor) {
    if (!actor.userId) return [];
    return keptFormsOf(db, actor.userId, now());
  }

  /** The form was sent or saved: what was kept for it goes. */
  async function forget(actor: Actor, formKey: string) {
    if (!actor.userId || !FORM_KEY.test(formKey)) return;
    await deletePendingUploadsExcept(db, actor.userId, formKey, []);
    await deleteKeptForm(db, actor.userId, formKey);
  }

  /** The expiry job: removes the kept file or form once its time has passed (it may be gone already). */
  const expire = expiry.handler(async (tx, { kind, id }, at) => {
    if (kind === 'upload') await deleteExpiredUpload(tx, id, at.toISOString());
    else await deleteExpiredKeptForm(tx, id, at.toISOString());
  });

  return {
    formToken,
    formAuthor,
    uploads,
    takeUploads,
    keepUploads,
    keepForm,
    keptForm,
    keptForms,
    forget,
    handlers: { [expiry.kind]: expire },
  };
}

export type Pending = ReturnType<typeof createPending>;
