// The API's shapes for changes to published incidents and their history (validation, types and OpenAPI in one).
import { z } from 'zod';
import { DIFF_FIELDS } from './incidents.revisions.diff.ts';
import { incidentBody } from './incidents.schemas.ts';

export const changeParams = z.object({ id: z.uuid('must be an id'), change: z.uuid('must be an id') });

export const versionSchema = z.object({
  number: z.number().int(),
  at: z.string().describe('When it was approved (version 1: first published)'),
  proposedBy: z.string().nullable().describe("The proposing editor's name"),
  approvedBy: z.string().nullable().describe("The approving editor's name"),
  note: z.string().describe('What changed and why'),
  restoredFrom: z.number().int().nullable(),
});

/** The record a version or change holds: the editors' part (a State's own statements are never in it). */
const recordSchema = z
  .unknown()
  .describe('title, summary, dates, types, targets, sectors, effects, sources, claims (with ids and responses), norms');

export const changeSchema = z.object({
  id: z.string(),
  status: z.enum(['proposed', 'returned']),
  edition: z.number().int().describe('Counts each change to it; send it back when approving to approve exactly this'),
  note: z.string(),
  decisionNote: z.string().describe('Why it was sent back'),
  proposedBy: z.string().nullable(),
  restoredFrom: z.number().int().nullable(),
  updatedAt: z.string(),
  record: recordSchema,
});

export const fieldDiffSchema = z.object({
  field: z.enum(DIFF_FIELDS),
  changed: z.boolean(),
  parts: z.array(z.object({ value: z.string(), added: z.boolean(), removed: z.boolean() })),
});

export const historySchema = z.object({
  incident: z.object({ id: z.string(), title: z.string(), status: z.string() }),
  versions: z.array(versionSchema).describe('Newest first'),
  change: changeSchema.nullable().describe('The change waiting for a second editor (editors only; null otherwise)'),
});

export const diffQuery = z.object({
  from: z.string().max(20).optional().describe('A version number, or "change" for the change waiting (editors)'),
  to: z.string().max(20).optional(),
});

export const diffSchema = z.object({
  incident: z.object({ id: z.string(), title: z.string() }),
  from: z.number().int().nullable(),
  to: z.number().int().nullable(),
  fields: z.array(fieldDiffSchema),
});

/** A change as an editor sends it: the record as for a draft, with the ids of the claims and responses it keeps. */
export const changeBody = incidentBody.extend({
  note: z.unknown().describe('What changed and why (required, at most 300 characters)'),
});

export const decisionBody = z
  .object({
    edition: z.unknown().describe('The edition approved, sent back or discarded (as read)'),
    note: z.unknown().describe('Why (required to send back)'),
  })
  .partial();

export const restoreBody = z.object({ version: z.unknown().describe('The version to bring back'), note: z.unknown() }).partial();

export const changeResult = z.object({ id: z.string(), status: z.literal('proposed'), edition: z.number().int() });
