// Who may see the mail that could not be sent and send it again: administrators only (platform/access.ts decides).
import { defineRules } from '../../platform/access.ts';

export const mailActions = defineRules({
  'mail.undelivered.read': { platform: ['administrator'] },
  'mail.undelivered.send_again': { platform: ['administrator'], write: true },
});
