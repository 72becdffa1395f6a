/**
 * What an archive import did, in words a person reads: counts of what was added, kept, skipped and
 * repaired, and the labels for each reason. Imports nothing that writes, so pages can use it.
 */
import type { SavedRepliesImport } from '../saved-replies/archive';

/** Files above this are refused before they are read: the text must fit in one extension message (Chrome allows 64 MiB, JSON escaping included). */
export const MAX_IMPORT_BYTES = 32 * 1024 * 1024;
/** Why a record of the file was not imported. */
export type SkipReason =
  | 'not-an-object'
  | 'invalid-id'
  | 'other-account'
  | 'account-mismatch'
  | 'unknown-conversation'
  | 'time-out-of-range'
  | 'invalid-field'
  | 'too-large'
  | 'duplicate'
  | 'conflict';

/** What was imported after a repair. */
export type RepairReason = 'customer-from-messages' | 'customer-unknown' | 'row-time' | 'unsafe-link' | 'no-sender' | 'time-clamped';

export const SKIP_LABELS: Record<SkipReason, string> = {
  'not-an-object': 'not a record',
  'invalid-id': 'missing or malformed id',
  'other-account': 'account not connected in DM Desk',
  'account-mismatch': 'account does not match its conversation',
  'unknown-conversation': 'conversation not in the file',
  'time-out-of-range': 'time missing or impossible (too old or in the future)',
  'invalid-field': 'a field of the wrong type',
  'too-large': 'text or a field too long',
  duplicate: 'appears twice in the file',
  conflict: 'id already used by another conversation or account',
};

export const REPAIR_LABELS: Record<RepairReason, string> = {
  'customer-from-messages': 'customer id taken from the messages',
  'customer-unknown': 'customer unknown (replies need a sync first)',
  'row-time': 'conversation time replaced by its newest message',
  'unsafe-link': 'link that is not http(s) removed',
  'no-sender': 'sender unknown (does not count for the reply window)',
  'time-clamped': 'time a few minutes ahead set to now',
};

export interface ImportReport {
  /** Conversations created or updated. */
  conversations: number;
  /** Messages added. */
  messages: number;
  /** Messages already stored here, kept as they were. */
  kept: number;
  skippedConversations: Partial<Record<SkipReason, number>>;
  skippedMessages: Partial<Record<SkipReason, number>>;
  repaired: Partial<Record<RepairReason, number>>;
  /** What happened to the file's saved replies (absent: the file had none). */
  savedReplies?: SavedRepliesImport;
  /** Why the file's saved replies could not be stored at all. */
  savedRepliesError?: string;
  /** Labels, conversations' desk records and notes (absent: the file had none). */
  desk?: DeskImportReport;
  /** Why the file's labels, states and notes could not be stored at all. */
  deskError?: string;
}

/** What an import did with the desk's part of the file. */
export interface DeskImportReport {
  /** Labels of the file that no label here had the name of. */
  labelsCreated: number;
  /** Labels of the file matched by name to a label here. */
  labelsMatched: number;
  skippedLabels: Partial<Record<SkipReason, number>>;
  /** Conversations' done, snooze, pin and label states taken from the file (newer than here). */
  deskImported: number;
  /** States kept as they are here (as new as the file's, or newer). */
  deskKept: number;
  skippedDesk: Partial<Record<SkipReason, number>>;
  notesImported: number;
  notesKept: number;
  skippedNotes: Partial<Record<SkipReason, number>>;
}

export function tooLargeMessage(): string {
  return `This file is larger than ${MAX_IMPORT_BYTES / (1024 * 1024)} MB. Export fewer accounts per file and import them one by one.`;
}

/** Counts per reason, for the report. */
export class Counter<K extends string> {
  readonly counts: Partial<Record<K, number>> = {};
  add(key: K, n = 1): void {
    this.counts[key] = (this.counts[key] ?? 0) + n;
  }
}

/** The desk's part of a report in sentences (nothing when the file had none of it). */
export function describeDesk(d: DeskImportReport): string[] {
  const n = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`;
  const skipped = (counts: Partial<Record<SkipReason, number>>, one: string, many: string): string | null => {
    const parts = (Object.keys(counts) as SkipReason[]).filter((k) => (counts[k] ?? 0) > 0);
    if (parts.length === 0) return null;
    const total = parts.reduce((sum, k) => sum + (counts[k] ?? 0), 0);
    return `Skipped ${n(total, one, many)}: ${parts.map((k) => `${SKIP_LABELS[k]} (${counts[k]})`).join('; ')}.`;
  };
  const lines: string[] = [];
  if (d.labelsCreated + d.labelsMatched > 0) {
    lines.push(`Labels: ${d.labelsCreated} created, ${d.labelsMatched} matched by name to labels already here.`);
  }
  if (d.deskImported + d.deskKept > 0) {
    lines.push(
      `Done, snoozed, pinned and labelled: ${n(d.deskImported, 'conversation', 'conversations')} taken from the file, ${d.deskKept} kept as they were here (as new or newer).`,
    );
  }
  if (d.notesImported + d.notesKept > 0) {
    lines.push(`Notes: ${d.notesImported} imported, ${d.notesKept} kept as they were here (as new or newer).`);
  }
  for (const line of [
    skipped(d.skippedLabels, 'label', 'labels'),
    skipped(d.skippedDesk, 'conversation state', 'conversation states'),
    skipped(d.skippedNotes, 'note', 'notes'),
  ]) {
    if (line) lines.push(line);
  }
  return lines;
}
