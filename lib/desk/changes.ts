/**
 * What the person can do to a conversation on the desk, and the record each action leaves. Pure;
 * the background applies these (lib/desk/writes.ts) and pages ask for them with `updateDesk`.
 */
import type { ConversationDesk } from '../db/schema';
import { customerWroteAfter } from './status';

export const DAY_MS = 24 * 60 * 60 * 1000;

export type DeskChange =
  | { kind: 'done' }
  | { kind: 'reopen' }
  | { kind: 'snooze'; until: number }
  /** Hide it; it comes back after `days` days unless the customer answers first. */
  | { kind: 'follow-up'; days: number }
  | { kind: 'unsnooze' }
  | { kind: 'pin'; pinned: boolean }
  | { kind: 'mark-unread' }
  | { kind: 'labels'; add?: string[]; remove?: string[] }
  /** Undo: puts back the state a conversation had before an action (its labels stay as they are). */
  | { kind: 'restore'; state: DeskState };

/** Everything of a record an action changes, except labels (what `restore` puts back). */
export type DeskState = Pick<ConversationDesk, 'doneAt' | 'snooze' | 'returned' | 'pinnedAt' | 'markedUnreadAt'>;

export const OPEN_STATE: DeskState = { doneAt: null, snooze: null, returned: null, pinnedAt: null, markedUnreadAt: null };

/** The state of a record to restore on undo (a conversation without a record is simply open). */
export function deskStateOf(desk: ConversationDesk | undefined): DeskState {
  if (!desk) return OPEN_STATE;
  const { doneAt, snooze, returned, pinnedAt, markedUnreadAt } = desk;
  return { doneAt, snooze, returned, pinnedAt, markedUnreadAt };
}

export function emptyDesk(accountId: string, conversationId: string, now: number): ConversationDesk {
  return {
    conversationId,
    accountId,
    doneAt: null,
    snooze: null,
    returned: null,
    pinnedAt: null,
    markedUnreadAt: null,
    labelIds: [],
    updatedAt: now,
  };
}

/** The record after `change`; null when nothing is left worth keeping. */
export function applyDeskChange(
  current: ConversationDesk | undefined,
  change: DeskChange,
  ids: { accountId: string; conversationId: string },
  now: number,
): ConversationDesk | null {
  const d: ConversationDesk = { ...(current ?? emptyDesk(ids.accountId, ids.conversationId, now)), updatedAt: now };
  switch (change.kind) {
    case 'done':
      // Done ends a snooze: it leaves the inbox until the customer writes.
      Object.assign(d, { doneAt: now, snooze: null, returned: null });
      break;
    case 'reopen':
      Object.assign(d, { doneAt: null, snooze: null, returned: null });
      break;
    case 'snooze':
      Object.assign(d, { snooze: { until: change.until, at: now, reason: 'snooze' }, doneAt: null, returned: null });
      break;
    case 'follow-up':
      Object.assign(d, {
        snooze: { until: now + change.days * DAY_MS, at: now, reason: 'follow-up', days: change.days },
        doneAt: null,
        returned: null,
      });
      break;
    case 'unsnooze':
      Object.assign(d, { snooze: null, returned: null });
      break;
    case 'pin':
      d.pinnedAt = change.pinned ? now : null;
      break;
    case 'mark-unread':
      d.markedUnreadAt = now;
      break;
    case 'restore':
      Object.assign(d, deskStateOf({ ...d, ...change.state }));
      break;
    case 'labels': {
      const remove = new Set(change.remove ?? []);
      d.labelIds = [...new Set([...d.labelIds.filter((id) => !remove.has(id)), ...(change.add ?? [])])];
      break;
    }
  }
  return isEmptyDesk(d) ? null : d;
}

/** Nothing left worth keeping: the conversation is simply open. */
export function isEmptyDesk(d: ConversationDesk): boolean {
  return (
    d.doneAt === null &&
    d.snooze === null &&
    d.returned === null &&
    d.pinnedAt === null &&
    d.markedUnreadAt === null &&
    d.labelIds.length === 0
  );
}

/**
 * The record once its snooze or follow-up has run out (at `now`): it is back with a note of why —
 * unless the customer wrote after it was set, which already brought it back (no note then).
 * Unchanged while the snooze has not ended; null when nothing is left to keep.
 */
export function endSnooze(
  current: ConversationDesk,
  lastInboundTime: number | null,
  now: number,
): { record: ConversationDesk | null; returned: boolean } {
  const snooze = current.snooze;
  if (!snooze || snooze.until > now) return { record: current, returned: false };
  const answered = customerWroteAfter({ lastInboundTime }, snooze.at);
  const returned = answered
    ? null
    : { reason: snooze.reason, at: snooze.until, ...(snooze.days === undefined ? {} : { days: snooze.days }) };
  const next: ConversationDesk = { ...current, snooze: null, returned, updatedAt: now };
  return { record: isEmptyDesk(next) ? null : next, returned: returned !== null };
}
