/**
 * Every persisted user setting, as typed storage items with fallbacks. Written by the options
 * page (the Meta app settings by the background, which checks them).
 *
 * A page shows a setting through `storedSignal(item)` (lib/models/stored-signal): it loads the
 * value, follows changes made in any other page or the background, and writes through. The
 * background reads items directly when it needs them.
 */
import { storage } from 'wxt/utils/storage';
import type { ClockChoice } from '../format/locale';

export interface MetaOverrides {
  /** Replaces the build-time Graph API base (e.g. `https://graph.facebook.com/v24.0`). Empty = build value. */
  graphApiBase: string;
  /** Replaces the build-time OAuth dialog URL. Empty = build value. */
  oauthDialogUrl: string;
  /** The Meta app id (client_id) used to connect. Empty = build value. */
  appId: string;
}

/** Meta endpoints and app id chosen on the options page. */
export const metaOverrides = storage.defineItem<MetaOverrides>('local:settings.meta', {
  fallback: { graphApiBase: '', oauthDialogUrl: '', appId: '' },
});

/** IANA time zone for times shown in the UI; empty = the browser's. */
export const timeZoneSetting = storage.defineItem<string>('local:settings.timeZone', { fallback: '' });

/** The clock times are shown in: 'auto' (the UI language's usual clock), or always '12' or '24' hours. */
export const clockSetting = storage.defineItem<ClockChoice>('local:settings.clock', { fallback: 'auto' });

/**
 * The Meta app has Human Agent approval (App Review): replies may go out up to 7 days after the
 * customer's last message, tagged HUMAN_AGENT.
 */
export const humanAgentSetting = storage.defineItem<boolean>('local:settings.humanAgent', { fallback: false });

/** Minutes between background syncs (browser alarms). */
export const syncIntervalSetting = storage.defineItem<number>('local:settings.syncIntervalMinutes', { fallback: 1 });

/** Accounts whose new messages should not raise browser notifications. */
export const notificationsOffSetting = storage.defineItem<string[]>('local:settings.notificationsOff', { fallback: [] });

/** A request to show a conversation in the inbox (from the popup, a notification or a deep link). */
export interface OpenRequest {
  accountId: string;
  conversationId: string | null;
  at: number;
}
export const openRequestItem = storage.defineItem<OpenRequest | null>('local:ui.openRequest', { fallback: null });

/** The conversation last open in each account, restored when the inbox opens again. */
export const lastOpenItem = storage.defineItem<Record<string, string>>('local:ui.lastOpen', { fallback: {} });

/** When the popup was last looked at, for its "new since your last look" count. */
export const popupLastLookItem = storage.defineItem<number>('local:ui.popupLastLook', { fallback: 0 });

/** Set once every cached message has been put into the search index. */
export const searchBackfilledItem = storage.defineItem<boolean>('local:search.backfilled.v1', { fallback: false });

/*
 * Saved replies are kept in `storage.sync` (one item per reply plus their order, so they follow the
 * person to their other browsers within sync's quota): see lib/saved-replies/store.ts.
 */
