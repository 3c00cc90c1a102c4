// The SQL of work not sent yet (migration 0015): files uploaded with a refused submit, forms kept when the
// session had ended on submit, and the key that signs compose forms. One function per statement; every read
// and delete names the person, so one never reaches another's.
import type { Queryable } from '../../db/client.ts';

export interface PendingUploadRow {
  id: string;
  name: string;
  media_type: string;
  size: number;
  sha256: string;
  created_at: Date;
}

/** The key that signs compose forms (made by the migration). */
export async function formKeySecret(q: Queryable): Promise<string> {
  const [row] = await q.query<{ secret: string }>('select secret from comm_form_keys where id = 1');
  return row.secret;
}

/** A file kept for the person's form until it is sent or expires; its id. */
export async function insertPendingUpload(
  q: Queryable,
  u: {
    userId: string;
    formKey: string;
    name: string;
    mediaType: string;
    sha256: string;
    data: Buffer;
    at: string;
    expires: string;
  },
): Promise<string> {
  const [row] = await q.query<{ id: string }>(
    `insert into comm_pending_uploads (user_id, form_key, name, media_type, size, sha256, content, created_at, expires_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
    [u.userId, u.formKey, u.name, u.mediaType, u.data.length, u.sha256, u.data, u.at, u.expires],
  );
  return row.id;
}

/** The files kept for the person's form that have not expired, oldest first, without their bytes. */
export function pendingUploadsOf(q: Queryable, userId: string, formKey: string, now: string) {
  return q.query<PendingUploadRow>(
    `select id, name, media_type, size, sha256, created_at from comm_pending_uploads
     where user_id = $1 and form_key = $2 and expires_at > $3 order by created_at, id`,
    [userId, formKey, now],
  );
}

/** The given files kept for the person's form, with their bytes. */
export function pendingUploadBytes(q: Queryable, userId: string, formKey: string, ids: string[], now: string) {
  return q.query<{ id: string; name: string; media_type: string; content: Uint8Array }>(
    `select id, name, media_type, content from comm_pending_uploads
     where user_id = $1 and form_key = $2 and id = any($3::uuid[]) and expires_at > $4 order by created_at, id`,
    [userId, formKey, ids, now],
  );
}

/** Removes the person's kept files of the form except the given ones; how many went. */
export async function deletePendingUploadsExcept(q: Queryable, userId: string, formKey: string, keep: string[]) {
  const gone = await q.query(
    'delete from comm_pending_uploads where user_id = $1 and form_key = $2 and not (id = any($3::uuid[])) returning 1',
    [userId, formKey, keep],
  );
  return gone.length;
}

/** Removes one kept file if it has expired (the expiry job). */
export async function deleteExpiredUpload(q: Queryable, id: string, now: string) {
  await q.query('delete from comm_pending_uploads where id = $1 and expires_at <= $2', [id, now]);
}

/** Keeps what the person's form held (one row per form: keeping it again replaces it); its id. */
export async function upsertKeptForm(
  q: Queryable,
  f: { userId: string; formKey: string; draftId: string | null; fields: Record<string, unknown>; at: string; expires: string },
): Promise<string> {
  const [row] = await q.query<{ id: string }>(
    `insert into comm_kept_forms (user_id, form_key, draft_id, fields, created_at, expires_at) values ($1, $2, $3, $4, $5, $6)
     on conflict (user_id, form_key) do update set draft_id = excluded.draft_id, fields = excluded.fields,
       created_at = excluded.created_at, expires_at = excluded.expires_at
     returning id`,
    [f.userId, f.formKey, f.draftId, JSON.stringify(f.fields), f.at, f.expires],
  );
  return row.id;
}

export interface KeptFormRow {
  id: string;
  form_key: string;
  draft_id: string | null;
  fields: Record<string, unknown>;
  created_at: Date;
  expires_at: Date;
}

/** One of the person's kept forms, if it has not expired. */
export async function keptFormOf(q: Queryable, userId: string, id: string, now: string): Promise<KeptFormRow | undefined> {
  const [row] = await q.query<KeptFormRow>(
    `select id, form_key, draft_id, fields, created_at, expires_at from comm_kept_forms
     where id = $1 and user_id = $2 and expires_at > $3`,
    [id, userId, now],
  );
  return row;
}

/** The person's kept forms that have not expired, newest first. */
export function keptFormsOf(q: Queryable, userId: string, now: string) {
  return q.query<KeptFormRow>(
    `select id, form_key, draft_id, fields, created_at, expires_at from comm_kept_forms
     where user_id = $1 and expires_at > $2 order by created_at desc limit 20`,
    [userId, now],
  );
}

/** Removes the person's kept form of this form key (it was sent or saved). */
export async function deleteKeptForm(q: Queryable, userId: string, formKey: string) {
  await q.query('delete from comm_kept_forms where user_id = $1 and form_key = $2', [userId, formKey]);
}

/** Removes one kept form if it has expired (the expiry job). */
export async function deleteExpiredKeptForm(q: Queryable, id: string, now: string) {
  await q.query('delete from comm_kept_forms where id = $1 and expires_at <= $2', [id, now]);
}
