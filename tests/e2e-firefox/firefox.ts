/**
 * Headless Firefox ESR with the built add-on, driven by puppeteer-core over WebDriver BiDi.
 *
 * Firefox quirks handled here:
 * - The add-on's moz-extension:// host is a random UUID per profile; the pref
 *   `extensions.webextensions.uuids` fixes it, so pages can be opened by URL.
 * - `page.goto('moz-extension://…')` never resolves (puppeteer waits for a load event BiDi does not
 *   report for extension pages): start it without awaiting and poll the page instead.
 * - `installExtension` needs an absolute path to the unpacked build.
 * - Firefox writes to $HOME even with a temporary profile: give it a temporary HOME.
 * - Notifications: without a desktop notification service the system backend closes them at once;
 *   `alerts.useSystemBackend: false` shows them in Firefox's own alert windows (open for 20 s).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { FIREFOX_PATH } from './env';
import { eventually } from './eventually';

/** The add-on id from wxt.config.ts. */
export const GECKO_ID = 'dm-desk@dmdesk.app';
/** Firefox's identity.getRedirectURL(): the SHA-1 of the add-on id, as hex, under allizom.org. */
export const REDIRECT_URL = `https://${createHash('sha1').update(GECKO_ID).digest('hex')}.extensions.allizom.org/`;
/** Any fixed UUID: the add-on's pages live at moz-extension://<this>/. */
export const EXTENSION_UUID = '6d5a1c3e-8f1b-4c2a-9e0d-4b7f2a1c9e55';

export interface Firefox {
  browser: Browser;
  /** What `installExtension` returned: the add-on id. */
  addonId: string;
  close(): Promise<void>;
}

export async function launchFirefox(extensionDir: string): Promise<Firefox> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'dmdesk-firefox-home-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    args: ['--remote-allow-system-access'],
    env: { ...process.env, HOME: home },
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
      // The network is closed: no update checks, telemetry or first-run pages.
      'app.update.enabled': false,
      'browser.shell.checkDefaultBrowser': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
      // Headless, with no desktop notification service, Firefox closes every notification at once
      // (onClosed, byUser true) and notifications.getAll() is empty. Its own alert windows work
      // headless and keep a notification for 20 s.
      'alerts.useSystemBackend': false,
    },
  });
  try {
    // Firefox wants an absolute path (NS_ERROR_FILE_UNRECOGNIZED_PATH otherwise).
    const addonId = await browser.installExtension(path.resolve(extensionDir));
    return {
      browser,
      addonId,
      close: async () => {
        // A browser that already exited cannot be closed; the profile is removed either way.
        await browser.close().catch(() => undefined);
        fs.rmSync(home, { recursive: true, force: true });
      },
    };
  } catch (e) {
    // The install failure is what to report, not a failure to close after it.
    await browser.close().catch(() => undefined);
    fs.rmSync(home, { recursive: true, force: true });
    throw e;
  }
}

export function extensionUrl(file: string): string {
  return `moz-extension://${EXTENSION_UUID}/${file}`;
}

/** Opens one of the add-on's pages (sidepanel.html, popup.html, options.html) in a new window. */
export async function openExtensionPage(browser: Browser, file: string, viewport = { width: 400, height: 800 }): Promise<Page> {
  const page = await browser.newPage({ type: 'window' });
  await page.setViewport(viewport);
  const url = extensionUrl(file);
  // Never resolves in Firefox (see above); it rejects with "Frame detached" when the page closes.
  void page.goto(url).catch(() => undefined);
  await eventually(async () => {
    // Evaluating while the page is still navigating rejects: not loaded yet.
    const state = await page.evaluate(() => ({ href: location.href, ready: document.readyState })).catch(() => null);
    // The side panel routes in the hash (`sidepanel.html#/account/…`): compare without it.
    const loaded = state !== null && state.href.split('#')[0] === url.split('#')[0] && state.ready === 'complete';
    if (!loaded) throw new Error(`${file} did not load (now ${JSON.stringify(state)})`);
  });
  return page;
}

/** The window the add-on opened whose URL contains `part` (e.g. the OAuth consent window). */
export async function waitForPage(browser: Browser, part: string, timeout = 10_000): Promise<Page> {
  return eventually(async () => {
    for (const page of await browser.pages()) if (page.url().includes(part)) return page;
    throw new Error(`no window with "${part}" opened`);
  }, timeout);
}

export interface SidebarView {
  url: string;
  /** The account pills the sidebar shows. */
  pills: string[];
  /** Its headings, in order. */
  headings: string[];
}

/**
 * What Firefox's real sidebars show. Automation cannot reach the sidebar as a page, but any of the
 * add-on's own pages can: `extension.getViews({type:'sidebar'})` returns the sidebar documents
 * (same origin). Firefox opens the sidebar of a newly installed add-on by itself (`open_at_install`).
 */
export async function sidebarViews(fromExtensionPage: Page): Promise<{ open: boolean; views: SidebarView[] }> {
  // No named functions inside: tsx (esbuild keepNames) would wrap them in a `__name` helper that
  // does not exist in the page.
  return fromExtensionPage.evaluate(async () => {
    const api = (globalThis as unknown as { browser: typeof import('webextension-polyfill') }).browser;
    const views = api.extension.getViews({ type: 'sidebar' } as never).map((w) => ({
      url: w.location.href,
      pills: [...w.document.querySelectorAll('[role="tablist"][aria-label="Instagram accounts"] [role="tab"]')].map((e) =>
        (e as HTMLElement).innerText.replace(/\s+/g, ' ').trim(),
      ),
      headings: [...w.document.querySelectorAll('h1, h2, h3, [role="heading"]')].map((e) =>
        (e as HTMLElement).innerText.replace(/\s+/g, ' ').trim(),
      ),
    }));
    return { open: await api.sidebarAction.isOpen({}), views };
  });
}
