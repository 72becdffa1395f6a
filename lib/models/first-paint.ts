/**
 * What the side panel showed last, kept in the page's synchronous localStorage so the next open
 * paints its first rows before any IndexedDB or extension-storage round trip; the cache read
 * that follows a few milliseconds later replaces them. A snapshot holds one account's newest
 * rows (names and previews, like the cache itself) and is removed with that account's data.
 */
import type { Account, Conversation } from '../db/schema';
import { logDiagnostic } from '../diagnostics';

export const FIRST_PAINT_KEY = 'dmdesk.firstPaint.v1';
/**
 * Accounts disconnected, and when: a snapshot showing one of them as it was connected before
 * that is never painted, whichever page wrote it last (a panel closing while the disconnect was
 * under way may still write what it showed).
 */
export const REMOVED_ACCOUNTS_KEY = 'dmdesk.firstPaint.removed.v1';
const REMOVED_KEPT = 50;
/** Rows kept: more than a tall side panel shows. */
export const FIRST_PAINT_ROWS = 20;

export interface FirstPaint {
  version: 1;
  accountId: string;
  accounts: Account[];
  rows: Conversation[];
  /** When each of those rows was last opened (so unread ones look unread at once). */
  opened: Array<[string, number]>;
}

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

/** The snapshot, or null when there is none or it does not read as one. */
export function readFirstPaint(store: Store | undefined): FirstPaint | null {
  try {
    const raw = store?.getItem(FIRST_PAINT_KEY);
    if (!raw) return null;
    const s: unknown = JSON.parse(raw);
    if (!isObject(s) || s.version !== 1 || typeof s.accountId !== 'string') return null;
    const { accounts, rows, opened } = s;
    if (!Array.isArray(accounts) || !Array.isArray(rows) || !Array.isArray(opened)) return null;
    const account = (a: unknown): a is Account => isObject(a) && typeof a.id === 'string' && typeof a.username === 'string';
    const row = (c: unknown): c is Conversation =>
      isObject(c) &&
      typeof c.id === 'string' &&
      c.accountId === s.accountId &&
      isObject(c.participant) &&
      typeof c.updatedTime === 'number';
    const openedAt = (o: unknown): o is [string, number] => Array.isArray(o) && typeof o[0] === 'string' && typeof o[1] === 'number';
    if (!accounts.every(account) || !rows.every(row) || !opened.every(openedAt)) return null;
    const removed = readRemoved(store);
    const live = accounts.filter((a) => !((removed.get(a.id) ?? -Infinity) >= a.connectedAt));
    if (!live.some((a) => a.id === s.accountId)) return null;
    return { version: 1, accountId: s.accountId, accounts: live, rows: rows.slice(0, FIRST_PAINT_ROWS), opened };
  } catch {
    return null;
  }
}

export function writeFirstPaint(store: Store | undefined, snapshot: Omit<FirstPaint, 'version'>): void {
  try {
    const opened = new Map(snapshot.opened);
    const rows = snapshot.rows.slice(0, FIRST_PAINT_ROWS);
    const kept = rows.flatMap((r): Array<[string, number]> => {
      const at = opened.get(r.id);
      return at === undefined ? [] : [[r.id, at]];
    });
    store?.setItem(FIRST_PAINT_KEY, JSON.stringify({ version: 1, ...snapshot, rows, opened: kept }));
  } catch (e) {
    // Full or unavailable: the next open reads the cache as before.
    logDiagnostic('ui', 'Could not keep the first-paint snapshot', e);
  }
}

function readRemoved(store: Store | undefined): Map<string, number> {
  try {
    const list: unknown = JSON.parse(store?.getItem(REMOVED_ACCOUNTS_KEY) ?? '[]');
    if (!Array.isArray(list)) return new Map();
    return new Map(list.filter((x): x is [string, number] => Array.isArray(x) && typeof x[0] === 'string' && typeof x[1] === 'number'));
  } catch {
    return new Map();
  }
}

/** An account was disconnected (its data deleted): no snapshot shows it again as it was. */
export function forgetAccount(store: Store | undefined, accountId: string, at: number): void {
  try {
    const removed = readRemoved(store);
    removed.delete(accountId);
    removed.set(accountId, at);
    store?.setItem(REMOVED_ACCOUNTS_KEY, JSON.stringify([...removed].slice(-REMOVED_KEPT)));
  } catch {
    // Storage full or unavailable: the snapshot itself is removed below.
  }
  clearFirstPaint(store);
}

export function clearFirstPaint(store: Store | undefined): void {
  try {
    store?.removeItem(FIRST_PAINT_KEY);
  } catch {
    // Nothing to clear.
  }
}
