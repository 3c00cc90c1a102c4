// What the communications pages share: the words for types, urgencies, statuses, message kinds and timeline
// events (message keys, so each page and export speaks the reader's language), the TLP marking, the pages'
// navigation, and the labels an export uses.
import type { MessageKey, Translate } from '../../platform/i18n/i18n.ts';
import { ChipNav } from '../../views/components.tsx';
import type { PageContext } from '../../views/context.ts';
import type { EventView, ThreadRow } from './communications.types.ts';
import type { CommType, Tlp } from './communications.validate.ts';
import { sizeText } from './format.ts';

export const TYPE_KEYS: Record<CommType, MessageKey> = {
  notification: 'comm.type.notification',
  assistance: 'comm.type.assistance',
  information: 'comm.type.information',
  vulnerability: 'comm.type.vulnerability',
  consultation: 'comm.type.consultation',
};
export const URGENCY_KEYS: Record<string, MessageKey> = {
  routine: 'comm.urgency.routine',
  priority: 'comm.urgency.priority',
  urgent: 'comm.urgency.urgent',
};
export const STATUS_KEYS: Record<string, MessageKey> = {
  draft: 'comm.status.draft',
  sent: 'comm.status.sent',
  delivered: 'comm.status.delivered',
  acknowledged: 'comm.status.acknowledged',
  responded: 'comm.status.responded',
  closed: 'comm.status.closed',
  withdrawn: 'comm.status.withdrawn',
  open: 'comm.status.open',
};
export const EVENT_KEYS: Record<string, MessageKey> = {
  sent: 'comm.event.sent',
  delivered: 'comm.event.delivered',
  acknowledged: 'comm.event.acknowledged',
  response: 'comm.event.response',
  update: 'comm.event.update',
  reminder: 'comm.event.reminder',
  escalated: 'comm.event.escalated',
  closed: 'comm.event.closed',
  withdrawn: 'comm.event.withdrawn',
  shared_with_manager: 'comm.event.shared',
};
export const KIND_KEYS: Record<string, MessageKey> = {
  initial: 'comm.kind.initial',
  update: 'comm.kind.update',
  response: 'comm.kind.response',
  closure: 'comm.kind.closure',
};

/** The TLP marking as FIRST shows it: the label in capitals on black, in its colour. */
export function TlpMark(props: { tlp: Tlp; large?: boolean }) {
  return (
    <strong class={`tlp tlp-${props.tlp.replace('+', '-')}${props.large ? ' tlp-large' : ''}`}>
      TLP:{props.tlp.toUpperCase()}
    </strong>
  );
}

/** The communications pages' navigation: the boxes and compose, or the manager's overview. */
export function CommNav(props: { ctx: PageContext; current: string; manager?: boolean }) {
  const links: [string, MessageKey][] = props.manager
    ? [['/communications/overview', 'comm.nav.overview']]
    : [
        ['/communications', 'comm.nav.inbox'],
        ['/communications?box=sent', 'comm.nav.sent'],
        ['/communications?box=drafts', 'comm.nav.drafts'],
        ['/communications/new', 'comm.nav.new'],
        ['/communications/stats', 'comm.nav.stats'],
      ];
  return <ChipNav ctx={props.ctx} label={props.ctx.t('comm.title')} links={links} current={props.current} />;
}

/** The words an export (PDF) uses for a thread, in the reader's language. */
export function exportLabels(
  t: Translate,
  thread: ThreadRow,
  states: Record<string, string>,
  sectors: Record<string, string> = {},
) {
  return {
    t,
    size: (bytes: number) => sizeText(t.locale, bytes),
    sector: (slug: string) => sectors[slug] ?? slug,
    type: t(TYPE_KEYS[thread.type]),
    urgency: t(URGENCY_KEYS[thread.urgency]),
    status: (s: string) => t(STATUS_KEYS[s] ?? 'comm.status'),
    kind: (k: string) => t(KIND_KEYS[k] ?? 'comm.kind.update'),
    event: (e: EventView) =>
      t(EVENT_KEYS[e.kind] ?? 'comm.event.update', {
        state: e.state ? (states[e.state] ?? e.state) : '',
        who: e.actor.startsWith('system:') ? t('comm.system') : e.actor,
      }),
  };
}
