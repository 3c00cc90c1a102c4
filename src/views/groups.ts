// The names of the UN regional groups in the reader's language: shared by every page that groups States.
import type { UnGroup } from '../content/registry.ts';
import type { MessageKey } from '../platform/i18n/i18n.ts';

export const GROUP_KEYS: Record<UnGroup, MessageKey> = {
  african: 'group.african',
  'asia-pacific': 'group.asia-pacific',
  'eastern-european': 'group.eastern-european',
  'latin-american-caribbean': 'group.latin-american-caribbean',
  weog: 'group.weog',
};
