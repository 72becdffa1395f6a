/**
 * Per-account sync: pages through the conversation list newest first, merging each page with its
 * newest messages, and stops at the watermark of the last complete sync. The watermark only moves
 * after a complete pass, so a sync interrupted at any point (the MV3 worker may be stopped) is
 * simply done again: merges are idempotent, so there are no duplicates and no gaps.
 *
 * Paging always ends: a run reads at most MAX_PAGES_PER_RUN pages and stops when a cursor repeats, a page brings only conversations this
 * run already read, or several pages in a row bring nothing. Stopped that way the pass is not
 * complete: the watermark stays where it was, so the next run reads the same ground again.
 *
 * A long pass (a first sync of a big account) keeps its cursor in the sync state after every page,
 * so a pass cut by the page cap, a failed call or a stopped worker continues where it was on the
 * next run; the newest `updated_time` it has seen travels with it and becomes the watermark once the
 * pass is complete. Conversations that change meanwhile move above the cursor with a newer time,
 * so the next pass from the top reads them. A cursor Meta no longer accepts starts the pass afresh.
 *
 * A rate-limited account is not asked again before Meta says it may: the run is skipped without a
 * call and the sync state records when the account may be asked again.
 */
import type { AuthService } from '../auth/service';
import { getAccount, getDB, getSyncState, listAccounts, putAccount, updateSyncState } from '../db';
import type { Account, Conversation, Message, SyncErrorKind, SyncState } from '../db/schema';
import { logDiagnostic } from '../diagnostics';
import { DeskError } from '../errors';
import { MESSAGE_DETAIL_LIMIT, batchGet, conversationPageParams, listConversations, listThreadMessages } from '../graph/api';
import type { GraphClient } from '../graph/client';
import { GraphError, describeGraphErrorKind } from '../graph/errors';
import { parseConversation, parsePaged } from '../graph/parse';
import type { GraphConversation, GraphMessage, Paged } from '../graph/types';
import type { Notice } from '../messaging/protocol';
import { mergeConversations, type MergeContext, type MergeResult } from './merge';

export interface SyncDeps {
  client: GraphClient;
  auth: AuthService;
  notify: (notice: Notice) => void;
  /** New messages arrived for an account (not on its first sync). */
  onNewMessages?: (account: Account, messages: Message[], conversations: Map<string, Conversation>) => Promise<void>;
  /** Messages were written to the cache (search index). */
  onMessagesStored?: (messages: Message[], conversations: Map<string, Conversation>) => Promise<void>;
  /** A sync started or ended; `conversationsChanged` says whether it wrote any conversation. */
  onStateChanged?: (change: { conversationsChanged: boolean }) => Promise<void>;
  now?: () => number;
}

/** The first sync reads 25 conversations (with their newest 20 messages) per call. */
const PAGE_SIZE = 25;
/**
 * Later syncs read 50 per call, so k changed threads cost about 1 + k/50 calls. Should Meta find
 * that too much (code 1, "reduce the amount of data"), page and message limits halve and are
 * remembered in the sync state (a new worker keeps them) for LIMITS_KEPT_MS.
 */
const INCREMENTAL_PAGE_SIZE = 50;
const MIN_PAGE_SIZE = 5;
const MIN_MESSAGE_LIMIT = 5;
/** After this long with reduced limits, a sync tries the full ones again (a code 1 halves them again). */
const LIMITS_KEPT_MS = 24 * 60 * 60 * 1000;
/** How long an account may wait for its rate-limit slot to join the batch of first pages. */
const BATCH_SLOT_WAIT_MS = 1000;
/** A block longer than this skips the run (shorter ones the client simply waits out). */
const SKIP_WHEN_BLOCKED_MS = 10_000;
/** At most this many conversation pages per run; a longer pass continues on the next run. */
export const MAX_PAGES_PER_RUN = 40;
/** Meta may serve an empty page with a `next`; this many in a row end the run. */
const MAX_EMPTY_PAGES = 3;
/** At most this many threads are read whole per run (the rest wait for the next run). */
const MAX_WHOLE_READS_PER_RUN = 10;

type Page = Paged<GraphConversation>;

export class SyncService {
  private readonly running = new Map<string, Promise<void>>();
  /** A sync asked for while one runs: it started too early to see what changed since. */
  private readonly followUps = new Map<string, Promise<void>>();
  /** Accounts being disconnected: no run starts and a run under way writes nothing more. */
  private readonly stopped = new Set<string>();

  constructor(private readonly deps: SyncDeps) {}

  /**
   * Syncs an account. A call while a sync runs gets one more run right after it (shared by every
   * caller that asked meanwhile), so "Refresh" always sees what arrived before the click.
   */
  syncAccount(accountId: string, firstPage?: Page | GraphError): Promise<void> {
    if (this.stopped.has(accountId)) return Promise.resolve();
    const current = this.running.get(accountId);
    if (current) {
      let next = this.followUps.get(accountId);
      if (!next) {
        next = current
          // The run under way reports its own failure to whoever started it; the follow-up runs anyway.
          .catch(() => undefined)
          .then(() => {
            this.followUps.delete(accountId);
            return this.syncAccount(accountId);
          });
        this.followUps.set(accountId, next);
      }
      return next;
    }
    const run = this.run(accountId, firstPage).finally(() => this.running.delete(accountId));
    this.running.set(accountId, run);
    return run;
  }

  /**
   * Syncs every account. With several accounts, their first pages come in one Graph batch
   * request (one round trip instead of one per account); each then pages on alone if needed.
   */
  async syncAll(opts: { includeRunning?: boolean } = {}): Promise<void> {
    const all = await listAccounts();
    // An account already syncing gets a follow-up run when a person asked (Refresh); a timer
    // tick just leaves it to the run under way.
    const idle = all.filter((a) => !this.running.has(a.id));
    const busy = opts.includeRunning ? all.filter((a) => this.running.has(a.id)) : [];
    const firstPages = idle.length > 1 ? await this.batchFirstPages(idle) : new Map<string, Page | GraphError>();
    await Promise.allSettled([
      ...idle.map((a) => this.syncAccount(a.id, firstPages.get(a.id))),
      ...busy.map((a) => this.syncAccount(a.id)),
    ]);
  }

  /**
   * Stops an account's sync until `resume` (it is being disconnected): no new run starts, a run
   * under way stops before its next write, and this resolves once it and its follow-up ended, so
   * nothing of the account is written after it.
   */
  async stop(accountId: string): Promise<void> {
    this.stopped.add(accountId);
    for (;;) {
      const pending = [this.running.get(accountId), this.followUps.get(accountId)].filter((p) => p !== undefined);
      if (pending.length === 0) return;
      await Promise.allSettled(pending);
    }
  }

  resume(accountId: string): void {
    this.stopped.delete(accountId);
  }

  /** A worker stopped mid-sync leaves `running` set: clear it when a new worker starts. */
  async clearStaleRunning(): Promise<void> {
    for (const account of await listAccounts()) {
      if ((await getSyncState(account.id))?.running) await updateSyncState(account.id, { running: false });
    }
  }

  private async batchFirstPages(accounts: Account[]): Promise<Map<string, Page | GraphError>> {
    const pages = new Map<string, Page | GraphError>();
    try {
      await this.deps.client.budget.ready();
      // A rate-limited account stays out (its run records when it may be asked again), and so does
      // one in the middle of a capped pass (its run continues from a cursor, not the first page).
      const candidates: Array<{ account: Account; state: SyncState | undefined }> = [];
      for (const account of accounts) {
        const state = await getSyncState(account.id);
        if (state?.resume) continue;
        if (this.rateLimitedUntil(account.id, state) > this.now() + BATCH_SLOT_WAIT_MS) continue;
        candidates.push({ account, state });
      }
      const batchable = candidates.slice(0, 50);
      // Each part counts toward its account's 2 calls/s, like a separate request would. An account
      // whose next slot is a moment away waits for it: alone it would wait just as long, and cost
      // a round trip of its own.
      const slots = await Promise.all(batchable.map((c) => this.deps.client.budget.take(c.account.id, BATCH_SLOT_WAIT_MS)));
      const parts: Array<{ account: Account; token: string; limit: number; messageLimit: number }> = [];
      for (const [i, { account, state }] of batchable.entries()) {
        if (!slots[i]) continue;
        const limits = this.limitsOf(state);
        parts.push({ account, token: (await this.deps.auth.pageTokenFor(account.id)).token, ...limits });
      }
      const first = parts[0];
      if (!first || parts.length < 2) return pages;
      const answers = await batchGet(
        this.deps.client,
        first.token,
        parts.map((p) => ({
          path: `/${p.account.pageId}/conversations`,
          token: p.token,
          params: conversationPageParams(p.limit, p.messageLimit),
          budgetKey: p.account.id,
        })),
      );
      answers.forEach((answer, i) => {
        const part = parts[i];
        if (!part) return;
        if (answer.error) {
          // A refusal Meta will repeat (a missing permission) is recorded as it is, and a rate
          // limit makes the account wait until Meta says it may be asked again (the budget now
          // holds that time). Anything a retry may fix (an expired token, a hiccup) is asked
          // again on its own.
          const kind = answer.error.kind;
          if (kind === 'permission' || kind === 'messaging-disabled' || kind === 'rate-limit') pages.set(part.account.id, answer.error);
          else logDiagnostic('sync', 'A part of the batch of first pages failed; the account is asked on its own', answer.error);
          return;
        }
        try {
          pages.set(part.account.id, parsePaged(answer.body, parseConversation, 'list of conversations'));
        } catch (e) {
          logDiagnostic('sync', 'A part of the batch of first pages was unreadable; the account is asked on its own', e);
        }
      });
    } catch (e) {
      // The batch is only a shortcut: on any failure every account syncs on its own.
      logDiagnostic('sync', 'The batch of first pages failed; every account syncs on its own', e);
    }
    return pages;
  }

  /** Until when Meta asked us to leave the account alone (epoch ms; 0 when it did not). */
  private rateLimitedUntil(accountId: string, state: SyncState | undefined): number {
    return Math.max(this.deps.client.budget.blockedUntil(accountId), state?.resumeAt ?? 0);
  }

  /** The page and message limits for a run: the reduced ones Meta last accepted, or the defaults. */
  private limitsOf(state: SyncState | undefined): { limit: number; messageLimit: number } {
    const reduced = state?.limitsReducedAt !== undefined && this.now() - state.limitsReducedAt < LIMITS_KEPT_MS;
    const fallback = (state?.watermark ?? 0) > 0 ? INCREMENTAL_PAGE_SIZE : PAGE_SIZE;
    return {
      limit: reduced && state.pageLimit ? state.pageLimit : fallback,
      messageLimit: reduced && state.messageLimit ? state.messageLimit : MESSAGE_DETAIL_LIMIT,
    };
  }

  private async run(accountId: string, firstPage?: Page | GraphError): Promise<void> {
    const account = await getAccount(accountId);
    if (!account) return;
    const previous = await getSyncState(accountId);
    const watermark = previous?.watermark ?? 0;
    const firstSync = !previous?.lastSyncedAt;

    // Rate-limited: not a single call before Meta says the account may be asked again.
    await this.deps.client.budget.ready();
    const blockedUntil = this.rateLimitedUntil(accountId, previous);
    if (blockedUntil > this.now() + SKIP_WHEN_BLOCKED_MS) {
      const message = describeRateLimitWait(blockedUntil - this.now());
      await updateSyncState(accountId, { running: false, resumeAt: blockedUntil, error: { kind: 'rate-limit', message, at: this.now() } });
      this.deps.notify({ type: 'sync-changed', accountId });
      throw new GraphError({ kind: 'rate-limit', message, retryAfterMs: blockedUntil - this.now() });
    }

    await updateSyncState(accountId, { running: true });
    this.deps.notify({ type: 'sync-changed', accountId });
    await this.deps.onStateChanged?.({ conversationsChanged: false });

    let { limit, messageLimit } = this.limitsOf(previous);
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
    // Graph times have whole-second precision: compare at that precision.
    const echoesSince = Math.floor(account.connectedAt / 1000) * 1000;
    const ctx: MergeContext = { accountId, echoesSince };
    const absorb = async (result: MergeResult): Promise<void> => {
      result.changed.forEach((id) => touched.add(id));
      if (result.written.length > 0) {
        await this.deps.onMessagesStored?.(result.written, result.rows).catch((e: unknown) => {
          logDiagnostic('sync', 'Could not add synced messages to the search index', e);
        });
      }
      inserted.push(...result.inserted);
      if (result.changed.length > 0) this.deps.notify({ type: 'conversations-changed', accountId, conversationIds: result.changed });
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
            page = await this.deps.auth.withPageToken(accountId, (p) =>
              listConversations(this.deps.client, {
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
              await updateSyncState(accountId, { pageLimit: limit, messageLimit, limitsReducedAt: this.now() });
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
        if (this.stopped.has(accountId)) return;
        const missingOlder = await this.threadsMissingOlder(page.items, messageLimit, partial);
        if (missingOlder) await updateSyncState(accountId, { partialThreads: { ...partial } });
        await absorb(await mergeConversations(ctx, page.items));
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

      await this.readWhole(accountId, ctx, partial, messageLimit, absorb);
      if (this.stopped.has(accountId)) return;

      // Only a complete pass moves the watermark; a capped one keeps its cursor for the next run.
      await updateSyncState(accountId, {
        running: false,
        watermark: clampToPartial(outcome === 'complete' ? newest : floor),
        lastSyncedAt: this.now(),
        error: null,
        resumeAt: null,
        partialThreads: partial,
        resume: outcome === 'capped' && after !== null ? { after, newest } : null,
      });
      const current = await getAccount(accountId);
      if (current && current.status !== 'ok') {
        await putAccount({ ...current, status: 'ok' });
        this.deps.notify({ type: 'accounts-changed' });
      }
      // A message without a sender is not the customer's: it announces nothing.
      const fresh = inserted.filter((m) => !m.isOwn && m.fromId !== null && m.createdTime >= echoesSince);
      if (!firstSync && fresh.length > 0 && this.deps.onNewMessages) {
        const db = await getDB();
        const conversations = new Map<string, Conversation>();
        for (const id of touched) {
          const c = await db.get('conversations', id);
          if (c) conversations.set(id, c);
        }
        await this.deps.onNewMessages(account, fresh, conversations);
      }
    } catch (e) {
      const { kind, message } = describeSyncFailure(e);
      const resumeAt =
        e instanceof GraphError && e.kind === 'rate-limit'
          ? Math.max(this.deps.client.budget.blockedUntil(accountId), this.now() + (e.retryAfterMs ?? 0))
          : null;
      await updateSyncState(accountId, {
        running: false,
        error: { kind, message: resumeAt !== null ? describeRateLimitWait(resumeAt - this.now()) : message, at: this.now() },
        partialThreads: partial,
        ...(resumeAt !== null ? { resumeAt } : {}),
      });
      const status =
        kind === 'permission'
          ? 'permission-required'
          : kind === 'messaging-disabled'
            ? 'messaging-disabled'
            : kind === 'auth'
              ? 'reconnect'
              : null;
      const current = await getAccount(accountId);
      if (status && current && current.status !== status) {
        await putAccount({ ...current, status });
        this.deps.notify({ type: 'accounts-changed' });
      }
      throw e;
    } finally {
      this.deps.notify({ type: 'sync-changed', accountId });
      await this.deps.onStateChanged?.({ conversationsChanged: touched.size > 0 });
    }
  }

  /**
   * Records in `partial` the threads of a page whose older messages may be missing (see `run`), and
   * drops those a full read (Meta's newest 20) now covers. Returns whether `partial` changed.
   */
  private async threadsMissingOlder(items: GraphConversation[], messageLimit: number, partial: Record<string, number>): Promise<boolean> {
    let changed = false;
    const db = await getDB();
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
      if (await db.get('messages', oldest.id)) continue; // it reaches what is stored: no gap
      partial[c.id] = c.updatedTime;
      changed = true;
    }
    return changed;
  }

  /** Reads the recorded partial threads whole (oldest first, a few per run) and merges them. */
  private async readWhole(
    accountId: string,
    ctx: MergeContext,
    partial: Record<string, number>,
    pageSize: number,
    absorb: (result: MergeResult) => Promise<void>,
  ): Promise<void> {
    const ids = Object.entries(partial)
      .sort((a, b) => a[1] - b[1])
      .slice(0, MAX_WHOLE_READS_PER_RUN)
      .map(([id]) => id);
    for (const id of ids) {
      if (this.stopped.has(accountId)) return;
      try {
        const messages = await this.readThread(accountId, id, pageSize);
        if (this.stopped.has(accountId)) return;
        await absorb(await mergeConversations(ctx, [{ id, updatedTime: partial[id] ?? 0, participants: [], messages }]));
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

  /** A thread's newest messages (Meta details only 20), paged with `pageSize` per call. */
  private async readThread(accountId: string, conversationId: string, pageSize: number): Promise<GraphMessage[]> {
    const messages: GraphMessage[] = [];
    const seen = new Set<string>();
    let after: string | null = null;
    let size = Math.max(1, Math.min(pageSize, MESSAGE_DETAIL_LIMIT));
    for (let calls = 0; calls < 2 * MESSAGE_DETAIL_LIMIT; calls++) {
      let page: Paged<GraphMessage>;
      try {
        page = await this.deps.auth.withPageToken(accountId, (p) =>
          listThreadMessages(this.deps.client, {
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
      if (messages.length >= MESSAGE_DETAIL_LIMIT || page.after === null) return messages;
      if (fresh.length === 0 || page.after === after) {
        logDiagnostic('sync', 'Meta stopped advancing through a thread read whole; keeping what it gave');
        return messages;
      }
      after = page.after;
    }
    return messages;
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }
}

/** What a person reads while Meta makes an account wait: how long, roughly, in whole minutes. */
export function describeRateLimitWait(waitMs: number): string {
  if (waitMs < 60_000) return describeGraphErrorKind('rate-limit');
  const minutes = Math.ceil(waitMs / 60_000);
  return `Instagram asked DM Desk to wait before reading this account again. It will try again in about ${minutes} minute${minutes === 1 ? '' : 's'}; what is already here stays readable.`;
}

export function describeSyncFailure(e: unknown): { kind: SyncErrorKind; message: string } {
  if (e instanceof GraphError) {
    if (e.kind === 'permission') return { kind: 'permission', message: describeGraphErrorKind('permission') };
    if (e.kind === 'messaging-disabled') return { kind: 'messaging-disabled', message: describeGraphErrorKind('messaging-disabled') };
    if (e.kind === 'auth') return { kind: 'auth', message: describeGraphErrorKind('auth') };
    if (e.kind === 'rate-limit') return { kind: 'rate-limit', message: describeGraphErrorKind('rate-limit') };
    return { kind: 'failed', message: describeGraphErrorKind(e.kind) };
  }
  if (e instanceof DOMException && e.name === 'QuotaExceededError') {
    return {
      kind: 'failed',
      message:
        'The browser has no more room for DM Desk’s archive. Nothing stored was lost; free some disk space (or export and disconnect an account) and DM Desk will catch up.',
    };
  }
  if (e instanceof DeskError) {
    if (e.kind === 'auth') return { kind: 'auth', message: e.message };
    if (e.kind === 'permission') return { kind: 'permission', message: e.message };
  }
  return { kind: 'failed', message: describeGraphErrorKind('unknown') };
}
