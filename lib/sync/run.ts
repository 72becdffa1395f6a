/**
 * One account's sync run: pages through the conversation list newest first, merging each page
 * with its newest messages, and stops at the watermark of the last complete sync. The watermark
 * only moves after a complete pass, so a run interrupted at any point (the MV3 worker may be
 * stopped) is simply done again: merges are idempotent, so there are no duplicates and no gaps.
 *
 * Paging always ends: a run reads at most MAX_PAGES_PER_RUN pages and stops when a cursor
 * repeats, a page brings only conversations this run already read, or several pages in a row
 * bring nothing. Stopped that way the pass is not complete: the watermark stays where it was, so
 * the next run reads the same ground again.
 *
 * A long pass (a first sync of a big account) keeps its cursor in the sync state after every page,
 * so a pass cut by the page cap, a failed call or a stopped worker continues where it was on the
 * next run; the newest `updated_time` it has seen travels with it and becomes the watermark once
 * the pass is complete. Conversations that change meanwhile move above the cursor with a newer
 * time, so the next pass from the top reads them. A cursor Meta no longer accepts starts the pass
 * afresh.
 *
 * A rate-limited account is not asked again before Meta says it may: the run is skipped without a
 * call and the sync state records when the account may be asked again.
 */
import { getAccount, getConversations, getSyncState, putAccount, updateSyncState } from '../db';
import type { Conversation, Message } from '../db/schema';
import { logDiagnostic } from '../diagnostics';
import { listConversations } from '../graph/api';
import { GraphError } from '../graph/errors';
import type { Page, SyncContext } from './context';
import { describeRateLimitWait, recordFailure } from './failure';
import {
  MAX_EMPTY_PAGES,
  MAX_PAGES_PER_RUN,
  MIN_MESSAGE_LIMIT,
  MIN_PAGE_SIZE,
  SKIP_WHEN_BLOCKED_MS,
  limitsOf,
  rateLimitedUntil,
} from './limits';
import { mergeConversations, type MergeContext, type MergeResult } from './merge';
import { readWhole, threadsMissingOlder } from './threads';
import { MAX_WITHHELD_CHECKS_PER_RUN, markWithheldUnsent } from './withheld';

export async function runSync(ctx: SyncContext, accountId: string, firstPage?: Page | GraphError): Promise<void> {
  const account = await getAccount(accountId);
  if (!account) return;
  const previous = await getSyncState(accountId);
  const watermark = previous?.watermark ?? 0;
  const firstSync = !previous?.lastSyncedAt;

  // Rate-limited: not a single call before Meta says the account may be asked again.
  await ctx.deps.client.budget.ready();
  const blockedUntil = rateLimitedUntil(ctx, accountId, previous);
  if (blockedUntil > ctx.now() + SKIP_WHEN_BLOCKED_MS) {
    const message = describeRateLimitWait(blockedUntil - ctx.now());
    await updateSyncState(accountId, { running: false, resumeAt: blockedUntil, error: { kind: 'rate-limit', message, at: ctx.now() } });
    ctx.deps.notify({ type: 'sync-changed', accountId });
    throw new GraphError({ kind: 'rate-limit', message, retryAfterMs: blockedUntil - ctx.now() });
  }

  await updateSyncState(accountId, { running: true });
  ctx.deps.notify({ type: 'sync-changed', accountId });
  await ctx.deps.onStateChanged?.({ changed: [] });

  let { limit, messageLimit } = limitsOf(ctx, previous);
  /**
   * Threads whose older messages may be missing. Meta serves the details of a thread's newest 20
   * messages only, so a thread read with a reduced message limit (after code 1) whose oldest
   * message read is not stored yet may have more new messages than were read, and once 20 newer
   * ones arrive they are gone for good. Such a thread is recorded here, in the sync state, before
   * its page is merged (a worker stopped in between still knows), and stays recorded until it is
   * read whole: its own messages edge paged with the reduced limit, up to the newest 20. Until
   * then the watermark stays below its `updated_time`, so a pass never treats it as known.
   */
  const partial: Record<string, number> = { ...(previous?.partialThreads ?? {}) };
  let resume = previous?.resume ?? null;
  let after: string | null = resume?.after ?? null;
  let newest = Math.max(watermark, resume?.newest ?? 0);
  /** The pass stops at the first page holding a conversation at or below this. */
  let floor = watermark;
  let fromResume = resume !== null;
  const clampToPartial = (w: number): number => {
    const waiting = Object.values(partial);
    return waiting.length > 0 ? Math.min(w, Math.min(...waiting) - 1) : w;
  };
  // The batch read the first page; a capped pass continues from its cursor instead.
  let prefetched = resume ? undefined : firstPage;
  const inserted: Message[] = [];
  const touched = new Set<string>();
  const withheldChecks = { left: MAX_WITHHELD_CHECKS_PER_RUN };
  // Graph times have whole-second precision: compare at that precision.
  const echoesSince = Math.floor(account.connectedAt / 1000) * 1000;
  const merge: MergeContext = { accountId, echoesSince };
  const absorb = async (result: MergeResult): Promise<void> => {
    result.changed.forEach((id) => touched.add(id));
    if (result.written.length > 0) {
      await ctx.deps.onMessagesStored?.(result.written, result.rows).catch((e: unknown) => {
        logDiagnostic('sync', 'Could not add synced messages to the search index', e);
      });
    }
    inserted.push(...result.inserted);
    if (result.changed.length > 0) ctx.deps.notify({ type: 'conversations-changed', accountId, conversationIds: result.changed });
  };
  try {
    let pages = 0;
    let emptyPages = 0;
    const seenCursors = new Set<string>();
    const seenIds = new Set<string>();
    let outcome: 'complete' | 'capped' | 'stuck' = 'complete';
    for (;;) {
      if (pages >= MAX_PAGES_PER_RUN) {
        outcome = 'capped';
        logDiagnostic('sync', `A sync stopped after ${MAX_PAGES_PER_RUN} pages; the next one continues`);
        break;
      }
      let page: Page;
      if (prefetched instanceof GraphError) throw prefetched;
      if (prefetched) {
        page = prefetched;
        prefetched = undefined;
      } else {
        try {
          page = await ctx.deps.auth.withPageToken(accountId, (p) =>
            listConversations(ctx.deps.client, {
              pageId: p.pageId,
              pageToken: p.token,
              budgetKey: accountId,
              limit,
              messageLimit,
              after,
            }),
          );
        } catch (e) {
          // Meta asks for less data in one call: halve both limits, remember them, ask again.
          if (e instanceof GraphError && e.kind === 'too-much-data' && (limit > MIN_PAGE_SIZE || messageLimit > MIN_MESSAGE_LIMIT)) {
            limit = Math.max(MIN_PAGE_SIZE, Math.floor(limit / 2));
            messageLimit = Math.max(MIN_MESSAGE_LIMIT, Math.floor(messageLimit / 2));
            await updateSyncState(accountId, { pageLimit: limit, messageLimit, limitsReducedAt: ctx.now() });
            logDiagnostic('sync', `Meta asked for less data: ${limit} conversations with ${messageLimit} messages per call`, e);
            continue;
          }
          // A kept cursor Meta no longer accepts (cursors break when items go): start afresh.
          if (e instanceof GraphError && e.kind === 'invalid-request' && resume && after === resume.after) {
            logDiagnostic('sync', 'Meta refused the cursor a capped sync stopped at; reading from the newest again', e);
            resume = null;
            fromResume = false;
            after = null;
            newest = watermark;
            continue;
          }
          throw e;
        }
      }
      pages += 1;
      if (ctx.isStopped(accountId)) return;
      await markWithheldUnsent(ctx, accountId, page.items, withheldChecks);
      if (ctx.isStopped(accountId)) return;
      const missingOlder = await threadsMissingOlder(page.items, messageLimit, partial);
      if (missingOlder) await updateSyncState(accountId, { partialThreads: { ...partial } });
      await absorb(await mergeConversations(merge, page.items));
      for (const c of page.items) newest = Math.max(newest, c.updatedTime);
      const reachedKnown = page.items.some((c) => c.updatedTime <= floor);
      if (reachedKnown || page.after === null) {
        if (!fromResume) break;
        // A continued pass is complete. What changed since it began sits above its cursor: read
        // from the newest again, down to what the finished pass saw.
        floor = newest;
        fromResume = false;
        after = null;
        seenCursors.clear();
        seenIds.clear();
        emptyPages = 0;
        await updateSyncState(accountId, { resume: null, watermark: clampToPartial(floor) });
        continue;
      }
      if (after !== null) seenCursors.add(after);
      const bringsNew = page.items.some((c) => !seenIds.has(c.id));
      page.items.forEach((c) => seenIds.add(c.id));
      emptyPages = page.items.length === 0 ? emptyPages + 1 : 0;
      if (seenCursors.has(page.after)) {
        outcome = 'stuck';
        logDiagnostic('sync', 'Meta repeated a cursor; the sync stopped there and keeps its watermark');
        break;
      }
      if (page.items.length > 0 && !bringsNew) {
        outcome = 'stuck';
        logDiagnostic('sync', 'A page brought only conversations already read; the sync stopped there and keeps its watermark');
        break;
      }
      if (emptyPages >= MAX_EMPTY_PAGES) {
        outcome = 'stuck';
        logDiagnostic('sync', `${MAX_EMPTY_PAGES} empty pages in a row; the sync stopped there and keeps its watermark`);
        break;
      }
      after = page.after;
      // Kept after every page: a worker stopped mid-pass (or a failed call) continues from here.
      await updateSyncState(accountId, { resume: { after, newest } });
    }

    await readWhole(ctx, accountId, merge, partial, messageLimit, absorb);
    if (ctx.isStopped(accountId)) return;

    // Only a complete pass moves the watermark; a capped one keeps its cursor for the next run.
    await updateSyncState(accountId, {
      running: false,
      watermark: clampToPartial(outcome === 'complete' ? newest : floor),
      lastSyncedAt: ctx.now(),
      error: null,
      resumeAt: null,
      partialThreads: partial,
      resume: outcome === 'capped' && after !== null ? { after, newest } : null,
    });
    const current = await getAccount(accountId);
    if (current && current.status !== 'ok') {
      await putAccount({ ...current, status: 'ok' });
      ctx.deps.notify({ type: 'accounts-changed' });
    }
    // A message without a sender is not the customer's: it announces nothing.
    const fresh = inserted.filter((m) => !m.isOwn && m.fromId !== null && m.createdTime >= echoesSince);
    if (!firstSync && fresh.length > 0 && ctx.deps.onNewMessages) {
      const conversations = new Map<string, Conversation>();
      for (const c of await getConversations([...touched])) conversations.set(c.id, c);
      await ctx.deps.onNewMessages(account, fresh, conversations);
    }
  } catch (e) {
    await recordFailure(ctx, accountId, e, partial);
    throw e;
  } finally {
    ctx.deps.notify({ type: 'sync-changed', accountId });
    await ctx.deps.onStateChanged?.({ changed: [...touched] });
  }
}
