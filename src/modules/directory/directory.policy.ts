// Who may do what in the directory and its communication checks: the one list of rules, checked with
// `authorize` in the services and turned into SQL scopes with `scopeOf`.
import { defineRules } from '../../platform/access.ts';

const OFFICIALS = ['focal_point', 'poc_diplomatic', 'poc_technical', 'rapporteur'] as const;

export const directoryActions = defineRules({
  /** Officials of any State (participation is checked in the service) and the directory manager. */
  'directory.read': { platform: ['directory_manager'], anyState: [...OFFICIALS] },
  'directory.write': { state: ['focal_point'], write: true },
  'directory.export': { platform: ['directory_manager'], state: ['focal_point', 'poc_diplomatic', 'poc_technical'] },
  'directory.stale': { platform: ['directory_manager'], state: ['focal_point'] },
  'directory.stats': { public: true },
  /** The directory manager's own work: communication checks and their reports. */
  'directory.manage': { platform: ['directory_manager'], write: true },
  'directory.report': { platform: ['directory_manager'] },
  /** A State's record of communication checks. */
  'directory.state_history': { platform: ['directory_manager'], state: [...OFFICIALS] },
  /** Confirming one's own communication-check task in the platform. */
  'directory.confirm': { self: true, write: true },
  /** Seeing one's own open tasks: a read-only token may. */
  'directory.tasks': { self: true },
});
