import { describe, expect, it, vi } from 'vitest';
import { createClockSignal, createHumanAgentSignal, createTimeZoneSignal, createWideSignal, WIDE_MIN_PX } from '@/lib/models/environment';
import { storedSignal } from '@/lib/models/stored-signal';
import { memoryItem } from './memory-item';

/** A window whose width query can be changed, as resizing the side panel does. */
function fakeWindow(matches: boolean) {
  const listeners: Array<(e: { matches: boolean }) => void> = [];
  const query = { matches, addEventListener: (_: string, l: (e: { matches: boolean }) => void) => void listeners.push(l) };
  const win = { matchMedia: vi.fn(() => query) } as unknown as Window;
  return { win, resize: (wide: boolean) => listeners.forEach((l) => l({ matches: wide })) };
}

describe('page environment signals', () => {
  it('the layout follows the panel being resized across the wide breakpoint', () => {
    const { win, resize } = fakeWindow(false);
    const wide = createWideSignal(win);
    expect(win.matchMedia).toHaveBeenCalledWith(`(min-width: ${WIDE_MIN_PX}px)`);
    expect(wide.value).toBe(false);
    resize(true);
    expect(wide.value).toBe(true);
  });

  it('the clock moves on so relative times stay true', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    try {
      const now = createClockSignal(30_000);
      expect(now.value).toBe(1_000_000);
      vi.advanceTimersByTime(30_000);
      expect(now.value).toBe(1_030_000);
    } finally {
      vi.useRealTimers();
    }
  });

  it('the time zone is the chosen one when the browser knows it, else the browser’s, and follows changes', async () => {
    const item = memoryItem('', 'Europe/Lisbon');
    const setting = storedSignal(item);
    const tz = createTimeZoneSignal(setting);
    await setting.ready;
    expect(tz.value).toBe('Europe/Lisbon');
    item.external('Not/AZone');
    expect(tz.value).toBeUndefined();
    item.external('America/Sao_Paulo');
    expect(tz.value).toBe('America/Sao_Paulo');
  });

  it('Human Agent follows the setting changed on the options page', async () => {
    const item = memoryItem(false);
    const setting = storedSignal(item);
    const enabled = createHumanAgentSignal(setting);
    await setting.ready;
    expect(enabled.value).toBe(false);
    item.external(true);
    expect(enabled.value).toBe(true);
  });
});
