/**
 * What the add-on shows outside its pages (toolbar badge, notifications) and what its background is
 * doing, read from one of its own pages: the event page has no target puppeteer can evaluate in.
 */
import { expect } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import { eventually } from './eventually';

/** The toolbar button's badge text and tooltip, read through `browser.action` from an extension page. */
export async function badge(fromExtensionPage: Page): Promise<{ text: string; title: string }> {
  return fromExtensionPage.evaluate(async () => {
    const api = (globalThis as unknown as { browser: typeof import('webextension-polyfill') }).browser;
    return { text: await api.action.getBadgeText({}), title: await api.action.getTitle({}) };
  });
}

/** The ids of the add-on's notifications that Firefox still holds. */
export async function notificationIds(fromExtensionPage: Page): Promise<string[]> {
  return fromExtensionPage.evaluate(async () => {
    const api = (globalThis as unknown as { browser: typeof import('webextension-polyfill') }).browser;
    return Object.keys(await api.notifications.getAll());
  });
}

/** Asks the background to sync every account now, as the Refresh button does; resolves when done. */
export async function syncNow(fromExtensionPage: Page): Promise<void> {
  const reply = await fromExtensionPage.evaluate(async () => {
    const api = (globalThis as unknown as { browser: typeof import('webextension-polyfill') }).browser;
    return api.runtime.sendMessage({ channel: 'dmdesk/request', name: 'sync', payload: {} });
  });
  expect(reply, 'the sync request succeeded').toEqual({ ok: true, value: null });
}

interface SyncStateRecord {
  accountId: string;
  running?: boolean;
  lastSyncedAt?: number | null;
  error?: unknown;
}

/** Every account's sync state, from the add-on's IndexedDB (`dm-desk`, store `syncState`). */
async function syncStates(fromExtensionPage: Page): Promise<SyncStateRecord[]> {
  return fromExtensionPage.evaluate(
    () =>
      new Promise<SyncStateRecord[]>((resolve, reject) => {
        const open = indexedDB.open('dm-desk');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const read = open.result.transaction('syncState').objectStore('syncState').getAll();
          read.onerror = () => reject(read.error);
          read.onsuccess = () => {
            open.result.close();
            resolve(read.result as SyncStateRecord[]);
          };
        };
      }),
  );
}

/**
 * Waits until each of `accounts` accounts has finished a sync (with or without an error) and none
 * has been syncing for `quietMs`. A sync request that comes while an account is already syncing
 * skips that account (SyncService.syncAll), so a message injected in the middle of someone else's
 * sync (the sidebar syncs when it opens, the popup on every open) would wait for the next alarm.
 */
export async function syncsSettled(fromExtensionPage: Page, accounts: number, quietMs = 600): Promise<void> {
  let quietSince = Date.now();
  await eventually(async () => {
    const states = await syncStates(fromExtensionPage);
    const done = states.filter((s) => !s.running && (s.lastSyncedAt || s.error));
    const running = states.filter((s) => s.running).map((s) => s.accountId);
    if (done.length < accounts || running.length > 0) quietSince = Date.now();
    if (Date.now() - quietSince < quietMs) {
      throw new Error(`${done.length} of ${accounts} accounts synced; still syncing: ${running.join(', ') || '(settling)'}`);
    }
  }, 20_000);
}
