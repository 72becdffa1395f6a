/**
 * lib/platform: the one module that knows Chrome and Firefox differ. Chrome is simulated with a
 * `chrome.sidePanel` stub, Firefox with `browser.sidebarAction` and a `chrome` global without a side
 * panel (Firefox defines `chrome` too). The fake browser throws on APIs it lacks, so every call used
 * here is stubbed.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

type Platform = typeof import('@/lib/platform');
type FakeBrowser = (typeof import('wxt/testing/fake-browser'))['fakeBrowser'];

type LaunchWebAuthFlow = (details: { url: string; interactive?: boolean }) => Promise<string | undefined>;

const WINDOW_ID_CURRENT = -2;

/** The identity API with a plain signature (the fake browser's types carry Chrome's callback overloads). */
const identity = (fake: FakeBrowser) => fake.identity as unknown as { launchWebAuthFlow: LaunchWebAuthFlow };

/** A fresh copy of the module (it remembers the popup's window) and the fake browser it sees. */
async function load(): Promise<{ platform: Platform; fake: FakeBrowser }> {
  vi.resetModules();
  const platform = await import('@/lib/platform');
  const { browser } = await import('wxt/browser');
  loaded = browser as unknown as FakeBrowser;
  return { platform, fake: loaded };
}

function chromeWithSidePanel() {
  const sidePanel = {
    open: vi.fn((_options: { windowId: number }) => Promise.resolve()),
    setPanelBehavior: vi.fn((_behavior: { openPanelOnActionClick: boolean }) => Promise.resolve()),
  };
  vi.stubGlobal('chrome', { sidePanel, windows: { WINDOW_ID_CURRENT } });
  return sidePanel;
}

function firefoxSidebar(fake: FakeBrowser) {
  // Firefox has a `chrome` global too, just without `sidePanel`.
  vi.stubGlobal('chrome', { windows: { WINDOW_ID_CURRENT } });
  const sidebarAction = { open: vi.fn(() => Promise.resolve()) };
  Object.assign(fake, { sidebarAction });
  return sidebarAction;
}

let loaded: FakeBrowser | undefined;

afterEach(() => {
  if (loaded) delete (loaded as { sidebarAction?: unknown }).sidebarAction;
  loaded = undefined;
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('auth redirect and web auth flow', () => {
  it('uses the browser identity API for the redirect URL', async () => {
    const { platform, fake } = await load();
    vi.spyOn(fake.identity, 'getRedirectURL').mockReturnValue('https://abc.extensions.allizom.org/');
    expect(platform.authRedirectUrl()).toBe('https://abc.extensions.allizom.org/');
  });

  it('passes the URL and interactivity to launchWebAuthFlow and returns its result', async () => {
    const { platform, fake } = await load();
    const launch = vi.spyOn(identity(fake), 'launchWebAuthFlow').mockResolvedValue('https://x.chromiumapp.org/#access_token=t');
    await expect(platform.launchAuthFlow('http://127.0.0.1:1/dialog/oauth?client_id=1', false)).resolves.toBe(
      'https://x.chromiumapp.org/#access_token=t',
    );
    expect(launch).toHaveBeenCalledWith({ url: 'http://127.0.0.1:1/dialog/oauth?client_id=1', interactive: false });
  });

  it('passes a rejected flow on unchanged', async () => {
    const { platform, fake } = await load();
    vi.spyOn(identity(fake), 'launchWebAuthFlow').mockRejectedValue(new Error('User interaction required.'));
    await expect(platform.launchAuthFlow('http://127.0.0.1:1/', false)).rejects.toThrow('User interaction required.');
  });
});

describe('on Chrome (side panel)', () => {
  it('keeps the toolbar button on the popup instead of opening the panel', async () => {
    const { platform } = await load();
    const sidePanel = chromeWithSidePanel();
    await platform.configureActionPanel();
    expect(sidePanel.setPanelBehavior).toHaveBeenCalledWith({ openPanelOnActionClick: false });
  });

  it('ignores a refused panel behaviour', async () => {
    const { platform } = await load();
    const sidePanel = chromeWithSidePanel();
    sidePanel.setPanelBehavior.mockRejectedValue(new Error('nope'));
    await expect(platform.configureActionPanel()).resolves.toBeUndefined();
  });

  it('opens the side panel in the window remembered when the page loaded', async () => {
    const { platform, fake } = await load();
    const sidePanel = chromeWithSidePanel();
    const current = Promise.resolve({ id: 7 });
    vi.spyOn(fake.windows as unknown as { getCurrent: () => Promise<{ id?: number }> }, 'getCurrent').mockReturnValue(current);
    platform.prepareInboxOpening();
    await current;
    await platform.openInbox();
    expect(sidePanel.open).toHaveBeenCalledWith({ windowId: 7 });
  });

  it('falls back to the current window when the window is not known yet', async () => {
    const { platform } = await load();
    const sidePanel = chromeWithSidePanel();
    await platform.openInbox();
    expect(sidePanel.open).toHaveBeenCalledWith({ windowId: WINDOW_ID_CURRENT });
  });

  it('calls sidePanel.open synchronously, inside the click', async () => {
    const { platform } = await load();
    const sidePanel = chromeWithSidePanel();
    const opening = platform.openInbox();
    expect(sidePanel.open).toHaveBeenCalledTimes(1);
    await opening;
  });

  it('passes a refused opening on, so the popup can explain', async () => {
    const { platform } = await load();
    const sidePanel = chromeWithSidePanel();
    sidePanel.open.mockRejectedValue(new Error('`sidePanel.open()` may only be called in response to a user gesture.'));
    await expect(platform.openInbox()).rejects.toThrow('user gesture');
  });

  it('prefers the side panel even if a sidebar API is present', async () => {
    const { platform, fake } = await load();
    const sidePanel = chromeWithSidePanel();
    const sidebarAction = { open: vi.fn(() => Promise.resolve()) };
    Object.assign(fake, { sidebarAction });
    await platform.openInbox();
    expect(sidePanel.open).toHaveBeenCalledTimes(1);
    expect(sidebarAction.open).not.toHaveBeenCalled();
  });
});

describe('on Firefox (sidebar)', () => {
  it('opens the sidebar, synchronously inside the click', async () => {
    const { platform, fake } = await load();
    const sidebarAction = firefoxSidebar(fake);
    const opening = platform.openInbox();
    expect(sidebarAction.open).toHaveBeenCalledTimes(1);
    await expect(opening).resolves.toBeUndefined();
  });

  it('leaves the toolbar button alone', async () => {
    const { platform, fake } = await load();
    firefoxSidebar(fake);
    await expect(platform.configureActionPanel()).resolves.toBeUndefined();
  });

  it('does not look up the window on page load (the sidebar needs none)', async () => {
    const { platform, fake } = await load();
    firefoxSidebar(fake);
    const getCurrent = vi.spyOn(fake.windows, 'getCurrent');
    platform.prepareInboxOpening();
    expect(getCurrent).not.toHaveBeenCalled();
  });

  it('passes a refused opening on', async () => {
    const { platform, fake } = await load();
    const sidebarAction = firefoxSidebar(fake);
    sidebarAction.open.mockRejectedValue(new Error('sidebarAction.open may only be called from a user input handler'));
    await expect(platform.openInbox()).rejects.toThrow('user input handler');
  });
});

describe('opening the inbox from the background', () => {
  it('opens the inbox in a tab when the side panel refuses, and notes why in the diagnostics log', async () => {
    const { platform, fake } = await load();
    const { readDiagnostics } = await import('@/lib/diagnostics');
    const sidePanel = chromeWithSidePanel();
    sidePanel.open.mockRejectedValue(new Error('sidePanel.open() may only be called in response to a user gesture'));
    const create = vi.spyOn(fake.tabs, 'create');
    await platform.openInboxFromBackground('#/account/ig1', 7);
    expect(sidePanel.open).toHaveBeenCalledWith({ windowId: 7 });
    expect(create).toHaveBeenCalledWith({ url: expect.stringMatching(/\/sidepanel\.html#\/account\/ig1$/) as unknown as string });
    expect(await readDiagnostics()).toEqual([
      expect.objectContaining({ area: 'platform', level: 'warn', message: expect.stringContaining('in a tab') as unknown as string }),
    ]);
  });
});

describe('elsewhere', () => {
  it('rejects when there is neither a side panel nor a sidebar', async () => {
    const { platform } = await load();
    vi.stubGlobal('chrome', undefined);
    await expect(platform.openInbox()).rejects.toThrow('no side panel or sidebar');
    await expect(platform.configureActionPanel()).resolves.toBeUndefined();
    expect(() => platform.prepareInboxOpening()).not.toThrow();
  });

  it('opens the options page for connections', async () => {
    const { platform, fake } = await load();
    const open = vi.spyOn(fake.runtime, 'openOptionsPage').mockResolvedValue();
    await platform.openConnections();
    expect(open).toHaveBeenCalledTimes(1);
  });
});
