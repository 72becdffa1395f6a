/**
 * How long the background waits before its next sync: a pure decision from the preset the person
 * chose, whether a DM Desk page is open and visible, how recently a conversation changed, and
 * their working hours. The background's scheduler (lib/sync/scheduler.ts) acts on it;
 * the options page shows the request rate of each preset from the same figures.
 *
 * A tick in which nothing changed costs one Graph call per account (the first pages of all
 * accounts go in one batch request), so an account is asked 60 s / delay times a minute. No delay
 * here is under 10 s: at most 6 calls a minute per account, whatever the state.
 *
 * Browser alarms are the backstop that wakes a stopped background; their shortest period is
 * `MIN_ALARM_MS`:
 *   - Chrome (MV3, packed): 30 s since Chrome 120 (1 minute before); a shorter period or delay is
 *     raised to 30 s. Only unpacked extensions may go below it, so DM Desk never asks for less.
 *   - Firefox: no minimum. Its alarms run on a plain one-shot timer of the delay asked for
 *     (toolkit/components/extensions/parent/ext-alarms.js; the schema gives no minimum, and MDN
 *     describes the 30 s clamp as Chrome's only). Firefox's event page is still unloaded after
 *     about 30 s without events, like Chrome's worker, so the same design serves both.
 * Delays under the alarm's minimum are kept by a timer in the running background: see
 * lib/sync/scheduler.ts for how that survives a stopped worker.
 */

export type SyncPreset = 'realtime' | 'balanced' | 'battery';
export const SYNC_PRESETS: readonly SyncPreset[] = ['realtime', 'balanced', 'battery'];

export function isSyncPreset(value: unknown): value is SyncPreset {
  return typeof value === 'string' && (SYNC_PRESETS as readonly string[]).includes(value);
}

/** Working hours: outside them (and with no DM Desk page in view) the background checks least often. */
export interface WorkingHours {
  enabled: boolean;
  /** Minutes after local midnight the working day starts. */
  start: number;
  /** Minutes after local midnight it ends; before `start` for hours that cross midnight. */
  end: number;
}

export const DEFAULT_WORKING_HOURS: WorkingHours = { enabled: false, start: 9 * 60, end: 18 * 60 };

/** The delay of each state, in ms. */
export interface PresetDelays {
  /** A DM Desk page (side panel, sidebar, popup, options) is open and visible. */
  visible: number;
  /** A conversation changed within ACTIVE_WINDOW_MS. */
  active: number;
  /** Nothing special. */
  normal: number;
  /** No conversation of any account changed for QUIET_AFTER_MS. */
  quiet: number;
  /** Outside the working hours set. */
  offHours: number;
}

export const PRESET_DELAYS: Readonly<Record<SyncPreset, Readonly<PresetDelays>>> = {
  realtime: { visible: 10_000, active: 10_000, normal: 15_000, quiet: 30_000, offHours: 5 * 60_000 },
  balanced: { visible: 15_000, active: 20_000, normal: 30_000, quiet: 60_000, offHours: 10 * 60_000 },
  battery: { visible: 30_000, active: 60_000, normal: 2 * 60_000, quiet: 5 * 60_000, offHours: 15 * 60_000 },
};

/** The shortest alarm period a packed extension gets (Chrome's; Firefox has none, see above). */
export const MIN_ALARM_MS = 30_000;
/** No sync comes sooner than this after the previous one began: 6 calls a minute per account at most. */
export const MIN_DELAY_MS = 10_000;
/** A conversation that changed this recently makes the background check faster. */
export const ACTIVE_WINDOW_MS = 5 * 60_000;
/** After this long without any change in any account, the background checks slower. */
export const QUIET_AFTER_MS = 30 * 60_000;

export type CadenceState = keyof PresetDelays;

export interface CadenceInput {
  preset: SyncPreset;
  pageVisible: boolean;
  now: number;
  /** When a conversation last changed (any account); null when not known yet. */
  lastActivityAt: number | null;
  workingHours: WorkingHours;
  /** Minutes after local midnight at `now` (see `minuteOfDay`). */
  minuteOfDay: number;
}

/** Which state applies: a visible page wins, then working hours, then recent activity, then long quiet. */
export function cadenceState(input: CadenceInput): CadenceState {
  if (input.pageVisible) return 'visible';
  if (!withinWorkingHours(input.workingHours, input.minuteOfDay)) return 'offHours';
  if (input.lastActivityAt === null) return 'normal';
  const since = input.now - input.lastActivityAt;
  if (since < ACTIVE_WINDOW_MS) return 'active';
  if (since >= QUIET_AFTER_MS) return 'quiet';
  return 'normal';
}

/** How long to wait after a sync began before the next one. */
export function nextSyncDelay(input: CadenceInput): { delayMs: number; state: CadenceState } {
  const state = cadenceState(input);
  return { delayMs: Math.max(MIN_DELAY_MS, PRESET_DELAYS[input.preset][state]), state };
}

/** The backstop alarm's period for a delay: never below what a packed extension is allowed. */
export function alarmPeriodMs(delayMs: number): number {
  return Math.max(MIN_ALARM_MS, delayMs);
}

export function withinWorkingHours(hours: WorkingHours, minuteOfDay: number): boolean {
  if (!hours.enabled || hours.start === hours.end) return true;
  return hours.start < hours.end
    ? minuteOfDay >= hours.start && minuteOfDay < hours.end
    : minuteOfDay >= hours.start || minuteOfDay < hours.end;
}

/** Minutes after midnight at `at` in a time zone (the browser's when empty or unknown). */
export function minuteOfDay(at: number, timeZone = ''): number {
  try {
    const parts = new Intl.DateTimeFormat('en-GB', {
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
      ...(timeZone ? { timeZone } : {}),
    }).formatToParts(at);
    const part = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? NaN);
    const minutes = part('hour') * 60 + part('minute');
    if (Number.isFinite(minutes)) return minutes;
  } catch {
    // An unknown time zone falls back to the browser's own clock.
  }
  const d = new Date(at);
  return d.getHours() * 60 + d.getMinutes();
}

/** Checks a minute per account in a state (a tick that finds nothing new costs one call per account). */
export function checksPerMinute(preset: SyncPreset, state: CadenceState): number {
  return 60_000 / Math.max(MIN_DELAY_MS, PRESET_DELAYS[preset][state]);
}

/**
 * The preset nearest to the minutes between syncs an older version stored: by the time between
 * checks with no page open (15 s, 30 s, 2 min). One minute, that version's default, becomes
 * Balanced.
 */
export function presetForMinutes(minutes: unknown): SyncPreset {
  if (typeof minutes !== 'number' || !Number.isFinite(minutes) || minutes <= 0) return 'realtime';
  const ms = minutes * 60_000;
  let best: SyncPreset = 'realtime';
  for (const preset of SYNC_PRESETS) {
    if (Math.abs(PRESET_DELAYS[preset].normal - ms) < Math.abs(PRESET_DELAYS[best].normal - ms)) best = preset;
  }
  return best;
}

/** "09:30" for an `<input type="time">`. */
export function timeInputValue(minutes: number): string {
  const m = ((Math.round(minutes) % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** Minutes after midnight from an `<input type="time">` value; null when it is not a time. */
export function parseTimeInput(value: string): number | null {
  const match = /^(\d{1,2}):(\d{2})/.exec(value);
  if (!match) return null;
  const h = Number(match[1]);
  const m = Number(match[2]);
  return h < 24 && m < 60 ? h * 60 + m : null;
}
