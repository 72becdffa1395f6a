/**
 * The few places where Chrome and Firefox differ, behind one small API. Nothing else in the code
 * checks which browser it runs in.
 */
import { browser } from 'wxt/browser';

const hasSidePanel = (): boolean => typeof chrome !== 'undefined' && typeof chrome.sidePanel?.open === 'function';

/** The redirect URL to register with Meta (`https://<id>.chromiumapp.org/` or `…allizom.org/`). */
export function authRedirectUrl(): string {
  return browser.identity.getRedirectURL();
}

/** Runs the browser's web auth flow; resolves with the final redirect URL. */
export function launchAuthFlow(url: string, interactive: boolean): Promise<string | undefined> {
  return browser.identity.launchWebAuthFlow({ url, interactive });
}

/** Makes the toolbar button open the side panel where the browser supports it. */
export async function configureActionPanel(): Promise<void> {
  if (typeof chrome !== 'undefined' && chrome.sidePanel?.setPanelBehavior) {
    // The popup is the toolbar action; the side panel opens from it or from the keyboard command.
    await chrome.sidePanel.setPanelBehavior({ openPanelOnActionClick: false }).catch(() => undefined);
  }
}

let currentWindowId: number | undefined;

/**
 * Call when a page loads: remembers its window, because opening the side panel must happen in the
 * click itself — awaiting anything first loses the user gesture the browser requires.
 */
export function prepareInboxOpening(): void {
  if (typeof chrome !== 'undefined' && chrome.windows?.getCurrent) {
    void chrome.windows.getCurrent().then((w) => {
      currentWindowId = w.id;
    });
  }
}

/** Opens the full inbox (side panel on Chrome, sidebar on Firefox). Call it directly from a click. */
export function openInbox(): Promise<void> {
  if (hasSidePanel()) {
    return currentWindowId !== undefined
      ? chrome.sidePanel.open({ windowId: currentWindowId })
      : chrome.sidePanel.open({ windowId: chrome.windows.WINDOW_ID_CURRENT });
  }
  const sidebar = (browser as unknown as { sidebarAction?: { open(): Promise<void> } }).sidebarAction;
  return sidebar ? sidebar.open() : Promise.resolve();
}

export function openConnections(): Promise<void> {
  return browser.runtime.openOptionsPage();
}
