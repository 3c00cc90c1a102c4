// The shapes the communications module reads and returns: a thread and its recipients as stored, what a
// reader is to a thread (`Party`), and the messages and timeline as shown. No behaviour lives here.
import type { CommType, Indicator, Tlp, Urgency } from './communications.validate.ts';

export type Side = 'sender' | 'recipient' | 'manager';
export type RecipientStatus = 'draft' | 'sent' | 'delivered' | 'acknowledged' | 'responded' | 'closed' | 'withdrawn';

export interface ThreadRow {
  id: string;
  sender_state: string;
  created_by: string;
  type: CommType;
  urgency: Urgency;
  tlp: Tlp;
  subject: string;
  status: 'draft' | 'open' | 'closed' | 'withdrawn';
  created_at: Date;
  sent_at: Date | null;
  closed_at: Date | null;
  shared_with_manager_at: Date | null;
}

export interface RecipientRow {
  state_code: string;
  status: RecipientStatus;
  delivered_at: Date | null;
  acknowledged_at: Date | null;
  responded_at: Date | null;
  ack_due: Date | null;
  escalated_at: Date | null;
}

export interface Party {
  thread: ThreadRow;
  recipients: RecipientRow[];
  side: Side;
  /** The viewer's State on this thread (the sender's, or the recipient State's); null for the manager. */
  state: string | null;
  /** May act (acknowledge, reply, close…): the party's officials, not the manager, not a read-only token. */
  canAct: boolean;
  /**
   * The States whose messages, events and recipient status the reader sees; null for everything (the sender).
   * A recipient sees the sender's and its own; the manager sees exactly what the States that shared it see.
   */
  sees: string[] | null;
  /** The States that shared the thread with the directory manager. */
  sharedBy: string[];
}

export interface MessageView {
  id: string;
  seq: number;
  kind: 'initial' | 'update' | 'response' | 'closure';
  author: string;
  authorState: string;
  body: string;
  norms: string[];
  sectors: string[];
  actionRequested: string;
  actionDue: Date | null;
  createdAt: Date;
  indicators: Indicator[];
  attachments: { id: string; name: string; mediaType: string; size: number; sha256: string }[];
}

export interface EventView {
  kind: string;
  state: string | null;
  actor: string;
  at: Date;
  details: Record<string, unknown>;
}

/** Hours a recipient State has to acknowledge, by urgency (defaults: ACK_HOURS_* in src/config.ts). */
export type AckHours = Record<Urgency, number>;

/** The TLP 2.0 label as written in subjects and exports: `TLP:AMBER+STRICT`. */
export const tlpLabel = (tlp: Tlp) => `TLP:${tlp.toUpperCase()}`;
