/**
 * The few places where Chrome and Firefox differ, behind one small API. Nothing else in the code
 * checks which browser it runs in.
 *
 * It looks for features, never at the browser's name: Chrome has `chrome.sidePanel`, Firefox has
 * `browser.sidebarAction`. Both open only from a user gesture, so `openInbox` must call them in the
 * click itself, without awaiting anything first.
 */
import { browser } from 'wxt/browser';

interface SidePanelApi {
  open(options: { windowId: number }): Promise<void>;
  setPanelBehavior?(behavior: { openPanelOnActionClick: boolean }): Promise<void>;
}

interface SidebarActionApi {
  open(): Promise<void>;
}

/** Chrome's side panel, when the browser has one. */
function sidePanel(): SidePanelApi | undefined {
  if (typeof chrome === 'undefined') return undefined;
  const api = (chrome as { sidePanel?: Partial<SidePanelApi> }).sidePanel;
  return typeof api?.open === 'function' ? (api as SidePanelApi) : undefined;
}

/** Firefox's sidebar, when the browser has one. */
function sidebarAction(): SidebarActionApi | undefined {
  const api = (browser as unknown as { sidebarAction?: Partial<SidebarActionApi> }).sidebarAction;
  return typeof api?.open === 'function' ? (api as SidebarActionApi) : undefined;
}

/**
 * The redirect URL to register with Meta: `https://<extension-id>.chromiumapp.org/` on Chrome,
 * `https://<sha1 of the add-on id>.extensions.allizom.org/` on Firefox.
 */
export function authRedirectUrl(): string {
  return browser.identity.getRedirectURL();
}

/** Runs the browser's web auth flow; resolves with the final redirect URL. */
export function launchAuthFlow(url: string, interactive: boolean): Promise<string | undefined> {
  return browser.identity.launchWebAuthFlow({ url, interactive });
}

/**
 * Keeps the toolbar button on the popup. Chrome: the side panel opens from the popup or from the
 * keyboard command, not from the toolbar click. Firefox: the sidebar has its own button; nothing to do.
 */
export async function configureActionPanel(): Promise<void> {
  const panel = sidePanel();
  if (panel?.setPanelBehavior) {
    await panel.setPanelBehavior({ openPanelOnActionClick: false }).catch(() => undefined);
  }
}

let currentWindowId: number | undefined;

/**
 * Call when a page loads: remembers its window, because opening Chrome's side panel needs a window
 * id and must happen in the click itself — awaiting anything first loses the user gesture.
 */
export function prepareInboxOpening(): void {
  if (!sidePanel()) return;
  void browser.windows.getCurrent().then(
    (w) => {
      currentWindowId = w.id;
    },
    () => undefined,
  );
}

/**
 * Opens the full inbox: the side panel on Chrome, the sidebar on Firefox. Call it directly from a
 * click. Rejects when the browser has neither.
 */
export function openInbox(): Promise<void> {
  const panel = sidePanel();
  if (panel) {
    return panel.open({ windowId: currentWindowId ?? chrome.windows.WINDOW_ID_CURRENT });
  }
  const sidebar = sidebarAction();
  if (sidebar) return sidebar.open();
  return Promise.reject(new Error('This browser has no side panel or sidebar for extensions.'));
}

/** Opens the options page, where accounts are connected and disconnected. */
export function openConnections(): Promise<void> {
  return browser.runtime.openOptionsPage();
}
