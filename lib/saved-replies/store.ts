/**
 * Where saved replies live: `storage.sync`, so they follow the person to their other browsers.
 * Each reply is its own item (`savedReply.<id>`) and one item (`savedReplies.order`) lists their
 * order, so a reply stays far below the 8 KB per-item quota and editing one rewrites only it.
 *
 * Two browsers may change them at once; reading is forgiving: a reply missing from the order
 * comes last (oldest first), an id in the order without its reply is passed over, and an item
 * that is not a valid reply is ignored (and never overwritten by accident: its key is not ours
 * to reuse, ids are random).
 *
 * Pages read and write this directly (it is a preference-like store, not the IndexedDB cache);
 * the background writes it only when importing an archive.
 */
import { browser } from 'wxt/browser';
import { isQuotaError, quotaProblem, quotaRefused, usageOf, type Usage } from './quota';
import type { SavedReply } from './types';
import { MAX_SHORTCUT_LENGTH, MAX_TITLE_LENGTH, SHORTCUT_PATTERN } from './types';

export const ORDER_KEY = 'savedReplies.order';
export const REPLY_PREFIX = 'savedReply.';
export const replyKey = (id: string): string => `${REPLY_PREFIX}${id}`;

/** The part of a storage area saved replies use (browser.storage.sync, or a fake in tests). */
export interface SyncArea {
  getAll(): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
  /** Calls back with the keys changed anywhere (this page, another page, another browser). */
  onChanged(callback: (keys: string[]) => void): () => void;
}

export function browserSyncArea(): SyncArea {
  const area = browser.storage.sync;
  return {
    getAll: () => area.get(null),
    set: (items) => area.set(items),
    remove: (keys) => area.remove(keys),
    onChanged: (callback) => {
      const listener = (changes: Record<string, unknown>, areaName: string): void => {
        if (areaName === 'sync') callback(Object.keys(changes));
      };
      browser.storage.onChanged.addListener(listener);
      return () => browser.storage.onChanged.removeListener(listener);
    },
  };
}

/** A stored value as a reply, or null when it is not one (damaged, or written by a newer version badly). */
export function readReply(value: unknown, id: string): SavedReply | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const { title, shortcut, text, updatedAt } = v;
  if (typeof title !== 'string' || typeof shortcut !== 'string' || typeof text !== 'string') return null;
  if (!SHORTCUT_PATTERN.test(shortcut) || shortcut.length > MAX_SHORTCUT_LENGTH || title.length > MAX_TITLE_LENGTH * 4) return null;
  return { id, title, shortcut, text, updatedAt: typeof updatedAt === 'number' && Number.isFinite(updatedAt) ? updatedAt : 0 };
}

/** What is stored for saved replies, in order, with the area's usage. */
export interface Stored {
  replies: SavedReply[];
  order: string[];
  /** Everything in the area (for the quota check). */
  all: Record<string, unknown>;
  usage: Usage;
}

export function readStored(all: Record<string, unknown>): Stored {
  const byId = new Map<string, SavedReply>();
  for (const [key, value] of Object.entries(all)) {
    if (!key.startsWith(REPLY_PREFIX)) continue;
    const id = key.slice(REPLY_PREFIX.length);
    const reply = readReply(value, id);
    if (reply) byId.set(id, reply);
  }
  const rawOrder = all[ORDER_KEY];
  const order = Array.isArray(rawOrder) ? rawOrder.filter((id): id is string => typeof id === 'string') : [];
  const replies: SavedReply[] = [];
  const seen = new Set<string>();
  for (const id of order) {
    const reply = byId.get(id);
    if (reply && !seen.has(id)) {
      replies.push(reply);
      seen.add(id);
    }
  }
  const rest = [...byId.values()].filter((r) => !seen.has(r.id)).sort((a, b) => a.updatedAt - b.updatedAt || a.id.localeCompare(b.id));
  return { replies: [...replies, ...rest], order, all, usage: usageOf(all) };
}

export async function loadStored(area: SyncArea): Promise<Stored> {
  return readStored(await area.getAll());
}

/** A write that did not happen, and why in words (what the person typed is kept by the caller). */
export class ReplyWriteError extends Error {
  override readonly name = 'ReplyWriteError';
}

/**
 * Writes `changes` (null removes a key) after checking the quota against what is stored now.
 * Throws ReplyWriteError with the words to show when it would not fit or the browser refuses.
 */
export async function writeChanges(area: SyncArea, changes: Record<string, unknown>): Promise<void> {
  const all = await area.getAll();
  const problem = quotaProblem(all, changes);
  if (problem) throw new ReplyWriteError(problem);
  const sets: Record<string, unknown> = {};
  const removes: string[] = [];
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) removes.push(key);
    else sets[key] = value;
  }
  try {
    // Writes before removals: a failure half-way leaves a reply twice at worst, never lost.
    if (Object.keys(sets).length > 0) await area.set(sets);
    if (removes.length > 0) await area.remove(removes);
  } catch (e) {
    if (isQuotaError(e)) throw new ReplyWriteError(quotaRefused());
    throw e;
  }
}

/** The stored form of a reply (its id is in the key). */
export function storedValue(reply: SavedReply): Omit<SavedReply, 'id'> {
  return { title: reply.title, shortcut: reply.shortcut, text: reply.text, updatedAt: reply.updatedAt };
}

/** The order item for a list of replies. */
export function orderOf(replies: readonly SavedReply[]): string[] {
  return replies.map((r) => r.id);
}
