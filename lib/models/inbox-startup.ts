/**
 * The side panel's startup order: the first rows of the list are read and painted first; the
 * account's whole list and desk records (thousands of rows, read and structured-cloned on the
 * page's thread) wait until those rows are painted and the page is idle, so that a search typed
 * at once, or the thread opened with the panel, is not queued behind them. The views' counts fill
 * a moment later.
 */
import { foregroundIdle } from '../db/foreground';
import type { ConversationListDeps, PacedRead } from './conversation-list';

export interface StartupDeps {
  /** Resolves when the startup's big reads may start (default `afterPaintAndIdle`). */
  settle?(): Promise<void>;
}

/** The whole-list reads wait at least this long after the first rows' paint (a query typed at once goes first)… */
const SETTLE_MIN_MS = 200;
/** …and then for the page to be idle, at the latest this long… */
const SETTLE_TIMEOUT_MS = 1000;
/** …and for a running search or thread read to end, at most this long. */
const FOREGROUND_WAIT_MS = 2000;

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Resolves after the next paint, SETTLE_MIN_MS later once the page is idle and no search or
 * thread read is running (lib/db/foreground.ts); at once where the page cannot tell (no requestIdleCallback:
 * tests, workers).
 */
export async function afterPaintAndIdle(): Promise<void> {
  if (typeof requestIdleCallback !== 'function' || typeof requestAnimationFrame !== 'function') return;
  await new Promise((resolve) => requestAnimationFrame(resolve));
  await wait(SETTLE_MIN_MS);
  await new Promise((resolve) => requestIdleCallback(resolve, { timeout: SETTLE_TIMEOUT_MS }));
  await Promise.race([foregroundIdle(), wait(FOREGROUND_WAIT_MS)]);
}

/**
 * The list's reads of the whole list and of the desk records, held back while the inbox starts:
 * the first of them starts `settle()` and every one waits for it, after which they go straight
 * through for good (only the startup's reads wait; the model is made as the page starts).
 */
export function startupGate(deps: ConversationListDeps & StartupDeps) {
  /** 'closed': nothing asked yet; then settling; null: open. */
  let gate: 'closed' | Promise<void> | null = 'closed';
  // Reads of one account asked for again while they wait (a notice re-reads the list) are one
  // read: it starts after the gate, after whatever the notice said changed.
  const gated = <R>(read: (accountId: string, opts?: PacedRead) => Promise<R>) => {
    const waiting = new Map<string, Promise<R>>();
    return (accountId: string, opts?: PacedRead): Promise<R> => {
      if (gate === null) return read(accountId, opts);
      if (gate === 'closed') {
        const open = () => void (gate = null);
        gate = (deps.settle ?? afterPaintAndIdle)().then(open, open);
      }
      let next = waiting.get(accountId);
      if (!next) {
        next = gate.then(() => {
          waiting.delete(accountId);
          return read(accountId, opts);
        });
        waiting.set(accountId, next);
      }
      return next;
    };
  };
  // The inbox's own deps underneath (looked up when called), with these two reads gated.
  const listDeps: ConversationListDeps = Object.create(deps) as ConversationListDeps;
  listDeps.listConversations = gated((accountId, opts) => deps.listConversations(accountId, opts));
  if (deps.getDeskStates) listDeps.getDeskStates = gated((accountId, opts) => deps.getDeskStates!(accountId, opts));
  return { listDeps };
}
