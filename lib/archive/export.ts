/**
 * Export and import of the local archive. The JSON format carries everything DM Desk keeps for a
 * conversation; importing merges by Meta's ids, so importing twice changes nothing.
 */
import { getDB } from '../db';
import type { Account, Conversation, Message } from '../db/schema';
import { foldMessages } from '../sync/merge';

export const ARCHIVE_FORMAT = 'dm-desk-archive';
export const ARCHIVE_VERSION = 1;

export interface ArchiveFile {
  format: typeof ARCHIVE_FORMAT;
  version: number;
  exportedAt: string;
  accounts: Array<Pick<Account, 'id' | 'pageId' | 'pageName' | 'username' | 'name' | 'connectedAt'>>;
  conversations: Conversation[];
  messages: Message[];
}

/** Everything cached for some accounts, or for one conversation. */
export async function buildArchive(scope: { accountIds?: string[]; conversationId?: string }): Promise<ArchiveFile> {
  const db = await getDB();
  const accounts = await db.getAll('accounts');
  let conversations: Conversation[];
  if (scope.conversationId) {
    const c = await db.get('conversations', scope.conversationId);
    conversations = c ? [c] : [];
  } else {
    const ids = new Set(scope.accountIds ?? accounts.map((a) => a.id));
    conversations = (await db.getAll('conversations')).filter((c) => ids.has(c.accountId));
  }
  const messages: Message[] = [];
  const index = db.transaction('messages').store.index('by-conversation-time');
  for (const c of conversations) {
    messages.push(...(await index.getAll(IDBKeyRange.bound([c.id, -Infinity], [c.id, Infinity]))));
  }
  const accountIds = new Set(conversations.map((c) => c.accountId));
  return {
    format: ARCHIVE_FORMAT,
    version: ARCHIVE_VERSION,
    exportedAt: new Date().toISOString(),
    accounts: accounts
      .filter((a) => accountIds.has(a.id) || scope.accountIds?.includes(a.id))
      .map(({ id, pageId, pageName, username, name, connectedAt }) => ({ id, pageId, pageName, username, name, connectedAt })),
    conversations,
    messages,
  };
}

/** A cell that a spreadsheet will show as text: quoted, and never read as a formula. */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** Messages as CSV (one row per message, oldest first per conversation). */
export function messagesToCsv(archive: ArchiveFile): string {
  const conversations = new Map(archive.conversations.map((c) => [c.id, c]));
  const accounts = new Map(archive.accounts.map((a) => [a.id, a]));
  const header = ['account', 'conversation_id', 'participant', 'participant_id', 'time', 'from', 'kind', 'text', 'message_id'];
  const rows = archive.messages.map((m) => {
    const c = conversations.get(m.conversationId);
    return [
      accounts.get(m.accountId)?.username ?? m.accountId,
      m.conversationId,
      c?.participant.username ?? 'Instagram User',
      c?.participant.id ?? '',
      new Date(m.createdTime).toISOString(),
      m.isOwn ? (accounts.get(m.accountId)?.username ?? 'you') : (c?.participant.username ?? 'Instagram User'),
      m.kind,
      m.text,
      m.id,
    ].map(csvCell);
  });
  return [header.join(','), ...rows.map((r) => r.join(','))].join('\r\n') + '\r\n';
}

export class ArchiveFormatError extends Error {}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks a parsed file is a DM Desk archive and keeps only well-formed records. */
export function readArchive(data: unknown): ArchiveFile {
  if (!isRecord(data) || data['format'] !== ARCHIVE_FORMAT) throw new ArchiveFormatError('This file is not a DM Desk archive.');
  if (typeof data['version'] !== 'number' || data['version'] > ARCHIVE_VERSION) {
    throw new ArchiveFormatError('This archive was made by a newer DM Desk. Update DM Desk and import it again.');
  }
  const list = (key: string): unknown[] => (Array.isArray(data[key]) ? (data[key] as unknown[]) : []);
  const str = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
  const conversations = list('conversations').filter(
    (c): c is Conversation =>
      isRecord(c) && str(c['id']) && str(c['accountId']) && isRecord(c['participant']) && typeof c['updatedTime'] === 'number',
  );
  const known = new Set(conversations.map((c) => c.id));
  const messages = list('messages').filter(
    (m): m is Message =>
      isRecord(m) &&
      str(m['id']) &&
      str(m['conversationId']) &&
      known.has(m['conversationId']) &&
      typeof m['createdTime'] === 'number' &&
      typeof m['text'] === 'string',
  );
  const accounts = list('accounts').filter((a): a is ArchiveFile['accounts'][number] => isRecord(a) && str(a['id']) && str(a['username']));
  return {
    format: ARCHIVE_FORMAT,
    version: data['version'],
    exportedAt: String(data['exportedAt'] ?? ''),
    accounts,
    conversations,
    messages,
  };
}

/**
 * Merges an archive into the cache: new messages are added, messages already there are kept as
 * they are, conversation rows are updated from what was added. Accounts that are not connected
 * appear with "Reconnect" so their archive can be read.
 */
export async function importArchive(
  archive: ArchiveFile,
  now = Date.now(),
): Promise<{ conversations: number; messages: number; added: Message[] }> {
  const db = await getDB();
  const tx = db.transaction(['accounts', 'conversations', 'messages'], 'readwrite');
  const accountStore = tx.objectStore('accounts');
  const existingAccounts = await accountStore.getAll();
  let order = Math.max(-1, ...existingAccounts.map((a) => a.order)) + 1;
  for (const a of archive.accounts) {
    if (!(await accountStore.get(a.id))) {
      await accountStore.put({ ...a, pictureUrl: null, status: 'reconnect', order: order++, connectedAt: a.connectedAt ?? now });
    }
  }
  const added: Message[] = [];
  const byConversation = new Map<string, Message[]>();
  for (const m of archive.messages) {
    if (await tx.objectStore('messages').get(m.id)) continue;
    const message: Message = {
      ...m,
      sentVia: m.sentVia ?? null,
      reactions: Array.isArray(m.reactions) ? m.reactions : [],
      attachments: Array.isArray(m.attachments) ? m.attachments : [],
    };
    await tx.objectStore('messages').put(message);
    added.push(message);
    byConversation.set(m.conversationId, [...(byConversation.get(m.conversationId) ?? []), message]);
  }
  let touched = 0;
  for (const c of archive.conversations) {
    const current = await tx.objectStore('conversations').get(c.id);
    const base: Conversation = current ?? {
      ...c,
      lastMessage: null,
      lastInboundTime: null,
      lastReplyTime: null,
      windowClosedAt: null,
    };
    const next = foldMessages(
      base,
      (byConversation.get(c.id) ?? []).sort((a, b) => a.createdTime - b.createdTime),
    );
    if (!current || next !== base) {
      await tx.objectStore('conversations').put(next);
      touched += 1;
    }
  }
  await tx.done;
  return { conversations: touched, messages: added.length, added };
}

/** Bytes each account's archive takes (as stored JSON), and message counts. */
export async function archiveSizes(): Promise<Map<string, { messages: number; bytes: number }>> {
  const db = await getDB();
  const sizes = new Map<string, { messages: number; bytes: number }>();
  let cursor = await db.transaction('messages').store.openCursor();
  while (cursor) {
    const m = cursor.value;
    const entry = sizes.get(m.accountId) ?? { messages: 0, bytes: 0 };
    entry.messages += 1;
    entry.bytes += JSON.stringify(m).length;
    sizes.set(m.accountId, entry);
    cursor = await cursor.continue();
  }
  return sizes;
}

/** Saves text as a file the person downloads. */
export function downloadFile(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
