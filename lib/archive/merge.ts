/**
 * Merging the checked records of an archive into the cache, in one transaction. Nothing from the
 * file replaces better stored data: stored messages are kept as they are, and a conversation row
 * only gains what the new messages add (through the sync's own fold rule). Account fields
 * (status, connectedAt, …) are never taken from a file, and only accounts connected here take records.
 */
import { listAccountIds } from '../db/archive';
import { withCacheWrite } from '../db/cache-writes';
import type { Conversation, Message } from '../db/schema';
import { foldMessages } from '../sync/merge';
import { OPAQUE_ID, Skip, field, isObj, readArchiveLists, readConversation, readMessage, type FileConversation } from './records';
import { Counter, type ImportReport, type RepairReason, type SkipReason } from './report';

/** Messages per batch of "already stored?" reads and writes (and per progress notice). */
const WRITE_BATCH = 2000;

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export interface ImportResult {
  report: ImportReport;
  /** Messages stored for the first time (for the search index). */
  added: Message[];
  /** Conversation rows written, by id (for the search index and notices). */
  rows: Map<string, Conversation>;
}

/**
 * Checks an archive (already parsed JSON) and merges what is valid into the cache, in one
 * transaction. Throws ArchiveImportError when the file as a whole is not a readable archive.
 */
export async function importArchiveData(
  data: unknown,
  now = Date.now(),
  onProgress?: (progress: { phase: 'checking' | 'writing'; done: number; total: number }) => void,
): Promise<ImportResult> {
  const lists = readArchiveLists(data);

  // Only accounts connected here take records; the file's own account list is never used.
  const connected = new Set(await listAccountIds());
  const skippedConversations = new Counter<SkipReason>();
  const skippedMessages = new Counter<SkipReason>();
  const repaired = new Counter<RepairReason>();

  // The file's conversations, checked; messages are matched to them below.
  const fileConversations = new Map<string, FileConversation>();
  const skippedConversationReason = new Map<string, SkipReason>();
  for (const raw of lists.conversations) {
    try {
      const c = readConversation(raw, connected, now);
      if (fileConversations.has(c.id)) throw new Skip('duplicate');
      fileConversations.set(c.id, c);
    } catch (e) {
      // A skipped record is counted in the report, with its reason; anything else stops the import.
      if (!(e instanceof Skip)) throw e;
      skippedConversations.add(e.reason);
      const idValue = isObj(raw) ? field(raw, 'id') : undefined;
      if (typeof idValue === 'string' && !skippedConversationReason.has(idValue) && e.reason !== 'duplicate') {
        skippedConversationReason.set(idValue, e.reason === 'other-account' ? 'other-account' : 'unknown-conversation');
      }
    }
  }

  return withCacheWrite(async (cache) => {
    // Stored rows of the conversations the file names; a conversation stored under another
    // account is never touched.
    const stored = new Map<string, Conversation>();
    // Which rows are stored is read as key ranges; only those rows are read, all at once (one
    // transaction pipelines them), then decided in the file's order.
    const files = [...fileConversations.values()];
    const present = await cache.storedIds(
      'conversations',
      files.map((c) => c.id),
    );
    const withRow = files.filter((c) => present.has(c.id));
    const storedRows = await Promise.all(withRow.map((c) => cache.getConversation(c.id)));
    for (const [i, c] of withRow.entries()) {
      const row = storedRows[i];
      if (row && row.accountId !== c.accountId) {
        fileConversations.delete(c.id);
        skippedConversations.add('conflict');
        skippedConversationReason.set(c.id, 'conflict');
      } else if (row) stored.set(c.id, row);
    }

    const added: Message[] = [];
    const foldable = new Map<string, Message[]>();
    const fromFile = new Map<string, Message[]>();
    const seen = new Set<string>();
    let kept = 0;
    const total = lists.messages.length;
    // Which messages are stored already is read first, as key ranges over the file's ids (only
    // those are read whole). Then the messages are checked and stored in one pass, in batches
    // written without a promise each: the next batch is checked while the last one is written
    // (one transaction either way), so checking costs no time of its own.
    const fileIds: string[] = [];
    for (const raw of lists.messages) {
      const idValue = isObj(raw) ? field(raw, 'id') : undefined;
      if (typeof idValue === 'string') fileIds.push(idValue);
    }
    const storedMessages = await cache.storedIds('messages', fileIds);
    const existing = new Map(
      (await Promise.all([...storedMessages].map((id) => cache.getMessage(id)))).flatMap((m) => (m ? [[m.id, m] as const] : [])),
    );
    // The batch being written (awaited before the one after it is sent).
    const batches: { writing: Promise<void> | null } = { writing: null };
    let writes: Message[] = [];
    const write = async (done: number): Promise<void> => {
      const previous = batches.writing;
      batches.writing = cache.putMessages(writes).then(() => onProgress?.({ phase: 'writing', done, total }));
      // Awaited with the next batch (its failure fails the import there); handled here too, so a
      // batch failing while the one before is still written is not reported as unhandled.
      batches.writing.catch(() => undefined);
      writes = [];
      if (previous) await previous;
    };
    for (const [i, raw] of lists.messages.entries()) {
      if (i > 0 && i % WRITE_BATCH === 0) await write(i);
      try {
        if (!isObj(raw)) throw new Skip('not-an-object');
        const conversationIdValue = field(raw, 'conversationId');
        if (typeof conversationIdValue !== 'string') throw new Skip('unknown-conversation');
        const skippedBecause = skippedConversationReason.get(conversationIdValue);
        if (skippedBecause) throw new Skip(skippedBecause);
        let conversation: { accountId: string } | undefined = fileConversations.get(conversationIdValue);
        if (!conversation && OPAQUE_ID.test(conversationIdValue)) {
          conversation = stored.get(conversationIdValue) ?? (await cache.getConversation(conversationIdValue));
          if (conversation && !stored.has(conversationIdValue)) stored.set(conversationIdValue, conversation as Conversation);
        }
        if (!conversation) throw new Skip('unknown-conversation');
        if (!connected.has(conversation.accountId)) throw new Skip('other-account');
        const accountIdValue = field(raw, 'accountId');
        if (accountIdValue !== undefined && accountIdValue !== conversation.accountId) {
          throw new Skip(typeof accountIdValue === 'string' && !connected.has(accountIdValue) ? 'other-account' : 'account-mismatch');
        }
        const { message, repairs, hasSender } = readMessage(raw, conversation.accountId, conversationIdValue, now);
        if (seen.has(message.id)) throw new Skip('duplicate');
        seen.add(message.id);
        const before = existing.get(message.id);
        if (before) {
          // What is stored came from Meta (or an earlier import): it stays as it is.
          if (before.conversationId !== message.conversationId) skippedMessages.add('conflict');
          else kept += 1;
          continue;
        }
        for (const r of repairs) repaired.add(r);
        writes.push(message);
        added.push(message);
        push(fromFile, message.conversationId, message);
        if (hasSender) push(foldable, message.conversationId, message);
      } catch (e) {
        // Counted in the report like a skipped conversation.
        if (!(e instanceof Skip)) throw e;
        skippedMessages.add(e.reason);
      }
    }
    // The last batch is written while the conversation rows are worked out.
    const lastBatch = write(total);
    // Conversation rows: new ones are built from the file; stored ones only gain what the new
    // messages add, plus a customer id or name where the stored row has none.
    const rows = new Map<string, Conversation>();
    const rowWrites: Conversation[] = [];
    const touchedIds = new Set([...fileConversations.keys(), ...fromFile.keys()]);
    for (const id of touchedIds) {
      const current = stored.get(id) ?? null;
      const file = fileConversations.get(id) ?? null;
      const messages = (foldable.get(id) ?? []).sort((a, b) => a.createdTime - b.createdTime);
      const newest = (fromFile.get(id) ?? []).reduce((most, m) => Math.max(most, m.createdTime), 0);
      let base: Conversation;
      if (current) {
        base = current;
        if (file?.participant) {
          const unknown = current.participant.id.startsWith('unknown:');
          base = {
            ...base,
            participant: {
              id: unknown ? file.participant.id : current.participant.id,
              username:
                current.participant.username ??
                (unknown || file.participant.id === current.participant.id ? file.participant.username : null),
              // The name read from the User Profile API stays with the same contact.
              ...(!unknown && current.participant.name !== undefined ? { name: current.participant.name } : {}),
            },
          };
        }
      } else {
        if (!file) continue;
        let updatedTime = file.updatedTime;
        if (updatedTime === null && newest === 0) {
          // Neither a readable time nor a message: nothing to place the row by.
          skippedConversations.add('time-out-of-range');
          continue;
        }
        if (updatedTime === null) {
          repaired.add('row-time');
          updatedTime = newest;
        }
        let participant = file.participant;
        if (!participant) {
          const inbound = (fromFile.get(id) ?? []).find((m) => m.fromId !== null && !m.isOwn);
          participant = inbound?.fromId ? { id: inbound.fromId, username: null } : null;
          repaired.add(participant ? 'customer-from-messages' : 'customer-unknown');
        }
        base = {
          id,
          accountId: file.accountId,
          // The sync's own marker for a thread whose customer is not known yet.
          participant: participant ?? { id: `unknown:${id}`, username: null },
          updatedTime,
          lastMessage: null,
          lastInboundTime: null,
          lastReplyTime: null,
          windowClosedAt: null,
        };
        // A stored message without sender still shows as the last message, without moving the window.
        const lastWithoutSender = (fromFile.get(id) ?? [])
          .filter((m) => m.fromId === null)
          .sort((a, b) => b.createdTime - a.createdTime)[0];
        if (lastWithoutSender && messages.length === 0) {
          base = {
            ...base,
            lastMessage: {
              text: lastWithoutSender.text,
              kind: lastWithoutSender.kind,
              isOwn: false,
              createdTime: lastWithoutSender.createdTime,
            },
          };
        }
      }
      const next = foldMessages(base, messages);
      if (!current || JSON.stringify(current) !== JSON.stringify(next)) {
        rowWrites.push(next);
        rows.set(id, next);
      }
    }
    await Promise.all([lastBatch, batches.writing, cache.putConversations(rowWrites)]);

    return {
      report: {
        conversations: rows.size,
        messages: added.length,
        kept,
        skippedConversations: skippedConversations.counts,
        skippedMessages: skippedMessages.counts,
        repaired: repaired.counts,
      },
      added,
      rows,
    };
  });
}
