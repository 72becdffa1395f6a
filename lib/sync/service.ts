/**
 * Per-account sync: pages through the conversation list newest first, merging each page with its
 * newest messages, and stops at the watermark of the last complete sync. The watermark only moves
 * after a complete pass, so an interrupted sync is simply done again (merges are idempotent).
 */
import type { AuthService } from '../auth/service';
import { getAccount, getSyncState, putAccount, updateSyncState } from '../db';
import type { SyncErrorKind } from '../db/schema';
import { DeskError } from '../errors';
import { MESSAGE_DETAIL_LIMIT, listConversations } from '../graph/api';
import type { GraphClient } from '../graph/client';
import { GraphError, describeGraphErrorKind } from '../graph/errors';
import type { Notice } from '../messaging/protocol';
import { mergeConversations } from './merge';

export interface SyncDeps {
  client: GraphClient;
  auth: AuthService;
  notify: (notice: Notice) => void;
  now?: () => number;
}

const PAGE_SIZE = 25;
const MIN_PAGE_SIZE = 5;

export const LOAD_FAILED_MESSAGE = 'Failed to load conversations';

export class SyncService {
  private readonly running = new Map<string, Promise<void>>();

  constructor(private readonly deps: SyncDeps) {}

  /** Syncs an account; concurrent calls for the same account share one run. */
  syncAccount(accountId: string): Promise<void> {
    let run = this.running.get(accountId);
    if (!run) {
      run = this.run(accountId).finally(() => this.running.delete(accountId));
      this.running.set(accountId, run);
    }
    return run;
  }

  private async run(accountId: string): Promise<void> {
    const account = await getAccount(accountId);
    if (!account) return;
    const watermark = (await getSyncState(accountId))?.watermark ?? 0;
    await updateSyncState(accountId, { running: true });
    this.deps.notify({ type: 'sync-changed', accountId });

    let limit = PAGE_SIZE;
    let messageLimit = MESSAGE_DETAIL_LIMIT;
    let after: string | null = null;
    let newest = watermark;
    try {
      for (;;) {
        let page;
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
            continue;
          }
          throw e;
        }
        // Graph times have whole-second precision: compare at that precision.
        const echoesSince = Math.floor(account.connectedAt / 1000) * 1000;
        const changed = await mergeConversations({ accountId, echoesSince }, page.items);
        if (changed.length > 0) this.deps.notify({ type: 'conversations-changed', accountId, conversationIds: changed });
        for (const c of page.items) newest = Math.max(newest, c.updatedTime);
        const reachedKnown = page.items.some((c) => c.updatedTime <= watermark);
        if (reachedKnown || page.after === null) break;
        after = page.after;
      }
      await updateSyncState(accountId, { running: false, watermark: newest, lastSyncedAt: this.now(), error: null });
      const current = await getAccount(accountId);
      if (current && current.status !== 'ok') await putAccount({ ...current, status: 'ok' });
      if (current && current.status !== 'ok') this.deps.notify({ type: 'accounts-changed' });
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
  if (e instanceof DeskError) {
    if (e.kind === 'auth') return { kind: 'auth', message: e.message };
    if (e.kind === 'permission') return { kind: 'permission', message: e.message };
  }
  return { kind: 'failed', message: describeGraphErrorKind('unknown') };
}
