// Who may do what with the incident record. Anyone reads what is published; editors keep the record with
// four eyes (the service refuses an approval by anyone who changed the record); a State's focal point
// publishes that State's own position on a published incident.
import { defineRules } from '../../platform/access.ts';

export const incidentActions = defineRules({
  'incidents.read': { public: true },
  'incidents.drafts': { platform: ['editor'] },
  'incidents.edit': { platform: ['editor'], write: true },
  'incidents.approve': { platform: ['editor'], write: true },
  // Editors translate a published incident's texts; a translation is published at once, audited (decision 77).
  'incidents.translate': { platform: ['editor'], write: true },
  'incidents.position': { state: ['focal_point'], write: true },
  // A point of contact drafts the State's position for its focal point to approve or decline (decision 74).
  'incidents.position.draft': { state: ['poc_diplomatic', 'poc_technical'], write: true },
  'incidents.position.drafts': { state: ['focal_point', 'poc_diplomatic', 'poc_technical'] },
});

/** Four eyes: whoever created, changed or proposed the record may not approve it. */
export function mayApprove(userId: string, record: { changed_by: string[]; proposed_by: string | null }): boolean {
  return !record.changed_by.includes(userId) && record.proposed_by !== userId;
}
