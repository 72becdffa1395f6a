/**
 * What an archive import did, in words a person reads: counts of what was added, kept, skipped and
 * repaired, and the labels for each reason. Imports nothing that writes, so pages can use it.
 */
import { formatNumber } from '../format/numbers';
import { t } from '../i18n';
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

/** The words for each reason a record was skipped, as a person reads them in the report. */
export function skipLabel(reason: SkipReason): string {
  switch (reason) {
    case 'not-an-object':
      return t('archive.skipNotRecord');
    case 'invalid-id':
      return t('archive.skipInvalidId');
    case 'other-account':
      return t('archive.skipOtherAccount');
    case 'account-mismatch':
      return t('archive.skipAccountMismatch');
    case 'unknown-conversation':
      return t('archive.skipUnknownConversation');
    case 'time-out-of-range':
      return t('archive.skipTimeOutOfRange');
    case 'invalid-field':
      return t('archive.skipInvalidField');
    case 'too-large':
      return t('archive.skipTooLarge');
    case 'duplicate':
      return t('archive.skipDuplicate');
    case 'conflict':
      return t('archive.skipConflict');
  }
}

/** The words for each repair made while importing. */
export function repairLabel(reason: RepairReason): string {
  switch (reason) {
    case 'customer-from-messages':
      return t('archive.repairCustomerFromMessages');
    case 'customer-unknown':
      return t('archive.repairCustomerUnknown');
    case 'row-time':
      return t('archive.repairRowTime');
    case 'unsafe-link':
      return t('archive.repairUnsafeLink');
    case 'no-sender':
      return t('archive.repairNoSender');
    case 'time-clamped':
      return t('archive.repairTimeClamped');
  }
}

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
  return t('archive.tooLarge', { megabytes: formatNumber(MAX_IMPORT_BYTES / (1024 * 1024)) });
}

/** Counts per reason, for the report. */
export class Counter<K extends string> {
  readonly counts: Partial<Record<K, number>> = {};
  add(key: K, n = 1): void {
    this.counts[key] = (this.counts[key] ?? 0) + n;
  }
}

/** "reason (count); reason (count)": the reasons of a report line with how often each applied. */
export function describeReasons<K extends string>(counts: Partial<Record<K, number>>, label: (reason: K) => string): string {
  return (Object.keys(counts) as K[])
    .filter((k) => (counts[k] ?? 0) > 0)
    .map((k) => t('archive.reasonCount', { reason: label(k), count: formatNumber(counts[k] ?? 0) }))
    .join('; ');
}

/** How many records the counts add up to. */
export function countOf(counts: Partial<Record<string, number>>): number {
  return Object.values(counts).reduce<number>((sum, n) => sum + (n ?? 0), 0);
}

type SkippedKey = 'archive.skippedLabels' | 'archive.skippedStates' | 'archive.skippedNotes';

/** The desk's part of a report in sentences (nothing when the file had none of it). */
export function describeDesk(d: DeskImportReport): string[] {
  const skipped = (counts: Partial<Record<SkipReason, number>>, key: SkippedKey): string | null => {
    const total = countOf(counts);
    return total > 0 ? t(key, total, { count: formatNumber(total), reasons: describeReasons(counts, skipLabel) }) : null;
  };
  const lines: string[] = [];
  if (d.labelsCreated + d.labelsMatched > 0) {
    lines.push(t('archive.labels', { created: formatNumber(d.labelsCreated), matched: formatNumber(d.labelsMatched) }));
  }
  if (d.deskImported + d.deskKept > 0) {
    lines.push(t('archive.states', d.deskImported, { count: formatNumber(d.deskImported), kept: formatNumber(d.deskKept) }));
  }
  if (d.notesImported + d.notesKept > 0) {
    lines.push(t('archive.notes', { imported: formatNumber(d.notesImported), kept: formatNumber(d.notesKept) }));
  }
  for (const line of [
    skipped(d.skippedLabels, 'archive.skippedLabels'),
    skipped(d.skippedDesk, 'archive.skippedStates'),
    skipped(d.skippedNotes, 'archive.skippedNotes'),
  ]) {
    if (line) lines.push(line);
  }
  return lines;
}
