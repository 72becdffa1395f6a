/**
 * Changed rows put into a long conversation list without redoing the whole list: a contact's name
 * arriving (every row scrolled past asks for one) changes rows in place, and with 100,000 rows a
 * re-sort and a re-split into the desk views on each answer held the page for frames on end. Pure.
 */
import type { Conversation } from '../db/schema';
import type { DeskLists, DeskView } from './desk-views';

/** Rows changed without moving: where they sort and which views they belong to stay the same. */
export interface InPlace {
  from: readonly Conversation[];
  to: readonly Conversation[];
  changed: ReadonlyMap<string, Conversation>;
}

/**
 * What decides a row's place and views (its order, needs-reply, done or snoozed coming back) and
 * whether it is unread: rows equal in these can be swapped in place.
 */
export function samePlace(a: Conversation, b: Conversation): boolean {
  return a.updatedTime === b.updatedTime && a.lastInboundTime === b.lastInboundTime && a.lastReplyTime === b.lastReplyTime;
}

const positions = new WeakMap<readonly Conversation[], Map<string, number>>();

/** Each row's index by id (kept per array, and handed on to an array patched in place). */
function indexOf(rows: readonly Conversation[]): Map<string, number> {
  let index = positions.get(rows);
  if (!index) {
    index = new Map(rows.map((c, i) => [c.id, i]));
    positions.set(rows, index);
  }
  return index;
}

/**
 * The list with these rows put in (newest first): rows that keep their place are replaced where
 * they are (`inPlace` says which); others move or join, and the newest stay first (stable sort).
 */
export function mergeRows(
  current: readonly Conversation[],
  rows: readonly Conversation[],
): { rows: Conversation[]; inPlace: InPlace | null } {
  const index = indexOf(current);
  const moved = rows.some((r) => {
    const at = index.get(r.id);
    return at === undefined || !samePlace(current[at]!, r);
  });
  if (moved) {
    const byId = new Map(rows.map((r) => [r.id, r]));
    const added = rows.filter((r) => !index.has(r.id));
    const next = [...added, ...current.map((c) => byId.get(c.id) ?? c)].sort((a, b) => b.updatedTime - a.updatedTime);
    return { rows: next, inPlace: null };
  }
  const next = current.slice();
  const changed = new Map<string, Conversation>();
  for (const r of rows) {
    next[index.get(r.id)!] = r;
    changed.set(r.id, r);
  }
  positions.set(next, index);
  return { rows: next, inPlace: { from: current, to: next, changed } };
}

/** The views with rows changed in place swapped in (each view keeps its order and members). */
export function patchViews(lists: DeskLists, changed: ReadonlyMap<string, Conversation>): DeskLists {
  const patch = (rows: Conversation[]): Conversation[] =>
    rows.some((c) => changed.has(c.id)) ? rows.map((c) => changed.get(c.id) ?? c) : rows;
  const next = {} as DeskLists;
  for (const view of Object.keys(lists) as DeskView[]) next[view] = patch(lists[view]);
  return next;
}
