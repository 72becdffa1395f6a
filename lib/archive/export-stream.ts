/**
 * An account export written in parts: conversations and messages are read from the cache in
 * batches and each batch becomes a piece of a Blob, so the page never holds the whole archive (nor
 * its text) at once; the browser keeps the parts outside the page's memory. The text is exactly
 * what `JSON.stringify(await buildArchive(scope), null, 1)` gives (same order, same spacing), so
 * import reads it as before; the CSV is `messagesToCsv`'s.
 */
import { listAccounts } from '../db';
import { listConversationsAfterId, listMessagesOf } from '../db/archive';
import type { Conversation, Message } from '../db/schema';
import { toArchived } from '../saved-replies/archive';
import { browserSyncArea, loadStored, type SyncArea } from '../saved-replies/store';
import { readDeskForExport } from './desk-export';
import { CSV_HEADER, messageCsvLine } from './export';
import { ARCHIVE_FORMAT, ARCHIVE_VERSION } from './format';

/** Rows read per batch; messages are read for this many conversations at a time. */
const BATCH = 500;
/** Text gathered before it becomes a Blob part (the page's memory holds at most about this much). */
const PART_CHARS = 1 << 20;

export interface StreamOptions {
  replies?: SyncArea;
  now?: () => number;
  batch?: number;
}

/** Gathers text and hands it to the browser in Blob parts. */
function blobWriter(type: string) {
  const parts: Blob[] = [];
  let pending: string[] = [];
  let size = 0;
  const flush = () => {
    if (pending.length > 0) parts.push(new Blob(pending));
    pending = [];
    size = 0;
  };
  return {
    write(text: string): void {
      pending.push(text);
      size += text.length;
      if (size >= PART_CHARS) flush();
    },
    done(): Blob {
      flush();
      return new Blob(parts, { type });
    },
  };
}

/** `JSON.stringify(value, null, 1)` as it appears `depth` levels deep. */
const nested = (value: unknown, depth: number): string => JSON.stringify(value, null, 1).replace(/\n/g, `\n${' '.repeat(depth)}`);

type Light = Pick<Conversation, 'id' | 'accountId' | 'participant'>;

/** Every conversation of the accounts, in id order, in batches. */
async function* conversationBatches(accountIds: Set<string>, batch: number): AsyncGenerator<Conversation[]> {
  let after: string | undefined;
  for (;;) {
    const rows = await listConversationsAfterId(after, batch);
    if (rows.length === 0) return;
    after = rows[rows.length - 1]!.id;
    yield rows.filter((c) => accountIds.has(c.accountId));
    if (rows.length < batch) return;
  }
}

/** The messages of these conversations, oldest first per conversation, in batches of conversations. */
async function* messageBatches(conversations: Light[], batch: number): AsyncGenerator<Message[]> {
  for (let i = 0; i < conversations.length; i += batch) {
    yield (await listMessagesOf(conversations.slice(i, i + batch).map((c) => c.id))).flat();
  }
}

/** An account export as JSON, in the archive format, built in parts. */
export async function exportArchiveJson(scope: { accountIds: string[] }, opts: StreamOptions = {}): Promise<Blob> {
  const batch = opts.batch ?? BATCH;
  const out = blobWriter('application/json');
  // In key order, as buildArchive reads them.
  const accounts = (await listAccounts()).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const wanted = new Set(scope.accountIds);
  const exportedAt = new Date(opts.now?.() ?? Date.now()).toISOString();
  const savedReplies = toArchived((await loadStored(opts.replies ?? browserSyncArea())).replies);

  const header = {
    format: ARCHIVE_FORMAT,
    version: ARCHIVE_VERSION,
    exportedAt,
    // Every conversation exported is of these accounts, so this is buildArchive's list.
    accounts: accounts
      .filter((a) => wanted.has(a.id))
      .map(({ id, pageId, pageName, username, name, connectedAt }) => ({ id, pageId, pageName, username, name, connectedAt })),
  };
  out.write(nested(header, 0).replace(/\n}$/, ',\n'));

  // Conversations are kept in memory only as ids and contacts (their messages are read by id).
  const light: Light[] = [];
  out.write(' "conversations": [');
  for await (const rows of conversationBatches(wanted, batch)) {
    for (const c of rows) {
      out.write(`${light.length === 0 ? '\n' : ',\n'}  ${nested(c, 2)}`);
      light.push({ id: c.id, accountId: c.accountId, participant: c.participant });
    }
  }
  out.write(light.length === 0 ? '],\n' : '\n ],\n');

  out.write(' "messages": [');
  let first = true;
  for await (const messages of messageBatches(light, batch)) {
    for (const m of messages) {
      out.write(`${first ? '\n' : ',\n'}  ${nested(m, 2)}`);
      first = false;
    }
  }
  out.write(first ? '],\n' : '\n ],\n');

  const { desk, labels, notes } = await readDeskForExport(light, true);
  const tail = { savedReplies, desk, labels, notes };
  out.write(nested(tail, 0).replace(/^{\n/, ''));
  return out.done();
}

/** An account export as CSV (one line per message), built in parts. */
export async function exportArchiveCsv(scope: { accountIds: string[] }, opts: StreamOptions = {}): Promise<Blob> {
  const batch = opts.batch ?? BATCH;
  const out = blobWriter('text/csv');
  const usernames = new Map((await listAccounts()).map((a) => [a.id, a.username]));
  const light: Light[] = [];
  for await (const rows of conversationBatches(new Set(scope.accountIds), batch)) {
    for (const c of rows) light.push({ id: c.id, accountId: c.accountId, participant: c.participant });
  }
  const byId = new Map(light.map((c) => [c.id, c]));
  out.write(`${CSV_HEADER}\r\n`);
  for await (const messages of messageBatches(light, batch)) {
    out.write(messages.map((m) => `${messageCsvLine(m, byId.get(m.conversationId), usernames.get(m.accountId))}\r\n`).join(''));
  }
  return out.done();
}
