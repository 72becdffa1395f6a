/**
 * When the background syncs on its own. The delay after each sync comes from the cadence
 * (lib/policy/sync-cadence.ts); this keeps it with two clocks:
 *
 *   - A timer in the running background, for every delay (10 s with a DM Desk page in view, 15 s
 *     in Real time with none). Each sync stores when it ran (an extension API call), and Chrome
 *     keeps a worker alive 30 s after its last event or extension API call, so while syncs come
 *     less than 30 s apart the worker usually stays up and its timer keeps the pace.
 *   - A repeating browser alarm, the backstop: it never asks for less than a packed extension
 *     gets (30 s; `alarmPeriodMs`). Should the browser stop the worker anyway (its timer dies
 *     with it), the alarm starts a new one, which reads when the last sync ran and syncs if one is
 *     due. Without a page in view the worst case is then one sync per alarm period.
 *
 * Every wake-up (alarm, timer, a page shown or hidden, a setting changed, a new worker) asks the
 * same question — is a sync due? — so two clocks never make two syncs: a sync is due only once
 * `delay` has passed since the last one began, and never while one runs (SyncService coalesces
 * per account as well). Nothing is lost when a worker is stopped mid-sync: the sync keeps its own
 * progress (run.ts), and what the scheduler keeps is only when the last sync began and when a
 * conversation last changed, in session storage.
 */
import { storage } from '../storage';
import { logDiagnostic } from '../diagnostics';
import { syncPausedItem, syncPresetSetting, timeZoneSetting, workingHoursSetting } from '../settings';
import {
  ACTIVE_WINDOW_MS,
  alarmPeriodMs,
  isSyncPreset,
  DEFAULT_WORKING_HOURS,
  minuteOfDay,
  nextSyncDelay,
  type CadenceState,
  type SyncPreset,
  type WorkingHours,
} from '../policy/sync-cadence';

export const SYNC_ALARM = 'dmdesk-sync';
/** An alarm this close to the due time counts as on time (alarms and timers are not exact). */
const DUE_TOLERANCE_MS = 500;
/** A sync that ran past the next due time is followed by the next one after at least this gap. */
const MIN_GAP_MS = 1000;

export interface SchedulerConfig {
  preset: SyncPreset;
  workingHours: WorkingHours;
  /** The time zone working hours are read in (the browser's when empty). */
  timeZone: string;
  /** Background sync is off (measurement tools); a sync asked for still runs. */
  paused: boolean;
}

/** What the scheduler remembers across worker restarts. */
export interface SchedulerMemory {
  lastTickAt: number | null;
  lastActivityAt: number | null;
}

export interface AlarmsApi {
  create(name: string, info: { delayInMinutes: number; periodInMinutes: number }): Promise<void> | void;
  get(name: string): Promise<{ periodInMinutes?: number } | undefined>;
  clear(name: string): Promise<boolean> | Promise<void> | void;
}

export interface SchedulerDeps {
  /** One sync of every account (and what follows it); its failures are its own. */
  tick(): Promise<void>;
  loadConfig(): Promise<SchedulerConfig>;
  memory: { load(): Promise<SchedulerMemory>; save(memory: SchedulerMemory): Promise<void> };
  alarms: AlarmsApi;
  now(): number;
  setTimer(run: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export class SyncScheduler {
  #config: SchedulerConfig | null = null;
  #memory: SchedulerMemory = { lastTickAt: null, lastActivityAt: null };
  #loading: Promise<void> | null = null;
  #running: Promise<void> | null = null;
  #timer: unknown = null;
  /** When the timer fires (epoch ms). */
  #timerAt = 0;
  #alarmPeriod: number | null = null;
  #pageVisible = false;
  readonly #deps: SchedulerDeps;

  constructor(deps: SchedulerDeps) {
    this.#deps = deps;
  }

  /** Syncs now if one is due, else makes sure the timer and the alarm will. */
  async wake(): Promise<void> {
    await this.#load();
    this.#decide();
  }

  /** A setting changed: read them again and decide anew. */
  async reconfigure(): Promise<void> {
    await this.#load();
    this.#config = await this.#deps.loadConfig();
    this.#decide();
  }

  /** Whether any DM Desk page is open and visible. */
  setPageVisible(visible: boolean): void {
    if (visible === this.#pageVisible) return;
    this.#pageVisible = visible;
    void this.wake().catch((e: unknown) => logDiagnostic('sync', 'Could not reschedule the sync for a page shown or hidden', e));
  }

  /** A conversation changed: the next syncs come faster for a while. */
  noteActivity(at = this.#deps.now()): void {
    this.#memory = { ...this.#memory, lastActivityAt: Math.max(at, this.#memory.lastActivityAt ?? 0) };
    this.#save();
    void this.wake().catch((e: unknown) => logDiagnostic('sync', 'Could not reschedule the sync after a change', e));
  }

  /** When the timer will sync next (epoch ms); null while a sync runs or none is set. */
  nextSyncAt(): number | null {
    return this.#timer === null ? null : this.#timerAt;
  }

  /** The delay the cadence gives now, and why (tests, diagnostics). */
  current(): { delayMs: number; state: CadenceState } | null {
    const config = this.#config;
    if (!config) return null;
    const now = this.#deps.now();
    return nextSyncDelay({
      preset: config.preset,
      pageVisible: this.#pageVisible,
      now,
      lastActivityAt: this.#memory.lastActivityAt,
      workingHours: config.workingHours,
      minuteOfDay: minuteOfDay(now, config.timeZone),
    });
  }

  #load(): Promise<void> {
    this.#loading ??= (async () => {
      const [config, memory] = await Promise.all([this.#deps.loadConfig(), this.#deps.memory.load()]);
      this.#config = config;
      // A fresh start without any record is neither busy nor quiet: quiet is counted from now.
      const activity = Math.max(memory.lastActivityAt ?? 0, this.#memory.lastActivityAt ?? 0);
      this.#memory = { lastTickAt: memory.lastTickAt, lastActivityAt: activity > 0 ? activity : this.#deps.now() - ACTIVE_WINDOW_MS };
    })();
    return this.#loading;
  }

  /** Synchronous from here on, so two wake-ups in a row cannot both start a sync. */
  #decide(): void {
    const cadence = this.current();
    if (!cadence || !this.#config) return;
    if (this.#config.paused) {
      this.#clearTimer();
      this.#alarmPeriod = null;
      void Promise.resolve(this.#deps.alarms.clear(SYNC_ALARM)).catch(() => undefined);
      return;
    }
    if (this.#running) return; // its end decides again
    const now = this.#deps.now();
    const due = this.#memory.lastTickAt === null ? now : this.#memory.lastTickAt + cadence.delayMs;
    if (due - now <= DUE_TOLERANCE_MS) {
      this.#run(now);
      return;
    }
    this.#arm(due - now);
    this.#ensureAlarm(cadence.delayMs);
  }

  #run(now: number): void {
    this.#clearTimer();
    this.#memory = { ...this.#memory, lastTickAt: now };
    this.#save();
    this.#running = this.#deps
      .tick()
      .catch((e: unknown) => logDiagnostic('sync', 'A background sync failed', e))
      .finally(() => {
        this.#running = null;
        this.#afterRun();
      });
  }

  #afterRun(): void {
    const cadence = this.current();
    if (!cadence || !this.#config || this.#config.paused) return;
    const now = this.#deps.now();
    const due = Math.max((this.#memory.lastTickAt ?? now) + cadence.delayMs, now + MIN_GAP_MS);
    this.#arm(due - now);
    this.#ensureAlarm(cadence.delayMs);
  }

  #arm(ms: number): void {
    this.#clearTimer();
    this.#timerAt = this.#deps.now() + ms;
    this.#timer = this.#deps.setTimer(() => {
      this.#timer = null;
      this.#decide();
    }, ms);
  }

  #clearTimer(): void {
    if (this.#timer !== null) this.#deps.clearTimer(this.#timer);
    this.#timer = null;
  }

  /** The backstop alarm at the period this delay calls for; an alarm already at it keeps its phase. */
  #ensureAlarm(delayMs: number): void {
    const period = alarmPeriodMs(delayMs);
    if (period === this.#alarmPeriod) return;
    this.#alarmPeriod = period;
    const minutes = period / 60_000;
    void (async () => {
      const existing = await this.#deps.alarms.get(SYNC_ALARM);
      if (existing?.periodInMinutes === minutes) return;
      await this.#deps.alarms.create(SYNC_ALARM, { delayInMinutes: minutes, periodInMinutes: minutes });
    })().catch((e: unknown) => {
      this.#alarmPeriod = null;
      logDiagnostic('sync', 'Could not set the alarm for background sync', e);
    });
  }

  #save(): void {
    void this.#deps.memory.save(this.#memory).catch((e: unknown) => logDiagnostic('sync', 'Could not keep when the last sync ran', e));
  }
}

const memoryItem = /* @__PURE__ */ storage.defineItem<SchedulerMemory>('session:sync.schedule', {
  fallback: { lastTickAt: null, lastActivityAt: null },
});

/** Kept in the extension's session storage: a new worker knows, a new browser session starts afresh. */
export const sessionSchedulerMemory: SchedulerDeps['memory'] = {
  load: async () => {
    const value = await memoryItem.getValue();
    const time = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
    return { lastTickAt: time(value?.lastTickAt), lastActivityAt: time(value?.lastActivityAt) };
  },
  save: (memory) => memoryItem.setValue(memory),
};

/** The settings the cadence follows, as stored (a value no version wrote falls back to the default). */
export async function loadSchedulerConfig(): Promise<SchedulerConfig> {
  const [preset, hours, timeZone, paused] = await Promise.all([
    syncPresetSetting.getValue(),
    workingHoursSetting.getValue(),
    timeZoneSetting.getValue(),
    syncPausedItem.getValue(),
  ]);
  const valid = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n < 1440;
  const workingHours =
    hours && typeof hours === 'object' && valid(hours.start) && valid(hours.end)
      ? { enabled: hours.enabled === true, start: hours.start, end: hours.end }
      : DEFAULT_WORKING_HOURS;
  return { preset: isSyncPreset(preset) ? preset : 'realtime', workingHours, timeZone, paused: paused === true };
}

/** Calls `changed` whenever a setting the cadence follows changes. */
export function watchSchedulerConfig(changed: () => void): void {
  for (const item of [syncPresetSetting, workingHoursSetting, timeZoneSetting, syncPausedItem] as const) {
    (item as { watch(cb: () => void): unknown }).watch(changed);
  }
}
