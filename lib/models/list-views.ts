/**
 * What the side panel's list derives from its rows: the desk views (with the label filter), their
 * counts, the label counts and the unread rows. A change that only swaps rows in place (a contact's
 * name arriving) is patched in rather than recomputed over every row, and opening a thread does
 * not go through every row again: with 100,000 rows each of those passes held the page.
 */
import { computed, type ReadonlySignal } from '@preact/signals';
import { isShownUnread } from '../attention/unread';
import type { Account, Conversation, ConversationDesk } from '../db/schema';
import { countLabels, countViews, matchesLabels, splitViews, statusTime, type DeskLists, type DeskView } from './desk-views';
import { patchViews, type InPlace } from './list-rows';

export interface ListViewsInput {
  conversations: ReadonlySignal<Conversation[] | null>;
  desks: ReadonlySignal<ReadonlyMap<string, ConversationDesk>>;
  labelFilter: ReadonlySignal<ReadonlySet<string>>;
  view: ReadonlySignal<DeskView>;
  clock: ReadonlySignal<number>;
  account: ReadonlySignal<Account | null>;
  opened: ReadonlySignal<Map<string, number>>;
  openId: ReadonlySignal<string | null>;
}

export function createListViews({ conversations, desks, labelFilter, view, clock, account, opened, openId }: ListViewsInput) {
  /** The last change, when it only swapped rows in place (their views and unread state unchanged). */
  let inPlace: InPlace | null = null;
  /** The time statuses are computed at: it moves only when a snooze ends, not on every tick. */
  const deskTime = computed(() => statusTime(desks.value, clock.value));
  let split: { rows: readonly Conversation[]; desks: unknown; time: number; lists: DeskLists } | null = null;
  /** How many times the views were split from scratch. */
  let splits = 0;
  /** Every view, before the label filter. */
  const allViews = computed(() => {
    const rows = conversations.value ?? [];
    const [map, time] = [desks.value, deskTime.value];
    const change = inPlace;
    const lists =
      split && split.desks === map && split.time === time && change?.from === split.rows && change.to === rows
        ? patchViews(split.lists, change.changed)
        : (splits++, splitViews(rows, map, time));
    split = { rows, desks: map, time, lists };
    return lists;
  });

  const views = computed((): DeskLists => {
    const all = allViews.value;
    const labels = labelFilter.value;
    const map = desks.value;
    if (labels.size === 0) return all;
    const keep = (rows: Conversation[]) => rows.filter((c) => matchesLabels(map.get(c.id), labels));
    return {
      inbox: keep(all.inbox),
      'needs-reply': keep(all['needs-reply']),
      snoozed: keep(all.snoozed),
      done: keep(all.done),
      pinned: keep(all.pinned),
    };
  });

  let labelMemo: { splits: number; shown: DeskView; desks: unknown; counts: Map<string, number> } | null = null;
  /** Per label: how many rows of the current view (before the label filter) carry it. */
  const labelCounts = computed(() => {
    const [lists, shown, map] = [allViews.value, view.value, desks.value];
    // Rows swapped in place keep their labels (those live in the desk records): counted once per split.
    if (labelMemo?.splits !== splits || labelMemo.shown !== shown || labelMemo.desks !== map)
      labelMemo = { splits, shown, desks: map, counts: countLabels(lists[shown], map) };
    return labelMemo.counts;
  });

  let unread: { rows: readonly Conversation[]; key: unknown[]; set: Set<string> } | null = null;
  /** Unread rows, the open one included; rows swapped in place keep theirs (same customer times). */
  const unreadAll = computed(() => {
    const rows = conversations.value ?? [];
    const [connectedAt, openedAt, deskMap] = [account.value?.connectedAt, opened.value, desks.value];
    const key = [connectedAt, openedAt, deskMap];
    const change = inPlace;
    if (unread && change?.from === unread.rows && change.to === rows && key.every((k, i) => k === unread?.key[i])) {
      unread = { ...unread, rows };
      return unread.set;
    }
    const set = new Set<string>();
    if (connectedAt !== undefined)
      for (const c of rows) if (isShownUnread(c, deskMap.get(c.id), openedAt.get(c.id), connectedAt)) set.add(c.id);
    unread = { rows, key, set };
    return set;
  });

  return {
    views,
    counts: computed(() => countViews(views.value)),
    labelCounts,
    visibleConversations: computed(() => (conversations.value === null ? null : views.value[view.value])),
    /** Unread rows but the open one (opening a thread does not go through every row again). */
    unreadIds: computed((): ReadonlySet<string> => {
      const all = unreadAll.value;
      const open = openId.value;
      if (open === null || !all.has(open)) return all;
      const set = new Set(all);
      set.delete(open);
      return set;
    }),
    /** Says the next change of the rows only swaps rows in place (null: it may move any). */
    inPlace(change: InPlace | null): void {
      inPlace = change;
    },
  };
}
