/**
 * Which account syncs when: one run per account at a time, a follow-up run for whoever asked while
 * one was under way, the first pages of several accounts in one batch, and stopping an account
 * that is being disconnected. The background's alarm and Refresh call `syncAll`/`syncAccount`.
 *
 *   run.ts      one account's run: paging the conversation list down to the watermark;
 *   threads.ts  threads whose older messages may be missing, read whole;
 *   batch.ts    the first pages of several accounts in one request;
 *   limits.ts   page and message limits, rate-limit waits;
 *   failure.ts  what a failed run records, in words a person can act on;
 *   merge.ts    the one merge rule for what Meta serves.
 */
import { getSyncState, listAccounts, updateSyncState } from '../db';
import type { GraphError } from '../graph/errors';
import { batchFirstPages } from './batch';
import type { Page, SyncContext, SyncDeps } from './context';
import { runSync } from './run';

export type { SyncDeps } from './context';
export { describeRateLimitWait, describeSyncFailure } from './failure';
export { MAX_PAGES_PER_RUN } from './limits';

export class SyncService {
  readonly #running = new Map<string, Promise<void>>();
  /** A sync asked for while one runs: it started too early to see what changed since. */
  readonly #followUps = new Map<string, Promise<void>>();
  /** Accounts being disconnected: no run starts and a run under way writes nothing more. */
  readonly #stopped = new Set<string>();

  readonly #ctx: SyncContext;

  constructor(deps: SyncDeps) {
    this.#ctx = {
      deps,
      now: () => (deps.now ?? Date.now)(),
      isStopped: (accountId) => this.#stopped.has(accountId),
    };
  }

  /**
   * Syncs an account. A call while a sync runs gets one more run right after it (shared by every
   * caller that asked meanwhile), so "Refresh" always sees what arrived before the click.
   */
  syncAccount(accountId: string, firstPage?: Page | GraphError): Promise<void> {
    if (this.#stopped.has(accountId)) return Promise.resolve();
    const current = this.#running.get(accountId);
    if (current) {
      let next = this.#followUps.get(accountId);
      if (!next) {
        next = current
          // The run under way reports its own failure to whoever started it; the follow-up runs anyway.
          .catch(() => undefined)
          .then(() => {
            this.#followUps.delete(accountId);
            return this.syncAccount(accountId);
          });
        this.#followUps.set(accountId, next);
      }
      return next;
    }
    const run = runSync(this.#ctx, accountId, firstPage).finally(() => this.#running.delete(accountId));
    this.#running.set(accountId, run);
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
    const idle = all.filter((a) => !this.#running.has(a.id));
    const busy = opts.includeRunning ? all.filter((a) => this.#running.has(a.id)) : [];
    const firstPages = idle.length > 1 ? await batchFirstPages(this.#ctx, idle) : new Map<string, Page | GraphError>();
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
    this.#stopped.add(accountId);
    for (;;) {
      const pending = [this.#running.get(accountId), this.#followUps.get(accountId)].filter((p) => p !== undefined);
      if (pending.length === 0) return;
      await Promise.allSettled(pending);
    }
  }

  resume(accountId: string): void {
    this.#stopped.delete(accountId);
  }

  /** A worker stopped mid-sync leaves `running` set: clear it when a new worker starts. */
  async clearStaleRunning(): Promise<void> {
    for (const account of await listAccounts()) {
      if ((await getSyncState(account.id))?.running) await updateSyncState(account.id, { running: false });
    }
  }
}
