/**
 * How much a sync asks Meta for in one call, and when it does not ask at all: page and message
 * limits (halved after Meta's code 1 and remembered for a day), and an account's rate-limit wait.
 */
import type { SyncState } from '../db/schema';
import { MESSAGE_DETAIL_LIMIT } from '../graph/api';
import type { SyncContext } from './context';

/** The first sync reads 25 conversations (with their newest 20 messages) per call. */
export const PAGE_SIZE = 25;
/**
 * Later syncs read 50 per call, so k changed threads cost about 1 + k/50 calls. Should Meta find
 * that too much (code 1, "reduce the amount of data"), page and message limits halve and are
 * remembered in the sync state (a new worker keeps them) for LIMITS_KEPT_MS.
 */
export const INCREMENTAL_PAGE_SIZE = 50;
export const MIN_PAGE_SIZE = 5;
export const MIN_MESSAGE_LIMIT = 5;
/** After this long with reduced limits, a sync tries the full ones again (a code 1 halves them again). */
export const LIMITS_KEPT_MS = 24 * 60 * 60 * 1000;
/** How long an account may wait for its rate-limit slot to join the batch of first pages. */
export const BATCH_SLOT_WAIT_MS = 1000;
/** A block longer than this skips the run (shorter ones the client simply waits out). */
export const SKIP_WHEN_BLOCKED_MS = 10_000;
/** At most this many conversation pages per run; a longer pass continues on the next run. */
export const MAX_PAGES_PER_RUN = 40;
/** Meta may serve an empty page with a `next`; this many in a row end the run. */
export const MAX_EMPTY_PAGES = 3;
/** At most this many threads are read whole per run (the rest wait for the next run). */
export const MAX_WHOLE_READS_PER_RUN = 10;

/** Until when Meta asked us to leave the account alone (epoch ms; 0 when it did not). */
export function rateLimitedUntil(ctx: SyncContext, accountId: string, state: SyncState | undefined): number {
  return Math.max(ctx.deps.client.budget.blockedUntil(accountId), state?.resumeAt ?? 0);
}

/** The page and message limits for a run: the reduced ones Meta last accepted, or the defaults. */
export function limitsOf(ctx: SyncContext, state: SyncState | undefined): { limit: number; messageLimit: number } {
  const reduced = state?.limitsReducedAt !== undefined && ctx.now() - state.limitsReducedAt < LIMITS_KEPT_MS;
  const fallback = (state?.watermark ?? 0) > 0 ? INCREMENTAL_PAGE_SIZE : PAGE_SIZE;
  return {
    limit: reduced && state.pageLimit ? state.pageLimit : fallback,
    messageLimit: reduced && state.messageLimit ? state.messageLimit : MESSAGE_DETAIL_LIMIT,
  };
}
