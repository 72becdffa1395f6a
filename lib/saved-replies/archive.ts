/**
 * Saved replies in an account export, and merging them back on import. An export carries them in
 * the person's order; an import adds the ones this browser lacks at the end:
 *   - same shortcut, title and text as one here: already here, skipped;
 *   - same shortcut, different content: both kept, the imported one under a free shortcut
 *     (`hours-2`), so nothing typed is ever overwritten;
 *   - not a valid reply: skipped and counted;
 *   - no room left in sync storage: the rest is not stored, counted, and the report says so.
 */
import { formatNumber } from '../format/numbers';
import { t } from '../i18n';
import { QUOTA_BYTES, kb } from './quota';
import { loadStored, orderOf, ReplyWriteError, replyKey, storedValue, writeChanges, ORDER_KEY, type SyncArea } from './store';
import {
  hasErrors,
  MAX_SHORTCUT_LENGTH,
  newReplyId,
  normalizeShortcut,
  SHORTCUT_PATTERN,
  uniqueShortcut,
  validateDraft,
  type SavedReply,
} from './types';

/** A saved reply as an archive file holds it. */
export interface ArchivedReply {
  title: string;
  shortcut: string;
  text: string;
  updatedAt: number;
}

export interface SavedRepliesImport {
  added: number;
  /** Already here with the same shortcut, title and text. */
  identical: number;
  /** Added under another shortcut because theirs was taken by a different reply. */
  renamed: number;
  invalid: number;
  /** Valid, but sync storage had no room left. */
  notStored: number;
}

export function toArchived(replies: readonly SavedReply[]): ArchivedReply[] {
  return replies.map((r) => ({ title: r.title, shortcut: r.shortcut, text: r.text, updatedAt: r.updatedAt }));
}

/** The valid replies of an archive's `savedReplies` list (absent: none), and how many were not. */
export function readArchived(list: unknown): { replies: ArchivedReply[]; invalid: number } {
  if (!Array.isArray(list)) return { replies: [], invalid: list === undefined ? 0 : 1 };
  const replies: ArchivedReply[] = [];
  let invalid = 0;
  for (const item of list.slice(0, 1000)) {
    const v = typeof item === 'object' && item !== null && !Array.isArray(item) ? (item as Record<string, unknown>) : null;
    const title = v && Object.hasOwn(v, 'title') ? v.title : undefined;
    const shortcut = v && Object.hasOwn(v, 'shortcut') ? v.shortcut : undefined;
    const text = v && Object.hasOwn(v, 'text') ? v.text : undefined;
    const updatedAt = v && Object.hasOwn(v, 'updatedAt') ? v.updatedAt : undefined;
    if (typeof title !== 'string' || typeof shortcut !== 'string' || typeof text !== 'string') {
      invalid += 1;
      continue;
    }
    const draft = { title: title.trim(), shortcut: normalizeShortcut(shortcut), text: text.trim() };
    // Checked as if alone: a taken shortcut is resolved by the merge, not refused.
    if (hasErrors(validateDraft(draft, []))) {
      invalid += 1;
      continue;
    }
    replies.push({ ...draft, updatedAt: typeof updatedAt === 'number' && Number.isFinite(updatedAt) ? updatedAt : 0 });
  }
  return { replies, invalid: invalid + Math.max(0, list.length - 1000) };
}

/** What to add to `existing` for `incoming`, and the counts. */
export function mergeArchived(
  existing: readonly SavedReply[],
  incoming: readonly ArchivedReply[],
  newId: () => string = newReplyId,
): { add: SavedReply[]; identical: number; renamed: number } {
  const taken = new Set(existing.map((r) => r.shortcut));
  const all: Array<Pick<SavedReply, 'shortcut' | 'title' | 'text'>> = [...existing];
  const add: SavedReply[] = [];
  let identical = 0;
  let renamed = 0;
  for (const r of incoming) {
    if (all.some((e) => e.shortcut === r.shortcut && e.title === r.title && e.text === r.text)) {
      identical += 1;
      continue;
    }
    let shortcut = r.shortcut;
    if (taken.has(shortcut)) {
      shortcut = uniqueShortcut(shortcut.slice(0, MAX_SHORTCUT_LENGTH - 3).replace(/-+$/, '') || 'reply', taken);
      if (!SHORTCUT_PATTERN.test(shortcut)) continue;
      renamed += 1;
    }
    taken.add(shortcut);
    const reply: SavedReply = { id: newId(), title: r.title, shortcut, text: r.text, updatedAt: r.updatedAt };
    all.push(reply);
    add.push(reply);
  }
  return { add, identical, renamed };
}

/** Adds an archive's saved replies to sync storage (as many as fit) and says what happened. */
export async function importArchivedReplies(area: SyncArea, list: unknown): Promise<SavedRepliesImport> {
  const { replies: incoming, invalid } = readArchived(list);
  const report: SavedRepliesImport = { added: 0, identical: 0, renamed: 0, invalid, notStored: 0 };
  if (incoming.length === 0) return report;
  const stored = await loadStored(area);
  const { add, identical, renamed } = mergeArchived(stored.replies, incoming);
  report.identical = identical;
  report.renamed = renamed;
  const order = orderOf(stored.replies);
  // One write for all when they fit; else one by one until sync storage is full.
  const changesFor = (replies: SavedReply[], ids: string[]): Record<string, unknown> => {
    const changes: Record<string, unknown> = { [ORDER_KEY]: ids };
    for (const r of replies) changes[replyKey(r.id)] = storedValue(r);
    return changes;
  };
  try {
    await writeChanges(area, changesFor(add, [...order, ...add.map((r) => r.id)]));
    report.added = add.length;
    return report;
  } catch (e) {
    if (!(e instanceof ReplyWriteError)) throw e;
  }
  for (const reply of add) {
    try {
      await writeChanges(area, changesFor([reply], [...order, reply.id]));
      order.push(reply.id);
      report.added += 1;
    } catch (e) {
      if (!(e instanceof ReplyWriteError)) throw e;
      report.notStored += 1;
    }
  }
  return report;
}

/** The import report's line for saved replies, or null when the file had none. */
export function describeImported(r: SavedRepliesImport): string | null {
  const parts: string[] = [];
  if (r.added > 0) parts.push(t('replies.importAdded', r.added, { count: formatNumber(r.added) }));
  if (r.renamed > 0) parts.push(t('replies.importRenamed', { count: formatNumber(r.renamed) }));
  if (r.identical > 0) parts.push(t('replies.importIdentical', r.identical, { count: formatNumber(r.identical) }));
  if (r.invalid > 0) parts.push(t('replies.importInvalid', r.invalid, { count: formatNumber(r.invalid) }));
  if (r.notStored > 0) parts.push(t('replies.importNotStored', r.notStored, { count: formatNumber(r.notStored), quota: kb(QUOTA_BYTES) }));
  return parts.length > 0 ? t('replies.importSummary', { parts: parts.join('; ') }) : null;
}
