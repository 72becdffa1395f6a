import { afterEach, describe, expect, it, vi } from 'vitest';
import { compactInWorker } from '@/lib/search/engine';

/** A stand-in for the compaction worker: answers what `reply` says, and counts its runs. */
function fakeWorkers(reply: () => { terms?: number; error?: string } | 'throw' | 'crash') {
  const runs = { started: 0, ended: 0 };
  let ended: () => void = () => undefined;
  const next = () => new Promise<void>((resolve) => (ended = resolve));
  let waiting = next();
  class FakeWorker extends EventTarget {
    constructor() {
      super();
      const answer = reply();
      if (answer === 'throw') throw Object.assign(new Error('refused'), { name: 'SecurityError' });
      runs.started++;
      setTimeout(() => {
        if (answer === 'crash') this.dispatchEvent(new Event('error'));
        else this.dispatchEvent(new MessageEvent('message', { data: answer }));
      }, 5);
    }
    terminate() {
      runs.ended++;
      const done = ended;
      waiting = next();
      done();
    }
  }
  vi.stubGlobal('Worker', FakeWorker);
  return { runs, ended: () => waiting };
}

const settle = () => new Promise((r) => setTimeout(r, 30));

describe('compaction in a worker', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('runs once at a time; a call during a run runs once more after it', async () => {
    const { runs, ended } = fakeWorkers(() => ({ terms: 3 }));
    const errors: string[] = [];
    const first = ended();
    compactInWorker((e) => errors.push(e));
    compactInWorker((e) => errors.push(e));
    compactInWorker((e) => errors.push(e));
    await first;
    await settle();
    expect(runs).toEqual({ started: 2, ended: 2 });
    expect(errors).toEqual([]);
  });

  it('says what failed: the worker’s answer, a crash, or a worker the page may not start', async () => {
    const answers = [{ error: 'AbortError' }, 'crash', 'throw'] as const;
    let at = 0;
    fakeWorkers(() => answers[at++]!);
    const errors: string[] = [];
    for (let i = 0; i < answers.length; i++) {
      compactInWorker((e) => errors.push(e));
      await settle();
    }
    expect(errors).toEqual(['AbortError', 'WorkerError', 'SecurityError']);
    // Nothing is left running after a failure: the next call starts a worker again.
    const { runs } = fakeWorkers(() => ({ terms: 0 }));
    compactInWorker(() => undefined);
    await settle();
    expect(runs.started).toBe(1);
  });
});
