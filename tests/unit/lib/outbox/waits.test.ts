import { describe, expect, it } from 'vitest';
import type { OutboxItem } from '@/lib/db/schema';
import { GraphError } from '@/lib/graph/errors';
import { DEFAULT_RATE_LIMIT_WAIT_MS, WakeTimer, due, recheckWaitMs, sendWaitMs } from '@/lib/outbox/waits';
import { outboxItem } from '../../support/factories';

const item = (over: Partial<OutboxItem>): OutboxItem => outboxItem({ text: 'Hi', notBefore: null, stage: null, baseline: [], ...over });

describe('outbox waits', () => {
  it('a rate-limited send waits as long as Meta asks, or a minute when it does not say', () => {
    expect(sendWaitMs(new GraphError({ kind: 'rate-limit', message: '', retryAfterMs: 5000 }))).toBe(5000);
    expect(sendWaitMs(new GraphError({ kind: 'rate-limit', message: '' }))).toBe(DEFAULT_RATE_LIMIT_WAIT_MS);
  });

  it('an unreadable thread is read again at the recheck interval, or when a rate limit ends', () => {
    expect(recheckWaitMs(new GraphError({ kind: 'network', message: '' }), 15_000)).toBe(15_000);
    expect(recheckWaitMs(new GraphError({ kind: 'rate-limit', message: '', retryAfterMs: 90_000 }), 15_000)).toBe(90_000);
  });

  it('an item is due without a time, or once its time has come', () => {
    expect(due(item({}), 100)).toBe(true);
    expect(due(item({ notBefore: 100 }), 100)).toBe(true);
    expect(due(item({ notBefore: 101 }), 100)).toBe(false);
  });

  it('the wake-up timer is set for the soonest waiting item and replaced on the next schedule', () => {
    const set: number[] = [];
    const cleared: unknown[] = [];
    let fire: () => void = () => undefined;
    const timer = new WakeTimer({
      setTimer: (run, ms) => {
        set.push(ms);
        fire = run;
        return set.length;
      },
      clearTimer: (h) => cleared.push(h),
    });
    let woken = 0;
    const items = [
      item({ id: 'a', notBefore: 5000 }),
      item({ id: 'b', state: 'unknown', notBefore: 2000 }),
      item({ id: 'c', state: 'failed', notBefore: 1000 }),
    ];
    timer.schedule(items, 1000, () => (woken += 1));
    expect(set).toEqual([1050]);
    timer.schedule([], 1000, () => (woken += 1));
    expect(cleared).toEqual([1]);
    timer.schedule(items, 1000, () => (woken += 1));
    fire();
    expect(woken).toBe(1);
  });
});
