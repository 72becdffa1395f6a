/**
 * Threads whose older messages may be missing, and reading them whole. Meta serves the details of
 * a thread's newest 20 messages only; a thread read with a reduced message limit (after code 1)
 * may have more new messages than were read. Such a thread is recorded in the sync state
 * (`partialThreads`) and read whole through its own messages edge, a few per run; until then the
 * watermark stays below its `updated_time`.
 */
import { getMessage } from '../db/cache-writes';
import { logDiagnostic } from '../diagnostics';
import { MESSAGE_DETAIL_LIMIT, listThreadMessages } from '../graph/api';
import { GraphError } from '../graph/errors';
import type { GraphConversation, GraphMessage, Paged } from '../graph/types';
import type { SyncContext } from './context';
import { MAX_WHOLE_READS_PER_RUN } from './limits';
import { mergeConversations, type MergeContext, type MergeResult } from './merge';

/**
 * Records in `partial` the threads of a page whose older messages may be missing (see `runSync`), and
 * drops those a full read (Meta's newest 20) now covers. Returns whether `partial` changed.
 */
export async function threadsMissingOlder(
  items: GraphConversation[],
  messageLimit: number,
  partial: Record<string, number>,
): Promise<boolean> {
  let changed = false;
  for (const c of items) {
    const known = partial[c.id];
    if (messageLimit >= MESSAGE_DETAIL_LIMIT) {
      if (known !== undefined && c.messages.length > 0) {
        delete partial[c.id];
        changed = true;
      }
      continue;
    }
    if (known !== undefined) {
      // Still missing its older messages: a newer reduced read does not fill that gap.
      if (c.updatedTime > known) {
        partial[c.id] = c.updatedTime;
        changed = true;
      }
      continue;
    }
    const detailed = c.messages.filter((m) => m.hasDetails);
    const oldest = detailed[detailed.length - 1];
    if (detailed.length < messageLimit || !oldest) continue; // the thread has no more messages
    if (await getMessage(oldest.id)) continue; // it reaches what is stored: no gap
    partial[c.id] = c.updatedTime;
    changed = true;
  }
  return changed;
}

/** Reads the recorded partial threads whole (oldest first, a few per run) and merges them. */
export async function readWhole(
  ctx: SyncContext,
  accountId: string,
  merge: MergeContext,
  partial: Record<string, number>,
  pageSize: number,
  absorb: (result: MergeResult) => Promise<void>,
): Promise<void> {
  const ids = Object.entries(partial)
    .sort((a, b) => a[1] - b[1])
    .slice(0, MAX_WHOLE_READS_PER_RUN)
    .map(([id]) => id);
  for (const id of ids) {
    if (ctx.isStopped(accountId)) return;
    try {
      const { messages, complete } = await readThread(ctx, accountId, id, pageSize);
      if (ctx.isStopped(accountId)) return;
      await absorb(
        await mergeConversations(merge, [{ id, updatedTime: partial[id] ?? 0, participants: [], messages, messagesComplete: complete }]),
      );
      delete partial[id];
    } catch (e) {
      if (e instanceof GraphError && (e.kind === 'invalid-request' || e.kind === 'deleted')) {
        // Meta no longer has the thread: there is nothing more to read of it.
        logDiagnostic('sync', 'A thread waiting to be read whole is gone at Meta', e);
        delete partial[id];
        continue;
      }
      // Rate limit, network, …: the thread stays recorded and the watermark keeps waiting.
      logDiagnostic('sync', 'Could not read a thread whole yet; the watermark waits for it', e);
      return;
    }
  }
}

/**
 * A thread's newest messages (Meta details only 20), paged with `pageSize` per call; `complete`
 * when Meta said there are no more.
 */
async function readThread(
  ctx: SyncContext,
  accountId: string,
  conversationId: string,
  pageSize: number,
): Promise<{ messages: GraphMessage[]; complete: boolean }> {
  const messages: GraphMessage[] = [];
  const seen = new Set<string>();
  let after: string | null = null;
  let size = Math.max(1, Math.min(pageSize, MESSAGE_DETAIL_LIMIT));
  for (let calls = 0; calls < 2 * MESSAGE_DETAIL_LIMIT; calls++) {
    let page: Paged<GraphMessage>;
    try {
      page = await ctx.deps.auth.withPageToken(accountId, (p) =>
        listThreadMessages(ctx.deps.client, {
          pageId: p.pageId,
          pageToken: p.token,
          budgetKey: accountId,
          conversationId,
          limit: size,
          after,
        }),
      );
    } catch (e) {
      if (e instanceof GraphError && e.kind === 'too-much-data' && size > 1) {
        size = Math.max(1, Math.floor(size / 2));
        continue;
      }
      throw e;
    }
    const fresh = page.items.filter((m) => !seen.has(m.id));
    for (const m of fresh) {
      seen.add(m.id);
      messages.push(m);
    }
    if (messages.length >= MESSAGE_DETAIL_LIMIT || page.after === null) return { messages, complete: page.after === null };
    if (fresh.length === 0 || page.after === after) {
      logDiagnostic('sync', 'Meta stopped advancing through a thread read whole; keeping what it gave');
      return { messages, complete: false };
    }
    after = page.after;
  }
  return { messages, complete: false };
}
