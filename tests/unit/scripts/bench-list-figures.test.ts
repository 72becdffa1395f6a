// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { frameStats, selfTimes } from '../../../scripts/bench/list-figures';

describe('frameStats', () => {
  it('gives frames per second, the p95 and the longest frame, and counts frames over 50 ms', () => {
    const deltas = [...Array<number>(95).fill(16.7), 33.4, 33.4, 33.4, 60, 120];
    const s = frameStats(deltas);
    expect(s.max).toBe(120);
    expect(s.p95).toBeCloseTo(16.7);
    expect(s.over50).toBe(2);
    expect(s.fps).toBeCloseTo((100 * 1000) / deltas.reduce((a, b) => a + b, 0));
    expect(frameStats([]).fps).toBeNaN();
  });
});

describe('selfTimes', () => {
  it('adds each sample’s time to its function, largest first', () => {
    const frame = (functionName: string, url: string) => ({ functionName, url, lineNumber: 9 });
    const profile = {
      nodes: [
        { id: 1, callFrame: frame('(root)', '') },
        { id: 2, callFrame: frame('render', 'chrome-extension://x/chunks/list.js') },
        { id: 3, callFrame: frame('', 'chrome-extension://x/chunks/list.js') },
      ],
      samples: [2, 3, 2, 2, 3, 1],
      timeDeltas: [1000, 500, 1000, 1000, 500, 250],
    };
    expect(selfTimes(profile)).toEqual([
      { fn: 'render list.js:10', ms: 3 },
      { fn: '(anonymous) list.js:10', ms: 1 },
      { fn: '(root) :10', ms: 0.25 },
    ]);
    expect(selfTimes(profile, 1)).toHaveLength(1);
  });
});
