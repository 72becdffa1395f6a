import { describe, expect, it } from 'vitest';
import { DEFAULT_WORKING_HOURS, MIN_ALARM_MS, SYNC_PRESETS, type SyncPreset } from '@/lib/policy/sync-cadence';
import { SYNC_ALARM, SyncScheduler, type SchedulerConfig, type SchedulerMemory } from '@/lib/sync/scheduler';

/** A virtual clock with timers, a backstop alarm and a sync that takes `tickMs`. */
function world(opts: { preset?: SyncPreset; tickMs?: number; start?: number; memory?: SchedulerMemory } = {}) {
  let now = opts.start ?? Date.UTC(2026, 2, 4, 12, 0);
  let seq = 0;
  const timers = new Map<number, { at: number; run: () => void }>();
  const ticks: Array<{ start: number; end: number }> = [];
  const alarms: Array<{ name: string; delayInMinutes: number; periodInMinutes: number }> = [];
  let alarmCleared = 0;
  let running = 0;
  let maxConcurrent = 0;
  const config: SchedulerConfig = {
    preset: opts.preset ?? 'realtime',
    workingHours: DEFAULT_WORKING_HOURS,
    timeZone: 'UTC',
    paused: false,
  };
  const stored: { memory: SchedulerMemory } = { memory: opts.memory ?? { lastTickAt: null, lastActivityAt: null } };
  const tickMs = opts.tickMs ?? 300;
  const make = () =>
    new SyncScheduler({
      tick: () => {
        running += 1;
        maxConcurrent = Math.max(maxConcurrent, running);
        const entry = { start: now, end: now };
        ticks.push(entry);
        return new Promise<void>((resolve) =>
          setTimer(() => {
            running -= 1;
            entry.end = now;
            resolve();
          }, tickMs),
        );
      },
      loadConfig: async () => ({ ...config }),
      memory: { load: async () => ({ ...stored.memory }), save: async (m) => void (stored.memory = { ...m }) },
      alarms: {
        create: (name, info) => void alarms.push({ name, ...info }),
        get: async (name) => [...alarms].reverse().find((a) => a.name === name),
        clear: () => void (alarmCleared += 1),
      },
      now: () => now,
      setTimer: (run, ms) => setTimer(run, ms),
      clearTimer: (handle) => void timers.delete(handle as number),
    });
  function setTimer(run: () => void, ms: number): number {
    const id = ++seq;
    timers.set(id, { at: now + Math.max(0, ms), run });
    return id;
  }
  const flush = async () => {
    for (let i = 0; i < 20; i++) await Promise.resolve();
  };
  /** Runs every timer due within `ms`, in order, letting promises settle between them. */
  const advance = async (ms: number) => {
    const end = now + ms;
    await flush();
    for (;;) {
      const next = [...timers.entries()].sort((a, b) => a[1].at - b[1].at)[0];
      if (!next || next[1].at > end) break;
      timers.delete(next[0]);
      now = next[1].at;
      next[1].run();
      await flush();
    }
    now = end;
    await flush();
  };
  return {
    config,
    stored,
    ticks,
    alarms,
    make,
    advance,
    flush,
    get now() {
      return now;
    },
    get alarmCleared() {
      return alarmCleared;
    },
    get maxConcurrent() {
      return maxConcurrent;
    },
    dropTimers: () => timers.clear(),
  };
}

const gaps = (ticks: Array<{ start: number }>): number[] => ticks.slice(1).map((t, i) => t.start - ticks[i]!.start);

describe('sync scheduler', () => {
  it('syncs at once on a fresh start, then every 15 s with no page open; the alarm stays at the packed minimum', async () => {
    const w = world();
    const s = w.make();
    await s.wake();
    await w.advance(60_000);
    expect(w.ticks.length).toBe(5);
    expect(gaps(w.ticks)).toEqual([15_000, 15_000, 15_000, 15_000]);
    expect(w.alarms).toEqual([{ name: SYNC_ALARM, delayInMinutes: 0.5, periodInMinutes: 0.5 }]);
  });

  it('every 10 s while a page is in view, back to 15 s once none is', async () => {
    const w = world();
    const s = w.make();
    await s.wake();
    await w.advance(3_000);
    s.setPageVisible(true);
    await w.advance(26_000);
    // 0, 10, 20 (the page came at 3 s, 10 s after the last sync is 10 s)
    expect(w.ticks.map((t) => t.start - w.ticks[0]!.start)).toEqual([0, 10_000, 20_000]);
    s.setPageVisible(false);
    await w.advance(30_000);
    expect(gaps(w.ticks).slice(2)).toEqual([15_000, 15_000]);
    expect(w.alarms.every((a) => a.periodInMinutes * 60_000 >= MIN_ALARM_MS)).toBe(true);
  });

  it('says when it will sync next, and nothing while a sync runs', async () => {
    const w = world({ tickMs: 300 });
    const s = w.make();
    await s.wake();
    const first = w.ticks[0]!.start;
    expect(s.nextSyncAt()).toBeNull();
    await w.advance(1_000);
    expect(s.nextSyncAt()).toBe(first + 15_000);
    s.setPageVisible(true);
    await w.advance(0);
    expect(s.nextSyncAt()).toBe(first + 10_000);
    await w.advance(9_000);
    expect(w.ticks.length).toBe(2);
    expect(s.nextSyncAt()).toBeNull();
    await w.advance(300);
    expect(s.nextSyncAt()).toBe(first + 20_000);
  });

  it('a page shown long after the last sync syncs at once', async () => {
    const w = world({ preset: 'battery' });
    const s = w.make();
    await s.wake();
    await w.advance(50_000);
    expect(w.ticks.length).toBe(1);
    s.setPageVisible(true);
    await w.advance(0);
    expect(w.ticks.length).toBe(2);
  });

  it('the alarm and the timer never make two syncs, and syncs never overlap', async () => {
    const w = world({ tickMs: 22_000 });
    const s = w.make();
    await s.wake();
    for (let i = 0; i < 10; i++) {
      await w.advance(7_000);
      await s.wake(); // an alarm, a page, a new setting: any wake-up
    }
    expect(w.maxConcurrent).toBe(1);
    for (const gap of gaps(w.ticks)) expect(gap).toBeGreaterThanOrEqual(15_000);
  });

  it('a stopped worker loses nothing: the next one syncs when the alarm wakes it, not before one is due', async () => {
    const w = world();
    const first = w.make();
    await first.wake();
    await w.advance(15_000);
    expect(w.ticks.length).toBe(2);
    // The worker is stopped 4 s after its last sync (its timer dies with it).
    await w.advance(4_000);
    w.dropTimers();
    // A new worker starts (a page message, an event) 4 s after the last sync: nothing due yet.
    const second = w.make();
    await second.wake();
    expect(w.ticks.length).toBe(2);
    // …its timer syncs when due.
    await w.advance(11_000);
    expect(w.ticks.length).toBe(3);
    // Stopped again; the alarm wakes a third worker 30 s later: a sync is due, it runs at once.
    w.dropTimers();
    await w.advance(30_000);
    const third = w.make();
    await third.wake();
    expect(w.ticks.length).toBe(4);
  });

  it('recent activity speeds it up; a reply sent counts as activity', async () => {
    const w = world({ memory: { lastTickAt: null, lastActivityAt: Date.UTC(2026, 2, 4, 11, 0) } });
    const s = w.make();
    await s.wake();
    expect(s.current()).toMatchObject({ state: 'quiet', delayMs: 30_000 });
    s.noteActivity();
    await w.flush();
    expect(s.current()).toMatchObject({ state: 'active', delayMs: 10_000 });
    await w.advance(10_000);
    expect(w.ticks.length).toBe(2);
    expect(w.stored.memory.lastActivityAt).toBe(Date.UTC(2026, 2, 4, 12, 0));
  });

  it('paused: no background sync and no alarm', async () => {
    const w = world();
    w.config.paused = true;
    const s = w.make();
    await s.wake();
    await w.advance(120_000);
    expect(w.ticks).toEqual([]);
    expect(w.alarmCleared).toBeGreaterThan(0);
    w.config.paused = false;
    await s.reconfigure();
    expect(w.ticks.length).toBe(1);
  });

  it('property: over a simulated hour of pages shown and hidden, changes and alarms, no preset asks an account more than 6 times a minute', async () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (const preset of SYNC_PRESETS) {
      const w = world({ preset, tickMs: 400 });
      const s = w.make();
      await s.wake();
      const start = w.now;
      for (let second = 0; second < 3600; second += 5) {
        const r = random();
        if (r < 0.03) s.setPageVisible(random() < 0.5);
        else if (r < 0.05) s.noteActivity();
        else if (r < 0.2) await s.wake();
        await w.advance(5_000);
      }
      const starts = w.ticks.map((t) => t.start - start);
      // On average (the first sync is at 0 s, so an hour holds one more than 60 minutes' worth)…
      expect((starts.length - 1) / 60, preset).toBeLessThanOrEqual(6);
      // …and in every minute: one call per account per sync when nothing changed.
      for (const t of starts) expect(starts.filter((u) => u >= t && u < t + 60_000).length, `${preset} at ${t}`).toBeLessThanOrEqual(6);
      expect(w.maxConcurrent).toBe(1);
    }
  });
});
