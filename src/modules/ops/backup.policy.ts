// Who may take a backup of the whole platform: administrators, with the second factor like any role (a
// backup holds every account, secret hash and communication). Downloading one is a read, and audited.
import { defineRules } from '../../platform/access.ts';

export const backupActions = defineRules({
  'backup.download': { platform: ['administrator'] },
});
