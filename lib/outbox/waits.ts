/**
 * Waiting in the outbox: how long a rate-limited reply or an unreadable thread waits, when an item
 * is due, and the timer that wakes this worker for the next waiting item. Timers die with an MV3
 * worker; alarms and restarts call `Outbox.process` again, which picks waiting items up.
 */
import type { OutboxItem } from '../db/schema';
import { GraphError } from '../graph/errors';
import type { OutboxDeps } from './context';

/** When Meta rate-limits without saying for how long. */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;

/** How long a rate-limited send waits: as long as Meta asks, or a minute when it does not say. */
export function sendWaitMs(e: GraphError): number {
  return e.retryAfterMs !== null && e.retryAfterMs > 0 ? e.retryAfterMs : DEFAULT_RATE_LIMIT_WAIT_MS;
}

/** How long until a thread that could not be read is read again: Meta's wait after a rate limit, else `recheckMs`. */
export function recheckWaitMs(e: unknown, recheckMs: number): number {
  return e instanceof GraphError && e.kind === 'rate-limit' && e.retryAfterMs ? e.retryAfterMs : recheckMs;
}

/** Whether an item may be worked on now (it is not waiting for a later time). */
export function due(item: OutboxItem, now: number): boolean {
  return !item.notBefore || item.notBefore <= now;
}

/** One timer for the soonest waiting item. */
export class WakeTimer {
  #handle: unknown = null;

  constructor(private readonly deps: Pick<OutboxDeps, 'setTimer' | 'clearTimer'>) {}

  /** Replaces the timer with one that calls `wake` when the soonest queued or unknown item is due. */
  schedule(items: readonly OutboxItem[], now: number, wake: () => void): void {
    const clear = this.deps.clearTimer ?? ((h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>));
    const set = this.deps.setTimer ?? ((run: () => void, ms: number) => setTimeout(run, ms));
    if (this.#handle !== null) clear(this.#handle);
    this.#handle = null;
    const waiting = items.filter((i) => (i.state === 'queued' || i.state === 'unknown') && i.notBefore);
    if (waiting.length === 0) return;
    const next = Math.min(...waiting.map((i) => i.notBefore ?? 0));
    this.#handle = set(
      () => {
        this.#handle = null;
        wake();
      },
      Math.max(0, next - now) + 50,
    );
  }
}
