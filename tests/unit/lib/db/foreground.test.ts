import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BUSY_MS, MAX_PAUSE_MS, QUIET_MS, betweenPages, foregroundIdle, whileForeground } from '@/lib/db/foreground';

describe('foreground reads and the pauses of background reads', () => {
  beforeEach(() => void vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'Date'] }));
  afterEach(() => void vi.useRealTimers());

  /** Resolves a flag when the promise settles, so the test can look without awaiting it. */
  const watch = <T>(p: Promise<T>) => {
    const state: { done: boolean; value?: T } = { done: false };
    void p.then((value) => Object.assign(state, { done: true, value }));
    return state;
  };

  it('pauses while a read a person waits for runs, and until it has been quiet a moment', async () => {
    let finish = () => {};
    const read = whileForeground(() => new Promise<void>((resolve) => (finish = resolve)));
    const idle = watch(foregroundIdle());
    const pause = watch(betweenPages());
    await vi.advanceTimersByTimeAsync(300);
    expect(pause.done).toBe(false);
    expect(idle.done).toBe(false);

    finish();
    await read;
    await vi.advanceTimersByTimeAsync(0);
    expect(idle.done).toBe(true);
    // The read just ended: the next page still waits for the quiet moment.
    expect(pause.done).toBe(false);
    await vi.advanceTimersByTimeAsync(QUIET_MS);
    expect(pause).toEqual({ done: true, value: 'busy' });

    // Quiet for a while: no pause at all, and a full page may be read.
    await vi.advanceTimersByTimeAsync(BUSY_MS);
    const next = watch(betweenPages());
    await vi.advanceTimersByTimeAsync(0);
    expect(next).toEqual({ done: true, value: 'quiet' });
  });

  it('never pauses longer than its limit, so the list fills in while someone keeps scrolling', async () => {
    let finish = () => {};
    const read = whileForeground(() => new Promise<void>((resolve) => (finish = resolve)));
    const pause = watch(betweenPages());
    await vi.advanceTimersByTimeAsync(MAX_PAUSE_MS - 10);
    expect(pause.done).toBe(false);
    await vi.advanceTimersByTimeAsync(20);
    expect(pause).toEqual({ done: true, value: 'busy' });
    finish();
    await read;
  });
});
