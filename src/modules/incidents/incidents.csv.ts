// The published record as CSV, for researchers who compare it with other repositories in a spreadsheet or R
// (issue 18): one row per attribution claim, never merged, with the incident's facts repeated on each row so a
// row reads on its own; an incident with no claim yet is one row with the claim's columns empty. Codes, not
// words: incident types, sectors, bases and kinds are the vocabulary's codes (EuRepoC's where it has them,
// docs/incidents.md), States their ISO 3166-1 alpha-3 codes, norms their letters in A/70/174 para 13. The text
// is the record's English, which is authoritative (translations are the platform's own, decision 77).
import { csvFile } from '../../platform/csv.ts';
import type { IncidentView } from './incidents.service.ts';
import { incidentStixId } from './incidents.stix.ts';
import { partialDateText } from './incidents.validate.ts';

export const CSV_COLUMNS = [
  'incident_id',
  'stix_id',
  'title',
  'incident_types',
  'started',
  'ended',
  'disclosed',
  'targets',
  'sectors',
  'contested',
  'norms',
  'claim',
  'claimant_kind',
  'claimant_states',
  'claimant_name',
  'claimed_on',
  'days_after_start',
  'basis',
  'attributed_kind',
  'attributed_state',
  'attributed_actor',
  'statement_of_state',
  'claim_unconfirmed',
  'claim_source_url',
  'responses',
] as const;

/** The incidents as CSV, headings first; lists of codes are separated by a space, responses by "; ". */
export function incidentsCsv(views: IncidentView[]): string {
  const rows: unknown[][] = [[...CSV_COLUMNS]];
  for (const v of views) {
    const i = v.incident;
    const facts = [
      i.id,
      incidentStixId(v),
      i.title,
      i.types,
      partialDateText(i.started_on, i.started_precision),
      partialDateText(i.ended_on, i.ended_precision),
      partialDateText(i.disclosed_on, i.disclosed_precision),
      i.targets,
      i.sectors,
      v.contested,
      [...new Set(v.norms.map((n) => n.norm_letter))].sort(),
    ];
    if (!v.claims.length) rows.push([...facts, ...CSV_COLUMNS.slice(facts.length).map(() => '')]);
    for (const [n, c] of v.claims.entries())
      rows.push([
        ...facts,
        n + 1,
        c.claimant_kind,
        c.claimant_states,
        c.claimant_name,
        c.claimed_on,
        c.days ?? '',
        c.basis,
        c.attributed_kind,
        c.attributed_state ?? '',
        c.attributed_actor,
        c.stated_by_state ?? '',
        c.unconfirmed,
        c.source_url,
        c.responses.map((r) => `${r.state_code} ${r.stance} ${r.stated_on}`).join('; '),
      ]);
  }
  return csvFile(rows);
}
