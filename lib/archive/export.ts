/**
 * Export of the local archive. The JSON format carries everything DM Desk keeps for a
 * conversation; importing it back (import.ts, in the background) merges by Meta's ids, so
 * importing twice changes nothing.
 */
import { readArchiveScope } from '../db/archive';
import type { Account, ContactNote, Conversation, ConversationDesk, Label, Message } from '../db/schema';
import { isoTime } from '../format/time';
import { t } from '../i18n';
import { ARCHIVE_FORMAT, ARCHIVE_VERSION } from './format';
import { readDeskForExport } from './desk-export';
import { toArchived, type ArchivedReply } from '../saved-replies/archive';
import { browserSyncArea, loadStored, type SyncArea } from '../saved-replies/store';

export { ARCHIVE_FORMAT, ARCHIVE_VERSION } from './format';

export interface ArchiveFile {
  format: typeof ARCHIVE_FORMAT;
  version: number;
  exportedAt: string;
  accounts: Array<Pick<Account, 'id' | 'pageId' | 'pageName' | 'username' | 'name' | 'connectedAt'>>;
  conversations: Conversation[];
  messages: Message[];
  /** The saved replies, in order (an account export only; they are not tied to an account). */
  savedReplies?: ArchivedReply[];
  /** The exported conversations' done, snooze, pin and label states (absent in older files). */
  desk?: ConversationDesk[];
  /** The labels those states use, by id and name (an import matches them by name). */
  labels?: Label[];
  /** Private notes on the exported contacts. */
  notes?: ContactNote[];
}

/** Everything cached for some accounts, or for one conversation. */
export async function buildArchive(
  scope: { accountIds?: string[]; conversationId?: string },
  replies: SyncArea = browserSyncArea(),
): Promise<ArchiveFile> {
  const { accounts, conversations, messages } = await readArchiveScope(scope);
  const savedReplies = scope.conversationId ? undefined : toArchived((await loadStored(replies)).replies);
  const accountIds = new Set(conversations.map((c) => c.accountId));
  const { desk, labels, notes } = await readDeskForExport(conversations, !scope.conversationId);
  return {
    format: ARCHIVE_FORMAT,
    version: ARCHIVE_VERSION,
    exportedAt: new Date().toISOString(),
    accounts: accounts
      .filter((a) => accountIds.has(a.id) || scope.accountIds?.includes(a.id))
      .map(({ id, pageId, pageName, username, name, connectedAt }) => ({ id, pageId, pageName, username, name, connectedAt })),
    conversations,
    messages,
    ...(savedReplies ? { savedReplies } : {}),
    desk,
    labels,
    notes,
  };
}

/** A cell that a spreadsheet will show as text: quoted, and never read as a formula. */
function csvCell(raw: unknown): string {
  const value = typeof raw === 'string' ? raw : raw === null || raw === undefined ? '' : String(raw);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** The CSV's first line. */
export const CSV_HEADER = [
  'account',
  'conversation_id',
  'participant',
  'participant_id',
  'time',
  'from',
  'kind',
  'text',
  'message_id',
].join(',');

/** One message as a CSV line (without its line break). */
export function messageCsvLine(m: Message, c: Pick<Conversation, 'participant'> | undefined, accountUsername: string | undefined): string {
  return [
    accountUsername ?? m.accountId,
    m.conversationId,
    c?.participant?.username ?? t('archive.csvUnknownContact'),
    c?.participant?.id ?? '',
    isoTime(m.createdTime) ?? '',
    m.isOwn ? (accountUsername ?? t('archive.csvYou')) : (c?.participant?.username ?? t('archive.csvUnknownContact')),
    m.kind,
    m.text,
    m.id,
  ]
    .map(csvCell)
    .join(',');
}

/** Messages as CSV (one row per message, oldest first per conversation). */
export function messagesToCsv(archive: ArchiveFile): string {
  const conversations = new Map(archive.conversations.map((c) => [c.id, c]));
  const accounts = new Map(archive.accounts.map((a) => [a.id, a]));
  const rows = archive.messages.map((m) => messageCsvLine(m, conversations.get(m.conversationId), accounts.get(m.accountId)?.username));
  return [CSV_HEADER, ...rows].join('\r\n') + '\r\n';
}

export { archiveSizes } from '../db/archive';

/** Saves text as a file the person downloads. */
export function downloadFile(name: string, text: string, type: string): void {
  downloadBlob(name, new Blob([text], { type }));
}

/** Saves a file the person downloads (an export built in parts never becomes one string). */
export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
