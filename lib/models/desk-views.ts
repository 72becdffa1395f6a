/**
 * The side panel list's desk views (Inbox, Needs reply, Snoozed, Done, Pinned), their counts, the
 * label filter and what a row says about its desk state. Pure: the list model feeds it the rows,
 * the desk records and the time.
 */
import type { Conversation, ConversationDesk } from '../db/schema';
import { deskStatus, isPinned, returnReason } from '../desk/status';
import { shortWhen } from '../desk/times';
import { formatNumber } from '../format/numbers';
import { t } from '../i18n';
import { needsReply } from '../policy/reply-window';

export type DeskView = 'inbox' | 'needs-reply' | 'snoozed' | 'done' | 'pinned';

/** The views in tab order; `label` is read in the browser's language each time it is shown. */
/** A view whose label is read when shown (the language can differ from when this module loaded). */
type ViewLabelKey = 'desk.viewInbox' | 'desk.viewNeedsReply' | 'desk.viewSnoozed' | 'desk.viewDone' | 'desk.viewPinned';

function deskView(id: DeskView, key: ViewLabelKey): { readonly id: DeskView; readonly label: string } {
  return {
    id,
    get label() {
      return t(key);
    },
  };
}

export const DESK_VIEWS: ReadonlyArray<{ readonly id: DeskView; readonly label: string }> = [
  deskView('inbox', 'desk.viewInbox'),
  deskView('needs-reply', 'desk.viewNeedsReply'),
  deskView('snoozed', 'desk.viewSnoozed'),
  deskView('done', 'desk.viewDone'),
  deskView('pinned', 'desk.viewPinned'),
];

export type DeskLists = Record<DeskView, Conversation[]>;
export type DeskCounts = Record<DeskView, number>;

export function isDeskView(x: unknown): x is DeskView {
  return DESK_VIEWS.some((v) => v.id === x);
}

/**
 * The time the views are computed at, moved only when it passes the end of a snooze: a status
 * depends on the time only through those ends, so the views are recomputed when one passes (a
 * snooze ending while the panel is open) and not on every tick of the clock.
 */
export function statusTime(desks: ReadonlyMap<string, ConversationDesk>, now: number): number {
  let passed = 0;
  for (const d of desks.values()) if (d.snooze && d.snooze.until <= now && d.snooze.until > passed) passed = d.snooze.until;
  return passed;
}

/** Splits the rows (newest first) into the views, each in its own order. */
export function splitViews(rows: readonly Conversation[], desks: ReadonlyMap<string, ConversationDesk>, now: number): DeskLists {
  const lists: DeskLists = { inbox: [], 'needs-reply': [], snoozed: [], done: [], pinned: [] };
  const pinnedOpen: Conversation[] = [];
  for (const c of rows) {
    const desk = desks.get(c.id);
    const status = deskStatus(c, desk, now);
    const pinned = isPinned(desk);
    if (pinned) lists.pinned.push(c);
    if (status === 'snoozed') lists.snoozed.push(c);
    else if (status === 'done') lists.done.push(c);
    else {
      (pinned ? pinnedOpen : lists.inbox).push(c);
      if (needsReply(c)) lists['needs-reply'].push(c);
    }
  }
  const at = (c: Conversation) => desks.get(c.id);
  const byPin = (a: Conversation, b: Conversation) => (at(b)?.pinnedAt ?? 0) - (at(a)?.pinnedAt ?? 0);
  // Pinned ones on top of the Inbox, the most recently pinned first.
  lists.inbox = [...pinnedOpen.sort(byPin), ...lists.inbox];
  lists.pinned.sort(byPin);
  // Waiting customers first: the one waiting longest on top.
  lists['needs-reply'].sort((a, b) => (a.lastInboundTime ?? 0) - (b.lastInboundTime ?? 0));
  // What comes back first on top; the most recently done on top.
  lists.snoozed.sort((a, b) => (at(a)?.snooze?.until ?? 0) - (at(b)?.snooze?.until ?? 0));
  lists.done.sort((a, b) => (at(b)?.doneAt ?? 0) - (at(a)?.doneAt ?? 0));
  return lists;
}

export function countViews(lists: DeskLists): DeskCounts {
  return {
    inbox: lists.inbox.length,
    'needs-reply': lists['needs-reply'].length,
    snoozed: lists.snoozed.length,
    done: lists.done.length,
    pinned: lists.pinned.length,
  };
}

/**
 * The label filter: a conversation shows when it carries every selected label (AND, so each
 * label added narrows the list). No label selected: everything shows.
 */
export function matchesLabels(desk: ConversationDesk | undefined, labelIds: ReadonlySet<string>): boolean {
  if (labelIds.size === 0) return true;
  const has = new Set(desk?.labelIds ?? []);
  for (const id of labelIds) if (!has.has(id)) return false;
  return true;
}

/** How many of these rows carry each label. */
export function countLabels(rows: readonly Conversation[], desks: ReadonlyMap<string, ConversationDesk>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of rows) for (const id of desks.get(c.id)?.labelIds ?? []) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

/** What a row says about its desk state. */
export interface RowDesk {
  pinned: boolean;
  /** One short line: "Snoozed until Tue 9:00 AM", "Back: no reply in 3 days", "Done 2:10 PM". */
  note: string | null;
  tone: 'snoozed' | 'back' | 'done' | null;
}

export function backNote(back: { reason: 'snooze' | 'follow-up'; days?: number }): string {
  if (back.reason === 'snooze') return t('desk.noteBackFromSnooze');
  const days = back.days ?? 0;
  return t('desk.noteBackNoReply', days, { count: formatNumber(days) });
}

export function rowDesk(
  conv: Conversation,
  desk: ConversationDesk | undefined,
  openedAt: number | undefined,
  now: number,
  timeZone: string | undefined,
): RowDesk {
  const pinned = isPinned(desk);
  const status = deskStatus(conv, desk, now);
  if (status === 'snoozed' && desk?.snooze) {
    const when = shortWhen(desk.snooze.until, now, timeZone);
    const note = desk.snooze.reason === 'follow-up' ? t('desk.noteFollowUp', { when }) : t('desk.noteSnoozedUntil', { when });
    return { pinned, note, tone: 'snoozed' };
  }
  if (status === 'done' && desk?.doneAt != null) {
    return { pinned, note: t('desk.noteDone', { when: shortWhen(desk.doneAt, now, timeZone) }), tone: 'done' };
  }
  const back = returnReason(conv, desk, openedAt, now);
  if (back) return { pinned, note: backNote(back), tone: 'back' };
  return { pinned, note: null, tone: null };
}
