// Seeding the shipped record's translations (incidents.seed.translations.ts, decision 77), and topping them up on
// start: an incident of the shipped record (found by its English title, made here) that has no translation row
// in a language gets the shipped one, and no other. A language with any row for that incident is left as the
// editors made it (a translation an editor removed stays removed). Each row keeps the shipped English it
// translates, so where the record's English has changed since (an approved change) the translation shows as
// outdated at once. The claims, responses and norms are found by what identifies them, not by their order.
import type { Queryable } from '../../db/client.ts';
import { claimsOf, normsOf, responsesOf } from './incidents.queries.ts';
import { SHIPPED_TRANSLATIONS } from './incidents.seed.translations.ts';
import { SHIPPED_INCIDENTS } from './incidents.seed.ts';
import { incidentsTitled, insertTranslations, translatedLanguages } from './incidents.translations.queries.ts';
import { normKey, TRANSLATED } from './incidents.translations.ts';
import { checkIncident, type IncidentInput } from './incidents.validate.ts';

/** One shipped incident's texts in one language, in the order of SHIPPED_INCIDENTS. */
export interface ShippedTranslation {
  title: string;
  summary: string;
  effects: string;
  /** The sources' titles. */
  sources: string[];
  claims: { summary: string; sourceTitle: string; responses?: string[] }[];
  /** The norms' rationales. */
  norms: string[];
}

type Row = { field: string; value: string; source: string };

/** The rows of one shipped incident's translation, keyed by the parts of the incident as stored. */
function rowsOf(
  input: IncidentInput,
  tr: ShippedTranslation,
  parts: {
    claims: Awaited<ReturnType<typeof claimsOf>>;
    responses: Awaited<ReturnType<typeof responsesOf>>;
    norms: Awaited<ReturnType<typeof normsOf>>;
  },
): Row[] {
  const rows: Row[] = [];
  const add = (field: string, value: string | undefined, source: string) => {
    if (value && source) rows.push({ field, value, source });
  };
  add('title', tr.title, input.title);
  add('summary', tr.summary, input.summary);
  add('effects', tr.effects, input.effects);
  input.sources.forEach((s, n) => {
    add(`source.${n}.title`, tr.sources[n], s.title);
  });
  const free = parts.claims.filter((c) => c.stated_by_state === null);
  input.claims.forEach((c, n) => {
    const at = free.findIndex((x) => x.source_url === c.sourceUrl && x.claimed_on === c.claimedOn);
    if (at < 0) return;
    const [claim] = free.splice(at, 1);
    add(`claim.${claim.id}.summary`, tr.claims[n]?.summary, c.summary);
    add(`claim.${claim.id}.sourceTitle`, tr.claims[n]?.sourceTitle, c.sourceTitle);
    const answers = parts.responses.filter((r) => r.claim_id === claim.id && !r.own_statement);
    c.responses.forEach((r, m) => {
      const at = answers.findIndex((x) => x.state_code === r.state && x.stated_on === r.statedOn);
      if (at < 0) return;
      const [response] = answers.splice(at, 1);
      add(`response.${response.id}.summary`, tr.claims[n]?.responses?.[m], r.summary);
    });
  });
  input.norms.forEach((x, n) => {
    const row = parts.norms.find((y) => y.norm_letter === x.norm && y.basis === x.basis && y.invoked_by === x.invokedBy);
    if (row) add(normKey(row), tr.norms[n], x.rationale);
  });
  return rows;
}

/** Adds the shipped translations an incident of the shipped record has no row for, per language; returns how many rows. */
export async function topUpIncidentTranslations(tx: Queryable, at = new Date().toISOString()): Promise<number> {
  const found = await incidentsTitled(
    tx,
    SHIPPED_INCIDENTS.map((i) => i.title),
  );
  if (!found.length) return 0;
  const have = new Map((await translatedLanguages(tx)).map((r) => [r.incident_id, new Set(r.langs)]));
  let added = 0;
  for (const [k, raw] of SHIPPED_INCIDENTS.entries()) {
    const row = found.find((r) => r.title === raw.title);
    const missing = row ? TRANSLATED.filter((lang) => !have.get(row.id)?.has(lang)) : [];
    if (!row || !missing.length) continue;
    // One after the other: a transaction's client answers one statement at a time.
    const claims = await claimsOf(tx, [row.id]);
    const responses = await responsesOf(tx, [row.id]);
    const norms = await normsOf(tx, [row.id]);
    const input = checkIncident(raw, () => true);
    for (const lang of missing) {
      const rows = rowsOf(input, SHIPPED_TRANSLATIONS[lang][k], { claims, responses, norms });
      await insertTranslations(tx, row.id, lang, rows, null, at);
      added += rows.length;
    }
  }
  return added;
}
