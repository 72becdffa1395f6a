/**
 * The bench's list figures at any size: the side panel's JS heap with every row of the account
 * read, scrolling (flinging) through the whole list frame by frame, and the storage a cached
 * message takes. run.ts calls these; the frame statistics are pure and unit-tested in
 * tests/unit/scripts/bench-list-figures.test.ts.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { percentile } from './harness';

export interface FlingResult {
  /** ms between one animation frame and the next while scrolling, in order. */
  deltas: number[];
  /** Rows the list holds (its aria-setsize). */
  rows: number;
  /** Frames after which no row was drawn where the list had scrolled to. */
  blank: number;
  /** Durations of the long animation frames the browser reported while scrolling (ms). */
  longFrames: number[];
  /** px scrolled per frame. */
  step: number;
}

export interface FrameStats {
  fps: number;
  p95: number;
  max: number;
  /** Frames over 50 ms. */
  over50: number;
}

export function frameStats(deltas: readonly number[]): FrameStats {
  const total = deltas.reduce((a, b) => a + b, 0);
  return {
    fps: total > 0 ? (deltas.length * 1000) / total : NaN,
    p95: percentile(deltas, 95),
    max: deltas.length > 0 ? Math.max(...deltas) : NaN,
    over50: deltas.filter((d) => d > 50).length,
  };
}

/**
 * Scrolls the side panel's conversation list from its top to its bottom in `frames` animation
 * frames (the same distance each frame, so each frame draws rows it has never drawn) and times
 * every frame. Runs in the page as plain JS.
 */
export const FLING_SCRIPT = `async (frames) => {
  const scroller = document.querySelector('.virtual-scroller');
  if (!scroller) throw new Error('the list is not virtual (too few rows?)');
  const list = scroller.querySelector('[aria-label="Conversations"]');
  const rows = Number(list.querySelector('li[aria-setsize]')?.getAttribute('aria-setsize') || 0);
  scroller.scrollTop = 0;
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const longFrames = [];
  const type = PerformanceObserver.supportedEntryTypes.includes('long-animation-frame') ? 'long-animation-frame' : 'longtask';
  const observer = new PerformanceObserver((l) => { for (const e of l.getEntries()) longFrames.push(e.duration); });
  observer.observe({ type, buffered: false });
  const max = scroller.scrollHeight - scroller.clientHeight;
  const step = Math.max(1, Math.ceil(max / frames));
  const deltas = [];
  let blank = 0;
  let last = null;
  const drawnAt = (top) => [...list.children].some((li) => {
    const y = li.offsetTop;
    return y <= top + 1 && y + li.offsetHeight > top + 1 && li.textContent.trim() !== '';
  });
  return new Promise((resolve) => {
    const frame = (ts) => {
      if (last !== null) {
        deltas.push(ts - last);
        if (!drawnAt(scroller.scrollTop)) blank++;
      }
      last = ts;
      if (scroller.scrollTop >= max - 1) {
        setTimeout(() => { observer.disconnect(); resolve({ deltas, rows, blank, longFrames, step }); }, 100);
        return;
      }
      scroller.scrollTop = Math.min(max, scroller.scrollTop + step);
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}`;

/** How many rows the open list holds (0 before it shows). */
export async function listRows(page: Page): Promise<number> {
  return page.evaluate(() =>
    Number(document.querySelector('[aria-label="Conversations"] li[aria-setsize]')?.getAttribute('aria-setsize') ?? 0),
  );
}

/** The page's JS heap in use (bytes) after two forced garbage collections. */
export async function heapAfterGc(context: BrowserContext, page: Page): Promise<{ used: number; total: number }> {
  const cdp = await context.newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize, totalSize } = await cdp.send('Runtime.getHeapUsage');
    return { used: usedSize, total: totalSize };
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** The origin's storage in use (bytes), as the browser counts it (IndexedDB and the rest). */
export async function storageUsage(page: Page): Promise<{ total: number; indexedDB: number }> {
  return page.evaluate(async () => {
    const e = (await navigator.storage.estimate()) as StorageEstimate & { usageDetails?: Record<string, number> };
    return { total: e.usage ?? 0, indexedDB: e.usageDetails?.indexedDB ?? e.usage ?? 0 };
  });
}

/**
 * Runs `fn` with the page's CPU profiler on and writes the profile (a .cpuprofile that DevTools
 * opens) to `file`; what the bench runs to show where a figure's time goes.
 */
export async function withCpuProfile<T>(context: BrowserContext, page: Page, file: string, fn: () => Promise<T>): Promise<T> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = await cdp.send('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    await cdp.detach().catch(() => undefined);
  }
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/** Self time per function (ms), largest first, from a CPU profile. */
export function selfTimes(
  profile: { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] },
  top = 25,
): Array<{ fn: string; ms: number }> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const ms = new Map<string, number>();
  (profile.samples ?? []).forEach((id, i) => {
    const f = byId.get(id)?.callFrame;
    const key = f ? `${f.functionName || '(anonymous)'} ${f.url.split('/').pop() ?? ''}:${f.lineNumber + 1}` : '?';
    ms.set(key, (ms.get(key) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000);
  });
  return [...ms]
    .map(([fn, v]) => ({ fn, ms: v }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, top);
}
