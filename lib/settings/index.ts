/**
 * Every persisted user setting, as typed storage items with fallbacks. Written by the options
 * page (the Meta app settings by the background, which checks them).
 *
 * A page shows a setting through `storedSignal(item)` (lib/models/stored-signal): it loads the
 * value, follows changes made in any other page or the background, and writes through. The
 * background reads items directly when it needs them.
 */
import { storage } from '../storage';
import type { ClockChoice } from '../format/locale';
import { DEFAULT_WORKING_HOURS, presetForMinutes, type SyncPreset, type WorkingHours } from '../policy/sync-cadence';

export interface MetaOverrides {
  /** Replaces the build-time Graph API base (e.g. `https://graph.facebook.com/v24.0`). Empty = build value. */
  graphApiBase: string;
  /** Replaces the build-time OAuth dialog URL. Empty = build value. */
  oauthDialogUrl: string;
  /** The Meta app id (client_id) used to connect. Empty = build value. */
  appId: string;
}

/** Meta endpoints and app id chosen on the options page. */
export const metaOverrides = /* @__PURE__ */ storage.defineItem<MetaOverrides>('local:settings.meta', {
  fallback: { graphApiBase: '', oauthDialogUrl: '', appId: '' },
});

/** IANA time zone for times shown in the UI; empty = the browser's. */
export const timeZoneSetting = /* @__PURE__ */ storage.defineItem<string>('local:settings.timeZone', { fallback: '' });

/** The clock times are shown in: 'auto' (the UI language's usual clock), or always '12' or '24' hours. */
export const clockSetting = /* @__PURE__ */ storage.defineItem<ClockChoice>('local:settings.clock', { fallback: 'auto' });

/**
 * The Meta app has Human Agent approval (App Review): replies may go out up to 7 days after the
 * customer's last message, tagged HUMAN_AGENT.
 */
export const humanAgentSetting = /* @__PURE__ */ storage.defineItem<boolean>('local:settings.humanAgent', { fallback: false });

/** How often the background checks for new messages: a preset of lib/policy/sync-cadence.ts. */
export const syncPresetSetting = /* @__PURE__ */ storage.defineItem<SyncPreset>('local:settings.syncPreset', { fallback: 'realtime' });

/** Working hours: outside them (and with no DM Desk page in view) the background checks least often. */
export const workingHoursSetting = /* @__PURE__ */ storage.defineItem<WorkingHours>('local:settings.workingHours', {
  fallback: DEFAULT_WORKING_HOURS,
});

/**
 * Background sync stands still (a sync asked for, such as Refresh, still runs). Not offered on the
 * options page: measurement tools (`npm run bench`) set it so that every sync they count is one
 * they asked for.
 */
export const syncPausedItem = /* @__PURE__ */ storage.defineItem<boolean>('local:sync.paused', { fallback: false });

/** Where versions before the presets kept the minutes between syncs. */
const LEGACY_SYNC_MINUTES_KEY = 'local:settings.syncIntervalMinutes';

/**
 * Moves the minutes between syncs an older version stored to the nearest preset (kept only when
 * no preset was chosen yet), and forgets them. Safe to run at every start.
 */
export async function migrateSyncInterval(): Promise<void> {
  const minutes = await storage.getItem<number>(LEGACY_SYNC_MINUTES_KEY);
  if (minutes === null) return;
  if ((await storage.getItem<SyncPreset>(syncPresetSetting.key)) === null) await syncPresetSetting.setValue(presetForMinutes(minutes));
  await storage.removeItem(LEGACY_SYNC_MINUTES_KEY);
}

/** Accounts whose new messages should not raise browser notifications. */
export const notificationsOffSetting = /* @__PURE__ */ storage.defineItem<string[]>('local:settings.notificationsOff', { fallback: [] });

/** A request to show a conversation in the inbox (from the popup, a notification or a deep link). */
export interface OpenRequest {
  accountId: string;
  conversationId: string | null;
  at: number;
}
export const openRequestItem = /* @__PURE__ */ storage.defineItem<OpenRequest | null>('local:ui.openRequest', { fallback: null });

/** The conversation last open in each account, restored when the inbox opens again. */
export const lastOpenItem = /* @__PURE__ */ storage.defineItem<Record<string, string>>('local:ui.lastOpen', { fallback: {} });

/** When the popup was last looked at, for its "new since your last look" count. */
export const popupLastLookItem = /* @__PURE__ */ storage.defineItem<number>('local:ui.popupLastLook', { fallback: 0 });

/** Set once every cached message has been put into the search index (v3: the index's database version 3, built anew). */
export const searchBackfilledItem = /* @__PURE__ */ storage.defineItem<boolean>('local:search.backfilled.v3', { fallback: false });

/** While that is not set: the id of the last message the backfill committed (where a stopped one resumes). */
export const searchBackfillCursorItem = /* @__PURE__ */ storage.defineItem<string | null>('local:search.backfillCursor.v3', {
  fallback: null,
});

/*
 * Saved replies are kept in `storage.sync` (one item per reply plus their order, so they follow the
 * person to their other browsers within sync's quota): see lib/saved-replies/store.ts.
 */
