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

/** Opens the full inbox (side panel on Chrome, sidebar on Firefox). Must run from a user gesture. */
export async function openInbox(): Promise<void> {
  if (hasSidePanel()) {
    const win = await chrome.windows.getCurrent();
    if (win.id !== undefined) await chrome.sidePanel.open({ windowId: win.id });
    return;
  }
  const sidebar = (browser as unknown as { sidebarAction?: { open(): Promise<void> } }).sidebarAction;
  if (sidebar) await sidebar.open();
}

export function openConnections(): Promise<void> {
  return browser.runtime.openOptionsPage();
}
