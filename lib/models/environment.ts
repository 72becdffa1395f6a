/** Small reactive facts about the page: layout width, the clock, the chosen time zone and 12/24-hour clock. */
import { computed, effect, signal, type ReadonlySignal } from '@preact/signals';
import { clockSetting, humanAgentSetting, timeZoneSetting } from '../settings';
import { setClockChoice, type ClockChoice } from '../format/locale';
import { validTimeZone } from '../format/time';
import { storedSignal, type StoredSignal } from './stored-signal';

/** Wide layout (list and thread side by side) from this width up. */
export const WIDE_MIN_PX = 600;

export function createWideSignal(win: Window = window): ReadonlySignal<boolean> {
  const query = win.matchMedia(`(min-width: ${WIDE_MIN_PX}px)`);
  const wide = signal(query.matches);
  query.addEventListener('change', (e) => {
    wide.value = e.matches;
  });
  return wide;
}

/** The current time, refreshed every `everyMs` so relative times stay true. */
export function createClockSignal(everyMs = 30_000): ReadonlySignal<number> {
  const now = signal(Date.now());
  setInterval(() => {
    now.value = Date.now();
  }, everyMs);
  return now;
}

/** The time zone chosen on the options page, when it is one this browser knows; else the browser's. */
export function createTimeZoneSignal(setting: StoredSignal<string> = storedSignal(timeZoneSetting)): ReadonlySignal<string | undefined> {
  return computed(() => validTimeZone(setting.value.value));
}

/**
 * Shows every time on this page in the clock chosen on the options page (12 or 24 hours, or the
 * language's own), now and whenever it changes: components showing a time re-render by themselves.
 * Returns the stop function.
 */
export function followClockSetting(setting: StoredSignal<ClockChoice> = storedSignal(clockSetting)): () => void {
  return effect(() => {
    setClockChoice(setting.value.value);
  });
}

/** The Meta app has Human Agent approval (set on the options page). */
export function createHumanAgentSignal(setting: StoredSignal<boolean> = storedSignal(humanAgentSetting)): ReadonlySignal<boolean> {
  return setting.value;
}
