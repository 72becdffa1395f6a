import { describe, expect, it } from 'vitest';
import {
  ACTIVE_WINDOW_MS,
  MIN_ALARM_MS,
  PRESET_DELAYS,
  QUIET_AFTER_MS,
  SYNC_PRESETS,
  alarmPeriodMs,
  checksPerMinute,
  minuteOfDay,
  nextSyncDelay,
  parseTimeInput,
  presetForMinutes,
  timeInputValue,
  withinWorkingHours,
  type CadenceInput,
} from '@/lib/policy/sync-cadence';

const NOW = Date.UTC(2026, 2, 4, 12, 0);
const base = (over: Partial<CadenceInput> = {}): CadenceInput => ({
  preset: 'realtime',
  pageVisible: false,
  now: NOW,
  lastActivityAt: NOW - 10 * 60_000,
  workingHours: { enabled: false, start: 9 * 60, end: 18 * 60 },
  minuteOfDay: 12 * 60,
  ...over,
});

describe('sync cadence', () => {
  it('Real time checks every 15 s with no page open, every 10 s with one in view', () => {
    expect(nextSyncDelay(base())).toEqual({ delayMs: 15_000, state: 'normal' });
    expect(nextSyncDelay(base({ pageVisible: true }))).toEqual({ delayMs: 10_000, state: 'visible' });
  });

  it('Balanced and Battery saver check less often, each faster with a page in view', () => {
    expect(nextSyncDelay(base({ preset: 'balanced' })).delayMs).toBe(30_000);
    expect(nextSyncDelay(base({ preset: 'balanced', pageVisible: true })).delayMs).toBe(15_000);
    expect(nextSyncDelay(base({ preset: 'battery' })).delayMs).toBe(120_000);
    expect(nextSyncDelay(base({ preset: 'battery', pageVisible: true })).delayMs).toBe(30_000);
  });

  it('a conversation that changed in the last minutes makes it faster; long quiet in every account slower', () => {
    const justNow = base({ lastActivityAt: NOW - 60_000 });
    expect(nextSyncDelay(justNow)).toEqual({ delayMs: 10_000, state: 'active' });
    expect(nextSyncDelay(base({ lastActivityAt: NOW - ACTIVE_WINDOW_MS }))).toMatchObject({ state: 'normal' });
    expect(nextSyncDelay(base({ lastActivityAt: NOW - QUIET_AFTER_MS }))).toEqual({ delayMs: 30_000, state: 'quiet' });
    expect(nextSyncDelay(base({ preset: 'battery', lastActivityAt: NOW - 2 * QUIET_AFTER_MS })).delayMs).toBe(300_000);
    // Not known yet (a new browser session): the usual pace.
    expect(nextSyncDelay(base({ lastActivityAt: null }))).toMatchObject({ state: 'normal' });
  });

  it('outside the working hours set it checks least often, unless a page is in view', () => {
    const hours = { enabled: true, start: 9 * 60, end: 18 * 60 };
    expect(nextSyncDelay(base({ workingHours: hours, minuteOfDay: 8 * 60 + 59 }))).toEqual({ delayMs: 300_000, state: 'offHours' });
    expect(nextSyncDelay(base({ workingHours: hours, minuteOfDay: 9 * 60 }))).toMatchObject({ state: 'normal' });
    expect(nextSyncDelay(base({ workingHours: hours, minuteOfDay: 18 * 60 }))).toMatchObject({ state: 'offHours' });
    // Recent activity at night does not wake it up…
    expect(nextSyncDelay(base({ workingHours: hours, minuteOfDay: 23 * 60, lastActivityAt: NOW - 1000 }))).toMatchObject({
      state: 'offHours',
    });
    // …a page the person is looking at does.
    expect(nextSyncDelay(base({ workingHours: hours, minuteOfDay: 23 * 60, pageVisible: true }))).toMatchObject({ state: 'visible' });
    // Switched off, the hours are ignored.
    expect(nextSyncDelay(base({ workingHours: { ...hours, enabled: false }, minuteOfDay: 3 * 60 }))).toMatchObject({ state: 'normal' });
  });

  it('working hours may cross midnight', () => {
    const night = { enabled: true, start: 22 * 60, end: 6 * 60 };
    expect(withinWorkingHours(night, 23 * 60)).toBe(true);
    expect(withinWorkingHours(night, 5 * 60 + 59)).toBe(true);
    expect(withinWorkingHours(night, 6 * 60)).toBe(false);
    expect(withinWorkingHours(night, 12 * 60)).toBe(false);
  });

  it('never asks more than 6 times a minute per account, and never for an alarm below the packed minimum', () => {
    for (const preset of SYNC_PRESETS) {
      for (const state of Object.keys(PRESET_DELAYS[preset]) as Array<keyof (typeof PRESET_DELAYS)['realtime']>) {
        expect(checksPerMinute(preset, state), `${preset} ${state}`).toBeLessThanOrEqual(6);
        expect(alarmPeriodMs(PRESET_DELAYS[preset][state])).toBeGreaterThanOrEqual(MIN_ALARM_MS);
      }
    }
    expect(MIN_ALARM_MS).toBe(30_000);
    expect(checksPerMinute('realtime', 'normal')).toBe(4);
  });

  it('moves the minutes an older version stored to the nearest preset', () => {
    expect(presetForMinutes(0.05)).toBe('realtime');
    expect(presetForMinutes(0.25)).toBe('realtime');
    expect(presetForMinutes(0.5)).toBe('balanced');
    expect(presetForMinutes(1)).toBe('balanced');
    expect(presetForMinutes(2)).toBe('battery');
    expect(presetForMinutes(60)).toBe('battery');
    expect(presetForMinutes(Number.NaN)).toBe('realtime');
    expect(presetForMinutes('5')).toBe('realtime');
  });

  it('reads the clock in the time zone set, and times as an input shows them', () => {
    const at = Date.UTC(2026, 0, 15, 23, 30);
    expect(minuteOfDay(at, 'UTC')).toBe(23 * 60 + 30);
    expect(minuteOfDay(at, 'Asia/Tokyo')).toBe(8 * 60 + 30);
    expect(minuteOfDay(at, 'Not/AZone')).toBe(new Date(at).getHours() * 60 + new Date(at).getMinutes());
    expect(timeInputValue(9 * 60 + 5)).toBe('09:05');
    expect(parseTimeInput('17:45')).toBe(17 * 60 + 45);
    expect(parseTimeInput('25:00')).toBeNull();
    expect(parseTimeInput('')).toBeNull();
  });
});
