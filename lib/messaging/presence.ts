/**
 * Pages tell the background that they are open and visible, so it syncs every ~10 s while one is
 * in view (lib/policy/sync-cadence.ts). It is a runtime port rather than a request of protocol.ts: a
 * port disconnects by itself when its page closes or crashes, so the background never waits for
 * a "closed" that a closing page cannot send.
 *
 * The page says `{ visible }` on connecting, on every visibilitychange, and again every
 * HEARTBEAT_MS while visible (a message on a port keeps Chrome's worker alive; a stopped worker
 * disconnects the port, and the page connects again).
 */
import { browser } from 'wxt/browser';

export const PRESENCE_PORT = 'dmdesk/presence';
export const HEARTBEAT_MS = 20_000;
const RECONNECT_MS = 1_000;

export interface PresenceMessage {
  visible: boolean;
}

/** What both ends need of a runtime port. */
export interface PresencePort {
  readonly name: string;
  readonly sender?: { id?: string };
  postMessage(message: PresenceMessage): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

export interface PageSide {
  connect(): PresencePort;
  visible(): boolean;
  onVisibilityChange(listener: () => void): () => void;
  setTimer(run: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

const browserPage = (): PageSide => ({
  connect: () => browser.runtime.connect({ name: PRESENCE_PORT }) as unknown as PresencePort,
  visible: () => document.visibilityState === 'visible',
  onVisibilityChange: (listener) => {
    document.addEventListener('visibilitychange', listener);
    return () => document.removeEventListener('visibilitychange', listener);
  },
  setTimer: (run, ms) => setInterval(run, ms),
  clearTimer: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
});

/** Page side: reports this page's visibility until the returned function is called. */
export function reportPresence(page: PageSide = browserPage()): () => void {
  let port: PresencePort | null = null;
  let stopped = false;
  let reconnect: ReturnType<typeof setTimeout> | null = null;
  const say = (): void => {
    try {
      port?.postMessage({ visible: page.visible() });
    } catch {
      // A port whose worker went away: onDisconnect connects again.
    }
  };
  const open = (): void => {
    if (stopped) return;
    try {
      port = page.connect();
    } catch {
      port = null;
      return;
    }
    port.onDisconnect.addListener(() => {
      port = null;
      if (!stopped) reconnect ??= setTimeout(() => ((reconnect = null), open()), RECONNECT_MS);
    });
    say();
  };
  open();
  const unwatch = page.onVisibilityChange(say);
  const heartbeat = page.setTimer(() => {
    if (page.visible()) say();
  }, HEARTBEAT_MS);
  return () => {
    stopped = true;
    unwatch();
    page.clearTimer(heartbeat);
    if (reconnect) clearTimeout(reconnect);
    port?.disconnect();
    port = null;
  };
}

/**
 * Background side: follows every page's port and calls `onChange` with whether at least one page
 * is visible, each time that changes. Only our own extension's pages count.
 */
export function trackPresence(
  onConnect: { addListener(listener: (port: PresencePort) => void): void },
  ownId: string,
  onChange: (anyVisible: boolean) => void,
): { anyVisible(): boolean } {
  const pages = new Map<PresencePort, boolean>();
  let last = false;
  const anyVisible = (): boolean => [...pages.values()].some(Boolean);
  const report = (): void => {
    const now = anyVisible();
    if (now !== last) {
      last = now;
      onChange(now);
    }
  };
  onConnect.addListener((port) => {
    if (port.name !== PRESENCE_PORT || port.sender?.id !== ownId) return;
    pages.set(port, false);
    port.onMessage.addListener((message) => {
      if (typeof message !== 'object' || message === null) return;
      const visible = (message as { visible?: unknown }).visible;
      if (typeof visible !== 'boolean') return;
      pages.set(port, visible);
      report();
    });
    port.onDisconnect.addListener(() => {
      pages.delete(port);
      report();
    });
  });
  return { anyVisible };
}
