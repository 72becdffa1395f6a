/**
 * The few places where Chrome and Firefox differ, behind one small API. Nothing else in the code
 * checks which browser it runs in.
 *
 * It looks for features, never at the browser's name: Chrome has `chrome.sidePanel`, Firefox has
 * `browser.sidebarAction`. Both open only from a user gesture, so `openInbox` must call them in the
 * click itself, without awaiting anything first.
 */
import { browser } from 'wxt/browser';
import { logDiagnostic } from '../diagnostics';

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
    await panel
      .setPanelBehavior({ openPanelOnActionClick: false })
      .catch((e: unknown) => logDiagnostic('platform', 'Could not set how the side panel opens', e));
  }
}

let currentWindowId: number | undefined;

/**
 * Call when a page loads: remembers its window, because opening Chrome's side panel needs a window
 * id and must happen in the click itself — awaiting anything first loses the user gesture.
 */
export function prepareInboxOpening(): void {
  if (!sidePanel()) return;
  browser.windows.getCurrent().then(
    (w) => {
      currentWindowId = w.id;
    },
    // Without a window id the panel opens in the current window, which is this page's.
    (e: unknown) => logDiagnostic('platform', 'Could not read the current window', e),
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

/** The toolbar badge: text (may be empty), its colour, and the tooltip that explains it. */
export async function setBadge(badge: { text: string; color: string; title: string }): Promise<void> {
  await Promise.all([
    browser.action.setBadgeText({ text: badge.text }),
    browser.action.setBadgeBackgroundColor({ color: badge.color }),
    browser.action.setTitle({ title: badge.title }),
  ]).catch((e: unknown) => logDiagnostic('badge', 'The browser refused the toolbar badge', e));
}

/** A browser notification. Both browsers support the basic type (Firefox has no list type). */
export async function showNotification(id: string, n: { title: string; message: string }): Promise<void> {
  await browser.notifications
    .create(id, { type: 'basic', iconUrl: browser.runtime.getURL('/icon/128.png'), title: n.title, message: n.message })
    .catch((e: unknown) => logDiagnostic('notifications', 'The browser refused a notification', e));
}

export function onNotificationClicked(listener: (id: string) => void): void {
  browser.notifications.onClicked.addListener((id) => {
    listener(id);
    browser.notifications.clear(id).catch((e: unknown) => logDiagnostic('notifications', 'Could not clear a clicked notification', e));
  });
}

/**
 * Opens the inbox from the background (a keyboard command or a notification click, which count
 * as user gestures). Where the side panel cannot open, the inbox opens in a tab at `hash`.
 */
export function openInboxFromBackground(hash: string, windowId?: number): Promise<void> {
  const panel = sidePanel();
  const inTab = async (): Promise<void> => {
    await browser.tabs.create({ url: browser.runtime.getURL(`/sidepanel.html${hash}`) });
  };
  const orInTab = (e: unknown): Promise<void> => {
    logDiagnostic('platform', 'The inbox panel did not open; opening the inbox in a tab', e);
    return inTab();
  };
  if (panel) return panel.open({ windowId: windowId ?? chrome.windows.WINDOW_ID_CURRENT }).catch(orInTab);
  const sidebar = sidebarAction();
  if (sidebar) return sidebar.open().catch(orInTab);
  return inTab();
}

/** Keyboard commands declared in the manifest (e.g. the one that opens the inbox). */
export function onCommand(listener: (command: string, windowId: number | undefined) => void): void {
  browser.commands.onCommand.addListener((command: string, tab?: { windowId?: number }) => listener(command, tab?.windowId));
}
