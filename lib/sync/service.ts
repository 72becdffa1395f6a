/**
 * Per-account sync: pages through the conversation list newest first, merging each page with its
 * newest messages, and stops at the watermark of the last complete sync. The watermark only moves
 * after a complete pass, so a sync interrupted at any point (the MV3 worker may be stopped) is
 * simply done again: merges are idempotent, so there are no duplicates and no gaps.
 */
import type { AuthService } from '../auth/service';
import { getAccount, getDB, getSyncState, listAccounts, putAccount, updateSyncState } from '../db';
import type { Account, Conversation, Message, SyncErrorKind } from '../db/schema';
import { DeskError } from '../errors';
import { MESSAGE_DETAIL_LIMIT, batchGet, conversationPageParams, listConversations } from '../graph/api';
import type { GraphClient } from '../graph/client';
import { GraphError, classifyGraphError, describeGraphErrorKind } from '../graph/errors';
import { parseConversation, parseErrorBody, parsePaged } from '../graph/parse';
import type { GraphConversation, Paged } from '../graph/types';
import type { Notice } from '../messaging/protocol';
import { mergeConversations } from './merge';

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
 * that too much (code 1, "reduce the amount of data"), the size halves and is remembered.
 */
const INCREMENTAL_PAGE_SIZE = 50;
const MIN_PAGE_SIZE = 5;
/** How long an account may wait for its rate-limit slot to join the batch of first pages. */
const BATCH_SLOT_WAIT_MS = 1000;

type Page = Paged<GraphConversation>;

export class SyncService {
  private readonly running = new Map<string, Promise<void>>();
  /** A sync asked for while one runs: it started too early to see what changed since. */
  private readonly followUps = new Map<string, Promise<void>>();
  /** Page sizes Meta accepted, per account, after it asked for less data. */
  private readonly pageSizes = new Map<string, number>();
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
      const parts: Array<{ account: Account; token: string; limit: number }> = [];
      const batchable = accounts.slice(0, 50);
      // Each part counts toward its account's 2 calls/s, like a separate request would. An account
      // whose next slot is a moment away waits for it: alone it would wait just as long, and cost
      // a round trip of its own.
      const slots = await Promise.all(batchable.map((a) => this.deps.client.budget.take(a.id, BATCH_SLOT_WAIT_MS)));
      for (const [i, account] of batchable.entries()) {
        if (!slots[i]) continue;
        const incremental = ((await getSyncState(account.id))?.watermark ?? 0) > 0;
        const limit = this.pageSizes.get(account.id) ?? (incremental ? INCREMENTAL_PAGE_SIZE : PAGE_SIZE);
        parts.push({ account, token: (await this.deps.auth.pageTokenFor(account.id)).token, limit });
      }
      const first = parts[0];
      if (!first || parts.length < 2) return pages;
      const answers = await batchGet(
        this.deps.client,
        first.token,
        parts.map((p) => ({
          path: `/${p.account.pageId}/conversations`,
          token: p.token,
          params: conversationPageParams(p.limit, MESSAGE_DETAIL_LIMIT),
        })),
      );
      answers.forEach((answer, i) => {
        const part = parts[i];
        if (!part) return;
        const error = parseErrorBody(answer.body);
        if (error) {
          // A refusal Meta will repeat (a missing permission) is recorded as it is; anything a
          // retry may fix (an expired token, a hiccup) is asked again on its own.
          const kind = classifyGraphError(error.code, error.subcode, answer.code);
          if (kind === 'permission' || kind === 'messaging-disabled') {
            pages.set(
              part.account.id,
              new GraphError({ kind, message: describeGraphErrorKind(kind), code: error.code, subcode: error.subcode }),
            );
          }
          return;
        }
        if (answer.code !== 200) return;
        try {
          pages.set(part.account.id, parsePaged(answer.body, parseConversation, 'list of conversations'));
        } catch {
          // An unreadable part is fetched again on its own.
        }
      });
    } catch {
      // The batch is only a shortcut: on any failure every account syncs on its own.
    }
    return pages;
  }

  private async run(accountId: string, firstPage?: Page | GraphError): Promise<void> {
    const account = await getAccount(accountId);
    if (!account) return;
    const previous = await getSyncState(accountId);
    const watermark = previous?.watermark ?? 0;
    const firstSync = !previous?.lastSyncedAt;
    await updateSyncState(accountId, { running: true });
    this.deps.notify({ type: 'sync-changed', accountId });
    await this.deps.onStateChanged?.({ conversationsChanged: false });

    let limit = this.pageSizes.get(accountId) ?? (watermark > 0 ? INCREMENTAL_PAGE_SIZE : PAGE_SIZE);
    let messageLimit = MESSAGE_DETAIL_LIMIT;
    let after: string | null = null;
    let newest = watermark;
    let prefetched = firstPage;
    const inserted: Message[] = [];
    const touched = new Set<string>();
    // Graph times have whole-second precision: compare at that precision.
    const echoesSince = Math.floor(account.connectedAt / 1000) * 1000;
    try {
      for (;;) {
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
            // Meta asks for smaller pages when one call would return too much: halve and retry.
            if (e instanceof GraphError && e.kind === 'too-much-data' && limit > MIN_PAGE_SIZE) {
              limit = Math.max(MIN_PAGE_SIZE, Math.floor(limit / 2));
              messageLimit = Math.max(MIN_PAGE_SIZE, Math.floor(messageLimit / 2));
              this.pageSizes.set(accountId, limit);
              continue;
            }
            throw e;
          }
        }
        if (this.stopped.has(accountId)) return;
        const result = await mergeConversations({ accountId, echoesSince }, page.items);
        result.changed.forEach((id) => touched.add(id));
        if (result.written.length > 0) await this.deps.onMessagesStored?.(result.written, result.rows).catch(() => undefined);
        inserted.push(...result.inserted);
        if (result.changed.length > 0) this.deps.notify({ type: 'conversations-changed', accountId, conversationIds: result.changed });
        for (const c of page.items) newest = Math.max(newest, c.updatedTime);
        const reachedKnown = page.items.some((c) => c.updatedTime <= watermark);
        if (reachedKnown || page.after === null) break;
        after = page.after;
      }
      if (this.stopped.has(accountId)) return;
      await updateSyncState(accountId, { running: false, watermark: newest, lastSyncedAt: this.now(), error: null });
      const current = await getAccount(accountId);
      if (current && current.status !== 'ok') {
        await putAccount({ ...current, status: 'ok' });
        this.deps.notify({ type: 'accounts-changed' });
      }
      const fresh = inserted.filter((m) => !m.isOwn && m.createdTime >= echoesSince);
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
      await updateSyncState(accountId, { running: false, error: { kind, message, at: this.now() } });
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

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }
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
