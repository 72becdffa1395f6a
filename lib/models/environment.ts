/** Small reactive facts about the page: layout width, the clock, the chosen time zone. */
import { signal, type ReadonlySignal } from '@preact/signals';
import { humanAgentSetting, timeZoneSetting } from '../settings';
import { validTimeZone } from '../format/time';

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

export function createTimeZoneSignal(): ReadonlySignal<string | undefined> {
  const tz = signal<string | undefined>(undefined);
  void timeZoneSetting.getValue().then((v) => {
    tz.value = validTimeZone(v);
  });
  timeZoneSetting.watch((v) => {
    tz.value = validTimeZone(v);
  });
  return tz;
}

export function createHumanAgentSignal(): ReadonlySignal<boolean> {
  const enabled = signal(false);
  void humanAgentSetting.getValue().then((v) => {
    enabled.value = v;
  });
  humanAgentSetting.watch((v) => {
    enabled.value = v;
  });
  return enabled;
}
