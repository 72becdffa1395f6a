/** The Firefox MV3 build itself: its manifest, its install under a fixed id, and its options page. */
import fs from 'node:fs';
import path from 'node:path';
import { FIREFOX_EXTENSION_DIR } from './env';
import { expect, test } from './fixtures';
import { GECKO_ID, openExtensionPage, REDIRECT_URL } from './firefox';
import { InboxPage, textOf } from './inbox-page';

test('the manifest has a sidebar, an event page, the gecko id and no Chrome-only permission', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(FIREFOX_EXTENSION_DIR, 'manifest.json'), 'utf8')) as {
    manifest_version: number;
    sidebar_action?: { default_panel?: string };
    background?: { scripts?: string[]; service_worker?: string };
    browser_specific_settings?: { gecko?: { id?: string; data_collection_permissions?: unknown } };
    permissions?: string[];
    host_permissions?: string[];
  };
  expect(manifest.manifest_version).toBe(3);
  expect(manifest.sidebar_action?.default_panel).toBe('sidepanel.html');
  expect(manifest.background?.scripts).toEqual(['background.js']);
  expect(manifest.background?.service_worker).toBeUndefined();
  expect(manifest.browser_specific_settings?.gecko?.id).toBe(GECKO_ID);
  expect(manifest.browser_specific_settings?.gecko?.data_collection_permissions, 'data_collection_permissions').toBeTruthy();
  expect(manifest.permissions ?? [], 'no sidePanel permission').not.toContain('sidePanel');
  expect(manifest.host_permissions).toEqual(['http://127.0.0.1/*', 'http://localhost/*']);
});

test('installs in Firefox ESR under its fixed id', async ({ firefox }) => {
  expect(firefox.addonId).toBe(GECKO_ID);
});

test('the options page shows the allizom.org redirect URL to register with Meta', async ({ firefox }) => {
  const options = new InboxPage(await openExtensionPage(firefox.browser, 'options.html', { width: 1000, height: 800 }));
  await options.get('heading', 'DM Desk settings');
  await options.expect(async () => expect(await textOf(await options.get('code', 'Redirect URL'))).toBe(REDIRECT_URL));
});
