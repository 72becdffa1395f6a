/** The desk's records (local only, never sent to Meta): see lib/desk for the rules they follow. */

/** A snooze, or a follow-up (hidden until `until`, or until the customer writes after `at`). */
export interface Snooze {
  until: number;
  /** When it was set: a customer message after this brings the conversation back at once. */
  at: number;
  reason: 'snooze' | 'follow-up';
  /** Follow-up: the days without an answer from the customer it waits for. */
  days?: number;
}

/**
 * How the person handles a conversation in DM Desk: done, snoozed, pinned, labelled. Kept on this
 * device only (nothing of it is sent to Meta); a conversation without a record is simply open.
 */
export interface ConversationDesk {
  conversationId: string;
  accountId: string;
  /** Marked Done at this time: it stays done until the customer writes after it. */
  doneAt: number | null;
  snooze: Snooze | null;
  /**
   * It came back by itself (a snooze ran out, or a follow-up fell due with no answer) at `at`;
   * shown as a note until the person opens the conversation.
   */
  returned: { reason: Snooze['reason']; at: number; days?: number } | null;
  pinnedAt: number | null;
  /** Marked unread by the person: unread until it is opened after this time. */
  markedUnreadAt: number | null;
  labelIds: string[];
  updatedAt: number;
}

export const LABEL_COLORS = ['gray', 'red', 'orange', 'yellow', 'green', 'teal', 'blue', 'purple', 'pink'] as const;
export type LabelColor = (typeof LABEL_COLORS)[number];

/** A label (a topic) the person puts on conversations; shared by every account on this device. */
export interface Label {
  id: string;
  name: string;
  color: LabelColor;
  /** Position in pickers and filters. */
  order: number;
  createdAt: number;
}

/** A private note on a contact: never sent to Instagram. */
export interface ContactNote {
  id: string;
  accountId: string;
  /** The contact's Instagram-scoped id (notes belong to the person, not to one thread). */
  contactId: string;
  /** The conversation it was written in (to open from search). */
  conversationId: string;
  text: string;
  createdAt: number;
  updatedAt: number;
}
